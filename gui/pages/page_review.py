"""The final page: how complete the report is, and the buttons that end the clerk's part (提交审核, 导出定稿)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QWidget

import forms
from gui.i18n import _
from gui.icons import state_icon
from gui.pages.diff_view import DiffView
from gui.pages.navigator import state_words
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.page_titles import nav_title
from gui.pages.specs import PageSpec
from gui.plain import plain_label

if TYPE_CHECKING:
    from storage import Change

__all__ = ["ReviewPage"]

PAGE_ROLE = Qt.ItemDataRole.UserRole


class ReviewPage(WizardPage):
    submitRequested = Signal()
    exportFinalRequested = Signal()
    pageRequested = Signal(str)

    def __init__(self, spec: PageSpec, ctx: PageContext, pages: list[PageSpec], parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self.pages = [p for p in pages if p.kind != "review"]
        self.status = plain_label("", self)
        self.status.setAccessibleName(_("审核状态"))
        self.summary = plain_label("", self, wrap=True)
        self.summary.setAccessibleName(_("检查摘要"))
        self.parts = QListWidget(self)
        self.parts.setAccessibleName(_("各部分填写状态"))
        self.parts.itemActivated.connect(lambda item: self.pageRequested.emit(item.data(PAGE_ROLE)))
        self.parts.itemDoubleClicked.connect(lambda item: self.pageRequested.emit(item.data(PAGE_ROLE)))
        buttons = QHBoxLayout()
        self.submit = QPushButton(_("提交审核"), self)
        self.submit.setAccessibleName(_("提交审核"))
        self.submit.clicked.connect(self.submitRequested.emit)
        self.export = QPushButton(_("导出定稿"), self)
        self.export.setAccessibleName(_("导出定稿PDF"))
        self.export.clicked.connect(self.exportFinalRequested.emit)
        buttons.addWidget(self.submit)
        buttons.addWidget(self.export)
        buttons.addStretch(1)
        self.changes_title = plain_label(_("自上次提交以来的修改"), self)
        self.changes = DiffView(self)
        self.changes.setAccessibleName(_("自上次提交以来的修改"))
        self.changes_title.hide()
        self.changes.hide()
        self.main.addWidget(self.status)
        self.main.addWidget(self.summary)
        self.main.addWidget(self.parts, 1)
        self.main.addWidget(self.changes_title)
        self.main.addWidget(self.changes, 1)
        self.main.addLayout(buttons)
        self.add_guidance(_("提交前"), _("错误（红色）必须改正才能提交审核和导出定稿；提醒（橙色）请逐条核对。"
                                      "保存不受影响：随时可以关闭程序，下次打开内容都在。"))
        self.finish_side()

    def update_state(self, states: dict[str, str], findings: list[forms.Finding], status_text: str,
                     status: str = "draft") -> None:
        """The parts and the summary; the summary says what the review status allows (no "可以提交审核"
        once the report is submitted or approved)."""
        errors = sum(1 for f in findings if f.is_error)
        warnings = len(findings) - errors
        self.status.setText(_("当前状态：{status}", status=status_text))
        if status == "submitted":
            self.summary.setText(_("已提交审核，等待审核人退回或通过；现在只能查看。"))
        elif status == "approved":
            self.summary.setText(_("已审核通过，报告不能再修改；可以导出定稿。"))
        elif errors:
            self.summary.setText(_("还有 {e} 个错误、{w} 个提醒。错误改正后才能提交审核。", e=errors, w=warnings))
        elif warnings:
            self.summary.setText(_("没有错误，有 {w} 个提醒，请核对后提交审核。", w=warnings))
        else:
            self.summary.setText(_("检查通过，可以提交审核。"))
        words = state_words()
        self.parts.clear()
        for page in self.pages:
            state = states.get(page.key, "empty")
            item = QListWidgetItem(state_icon(state), f"{nav_title(self.definition, page)} — {words[state]}")
            item.setData(PAGE_ROLE, page.key)
            self.parts.addItem(item)

    def show_changes_since(self, changes: list[Change] | None, since: str = "") -> None:
        """What changed since the submission the reviewer last saw (None: nothing to compare with)."""
        shown = changes is not None
        self.changes_title.setVisible(shown)
        self.changes.setVisible(shown)
        if changes is not None:
            self.changes_title.setText(_("自上次提交以来的修改（{since}）", since=since) if since else _("自上次提交以来的修改"))
            self.changes.show_changes(changes, _("自上次提交以来没有修改。"))

    def set_actions(self, can_submit: bool, can_export: bool) -> None:
        self.submit.setVisible(can_submit)
        self.export.setEnabled(can_export)

    def focus_first(self) -> None:
        self.submit.setFocus() if self.submit.isVisible() else self.parts.setFocus()
