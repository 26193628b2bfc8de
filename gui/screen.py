"""Window sizes from the screen the window will appear on, not from fixed pixel counts.

At 125 % or 150 % scaling a 1920×1080 office screen is 1536×864 or 1280×720 logical pixels, minus
the taskbar; a fixed 1280×760 window then does not fit and the platform shrinks it to whatever it
likes. Windows ask for their preferred size and get the part of it that fits the available area.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

__all__ = ["available_area", "fit_to_screen", "fitted_size"]

MARGIN = 0.95  # leave a little of the screen around a window that would fill it


def available_area(widget: QWidget | None = None) -> QRect:
    """The usable desktop area (without taskbar) of the widget's screen, else the primary screen."""
    screen = widget.screen() if widget is not None else None
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 720)


def fitted_size(width: int, height: int, area: QRect) -> QSize:
    """``width``×``height``, shrunk to fit ``area`` (with a margin) when it is smaller."""
    return QSize(min(width, int(area.width() * MARGIN)), min(height, int(area.height() * MARGIN)))


def fit_to_screen(widget: QWidget, width: int, height: int) -> QSize:
    """Resize a top-level window to its preferred size within the available area, and centre it there."""
    area = available_area(widget)
    size = fitted_size(width, height, area)
    widget.resize(size)
    if widget.isWindow():
        widget.move(area.x() + (area.width() - size.width()) // 2, area.y() + (area.height() - size.height()) // 2)
    return size
