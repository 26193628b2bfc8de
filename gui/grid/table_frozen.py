"""Keep the header rows and the row labels of a long table in sight while it scrolls (冻结窗格).

The header and the labels are part of the grid (so spans and sizes match the body exactly); each
frozen pane is a second, non-interactive view of the same model that shows only its part and sits
on top of the main view's viewport, following its sizes and scrolling:

* ``header``: the header rows, follows horizontal scrolling;
* ``labels``: the row-label columns, follows vertical scrolling;
* ``corner``: where both meet (the 勾稽关系 note of section 三); never scrolls.
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QFrame, QTableView

from forms.layout import Grid
from gui.grid.cell_paint import RuledDelegate
from gui.i18n import _

__all__ = ["FrozenPane", "freeze_panes"]

Part = Literal["header", "labels", "corner"]


def freeze_panes(main: QTableView, layout: Grid) -> list[FrozenPane]:
    """The panes ``main`` needs, bottom to top."""
    panes: list[FrozenPane] = []
    if layout.header_rows:
        panes.append(FrozenPane(main, layout, "header"))
    if layout.labels_can_freeze():
        panes.append(FrozenPane(main, layout, "labels"))
        if layout.header_rows:
            panes.append(FrozenPane(main, layout, "corner"))
    return panes


class FrozenPane(QTableView):
    """Read-only copy of one frozen part of ``main``, drawn over its viewport."""

    def __init__(self, main: QTableView, layout: Grid, part: Part) -> None:
        super().__init__(main)
        self.main = main
        self.grid_layout = layout
        self.part = part
        self.setModel(main.model())
        self.setItemDelegate(RuledDelegate(self, main))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setShowGrid(False)
        self.setWordWrap(True)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        names = {"header": _("冻结的表头"), "labels": _("冻结的行标题"), "corner": _("冻结的表头角")}
        self.setAccessibleName(names[part])
        self._show_part()
        if part == "header":
            main.horizontalScrollBar().valueChanged.connect(self.horizontalScrollBar().setValue)
        if part == "labels":
            main.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        main.horizontalHeader().sectionResized.connect(lambda *_: self.sync())
        main.verticalHeader().sectionResized.connect(lambda *_: self.sync())
        self.sync()

    def _show_part(self) -> None:
        lay = self.grid_layout
        rows = range(lay.header_rows) if self.part in ("header", "corner") else range(lay.nrows)
        columns = range(lay.label_columns) if self.part in ("labels", "corner") else range(lay.ncols)
        for r in range(lay.nrows):
            self.setRowHidden(r, r not in rows)
        for c in range(lay.ncols):
            self.setColumnHidden(c, c not in columns)
        for region in lay.frame():
            if region.is_merged and region.top in rows and region.left in columns:
                self.setSpan(region.top, region.left, region.rows, region.columns)

    def header_height(self) -> int:
        return sum(self.main.rowHeight(r) for r in range(self.grid_layout.header_rows))

    def labels_width(self) -> int:
        return sum(self.main.columnWidth(c) for c in range(self.grid_layout.label_columns))

    def sync(self) -> None:
        """Copy sizes and scroll positions from the main view and lie over the right part of it."""
        lay = self.grid_layout
        for c in range(lay.ncols):
            self.setColumnWidth(c, self.main.columnWidth(c))
        for r in range(lay.nrows):
            self.setRowHeight(r, self.main.rowHeight(r))
        viewport = self.main.viewport().geometry()
        width = viewport.width() if self.part == "header" else self.labels_width()
        height = viewport.height() if self.part == "labels" else self.header_height()
        self.setGeometry(viewport.x(), viewport.y(), min(width, viewport.width()), min(height, viewport.height()))
        self.horizontalScrollBar().setValue(self.main.horizontalScrollBar().value() if self.part == "header" else 0)
        self.verticalScrollBar().setValue(self.main.verticalScrollBar().value() if self.part == "labels" else 0)
        # frozen labels that would leave less than two value columns visible do more harm than good
        roomy = viewport.width() >= self.labels_width() + 2 * self.main.columnWidth(lay.ncols - 1)
        self.setVisible(self.part == "header" or roomy)
        self.raise_()

    def wheelEvent(self, event: QWheelEvent) -> None:
        """The wheel over a frozen part scrolls the body, as it would without the overlay."""
        QApplication.sendEvent(self.main.viewport(), event)
