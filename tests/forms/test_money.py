"""Money cells keep what was typed, up to four decimals (万元 to the yuan), as a Decimal end to end."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms import CellValueError, format_value, load_draft_file, loads_draft, new_draft, parse_cell_text, validate
from forms.draft_json import dumps_draft
from forms.limits import MONEY_DECIMALS
from forms.values import check_value, to_json


@pytest.mark.parametrize(
    "typed, printed",
    [("12.5", "12.50"), ("59237.2449", "59237.2449"), ("3", "3.00"), ("1316.73", "1316.73"), ("0.1", "0.10"),
     ("12.500", "12.50"), ("7.123", "7.123"), ("1,316.7300万元", "1316.73"), ("０.０００１", "0.0001")],
)
def test_money_prints_what_was_typed(typed: str, printed: str) -> None:
    value = parse_cell_text("money", typed)
    assert isinstance(value, Decimal)
    assert format_value("money", value) == printed


@pytest.mark.parametrize("typed", ["1.23456", "0.00001", "59237.24491"])
def test_five_decimals_are_refused_with_a_message(typed: str) -> None:
    assert MONEY_DECIMALS == 4
    with pytest.raises(CellValueError) as info:
        parse_cell_text("money", typed)
    assert "四位小数" in info.value.zh and "4 decimal" in info.value.en


@pytest.mark.parametrize("amount", ["59237.2449", "12.50", "0.0001", "9999999.9999", "1316.73"])
def test_draft_file_round_trip_keeps_the_decimal(tmp_path, amount: str) -> None:
    draft = new_draft("某市财政局", 2021)
    draft.set_value("t2_8", "fees", "amount", check_value("money", Decimal(amount)))
    text = dumps_draft(draft)
    again = loads_draft(text)
    value = again.values[("t2_8", "fees", "amount")]
    assert isinstance(value, Decimal) and value == Decimal(amount)
    assert format_value("money", value) == format_value("money", Decimal(amount))
    assert f'"amount": {to_json("money", Decimal(amount))}' in text


def test_four_decimals_validate_clean(sample_path) -> None:
    draft = load_draft_file(sample_path)
    draft.set_value("t2_8", "fees", "amount", parse_cell_text("money", "59237.2449"))
    draft.texts["s6"] += "本年度收取信息处理费59237.2449万元。"
    assert [f.code for f in validate(draft)] == []


def test_five_decimals_in_a_draft_are_an_error(sample_path) -> None:
    draft = load_draft_file(sample_path)
    draft.values[("t2_8", "fees", "amount")] = Decimal("1.00001")
    found = [f for f in validate(draft) if f.code == "E_CELL_VALUE"]
    assert len(found) == 1 and "四位小数" in found[0].zh
