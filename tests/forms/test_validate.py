"""Every validator check, each with a case that passes and one that fails."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from forms import load_draft_file, new_draft, validate
from forms.draft import Draft


@pytest.fixture
def seed(seed_path) -> Draft:
    return load_draft_file(seed_path)


@pytest.fixture
def sample(sample_path) -> Draft:
    return load_draft_file(sample_path)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def only(findings, code: str):
    return [f for f in findings if f.code == code]


def test_sample_2021_is_clean(sample: Draft) -> None:
    assert validate(sample) == []
    assert validate(sample, stage="submit") == []


# --------------------------------------------------------------------------- the balance rule


def test_seed_breaks_the_balance_rule_in_natural_and_total_columns(seed: Draft) -> None:
    balance = only(validate(seed), "E_BALANCE")
    assert [(f.location.table, f.location.column) for f in balance] == [("t3", "natural"), ("t3", "total")]
    assert all(f.severity == "error" for f in balance)
    message = balance[0].zh
    assert "“自然人”列" in message
    assert "第一项1 + 第二项0 = 1" in message and "第三项1 + 第四项1 = 2" in message
    assert "= 1, but" in balance[1].en and "= 2" in balance[1].en


def test_balance_holds_after_fixing_the_seed(seed: Draft) -> None:
    seed.set_value("t3", "carry_over", "natural", 0)
    assert only(validate(seed), "E_BALANCE") == []


def test_balance_checked_for_every_column(sample: Draft) -> None:
    sample.set_value("t3", "new", "legal", 3)  # one more new request, handled nowhere
    balance = only(validate(sample), "E_BALANCE")
    assert [f.location.column for f in balance] == ["legal", "total"]


# --------------------------------------------------------------------------- printed totals


def test_stated_totals_that_match_raise_nothing(seed: Draft) -> None:
    assert only(validate(seed), "E_STATED_TOTAL") == []


def test_row_total_must_equal_the_applicant_columns(seed: Draft) -> None:
    seed.stated[("t3", "new", "total")] = 2
    found = only(validate(seed), "E_STATED_TOTAL")
    assert len(found) == 1 and found[0].location.row == "new" and found[0].location.column == "total"
    assert "合计为 2" in found[0].zh and "同一行各列之和 1" in found[0].zh


def test_results_total_must_include_every_sub_item(sample: Draft) -> None:
    sample.stated[("t3", "results_total", "natural")] = 30  # derived: 31, sub-items included
    found = only(validate(sample), "E_STATED_TOTAL")
    assert len(found) == 1 and "合计为 30" in found[0].zh and "31" in found[0].zh


def test_section_4_totals(sample: Draft) -> None:
    sample.stated[("t4", "cases", "review_total")] = 3
    assert only(validate(sample), "E_STATED_TOTAL") == []
    sample.stated[("t4", "cases", "review_total")] = 4
    found = only(validate(sample), "E_STATED_TOTAL")
    assert found and found[0].location.column == "review_total" and found[0].location.section == "4"


# --------------------------------------------------------------------------- cells


def test_blank_cells_warn_but_are_not_zero(sample: Draft) -> None:
    del sample.values[("t3", "public", "research")]
    blanks = only(validate(sample), "W_BLANK_CELL")
    assert len(blanks) == 1 and blanks[0].severity == "warning"
    assert blanks[0].location.row == "public" and blanks[0].location.column == "research"
    assert sample.value("t3", "public", "research") is None


def test_invalid_values_are_errors(sample: Draft) -> None:
    sample.values[("t3", "new", "natural")] = -1
    sample.values[("t2_8", "fees", "amount")] = Decimal("1.23456")
    sample.set_invalid_input("t3", "public", "natural", "十二")
    found = only(validate(sample), "E_CELL_VALUE")
    assert {(f.location.table, f.location.row) for f in found} == {("t3", "new"), ("t2_8", "fees"), ("t3", "public")}
    assert all(f.severity == "error" for f in found)
    assert any("不能为负数" in f.zh for f in found) and any("四位小数" in f.zh for f in found)


def test_valid_values_pass(sample: Draft) -> None:
    sample.values[("t2_8", "fees", "amount")] = Decimal("1.23")
    sample.texts["s6"] += "本年度收取信息处理费。"
    assert only(validate(sample), "E_CELL_VALUE") == []


def test_previous_count_plus_change_not_negative(seed: Draft) -> None:
    seed.set_value("t2_5", "licensing", "prev_count", 2)
    seed.set_value("t2_5", "licensing", "change", -2)
    assert only(validate(seed), "E_CHANGE_BELOW_ZERO") == []
    seed.set_value("t2_5", "licensing", "change", -3)
    found = only(validate(seed), "E_CHANGE_BELOW_ZERO")
    assert len(found) == 1 and found[0].severity == "error" and "得 -1" in found[0].zh


@pytest.mark.parametrize(
    "fid, table, greater, lesser",
    [("2019", "t2_1", "public_total", "new_public"), ("2019", "t2_1", "public_total", "new_made"), ("2021", "t2_1", "valid", "issued")],
)
def test_total_not_below_newly_made(fid: str, table: str, greater: str, lesser: str) -> None:
    draft = new_draft("某局", 2020 if fid == "2019" else 2021)
    draft.set_value(table, "normative", lesser, 5)
    draft.set_value(table, "normative", greater, 5)
    assert only(validate(draft), "W_TOTAL_BELOW_NEW") == []
    draft.set_value(table, "normative", greater, 4)
    found = only(validate(draft), "W_TOTAL_BELOW_NEW")
    assert len(found) == 1 and found[0].severity == "warning" and "为 4，小于" in found[0].zh


# --------------------------------------------------------------------------- texts and cover data


def test_required_texts_warn_while_drafting_and_block_submission(sample: Draft) -> None:
    sample.texts["s5"] = "  "
    drafting = only(validate(sample), "E_TEXT_EMPTY")
    submitting = only(validate(sample, stage="submit"), "E_TEXT_EMPTY")
    assert [f.severity for f in drafting] == ["warning"] and [f.severity for f in submitting] == ["error"]
    assert drafting[0].location.text == "s5" and "五、存在的主要问题及改进情况" in drafting[0].zh


def test_empty_subsection_message_uses_the_agencys_heading(seed: Draft) -> None:
    seed.texts["s1.management"] = ""
    found = only(validate(seed), "E_TEXT_EMPTY")
    assert "（三）政府信息规范化、标准化管理情况" in found[0].zh


def test_section_5_just_none(sample: Draft) -> None:
    sample.texts["s5"] = "无。"
    found = only(validate(sample), "W_TEXT_TRIVIAL")
    assert len(found) == 1 and found[0].location.text == "s5"


def test_fee_without_explanation(sample: Draft) -> None:
    sample.set_value("t2_8", "fees", "amount", Decimal("2.50"))
    sample.texts["s6"] = "本年度无其他需要报告的事项。"
    found = only(validate(sample), "W_FEE_NOT_EXPLAINED")
    assert len(found) == 1 and "2.50" in found[0].zh
    sample.texts["s6"] = "本年度收取信息处理费2.5万元。"
    assert only(validate(sample), "W_FEE_NOT_EXPLAINED") == []


def test_date_of_issue(sample: Draft) -> None:
    sample.signature.date = dt.date(2021, 12, 31)
    found = only(validate(sample), "E_DATE_BEFORE_YEAR_END")
    assert len(found) == 1 and found[0].severity == "error"
    sample.signature.date = dt.date(2022, 1, 1)
    assert codes(validate(sample)) == []
    sample.signature.date = dt.date(2022, 3, 1)
    assert codes(validate(sample)) == ["W_DATE_AFTER_DEADLINE"]
    sample.signature.date = None
    assert [(f.code, f.severity) for f in validate(sample)] == [("E_DATE_MISSING", "warning")]
    assert [(f.code, f.severity) for f in validate(sample, stage="submit")] == [("E_DATE_MISSING", "error")]


def test_format_that_does_not_match_the_year(sample: Draft) -> None:
    assert only(validate(sample), "W_FORMAT_YEAR_MISMATCH") == []
    stale = new_draft("某局", 2022, "2019")
    found = only(validate(stale), "W_FORMAT_YEAR_MISMATCH")
    assert len(found) == 1 and found[0].severity == "warning" and "2022" in found[0].zh


def test_agency_missing(sample: Draft) -> None:
    sample.agency = ""
    assert [f.severity for f in only(validate(sample, stage="submit"), "E_AGENCY_MISSING")] == ["error"]


# --------------------------------------------------------------------------- text against tables


def test_seed_text_raises_no_false_alarm(seed: Draft) -> None:
    assert only(validate(seed), "W_TEXT_TABLE_MISMATCH") == []


@pytest.mark.parametrize(
    "text_id, replace, by, cell",
    [
        ("s3.intro", "收到政府信息公开申请40件", "收到政府信息公开申请41件", ("t3", "new", "total")),
        ("s1.request", "予以公开16件", "予以公开15件", ("t3", "public", "total")),
        ("s4.intro", "行政复议案件3件", "行政复议案件2件", ("t4", "cases", "review_total")),
        ("s4.intro", "行政诉讼案件1件", "行政诉讼案件0件", ("t4", "cases", "direct_total")),
    ],
)
def test_text_count_that_differs_from_the_table(sample: Draft, text_id: str, replace: str, by: str, cell) -> None:
    assert replace in sample.texts[text_id]
    sample.texts[text_id] = sample.texts[text_id].replace(replace, by)
    found = only(validate(sample), "W_TEXT_TABLE_MISMATCH")
    assert len(found) == 1
    assert (found[0].location.table, found[0].location.row, found[0].location.column) == cell
    assert by in found[0].zh  # quotes the text ...
    assert found[0].location.text == text_id


def test_text_count_ignores_spaces_from_pdf_extraction(sample: Draft) -> None:
    sample.texts["s3.intro"] = "2021 年，我局共收到政府信息公开申请 40 件。"
    assert only(validate(sample), "W_TEXT_TABLE_MISMATCH") == []


# --------------------------------------------------------------------------- last year's draft


def carried(sample: Draft, seed: Draft) -> None:
    for column in ("natural", "commercial", "research", "nonprofit", "legal", "other"):
        seed.set_value("t3", "carry_over", column, sample.value("t3", "carried_in", column))


def test_carry_forward_matches(sample: Draft, seed: Draft) -> None:
    carried(sample, seed)
    assert only(validate(sample, previous=seed), "W_CARRY_FORWARD") == []


def test_carry_forward_differs(sample: Draft, seed: Draft) -> None:
    found = only(validate(sample, previous=seed), "W_CARRY_FORWARD")
    # last year carried 1 (natural) forward; this year says natural 2, commercial 1, others 0 (last year blank there)
    assert [(f.location.row, f.location.column) for f in found] == [("carried_in", "natural")]
    assert "为 2" in found[0].zh and "为 1" in found[0].zh


def test_2019_counts_carry_into_last_years_items() -> None:
    last, this = new_draft("某局", 2019), new_draft("某局", 2020)
    last.set_value("t2_5", "licensing", "prev_count", 10)
    last.set_value("t2_5", "licensing", "change", -2)
    this.set_value("t2_5", "licensing", "prev_count", 8)
    assert only(validate(this, previous=last), "W_CARRY_FORWARD") == []
    this.set_value("t2_5", "licensing", "prev_count", 10)
    found = only(validate(this, previous=last), "W_CARRY_FORWARD")
    assert [(f.location.table, f.location.row) for f in found] == [("t2_5", "licensing")]


def test_documents_in_force_running_total(sample: Draft) -> None:
    this = sample.copy()
    this.year = 2022
    this.signature.date = dt.date(2023, 1, 10)
    this.set_value("t2_1", "normative", "issued", 2)
    this.set_value("t2_1", "normative", "repealed", 1)
    this.set_value("t2_1", "normative", "valid", 13)  # 12 + 2 - 1
    assert only(validate(this, previous=sample), "W_RUNNING_TOTAL") == []
    this.set_value("t2_1", "normative", "valid", 14)
    found = only(validate(this, previous=sample), "W_RUNNING_TOTAL")
    assert len(found) == 1 and "12 + 本年制发件数 2 − 本年废止件数 1 = 13" in found[0].zh


# --------------------------------------------------------------------------- fonts


def test_characters_no_font_has(sample: Draft) -> None:
    sample.texts["s6"] += "王镕𠮷"
    assert only(validate(sample, has_glyph=lambda ch: True), "W_GLYPH_MISSING") == []
    found = only(validate(sample, has_glyph=lambda ch: ch not in "镕𠮷"), "W_GLYPH_MISSING")
    assert len(found) == 1 and "镕" in found[0].zh and "U+20BB7" in found[0].zh


def test_editing_a_cell_drops_the_printed_totals_over_it(seed: Draft) -> None:
    """An imported report's printed totals stop applying once the clerk changes their parts."""
    seed.stated[("t3", "new", "total")] = 1
    seed.stated[("t3", "results_total", "total")] = 1
    seed.stated[("t3", "results_total", "natural")] = 1
    seed.stated[("t4", "cases", "review_total")] = 0
    seed.set_value("t3", "new", "commercial", 2)
    assert ("t3", "new", "total") not in seed.stated  # row total over the edited cell
    assert ("t3", "results_total", "total") in seed.stated  # not a result row
    seed.set_invalid_input("t3", "public", "natural", "x")
    assert ("t3", "results_total", "natural") not in seed.stated
    assert ("t3", "results_total", "total") not in seed.stated
    assert ("t4", "cases", "review_total") in seed.stated
    assert only(validate(seed), "E_STATED_TOTAL") == []


# --------------------------------------------------------------------------- limits


def test_over_long_fields_are_errors(sample: Draft) -> None:
    from forms import limits

    sample.agency = "某" * (limits.AGENCY_MAX_CHARS + 1)
    sample.signature.agency = "某" * (limits.AGENCY_MAX_CHARS + 5)
    sample.headings["s1.active"] = "题" * (limits.HEADING_MAX_CHARS + 1)
    sample.texts["s6"] = "文" * (limits.TEXT_MAX_CHARS + 1)
    found = only(validate(sample), "E_TEXT_TOO_LONG")
    assert [(f.location.field, f.location.text) for f in found] == [("agency", None), ("signature.agency", None), (None, "s1.active"), (None, "s6")]
    assert all(f.severity == "error" for f in found)
    assert f"{limits.AGENCY_MAX_CHARS + 1} 字，最多 {limits.AGENCY_MAX_CHARS} 字" in found[0].zh
    sample.agency = "某" * limits.AGENCY_MAX_CHARS
    assert next(f.location.field for f in only(validate(sample), "E_TEXT_TOO_LONG")) == "signature.agency"


def test_over_long_text_typed_into_a_cell_is_an_error(sample: Draft) -> None:
    sample.set_invalid_input("t3", "public", "natural", "一" * 150)
    found = only(validate(sample), "E_TEXT_TOO_LONG")
    assert [(f.location.table, f.location.row, f.location.column) for f in found] == [("t3", "public", "natural")]
    assert "150 字，最多 100 字" in found[0].zh


@pytest.mark.parametrize("year", [1990, 2007, 2101])
def test_year_out_of_range_is_an_error(sample: Draft, year: int) -> None:
    sample.year = year
    found = only(validate(sample), "E_YEAR_RANGE")
    assert len(found) == 1 and str(year) in found[0].zh and "2008—2100" in found[0].zh


def test_new_draft_refuses_a_year_out_of_range() -> None:
    from common.errors import AppError
    from forms import LimitError

    with pytest.raises(LimitError) as info:
        new_draft("某局", 1990)
    assert isinstance(info.value, AppError) and "1990" in info.value.zh and "2008" in info.value.en
    with pytest.raises(LimitError):
        new_draft("某" * 201, 2021)
    assert new_draft("某局", 2008).year == 2008 and new_draft("某局", 2100).year == 2100


# --------------------------------------------------------------------------- printed blank totals


def test_printed_blank_total_is_reported_with_the_sum_of_its_parts(seed: Draft) -> None:
    seed.stated[("t3", "new", "total")] = None
    found = only(validate(seed), "W_STATED_TOTAL_BLANK")
    assert len(found) == 1 and (found[0].location.row, found[0].location.column) == ("new", "total")
    assert "印刷的合计为空白" in found[0].zh and "为 1" in found[0].zh
    assert "blank" in found[0].en and "add up to 1" in found[0].en
    assert only(validate(seed), "E_STATED_TOTAL") == []


def test_printed_blank_results_total_names_the_results(sample: Draft) -> None:
    sample.stated[("t3", "results_total", "natural")] = None
    found = only(validate(sample), "W_STATED_TOTAL_BLANK")
    assert len(found) == 1 and "本列各办理结果之和为 31" in found[0].zh


def test_printed_blank_total_over_blank_parts_is_consistent() -> None:
    draft = new_draft("某局", 2021)
    draft.stated[("t4", "cases", "review_total")] = None
    assert only(validate(draft), "W_STATED_TOTAL_BLANK") == []


def test_printed_blank_is_kept_apart_from_not_printed(seed: Draft) -> None:
    from forms import draft_to_dict, dumps_draft, loads_draft

    seed.stated[("t3", "new", "total")] = None
    data = draft_to_dict(seed)
    assert data["stated_totals"]["t3"]["new"] == {"total": None}
    assert "carry_over" not in data["stated_totals"]["t3"]
    again = loads_draft(dumps_draft(seed))
    assert ("t3", "new", "total") in again.stated and again.stated[("t3", "new", "total")] is None
    assert ("t3", "carry_over", "total") not in again.stated


def test_printed_total_that_disagrees_is_still_an_error(seed: Draft) -> None:
    seed.stated[("t3", "results_total", "total")] = 5
    found = only(validate(seed), "E_STATED_TOTAL")
    assert len(found) == 1 and "合计为 5" in found[0].zh and "本列各办理结果之和 1" in found[0].zh


# --------------------------------------------------------------------------- citations and years in the texts


def test_2021_report_citing_the_2019_notice(sample: Draft) -> None:
    assert only(validate(sample), "W_CITES_OTHER_FORMAT") == []
    sample.texts["preface"] = "本报告根据《条例》和国办公开办函〔2019〕60号要求编制。"
    found = only(validate(sample), "W_CITES_OTHER_FORMAT")
    assert len(found) == 1 and found[0].location.text == "preface"
    assert "国办公开办函〔2019〕60号" in found[0].zh and "国办公开办函〔2021〕30号" in found[0].zh
    sample.texts["preface"] = "本报告依据国办公开办函〔2021〕30号编制。"
    assert only(validate(sample), "W_CITES_OTHER_FORMAT") == []


def test_2019_report_citing_the_2021_notice(seed: Draft) -> None:
    assert only(validate(seed), "W_CITES_OTHER_FORMAT") == []
    seed.texts["preface"] = "按照国办公开办函[2021]30号的格式编制。"
    found = only(validate(seed), "W_CITES_OTHER_FORMAT")
    assert len(found) == 1 and "国办公开办函〔2019〕60号" in found[0].zh


@pytest.mark.parametrize(
    "preface, stated",
    [
        ("本报告所列数据的统计期限自2020年1月1日起至2020年12月31日止。", "2020"),
        ("2020年1月1日至12月31日的统计数据见下表。", "2020"),
        ("现公布某某局2022年度政府信息公开工作年度报告。", "2022"),
        ("2020年，我局认真贯彻执行《条例》。", "2020"),
    ],
)
def test_year_stated_in_the_preface_differs(sample: Draft, preface: str, stated: str) -> None:
    sample.texts["preface"] = preface
    found = only(validate(sample), "W_YEAR_STATED")
    assert len(found) == 1 and stated in found[0].zh and "2021 年度" in found[0].zh
    sample.texts["preface"] = preface.replace(stated, "2021")
    assert only(validate(sample), "W_YEAR_STATED") == []


def test_statistics_period_of_the_report_year_is_silent(sample: Draft) -> None:
    sample.texts["preface"] = "本年度报告中所列数据统计期限从2021年1月1日到12月31日止。引用2019年的文件不影响。"
    assert only(validate(sample), "W_YEAR_STATED") == []


def test_examples_state_their_own_year(sample: Draft, seed: Draft) -> None:
    assert only(validate(sample), "W_YEAR_STATED") == [] and only(validate(seed), "W_YEAR_STATED") == []


# --------------------------------------------------------------------------- the table being edited


def test_balance_message_says_blank_not_zero() -> None:
    draft = new_draft("某局", 2021)
    draft.set_value("t3", "new", "natural", 5)
    found = only(validate(draft), "E_BALANCE")
    assert [f.location.column for f in found] == ["natural", "total"]
    assert "第一项5 + 第二项空白 = 5" in found[0].zh and "第三项空白 + 第四项空白 = 0" in found[0].zh
    assert "0 + " not in found[0].zh and "第三项0" not in found[0].zh
    assert "2. Carried over from last year blank" in found[0].en


def test_balance_waits_while_the_column_is_being_typed() -> None:
    draft = new_draft("某局", 2021)
    table = draft.definition.table("t3")
    draft.set_value("t3", "new", "natural", 5)
    assert only(validate(draft, editing_table="t3"), "E_BALANCE") == []
    assert only(validate(draft, editing_table="t3"), "W_BLANK_CELL")  # the blank warning stays
    assert only(validate(draft, editing_table="t2_1"), "E_BALANCE")  # another table: judged now
    assert only(validate(draft), "E_BALANCE")  # the clerk left the table
    for row in table.rows:
        if not row.computed:
            draft.set_value("t3", row.id, "natural", 5 if row.id == "new" else 0)
    found = only(validate(draft, editing_table="t3"), "E_BALANCE")
    assert [f.location.column for f in found] == ["natural"]  # full column: raised while editing too
    assert "第一项5 + 第二项0 = 5" in found[0].zh
    draft.set_value("t3", "public", "natural", 5)
    assert only(validate(draft, editing_table="t3"), "E_BALANCE") == []


def test_carried_over_count_alone_raises_no_balance_error() -> None:
    """A draft made from last year's holds 上年结转 before the clerk has typed anything else."""
    draft = new_draft("某局", 2022)
    draft.set_value("t3", "carried_in", "natural", 3)
    assert only(validate(draft), "E_BALANCE") == []
    assert only(validate(draft), "W_BLANK_CELL")
    draft.set_value("t3", "new", "natural", 2)
    found = only(validate(draft), "E_BALANCE")
    assert found and "第一项2 + 第二项3 = 5" in found[0].zh and "第三项空白 + 第四项空白 = 0" in found[0].zh
