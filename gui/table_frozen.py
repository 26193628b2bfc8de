"""Keep the header rows of a long table in sight while its body scrolls (like Excel's 冻结窗格).

The header is part of the grid (so spans and column widths match the body exactly); this overlay is
a second, non-interactive view of the same model that shows only the header rows and sits on top of
the main view's viewport, following its column widths and horizontal scrolling.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QTableView

from gui.table_layout import GridLayout

__all__ = ["FrozenHeader"]


class FrozenHeader(QTableView):
    """Read-only copy of the header rows of ``main``, drawn over the top of its viewport."""

    def __init__(self, main: QTableView, layout: GridLayout) -> None:
        super().__init__(main)
        self.main = main
        self.grid_layout = layout
        self.setModel(main.model())
        self.setItemDelegate(main.itemDelegate())
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.setStyleSheet("QTableView { border: none; }")
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName(main.accessibleName())
        for span in layout.spans:
            if span.kind == "header" and span.is_merged:
                self.setSpan(span.row, span.column, span.rowspan, span.colspan)
        for r in range(layout.header_rows, layout.row_count):
            self.setRowHidden(r, True)
        main.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        main.horizontalHeader().sectionResized.connect(lambda i, _old, new: self.setColumnWidth(i, new))
        main.verticalHeader().sectionResized.connect(self._row_resized)
        self.sync()

    def height_needed(self) -> int:
        return sum(self.main.rowHeight(r) for r in range(self.grid_layout.header_rows))

    def sync(self) -> None:
        """Copy sizes from the main view and lie over the top of its viewport."""
        for c in range(self.grid_layout.column_count):
            self.setColumnWidth(c, self.main.columnWidth(c))
        for r in range(self.grid_layout.header_rows):
            self.setRowHeight(r, self.main.rowHeight(r))
        viewport = self.main.viewport().geometry()
        self.setGeometry(viewport.x(), viewport.y(), viewport.width(), self.height_needed())
        self.horizontalScrollBar().setValue(self.main.horizontalScrollBar().value())
        self.setVisible(self.grid_layout.header_rows > 0)
        self.raise_()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel over the header scrolls the body, as it would without the overlay."""
        QApplication.sendEvent(self.main.viewport(), event)

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        if row < self.grid_layout.header_rows:
            self.setRowHeight(row, new)
            self.sync()
