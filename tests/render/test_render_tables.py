"""Tables: official merged layout, line-drawn label merges, page breaks, numbers that always fit."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from render_helpers import flat, page_texts, render_bytes

from forms import cell_values, load_format, new_draft
from forms.layout import table_grid
from render.fontset import font_set
from render.grid import rule_segments, stack
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


def _drawn_rules(monkeypatch) -> list[tuple[LabelTable, list[tuple[float, float, float, float]]]]:
    """Record the line segments every drawn table part strokes, in the part's own coordinates."""
    drawn: list[tuple[LabelTable, list[tuple[float, float, float, float]]]] = []
    original = LabelTable._drawLines

    def recording(self):  # type: ignore[no-untyped-def]
        segments: list[tuple[float, float, float, float]] = []
        line = self.canv.line

        def record(x1, y1, x2, y2):  # type: ignore[no-untyped-def]
            segments.append((x1, y1, x2, y2))
            line(x1, y1, x2, y2)

        self.canv.line = record
        try:
            original(self)
        finally:
            del self.canv.line
        drawn.append((self, segments))

    monkeypatch.setattr(LabelTable, "_drawLines", recording)
    return drawn


def _rule_gaps(segments, y: float, x0: float, x1: float) -> list[tuple[float, float]]:
    """The stretches of x0..x1 that no horizontal segment at height y covers."""
    runs = sorted((min(a, c), max(a, c)) for a, b, c, d in segments if abs(b - y) < 0.01 and abs(d - y) < 0.01)
    gaps, at = [], x0
    for start, end in runs:
        if start > at + 0.01:
            gaps.append((at, start))
        at = max(at, end)
    if at < x1 - 0.01:
        gaps.append((at, x1))
    return gaps


def _assert_parts_closed(drawn) -> None:  # type: ignore[no-untyped-def]
    for part, segments in drawn:
        x0, x1 = part._colpositions[0], part._colpositions[-1]
        rows = part._rowpositions
        header = part.repeatRows if isinstance(part.repeatRows, int) else len(part.repeatRows)
        for name, y in (("top", rows[0]), ("bottom", rows[-1]), ("first body row", rows[header])):
            gaps = _rule_gaps(segments, y, x0, x1)
            assert not gaps, f"{part._nrows}-row part: {name} rule missing at x {gaps}"


@pytest.mark.parametrize("example", ["seed", "sample"])
def test_render_every_table_part_is_closed_by_full_width_rules(example, monkeypatch, seed_draft, sample_draft):
    """A table broken across pages: the first part ends with a rule under all columns, also under
    the line-drawn label 三、本年度办理结果 that runs on, and the continuation starts with one."""
    drawn = _drawn_rules(monkeypatch)
    render_bytes(seed_draft if example == "seed" else sample_draft)
    split = [part for part, _segments in drawn if part.overlays and part._nrows < 20]
    assert split, "t3 no longer breaks across pages in this example: the test checks nothing"
    _assert_parts_closed(drawn)


@pytest.mark.parametrize("format_id", ["2019", "2021"])
def test_render_table_cut_anywhere_closes_both_parts(format_id, monkeypatch):
    """t3 split at every height it can break at (a section text of any length puts it anywhere on
    the page), each part drawn: both are closed by full-width rules."""
    from reportlab.pdfgen.canvas import Canvas

    drawn = _drawn_rules(monkeypatch)
    fonts = font_set("bundled")
    draft = huge_draft(format_id)
    table = draft.definition.table("t3")
    flowable = build_table(table_grid(table, cell_values(draft, table)), fonts, build_styles(fonts), PAGE.frame_width)
    _w, height = flowable.wrap(PAGE.frame_width, PAGE.frame_height)
    canvas = Canvas(io.BytesIO())
    cuts = set()
    for avail in range(40, int(height), 6):
        parts = flowable.split(PAGE.frame_width, avail)
        if len(parts) != 2 or parts[0]._nrows in cuts:
            continue
        cuts.add(parts[0]._nrows)
        _w, rest = parts[1].wrap(PAGE.frame_width, PAGE.frame_height)
        again = parts[1].split(PAGE.frame_width, rest / 2)  # a continuation that breaks again
        if len(again) == 2:
            parts = [parts[0], *again]
        for part in parts:
            part.wrap(PAGE.frame_width, PAGE.frame_height)
            part.drawOn(canvas, 0, 0)
    assert len(cuts) >= 3, cuts
    _assert_parts_closed(drawn)
