"""The few Qt-namespace values the first page needs, by value, so that it is painted before PySide6
builds its ``Qt`` namespace.

The first time any code names ``Qt`` (``from PySide6.QtCore import Qt``, an overloaded call such as
``QSplitter(parent)`` whose other overload takes a ``Qt`` enum, a setter that takes one), PySide6 6.12
builds all 94 enums of the namespace with Python's ``enum`` module: 1,200 members, 31 ms, a tenth of
the program's start. Widgets built before the first paint therefore set these values through Qt's
property system (``setProperty("textFormat", PLAIN_TEXT)``) or pass item-data roles as the integers
Qt's API takes; modules on that path name ``Qt`` only inside functions that run later (as
``QtCore.Qt``). Everything after the first paint uses ``Qt`` as usual.

``tests/gui/test_gui_quality.py`` checks that the namespace is still unbuilt when ``nianbao --demo``
paints its first page, and ``tests/gui/test_qt_values.py`` that each value equals Qt's own.
"""

from __future__ import annotations

__all__ = ["ACCESSIBLE_DESCRIPTION_ROLE", "PLAIN_TEXT", "USER_ROLE", "VERTICAL"]

#: Qt.ItemDataRole.UserRole: the first role free for the program's own item data.
USER_ROLE = 0x0100
#: Qt.ItemDataRole.AccessibleDescriptionRole: what a screen reader says after an item's text.
ACCESSIBLE_DESCRIPTION_ROLE = 12
#: Qt.TextFormat.PlainText, for a label's "textFormat" property.
PLAIN_TEXT = 0
#: Qt.Orientation.Vertical, for a splitter's "orientation" property.
VERTICAL = 2
