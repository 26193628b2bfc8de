"""Helpers for GUI tests: type text as real key events (qtbot.keyClicks aborts on non-ASCII), spin the loop."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def focus_widget() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier, text: str = "",
          target: QWidget | None = None) -> None:
    """One key press + release delivered to the focused widget (as the keyboard would)."""
    widget = target or focus_widget()
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, key, modifiers, text))
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyRelease, key, modifiers, text))


def shortcut(key: Qt.Key, modifiers: Qt.KeyboardModifier) -> None:
    """A shortcut such as Ctrl+Z: ShortcutOverride first (as Qt does), then the key press."""
    widget = focus_widget()
    override = QKeyEvent(QEvent.Type.ShortcutOverride, key, modifiers)
    QApplication.sendEvent(widget, override)
    if override.isAccepted():
        press(key, modifiers, target=widget)
    else:
        from PySide6.QtTest import QTest

        QTest.keyClick(widget, key, modifiers)


def type_text(text: str) -> None:
    """Type ``text`` into the focused widget one character at a time; newlines as Return."""
    for ch in text:
        widget = focus_widget()
        if ch == "\n":
            press(Qt.Key.Key_Return, target=widget)
        else:
            QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))


def spin(ms: int) -> None:
    """Run the event loop for ``ms`` milliseconds (releasing the GIL, so worker threads progress)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def enter_cell(grid, row: str, column: str, text: str) -> None:
    """Select a cell, type over it and press Enter, as a clerk would."""
    grid.focus_cell(row, column)
    give_focus(grid.view)
    type_text(text)
    press(Qt.Key.Key_Return)


def give_focus(widget: QWidget) -> None:
    """Activate the widget's window and focus the widget (offscreen windows start inactive)."""
    window = widget.window()
    for _ in range(100):
        if not window.isActiveWindow():
            window.activateWindow()
            window.raise_()
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        if QApplication.focusWidget() is widget:
            return
        spin(10)
    raise AssertionError(f"could not focus {widget!r}")


def open_example(window, path):
    """Store an example file as a draft and open it in the wizard; returns the draft id."""
    import forms

    draft_id = window.store.create(forms.load_draft_file(path))
    window.reload_drafts(select=draft_id)
    assert window.open_draft(draft_id) is not None
    return draft_id
