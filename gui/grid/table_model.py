"""The Qt item model of one official table: header and label cells plus the draft's cells, in one grid.

The model only reads the draft. Changes come back through ``commit`` (set by the grid), which turns
them into undo commands, so every write goes through the undo stack and nothing bypasses it.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from forms import CellValueError, Draft, Finding, cell_values, format_value, parse_cell_text
from forms.definition import Column, Row
from forms.layout import Grid, Region
from gui.grid.grid_findings import CellFindings, findings_by_cell
from gui.i18n import _, language
from gui.plain import plain_tooltip

__all__ = ["CellKindRole", "ChangedRole", "TableModel", "row_title"]

#: data(role=CellKindRole) says what a grid position is: "header", "label", "input", "computed" or None
CellKindRole = Qt.ItemDataRole.UserRole + 1
#: data(role=ChangedRole) is the value a cell had at the last submission when it differs now, else None
ChangedRole = Qt.ItemDataRole.UserRole + 2

HEADER_BG = QColor("#e6e9ee")
LABEL_BG = QColor("#f1f3f6")
COMPUTED_BG = QColor("#dde3ec")
ERROR_BG = QColor("#f8d2d0")
WARNING_BG = QColor("#fff1b8")
INVALID_FG = QColor("#c00000")

AnyIndex = QModelIndex | QPersistentModelIndex
#: above this many changed cells one update of the whole table is cheaper than one per cell
MAX_CELL_UPDATES = 40
Commit = Callable[[str, str, str], None]


def row_title(row: Row) -> str:
    """A row's full label path as one phrase, e.g. '三、本年度办理结果 （三）不予公开 1.属于国家秘密'."""
    return " ".join(label for label in row.labels if label)


class TableModel(QAbstractTableModel):
    """Read side of the grid: what each grid position shows, how it looks and whether it is editable."""

    def __init__(self, layout: Grid, parent: object | None = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        assert layout.table is not None
        self.layout = layout
        self.table = layout.table
        self.draft: Draft | None = None
        self.read_only = False
        self.commit: Commit | None = None
        self._values: dict[tuple[str, str], object] = {}
        self._invalid: dict[tuple[str, str], object] = {}
        self._findings: CellFindings = {}
        self._preview: tuple[str, str, str] | None = None
        self._changed: dict[tuple[str, str], str] = {}  # (row, column) -> the value at the last submission
        self._frame: dict[tuple[int, int], Region] = {}
        for region in layout.frame():
            for r in range(region.top, region.bottom + 1):
                for c in range(region.left, region.right + 1):
                    self._frame[(r, c)] = region

    # ------------------------------------------------------------------ state

    def set_draft(self, draft: Draft | None) -> None:
        self.draft = draft
        self.recompute()
        self._data_changed()  # editable or not: every cell's flags may have changed

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._data_changed()

    def set_findings(self, findings: list[Finding]) -> None:
        self._findings = findings_by_cell(self.table, self.draft, findings)
        self._data_changed()

    def set_changed(self, changed: dict[tuple[str, str], str]) -> None:
        """Cells that differ from the last submission, with the value they had then (shown as a marker)."""
        if changed != self._changed:
            self._changed = dict(changed)
            self._data_changed()

    def findings_at(self, row_id: str, column_id: str) -> list[Finding]:
        return list(self._findings.get((row_id, column_id), []))

    def set_preview(self, row_id: str, column_id: str, text: str | None) -> None:
        """Show totals as if ``text`` were already in the cell (live totals while the editor is open)."""
        self._preview = None if text is None else (row_id, column_id, text)
        self.recompute()

    def recompute(self) -> None:
        """Re-read the draft (values, invalid inputs, totals) and repaint the cells that changed.

        Only those: a keystroke changes a cell and two or three totals, and repainting all 175
        cells of section 三 for each one would make typing lag."""
        before = (self._values, self._invalid)
        self._values = self._compute()
        self._invalid = self._invalid_texts()
        changed = {
            key
            for old, new in zip(before, (self._values, self._invalid), strict=True)
            for key in old.keys() | new.keys()
            if old.get(key) != new.get(key)
        }
        if len(changed) > MAX_CELL_UPDATES:
            self._data_changed()
            return
        for row_id, column_id in changed:
            index = self.index(*self.layout.position(row_id, column_id))
            self.dataChanged.emit(index, index)

    def _invalid_texts(self) -> dict[tuple[str, str], object]:
        if self.draft is None:
            return {}
        return {(r, c): text for (t, r, c), text in self.draft.invalid_inputs.items() if t == self.table.id}

    def _compute(self) -> dict[tuple[str, str], object]:
        if self.draft is None:
            return {}
        draft = self.draft
        if self._preview is not None:
            row_id, column_id, text = self._preview
            try:
                value = parse_cell_text(self.table.column(column_id).kind, text)
            except CellValueError:
                value = None
            draft = copy.copy(draft)  # shallow: only the values dict is replaced
            draft.values = {**self.draft.values}
            key = (self.table.id, row_id, column_id)
            draft.values.pop(key, None)
            if value is not None:
                draft.values[key] = value
        return dict(cell_values(draft, self.table))

    def _data_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    # ------------------------------------------------------------------ Qt model API

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else self.layout.nrows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.layout.ncols

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        cell = self.layout.cell(index.row(), index.column())
        if cell is None:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(*cell):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def is_editable(self, row: Row, column: Column) -> bool:
        return self.draft is not None and not self.read_only and not (row.computed or column.computed)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        cell = self.layout.cell(index.row(), index.column())
        if cell is None:
            return self._span_data(index.row(), index.column(), role)
        return self._cell_data(cell[0], cell[1], role)

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        cell = self.layout.cell(index.row(), index.column())
        if role != Qt.ItemDataRole.EditRole or cell is None or not self.is_editable(*cell) or self.commit is None:
            return False
        self.commit(cell[0].id, cell[1].id, "" if value is None else str(value))
        return True

    # ------------------------------------------------------------------ roles

    def _span_data(self, r: int, c: int, role: int) -> object:
        region = self._frame.get((r, c))
        if region is None or (region.top, region.left) != (r, c):
            return None
        header = region.kind in ("header", "note")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return region.text
        if role == Qt.ItemDataRole.ToolTipRole and region.kind == "note":
            return region.text
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADER_BG if header else LABEL_BG
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if region.kind == "label" and region.rows == 1:  # a label running down several rows is centred
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == CellKindRole:
            return "header" if header else "label"
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return _("表头") if header else _("行标题")
        return None

    def cell_text(self, row: Row, column: Column) -> str:
        """What a cell shows: the invalid text as typed, else the formatted value; blank stays blank."""
        if self.draft is not None:
            invalid = self.draft.invalid_inputs.get((self.table.id, row.id, column.id))
            if invalid is not None:
                return invalid
        return format_value(column.kind, self._values.get((row.id, column.id)))  # type: ignore[arg-type]

    def invalid_message(self, row: Row, column: Column) -> str | None:
        """Why the typed text of an invalid cell is refused, or None when the cell is not invalid."""
        if self.draft is None:
            return None
        text = self.draft.invalid_inputs.get((self.table.id, row.id, column.id))
        if text is None:
            return None
        try:
            parse_cell_text(column.kind, text)
        except CellValueError as exc:
            return exc.en if language() == "en" else exc.zh
        return _("请重新填写")

    def _cell_data(self, row: Row, column: Column, role: int) -> object:
        computed = row.computed or column.computed
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell_text(row, column)
        if role == CellKindRole:
            return "computed" if computed else "input"
        if role == ChangedRole:
            return self._changed.get((row.id, column.id))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, column, computed)
        if role == Qt.ItemDataRole.ForegroundRole:
            return INVALID_FG if self.invalid_message(row, column) is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column, computed) or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.cell_text(row, column) or _("空白")
            return _("{row}，{column}：{value}", row=row_title(row) or self.table.title, column=column.label, value=shown)
        if role == Qt.ItemDataRole.AccessibleDescriptionRole:
            return self._tooltip(row, column, computed) or (_("可编辑") if not self.read_only else _("只读"))
        return None

    def _background(self, row: Row, column: Column, computed: bool) -> QColor | None:
        findings = self._findings.get((row.id, column.id), [])
        if self.invalid_message(row, column) is not None or any(f.severity == "error" for f in findings):
            return ERROR_BG
        if findings:
            return WARNING_BG
        return COMPUTED_BG if computed else None

    def _tooltip(self, row: Row, column: Column, computed: bool) -> str:
        lines: list[str] = []
        message = self.invalid_message(row, column)
        if message is not None:
            lines.append(message)
        for finding in self._findings.get((row.id, column.id), []):
            if message is not None and finding.code == "E_CELL_VALUE":
                continue  # the live message above already says it, and is never stale
            text = finding.message(language())
            if text not in lines:
                lines.append(text)
        if computed:
            lines.append(_("自动计算，不能直接填写"))
        if (row.id, column.id) in self._changed:
            lines.append(_("自上次提交以来已修改，原为：{old}", old=self._changed[(row.id, column.id)] or _("空白")))
        return plain_tooltip("\n".join(lines))  # typed text may look like HTML
