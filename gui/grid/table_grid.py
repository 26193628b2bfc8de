"""The grid for one official table of the report, bound to a draft and the window's undo stack.

Laid out like the printed table (merged multi-level header, numbered row labels), edited like a
spreadsheet. Every change — typing, paste, clear — is one undo command on the shared stack, and
nothing typed is ever lost: text that is not a valid value is kept as the cell's invalid input.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QMenu, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from forms import CellValueError, Draft, Finding, Table, parse_cell_text
from forms.layout import table_grid
from forms.limits import INVALID_INPUT_MAX_CHARS
from gui.grid import TABLE_ID_PROPERTY
from gui.grid.column_memory import ColumnMemory
from gui.grid.column_resize import ColumnResizer
from gui.grid.grid_clipboard import PasteResult, block_targets, parse_tsv, paste_report, to_tsv
from gui.grid.grid_commands import CellChange, CellsCommand, CellState, read_state
from gui.grid.table_model import TableModel
from gui.grid.table_sizing import column_widths, fit_column, fit_sections, row_heights
from gui.grid.table_view import GridView
from gui.i18n import _

logger = logging.getLogger(__name__)


__all__ = ["PasteResult", "TableGrid"]


class TableGrid(QWidget):
    """Editable official table. Public interface used by the wizard pages."""

    #: table id, row id, column id — after any change of that cell (edit, paste, clear, undo, redo)
    cellEdited = Signal(str, str, str)
    #: a short sentence for the status bar (paste report, why a key did nothing)
    statusMessage = Signal(str)

    def __init__(self, table: Table, undo_stack: QUndoStack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = table
        self.setProperty(TABLE_ID_PROPERTY, table.id)  # found by the wizard's focus tracking without importing this module
        self.undo_stack = undo_stack
        self.table_layout = table_grid(table, {})
        self.model = TableModel(self.table_layout, self)
        self.model.commit = self._commit_text
        self.view = GridView(self.table_layout, self)
        self.view.setModel(self.model)
        self.last_paste: PasteResult | None = None
        self._draft: Draft | None = None
        self._read_only = False
        self._compact = False
        self.memory = ColumnMemory(table, self.table_layout)
        self._widths = self.memory.load()  # grid column -> width the clerk chose
        self.resizer = ColumnResizer(self.view, self.table_layout, self._fit_width)
        self.resizer.columnResized.connect(self._column_resized)
        self._apply_spans()
        self._setup_view()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.view)
        self.setFocusProxy(self.view)
        self.setAccessibleName(_("表格：{title}", title=table.title))
        self.view.setAccessibleName(_("表格：{title}", title=table.title))
        self.view.setAccessibleDescription(
            _("方向键、Tab 移动，直接输入覆盖，F2 编辑，Delete 清除，Ctrl+C/Ctrl+V 复制粘贴，Ctrl+Z/Ctrl+Y 撤销重做")
        )
        self._connect()
        self._update_edit_triggers()
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._show_context_menu)

    def context_menu(self) -> QMenu:
        """Copy / cut / paste / clear for the selection, as the keyboard shortcuts do them."""
        menu = QMenu(self)
        menu.setAccessibleName(_("表格右键菜单"))
        editable = not self._read_only and self._draft is not None
        copy = menu.addAction(_("复制"), self.copy)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        cut = menu.addAction(_("剪切"), self._cut_selection)
        cut.setShortcut(QKeySequence.StandardKey.Cut)
        paste = menu.addAction(_("粘贴"), lambda: self.paste())
        paste.setShortcut(QKeySequence.StandardKey.Paste)
        clear = menu.addAction(_("清除"), self.clear_selection)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        for action in (cut, paste, clear):
            action.setEnabled(editable)
        menu.addSeparator()
        reset = menu.addAction(_("恢复默认列宽"), self.reset_column_widths)
        reset.setEnabled(bool(self._widths))
        return menu

    def _cut_selection(self) -> None:
        self.copy()
        self.clear_selection()

    def _show_context_menu(self, pos) -> None:
        self.context_menu().exec(self.view.viewport().mapToGlobal(pos))

    # ------------------------------------------------------------------ public interface

    @property
    def draft(self) -> Draft | None:
        return self._draft

    def set_draft(self, draft: Draft) -> None:
        """Bind to ``draft``; edits then write into it in place. Its format must have this very table."""
        if draft.definition.table(self.table.id) != self.table:
            raise ValueError(f"draft format {draft.format_id} has a different table {self.table.id}")
        self._close_editor()
        self._draft = draft
        self.model.set_draft(draft)
        self._update_edit_triggers()

    def set_read_only(self, read_only: bool) -> None:
        """Block (or allow again) every edit: typing, paste, clear, undo and redo from the grid."""
        if read_only:
            self._close_editor()
        self._read_only = read_only
        self.model.set_read_only(read_only)
        self._update_edit_triggers()

    def is_read_only(self) -> bool:
        return self._read_only

    def set_findings(self, findings: list[Finding]) -> None:
        """Colour the cells the findings name (errors red, warnings yellow) with the message as tooltip."""
        self.model.set_findings(findings)

    def focus_cell(self, row_id: str | None, column_id: str | None) -> None:
        """Select a cell and scroll to it; a missing row or column means the first one."""
        row = row_id if row_id is not None else self.table.rows[0].id
        column = column_id if column_id is not None else self._first_input_column(row)
        r, c = self.table_layout.position(row, column)
        index = self.model.index(r, c)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().select(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        bar = self.view.horizontalScrollBar()
        if self.view.visualRect(index).right() + bar.value() <= self.view.viewport().width():
            bar.setValue(0)  # the cell fits without scrolling sideways: keep the row labels in view
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self) -> None:
        """Re-read the draft (after an external load or a change made elsewhere)."""
        self.model.recompute()

    # ------------------------------------------------------------------ actions (also for menus)

    def copy(self) -> str:
        """Copy the selected block as tab-separated text (totals included, as shown) and return it."""
        cells = self._selected_positions()
        if not cells:
            return ""
        rows = sorted({r for r, _c in cells})
        cols = sorted({c for _r, c in cells})
        block = [
            [str(self.model.index(r, c).data() or "") if (r, c) in cells else "" for c in range(cols[0], cols[-1] + 1)]
            for r in range(rows[0], rows[-1] + 1)
        ]
        text = to_tsv(block)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> PasteResult | None:
        """Paste a tab-separated block (clipboard by default) at the current cell, as one undo step."""
        if not self._can_edit():
            return None
        block = parse_tsv(QGuiApplication.clipboard().text() if text is None else text)
        if not block:
            return None
        current = self.view.currentIndex()
        if not self.view.is_cell(current):
            return None
        if len(block) == 1 and len(block[0]) == 1 and len(self._selected_positions()) > 1:
            targets = [(pos, block[0][0]) for pos in sorted(self._selected_positions())]  # fill the selection
            outside = 0
        else:
            targets, outside = block_targets(self.table_layout, current.row(), current.column(), block)
        result = PasteResult(outside=outside)
        texts: dict[tuple[str, str], str] = {}
        for (r, c), value in targets:
            cell = self.table_layout.cell(r, c)
            assert cell is not None
            row, column = cell
            if row.computed or column.computed:
                if value.strip():
                    result.on_computed.append((row.id, column.id))
                continue
            texts[(row.id, column.id)] = value
        changes = self._changes(texts)
        result.written = [(ch.row, ch.column) for ch in changes]
        result.invalid = [(ch.row, ch.column) for ch in changes if ch.after.invalid is not None]
        result.cut = [key for key, text in texts.items() if self._is_cut(key[1], text)]
        self._push(_("粘贴"), changes)
        self._select_block(targets)
        self.last_paste = result
        self._report_paste(result)
        return result

    def clear_selection(self) -> None:
        """Blank every selected input cell (totals are skipped), as one undo step."""
        if not self._can_edit():
            return
        texts = {}
        for r, c in self._selected_positions():
            cell = self.table_layout.cell(r, c)
            if cell is not None and not (cell[0].computed or cell[1].computed):
                texts[(cell[0].id, cell[1].id)] = ""
        self._push(_("清除单元格"), self._changes(texts))

    # ------------------------------------------------------------------ writing

    def _commit_text(self, row_id: str, column_id: str, text: str) -> None:
        """Called by the model when an editor commits: one undo command for one cell."""
        if self._can_edit():
            self._push(_("编辑单元格"), self._changes({(row_id, column_id): text}))
            if self._is_cut(column_id, text):
                self._tell_too_long(*self.table_layout.position(row_id, column_id))

    def _changes(self, texts: dict[tuple[str, str], str]) -> list[CellChange]:
        """Cell changes for typed texts; cells whose state would not change are left out."""
        assert self._draft is not None
        changes = []
        for (row_id, column_id), text in texts.items():
            before = read_state(self._draft, self.table.id, row_id, column_id)
            after = self._state_for(column_id, text)
            if after != before:
                changes.append(CellChange(row_id, column_id, before, after))
        return changes

    def _state_for(self, column_id: str, text: str) -> CellState:
        """A value when the text is one; else the text as typed, cut to what the draft may keep
        (a save must never fail because of what was pasted into a cell)."""
        try:
            return CellState(parse_cell_text(self.table.column(column_id).kind, text), None)
        except CellValueError:
            return CellState(None, text.strip()[:INVALID_INPUT_MAX_CHARS])

    def _is_cut(self, column_id: str, text: str) -> bool:
        """Whether ``text`` is kept only in part (too long, and not a value)."""
        return len(text.strip()) > INVALID_INPUT_MAX_CHARS and self._state_for(column_id, text).invalid is not None

    def _tell_too_long(self, r: int, c: int) -> None:
        message = _("单元格最多保留 {n} 个字符，多出的部分没有录入", n=INVALID_INPUT_MAX_CHARS)
        self.statusMessage.emit(message)
        rect = self.view.visualRect(self.model.index(r, c))
        QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), message, self.view)

    def _push(self, text: str, changes: list[CellChange]) -> None:
        if changes and self._draft is not None:
            self.undo_stack.push(CellsCommand(text, self._draft, self.table.id, changes, self._on_applied))

    def _on_applied(self, draft: Draft, table_id: str, cells: list[tuple[str, str]]) -> None:
        """A command changed cells (push, undo or redo): repaint and tell the wizard."""
        if draft is self._draft and table_id == self.table.id:
            self.model.set_preview("", "", None)
        for row_id, column_id in cells:
            self.cellEdited.emit(table_id, row_id, column_id)

    def _can_edit(self) -> bool:
        if self._draft is None:
            return False
        if self._read_only:
            self.statusMessage.emit(_("只读：不能修改表格"))
            return False
        return True

    # ------------------------------------------------------------------ helpers

    def _connect(self) -> None:
        v = self.view
        v.copyRequested.connect(self.copy)
        v.pasteRequested.connect(self.paste)
        v.clearRequested.connect(self.clear_selection)
        v.undoRequested.connect(self._undo)
        v.redoRequested.connect(self._redo)
        v.editTextChanged.connect(self._on_edit_text)
        v.editorClosed.connect(lambda: self.model.set_preview("", "", None))
        v.blockedEdit.connect(self._on_blocked)
        v.textTooLong.connect(self._tell_too_long)

    def _undo(self) -> None:
        if self._can_edit():
            self.undo_stack.undo()

    def _redo(self) -> None:
        if self._can_edit():
            self.undo_stack.redo()

    def _on_edit_text(self, r: int, c: int, text: str) -> None:
        cell = self.table_layout.cell(r, c)
        if cell is not None:
            self.model.set_preview(cell[0].id, cell[1].id, text)

    def _on_blocked(self, r: int, c: int) -> None:
        if self._read_only or self._draft is None:
            message = _("只读：不能修改表格")
        else:
            message = _("这是自动计算的合计，不能直接填写")
        self.statusMessage.emit(message)
        rect = self.view.visualRect(self.model.index(r, c))
        QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), message, self.view)

    def _report_paste(self, result: PasteResult) -> None:
        message = paste_report(result)
        self.statusMessage.emit(message)
        if result.on_computed or result.outside or result.invalid or result.cut:
            rect = self.view.visualRect(self.view.currentIndex())
            QToolTip.showText(self.view.viewport().mapToGlobal(rect.bottomLeft()), message, self.view)

    def _select_block(self, targets: list[tuple[tuple[int, int], str]]) -> None:
        if not targets:
            return
        rows = [r for (r, _c), _v in targets]
        cols = [c for (_r, c), _v in targets]
        sel = self.view.selectionModel()
        top_left = self.model.index(min(rows), min(cols))
        bottom_right = self.model.index(max(rows), max(cols))
        sel.select(QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _selected_positions(self) -> set[tuple[int, int]]:
        positions = {(i.row(), i.column()) for i in self.view.selectionModel().selectedIndexes() if self.view.is_cell(i)}
        current = self.view.currentIndex()
        if not positions and self.view.is_cell(current):
            positions.add((current.row(), current.column()))
        return positions

    def _first_input_column(self, row_id: str) -> str:
        for column in self.table.columns:
            if not self.table.is_computed(row_id, column.id):
                return column.id
        return self.table.columns[0].id

    def _apply_spans(self) -> None:
        for region in self.table_layout.frame():
            if region.is_merged:
                self.view.setSpan(region.top, region.left, region.rows, region.columns)

    def _setup_view(self) -> None:
        v = self.view
        v.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self._fit()
        v.freeze_panes()
        self.resizer.watch(v)
        for pane in v.panes:
            self.resizer.watch(pane)

    # ------------------------------------------------------------------ sizes

    def set_compact(self, compact: bool) -> None:
        """Narrow labels and headers with less padding, so more value columns fit a small screen."""
        if compact != self._compact:
            self._compact = compact
            self._fit()

    def is_compact(self) -> bool:
        return self._compact

    def natural_size(self, compact: bool = False) -> QSize:
        """Size of the whole table without scrolling in the normal (or compact) mode, with the
        clerk's column widths."""
        fm = self.view.fontMetrics()
        widths = column_widths(self.table_layout, fm, compact)
        for c, w in self._widths.items():
            if 0 <= c < len(widths):
                widths[c] = w
        frame = 2 * self.view.frameWidth()
        return QSize(sum(widths) + frame, sum(row_heights(self.table_layout, fm, widths, compact)) + frame)

    def show_whole(self, whole: bool) -> None:
        """Show the whole table (the page scrolls) or let the view scroll under frozen header and labels."""
        self.view.show_whole(whole)
        policy = QSizePolicy.Policy.Fixed if whole else QSizePolicy.Policy.Maximum
        self.view.setSizePolicy(policy, policy)
        self.setSizePolicy(policy, policy)
        self.updateGeometry()

    def reset_column_widths(self) -> None:
        """Forget the widths the clerk chose for this table."""
        self._widths = {}
        self.memory.save(self._widths)
        self._fit()

    def _fit(self) -> None:
        fit_sections(self.view, self.table_layout, self._compact, self._widths)
        self.view.updateGeometry()
        self.view.updateGeometries()
        self.updateGeometry()

    def _fit_width(self, column: int) -> int:
        texts = [str(self.model.index(r, column).data() or "") for r in range(self.table_layout.header_rows, self.table_layout.nrows)]
        return fit_column(self.table_layout, self.view.fontMetrics(), column, texts)

    def _column_resized(self, column: int, width: int) -> None:
        self._widths[column] = width
        self.memory.save(self._widths)
        self._fit()  # rows grow or shrink to the wrapped text

    def _update_edit_triggers(self) -> None:
        editable = self._draft is not None and not self._read_only
        triggers = QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        self.view.setEditTriggers(triggers if editable else QAbstractItemView.EditTrigger.NoEditTriggers)

    def _close_editor(self) -> None:
        """Commit an open editor, so switching draft or mode never drops typed text."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            editor = self.view.indexWidget(self.view.currentIndex()) or self.view.focusWidget()
            if editor is not None and editor is not self.view:
                self.view.commitData(editor)
                self.view.closeEditor(editor, self.view.delegate.EndEditHint.NoHint)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._fit()
        super().changeEvent(event)
