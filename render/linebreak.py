"""Chinese line breaking rules for ReportLab's CJK wrap (GB/T 15834 标点符号用法, 避头尾).

ReportLab breaks CJK text between any two characters and knows only a Japanese list of marks that
may not start a line. Installed on import:

* closing marks (，。、；：？！）》” ...) never start a line: in body text one hangs in the margin
  (and the justified line is compressed to fit); in narrow table cells the character before it
  moves down with it;
* opening marks (“《（ ...) never end a line: they move down with the next character;
* a number or Latin word of up to 12 characters is not cut in two (609442, WCAG2.0AA);
* justified lines without spaces are justified with character spacing, as Word does for Chinese
  (ReportLab only stretches spaces, leaving every CJK line ragged by its half-width digits).

Both of ReportLab's CJK paths are covered: ``textsplit.dumbSplit`` (a paragraph in one font, the
normal case) and ``paragraph.cjkFragSplit`` (a paragraph that mixes in the fallback font for a rare
character), with their justification functions.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph

NO_LINE_START = "，。、；：？！）》」』】〕〗〙〛〉’”…％‰℃·—～!),.:;?]}%"
NO_LINE_END = "“‘（《「『【〔〖〘〚〈([{"
KEEP_TOGETHER_MAX = 12
HANG_MIN_CHARS = 20  # lines narrower than this many characters push a closing mark's neighbour down instead
_FUZZ = 1e-6


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%")


def break_lines(word: str, widths: list[float], max_widths: float | list[float]) -> list[tuple[int, int, float]]:
    """Lines as (start, end, available width) index ranges into ``word``, with the rules above."""
    maxes = max_widths if isinstance(max_widths, (list, tuple)) else [max_widths]
    lines: list[tuple[int, int, float]] = []
    start = i = 0
    used = 0.0
    n = len(word)
    while i < n:
        used += widths[i]
        i += 1
        width = maxes[min(len(lines), len(maxes) - 1)]
        if used <= width + _FUZZ:
            continue
        overflow = word[i - 1]
        cut = i - 1  # the overflowing character starts the next line ...
        hang = width >= HANG_MIN_CHARS * widths[i - 1]  # in a narrow table cell it would cross the rule
        if overflow in NO_LINE_START and hang and i > start + 1 and (i >= n or word[i] not in NO_LINE_START):
            cut = i  # ... unless it is one closing mark in a wide line: it hangs in the margin
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
        lines.append((start, cut, width))
        start = i = cut
        used = 0.0
    if start < n:
        lines.append((start, n, maxes[min(len(lines), len(maxes) - 1)]))
    return lines


def _trim(word: str, start: int, end: int) -> tuple[int, int]:
    """Drop spaces at the line ends, as ReportLab does."""
    while start < end and word[start].isspace():
        start += 1
    while end > start and word[end - 1].isspace():
        end -= 1
    return start, end


def dumb_split(word: str, widths: list[float], max_widths: float | list[float]) -> list[list[float | str]]:
    """Drop-in for ``textsplit.dumbSplit`` (one-font paragraphs): [[extra space, line text], ...]."""
    out: list[list[float | str]] = []
    lines = break_lines(word, widths, max_widths)
    for number, (start, end, width) in enumerate(lines):
        if number < len(lines) - 1:
            start, end = _trim(word, start, end)
        out.append([width - sum(widths[start:end]), word[start:end]])
    return out


#: (font name, size) -> (the font measured, width of each character measured so far)
_char_widths: dict[tuple[str, float], tuple[object, dict[str, float]]] = {}
_WIDTH_TABLES_KEPT = 256


def char_widths(word: str, fontName: str, fontSize: float) -> list[float]:
    """Drop-in for ``textsplit.getCharWidths``: the same widths (ReportLab's own ``stringWidth`` of
    each character), each character measured once per font and size instead of at every wrap:
    a table cell is wrapped again each time its table is measured."""
    font = pdfmetrics.getFont(fontName)
    entry = _char_widths.get((fontName, fontSize))
    if entry is None or entry[0] is not font:  # a font registered again under the same name
        if len(_char_widths) >= _WIDTH_TABLES_KEPT:
            _char_widths.clear()
        entry = _char_widths[fontName, fontSize] = (font, {})
    table = entry[1]
    try:
        return [table[ch] for ch in word]
    except KeyError:
        for ch in set(word).difference(table):
            table[ch] = font.stringWidth(ch, fontSize, encoding="utf8")  # as pdfmetrics.stringWidth calls it
        return [table[ch] for ch in word]


_reportlab_frag_split = paragraph.cjkFragSplit


def cjk_frag_split(frags: list[Any], maxWidths: float | list[float], calcBounds: bool, encoding: str = "utf8") -> Any:
    """Drop-in for ``paragraph.cjkFragSplit`` (paragraphs mixing fonts, e.g. a fallback character)."""
    if any(hasattr(f, "cbDefn") or getattr(f, "lineBreak", False) or not f.text for f in frags):
        return _reportlab_frag_split(frags, maxWidths, calcBounds, encoding)  # markup we never produce
    glyphs = [paragraph.cjkU(ch, f, encoding) for f in frags for ch in f.text]
    word = "".join(glyphs)
    widths = [g.width for g in glyphs]
    lines = break_lines(word, widths, maxWidths)
    out = []
    for number, (start, end, width) in enumerate(lines):
        if number < len(lines) - 1:
            start, end = _trim(word, start, end)
        used = sum(widths[start:end])
        out.append(paragraph.makeCJKParaLine(glyphs[start:end], width, used, width - used, False, calcBounds))
    return paragraph.ParaLines(kind=1, lines=out)


_word_space_justify = paragraph._justifyDrawParaLine


def justify_line(tx: Any, offset: float, extraspace: float, words: list[str], last: int = 0) -> float:
    """``paragraph._justifyDrawParaLine`` that spreads the extra space between the characters of a
    line that has no spaces (Chinese); lines with spaces keep ReportLab's word spacing."""
    text = " ".join(words)
    if last or abs(extraspace) <= 1e-8 or " " in text or len(text) < 2 or getattr(tx, "preformatted", False):
        return float(_word_space_justify(tx, offset, extraspace, words, last))
    paragraph.setXPos(tx, offset)
    tx.setCharSpace(extraspace / (len(text) - 1))
    tx._textOut(text, 1)
    tx.setCharSpace(0)
    paragraph.setXPos(tx, -offset)
    return offset


_frag_word_space_justify = paragraph._justifyDrawParaLineX


def justify_frag_line(tx: Any, offset: float, line: Any, last: int = 0) -> None:
    """``paragraph._justifyDrawParaLineX`` (lines mixing fonts) with character spacing, as above."""
    text = "".join(getattr(w, "text", "") for w in line.words)
    extra = line.extraSpace
    if last or line.lineBreak or abs(extra) <= 1e-8 or " " in text or len(text) < 2:
        _frag_word_space_justify(tx, offset, line, last)
        return
    tx._x_offset = offset
    paragraph.setXPos(tx, offset)
    tx.setCharSpace(extra / (len(text) - 1))
    paragraph._putFragLine(offset, tx, line, last, "justify")
    tx.setCharSpace(0)
    paragraph.setXPos(tx, -offset)
    return None


def install() -> None:
    """Patch ReportLab once (idempotent)."""
    textsplit.dumbSplit = dumb_split
    textsplit.getCharWidths = char_widths
    paragraph.cjkFragSplit = cjk_frag_split
    paragraph._justifyDrawParaLine = justify_line
    paragraph._justifyDrawParaLineX = justify_frag_line
    for module in (paragraph, textsplit):
        module.ALL_CANNOT_START += "".join(ch for ch in NO_LINE_START if ch not in module.ALL_CANNOT_START)


install()
