"""Every limit on what a draft may hold, declared once.

The loader, the validator, the GUI's inputs, the command line and the importer all read these,
so that nothing can be typed or imported that the draft file would later refuse.
"""

from __future__ import annotations

import re
from decimal import Decimal

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


#: Characters no text of a draft may hold: control characters other than tab and line breaks, and
#: lone surrogates. They cannot be written to, or read back from, the draft and exchange files.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
