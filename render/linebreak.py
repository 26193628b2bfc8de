"""Chinese line breaking rules for ReportLab's CJK wrap (GB/T 15834 标点符号用法, 避头尾).

ReportLab breaks CJK text between any two characters and knows only a Japanese list of marks that
may not start a line. Installed on import:

* closing marks (，。、；：？！）》” ...) never start a line: they hang in the margin instead;
* opening marks (“《（ ...) never end a line: they move down with the next character;
* a number or Latin word of up to 12 characters is not cut in two (609442, WCAG2.0AA);
* justified lines without spaces are justified with character spacing, as Word does for Chinese
  (ReportLab only stretches spaces, leaving every CJK line ragged by its half-width digits).

The rules apply to every paragraph drawn in one font (the normal case); a paragraph that mixes in
the fallback font goes through ReportLab's own splitter, which gets the closing-mark rule only.
"""

from __future__ import annotations

from reportlab.lib import textsplit
from reportlab.platypus import paragraph

NO_LINE_START = "，。、；：？！）》」』】〕〗〙〛〉’”…％‰℃·—～!),.:;?]}%"
NO_LINE_END = "“‘（《「『【〔〖〘〚〈([{"
KEEP_TOGETHER_MAX = 12
_FUZZ = 1e-6


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%")


def dumb_split(word: str, widths: list[float], max_widths: float | list[float]) -> list[list]:
    """Drop-in for ``textsplit.dumbSplit``: [[extra space, line text], ...] with the rules above."""
    maxes = max_widths if isinstance(max_widths, (list, tuple)) else [max_widths]
    lines: list[list] = []
    start = i = 0
    used = 0.0
    n = len(word)
    while i < n:
        used += widths[i]
        i += 1
        if used <= maxes[min(len(lines), len(maxes) - 1)] + _FUZZ:
            continue
        overflow = word[i - 1]
        cut = i - 1  # the overflowing character starts the next line ...
        if overflow in NO_LINE_START and i > start + 1 and (i >= n or word[i] not in NO_LINE_START):
            cut = i  # ... unless it is one closing mark: it hangs in the margin
        else:
            if overflow in NO_LINE_START:  # several closing marks: the character before them moves down too
                while cut > start + 1 and word[cut] in NO_LINE_START:
                    cut -= 1
            elif _is_word_char(overflow):  # do not cut a short number or Latin word
                back = cut
                while back > start and _is_word_char(word[back - 1]) and cut - back < KEEP_TOGETHER_MAX:
                    back -= 1
                if back > start and not _is_word_char(word[back - 1]):
                    cut = back
            while cut - 1 > start + 1 and word[cut - 1] in NO_LINE_END:
                cut -= 1
            cut = max(cut, start + 1)
        width = maxes[min(len(lines), len(maxes) - 1)]
        lines.append([width - sum(widths[start:cut]), word[start:cut].strip()])
        start = i = cut
        used = 0.0
    if start < n:
        width = maxes[min(len(lines), len(maxes) - 1)]
        lines.append([width - sum(widths[start:]), word[start:]])
    return lines


_word_space_justify = paragraph._justifyDrawParaLine


def justify_line(tx, offset: float, extraspace: float, words: list[str], last: int = 0) -> float:  # type: ignore[no-untyped-def]
    """``paragraph._justifyDrawParaLine`` that spreads the extra space between the characters of a
    line that has no spaces (Chinese); lines with spaces keep ReportLab's word spacing."""
    text = " ".join(words)
    if last or abs(extraspace) <= 1e-8 or " " in text or len(text) < 2 or getattr(tx, "preformatted", False):
        return _word_space_justify(tx, offset, extraspace, words, last)
    paragraph.setXPos(tx, offset)
    tx.setCharSpace(extraspace / (len(text) - 1))
    tx._textOut(text, 1)
    tx.setCharSpace(0)
    paragraph.setXPos(tx, -offset)
    return offset


def install() -> None:
    """Patch ReportLab once (idempotent)."""
    textsplit.dumbSplit = dumb_split
    paragraph._justifyDrawParaLine = justify_line
    for module in (paragraph, textsplit):
        module.ALL_CANNOT_START += "".join(ch for ch in NO_LINE_START if ch not in module.ALL_CANNOT_START)


install()
