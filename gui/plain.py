"""Outside text reaches the screen as plain text only.

Qt labels, message boxes and tooltips treat a string that looks like HTML as rich text: an agency
name ``<img src="\\\\host\\share\\x.png">`` in a file received by e-mail would make the program open
that file (on Windows: contact that host with the user's network credentials). File content, what
the clerk typed and error details may contain anything, so every label and message box is built
here with ``Qt.PlainText``, and the one place rich text is needed (tooltips) gets escaped text.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtWidgets import QLabel, QWidget

from gui.qt_values import PLAIN_TEXT

if TYPE_CHECKING:  # message boxes are loaded when the first one is shown, not at start-up
    from PySide6.QtWidgets import QMessageBox

__all__ = ["ask", "inform", "message_box", "plain_label", "plain_tooltip", "warn"]


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = False) -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel(parent)
    label.setProperty("textFormat", PLAIN_TEXT)  # = setTextFormat(Qt.TextFormat.PlainText), see gui/qt_values.py
    label.setWordWrap(wrap)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """Tooltips are always laid out as rich text when they look like it: escape, keep line breaks."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str, informative: str = "",
                buttons: QMessageBox.StandardButton | None = None) -> QMessageBox:
    """A message box whose text and informative text are plain text (call ``exec()`` on it); OK by default."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok if buttons is None else buttons, parent)
    box.setTextFormat(QtCore.Qt.TextFormat.PlainText)  # applies to the informative text too
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    box.setAccessibleName(title)
    return box


def inform(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    message_box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No, No by default; True for Yes."""
    from PySide6.QtWidgets import QMessageBox

    button = QMessageBox.StandardButton
    box = message_box(parent, QMessageBox.Icon.Question, title, text, buttons=button.Yes | button.No)
    box.setDefaultButton(button.No)
    return box.exec() == button.Yes
