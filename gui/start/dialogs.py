"""Small dialogs of the start screen: 新建, 历史版本, 回收站, and the import report of a published report."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

import forms
from common.errors import AppError
from forms import limits
from gui.errors import error_text, show_error
from gui.i18n import _, language
from gui.inputs import guard_line_edit
from gui.pages.diff_view import DiffView
from gui.plain import plain_label
from gui.screen import fit_to_screen

if TYPE_CHECKING:
    from importer import ImportReport
    from storage import Store

__all__ = ["CopyTextsDialog", "HistoryDialog", "ImportReportDialog", "NewDraftDialog", "TrashDialog"]

ID_ROLE = Qt.ItemDataRole.UserRole


class NewDraftDialog(QDialog):
    """Asks the agency and year, and shows which national format the year uses."""

    def __init__(self, parent: QWidget | None = None, agency: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(_("新建报告"))
        self.setAccessibleName(_("新建报告"))
        form = QFormLayout(self)
        self.agency = QLineEdit(agency, self)
        self.agency.setAccessibleName(_("机关名称"))
        self.agency.setPlaceholderText(_("例如：某某市某某区某某局"))
        guard_line_edit(self.agency, limits.AGENCY_MAX_CHARS, _("机关名称"))
        self.year = QSpinBox(self)
        self.year.setAccessibleName(_("报告年度"))
        self.year.setRange(limits.YEAR_MIN, limits.YEAR_MAX)
        self.year.setValue(dt.date.today().year - 1 if dt.date.today().month <= 6 else dt.date.today().year)
        self.format_label = plain_label("", self, wrap=True)
        self.format_label.setAccessibleName(_("将使用的格式"))
        form.addRow(_buddy(_("机关名称(&A)"), self.agency), self.agency)
        form.addRow(_buddy(_("报告年度(&Y)"), self.year), self.year)
        form.addRow(plain_label(_("将使用的格式"), self), self.format_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("新建"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.year.valueChanged.connect(self._update_format)
        self.agency.textChanged.connect(self._update_ok)
        self._update_format()
        self._update_ok()

    def _update_format(self) -> None:
        definition = forms.format_for_year(self.year.value())
        name = definition.name_en if language() == "en" else definition.name_zh
        self.format_label.setText(_("{name}（{doc}）", name=name, doc=definition.issued_by))

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.agency.text().strip()))

    def result_values(self) -> tuple[str, int]:
        return self.agency.text().strip(), self.year.value()


class CopyTextsDialog(QDialog):
    """以上一年为基础新建: ask whether last year's texts should be copied too."""

    def __init__(self, parent: QWidget | None, agency: str, year: int) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("以上一年为基础新建"))
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("将为“{agency}”新建 {year} 年度报告，沿用机关名称、落款和可结转的表格数据。",
                                       agency=agency, year=year + 1), self, wrap=True))
        self.copy_texts = QCheckBox(_("同时复制上一年的文字部分（之后请逐段修改）"), self)
        self.copy_texts.setAccessibleName(_("复制文字部分"))
        layout.addWidget(self.copy_texts)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class HistoryDialog(QDialog):
    """Revisions of one draft; select two to see what changed, or restore one."""

    def __init__(self, store: Store, draft_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.draft_id = draft_id
        self.restored = False
        self.setWindowTitle(_("历史版本"))
        fit_to_screen(self, 640, 480)
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("历史版本"))
        self.list.setSelectionMode(QListWidget.SelectionMode.ExtendedSelection)
        kinds = {"save": _("保存"), "autosave": _("自动保存"), "status": _("审核状态"), "restore": _("恢复"),
                 "import": _("导入")}
        self.revisions = list(store.revisions(draft_id))
        for rev in reversed(self.revisions):
            when = rev.time.strftime("%Y-%m-%d %H:%M:%S")
            item = QListWidgetItem(f"{when}  {kinds.get(rev.kind, rev.kind)}  {rev.note}")
            item.setData(ID_ROLE, rev.rev_id)
            self.list.addItem(item)
        self.changes = DiffView(self)
        self.changes.setPlaceholderText(_("选中一个版本查看它与当前内容的不同；选中两个版本比较二者。"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("关闭"))
        self.restore = QPushButton(_("恢复到此版本"), self)
        self.restore.setAccessibleName(_("恢复到此版本"))
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore.clicked.connect(self._restore)
        layout.addWidget(plain_label(_("版本（最新的在最上面）"), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.changes, 1)
        layout.addWidget(buttons)
        self.list.itemSelectionChanged.connect(self._show_diff)

    def _selected(self) -> list[str]:
        return [item.data(ID_ROLE) for item in self.list.selectedItems()]

    def _show_diff(self) -> None:
        selected = self._selected()
        self.restore.setEnabled(len(selected) == 1)
        if not selected or not self.revisions:
            self.changes.clear()
            return
        newest = self.revisions[-1].rev_id
        a, b = (selected[0], newest) if len(selected) == 1 else (selected[-1], selected[0])
        try:
            changes = self.store.diff(self.draft_id, a, b)
        except AppError as exc:
            self.changes.setPlainText(error_text(exc))
            return
        self.changes.show_changes(changes, _("没有不同。"))

    def _restore(self) -> None:
        selected = self._selected()
        if len(selected) != 1:
            return
        try:
            self.store.restore_revision(self.draft_id, selected[0])
        except AppError as exc:
            show_error(self, _("恢复失败"), exc)
            return
        self.restored = True
        self.accept()


class TrashDialog(QDialog):
    """Deleted drafts; restore any of them."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(_("回收站"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("已删除的草稿"))
        for d in store.list_trash():
            item = QListWidgetItem(f"{d.agency}  {d.year}")
            item.setData(ID_ROLE, d.id)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        restore = QPushButton(_("恢复"), self)
        restore.setAccessibleName(_("恢复所选草稿"))
        buttons.addButton(restore, QDialogButtonBox.ButtonRole.ActionRole)
        restore.clicked.connect(self._restore)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def _restore(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            self.store.restore_from_trash(item.data(ID_ROLE))
        except AppError as exc:
            show_error(self, _("恢复失败"), exc)
            return
        self.list.takeItem(self.list.row(item))


class ImportReportDialog(QDialog):
    """What the importer read from a published report, to check before it becomes a draft."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("导入已发布的年报"))
        fit_to_screen(self, 640, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(_("请核对导入情况。确认后将作为新草稿保存，可以继续修改。"), self, wrap=True))
        text = QPlainTextEdit(self)
        text.setReadOnly(True)
        text.setAccessibleName(_("导入情况"))
        text.setPlainText("\n".join(report.lines(language())))
        layout.addWidget(text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("作为新草稿保存"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("放弃"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)



def _buddy(text: str, widget: QWidget) -> QLabel:
    """A plain-text form label whose &-mnemonic focuses ``widget``."""
    label = plain_label(text, widget.parentWidget())
    label.setBuddy(widget)
    return label
