"""How a grid cell is painted: the cell, its right and bottom rule, and selection only where the focus is.

Shared by the editable view and its frozen panes. Each view gets its own delegate instance: a
delegate shared between views would send every editor's commit to all of them, and Qt warns
("commitData called with an editor that does not belong to this view") for each stranger.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QAbstractItemView, QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

__all__ = ["CHANGED_COLOR", "GRID_COLOR", "RuledDelegate", "holds_focus"]

GRID_COLOR = QColor("#8a939e")
#: The corner mark of a cell changed since the last submission.
CHANGED_COLOR = QColor("#1565c0")
#: data role of that mark (gui.grid.table_model.ChangedRole; not imported, to keep this module model-free)
_CHANGED_ROLE = Qt.ItemDataRole.UserRole + 2


def holds_focus(view: QAbstractItemView) -> bool:
    """Whether the keyboard focus is in ``view`` or in an editor inside it."""
    focus = QApplication.focusWidget()
    return focus is not None and (focus is view or view.isAncestorOf(focus))


class RuledDelegate(QStyledItemDelegate):
    """Draw the cell, then its right and bottom rule: merged cells get clean borders (no grid ticks).

    A selection is painted only while the focus is in ``selection_view``: a table the clerk has left
    must not look as if it still had selected cells.
    """

    def __init__(self, view: QAbstractItemView, selection_view: QAbstractItemView | None = None) -> None:
        super().__init__(view)
        self.selection_view = selection_view or view

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        if option.state & QStyle.StateFlag.State_Selected and not holds_focus(self.selection_view):
            option = QStyleOptionViewItem(option)
            option.state &= ~(QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus)
            # the view drew the row panel under the cell as selected before calling the delegate
            painter.fillRect(option.rect, option.palette.base())
        super().paint(painter, option, index)
        painter.save()
        painter.setPen(QPen(GRID_COLOR, 1))
        rect = option.rect
        painter.drawLine(rect.topRight(), rect.bottomRight())
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        if index.data(_CHANGED_ROLE) is not None:  # a blue corner, like a spreadsheet's comment mark
            size = min(8.0, rect.height() / 3)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(CHANGED_COLOR)
            left, top = float(rect.left()), float(rect.top())
            painter.drawPolygon(QPolygonF([QPointF(left, top), QPointF(left + size, top), QPointF(left, top + size)]))
        painter.restore()
