"""The checklist an office works through: a workbook (units, findings, roll-up) and the same as JSON.

Sheets: 单位 (one row per unit: state, format, year, status, errors, warnings, date of issue, late,
copied share), 问题 (one row per finding: unit, severity, code, place, message), 汇总 (the roll-up's
cells, with the units that left each blank). Numbers are written as numbers so they can be sorted.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from batch.rollup import RollUp
from batch.run import BatchResult, UnitResult
from batch.units import LoadedUnit
from common.atomic import atomic_write
from forms import Finding

STATE_ZH = {
    "found": "已收到", "missing": "未收到", "duplicate": "重复", "unreadable": "无法读取",
    "not_in_roster": "不在名单中", "roster_problem": "名单问题",
}
STATUS_ZH = {"draft": "草稿", "submitted": "待审核", "returned": "已退回", "approved": "已通过", "published": "已发布"}
UNIT_COLUMNS = ("单位", "状态", "原因", "文件", "格式", "年度", "审核状态", "错误", "警告", "成文日期", "逾期", "最高文字重复率", "重复超标部分", "上级单位", "层级")
FINDING_COLUMNS = ("单位", "级别", "代码", "位置", "说明")
ROLLUP_COLUMNS = ("表", "行", "列", "合计", "空白的单位数", "空白的单位")


def unit_rows(result: BatchResult) -> Iterator[list[Any]]:
    for unit in result.units:
        draft, loaded = unit.draft, unit.loaded
        yield [
            unit.unit,
            STATE_ZH.get(unit.state, unit.state),
            unit.reason_zh,
            str(unit.path.name) if unit.path else "",
            draft.definition.name_zh if draft else "",
            draft.year if draft else None,
            STATUS_ZH.get(loaded.status, loaded.status) if loaded else "",
            loaded.errors if loaded and draft else None,
            loaded.warnings if loaded and draft else None,
            loaded.issued.isoformat() if loaded and loaded.issued else "",
            "逾期" if loaded and loaded.late else "",
            round(unit.copied_share, 4) if unit.copied_share is not None else None,
            "、".join(unit.flagged_sections),
            unit.roster.parent if unit.roster else "",
            unit.roster.level if unit.roster else "",
        ]


def finding_rows(unit: str, findings: Iterable[Finding]) -> Iterator[list[Any]]:
    for finding in findings:
        yield [unit, "错误" if finding.is_error else "警告", finding.code, _place(finding.location), finding.zh]


def rollup_rows(rollup: RollUp) -> Iterator[list[Any]]:
    definition = rollup.draft.definition
    for table in definition.tables:
        for row, column in table.input_cells():
            key = (table.id, row.id, column.id)
            blank = rollup.blank_units(key)
            value = rollup.draft.values.get(key)
            yield [table.title, "/".join(row.labels), column.label, _number(value), len(blank), "、".join(blank)]


class ChecklistWorkbook:
    """The checklist workbook, written while the batch runs: each file's finding rows as soon as it is read
    (so writing them overlaps the checking in the worker processes), the units and the roll-up at the end.

    ``unit_name`` names a file's unit the way the batch result will (the roster's name where it matches).
    """

    def __init__(self, unit_name: Callable[[LoadedUnit], str] = lambda unit: unit.path.stem) -> None:
        from openpyxl import Workbook

        self.unit_name = unit_name
        self.book = Workbook(write_only=True)
        self.units = self._sheet("单位", UNIT_COLUMNS)
        self.findings = self._sheet("问题", FINDING_COLUMNS)
        self.rollup = self._sheet("汇总", ROLLUP_COLUMNS)

    def _sheet(self, title: str, columns: tuple[str, ...]) -> Any:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        sheet = self.book.create_sheet(title)
        for index, width in enumerate(_widths(columns), start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        header = []
        for name in columns:
            cell = WriteOnlyCell(sheet, value=name)
            cell.font = Font(bold=True)
            header.append(cell)
        sheet.append(header)
        return sheet

    def _append(self, sheet: Any, rows: Iterable[list[Any]]) -> None:
        for row in rows:
            sheet.append([_safe(v) for v in row])

    def add_findings(self, unit: str, findings: Iterable[Finding]) -> None:
        self._append(self.findings, finding_rows(unit, findings))

    def add_file(self, loaded: LoadedUnit) -> None:
        """One file's own findings, as soon as it is read (its cross-year findings come with ``finish``)."""
        self.add_findings(self.unit_name(loaded), loaded.findings)

    def finish(self, path: Path | str, result: BatchResult, rollup: RollUp | None = None) -> None:
        """Add the units, the cross-year findings and the roll-up, and write the file atomically."""
        from io import BytesIO

        self._append(self.units, unit_rows(result))
        for unit in result.units:
            self.add_findings(unit.unit, unit.cross_year)
        if rollup is not None:
            self._append(self.rollup, rollup_rows(rollup))
        buffer = BytesIO()
        self.book.save(buffer)
        atomic_write(Path(path), buffer.getvalue())


def write_workbook(path: Path | str, result: BatchResult, rollup: RollUp | None = None) -> None:
    """Write the checklist workbook of a finished batch atomically."""
    book = ChecklistWorkbook()
    for unit in result.units:
        if unit.loaded is not None:
            book.add_findings(unit.unit, unit.loaded.findings)
    book.finish(path, result, rollup)


def to_json(result: BatchResult, rollup: RollUp | None = None) -> dict[str, Any]:
    """The checklist as plain data for other programs."""
    units = [dict(zip(("unit", "state", "reason", "file", "format", "year", "status", "errors", "warnings", "issued",
                       "late", "copied_share", "copied_sections", "parent", "level"), row, strict=True))
             for row in unit_rows(result)]
    for data, unit in zip(units, result.units, strict=True):
        data["state"] = unit.state
        data["reason_en"] = unit.reason_en
        data["status"] = unit.loaded.status if unit.loaded else ""
        data["late"] = bool(unit.loaded and unit.loaded.late)
        data["findings"] = [f.to_dict() for f in unit.findings]
    out: dict[str, Any] = {"schema": "nianbao-batch-checklist", "schema_version": 1, "units": units,
                           "counts": result.counts(), "cancelled": result.cancelled}
    if rollup is not None:
        out["rollup"] = [dict(zip(("table", "row", "column", "total", "blank_count", "blank_units"), row, strict=True))
                         for row in rollup_rows(rollup)]
    return out


def write_json(path: Path | str, result: BatchResult, rollup: RollUp | None = None) -> None:
    text = json.dumps(to_json(result, rollup), ensure_ascii=False, indent=1, default=_json_default)
    atomic_write(Path(path), (text + "\n").encode("utf-8"))


def _json_default(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value) if value != value.to_integral_value() else int(value)
    raise TypeError(type(value).__name__)


def _number(value: object) -> object:
    return float(value) if isinstance(value, Decimal) else value


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _place(location: Any) -> str:
    parts = [f"第{location.section}部分" if location.section else "", location.table or "", location.row or "",
             location.column or "", location.text or "", location.field or ""]
    return " ".join(p for p in parts if p)


def _widths(columns: tuple[str, ...]) -> list[int]:
    return [40 if name in ("单位", "说明", "原因", "空白的单位", "行") else 14 for name in columns]


def unit_result_summary(unit: UnitResult) -> str:
    """One line for a progress log or the CLI."""
    loaded = unit.loaded
    if unit.state in ("found", "not_in_roster", "duplicate") and loaded and loaded.draft:
        return f"{unit.unit}: {STATE_ZH[unit.state]}，{loaded.errors} 个错误，{loaded.warnings} 个警告"
    return f"{unit.unit}: {STATE_ZH.get(unit.state, unit.state)}{('（' + unit.reason_zh + '）') if unit.reason_zh else ''}"
