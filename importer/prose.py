"""Rebuild paragraphs from hard-wrapped lines, the way the draft stores them.

Conventions (as in examples/longgang-2020.json): lines of one paragraph are joined; whitespace is
removed except between two ASCII letters/digits; paragraphs are separated by a single "\n".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from importer.lines import Line

_ENDS_PARAGRAPH = re.compile(r"[。！？!?][”’」』）)]?$")
_STARTS_ITEM = re.compile(r"^(?:\d{1,2}[.、．](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])")
_SPACE = re.compile(r"\s+")
_ASCII_WORD = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True)
class Style:
    """How paragraph breaks show in this extraction (decided once for the whole text)."""

    blanks_meaningless: bool  # every line is followed by a blank line
    indents: bool  # first-line indents survived
    explicit: bool = False  # the source marks every paragraph start (web page, Word): nothing to guess


def paragraphs(lines: list[Line], style: Style) -> list[str]:
    out: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if style.explicit:
            starts_new = line.starts_paragraph
        elif style.indents:
            starts_new = line.indented
        else:
            starts_new = bool(_STARTS_ITEM.match(line.text)) or (line.blank_before and not style.blanks_meaningless)
        if starts_new and current:
            out.append(current)
            current = []
        current.append(line.text)
        if not style.indents and not style.explicit and _ENDS_PARAGRAPH.search(line.text):
            out.append(current)
            current = []
    if current:
        out.append(current)
    return [p for p in (join_words(" ".join(chunk)) for chunk in out) if p]


def join_words(text: str) -> str:
    """Collapse whitespace; keep a single space only between two ASCII letters or digits."""
    parts = _SPACE.split(text.strip())
    if not parts:
        return ""
    joined = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if joined and _ASCII_WORD.match(joined[-1]) and _ASCII_WORD.match(part[0]):
            joined += " " + part
        else:
            joined += part
    return joined


def prose(lines: list[Line], style: Style) -> str:
    return "\n".join(paragraphs(lines, style))
