"""What the start screen's buttons do with the store: new, copy from last year, import/export, delete, history."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

import forms
from gui.start.dialogs import CopyTextsDialog, HistoryDialog, ImportReportDialog, NewDraftDialog, TrashDialog
from gui.errors import show_error
from gui.i18n import _

if TYPE_CHECKING:
    from gui.main_window import MainWindow

logger = logging.getLogger(__name__)

__all__ = ["FAILED", "StartActions"]

FAILED = object()  # what _call returns when the store raised (the dialog has been shown)


class StartActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_deleted: str | None = None
        self.batch_window: QWidget | None = None

    @property
    def store(self) -> Any:
        return self.window.store

    @property
    def screen(self) -> Any:
        return self.window.start

    def run(self, name: str) -> None:
        getattr(self, f"do_{name}")()

    def _call(self, title: str, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """fn(...), or FAILED after showing the error as a dialog."""
        try:
            return fn(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - StorageError and friends
            show_error(self.window, title, exc)
            return FAILED

    def do_new(self) -> str | None:
        dialog = NewDraftDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        agency, year = dialog.result_values()
        draft_id = self._call(_("新建失败"), self.store.create, forms.new_draft(agency, year))
        if draft_id is not FAILED:
            self.window.open_draft(draft_id)
        return draft_id

    def do_from_last_year(self) -> str | None:
        source = self.screen.selected_id()
        summary = self._summary(source)
        if summary is None:
            return None
        dialog = CopyTextsDialog(self.window, summary.agency, summary.year)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        draft_id = self._call(_("新建失败"), self.store.new_from_last_year, source,
                              copy_texts=dialog.copy_texts.isChecked())
        if draft_id is not FAILED:
            self.window.open_draft(draft_id)
        return draft_id

    def _summary(self, draft_id: str | None) -> Any:
        drafts = self._call(_("读取草稿列表失败"), self.store.list_drafts)
        for d in [] if drafts is FAILED else drafts:
            if d.id == draft_id:
                return d
        return None

    def do_import(self, path: str | None = None) -> str | None:
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self.window, _("导入交换文件"), "",
                                                  _("交换文件或草稿 (*.nianbao *.json);;所有文件 (*)"))
            if not path:
                return None
        try:
            draft_id = self.store.import_file(path, on_conflict="ask")
        except Exception as exc:  # noqa: BLE001
            if type(exc).__name__ != "ImportConflict":
                show_error(self.window, _("导入失败"), exc)
                return None
            choice = self._ask_conflict()
            if choice is None:
                return None
            draft_id = self._call(_("导入失败"), self.store.import_file, path, on_conflict=choice)
            if draft_id is FAILED:
                return None
        self.window.reload_drafts(select=draft_id)
        return draft_id

    def _ask_conflict(self) -> str | None:
        box = QMessageBox(QMessageBox.Icon.Question, _("导入"), _("草稿库里已经有这份报告。要怎么处理？"),
                          QMessageBox.StandardButton.NoButton, self.window)
        replace = box.addButton(_("用导入的替换"), QMessageBox.ButtonRole.AcceptRole)
        both = box.addButton(_("两份都保留"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("取消"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is replace:
            return "replace"
        if box.clickedButton() is both:
            return "keep_both"
        return None

    def do_export(self, path: str | None = None) -> bool:
        draft_id = self.screen.selected_id()
        summary = self._summary(draft_id)
        if summary is None:
            return False
        if path is None:
            suggested = f"{summary.agency}{summary.year}年度报告.nianbao"
            path, _f = QFileDialog.getSaveFileName(self.window, _("导出交换文件"), suggested, _("报告交换文件 (*.nianbao)"))
            if not path:
                return False
        if self._call(_("导出失败"), self.store.export_file, draft_id, path) is FAILED:
            return False
        self.window.statusBar().showMessage(_("已导出：{path}", path=path), 8000)
        return True

    def do_delete(self) -> bool:
        draft_id = self.screen.selected_id()
        summary = self._summary(draft_id)
        if summary is None:
            return False
        try:
            self.store.delete(draft_id)
        except Exception as exc:  # noqa: BLE001
            show_error(self.window, _("删除失败"), exc)
            return False
        self.last_deleted = draft_id
        self.window.reload_drafts()
        self.screen.notice.show_message(_("已将“{agency} {year}”移到回收站。", agency=summary.agency, year=summary.year), True)
        return True

    def do_undo_delete(self) -> bool:
        if not self.last_deleted:
            return False
        if self._call(_("恢复失败"), self.store.restore_from_trash, self.last_deleted) is FAILED:
            return False
        restored, self.last_deleted = self.last_deleted, None
        self.screen.notice.hide()
        self.window.reload_drafts(select=restored)
        return True

    def do_trash(self) -> None:
        TrashDialog(self.store, self.window).exec()
        self.window.reload_drafts()

    def do_history(self) -> None:
        draft_id = self.screen.selected_id()
        if not draft_id:
            return
        dialog = self._call(_("读取历史版本失败"), HistoryDialog, self.store, draft_id, self.window)
        if dialog is not FAILED:
            dialog.exec()
            self.window.reload_drafts(select=draft_id)

    def do_batch(self) -> None:
        """The collecting office's window; a roll-up becomes a new draft opened in the wizard."""
        from gui.batch.window import BatchWindow

        def create(draft: object) -> None:
            draft_id = self._call(_("生成汇总草稿"), self.store.create, draft)
            if draft_id is not FAILED:
                self.window.reload_drafts(select=draft_id)
                self.window.open_draft(draft_id)

        window = BatchWindow(create, self.window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.batch_window = window

    def do_import_report(self, path: str | None = None) -> str | None:
        try:
            import importer

            import_report = importer.import_report
        except (ImportError, AttributeError):
            QMessageBox.information(self.window, _("导入已发布的年报"), _("本版本还不能导入已发布的年报（导入组件未安装）。"))
            return None
        if path is None:
            path, _f = QFileDialog.getOpenFileName(self.window, _("导入已发布的年报"), "",
                                                  _("年报文件 (*.pdf *.txt *.html *.htm *.docx);;所有文件 (*)"))
            if not path:
                return None
        result = self._call(_("导入失败"), import_report, path)
        if result is FAILED:
            return None
        if ImportReportDialog(result.report, self.window).exec() != QDialog.DialogCode.Accepted:
            return None
        draft_id = self._call(_("保存失败"), self.store.create, result.draft)
        if draft_id is not FAILED:
            self.window.open_draft(draft_id)
        return draft_id
