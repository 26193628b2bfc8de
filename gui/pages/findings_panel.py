"""The findings panel: what the validator found, errors first; activating one jumps to its place."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QVBoxLayout, QWidget

import forms
from gui.i18n import _, language, sentence
from gui.icons import state_icon
from gui.pages.specs import ERRORS, WARNINGS
from gui.plain import plain_label, plain_tooltip
from gui.qt_values import USER_ROLE

__all__ = ["FindingsPanel"]

FINDING_ROLE = USER_ROLE


class FindingsPanel(QWidget):
    """A titled list of findings. Click, Enter or double-click a finding to go to it."""

    findingActivated = Signal(object)  # forms.Finding

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.summary = plain_label("", self)
        self.summary.setAccessibleName(_("检查结果摘要"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("检查结果"))
        self.list.setAccessibleDescription(_("按回车跳转到出问题的位置"))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.summary.setBuddy(self.list)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.set_findings([])

    def set_findings(self, findings: list[forms.Finding]) -> None:
        errors = [f for f in findings if f.is_error]
        warnings = [f for f in findings if not f.is_error]
        if not findings:
            self.summary.setText(_("检查结果：没有发现问题"))
        else:
            self.summary.setText(_("检查结果：{e} 个错误，{w} 个提醒（点击可跳转）", e=len(errors), w=len(warnings)))
        self.list.clear()
        for finding in errors + warnings:
            text = sentence(finding.message(language()))
            item = QListWidgetItem(state_icon(ERRORS if finding.is_error else WARNINGS), text)
            item.setData(FINDING_ROLE, finding)
            item.setToolTip(plain_tooltip(text))
            self.list.addItem(item)

    def item_for(self, code: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if item.data(FINDING_ROLE).code == code:
                return item
        return None

    def _activated(self, item: QListWidgetItem) -> None:
        self.findingActivated.emit(item.data(FINDING_ROLE))
