"""State icons at 1x, 2x and 3x so they stay sharp on high-DPI screens.

They are PNG bytes in gui/icon_images.py (drawn by tools/draw_state_icons.py), not drawn here: drawing
needs Qt's pen and colour enums, and naming any of them before the first paint makes PySide6 build its
whole Qt namespace first (31 ms of the program's start).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from gui.pages.specs import CARRIED, COMPLETE, EMPTY, ERRORS, WARNINGS

__all__ = ["ICON_SIZES", "STATE_NAMES", "state_icon"]

#: The page states with an icon.
STATE_NAMES = (EMPTY, COMPLETE, WARNINGS, ERRORS, CARRIED)
ICON_SIZES = (16, 32, 48)


@cache
def state_icon(state: str) -> QIcon:
    """The icon of a page state (an unknown state gets the empty one)."""
    from gui.icon_images import PNG

    name = state if state in STATE_NAMES else EMPTY
    icon = QIcon()
    for size in ICON_SIZES:
        pixmap = QPixmap()
        pixmap.loadFromData(PNG[(name, size)], "PNG")
        icon.addPixmap(pixmap)
    return icon
