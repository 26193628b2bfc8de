"""Typed cell values: what a count, a signed change and an amount of money may hold.

One place decides what is a valid cell value, so the wizard, the importer, the draft-file loader
and the validator all accept and refuse exactly the same things. A blank cell is ``None``; it is
never the same as 0.
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal, InvalidOperation

from common.errors import AppError

CellValue = int | Decimal | None

#: Largest value accepted in any cell. Nine digits: far above any real report, small enough to print.
MAX_COUNT = 999_999_999
MAX_MONEY = Decimal("9999999.99")  # 万元, i.e. just under 100 billion yuan


class CellValueError(AppError, ValueError):
    """A value does not fit its cell; ``zh``/``en`` say why in words a clerk understands."""


def check_value(kind: str, value: object) -> CellValue:
    """Return ``value`` normalised for a cell of ``kind``, or raise CellValueError."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellValueError("应填写数字，不能是真/假值", "must be a number, not true/false")
    if isinstance(value, (float, Decimal)) and not (value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)):
        raise CellValueError("不是有效的数字", "is not a finite number")
    if kind in ("count", "signed"):
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int):
            raise CellValueError("应填写整数（件）", "must be a whole number")
        if kind == "count" and value < 0:
            raise CellValueError("不能为负数", "must not be negative")
        if abs(value) > MAX_COUNT:
            raise CellValueError(f"数值过大（最大 {MAX_COUNT}）", f"is too large (at most {MAX_COUNT})")
        return value
    if kind == "money":
        if isinstance(value, float):
            value = Decimal(repr(value))
        elif isinstance(value, int):
            value = Decimal(value)
        if not isinstance(value, Decimal) or not value.is_finite():
            raise CellValueError("应填写金额数字", "must be an amount of money")
        if value < 0:
            raise CellValueError("金额不能为负数", "must not be negative")
        if value > MAX_MONEY:
            raise CellValueError(f"金额过大（最大 {MAX_MONEY} 万元）", f"is too large (at most {MAX_MONEY})")
        if value != value.quantize(Decimal("0.01")):
            raise CellValueError("金额最多保留两位小数", "has more than two decimal places")
        return value.quantize(Decimal("0.01"))
    raise ValueError(f"unknown cell kind {kind!r}")


def parse_cell_text(kind: str, text: str) -> CellValue:
    """Parse what a clerk typed or pasted ("12", "+2", "－1", "１３", "1,316.73", "1316.73万元", "")."""
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace(" ", "")
    cleaned = cleaned.replace("−", "-").replace("—", "-")
    for unit in ("万元", "件", "个", "项", "元"):
        if cleaned.endswith(unit):
            if unit == "元" and kind == "money":
                raise CellValueError("金额单位为万元，请换算后填写", "the unit is 10,000 yuan; please convert")
            cleaned = cleaned[: -len(unit)]
            break
    if cleaned == "":
        return None
    if kind in ("count", "signed"):
        body = cleaned[1:] if cleaned[0] in "+-" else cleaned
        if not body.isdigit() or not body.isascii():
            raise CellValueError(f"“{text.strip()}”不是整数", f"'{text.strip()}' is not a whole number")
        return check_value(kind, int(cleaned))
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise CellValueError(f"“{text.strip()}”不是金额", f"'{text.strip()}' is not an amount") from None
    return check_value(kind, amount)


def format_value(kind: str, value: CellValue) -> str:
    """How a value is printed in the report: money always with two decimals; blank stays blank."""
    if value is None:
        return ""
    if kind == "money":
        return f"{Decimal(value):.2f}"
    if kind == "signed" and value > 0:
        return f"+{value}"
    return str(value)


def to_json(kind: str, value: CellValue) -> int | Decimal | None:
    """JSON form of a value: integers as numbers; money as an exact Decimal (whole amounts as int), never a float."""
    if value is None:
        return None
    if kind == "money":
        amount = Decimal(value)
        return int(amount) if amount == amount.to_integral_value() else amount.normalize()
    return int(value)
