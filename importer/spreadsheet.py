"""Fill a draft's tables from an .xlsx laid out like the one ``render.sheet`` writes.

A clerk's own statistics often sit in Excel; this takes them cell by cell and says, for every cell,
whether it was taken or refused and why (sheet!cell, in Chinese and English). A sheet is found by
its name (二, 三, 四) or by the section heading in its first rows; the table is found by its
header wherever it starts, then checked header by header and row label by row label, so numbers
are never taken from a table whose rows or columns mean something else. Totals are never taken:
they are computed; a typed total that disagrees with its parts is reported.
"""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from common.errors import AppError
from common.reading import read_file
from forms.definition import Table
from forms.draft import Draft, cell_values
from forms.values import CellValue, CellValueError, check_value, format_value, parse_cell_text

#: a spreadsheet of statistics is small; a bigger file is not one of ours (or a zip bomb)
MAX_BYTES = 20 * 1024 * 1024
#: where the table's header is looked for: the first rows and columns of a sheet
SEARCH_ROWS, SEARCH_COLUMNS = 30, 12
#: the part of a sheet read at all
READ_ROWS, READ_COLUMNS = 400, 60


class SpreadsheetError(AppError):
    """The workbook cannot be read at all."""

    advice_zh = "请选择用本程序导出的电子表格（.xlsx），或按其格式填写的表格。"
    advice_en = "Choose a spreadsheet (.xlsx) exported by this program, or one laid out like it."


#: (grid row, grid column) of each value cell of a printed table -> (table, row id, column id)
CellKeys = dict[tuple[int, int], tuple[Table, str, str]]


@dataclass(frozen=True)
class CellNote:
    """One cell taken or refused: where (sheet!cell), which draft cell, the value, why."""

    where: str
    table: str
    row: str
    column: str
    value: str  # the value as printed ("" = blank) or what the cell held when refused
    zh: str = ""
    en: str = ""

    def message(self, language: str = "zh") -> str:
        text = self.en if language == "en" else self.zh
        return f"{self.where}: {text}" if text else self.where


@dataclass
class FillResult:
    draft: Draft
    taken: list[CellNote] = field(default_factory=list)
    refused: list[CellNote] = field(default_factory=list)
    #: sheet-level (zh, en): a sheet not found, a header not ours
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: each table found: (sheet, origin, grid cell -> draft cell), for checking totals after filling
    placed: list[tuple[str, tuple[int, int], CellKeys]] = field(default_factory=list, repr=False)

    @property
    def filled(self) -> int:
        """Cells that now hold a number."""
        return sum(1 for n in self.taken if n.value != "")


def fill_tables(draft: Draft, path: str | os.PathLike[str]) -> FillResult:
    """A copy of ``draft`` with its table cells taken from the workbook at ``path``.

    Only the tables of sections whose sheet was found change; in them every input cell takes the
    sheet's value (an empty cell makes it blank). Raises SpreadsheetError when the file cannot be
    read as a workbook at all.
    """
    from render.outline import TableBlock, build_outline, cell_keys
    from render.sheet import section_number

    sheets = _read_workbook(Path(path))
    result = FillResult(draft.copy())
    headings = {s.id: s.heading for s in draft.definition.sections}
    for block in build_outline(draft).blocks:
        if not isinstance(block, TableBlock):
            continue
        name = section_number(block.section_id)
        found = _find_sheet(sheets, name, headings[block.section_id])
        if found is None:
            result.notes.append((f"未找到“{name}”表（{headings[block.section_id]}），这部分表格未改动",
                                 f"no sheet '{name}' ({headings[block.section_id]}); those tables were left as they were"))
            continue
        sheet_name, cells = found
        origin = _find_origin(cells, block)
        if origin is None:
            result.notes.append((f"工作表“{sheet_name}”中找不到“{block.caption}”的表头，这张表未改动",
                                 f"sheet '{sheet_name}' has no header of '{block.caption}'; that table was left as it was"))
            continue
        _take_block(result, block, cell_keys(block), sheet_name, cells, origin)
    _check_totals(result, sheets)
    return result


# --------------------------------------------------------------------------- reading


Cells = dict[tuple[int, int], Any]  # (row, column), 0-based -> value (formulas as "=..." text)


def _read_workbook(path: Path) -> dict[str, Cells]:
    try:
        data = read_file(path, max_bytes=MAX_BYTES, what="电子表格", what_en="spreadsheet")
    except AppError as exc:  # missing, a folder or pipe, too large, no permission
        raise SpreadsheetError(f"无法读取电子表格：{exc.zh}", f"cannot read the spreadsheet: {exc.en}") from None
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SpreadsheetError(f"{path.name} 不是可读取的 Excel 工作簿（.xlsx）",
                               f"{path.name} is not a readable Excel workbook (.xlsx): {exc}") from exc
    except Exception as exc:  # openpyxl raises many kinds for damaged files
        raise SpreadsheetError(f"{path.name} 已损坏，无法读取", f"{path.name} is damaged and cannot be read: {exc!r}") from exc
    out: dict[str, Cells] = {}
    try:
        for ws in wb.worksheets:
            cells: Cells = {}
            for r, row in enumerate(ws.iter_rows(max_row=READ_ROWS, max_col=READ_COLUMNS, values_only=True)):
                for c, value in enumerate(row):
                    if value is not None and value != "":
                        cells[(r, c)] = value
            out[ws.title] = cells
    except Exception as exc:
        raise SpreadsheetError(f"{path.name} 已损坏，无法读取", f"{path.name} is damaged and cannot be read: {exc!r}") from exc
    finally:
        wb.close()
    return out


def _norm(value: Any) -> str:
    """Text as compared: NFKC, no whitespace (a clerk's wrapped or spaced labels still match)."""
    return "".join(unicodedata.normalize("NFKC", str(value)).split()) if value is not None else ""


def _find_sheet(sheets: dict[str, Cells], name: str, heading: str) -> tuple[str, Cells] | None:
    for title, cells in sheets.items():
        if title.strip() == name:
            return title, cells
    want = _norm(heading)
    for title, cells in sheets.items():
        if any(_norm(v) == want for (r, _c), v in cells.items() if r < SEARCH_ROWS):
            return title, cells
    return None


def _find_origin(cells: Cells, block: Any) -> tuple[int, int] | None:
    """The sheet position of the grid's top-left cell: where the header texts all sit."""
    headers = [g for g in block.grid.regions if g.kind == "header" and g.text]
    if not headers:
        return None
    first = headers[0]
    want = _norm(first.text)
    for (r, c), value in sorted(cells.items()):
        if r >= SEARCH_ROWS + block.grid.nrows or c >= SEARCH_COLUMNS or _norm(value) != want:
            continue
        origin = (r - first.top, c - first.left)
        if origin[0] < 0 or origin[1] < 0:
            continue
        if all(_norm(cells.get((origin[0] + h.top, origin[1] + h.left))) == _norm(h.text) for h in headers):
            return origin
    return None


def _address(sheet: str, r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(c + 1)}{r + 1}"


# --------------------------------------------------------------------------- taking values


def _take_block(result: FillResult, block: Any, keys: CellKeys, sheet: str, cells: Cells, origin: tuple[int, int]) -> None:
    grid = block.grid
    bad_rows: dict[int, tuple[str, str]] = {}
    for region in grid.regions:
        if region.kind != "label":
            continue
        got = cells.get((origin[0] + region.top, origin[1] + region.left))
        if _norm(got) != _norm(region.text):
            for r in range(region.top, region.bottom + 1):
                bad_rows.setdefault(r, (region.text, "" if got is None else str(got)))
    for (gr, gc), (table, row_id, col_id) in sorted(keys.items()):
        if table.is_computed(row_id, col_id):
            continue
        r, c = origin[0] + gr, origin[1] + gc
        where = _address(sheet, r, c)
        raw = cells.get((r, c))
        shown = "" if raw is None else str(raw)
        if gr in bad_rows:
            want, got = bad_rows[gr]
            result.refused.append(CellNote(where, table.id, row_id, col_id, shown,
                                           f"行标题应为“{want}”，表中为“{got}”，此行未导入",
                                           f"the row label should be '{want}' but is '{got}'; row not taken"))
            continue
        kind = table.column(col_id).kind
        try:
            value = _value(kind, raw)
        except CellValueError as exc:
            zh = exc.zh if shown in exc.zh else f"“{shown}”{exc.zh}"
            en = exc.en if shown in exc.en else f"'{shown}' {exc.en}"
            result.refused.append(CellNote(where, table.id, row_id, col_id, shown, zh, en))
            continue
        result.draft.set_value(table.id, row_id, col_id, value)
        result.taken.append(CellNote(where, table.id, row_id, col_id, format_value(kind, value)))
    result.placed.append((sheet, origin, keys))


def _value(kind: str, raw: Any) -> Any:
    """A sheet cell as a cell value: numbers checked, text parsed as a clerk would type it."""
    if raw is None:
        return None
    if isinstance(raw, bool):
        return check_value(kind, raw)  # refused with a clear reason
    if isinstance(raw, float) and kind == "money":
        return check_value(kind, Decimal(repr(raw)))
    if isinstance(raw, (int, float, Decimal)):
        return check_value(kind, raw)
    text = str(raw)
    if text.startswith("="):
        raise CellValueError("是公式，请填写数字", "is a formula; please enter a number")
    return parse_cell_text(kind, text)


def _check_totals(result: FillResult, sheets: dict[str, Cells]) -> None:
    """A total typed as a number (not our formula) that disagrees with the parts is reported."""
    for sheet, origin, keys in result.placed:
        cells = sheets[sheet]
        computed: dict[str, dict[tuple[str, str], CellValue]] = {}
        for (gr, gc), (table, row_id, col_id) in keys.items():
            if not table.is_computed(row_id, col_id):
                continue
            r, c = origin[0] + gr, origin[1] + gc
            raw = cells.get((r, c))
            if raw is None or (isinstance(raw, str) and raw.startswith("=")):
                continue
            if table.id not in computed:
                computed[table.id] = cell_values(result.draft, table)
            derived = computed[table.id][(row_id, col_id)]
            kind = table.column(col_id).kind
            try:
                typed = _value(kind, raw)
            except CellValueError:
                typed = None
            if typed != derived:
                text = format_value(kind, derived)
                result.refused.append(CellNote(_address(sheet, r, c), table.id, row_id, col_id, str(raw),
                                               f"总计由各项相加得出（{text or '空白'}），不采用表中填写的“{raw}”",
                                               f"totals are computed from their parts ({text or 'blank'}); '{raw}' not taken"))
