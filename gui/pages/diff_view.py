"""Differences shown as marked text: deletions struck through in red, insertions underlined in green.

Built with character formats on a plain-text document, never HTML, so texts from any file are safe;
the markers [-…-] and {+…+} are also in the accessible description for screen readers and copying.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from gui.i18n import _

if TYPE_CHECKING:
    from storage import Change

__all__ = ["DELETED_COLOR", "INSERTED_COLOR", "DiffView", "change_lines"]

DELETED_COLOR = QColor("#b71c1c")
INSERTED_COLOR = QColor("#1b5e20")
#: Unchanged text kept either side of a change; the rest is shortened to "…".
CONTEXT_CHARS = 30


def change_lines(changes: list[Change]) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """(sentence, text pieces) per change: the sentence alone for cells and fields."""
    return [(c.zh, c.segments) for c in changes]


class DiffView(QPlainTextEdit):
    """A read-only view of a list of changes with the text differences marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName(_("改动内容"))

    def show_changes(self, changes: list[Change], empty: str = "") -> None:
        from storage.history import diff_plain

        self.clear()
        cursor = self.textCursor()
        plain = QTextCharFormat()
        heading = QTextCharFormat()
        heading.setFontWeight(700)
        deleted = QTextCharFormat()
        deleted.setForeground(DELETED_COLOR)
        deleted.setBackground(QColor("#ffebee"))
        deleted.setFontStrikeOut(True)
        inserted = QTextCharFormat()
        inserted.setForeground(INSERTED_COLOR)
        inserted.setBackground(QColor("#e8f5e9"))
        inserted.setFontUnderline(True)
        described = []
        for n, change in enumerate(changes):
            if n:
                cursor.insertText("\n", plain)
            cursor.insertText(change.zh, heading if change.segments else plain)
            described.append(change.zh)
            if not change.segments:
                continue
            cursor.insertText("\n", plain)
            for index, (op, text) in enumerate(change.segments):
                if op == "=":
                    cursor.insertText(_shorten(text, index == 0, index == len(change.segments) - 1), plain)
                else:
                    cursor.insertText(text, deleted if op == "-" else inserted)
            described.append(diff_plain(change.segments, CONTEXT_CHARS))
        if not changes and empty:
            cursor.insertText(empty, plain)
        self.setAccessibleDescription("\n".join(described) or empty)
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def marked_text(self) -> str:
        """What the view shows with [-deleted-] and {+inserted+} markers (tests, copying)."""
        return self.accessibleDescription()


def _shorten(text: str, first: bool, last: bool) -> str:
    head = 0 if first else CONTEXT_CHARS
    tail = 0 if last else CONTEXT_CHARS
    if len(text) <= head + tail + 1:
        return text
    return text[:head] + "…" + (text[-tail:] if tail else "")
