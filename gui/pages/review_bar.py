"""The banner above the wizard saying where the report stands in review, with the step buttons for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, SignalInstance
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QWidget

from gui.i18n import _
from gui.plain import plain_label

if TYPE_CHECKING:
    from storage import Submission

__all__ = ["ReviewBar"]

_STYLE = {
    "submitted": "background:#fff8e1; border:1px solid #ffb300;",
    "returned": "background:#ffebee; border:1px solid #e57373;",
    "approved": "background:#e8f5e9; border:1px solid #66bb6a;",
    "readonly": "background:#eceff1; border:1px solid #90a4ae;",
}


class ReviewBar(QFrame):
    returnRequested = Signal()
    approveRequested = Signal()
    reopenRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.message = plain_label("", self, wrap=True)
        self.message.setAccessibleName(_("审核状态说明"))
        layout.addWidget(self.message, 1)
        self.return_button = self._button(_("退回修改"), self.returnRequested)
        self.approve_button = self._button(_("审核通过"), self.approveRequested)
        self.reopen_button = self._button(_("重新打开修改"), self.reopenRequested)
        layout.addWidget(self.return_button)
        layout.addWidget(self.approve_button)
        layout.addWidget(self.reopen_button)
        self.hide()

    def _button(self, text: str, signal: SignalInstance) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text)
        button.clicked.connect(signal.emit)
        return button

    def update_for(self, status: str, reviewer: bool, store_reason: str | None, overall: str = "",
                   submission: Submission | None = None) -> None:
        """Show the right words and buttons for ``status`` and the current user's role.

        ``overall`` is the latest comment on the report as a whole (the reason given when it was returned);
        ``submission`` the latest 提交审核, whose submitter and note the reviewer reads here.
        """
        self.return_button.setVisible(status == "submitted" and reviewer and not store_reason)
        self.approve_button.setVisible(status == "submitted" and reviewer and not store_reason)
        self.reopen_button.setVisible(status in ("approved", "submitted") and not store_reason
                                      and not (status == "submitted" and reviewer))
        if store_reason:
            text, style = _("只能查看，不能修改：{reason}", reason=store_reason), _STYLE["readonly"]
        elif status == "submitted" and reviewer:
            text = _("待审核：请逐部分查看，在右侧“审核意见”中写下意见，然后“退回修改”或“审核通过”。")
            style = _STYLE["submitted"]
            if submission is not None:
                text += "\n" + _("提交人：{name}（{time}）", name=submission.by, time=submission.time.strftime("%Y-%m-%d %H:%M"))
                if submission.note:
                    text += "\n" + _("提交说明：{note}", note=submission.note)
        elif status == "submitted":
            text, style = _("已提交审核，等待审核人处理，现在只能查看。需要修改时点“重新打开修改”。"), _STYLE["submitted"]
        elif status == "returned":
            text, style = _("审核人已退回：请按各部分右侧的审核意见修改，然后重新提交审核。"), _STYLE["returned"]
            if overall:
                text += "\n" + _("退回意见：{text}", text=overall)
        elif status == "approved":
            text, style = _("已通过审核：打印和导出的文件不再带“草稿”水印。"), _STYLE["approved"]
            if overall:
                text += "\n" + _("退回意见（已解决）：{text}", text=overall)
        else:
            self.hide()
            return
        self.message.setText(text)
        self.setStyleSheet(f"#reviewBar {{{style}}}")
        self.show()
