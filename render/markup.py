"""User text -> ReportLab paragraph markup: escaped, cleaned, with per-character font fallback.

Everything a clerk types goes through ``markup`` before it reaches ``Paragraph``: ReportLab's
paragraph parser understands tags such as ``<img src=...>`` (which reads files) and ``<font>``, so
unescaped text could change the document or read local files. Escaping ``& < >`` makes every tag
print literally; the only tags in the result are the ``<font name=...>`` runs added here, whose
names come from the registered font set, never from the text.
"""

from __future__ import annotations

import re

from render.fontset import FontSet

# C0/C1 controls (except tab/newline) and lone surrogates break ReportLab's parser or the PDF.
_CONTROL = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """XML-escape for ReportLab's paragraph parser (xml.sax.saxutils pulls in urllib: slow start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clean(text: str) -> str:
    """Normalise line ends, drop control characters, turn tabs into spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _CONTROL.sub("", text)


def paragraphs(text: str) -> list[str]:
    """The clerk's paragraphs: one per line; leading indentation is dropped (the style indents);
    an empty line is kept as an empty string (printed as a blank line)."""
    lines = [line.strip(" \u3000\u00a0") for line in clean(text).split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return lines


def markup(text: str, fonts: FontSet, role: str) -> str:
    """Escaped paragraph markup for ``text`` in ``role``; characters the role's font lacks are
    wrapped in ``<font name="...">`` for the first font of the chain that has them."""
    own = fonts.names[role]
    parts: list[str] = []
    for name, run in fonts.runs(clean(text), role):
        body = escape(run)
        parts.append(body if name == own else f'<font name="{name}">{body}</font>')
    return "".join(parts)
