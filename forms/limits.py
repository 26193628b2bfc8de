"""Every limit on what a draft may hold, declared once.

The loader, the validator, the GUI's inputs, the command line and the importer all read these,
so that nothing can be typed or imported that the draft file would later refuse.
"""

from __future__ import annotations

from decimal import Decimal

from common import strictjson
from common.errors import AppError

#: Report years: the 条例 took effect in 2008; 2100 guards against typos such as 20211.
YEAR_MIN = 2008
YEAR_MAX = 2100

#: Characters in the agency name, a signature line, a custom heading.
AGENCY_MAX_CHARS = 200
HEADING_MAX_CHARS = 200
#: Characters in one narrative text (about 70 printed pages).
TEXT_MAX_CHARS = 200_000
#: Characters kept for text typed into a number cell that does not parse as a number.
INVALID_INPUT_MAX_CHARS = 100

#: Largest value accepted in a count cell: nine digits, far above any real report, small enough to print.
COUNT_MAX = 999_999_999
#: Largest amount (万元) in a money cell, and the decimals a money cell may carry.
MONEY_MAX = Decimal("9999999.9999")
MONEY_DECIMALS = 4

#: Largest draft or exchange file read (bytes).
DRAFT_FILE_MAX_BYTES = 5 * 1024 * 1024


def year_in_range(year: object) -> bool:
    """True when ``year`` is an int (not bool) inside YEAR_MIN..YEAR_MAX."""
    return isinstance(year, int) and not isinstance(year, bool) and YEAR_MIN <= year <= YEAR_MAX


class LimitError(AppError, ValueError):
    """A value is outside a limit declared here; the message says which limit and what was given."""


def check_year(year: object) -> int:
    """``year`` when it is a report year inside the range, else LimitError."""
    if not year_in_range(year):
        raise LimitError(
            f"报告年度应为 {YEAR_MIN}—{YEAR_MAX} 之间的整数，不能是 {year!s:.12}",
            f"the report year must be a whole number from {YEAR_MIN} to {YEAR_MAX}, not {year!s:.12}",
            advice_zh="请填写报告所统计的年度，例如上一年。",
            advice_en="Enter the year the report covers, usually last year.",
        )
    assert isinstance(year, int)
    return year


def text_too_long(text: str, limit: int) -> LimitError | None:
    """The error for a text longer than ``limit`` characters, or None when it fits."""
    if len(text) <= limit:
        return None
    return LimitError(f"文字过长（{len(text)} 字，最多 {limit} 字）", f"text too long ({len(text)} characters, at most {limit})")
#: Characters no text of a draft may hold: control characters other than tab and line breaks, and
#: lone surrogates. The same rule (one object) that the draft and exchange files read back with.
FORBIDDEN_CHARS = strictjson.FORBIDDEN_CHARS
