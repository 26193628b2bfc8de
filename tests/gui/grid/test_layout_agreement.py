"""Screen and page show the same official table: every merged cell of the grid editor is a merged
cell of the PDF table, with the same text, for every table of every format."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from reportlab.platypus import Paragraph

import forms
from forms.layout import table_grid
from gui.grid.table_grid import TableGrid
from render.fontset import font_set
from render.styles import PAGE, build_styles
from render.tables import build_table

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = {"2019": ROOT / "examples" / "longgang-2020.json", "2021": ROOT / "examples" / "sample-2021.json"}
TABLES = [(fid, table.id) for fid in forms.available_formats() for table in forms.load_format(fid).tables]

Rect = tuple[int, int, int, int]  # top, left, bottom, right (inclusive)


def screen_merges(grid: TableGrid) -> dict[Rect, str]:
    """Every merged cell of the grid view, with the text it shows."""
    view, model = grid.view, grid.model
    covered: set[tuple[int, int]] = set()
    out: dict[Rect, str] = {}
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            if (r, c) in covered:
                continue
            rows, cols = view.rowSpan(r, c), view.columnSpan(r, c)
            if rows > 1 or cols > 1:
                out[(r, c, r + rows - 1, c + cols - 1)] = str(model.index(r, c).data() or "")
                covered |= {(r + i, c + j) for i in range(rows) for j in range(cols)}
    return out


def page_merges(draft: forms.Draft, table: forms.Table) -> dict[Rect, str]:
    """Every merged cell of the ReportLab table: SPANs, and labels drawn over line-merged rows."""
    fonts = font_set("bundled")
    styles = build_styles(fonts)
    flowable = build_table(table_grid(table, forms.cell_values(draft, table)), fonts, styles, PAGE.frame_width)
    overlays = {(o.top, o.left, o.bottom, o.right): Paragraph(o.text, styles["cell_label"]).getPlainText()
                for o in flowable.overlays}
    out: dict[Rect, str] = {}
    for _cmd, (c0, r0), (c1, r1) in flowable._spanCmds:
        rect = (r0, c0, r1, c1)
        if any(t <= r0 and r1 <= b and left <= c0 and c1 <= right for t, left, b, right in overlays):
            continue  # one row of a label that runs down several rows: drawn by its overlay
        cell = flowable._cellvalues[r0][c0]
        out[rect] = cell.getPlainText() if isinstance(cell, Paragraph) else str(cell)
    out.update({rect: text for rect, text in overlays.items() if rect[0] != rect[2] or rect[1] != rect[3]})
    return out


@pytest.mark.parametrize(("fid", "table_id"), TABLES)
def test_screen_spans_equal_pdf_regions(qtbot, fid: str, table_id: str) -> None:  # type: ignore[no-untyped-def]
    draft = forms.load_draft_file(EXAMPLES[fid])
    table = draft.definition.table(table_id)
    grid = TableGrid(table, QUndoStack(), None)
    qtbot.addWidget(grid)
    grid.set_draft(draft)
    screen, page = screen_merges(grid), page_merges(draft, table)
    assert screen and screen == page
    # and every value sits in the same place, showing the same number (the PDF adds 万元 where needed)
    pdf = build_table(table_grid(table, forms.cell_values(draft, table)), font_set("bundled"),
                      build_styles(font_set("bundled")), PAGE.frame_width)
    for row in table.rows:
        for column in table.columns:
            r, c = grid.table_layout.position(row.id, column.id)
            shown = str(grid.model.index(r, c).data() or "")
            printed = pdf._cellvalues[r][c]
            printed = printed.getPlainText() if isinstance(printed, Paragraph) else str(printed)
            assert printed.startswith(shown) and (shown or not printed), (row.id, column.id, shown, printed)
