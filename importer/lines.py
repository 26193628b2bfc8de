"""Clean extracted text into numbered lines: strip control characters and page-break debris.

Line numbers refer to the text as extracted, so the import report can quote the source line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from importer.document import DocLine, Piece, Units

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufeff\u200b-\u200f\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f]+")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―─]+\s*\d{1,4}\s*[-—–－―─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)])")
_NO_BODY = re.compile(r"^[（(]\s*此页无正文\s*[）)]$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the extracted text
    text: str  # stripped, inner whitespace runs collapsed to one space
    blank_before: bool = False
    indented: bool = False  # the extracted line started with whitespace (a first-line indent, or debris)
    pieces: tuple[Piece, ...] = ()  # the line's runs with their horizontal extent, when the source knows it
    units: Units | None = None
    starts_paragraph: bool = False  # the source marks a paragraph start here (web page, Word)


def split_text(text: str) -> list[DocLine]:
    """Plain text as document lines: file line numbers, blank lines and leading whitespace kept as flags."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    out: list[DocLine] = []
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        unspaced = _SPACES.sub(" ", _CONTROL.sub("", raw))
        if not unspaced.strip():
            blank = True
            continue
        out.append(DocLine(unspaced, blank_before=blank and bool(out), indented=unspaced.startswith(" "), number=number))
        blank = False
    return out


def clean_lines(text: str) -> tuple[list[Line], list[Line]]:
    """Return (content lines, dropped debris lines) of plain text."""
    return clean_doc_lines(split_text(text))


def clean_doc_lines(entries: list[DocLine]) -> tuple[list[Line], list[Line]]:
    """Return (content lines, dropped page-break debris); lines without a file line number are numbered in order."""
    kept: list[Line] = []
    dropped: list[Line] = []
    for index, raw in enumerate(entries, start=1):
        line = _SPACES.sub(" ", _CONTROL.sub("", raw.text)).strip()
        if not line:
            continue
        pieces = tuple(p for p in raw.pieces if _CONTROL.sub("", p.text).strip())
        entry = Line(raw.number or index, line, blank_before=raw.blank_before and bool(kept), indented=raw.indented,
                     pieces=pieces, units=raw.units if pieces else None, starts_paragraph=raw.starts_paragraph)
        if _PAGE_NUMBER.match(nfkc(line)) or _NO_BODY.match(nfkc(line)):
            dropped.append(entry)
        else:
            kept.append(entry)
    return kept, dropped


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def squeeze(text: str) -> str:
    """Text for matching: NFKC, no whitespace, no quotation marks, '1、' written as '1.'."""
    text = nfkc(text)
    text = re.sub(r"\s+", "", text)
    text = re.sub(r"[“”‘’\"'「」『』]", "", text)
    return re.sub(r"(\d)[、．]", r"\1.", text)


def blank_lines_meaningless(lines: list[Line]) -> bool:
    """True when nearly every line is followed by a blank one (double-spaced extraction)."""
    if len(lines) < 4:
        return False
    blanks = sum(1 for line in lines[1:] if line.blank_before)
    return blanks >= 0.6 * (len(lines) - 1)


def indents_mark_paragraphs(lines: list[Line]) -> bool:
    """True when first-line indents survive extraction: most lines after a sentence end are indented.

    Real PDFs lose the indent (the seed) and only page-break debris starts with a space; PDFs from
    our own renderer keep it, and then it is a better paragraph signal than a trailing "。".
    """
    after_sentence = [b for a, b in pairwise(lines) if re.search(r"[。！？]$", a.text)]
    if len(after_sentence) >= 3 and sum(1 for line in after_sentence if line.indented) >= 0.7 * len(after_sentence):
        return True
    # or the other way round: (nearly) every indented line follows the end of a sentence or a heading
    indented = [(a, b) for a, b in pairwise(lines) if b.indented and len(b.text) >= 15 and len(a.pieces) <= 2 and len(b.pieces) <= 2]
    ends = sum(1 for a, _ in indented if re.search(r"[。！？：:；]$|报告$|情况$", a.text) or len(a.text) <= 16 or _HEADING.match(a.text))
    return len(indented) >= 5 and ends >= 0.9 * len(indented)
