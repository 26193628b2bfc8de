"""Placing a flattened row's numbers: row-total rule, printed totals, column sums and the balance rule."""

from __future__ import annotations

from decimal import Decimal

import pytest

from forms import load_format
from importer import import_text
from importer.readings import read_row

T3 = load_format("2019").table("t3")
T2_5 = load_format("2019").table("t2_5")
T2_9 = load_format("2019").table("t2_9")
T4 = load_format("2019").table("t4")


@pytest.mark.parametrize(
    ("row", "texts", "cells", "alternatives"),
    [
        ("new", ["1", "1"], {"natural": 1, "total": 1}, 5),  # the seed: one applicant column + 总计
        ("new", ["1"], {"natural": 1}, 5),  # a lone number is a part, not a total without parts
        ("new", ["0"], {"total": 0}, 0),  # a lone 0 is read as the total (its blank parts add up to nothing)
        ("new", ["3", "1", "4"], {"natural": 3, "commercial": 1, "total": 4}, 14),
        ("new", ["3", "1", "5"], {"natural": 3, "commercial": 1, "research": 5}, 19),  # 3+1≠5: no total printed
        ("new", list("1000001"), {"natural": 1, "commercial": 0, "research": 0, "nonprofit": 0, "legal": 0, "other": 0, "total": 1}, 0),
        ("results_total", ["1"], {"total": 1}, 0),
    ],
)
def test_section_three_rows(row: str, texts: list[str], cells: dict, alternatives: int) -> None:
    reading = read_row(T3, T3.row(row), texts)
    assert reading is not None
    assert reading.cells == cells
    assert reading.alternatives == alternatives
    assert reading.guessed == (len(texts) < 7)


def test_too_many_numbers_fit_nowhere() -> None:
    assert read_row(T3, T3.row("new"), ["1"] * 8) is None


def test_a_full_row_whose_total_is_wrong_is_kept_as_printed() -> None:
    """Every cell printed: the positions are certain; the wrong total is kept for the validator to flag."""
    reading = read_row(T3, T3.row("new"), ["1", "0", "0", "0", "0", "0", "2"])
    assert reading is not None and not reading.guessed
    assert reading.cells == {"natural": 1, "commercial": 0, "research": 0, "nonprofit": 0, "legal": 0, "other": 0, "total": 2}


def test_a_wrong_printed_total_is_imported_and_noted(seed_text: str) -> None:
    from forms import validate

    result = import_text(seed_text.replace("申请数量 1 1", "申请数量 1 0 0 0 0 0 2"))
    assert result.draft.stated[("t3", "new", "total")] == 2 and result.draft.values[("t3", "new", "natural")] == 1
    assert any("总计" in i.zh and "2" in i.zh and "1" in i.zh for i in result.report.by_section("3", "note"))
    assert any(f.location.row == "new" for f in validate(result.draft) if "TOTAL" in f.code)


def test_kinds_decide_columns() -> None:
    """A negative number only fits a signed column; an amount with 万元 only the money column."""
    reading = read_row(T2_5, T2_5.row("licensing"), ["-3", "5"])
    assert reading is not None and reading.cells == {"change": -3, "decisions": 5}
    money = read_row(T2_9, T2_9.row("procurement"), ["1316.73万元"])
    assert money is not None and money.cells == {"amount": Decimal("1316.73")}
    yuan = read_row(T2_9, T2_9.row("procurement"), ["19", "13167300元"])
    assert yuan is not None and yuan.cells == {"items": 19, "amount": Decimal("1316.73")}


def test_section_four_totals() -> None:
    reading = read_row(T4, T4.row("cases"), ["1", "1", "2"])
    assert reading is not None
    assert reading.cells == {"review_upheld": 1, "review_corrected": 1, "review_total": 2}


MINI = """某某县某某局
2020年政府信息公开工作年度报告
一、总体情况
（一）主动公开情况
本年度主动公开信息10条。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
申请人情况 自然人 法人或其他组织 总计
一、本年新收政府信息公开申请数量 {new}
二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0
三、本年度办理结果
（一）予以公开 2 2
（二）部分公开（区分处理的，只计这一情形，不计其他情形） 1 1
（七）总计 {total}
四、结转下年度继续办理 0 0 0 0 0 0 0
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
无。
六、其他需要报告的事项
无。
"""


def test_column_sums_decide_an_ambiguous_row() -> None:
    """（二）'1 1' could be any applicant column; the printed （七）总计 and the balance rule leave only 法律服务机构."""
    result = import_text(MINI.format(new="2 1 3", total="2 0 0 0 1 0 3"))
    values = result.draft.values
    assert values[("t3", "partial", "legal")] == 1
    assert values[("t3", "new", "legal")] == 1
    assert values[("t3", "public", "natural")] == 2 and values[("t3", "new", "natural")] == 2
    partial = next(i for i in result.report.guesses if i.row == "partial")
    assert "整表唯一成立的读法" in partial.zh and "column sums" in partial.en


def test_inconsistent_table_falls_back_to_row_by_row_reading() -> None:
    """When no whole-table reading adds up (the source is wrong), rows are read one by one and still reported."""
    result = import_text(MINI.format(new="5 5", total="2 0 0 0 1 0 3"))
    assert result.draft.values[("t3", "new", "natural")] == 5
    assert result.draft.values[("t3", "partial", "natural")] == 1
    assert {i.row for i in result.report.guesses} >= {"new", "public", "partial"}


def test_printed_dashes_keep_their_columns() -> None:
    """'—' or '/' printed for an empty cell fixes the positions of the other numbers: nothing left to guess."""
    reading = read_row(T2_5, T2_5.row("licensing"), ["-", "-", "5"])
    assert reading is not None and reading.cells == {"decisions": 5} and not reading.guessed
    reading = read_row(T3, T3.row("new"), ["—", "1", "—", "—", "—", "—", "1"])
    assert reading is not None and reading.cells == {"commercial": 1, "total": 1} and not reading.guessed


def test_dash_rows_in_a_report(seed_text: str) -> None:
    text = seed_text.replace("申请数量 1 1", "申请数量 1 — — — — — 1").replace("规章 0 0 0", "规章 — — —")
    result = import_text(text)
    assert ("t3", "new") not in {(i.table, i.row) for i in result.report.guesses}
    assert result.draft.values[("t3", "new", "natural")] == 1
    assert not any(key[:2] == ("t2_1", "rules") for key in result.draft.values)
    assert any("规章" in i.zh for i in result.report.by_section("2", "missing"))
