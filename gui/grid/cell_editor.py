"""The cell editor of the grid and the keys that move out of it in entry order.

Tab/Shift+Tab run along the rows and Enter/Shift+Enter down the columns, over the input cells
only (a total cannot be typed into, so a move that landed there would lose the next value).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QLineEdit, QStyleOptionViewItem, QWidget

from forms.limits import INVALID_INPUT_MAX_CHARS
from gui.grid.cell_paint import RuledDelegate
from gui.i18n import _

if TYPE_CHECKING:
    from gui.grid.table_view import GridView

__all__ = ["BACKTAB", "ENTER", "SHIFT_ENTER", "TAB", "CellDelegate", "EntryStep", "entry_step_for"]

Move = QAbstractItemView.CursorAction


@dataclass(frozen=True)
class EntryStep:
    """A move through the input cells in entry order: Tab/Shift+Tab along rows, Enter/Shift+Enter
    down columns. Past the last input cell the focus leaves the table (to the next one on the page)."""

    by_rows: bool
    forward: bool


TAB, BACKTAB, ENTER, SHIFT_ENTER = EntryStep(True, True), EntryStep(True, False), EntryStep(False, True), EntryStep(False, False)


def entry_step_for(event: QKeyEvent) -> EntryStep | None:
    """The entry-order move a key press asks for (Tab, Shift+Tab, Enter, Shift+Enter), if any."""
    key, mods = event.key(), event.modifiers()
    if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return None
    shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and shift):
        return BACKTAB
    if key == Qt.Key.Key_Tab:
        return TAB
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return SHIFT_ENTER if shift else ENTER
    return None


class CellDelegate(RuledDelegate):
    """Line editor for one cell. Enter/Tab/arrows commit and move like in a spreadsheet."""

    def __init__(self, view: GridView) -> None:
        super().__init__(view)
        self.view = view
        self.pending_text: str | None = None  # text typed to start editing: it replaces the cell
        self._typing: set[int] = set()  # editors opened by typing: arrows leave them

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(INVALID_INPUT_MAX_CHARS)  # the draft keeps no more of a text that is not a number
        editor.setAccessibleName(str(index.data(Qt.ItemDataRole.AccessibleTextRole) or _("单元格")))
        where = QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text: self.view.editTextChanged.emit(where.row(), where.column(), text))
        editor.inputRejected.connect(lambda: self.view.textTooLong.emit(where.row(), where.column()))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        if self.pending_text is not None:
            editor.setText(self.pending_text)
            self._typing.add(id(editor))
            self.view.editTextChanged.emit(index.row(), index.column(), self.pending_text)
            self.pending_text = None
        elif id(editor) not in self._typing and not editor.isModified():  # Qt may call this again later
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QLineEdit)
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def destroyEditor(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        self._typing.discard(id(editor))
        super().destroyEditor(editor, index)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            move = self._move_for(editor, event)  # type: ignore[arg-type]
            if move is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.view.step(move)
                return True
        return super().eventFilter(editor, event)

    def _move_for(self, editor: QLineEdit, event: QKeyEvent) -> Move | EntryStep | None:
        key, mods = event.key(), event.modifiers()
        sequence = entry_step_for(event)
        if sequence is not None:
            return sequence
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return None
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return Move.MoveUp if key == Qt.Key.Key_Up else Move.MoveDown
        if id(editor) in self._typing and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return Move.MoveLeft if key == Qt.Key.Key_Left else Move.MoveRight
        return None
