"""Draw the navigator's state icons into gui/images/ (run again after changing a drawing here).

    python -m tools.draw_state_icons

The program loads these files instead of drawing at start-up: drawing needs Qt's pen and colour enums,
and naming any of them makes PySide6 build its whole Qt namespace (31 ms) before the first page could
be painted. tests/gui/test_state_icons.py redraws them and compares, so the files never drift.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPen, QPixmap

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gui.icons import ICON_SIZES, STATE_COLOURS, STATE_NAMES, icon_file  # noqa: E402
from gui.pages.specs import COMPLETE, EMPTY, WARNINGS  # noqa: E402

CARRIED_COLOUR = "#1565c0"


def draw(state: str, size: int) -> QImage:
    """The icon for ``state`` at ``size`` px, as the PNG file stores it (ARGB, not premultiplied)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    if state == "carried":  # a blue ring with a dot: copied from last year, waiting for the clerk
        m = size * 0.12
        p.setPen(QPen(QColor(CARRIED_COLOUR), max(1.5, size / 8)))
        p.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(CARRIED_COLOUR))
        r = size * 0.14
        p.drawEllipse(QRectF(size / 2 - r, size / 2 - r, 2 * r, 2 * r))
        p.end()
        return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    colour = QColor(STATE_COLOURS.get(state, "#9e9e9e"))
    m = size * 0.08
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    if state == EMPTY:
        p.setPen(QPen(colour, max(1.0, size / 10)))
        p.drawEllipse(box)
        p.end()
        return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
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
    return pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication.instance() or QGuiApplication([])
    for state in STATE_NAMES:
        for size in ICON_SIZES:
            path = icon_file(state, size)
            if not draw(state, size).save(str(path), "PNG"):
                print(f"could not write {path}", file=sys.stderr)
                return 1
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
