"""The real 2020 report text (the seed) imports into the hand transcription examples/longgang-2020.json."""

from __future__ import annotations

import time

import pytest
from import_helpers import assert_same_numbers, assert_same_texts

from forms import draft_to_dict, validate
from importer import import_report, import_text


def test_seed_imports_to_reference(seed_txt_path, longgang) -> None:
    result = import_report(seed_txt_path)
    assert_same_numbers(result.draft, longgang)
    assert_same_texts(result.draft, longgang)
    assert result.draft.agency == longgang.agency
    assert result.draft.year == 2020
    assert result.draft.signature == longgang.signature
    assert draft_to_dict(result.draft) == draft_to_dict(longgang)


def test_seed_format_is_recognised_from_table_headers(seed_text) -> None:
    result = import_text(seed_text)
    assert result.report.format_id == "2019"
    found = [i.en for i in result.report.by_section("cover", "found")]
    assert any("recognised the 2019 format from its table headers" in text for text in found)


def test_seed_reports_every_section_three_guess(seed_text) -> None:
    report = import_text(seed_text).report
    guessed = {(i.table, i.row) for i in report.guesses}
    assert guessed == {("t3", "new"), ("t3", "carried_in"), ("t3", "unable_not_held"), ("t3", "results_total"), ("t3", "carry_over")}
    new = next(i for i in report.guesses if i.row == "new")
    assert new.line == 231 and new.source == "一、本年新收政府信息公开申请数量 1 1"
    assert "自然人=1、总计=1" in new.zh and "row-total rule" in new.en
    assert set(new.columns) == {"natural", "total"}


def test_seed_report_lists_blank_rows_and_debris(seed_text) -> None:
    report = import_text(seed_text).report
    missing = report.by_section("3", "missing")
    assert any("18 行没有印出数字" in i.zh for i in missing)
    notes = [i for i in report.of_kind("note") if i.line == 469]
    assert notes and "此页无正文" in notes[0].source


def test_seed_report_is_data_in_both_languages(seed_text) -> None:
    report = import_text(seed_text).report
    data = report.to_dict()
    assert set(data["sections"]) == {"cover", "1", "2", "3", "4", "5", "6"}
    assert data["sections"]["3"]["guessed"][0]["zh"] and data["sections"]["3"]["guessed"][0]["en"]
    assert any(line.startswith("三、") for line in report.lines("zh"))
    assert any(line.startswith("3. Requests") for line in report.lines("en"))
    assert report.counts()["3"]["guessed"] == 5 and report.counts()["5"]["missing"] == 0


def test_seed_import_keeps_the_sources_balance_error(seed_text) -> None:
    """The seed itself breaks 第一项+第二项=第三项+第四项 (1+0 ≠ 1+1): imported as printed, flagged by the validator."""
    codes = {f.code for f in validate(import_text(seed_text).draft)}
    assert any("BALANCE" in code for code in codes)


@pytest.mark.parametrize("runs", [5])
def test_seed_import_is_fast(seed_txt_path, runs: int) -> None:
    start = time.perf_counter()
    for _ in range(runs):
        import_report(seed_txt_path)
    assert (time.perf_counter() - start) / runs < 0.5


def test_seed_copy_is_the_shared_seed(seed_txt_path) -> None:
    from pathlib import Path

    shared = Path("/work/shared/seeds/000_ed7106d1e1bd4d65.txt")
    if not shared.exists():
        pytest.skip("shared seeds not mounted here")
    assert seed_txt_path.read_bytes() == shared.read_bytes()
