"""The QTableView of the grid: spreadsheet keyboard behaviour over an official-table layout.

Header and label positions are never current or selected; the cursor moves only over the table's
cells. Clipboard, clear and undo keys are taken before any window shortcut sees them, so they act on
the grid while it has focus, and are turned into signals the grid handles.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from gui.i18n import _
from gui.grid.table_frozen import FrozenPane, freeze_panes
from gui.grid.table_layout import GridLayout

__all__ = ["GridView"]

Move = QAbstractItemView.CursorAction
GRID_COLOR = QColor("#8a939e")
_CLIPBOARD_KEYS = (
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
)
_REDO_EXTRA = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def _is_redo(event: QKeyEvent) -> bool:
    if event.matches(QKeySequence.StandardKey.Redo):
        return True
    combo = QKeySequence(event.keyCombination())
    return any(combo == seq for seq in _REDO_EXTRA)


class _CellDelegate(QStyledItemDelegate):
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
        editor.setAccessibleName(str(index.data(Qt.ItemDataRole.AccessibleTextRole) or _("单元格")))
        where = QPersistentModelIndex(index)
        editor.textEdited.connect(lambda text: self.view.editTextChanged.emit(where.row(), where.column(), text))
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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        """Draw the cell, then its right and bottom rule: merged cells get clean borders (no grid ticks)."""
        super().paint(painter, option, index)
        painter.save()
        painter.setPen(QPen(GRID_COLOR, 1))
        rect = option.rect  # type: ignore[attr-defined]
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

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
                self.view.move_current(move)
                return True
        return super().eventFilter(editor, event)

    def _move_for(self, editor: QLineEdit, event: QKeyEvent) -> Move | None:
        key, mods = event.key(), event.modifiers()
        if mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return None
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return Move.MoveUp if mods & Qt.KeyboardModifier.ShiftModifier else Move.MoveDown
        if key == Qt.Key.Key_Tab:
            return Move.MoveNext
        if key == Qt.Key.Key_Backtab:
            return Move.MovePrevious
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return Move.MoveUp if key == Qt.Key.Key_Up else Move.MoveDown
        if id(editor) in self._typing and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return Move.MoveLeft if key == Qt.Key.Key_Left else Move.MoveRight
        return None


class GridView(QTableView):
    """Table view whose cursor stays on the table's cells and whose keys behave like a spreadsheet."""

    copyRequested = Signal()
    pasteRequested = Signal()
    clearRequested = Signal()
    undoRequested = Signal()
    redoRequested = Signal()
    editTextChanged = Signal(int, int, str)  # grid row, grid column, text in the open editor
    editorClosed = Signal()
    blockedEdit = Signal(int, int)  # typing into a cell that cannot be edited

    def __init__(self, layout: GridLayout, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.grid_layout = layout
        self.panes: list[FrozenPane] = []
        self.delegate = _CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.setShowGrid(False)  # the delegate draws the rules, so spans get whole borders
        self.setStyleSheet("QTableView { border: 1px solid #8a939e; }")
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self.updateGeometry())

    # ------------------------------------------------------------------ frozen panes

    def freeze_panes(self) -> None:
        """Keep header rows and row labels visible while the body scrolls (call once the model is set)."""
        self.panes = freeze_panes(self, self.grid_layout)

    @property
    def frozen(self) -> FrozenPane | None:
        """The frozen header pane, if the table has header rows."""
        return next((p for p in self.panes if p.part == "header"), None)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        for pane in getattr(self, "panes", ()):  # Qt may call this before __init__ has set it
            pane.sync()

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex, hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Scroll as usual, then make sure the cell is not hidden under a frozen pane."""
        super().scrollTo(index, hint)
        if not self.is_cell(index):
            return
        rect = self.visualRect(index)
        for pane in self.panes:
            if not pane.isVisible():
                continue
            if pane.part == "header" and pane.header_height() > rect.top():
                bar = self.verticalScrollBar()
                bar.setValue(bar.value() - (pane.header_height() - rect.top()))
            if pane.part == "labels" and pane.labels_width() > rect.left():
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - (pane.labels_width() - rect.left()))

    # ------------------------------------------------------------------ size

    def sizeHint(self) -> QSize:
        """The whole table without scroll bars (the layout may give less; then scroll bars appear)."""
        model = self.model()
        if model is None:
            return super().sizeHint()
        frame = 2 * self.frameWidth()
        width = sum(self.columnWidth(c) for c in range(model.columnCount())) + frame
        if self.verticalScrollBar().isVisible():  # too short for the whole table: keep room for the bar
            width += self.verticalScrollBar().sizeHint().width()
        height = sum(self.rowHeight(r) for r in range(model.rowCount())) + frame
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        full = self.sizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        width = min(full.width(), 320 + bar)
        height = min(full.height(), 200 + bar)
        return QSize(width, height)

    # ------------------------------------------------------------------ cursor

    def first_cell(self) -> QModelIndex:
        return self.model().index(self.grid_layout.header_rows, self.grid_layout.label_columns)

    def is_cell(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.isValid() and self.grid_layout.cell(index.row(), index.column()) is not None

    def moveCursor(self, action: Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if not self.is_cell(current):
            return self.first_cell()
        lay = self.grid_layout
        top, left = lay.header_rows, lay.label_columns
        rows, cols = len(lay.table.rows), len(lay.table.columns)
        r, c = current.row() - top, current.column() - left
        ctrl = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        page = max(1, self.viewport().height() // max(self.rowHeight(current.row()), 1) - 1)
        if action == Move.MoveUp:
            r = 0 if ctrl else r - 1
        elif action == Move.MoveDown:
            r = rows - 1 if ctrl else r + 1
        elif action == Move.MoveLeft:
            c = 0 if ctrl else c - 1
        elif action == Move.MoveRight:
            c = cols - 1 if ctrl else c + 1
        elif action == Move.MoveHome:
            r, c = (0, 0) if ctrl else (r, 0)
        elif action == Move.MoveEnd:
            r, c = (rows - 1, cols - 1) if ctrl else (r, cols - 1)
        elif action == Move.MovePageUp:
            r -= page
        elif action == Move.MovePageDown:
            r += page
        elif action == Move.MoveNext:
            r, c = (r, c + 1) if c + 1 < cols else (r + 1, 0)
            if r >= rows:
                return current  # last cell: Tab leaves the grid instead of trapping the keyboard
        elif action == Move.MovePrevious:
            r, c = (r, c - 1) if c > 0 else (r - 1, cols - 1)
            if r < 0:
                return current
        r, c = min(max(r, 0), rows - 1), min(max(c, 0), cols - 1)
        return self.model().index(top + r, left + c)

    def move_current(self, action: Move) -> None:
        """Move the cursor one step as a key press would, selecting only the new cell."""
        index = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    # ------------------------------------------------------------------ keys

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self.state() != QAbstractItemView.State.EditingState:
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if (
                any(key_event.matches(k) for k in _CLIPBOARD_KEYS)
                or _is_redo(key_event)
                or key_event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            ):
                event.accept()  # the grid handles it in keyPressEvent; window shortcuts must not
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        handled = self._command_key(event) or self._move_key(event) or self._typing_key(event)
        if not handled:
            super().keyPressEvent(event)

    def _command_key(self, event: QKeyEvent) -> bool:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copyRequested.emit()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.pasteRequested.emit()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.copyRequested.emit()
            self.clearRequested.emit()
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undoRequested.emit()
        elif _is_redo(event):
            self.redoRequested.emit()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.clearRequested.emit()
        else:
            return False
        return True

    def _move_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            back = event.key() == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            target = self.moveCursor(Move.MovePrevious if back else Move.MoveNext, Qt.KeyboardModifier.NoModifier)
            if target == self.currentIndex():
                event.ignore()  # first/last cell: let focus leave the grid (no keyboard trap)
            else:
                self.move_current(Move.MovePrevious if back else Move.MoveNext)
                event.accept()
            return True
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return False
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        self.move_current(Move.MoveUp if shift else Move.MoveDown)
        return True

    def _typing_key(self, event: QKeyEvent) -> bool:
        text = event.text()
        mods = event.modifiers() & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        if not text or not text.isprintable() or mods:
            return False
        return self.start_typing(text)

    def start_typing(self, text: str) -> bool:
        """Open the current cell's editor with ``text`` replacing its content (type to overwrite)."""
        index = self.currentIndex()
        if not self.is_cell(index):
            return False
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.blockedEdit.emit(index.row(), index.column())
            return True
        self.delegate.pending_text = text
        if not self.edit(index, QAbstractItemView.EditTrigger.AllEditTriggers, None):
            self.delegate.pending_text = None
            return False
        return True

    def edit(self, index: QModelIndex | QPersistentModelIndex, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None) -> bool:  # type: ignore[no-untyped-def, override]
        """Open an editor like a spreadsheet: cursor at the end of the text, nothing selected."""
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index) if opened else None
        if isinstance(editor, QLineEdit):  # Qt selects all; typing or F2 must add to the text
            editor.deselect()
            editor.end(False)
        return opened

    def inputMethodEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        """Text committed by an input method (全角 digits, 拼音) starts editing like typed keys."""
        if self.state() != QAbstractItemView.State.EditingState and event.commitString() and not event.preeditString():
            self.start_typing(event.commitString())
            event.accept()
            return
        super().inputMethodEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editorClosed.emit()

    def focusInEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if not self.is_cell(self.currentIndex()) and self.model() is not None:
            self.setCurrentIndex(self.first_cell())
        super().focusInEvent(event)
