"""Tables: official merged layout, line-drawn label merges, page breaks, numbers that always fit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from render_helpers import flat, page_texts, render_bytes

from forms import cell_values, load_format, new_draft
from render.fontset import font_set
from render.grid import rule_segments, stack, table_grid
from render.styles import CELL_PADDING, PAGE, build_styles
from render.tables import SHORT_GROUP, LabelTable, build_table

HUGE = {"count": 999_999_999, "signed": -999_999_999, "money": Decimal("9999999.99")}


def huge_draft(format_id: str):
    draft = new_draft("测试局", 2021 if format_id == "2021" else 2020, format_id)
    for table in draft.definition.tables:
        for row, column in table.input_cells():
            draft.set_value(table.id, row.id, column.id, HUGE[column.kind])
    return draft


def test_render_t3_grid_merges_labels_like_the_official_format():
    table = load_format("2021").table("t3")
    grid = table_grid(table, {})
    grid.owner_map()  # every cell owned exactly once
    labels = {r.text: r for r in grid.regions if r.kind == "label"}
    results = labels["三、本年度办理结果"]
    assert (results.left, results.right) == (0, 0)
    assert results.rows == 22  # （一）..（七）总计 in the 2021 format
    assert labels["（三）不予公开"].rows == 8 and labels["（四）无法提供"].rows == 3
    assert (labels["一、本年新收政府信息公开申请数量"].left, labels["一、本年新收政府信息公开申请数量"].right) == (0, 2)
    assert (labels["（七）总计"].left, labels["（七）总计"].right) == (1, 2)
    note = next(r for r in grid.regions if r.kind == "note")
    assert (note.top, note.left, note.bottom, note.right) == (0, 0, 2, 2)
    assert "勾稽关系" in note.text


def test_render_no_rule_crosses_a_merged_label():
    grid = table_grid(load_format("2019").table("t3"), {})
    below, _after = rule_segments(grid)
    results = next(r for r in grid.regions if r.text == "三、本年度办理结果")
    for row, c0, _c1 in below:
        if results.top <= row < results.bottom:
            assert c0 >= 1, f"a line below row {row} cuts through 三、本年度办理结果"


def test_render_stacked_section_two_widens_narrow_blocks():
    d = load_format("2021")
    grids = [table_grid(d.table(t), {}) for t in d.section("2").tables]
    grid = stack(grids)
    assert grid.ncols == 4 and len(grid.blocks) == 4
    grid.owner_map()
    fee_value = [r for r in grid.regions if r.kind == "value" and r.column.kind == "money"]
    assert [(r.left, r.right) for r in fee_value] == [(1, 3)]


def test_render_long_label_group_is_line_drawn_not_spanned():
    fonts = font_set("bundled")
    table = load_format("2021").table("t3")
    flowable = build_table(table_grid(table, {}), fonts, build_styles(fonts), PAGE.frame_width)
    assert isinstance(flowable, LabelTable)
    tall = [o for o in flowable.overlays if o.bottom - o.top + 1 > SHORT_GROUP]
    assert len(tall) == 1 and tall[0].left == 0
    for cmd in flowable._spanCmds:  # no SPAN runs down the tall group
        (_c0, r0), (_c1, r1) = cmd[1], cmd[2]
        assert r0 == r1 or r1 < tall[0].top or r0 > tall[0].bottom


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_render_huge_numbers_fit_their_cells(format_id):
    """9-digit counts, signed changes and the largest amount never overflow a cell or the page."""
    draft = huge_draft(format_id)
    fonts = font_set("bundled")
    styles = build_styles(fonts)
    for table in draft.definition.tables:
        grid = table_grid(table, cell_values(draft, table))
        flowable = build_table(grid, fonts, styles, PAGE.frame_width, large=grid.ncols <= 5)
        widths = flowable._argW
        assert sum(widths) <= PAGE.frame_width + 0.01
        for region in (r for r in grid.regions if r.kind == "value"):
            text = flowable._cellvalues[region.top][region.left]
            size = flowable._cellStyles[region.top][region.left].fontsize
            room = sum(widths[region.left : region.right + 1]) - 2 * CELL_PADDING
            assert text, f"{table.id}/{region.column.id} printed blank"
            assert set(text) <= set("0123456789+-.万元")
            assert all(fonts.font_for(ch, "body") == fonts.names["body"] for ch in text)
            assert fonts.text_width(text, "body", size) <= room, (table.id, text, room)


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_render_huge_numbers_render_and_read_back(format_id):
    draft = huge_draft(format_id)
    pdf, _result = render_bytes(draft)
    text = flat("".join(page_texts(pdf)))
    assert "999999999" in text and "9999999.99" in text
    if format_id == "2019":  # only the 2019 format has signed 本年增/减 columns
        assert "-999999999" in text
    assert "5999999994" in text  # a computed 总计 of six huge inputs still prints in full


def test_render_table_breaks_across_pages_with_repeated_header(seed_pdf):
    pdf, _result = seed_pdf
    texts = [flat(t) for t in page_texts(pdf)]
    with_header = [i for i, t in enumerate(texts) if "申请人情况" in t]
    assert len(with_header) == 2 and with_header[1] == with_header[0] + 1
    for i in with_header:
        assert "勾稽关系" in texts[i]
        assert "三、本年度办理结果" in texts[i], "the tall label is drawn again on the continuation page"


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_render_every_table_grid_is_complete(format_id):
    """Each cell of every official table belongs to exactly one region; header cells as defined."""
    definition = load_format(format_id)
    for table in definition.tables:
        grid = table_grid(table, {})
        grid.owner_map()
        headers = [r for r in grid.regions if r.kind in ("header", "note")]
        assert len(headers) == sum(len(row) for row in table.header)
        values = [r for r in grid.regions if r.kind == "value"]
        assert len(values) == len(table.rows) * len(table.columns)
