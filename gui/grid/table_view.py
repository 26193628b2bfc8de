"""The QTableView of the grid: spreadsheet keyboard behaviour over an official-table layout.

Header and label positions are never current or selected; the cursor moves only over the table's
cells. Clipboard, clear and undo keys are taken before any window shortcut sees them, so they act on
the grid while it has focus, and are turned into signals the grid handles.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QLineEdit,
    QScrollArea,
    QStyle,
    QTableView,
    QWidget,
)

from forms.layout import Grid
from gui.grid.cell_editor import BACKTAB, ENTER, TAB, CellDelegate, EntryStep, entry_step_for
from gui.grid.cell_paint import GRID_COLOR, holds_focus
from gui.grid.table_frozen import FrozenPane, freeze_panes

__all__ = ["GridView"]

Move = QAbstractItemView.CursorAction
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
    textTooLong = Signal(int, int)  # the editor refused characters beyond the cell's limit

    def __init__(self, layout: Grid, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert layout.table is not None
        self.grid_layout = layout
        self.table = layout.table
        self.panes: list[FrozenPane] = []
        self._focus_painted = False  # whether the selection was last painted as focused
        self._tab_anchor: int | None = None  # grid column where the current run of Tabs started
        self._stepping = False
        self.delegate = CellDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(False)  # Tab is handled in event(): entry order, then on to the next table
        self.setWordWrap(True)
        self.setShowGrid(False)  # the delegate draws the rules, so spans get whole borders
        # the outer rule as a plain frame, not a style sheet: with a style sheet Qt repaints every
        # cell whenever the focus moves between the view and a cell's editor
        self.setFrameShape(QFrame.Shape.Box)
        self.setFrameShadow(QFrame.Shadow.Plain)
        self.setLineWidth(1)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, GRID_COLOR)
        self.setPalette(palette)
        self.setCornerButtonEnabled(False)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalScrollBar().rangeChanged.connect(lambda *_: self.updateGeometry())
        inputs = [
            (layout.header_rows + i, layout.label_columns + j)
            for i, row in enumerate(self.table.rows)
            for j, column in enumerate(self.table.columns)
            if not (row.computed or column.computed)
        ] or [  # a table of totals only: visit every cell
            (layout.header_rows + i, layout.label_columns + j)
            for i in range(len(self.table.rows))
            for j in range(len(self.table.columns))
        ]
        self._row_order = sorted(inputs)
        self._column_order = sorted(inputs, key=lambda rc: (rc[1], rc[0]))

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
        """Scroll as usual, then make sure the cell is not hidden under a frozen pane, and that the
        page around the table shows it too (a table shown whole scrolls with its page)."""
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
        self._reveal_in_page(self.visualRect(index))

    def _reveal_in_page(self, rect) -> None:
        """Scroll the nearest scroll area holding this view so that ``rect`` (viewport coordinates) shows."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        inner = parent.widget() if parent is not None else None
        if parent is None or inner is None or not inner.isAncestorOf(self):
            return
        centre = self.viewport().mapTo(inner, rect.center())
        parent.ensureVisible(centre.x(), centre.y(), rect.width() // 2 + 8, rect.height() // 2 + 8)

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
        if self.horizontalScrollBar().isVisible():
            height += self.horizontalScrollBar().sizeHint().height()
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        if self.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
            return self.sizeHint()  # shown whole: the page around it scrolls
        full = self.sizeHint()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        header = sum(self.rowHeight(r) for r in range(self.grid_layout.header_rows + 1))
        width = min(full.width(), 320 + bar)
        height = min(full.height(), max(120, header) + bar)
        return QSize(width, height)

    def show_whole(self, whole: bool) -> None:
        """Whole: no scroll bars, the view is as big as the table (the page scrolls); else the view
        scrolls its numbers under a fixed header and fixed row labels."""
        policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff if whole else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        self.setVerticalScrollBarPolicy(policy)
        self.setHorizontalScrollBarPolicy(policy)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self.updateGeometry()

    # ------------------------------------------------------------------ cursor

    def first_cell(self) -> QModelIndex:
        return self.model().index(*self._row_order[0])

    def last_cell(self) -> QModelIndex:
        return self.model().index(*self._row_order[-1])

    def is_cell(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        return index.isValid() and self.grid_layout.cell(index.row(), index.column()) is not None

    def moveCursor(self, action: Move, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        current = self.currentIndex()
        if not self.is_cell(current):
            return self.first_cell()
        lay = self.grid_layout
        top, left = lay.header_rows, lay.label_columns
        rows, cols = len(self.table.rows), len(self.table.columns)
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
        elif action in (Move.MoveNext, Move.MovePrevious):
            target = self._next_in_sequence(TAB if action == Move.MoveNext else BACKTAB)
            return current if target is None else target
        r, c = min(max(r, 0), rows - 1), min(max(c, 0), cols - 1)
        return self.model().index(top + r, left + c)

    def step(self, move: Move | EntryStep) -> None:
        """Move as a key press would: arrows within the table; an entry-order move past the last
        (or first) input cell hands the focus on to the next (or previous) widget of the page."""
        anchor, self._tab_anchor = self._tab_anchor, None
        start_column = self.currentIndex().column()
        if isinstance(move, EntryStep):
            target = self._below(anchor) if move == ENTER and anchor is not None else None
            target = target or self._next_in_sequence(move)
            if target is None:
                self.leave(move.forward)
                return
        else:
            target = self.moveCursor(move, Qt.KeyboardModifier.NoModifier)
        if target.isValid():
            self._stepping = True
            try:
                self.setCurrentIndex(target)
                self.scrollTo(target)
            finally:
                self._stepping = False
            if move == TAB:  # Enter after a run of Tabs goes back to the column the run started in
                self._tab_anchor = anchor if anchor is not None else start_column

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        if not self._stepping:  # a click or an arrow ends a run of Tabs
            self._tab_anchor = None

    def _below(self, column: int) -> QModelIndex | None:
        """The first input cell in grid column ``column`` below the current row, if any."""
        row = self.currentIndex().row()
        found = next(((r, c) for r, c in self._row_order if r > row and c == column), None)
        return None if found is None else self.model().index(*found)

    def move_current(self, action: Move) -> None:
        """Move the cursor one step as a key press would, selecting only the new cell."""
        self.step(action)

    def leave(self, forward: bool) -> None:
        """Give the focus to the next (or previous) widget in the tab chain: the next table on the
        page, or whatever follows the grids. Nothing typed afterwards can land in this table."""
        QWidget.focusNextPrevChild(self, forward)

    def _next_in_sequence(self, move: EntryStep) -> QModelIndex | None:
        current = self.currentIndex()
        if not self.is_cell(current):
            return self.first_cell() if move.forward else self.last_cell()
        order = self._row_order if move.by_rows else self._column_order
        here = (current.row(), current.column()) if move.by_rows else (current.column(), current.row())
        keyed = [((r, c) if move.by_rows else (c, r), (r, c)) for r, c in order]
        if move.forward:
            found = next((rc for key, rc in keyed if key > here), None)
        else:
            found = next((rc for key, rc in reversed(keyed) if key < here), None)
        return None if found is None else self.model().index(*found)

    # ------------------------------------------------------------------ keys

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            sequence = entry_step_for(event)  # type: ignore[arg-type]
            if sequence is not None and sequence.by_rows and self.state() != QAbstractItemView.State.EditingState:
                self.step(sequence)  # before QWidget turns Tab into a focus change
                return True
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
        sequence = entry_step_for(event)
        if sequence is None:
            return False
        self.step(sequence)
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

    def edit(self, index: QModelIndex | QPersistentModelIndex, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None) -> bool:  # type: ignore[override]  # one body for both of Qt's overloads
        """Open an editor like a spreadsheet: cursor at the end of the text, nothing selected."""
        opened = super().edit(index, trigger, event)
        editor = self.indexWidget(index) if opened else None
        if isinstance(editor, QLineEdit):  # Qt selects all; typing or F2 must add to the text
            editor.deselect()
            editor.end(False)
        return opened

    def inputMethodEvent(self, event) -> None:
        """Text committed by an input method (全角 digits, 拼音) starts editing like typed keys."""
        if self.state() != QAbstractItemView.State.EditingState and event.commitString() and not event.preeditString():
            self.start_typing(event.commitString())
            event.accept()
            return
        super().inputMethodEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        self.editorClosed.emit()

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Tabbing in starts at the first input cell, Shift+Tab at the last, as in a form."""
        if self._focus_painted and self.is_cell(self.currentIndex()):
            # back from this view's own editor: nothing to repaint (Qt would repaint every cell,
            # twice per typed value, which makes typing lag in a table as big as section 三's)
            QAbstractScrollArea.focusInEvent(self, event)
            self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, bool(self.currentIndex().flags() & Qt.ItemFlag.ItemIsEditable))
            return
        if self.model() is not None:
            if event.reason() == Qt.FocusReason.TabFocusReason:
                self.setCurrentIndex(self.first_cell())
            elif event.reason() == Qt.FocusReason.BacktabFocusReason:
                self.setCurrentIndex(self.last_cell())
            elif not self.is_cell(self.currentIndex()):
                self.setCurrentIndex(self.first_cell())
        super().focusInEvent(event)
        if self.model() is not None and self.is_cell(self.currentIndex()):
            self.scrollTo(self.currentIndex())
        self._repaint_selection()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if holds_focus(self):  # into this view's own editor: the cells look the same
            QAbstractScrollArea.focusOutEvent(self, event)
            return
        super().focusOutEvent(event)
        self._repaint_selection()

    def _repaint_selection(self) -> None:
        """The selection is painted only while the focus is in this view (or its editor): repaint the
        selected cells when that changes, and nothing when the focus only moves into an editor."""
        inside = holds_focus(self)
        if inside == self._focus_painted:
            return
        self._focus_painted = inside
        region = self.visualRegionForSelection(self.selectionModel().selection()) if self.selectionModel() else None
        if region is not None and not region.isEmpty():
            self.viewport().update(region)
