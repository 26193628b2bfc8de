"""The official-table layout shared by the grid editor and the PDF: regions, cells, label merges."""

from __future__ import annotations

import dataclasses

import pytest

import forms
from forms.layout import Region, label_regions, table_grid

TABLES = [(fid, table.id) for fid in forms.available_formats() for table in forms.load_format(fid).tables]


@pytest.mark.parametrize(("fid", "table_id"), TABLES)
def test_every_position_belongs_to_exactly_one_region(fid: str, table_id: str) -> None:
    table = forms.load_format(fid).table(table_id)
    grid = table_grid(table, {})
    owner = grid.owner_map()  # raises on overlaps and gaps
    assert len(owner) == grid.nrows == len(table.header) + len(table.rows)
    assert all(len(row) == grid.ncols == table.label_columns + len(table.columns) for row in owner)
    values = [r for r in grid.regions if r.kind == "value"]
    assert len(values) == len(table.rows) * len(table.columns) and not any(r.is_merged for r in values)
    for region in grid.regions:
        assert grid.region_at(region.bottom, region.right) is region
        inside = grid.cell(region.top, region.left)
        assert (inside is None) == (region.kind != "value")


@pytest.mark.parametrize(("fid", "table_id"), TABLES)
def test_cells_and_positions_are_inverse(fid: str, table_id: str) -> None:
    table = forms.load_format(fid).table(table_id)
    grid = table_grid(table, {})
    for row in table.rows:
        for column in table.columns:
            assert grid.cell(*grid.position(row.id, column.id)) == (row, column)
    with pytest.raises(KeyError):
        grid.position("no-such-row", table.columns[0].id)


def test_section_three_labels_merge_like_the_official_table() -> None:
    table = forms.load_format("2021").table("t3")
    labels = {(r.top, r.left, r.bottom, r.right): r.text for r in label_regions(table, 3)}
    assert labels[(3, 0, 3, 2)] == "一、本年新收政府信息公开申请数量"  # one level: spans all label columns
    assert labels[(5, 0, 26, 0)] == "三、本年度办理结果"  # (一) to (七) 总计: 22 rows
    assert labels[(7, 1, 14, 1)] == "（三）不予公开"
    assert labels[(5, 1, 5, 2)] == "（一）予以公开"
    assert labels[(23, 1, 25, 1)] == "（六）其他处理"
    note = next(r for r in table_grid(table, {}).regions if r.kind == "note")
    assert (note.top, note.left, note.bottom, note.right) == (0, 0, 2, 2) and "勾稽关系" in note.text


def test_a_row_with_more_label_levels_than_columns_is_refused() -> None:
    table = forms.load_format("2021").table("t3")
    row = dataclasses.replace(table.rows[0], labels=("a", "b", "c", "d"))
    bad = dataclasses.replace(table, rows=(row, *table.rows[1:]))
    with pytest.raises(ValueError, match="label levels"):
        label_regions(bad, 3)


def test_labels_freeze_only_where_no_header_straddles_them() -> None:
    definition = forms.load_format("2021")
    assert table_grid(definition.table("t3"), {}).labels_can_freeze()
    assert not table_grid(definition.table("t2_1"), {}).labels_can_freeze()  # its title spans labels and values
    assert not table_grid(definition.table("t4"), {}).labels_can_freeze()  # no labels at all


def test_values_fill_the_value_regions() -> None:
    table = forms.load_format("2021").table("t2_5")
    grid = table_grid(table, {("licensing", "decisions"): 5})
    value = grid.region_at(*grid.position("licensing", "decisions"))
    assert isinstance(value, Region) and value.value == 5 and value.column is table.columns[0]
