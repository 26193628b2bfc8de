"""The start screen: the drafts in the store, newest first, with search and the draft-level actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import _
from gui.pages.status_words import status_text
from gui.plain import plain_label

if TYPE_CHECKING:
    from storage import DraftSummary

__all__ = ["ID_ROLE", "StartScreen", "source_text"]

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def source_text(source: str) -> str:
    """Where a draft came from, in words (DraftSummary.source)."""
    kind, _sep, detail = source.partition(":")
    if kind == "import":
        return _("导入：{name}", name=detail)
    if kind == "last_year":
        return _("以 {year} 年度为基础", year=detail)
    if kind == "copy":
        return _("复制")
    return _("本机填写")


class StartScreen(QWidget):
    """Lists drafts; the buttons emit ``action`` with a name that StartActions carries out."""

    action = Signal(str)
    openRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("草稿列表"))
        self._read_only = False
        title = plain_label(_("政府信息公开工作年度报告"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        intro = plain_label(_("选择一份草稿继续填写，或新建一份。所有修改都会自动保存。"), self, wrap=True)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("搜索机关名称、年度或状态"))
        self.search.setAccessibleName(_("搜索草稿"))
        self.search.setClearButtonEnabled(True)
        search_label = plain_label(_("搜索(&F)"), self)
        search_label.setBuddy(self.search)
        self.model = QStandardItemModel(0, 6, self)
        self.model.setHorizontalHeaderLabels([_("机关"), _("年度"), _("格式"), _("状态"), _("最后修改"), _("来源")])
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(_("草稿"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setAccessibleName(_("列标题"))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 6):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self._open())
        self.table.activated.connect(lambda _index: self._open())
        self.empty = plain_label(_("还没有草稿。点“新建”开始填写，或“导入”别人发来的文件。"), self, wrap=True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = _Notice(self)
        self.notice.undo.clicked.connect(lambda: self.action.emit("undo_delete"))

        buttons = QGridLayout()
        specs = [
            ("new", _("新建(&N)…")), ("open", _("打开(&O)")), ("from_last_year", _("以上一年为基础新建…")),
            ("history", _("历史版本…")), ("import", _("导入(&I)…")), ("export", _("导出(&E)…")),
            ("import_report", _("导入已发布的年报…")), ("delete", _("删除")), ("trash", _("回收站…")),
            ("batch", _("汇总审核…")),
        ]
        self.buttons: dict[str, QPushButton] = {}
        for i, (name, text) in enumerate(specs):
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("(&", "(").replace("&", "").split("(")[0].rstrip("…"))
            button.clicked.connect(lambda _c=False, n=name: self._clicked(n))
            buttons.addWidget(button, i // 3, i % 3)
            self.buttons[name] = button
        self.buttons["open"].setDefault(True)
        self.read_only_note = plain_label("", self, wrap=True)
        self.read_only_note.setStyleSheet("color:#8d6e00")
        self.read_only_note.hide()

        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.read_only_note)
        layout.addLayout(search_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    def _clicked(self, name: str) -> None:
        if name == "open":
            self._open()
        else:
            self.action.emit(name)

    def _open(self) -> None:
        draft_id = self.selected_id()
        if draft_id:
            self.openRequested.emit(draft_id)

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.data(rows[0], ID_ROLE)

    def select_id(self, draft_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, ID_ROLE) == draft_id:
                self.table.selectRow(row)
                return

    def set_drafts(self, drafts: list[DraftSummary]) -> None:
        """Fill the list from DraftSummary records (newest change first)."""
        keep = self.selected_id()
        self.model.removeRows(0, self.model.rowCount())
        for d in sorted(drafts, key=lambda d: d.updated_at, reverse=True):
            when = d.updated_at.strftime("%Y-%m-%d %H:%M")
            cells = [d.agency, str(d.year), d.format_id, status_text(d.status), when, source_text(d.source)]
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setData(d.id, ID_ROLE)
            self.model.appendRow(items)
        self.empty.setVisible(not drafts)
        if keep:
            self.select_id(keep)
        if self.selected_id() is None and self.proxy.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def set_read_only(self, reason: str | None) -> None:
        self.read_only_note.setText(_("只能查看，不能修改：{reason}", reason=reason) if reason else "")
        self.read_only_note.setVisible(bool(reason))
        for name in ("new", "from_last_year", "import", "import_report", "delete", "trash"):
            self.buttons[name].setEnabled(not reason)
        self._read_only = bool(reason)
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.selected_id() is not None
        writable = not self._read_only
        for name in ("open", "export", "history"):
            self.buttons[name].setEnabled(selected)
        for name in ("from_last_year", "delete"):
            self.buttons[name].setEnabled(selected and writable)


class _Notice(QFrame):
    """A one-line message with an undo button (after 删除)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setStyleSheet("_Notice { background:#e3f2fd; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.text = plain_label("", self, wrap=True)
        self.undo = QPushButton(_("撤销删除"), self)
        self.undo.setAccessibleName(_("撤销删除"))
        layout.addWidget(self.text, 1)
        layout.addWidget(self.undo)
        self.hide()

    def show_message(self, text: str, undo: bool) -> None:
        self.text.setText(text)
        self.undo.setVisible(undo)
        self.show()
