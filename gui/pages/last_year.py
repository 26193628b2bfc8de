"""Texts copied from last year's report: the marks that tell the clerk what still speaks of last year.

A copied text keeps last year's years ("2024年") and figures ("受理申请12件"); both are highlighted in
the editor until the clerk has gone through the text and confirmed it.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

__all__ = ["LAST_YEAR_COLOR", "NUMBER_COLOR", "LastYearHighlighter", "last_year_spans"]

LAST_YEAR_COLOR = QColor("#ffcc80")  # a year that is last year (or before): certainly to change
NUMBER_COLOR = QColor("#fff3c4")  # any other figure: probably last year's
_NUMBER = re.compile(r"(?<![0-9０-９.])([0-9０-９]+(?:[.．][0-9０-９]+)?)(?![0-9０-９])")
_FULL = str.maketrans("０１２３４５６７８９．", "0123456789.")
#: Chinese numerals for the years a copied text may name (二〇二四年)
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789", strict=True))
_CN_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")


def last_year_spans(text: str, year: int) -> list[tuple[int, int, str]]:
    """(start, length, kind) of every figure in ``text``: kind "year" for a year before ``year`` (the
    report's year), "number" for any other figure."""
    spans: list[tuple[int, int, str]] = []
    for match in _NUMBER.finditer(text):
        digits = match.group(1).translate(_FULL)
        kind = "year" if len(digits) == 4 and digits.isdigit() and year - 5 <= int(digits) < year else "number"
        spans.append((match.start(1), len(match.group(1)), kind))
    for match in _CN_YEAR.finditer(text):
        digits = "".join(_CN_DIGITS[c] for c in match.group(0))
        if year - 5 <= int(digits) < year:
            spans.append((match.start(), 4, "year"))
    return sorted(spans)


class LastYearHighlighter(QSyntaxHighlighter):
    """Marks last year's years (orange) and other figures (pale yellow) in a copied text."""

    def __init__(self, document: QTextDocument, year: int) -> None:
        super().__init__(document)
        self.year = year
        self._year = QTextCharFormat()
        self._year.setBackground(LAST_YEAR_COLOR)
        self._year.setFontUnderline(True)
        self._number = QTextCharFormat()
        self._number.setBackground(NUMBER_COLOR)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt name)
        for start, length, kind in last_year_spans(text, self.year):
            self.setFormat(start, length, self._year if kind == "year" else self._number)
