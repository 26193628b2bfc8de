"""Undoable text fields: editors whose every change is a command on the draft's shared QUndoStack.

Qt's editors keep private undo histories; one report needs one history across text and table
cells, so the editors' own undo is switched off and Ctrl+Z / Ctrl+Y go to the shared stack.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from forms import limits
from gui.i18n import _
from gui.inputs import clean_text, control_chars_removed, guard_line_edit, notify, too_long

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

__all__ = ["FieldBinding", "TextEditCommand", "UndoLineEdit", "UndoTextEdit", "is_redo", "is_undo"]

MERGE_SECONDS = 2.0  # keystrokes closer than this in one field undo together


def is_undo(event: QKeyEvent) -> bool:
    return event.matches(QKeySequence.StandardKey.Undo)


def is_redo(event: QKeyEvent) -> bool:
    ctrl_y = event.key() == QtCore.Qt.Key.Key_Y and event.modifiers() == QtCore.Qt.KeyboardModifier.ControlModifier
    return ctrl_y or event.matches(QKeySequence.StandardKey.Redo)


class FieldBinding(QObject):
    """One text value of the draft (a narrative, a heading, a cover field) and the widget showing it."""

    def __init__(self, key: str, getter: Callable[[], str], setter: Callable[[str], None],
                 reveal: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.key = key
        self.getter = getter
        self.setter = setter
        self.reveal = reveal
        self.widget: UndoTextEdit | UndoLineEdit | None = None

    def value(self) -> str:
        return self.getter()

    def apply(self, text: str, show: bool) -> None:
        """Write ``text`` into the draft; when ``show``, also put it in the widget and bring it into view."""
        self.setter(text)
        if show:
            if self.reveal is not None:
                self.reveal()
            if self.widget is not None:
                self.widget.show_value(text)
                self.widget.setFocus()


class TextEditCommand(QUndoCommand):
    """Replace a field's text; consecutive typing in one field merges into one step."""

    ID = 5001

    def __init__(self, binding: FieldBinding, old: str, new: str) -> None:
        super().__init__(f"text {binding.key}")
        self.binding = binding
        self.old = old
        self.new = new
        self.stamp = time.monotonic()
        self._first = True

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, TextEditCommand) or other.binding is not self.binding:
            return False
        if other.stamp - self.stamp > MERGE_SECONDS:
            return False
        self.new = other.new
        self.stamp = other.stamp
        return True

    def redo(self) -> None:
        self.binding.apply(self.new, show=not self._first)
        self._first = False

    def undo(self) -> None:
        self.binding.apply(self.old, show=True)


class _UndoKeys:
    """Shared key handling: route Ctrl+Z / Ctrl+Y to the stack instead of the widget's own history."""

    stack: QUndoStack

    def _undo_event(self, event: QEvent) -> bool | None:
        if not isinstance(event, QKeyEvent):
            return None
        if event.type() == QEvent.Type.ShortcutOverride and (is_undo(event) or is_redo(event)):
            event.accept()
            return True
        if event.type() == QEvent.Type.KeyPress:
            if is_undo(event):
                self.stack.undo()
                return True
            if is_redo(event):
                self.stack.redo()
                return True
        return None


class UndoTextEdit(QPlainTextEdit, _UndoKeys):
    """A multi-line editor bound to one draft text; edits become TextEditCommands.

    Holds at most ``limit`` characters and no control characters, like the draft file: a key past
    the limit is refused, a paste is cleaned and cut, each with a message in the status bar.
    """

    def __init__(self, binding: FieldBinding, stack: QUndoStack, parent: QWidget | None = None, *,
                 limit: int = limits.TEXT_MAX_CHARS, what: str = "") -> None:
        super().__init__(parent)
        self.binding = binding
        self.stack = stack
        self.limit = limit
        self.what = what
        binding.widget = self
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._shown = binding.value()
        self.setPlainText(self._shown)
        self.textChanged.connect(self._edited)

    def event(self, event: QEvent) -> bool:
        handled = self._undo_event(event)
        return True if handled else super().event(event)

    def length(self) -> int:
        """Characters in the editor (without reading the whole text)."""
        return self.document().characterCount() - 1

    def _room(self) -> int:
        """How many characters may still be inserted in place of the selection."""
        return self.limit - self.length() + len(self.textCursor().selectedText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        if typed and (typed.isprintable() or typed in ("\r", "\n")) and len(typed) > self._room():
            notify(self, too_long(self.what or _text_word(), self.limit))
            event.accept()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste and drop: plain text only, cleaned of control characters and cut to the room left."""
        text = source.text()
        cleaned = clean_text(text)
        if cleaned != text:
            notify(self, control_chars_removed())
        room = max(0, self._room())
        if len(cleaned) > room:
            cleaned = cleaned[:room]
            notify(self, too_long(self.what or _text_word(), self.limit))
        if cleaned:
            self.insertPlainText(cleaned)

    def _edited(self) -> None:
        new = self.toPlainText()
        old = self._shown
        if new == old:
            return
        allowed = clean_text(new)  # input methods and drops that bypassed the checks above
        if allowed != new:
            notify(self, control_chars_removed())
        if len(allowed) > self.limit:
            allowed = allowed[: self.limit]
            notify(self, too_long(self.what or _text_word(), self.limit))
        if allowed != new:
            position = min(self.textCursor().position(), len(allowed))
            self.blockSignals(True)
            self.setPlainText(allowed)
            self.blockSignals(False)
            cursor = self.textCursor()
            cursor.setPosition(position)
            self.setTextCursor(cursor)
            new = allowed
            if new == old:
                return
        self._shown = new
        self.stack.push(TextEditCommand(self.binding, old, new))

    def show_value(self, text: str) -> None:
        """Show ``text`` after undo/redo, with the cursor where the change was."""
        if text == self.toPlainText():
            return
        pos = _change_position(self._shown, text)
        self._shown = text
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, len(text)))
        self.setTextCursor(cursor)

    def insert_text(self, text: str) -> None:
        self.moveCursor(QTextCursor.MoveOperation.End)
        self.insertPlainText(text)


class UndoLineEdit(QLineEdit, _UndoKeys):
    """A one-line editor bound to one draft field; edits become TextEditCommands.

    At most ``limit`` characters (the draft file's limit for the field) and no control characters.
    """

    def __init__(self, binding: FieldBinding, stack: QUndoStack, parent: QWidget | None = None, *,
                 limit: int = limits.HEADING_MAX_CHARS, what: str = "") -> None:
        super().__init__(parent)
        self.binding = binding
        self.stack = stack
        binding.widget = self
        guard_line_edit(self, limit, what or _text_word())
        self._shown = binding.value()
        self.setText(self._shown)
        self.textEdited.connect(self._edited)

    def event(self, event: QEvent) -> bool:
        handled = self._undo_event(event)
        return True if handled else super().event(event)

    def _edited(self, new: str) -> None:
        old = self._shown
        if new == old:
            return
        self._shown = new
        self.stack.push(TextEditCommand(self.binding, old, new))

    def show_value(self, text: str) -> None:
        self._shown = text
        if text != self.text():
            self.setText(text)


def _text_word() -> str:
    return _("这一栏")


def _change_position(old: str, new: str) -> int:
    """Where two texts start to differ, plus the inserted part: where the cursor belongs after the change."""
    i = 0
    while i < min(len(old), len(new)) and old[i] == new[i]:
        i += 1
    return i + max(0, len(new) - len(old))
