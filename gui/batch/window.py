"""The 汇总审核 window: pick a folder of units' reports (and a roster, last year's folder), watch the
check run, sort and filter the units, open one unit's report with its findings or its comparison
with last year, export the checklist, and create the roll-up draft.

Nothing here writes into the units' files: the batch only reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from batch.checklist import STATE_ZH, STATUS_ZH
from batch.run import BatchResult, UnitResult
from common.errors import AppError
from forms import Draft
from gui.batch.worker import BatchThread
from gui.file_dialogs import choose_folder, open_file, save_file
from gui.i18n import _, language

COLUMNS = ("单位", "状态", "原因", "格式", "年度", "审核状态", "错误", "警告", "成文日期", "逾期", "文字重复率")
PROBLEM_STATES = ("missing", "duplicate", "unreadable", "not_in_roster", "roster_problem")
UnitRole = Qt.ItemDataRole.UserRole + 1


class _UnitFilter(QSortFilterProxyModel):
    """Text filter over every column, plus "only units that need attention"."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.only_problems = False
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)

    def filterAcceptsRow(self, row: int, parent: object) -> bool:
        if self.only_problems:
            unit = self.sourceModel().index(row, 0).data(UnitRole)
            if isinstance(unit, UnitResult) and not _needs_attention(unit):
                return False
        return super().filterAcceptsRow(row, parent)  # type: ignore[arg-type]


def _needs_attention(unit: UnitResult) -> bool:
    loaded = unit.loaded
    return unit.state in PROBLEM_STATES or bool(loaded and (loaded.errors or loaded.late)) or bool(unit.flagged_sections)


class BatchWindow(QDialog):
    """Non-modal window beside the start screen. ``create_draft`` stores a new draft and opens it."""

    def __init__(self, create_draft: Callable[[Draft], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("汇总审核"))
        self.setAccessibleName(_("汇总审核"))
        self.create_draft = create_draft
        self.batch_result: BatchResult | None = None
        self.thread_: BatchThread | None = None

        self.folder = self._path_field(_("各单位报告所在文件夹"), folder=True)
        self.roster = self._path_field(_("应报单位名单（.xlsx / .csv，可不选）"), folder=False, filter_=_("名单 (*.xlsx *.csv)"))
        self.previous = self._path_field(_("上一年度报告文件夹（可不选）"), folder=True)
        form = QFormLayout()
        form.addRow(_("报告文件夹："), self.folder)
        form.addRow(_("单位名单："), self.roster)
        form.addRow(_("上一年度："), self.previous)

        self.start_button = QPushButton(_("开始检查"), self)
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(_("取消"), self)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(_("检查进度"))
        self.progress_label = QLabel(self)
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        run_row = QHBoxLayout()
        run_row.addWidget(self.start_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)

        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([_(c) for c in COLUMNS])
        self.proxy = _UnitFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(_("单位列表"))
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self.open_selected)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(_("筛选单位、状态、原因…"))
        self.filter.setAccessibleName(_("筛选"))
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.only_problems = QCheckBox(_("只看需要处理的单位"), self)
        self.only_problems.toggled.connect(self._toggle_problems)
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.filter, 1)
        filter_row.addWidget(self.only_problems)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.open_button = QPushButton(_("查看所选单位…"), self)
        self.open_button.clicked.connect(self.open_selected)
        self.export_button = QPushButton(_("导出清单…"), self)
        self.export_button.clicked.connect(self.export_checklist)
        self.rollup_button = QPushButton(_("生成汇总草稿…"), self)
        self.rollup_button.clicked.connect(self.create_rollup)
        actions = QHBoxLayout()
        actions.addWidget(self.summary, 1)
        for button in (self.open_button, self.export_button, self.rollup_button):
            actions.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(run_row)
        layout.addWidget(self.progress_label)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self._set_running(False)
        self._fit_to_screen()

    # ------------------------------------------------------------------ building
    def _path_field(self, title: str, *, folder: bool, filter_: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setAccessibleName(title)
        edit.setPlaceholderText(title)
        choose = edit.addAction(self.style().standardIcon(self.style().StandardPixmap.SP_DirOpenIcon), QLineEdit.ActionPosition.TrailingPosition)
        choose.setToolTip(_("选择…"))

        def pick() -> None:
            if folder:
                chosen = choose_folder(self, title, edit.text())
            else:
                chosen = open_file(self, title, filter_, edit.text())
            if chosen:
                edit.setText(chosen)

        choose.triggered.connect(pick)
        return edit

    def _fit_to_screen(self) -> None:
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1200, int(screen.width() * 0.9)), min(760, int(screen.height() * 0.85)))

    # ------------------------------------------------------------------ running
    def start(self) -> None:
        folder = self.folder.text().strip()
        if not folder or not Path(folder).is_dir():
            QMessageBox.warning(self, _("汇总审核"), _("请选择各单位报告所在的文件夹。"))
            return
        roster = Path(self.roster.text().strip()) if self.roster.text().strip() else None
        previous = Path(self.previous.text().strip()) if self.previous.text().strip() else None
        self.model.removeRows(0, self.model.rowCount())
        self.batch_result = None
        self.thread_ = BatchThread([Path(folder)], roster, previous, self)
        self.thread_.progressed.connect(self._progressed)
        self.thread_.succeeded.connect(self._finished)
        self.thread_.failed.connect(self._failed)
        self._set_running(True)
        self.progress_label.setText(_("正在读取各单位的报告…"))
        self.thread_.start()

    def cancel(self) -> None:
        if self.thread_ is not None:
            self.thread_.cancel()
            self.progress_label.setText(_("正在取消…"))

    def _progressed(self, done: int, total: int, name: str) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(_("已读取 {done}/{total}：{name}", done=done, total=total, name=name))

    def _failed(self, message: str) -> None:
        self._set_running(False)
        self.progress_label.setText(message)
        QMessageBox.warning(self, _("汇总审核"), message)

    def _finished(self, result: BatchResult) -> None:
        self._set_running(False)
        self.batch_result = result
        self.show_result(result)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        has_result = self.batch_result is not None and not running
        for button in (self.open_button, self.export_button, self.rollup_button):
            button.setEnabled(has_result)

    def closeEvent(self, event: object) -> None:
        if self.thread_ is not None and self.thread_.isRunning():
            self.thread_.cancel()
            self.thread_.wait(10_000)
        super().closeEvent(event)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ showing
    def show_result(self, result: BatchResult) -> None:
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for unit in result.units:
            self.model.appendRow(_row(unit))
        self.table.setSortingEnabled(True)
        self.table.resizeColumnsToContents()
        counts = result.counts()
        parts = [f"{_(STATE_ZH.get(state, state))} {count}" for state, count in sorted(counts.items())]
        note = _("（已取消，只列出已读取的文件）") if result.cancelled else ""
        self.summary.setText(_("共 {n} 个单位：", n=len(result.units)) + "，".join(parts) + note)
        self.progress_label.setText(self.summary.text())
        self._set_running(False)

    def _toggle_problems(self, on: bool) -> None:
        self.proxy.only_problems = on
        self.proxy.invalidate()

    def selected_unit(self) -> UnitResult | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        unit = self.proxy.mapToSource(index).siblingAtColumn(0).data(UnitRole)
        return unit if isinstance(unit, UnitResult) else None

    def open_selected(self) -> None:
        unit = self.selected_unit()
        if unit is None:
            return
        from gui.batch.unit_dialog import UnitDialog

        UnitDialog(unit, self).exec()

    # ------------------------------------------------------------------ outputs
    def export_checklist(self) -> None:
        if self.batch_result is None:
            return
        path = save_file(self, _("导出清单"), _("汇总审核清单.xlsx"), _("Excel 工作簿 (*.xlsx);;JSON (*.json)"))
        if not path:
            return
        self.export_to(path)

    def export_to(self, path: str) -> bool:
        from batch.checklist import write_json, write_workbook

        assert self.batch_result is not None
        rollup = self._rollup()
        try:
            (write_json if path.lower().endswith(".json") else write_workbook)(path, self.batch_result, rollup)
        except AppError as exc:
            QMessageBox.warning(self, _("导出清单"), exc.message(language()))
            return False
        self.progress_label.setText(_("清单已导出到 {path}", path=path))
        return True

    def _rollup(self):
        from batch.rollup import contributions_from, roll_up

        assert self.batch_result is not None
        drafts = self.batch_result.drafts()
        return roll_up(contributions_from(drafts)) if drafts else None

    def create_rollup(self) -> None:
        if self.batch_result is None:
            return
        rollup = self._rollup()
        if rollup is None:
            QMessageBox.information(self, _("生成汇总草稿"), _("没有可以汇总的报告。"))
            return
        blanks = sum(1 for gap in rollup.gaps if gap.blank)
        text = _("将 {n} 个单位的表格合计为新草稿“{agency}”。{blanks} 个单位有空白单元格（不按 0 计算，见清单“汇总”表）。",
                 n=len(rollup.sources), agency=rollup.draft.agency, blanks=blanks)
        box = QMessageBox(QMessageBox.Icon.Question, _("生成汇总草稿"), text,
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if box.exec() == QMessageBox.StandardButton.Ok:
            self.create_draft(rollup.draft)


def _row(unit: UnitResult) -> list[QStandardItem]:
    draft, loaded = unit.draft, unit.loaded
    values: list[object] = [
        unit.unit,
        _(STATE_ZH.get(unit.state, unit.state)),
        unit.reason_zh if language() == "zh" else unit.reason_en,
        _("{id} 年格式", id=draft.format_id) if draft else "",
        draft.year if draft else "",
        _(STATUS_ZH.get(loaded.status, loaded.status)) if loaded and loaded.status else "",
        loaded.errors if loaded and draft else "",
        loaded.warnings if loaded and draft else "",
        loaded.issued.isoformat() if loaded and loaded.issued else "",
        _("逾期") if loaded and loaded.late else "",
        f"{unit.copied_share:.0%}" if unit.copied_share is not None else "",
    ]
    items = []
    for value in values:
        item = QStandardItem()
        item.setData(value, Qt.ItemDataRole.DisplayRole)
        item.setEditable(False)
        items.append(item)
    items[0].setData(unit, UnitRole)
    if unit.state in PROBLEM_STATES or (loaded and loaded.errors):
        items[1].setForeground(Qt.GlobalColor.darkRed)
    return items
