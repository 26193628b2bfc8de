"""Column borders the clerk can drag in a table's header rows; a double-click on a border fits the column.

The header rows and row labels are part of the grid (so merged cells match the printed table), so
there is no QHeaderView to drag. This filter watches the viewports that show them (the view and its
frozen panes) and does what a spreadsheet's column header does: the pointer turns into a splitter
over a column border of the header or the labels, dragging resizes the column on its left, a
double-click fits it to its content.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QTableView, QWidget

from forms.layout import Grid
from gui.grid.table_sizing import MIN_WIDTH

__all__ = ["GRIP", "ColumnResizer"]

GRIP = 4  # pixels either side of a border that grab it


class ColumnResizer(QObject):
    """Resize ``main``'s columns by dragging borders in the header rows of any watched table view."""

    #: grid column, its new width — after a drag ends or a double-click fitted it
    columnResized = Signal(int, int)

    def __init__(self, main: QTableView, layout: Grid, fit: Callable[[int], int]) -> None:
        super().__init__(main)
        self.main = main
        self.layout = layout
        self.fit = fit
        self._owner = layout.owner_map()
        self._views: dict[QWidget, QTableView] = {}
        self._drag: tuple[int, int, int] | None = None  # column, pointer x at press, width at press

    def watch(self, view: QTableView) -> None:
        """Take mouse events over ``view``'s header rows (``view`` shows ``main``'s model and sizes)."""
        viewport = view.viewport()
        viewport.setMouseTracking(True)
        viewport.installEventFilter(self)
        self._views[viewport] = view

    def border_at(self, view: QTableView, pos: QPoint) -> int | None:
        """The grid column whose right border is under ``pos`` (viewport coordinates), if that border
        is drawn there and belongs to the table's frame: between two header cells, between two row
        labels or a label and the numbers, or at the header's right edge. Borders between two value
        cells are left to clicks and selection."""
        row = view.rowAt(pos.y())
        if row < 0:
            return None
        for column in range(self.layout.ncols):
            if view.isColumnHidden(column):
                continue
            right = view.columnViewportPosition(column) + view.columnWidth(column)
            if abs(pos.x() - right) <= GRIP:
                return column if self._draggable(row, column) else None
        return None

    def _draggable(self, row: int, column: int) -> bool:
        if column == self.layout.ncols - 1:
            return row < self.layout.header_rows
        here, there = self._owner[row][column], self._owner[row][column + 1]
        frame = self.layout.regions[here].kind != "value" or self.layout.regions[there].kind != "value"
        return here != there and frame

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        view = self._views.get(watched)  # type: ignore[call-overload]
        if view is None:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            return self._mouse_move(view, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.MouseButtonPress:
            return self._press(view, event)  # type: ignore[arg-type]
        if kind == QEvent.Type.MouseButtonRelease and self._drag is not None:
            column = self._drag[0]
            self._drag = None
            self.columnResized.emit(column, self.main.columnWidth(column))
            return True
        if kind == QEvent.Type.MouseButtonDblClick:
            border = self.border_at(view, event.position().toPoint())  # type: ignore[attr-defined]
            if border is None:
                return False
            self._drag = None
            width = self.fit(border)
            self.main.setColumnWidth(border, width)
            self.columnResized.emit(border, width)
            return True
        if kind == QEvent.Type.Leave and self._drag is None:
            watched.unsetCursor()  # type: ignore[attr-defined]
        return False

    def _mouse_move(self, view: QTableView, event: QMouseEvent) -> bool:
        pos = event.position().toPoint()
        if self._drag is not None:
            column, x0, width0 = self._drag
            self.main.setColumnWidth(column, max(MIN_WIDTH, width0 + pos.x() - x0))
            return True
        if self.border_at(view, pos) is not None:
            view.viewport().setCursor(Qt.CursorShape.SplitHCursor)
        else:
            view.viewport().unsetCursor()
        return False

    def _press(self, view: QTableView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        pos = event.position().toPoint()
        column = self.border_at(view, pos)
        if column is None:
            return False
        self._drag = (column, pos.x(), self.main.columnWidth(column))
        return True
