"""Draft -> .xlsx: the tables of 二, 三 and 四 on sheets laid out like the official tables.

One sheet per section with tables, named by its number ("二", "三", "四"): the report title in row
1, the section heading in row 2, the official grid from row 3 (merged headers, merged row labels,
三's 勾稽关系 note). Numbers are numbers (counts as integers, money with two decimals and its
unit as a number format), blanks stay empty, and every total is a formula that Excel, WPS and
LibreOffice recompute: ``=IF(COUNT(…)=0,"",SUM(…))``, blank when all its parts are blank, as the
report prints it. ``importer.spreadsheet`` reads such a workbook back.
"""

from __future__ import annotations

import io
import math
import os
from copy import copy
from typing import BinaryIO

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from forms.definition import Column, Table
from forms.draft import Draft
from render.outline import Outline, TableBlock, build_outline, cell_keys
from render.output_file import write_output

#: the grid starts here (1-based): row 1 is the report title, row 2 the section heading
ORIGIN_ROW = 3
FONT_NAME = "仿宋_GB2312"
CELL_SIZE = 11
#: points per Excel column-width unit (the width of "0" in the default 11 pt font, about 7 px)
POINTS_PER_WIDTH = 5.3

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)


def number_format(column: Column) -> str:
    """Counts as whole numbers, changes with their sign, money with two decimals (and 万元 when the
    column heading does not already name the unit, as the PDF prints it)."""
    if column.kind == "money":
        unit = f'"{column.unit}"' if column.unit and column.unit not in column.label else ""
        return f"0.00{unit}"
    if column.kind == "signed":
        return "+0;-0;0"
    return "0"


def sheet_blocks(outline: Outline) -> list[tuple[str, list[TableBlock]]]:
    """(sheet name, tables) for each section that has tables, in report order."""
    out: list[tuple[str, list[TableBlock]]] = []
    for block in outline.blocks:
        if isinstance(block, TableBlock):
            name = section_number(block.section_id)
            if out and out[-1][0] == name:
                out[-1][1].append(block)
            else:
                out.append((name, [block]))
    return out


def section_number(section_id: str) -> str:
    return "一二三四五六七八九"[int(section_id) - 1] if section_id.isdigit() and 0 < int(section_id) < 10 else section_id


def build_workbook(draft: Draft) -> Workbook:
    """The workbook for ``draft`` (not saved)."""
    outline = build_outline(draft)
    headings = {s.id: s.heading for s in draft.definition.sections}
    wb = Workbook()
    wb.remove(wb.active)
    for name, blocks in sheet_blocks(outline):
        ws = wb.create_sheet(name)
        row = ORIGIN_ROW
        width = max(b.grid.ncols for b in blocks)
        _title(ws, 1, outline.title, width, 14, bold=True)
        _title(ws, 2, headings.get(blocks[0].section_id, name), width, 12, bold=False)
        for block in blocks:
            write_grid(ws, block, row)
            row += block.grid.nrows + 1
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape" if width > 8 else "portrait"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_title_rows = f"{ORIGIN_ROW}:{ORIGIN_ROW + blocks[0].grid.header_rows - 1}" if blocks[0].grid.header_rows else None
    wb.calculation.fullCalcOnLoad = True  # Excel and WPS compute the totals when the file opens
    wb.properties.title = outline.title
    wb.properties.creator = outline.agency or "nianbao"
    wb.properties.subject = f"政府信息公开工作年度报告（{outline.format_name}）"
    return wb


def _title(ws: Worksheet, row: int, text: str, width: int, size: float, bold: bool) -> None:
    cell = ws.cell(row=row, column=1, value=text or None)
    cell.font = Font(name=FONT_NAME, size=size, bold=bold)
    cell.alignment = Alignment(horizontal="center", vertical="center")
    if width > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = size * 1.8


def write_grid(ws: Worksheet, block: TableBlock, origin: int) -> None:
    """The grid of ``block`` with its top-left cell at (origin, A)."""
    grid = block.grid
    keys = cell_keys(block)
    where = {(t.id, r, c): (origin + gr, gc + 1) for (gr, gc), (t, r, c) in keys.items()}
    widths = _column_widths(block)
    for c, points in enumerate(widths, start=1):
        letter = get_column_letter(c)
        ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 0, round(points / POINTS_PER_WIDTH, 1))
    styles = _StyleCache(ws)
    lines = [1] * grid.nrows
    for region in grid.regions:
        row, col = origin + region.top, region.left + 1
        for r in range(region.top, region.bottom + 1):
            for c in range(region.left, region.right + 1):
                styles.apply(ws.cell(row=origin + r, column=c + 1), "border")
        cell = ws.cell(row=row, column=col)
        if region.kind == "value":
            table, row_id, col_id = keys[(region.top, region.left)]
            column = table.column(col_id)
            styles.apply(cell, "value", number_format(column))
            if table.is_computed(row_id, col_id):
                cell.value = total_formula(table, row_id, col_id, where)
            elif region.value is not None:
                cell.value = float(region.value) if column.kind == "money" else int(region.value)
        else:
            cell.value = region.text or None
            styles.apply(cell, "label" if region.kind == "label" else "header")
            width = sum(widths[region.left : region.right + 1])
            need = math.ceil(len(region.text) * CELL_SIZE * 1.05 / max(width - 6, CELL_SIZE)) if region.text else 1
            per_row = math.ceil(need / region.rows)
            for r in range(region.top, region.bottom + 1):
                lines[r] = max(lines[r], per_row)
        if region.bottom > region.top or region.right > region.left:
            # the cells' borders are set above; openpyxl's merge_cells would restyle every cell (slow)
            ref = f"{get_column_letter(col)}{row}:{get_column_letter(region.right + 1)}{origin + region.bottom}"
            ws.merged_cells.add(MergedCellRange(ws, ref))
    for r, n in enumerate(lines):
        ws.row_dimensions[origin + r].height = max(18.0, n * CELL_SIZE * 1.35 + 4)


class _StyleCache:
    """Cell styles built once per kind and copied onto cells: setting font, border and alignment
    attribute by attribute costs openpyxl a style lookup each time (most of the write time)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.built: dict[tuple[str, str], object] = {}

    def apply(self, cell: Cell, kind: str, fmt: str = "General") -> None:
        key = (kind, fmt)
        if key in self.built:
            cell._style = copy(self.built[key])
            return
        cell.border = _BORDER
        if kind != "border":
            cell.font = Font(name=FONT_NAME, size=CELL_SIZE)
            cell.alignment = _LEFT if kind == "label" else _CENTER
            cell.number_format = fmt
        self.built[key] = copy(cell._style)


def _column_widths(block: TableBlock) -> list[float]:
    """Column widths in points: the PDF's widths (text width 156 mm), 四 widened for 15 columns."""
    from render.styles import PAGE
    from render.tables import column_widths

    size = 12.0 if block.large else 10.5
    total = PAGE.frame_width if block.grid.ncols <= 10 else PAGE.frame_width * 1.5
    return column_widths(block.grid, total, size)


def total_formula(table: Table, row_id: str, col_id: str, where: dict[tuple[str, str, str], tuple[int, int]]) -> str:
    """``=IF(COUNT(parts)=0,"",SUM(parts))``: the total of a computed row (over its rows) or column
    (over its columns), blank when every part is blank, exactly as ``forms.cell_values`` derives it."""
    row = table.row(row_id)
    if row.computed:
        cells = [where[(table.id, r, col_id)] for r in row.computed_from]
    else:
        cells = [where[(table.id, row_id, c)] for c in table.column(col_id).computed_from]
    ref = cell_ranges(cells)
    return f'=IF(COUNT({ref})=0,"",SUM({ref}))'


def cell_ranges(cells: list[tuple[int, int]]) -> str:
    """Cells (row, column) as an Excel reference list, consecutive runs in one row or one column
    joined into ranges: B5:G5, or B5,D5."""
    parts: list[str] = []
    run: list[tuple[int, int]] = []

    def flush() -> None:
        if not run:
            return
        first, last = run[0], run[-1]
        a = f"{get_column_letter(first[1])}{first[0]}"
        parts.append(a if first == last else f"{a}:{get_column_letter(last[1])}{last[0]}")
        run.clear()

    for cell in cells:
        if run:
            prev = run[-1]
            step = (cell[0] - prev[0], cell[1] - prev[1])
            direction = (run[1][0] - run[0][0], run[1][1] - run[0][1]) if len(run) > 1 else step
            if step in ((1, 0), (0, 1)) and step == direction:
                run.append(cell)
                continue
            flush()
        run.append(cell)
    flush()
    return ",".join(parts)


def workbook_bytes(draft: Draft) -> bytes:
    buffer = io.BytesIO()
    build_workbook(draft).save(buffer)
    return buffer.getvalue()


def write_sheet(draft: Draft, output: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the .xlsx to a path (atomically; a clear AppError when it cannot be written) or a binary file."""
    write_output(workbook_bytes(draft), output, "电子表格", "spreadsheet")


__all__ = ["ORIGIN_ROW", "build_workbook", "number_format", "sheet_blocks", "workbook_bytes", "write_sheet"]
