"""The .xlsx output: official table layout, numbers as numbers, totals as formulas that LibreOffice
recomputes, and read back through importer.spreadsheet to the same tables."""

from __future__ import annotations

import os
from decimal import Decimal

import openpyxl
import pytest
from output_helpers import convert_with_soffice, hostile_draft, soffice
from render_helpers import SEED

import forms
from forms import cell_values, new_draft
from importer.spreadsheet import SpreadsheetError, fill_tables
from render.sheet import ORIGIN_ROW, write_sheet


def _empty_like(draft):
    return new_draft(draft.agency, draft.year, draft.format_id)


@pytest.mark.parametrize("which", ["seed", "sample", "hostile"])
def test_spreadsheet_fills_an_empty_draft_to_the_same_tables(which, seed_draft, sample_draft, tmp_path):
    draft = {"seed": seed_draft, "sample": sample_draft, "hostile": None}[which] or hostile_draft()
    path = tmp_path / "tables.xlsx"
    write_sheet(draft, path)
    result = fill_tables(_empty_like(draft), path)
    assert result.refused == [] and result.notes == []
    assert result.draft.values == draft.values
    inputs = sum(len(t.input_cells()) for t in draft.definition.tables)
    assert len(result.taken) == inputs
    assert result.filled == len(draft.values)
    for table in draft.definition.tables:
        assert cell_values(result.draft, table) == cell_values(draft, table)


def test_layout_numbers_and_formulas(seed_draft, tmp_path):
    path = tmp_path / "seed.xlsx"
    write_sheet(seed_draft, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["二", "三", "四"]
    three = wb["三"]
    assert three["A1"].value == "深圳市龙岗区政务服务数据管理局2020年政府信息公开工作年度报告"
    assert three["A2"].value == "三、收到和处理政府信息公开申请情况"
    assert three.cell(ORIGIN_ROW, 1).value.startswith("（本列数据的勾稽关系为")
    merged = {str(r) for r in three.merged_cells.ranges}
    assert "A3:C5" in merged  # the 勾稽关系 note over the three label columns and the three header rows
    assert "D3:J3" in merged and "E4:I4" in merged  # 申请人情况, 法人或其他组织
    assert three["D6"].value == 1 and isinstance(three["D6"].value, int)
    assert three["J6"].value == '=IF(COUNT(D6:I6)=0,"",SUM(D6:I6))'
    total_row = next(r for r in range(6, 40) if three.cell(r, 2).value == "（七）总计")
    assert three.cell(total_row, 4).value == f'=IF(COUNT(D8:D{total_row - 1})=0,"",SUM(D8:D{total_row - 1}))'
    assert three["E6"].value is None  # a blank stays blank
    two = wb["二"]
    amounts = [c for row in two.iter_rows() for c in row if c.value == 1316.73]
    assert len(amounts) == 1 and amounts[0].number_format == '0.00"万元"'
    four = wb["四"]
    assert four["E6"].value == '=IF(COUNT(A6:D6)=0,"",SUM(A6:D6))'
    assert "A3:E4" in {str(r) for r in four.merged_cells.ranges}  # 行政复议 over two header rows


def test_2021_money_column_names_its_unit_in_the_heading(sample_draft, tmp_path):
    path = tmp_path / "sample.xlsx"
    write_sheet(sample_draft, path)
    two = openpyxl.load_workbook(path)["二"]
    money = [c for row in two.iter_rows() for c in row if c.number_format.startswith("0.00")]
    assert money and all(c.number_format == "0.00" for c in money)


@pytest.mark.skipif(not soffice(), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_recomputes_every_total(tmp_path):
    draft = forms.load_draft_file(SEED)
    draft.set_value("t3", "public", "research", 7)
    draft.set_value("t4", "cases", "after_pending", 123456789)
    source = tmp_path / "report.xlsx"
    write_sheet(draft, source)
    (tmp_path / "calc").mkdir()
    converted = convert_with_soffice(source, "xlsx", tmp_path / "calc")
    computed = openpyxl.load_workbook(converted, data_only=True)
    original = openpyxl.load_workbook(source)
    checked = 0
    from render.outline import TableBlock, build_outline, cell_keys
    from render.sheet import section_number

    for block in build_outline(draft).blocks:
        if not isinstance(block, TableBlock):
            continue
        name = section_number(block.section_id)
        origin = ORIGIN_ROW  # one grid per sheet (二's blocks are stacked into one)
        for (r, c), (table, row, column) in cell_keys(block).items():
            if not table.is_computed(row, column):
                continue
            formula = original[name].cell(origin + r, c + 1).value
            assert str(formula).startswith("=IF(COUNT(")
            got = computed[name].cell(origin + r, c + 1).value
            want = cell_values(draft, table)[(row, column)]
            assert (got in (None, "") if want is None else got == want), (name, row, column, got, want)
            checked += 1
    computed_cells = sum(t.is_computed(r.id, c.id) for t in draft.definition.tables for r in t.rows for c in t.columns)
    assert checked == computed_cells == 23 + 6 + 3  # 三: a 总计 per row and the (七)总计 row; 四: three 总计


def _set(path, sheet, cell, value):
    wb = openpyxl.load_workbook(path)
    wb[sheet][cell] = value
    wb.save(path)


def test_every_refused_cell_says_where_and_why(seed_draft, tmp_path):
    path = tmp_path / "clerk.xlsx"
    write_sheet(seed_draft, path)
    wb = openpyxl.load_workbook(path)
    three = wb["三"]
    three["D6"] = "abc"          # not a number
    three["E6"] = -3             # negative count
    three["F6"] = 1234567890     # ten digits
    three["G6"] = "=1+1"         # a formula in an input cell
    three["H6"] = "１２件"        # typed as a clerk would: taken as 12
    three["D7"] = 2.5            # not whole
    three["J7"] = 99             # a typed total that disagrees with its parts
    three["A28"] = "四、结转到明年"  # a row label that is not the format's
    del wb["四"]
    wb.save(path)
    result = fill_tables(_empty_like(seed_draft), path)
    refused = {n.where: n for n in result.refused}
    assert set(refused) == {"三!D6", "三!E6", "三!F6", "三!G6", "三!D7", "三!J7"} | {f"三!{c}28" for c in "DEFGHI"}
    assert "不是整数" in refused["三!D6"].zh and "abc" in refused["三!D6"].zh
    assert "负数" in refused["三!E6"].zh and "too large" in refused["三!F6"].en
    assert "公式" in refused["三!G6"].zh and "整数" in refused["三!D7"].zh
    assert "总计由各项相加得出（空白）" in refused["三!J7"].zh  # its one part (D7) was refused
    assert "(blank)" in refused["三!J7"].en
    assert "行标题应为“四、结转下年度继续办理”" in refused["三!D28"].zh
    assert result.draft.values[("t3", "new", "legal")] == 12
    assert ("t3", "new", "natural") not in result.draft.values
    assert [zh for zh, _en in result.notes] == ["未找到“四”表（四、政府信息公开行政复议、行政诉讼情况），这部分表格未改动"]
    assert result.notes[0][1].startswith("no sheet '四'")
    assert not any(k[0] == "t4" for k in result.draft.values)
    assert refused["三!D6"].message("zh").startswith("三!D6: ")


def test_table_found_where_a_clerk_moved_it(seed_draft, tmp_path):
    path = tmp_path / "moved.xlsx"
    write_sheet(seed_draft, path)
    wb = openpyxl.load_workbook(path)
    ws = wb["四"]
    ws.insert_rows(1, 3)
    ws.insert_cols(1, 2)
    ws.title = "复议诉讼"  # found by its heading instead of its name
    ws["C5"] = "四、政府信息公开行政复议、行政诉讼情况"
    wb.save(path)
    draft = _empty_like(seed_draft)
    result = fill_tables(draft, path)
    four = [n for n in result.taken if n.table == "t4"]
    assert len(four) == 12 and four[0].where.startswith("复议诉讼!C")
    assert all(result.draft.values[("t4", "cases", c.id)] == 0 for c in draft.definition.table("t4").columns if not c.computed)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_unreadable_workbook_is_a_clear_error(seed_draft, tmp_path, content):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(SpreadsheetError) as info:
        fill_tables(seed_draft, path)
    assert "broken.xlsx" in info.value.zh and info.value.advice("zh")


def test_missing_workbook_is_a_clear_error(seed_draft, tmp_path):
    with pytest.raises(SpreadsheetError) as info:
        fill_tables(seed_draft, tmp_path / "none.xlsx")
    assert "无法读取电子表格" in info.value.zh


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@pytest.mark.timeout(30)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(seed_draft, tmp_path):
    pipe = tmp_path / "pipe.xlsx"
    os.mkfifo(pipe)
    with pytest.raises(SpreadsheetError) as info:
        fill_tables(seed_draft, pipe)
    assert "无法读取电子表格" in info.value.zh and "pipe.xlsx" in info.value.zh


def test_money_read_back_exactly(seed_draft, tmp_path):
    draft = seed_draft.copy()
    draft.set_value("t2_9", "procurement", "amount", Decimal("9999999.99"))
    path = tmp_path / "money.xlsx"
    write_sheet(draft, path)
    result = fill_tables(_empty_like(draft), path)
    assert result.draft.values[("t2_9", "procurement", "amount")] == Decimal("9999999.99")
