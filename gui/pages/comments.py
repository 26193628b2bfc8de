"""Review comments beside the part of the report they concern, and the reviewer's comment box."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from gui.i18n import _
from gui.inputs import clean_text
from gui.plain import plain_label

if TYPE_CHECKING:
    from storage import Comment

__all__ = ["CommentsPanel", "comment_keys"]


def comment_keys(section: str | None, texts: tuple[str, ...]) -> set[str]:
    """Comment.section values that belong on a page: its section, its texts, or '' on cover/review."""
    if section is None:
        return {""}
    return {section, *texts}


class CommentsPanel(QGroupBox):
    """Shows the comments for one page; for a reviewer also a box to add one."""

    commentSubmitted = Signal(str, str)  # section key, text

    def __init__(self, key: str, keys: set[str], parent: QWidget | None = None) -> None:
        super().__init__(_("审核意见"), parent)
        self.key = key
        self.keys = keys
        self._reviewing = False
        self._has = False
        self.setAccessibleName(_("审核意见"))
        layout = QVBoxLayout(self)
        self.shown = plain_label("", self, wrap=True)
        self.shown.setAccessibleName(_("已有的审核意见"))
        layout.addWidget(self.shown)
        self.editor = QPlainTextEdit(self)
        self.editor.setAccessibleName(_("本部分的审核意见"))
        self.editor.setPlaceholderText(_("写下对这一部分的意见……"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(90)
        self.add = QPushButton(_("添加意见"), self)
        self.add.setAccessibleName(_("添加审核意见"))
        self.add.clicked.connect(self._submit)
        layout.addWidget(self.editor)
        layout.addWidget(self.add)
        self.set_reviewing(False)
        self.set_comments([])

    def set_reviewing(self, reviewing: bool) -> None:
        self.editor.setVisible(reviewing)
        self.add.setVisible(reviewing)
        self._reviewing = reviewing
        self._update_visibility()

    def set_comments(self, comments: list[Comment], approved_at: dt.datetime | None = None) -> None:
        """Show this page's comments; those made before an approval are marked as resolved."""
        mine = [c for c in comments if c.section in self.keys]
        lines = []
        for c in mine:
            when = c.time.strftime("%m-%d %H:%M")
            line = f"{c.author}（{when}）：{c.text}"
            if approved_at is not None and c.time <= approved_at:
                line = _("［已解决］{comment}", comment=line)
            lines.append(line)
        self.shown.setText("\n\n".join(lines))
        self.shown.setVisible(bool(lines))
        self._has = bool(lines)
        self._update_visibility()

    def _update_visibility(self) -> None:
        self.setVisible(self._reviewing or self._has)

    def _submit(self) -> None:
        text = clean_text(self.editor.toPlainText()).strip()
        if text:
            self.commentSubmitted.emit(self.key, text)
            self.editor.clear()
