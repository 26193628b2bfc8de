"""State icons drawn in code (no image files), at 1x and 2x so they stay sharp on high-DPI screens."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from gui.pages.specs import COMPLETE, EMPTY, ERRORS, WARNINGS

__all__ = ["STATE_COLOURS", "state_icon"]

STATE_COLOURS = {EMPTY: "#9e9e9e", COMPLETE: "#2e7d32", WARNINGS: "#ef6c00", ERRORS: "#c62828"}


@cache
def state_icon(state: str) -> QIcon:
    icon = QIcon()
    for size in (16, 32, 48):
        icon.addPixmap(_draw(state, size))
    return icon


def _draw(state: str, size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = QColor(STATE_COLOURS.get(state, "#9e9e9e"))
    m = size * 0.08
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    if state == EMPTY:
        p.setPen(QPen(colour, max(1.0, size / 10)))
        p.drawEllipse(box)
        p.end()
        return pixmap
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(colour)
    p.drawEllipse(box)
    pen = QPen(QColor("white"), max(1.5, size / 8))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    s = size
    if state == COMPLETE:
        p.drawPolyline([QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68), QPointF(s * 0.72, s * 0.34)])
    elif state == WARNINGS:
        p.drawLine(QPointF(s * 0.5, s * 0.26), QPointF(s * 0.5, s * 0.58))
        p.drawPoint(QPointF(s * 0.5, s * 0.74))
    else:
        p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67))
        p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67))
    p.end()
    return pixmap
