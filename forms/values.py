"""Typed cell values: what a count, a signed change and an amount of money may hold.

One place decides what is a valid cell value, so the wizard, the importer, the draft-file loader
and the validator all accept and refuse exactly the same things. A blank cell is ``None``; it is
never the same as 0. Money stays a ``Decimal`` from what was typed to what is printed, keeping the
decimals the clerk typed (at least two are printed, at most ``limits.MONEY_DECIMALS`` are accepted).
"""

from __future__ import annotations

import math
import unicodedata
from decimal import Decimal, InvalidOperation

from common.errors import AppError
from forms import limits

CellValue = int | Decimal | None

_CENT = Decimal("0.01")


class CellValueError(AppError, ValueError):
    """A value does not fit its cell; ``zh``/``en`` say why in words a clerk understands."""


def check_value(kind: str, value: object) -> CellValue:
    """Return ``value`` normalised for a cell of ``kind``, or raise CellValueError."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellValueError("应填写数字，不能是真/假值", "must be a number, not true/false")
    if isinstance(value, float) and not math.isfinite(value):
        raise CellValueError("不是有效的数字", "is not a finite number")
    if isinstance(value, Decimal) and not value.is_finite():
        raise CellValueError("不是有效的数字", "is not a finite number")
    if kind in ("count", "signed"):
        return _check_whole(kind, value)
    if kind == "money":
        return _check_money(value)
    raise ValueError(f"unknown cell kind {kind!r}")


def _check_whole(kind: str, value: object) -> int:
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int):
        raise CellValueError("应填写整数（件）", "must be a whole number")
    if kind == "count" and value < 0:
        raise CellValueError("不能为负数", "must not be negative")
    if abs(value) > limits.COUNT_MAX:
        raise CellValueError(f"数值过大（最大 {limits.COUNT_MAX}）", f"is too large (at most {limits.COUNT_MAX})")
    return value


def _check_money(value: object) -> Decimal:
    if isinstance(value, float):
        value = Decimal(repr(value))
    elif isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise CellValueError("应填写金额数字", "must be an amount of money")
    if value < 0:
        raise CellValueError("金额不能为负数", "must not be negative")
    if value > limits.MONEY_MAX:
        raise CellValueError(f"金额过大（最大 {limits.MONEY_MAX} 万元）", f"is too large (at most {limits.MONEY_MAX})")
    decimals = money_decimals(value)
    if decimals > limits.MONEY_DECIMALS:
        raise CellValueError(
            f"金额最多保留{_ZH_DIGITS[limits.MONEY_DECIMALS]}位小数（即精确到元），请核对",
            f"has more than {limits.MONEY_DECIMALS} decimal places (the amount is in 10,000 yuan: 4 decimals is one yuan)",
        )
    return value.quantize(Decimal(1).scaleb(-max(2, decimals)))


_ZH_DIGITS = "零一二三四五六七八九"


def money_decimals(value: Decimal) -> int:
    """Decimals that carry information: 12.50 has 1, 59237.2449 has 4, 3 has 0."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


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
    if not amount.is_finite():
        raise CellValueError(f"“{text.strip()}”不是金额", f"'{text.strip()}' is not an amount")
    return check_value(kind, amount)


def format_value(kind: str, value: CellValue) -> str:
    """How a value is printed: money with the decimals typed (at least two); blank stays blank."""
    if value is None:
        return ""
    if kind == "money":
        amount = Decimal(value)
        return f"{amount.quantize(Decimal(1).scaleb(-max(2, money_decimals(amount)))):f}"
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
