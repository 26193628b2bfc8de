"""The dialogs of the review steps: 提交审核 with a note to the reviewer, and the reviewer's name."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QPlainTextEdit, QVBoxLayout, QWidget

from gui.i18n import _
from gui.inputs import clean_text
from gui.plain import plain_label

__all__ = ["SubmitDialog", "ask_name"]

#: The longest note and name the store accepts (the exchange file reads back the same).
NOTE_MAX_CHARS = 20_000
NAME_MAX_CHARS = 100


class SubmitDialog(QDialog):
    """Confirms 提交审核 and takes an optional note for the reviewer."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("提交审核"))
        self.setAccessibleName(_("提交审核"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("以“{name}”的名义提交审核。提交后报告只能查看，直到审核人退回或通过；"
                                       "需要修改时可以“重新打开修改”。", name=name), self, wrap=True))
        layout.addWidget(plain_label(_("给审核人的说明（可不填）："), self))
        self.note = QPlainTextEdit(self)
        self.note.setAccessibleName(_("给审核人的说明"))
        self.note.setPlaceholderText(_("例如：已按上次意见修改第五部分。"))
        self.note.setTabChangesFocus(True)
        layout.addWidget(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("提交审核"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def note_text(self) -> str:
        return clean_text(self.note.toPlainText()).strip()[:NOTE_MAX_CHARS]


def ask_name(parent: QWidget | None, current: str = "") -> str | None:
    """The user's own name for the review record, or None if cancelled or left blank."""
    name, ok = QInputDialog.getText(parent, _("我的姓名"),
                                    _("审核记录中显示的姓名（提交、退回和审核通过都会记下）："), text=current)
    name = clean_text(name).strip()[:NAME_MAX_CHARS]
    return name if ok and name else None
