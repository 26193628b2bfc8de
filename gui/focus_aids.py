"""Keyboard aids for the main window: Enter presses the focused button, and a clear ring around the
text box (or page heading) that has the keyboard.

The ring is one small overlay widget moved to whichever box has focus, so the editors themselves
keep their native look and no style sheet is evaluated while typing.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import shiboken6
from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QPaintEvent

# Qt classes used only after the first paint (key presses, painting the ring, dialogs) are imported where
# they are used: PySide6 builds a class (and its enums) when it is first named.

__all__ = ["FOCUS_COLOR", "EnterPressesButtons", "FocusRing", "install_focus_aids", "shortcut_tips"]

FOCUS_COLOR = QColor("#1565c0")
RING = 2  # pixels drawn outside the focused box


class EnterPressesButtons(QObject):
    """Enter / Return on a focused push button clicks it, as Space does (dialogs already do this).

    Watches only the button that has the keyboard (installed as focus moves), not every event.
    """

    def focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        if isinstance(old, QPushButton) and shiboken6.isValid(old):
            old.removeEventFilter(self)
        if isinstance(new, QPushButton):
            new.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QDialog

        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QPushButton)
                and isinstance(event, QKeyEvent) and event.key() in (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter)
                and not (event.modifiers() & ~QtCore.Qt.KeyboardModifier.KeypadModifier)
                and watched.isEnabled() and not isinstance(watched.window(), QDialog)):
            watched.animateClick()
            return True
        return False


def wants_ring(widget: QWidget | None) -> bool:
    """Text boxes and page headings get the ring; a table's cell editor has the table's own highlight."""
    from PySide6.QtWidgets import QTextEdit

    if isinstance(widget, QLabel):
        return widget.objectName() == "pageTitle"
    if not isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit)):
        return False
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return False
        parent = parent.parentWidget()
    return True


class _Ring(QWidget):
    """The frame itself: a child of the focused box's parent, so it scrolls and clips with the box."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("focusRing")
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)

    def paintEvent(self, event: QPaintEvent) -> None:
        from PySide6.QtGui import QPainter, QPen

        painter = QPainter(self)
        pen = QPen(FOCUS_COLOR, RING)
        pen.setJoinStyle(QtCore.Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.drawRect(self.rect().adjusted(RING // 2, RING // 2, -(RING + 1) // 2, -(RING + 1) // 2))
        painter.end()


class FocusRing(QObject):
    """Moves a 2-pixel frame to just outside the text box that has the keyboard (mouse clicks pass through).

    The frame is first placed right after the window's first paint: it needs Qt's widget attributes,
    and naming them earlier would build PySide's whole Qt namespace before the page (gui/qt_values.py).
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window_ = window
        self.target: QWidget | None = None
        self.ring: _Ring | None = None
        self._painted = False
        from gui.first_paint import when_painted

        when_painted(window, self._window_painted)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _alive(self, widget: QWidget | None) -> bool:
        return widget is not None and shiboken6.isValid(widget)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self._painted:  # the focused box is looked at once the window is painted
            return
        if self._alive(self.target):
            assert self.target is not None
            self.target.removeEventFilter(self)
        self.target = new if wants_ring(new) and new is not None and new.window() is self.window_ else None
        if self.target is None:
            if self._alive(self.ring):
                assert self.ring is not None
                self.ring.hide()
            return
        self.target.installEventFilter(self)
        self._place()

    def _window_painted(self) -> None:
        self._painted = True
        self._focus_changed(None, QApplication.focusWidget())

    def _place(self) -> None:
        target = self.target
        ring = self.ring if self._alive(self.ring) else None
        if target is None or not self._alive(target) or not target.isVisible():
            if ring is not None:
                ring.hide()
            return
        parent = target.parentWidget() or self.window_
        if ring is None:
            ring = self.ring = _Ring(parent)
        elif ring.parentWidget() is not parent:
            ring.setParent(parent)
        ring.setGeometry(QRect(target.pos(), target.size()).adjusted(-RING, -RING, RING, RING))
        ring.raise_()
        ring.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show,
                                                       QEvent.Type.Hide):
            self._place()
        return False


def install_focus_aids(window: QWidget) -> FocusRing:
    """Enter on buttons (for the whole application) and the focus ring for ``window``."""
    app = QApplication.instance()
    # a property, not app.findChild: searching the application's children wraps each in Python (ms at start)
    if isinstance(app, QApplication) and not app.property(_ENTER_INSTALLED):
        app.setProperty(_ENTER_INSTALLED, True)
        app.focusChanged.connect(EnterPressesButtons(app).focus_changed)
    return FocusRing(window)


_ENTER_INSTALLED = "nianbaoEnterPressesButtons"


_MNEMONIC = re.compile(r"\(&.\)|&|…|\.\.\.")


def _bare(text: str) -> str:
    """A menu or button text without its mnemonic and ellipsis: "新建(&N)…" -> "新建"."""
    return _MNEMONIC.sub("", text).strip()


def shortcut_tips(root: QWidget, actions: list[QAction]) -> None:
    """Give every button under ``root`` that does what a menu command does that command's keys in its
    tooltip ("打印 (Ctrl+P)"), so the shortcut is learnt where the mouse goes."""
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QAbstractButton

    keys = {_bare(a.text()): a.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            for a in actions if not a.shortcut().isEmpty()}
    for button in root.findChildren(QAbstractButton):
        shortcut = keys.get(_bare(button.text()))
        if shortcut and shortcut not in button.toolTip():
            button.setToolTip(f"{button.toolTip() or _bare(button.text())} ({shortcut})")
