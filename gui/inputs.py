"""The store's rules for text, applied where the clerk types.

Whatever an input accepts must also be accepted by the draft file (forms/draft_json.py): otherwise
every later autosave fails. So each text input here refuses what the file would refuse, at the
moment it is typed or pasted, and says so in the status bar:

- text longer than its limit in forms/limits.py is cut (line edits: ``setMaxLength``; narratives:
  the key or the rest of the paste is refused);
- invisible control characters (same rule as the file: ``limits.FORBIDDEN_CHARS``) are removed.
"""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QMainWindow, QWidget

from forms import limits
from gui.i18n import _
from gui.plain import plain_tooltip

__all__ = ["ControlCharValidator", "clean_text", "guard_line_edit", "notify"]


def clean_text(text: str) -> str:
    """``text`` without the characters no draft may hold."""
    return limits.FORBIDDEN_CHARS.sub("", text)


def notify(widget: QWidget, text: str) -> None:
    """Tell the clerk why an input was changed: in the main window's status bar, else as a tooltip."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10000)
    else:
        from PySide6.QtWidgets import QToolTip  # loaded when first needed, not at start-up

        QToolTip.showText(widget.mapToGlobal(widget.rect().bottomLeft()), plain_tooltip(text), widget)


def control_chars_removed() -> str:
    return _("已去掉粘贴内容中不可见的控制字符（这些字符不能保存）。")


def too_long(what: str, limit: int) -> str:
    return _("{what}最多 {n} 字，超出的部分没有保留。", what=what, n=limit)


class ControlCharValidator(QValidator):
    """Removes control characters (and, on one line, line breaks and tabs) from what is typed or pasted."""

    def __init__(self, edit: QLineEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        cleaned = clean_text(text)
        if cleaned != text:
            notify(self._edit, control_chars_removed())
        cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\r", " ").replace("\t", " ")
        return QValidator.State.Acceptable, cleaned, min(pos, len(cleaned))


def guard_line_edit(edit: QLineEdit, limit: int, what: str) -> None:
    """At most ``limit`` characters and no control characters in ``edit``; a message when input is cut."""
    edit.setMaxLength(limit)
    edit.setValidator(ControlCharValidator(edit))
    edit.inputRejected.connect(lambda: notify(edit, too_long(what, limit)))
