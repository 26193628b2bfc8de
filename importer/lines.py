"""Clean extracted text into numbered lines: strip control characters and page-break debris.

Line numbers refer to the text as extracted, so the import report can quote the source line.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufeff\u200b-\u200f\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200a\u202f]+")
_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―─]+\s*\d{1,4}\s*[-—–－―─]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
_NO_BODY = re.compile(r"^[（(]\s*此页无正文\s*[）)]$")


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the extracted text
    text: str  # stripped, inner whitespace runs collapsed to one space
    blank_before: bool = False
    indented: bool = False  # the extracted line started with whitespace (a first-line indent, or debris)


def clean_lines(text: str) -> tuple[list[Line], list[Line]]:
    """Return (content lines, dropped debris lines)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n")
    kept: list[Line] = []
    dropped: list[Line] = []
    blank = False
    for number, raw in enumerate(text.split("\n"), start=1):
        unspaced = _SPACES.sub(" ", _CONTROL.sub("", raw))
        line = unspaced.strip()
        if not line:
            blank = True
            continue
        entry = Line(number, line, blank_before=blank and bool(kept), indented=unspaced.startswith(" "))
        blank = False
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
    return len(after_sentence) >= 3 and sum(1 for line in after_sentence if line.indented) >= 0.7 * len(after_sentence)
