"""What the start screen's buttons do with the store: new, copy from last year, import/export, delete, history."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

import forms
from common.errors import AppError
from gui.errors import show_error
from gui.file_dialogs import open_file, save_file
from gui.i18n import _
from gui.pages.status_words import status_text
from gui.plain import message_box
from gui.start.dialogs import CopyTextsDialog, HistoryDialog, ImportReportDialog, NewDraftDialog, TrashDialog
from gui.start.start_screen import source_text

if TYPE_CHECKING:
    from gui.main_window import MainWindow
    from gui.start.start_screen import StartScreen
    from storage import DraftSummary, ImportConflict, Store

T = TypeVar("T")

logger = logging.getLogger(__name__)

__all__ = ["FAILED", "StartActions"]

class _Failed:
    """What _call returns when the store raised (the dialog has been shown)."""


FAILED = _Failed()


class StartActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.last_deleted: str | None = None
        self.batch_window: QWidget | None = None  # the 汇总审核 window, kept while it is open
        self._by_name: dict[str, Callable[[], object]] = {
            "new": self.do_new, "from_last_year": self.do_from_last_year, "import": self.do_import,
            "export": self.do_export, "delete": self.do_delete, "undo_delete": self.do_undo_delete,
            "trash": self.do_trash, "history": self.do_history, "import_report": self.do_import_report,
            "batch": self.do_batch,
        }

    @property
    def store(self) -> Store:
        store = self.window.store
        assert store is not None, "the start screen's buttons act only once the store is open"
        return store

    @property
    def screen(self) -> StartScreen:
        return self.window.start

    def run(self, name: str) -> None:
        """Carry out the start screen's button ``name`` (after opening the store, if that failed before)."""
        if self.window.ensure_store():
            self._by_name[name]()

    def _call(self, title: str, fn: Callable[..., T], *args: object, **kwargs: object) -> T | _Failed:
        """fn(...), or FAILED after showing the error as a dialog."""
        try:
            return fn(*args, **kwargs)
        except AppError as exc:
            show_error(self.window, title, exc)
            return FAILED

    def do_new(self) -> str | None:
        dialog = NewDraftDialog(self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        agency, year = dialog.result_values()
        draft_id = self._call(_("新建失败"), self.store.create, forms.new_draft(agency, year))
        if isinstance(draft_id, _Failed):
            return None
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
        draft_id = self._call(_("新建失败"), self.store.new_from_last_year, summary.id,
                              copy_texts=dialog.copy_texts.isChecked())
        if isinstance(draft_id, _Failed):
            return None
        self.window.open_draft(draft_id)
        return draft_id

    def _summary(self, draft_id: str | None) -> DraftSummary | None:
        drafts = self._call(_("读取草稿列表失败"), self.store.list_drafts)
        for d in [] if isinstance(drafts, _Failed) else drafts:
            if d.id == draft_id:
                return d
        return None

    def do_import(self, path: str | None = None) -> str | None:
        if path is None:
            path = open_file(self.window, _("导入交换文件"), _("交换文件或草稿 (*.nianbao *.json);;所有文件 (*)"))
            if not path:
                return None
        from storage import ImportConflict

        try:
            draft_id = self.store.import_file(path, on_conflict="ask")
        except ImportConflict as conflict:
            choice = self._ask_conflict(conflict)
            if choice is None:
                return None
            answer = self._call(_("导入失败"), self.store.import_file, path, on_conflict=choice)
            if isinstance(answer, _Failed):
                return None
            draft_id = answer
        except AppError as exc:
            show_error(self.window, _("导入失败"), exc)
            return None
        self.window.reload_drafts(select=draft_id)
        return draft_id

    def _ask_conflict(self, conflict: ImportConflict) -> str | None:
        """Replace / keep both / cancel, naming the draft already there (status and last change)."""
        existing = self._summary(conflict.existing_id)
        text = _("草稿库里已经有同一机关同一年度的报告。要怎么处理？") if conflict.same_report else \
            _("草稿库里已经有这份报告。要怎么处理？")
        details = ""
        if existing is not None:
            details = _("已有的：{agency} {year} 年度，{status}，最后修改 {when}，来源：{source}",
                        agency=existing.agency, year=existing.year, status=status_text(existing.status),
                        when=existing.updated_at.strftime("%Y-%m-%d %H:%M"), source=source_text(existing.source))
        box = message_box(self.window, QMessageBox.Icon.Question, _("导入"), text, details,
                          buttons=QMessageBox.StandardButton.NoButton)
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
            path = save_file(self.window, _("导出交换文件"), suggested, _("报告交换文件 (*.nianbao)"))
            if not path:
                return False
        if draft_id is None or isinstance(self._call(_("导出失败"), self.store.export_file, draft_id, path), _Failed):
            return False
        self.window.statusBar().showMessage(_("已导出：{path}", path=path), 8000)
        return True

    def do_delete(self) -> bool:
        summary = self._summary(self.screen.selected_id())
        if summary is None:
            return False
        if isinstance(self._call(_("删除失败"), self.store.delete, summary.id), _Failed):
            return False
        self.last_deleted = summary.id
        self.window.reload_drafts()
        self.screen.notice.show_message(_("已将“{agency} {year}”移到回收站。", agency=summary.agency, year=summary.year), True)
        return True

    def do_undo_delete(self) -> bool:
        if not self.last_deleted:
            return False
        if isinstance(self._call(_("恢复失败"), self.store.restore_from_trash, self.last_deleted), _Failed):
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
        if not isinstance(dialog, _Failed):
            dialog.exec()
            self.window.reload_drafts(select=draft_id)

    def do_batch(self) -> None:
        """The collecting office's window; a roll-up becomes a new draft opened in the wizard."""
        from gui.batch.window import BatchWindow

        def create(draft: forms.Draft) -> None:
            draft_id = self._call(_("生成汇总草稿"), self.store.create, draft)
            if isinstance(draft_id, str):
                self.window.reload_drafts(select=draft_id)
                self.window.open_draft(draft_id)

        window = BatchWindow(create, self.window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.show()
        self.batch_window = window

    def do_import_report(self, path: str | None = None) -> str | None:
        import importer
        from importer.source import SUFFIXES

        if path is None:
            path = open_file(self.window, _("导入已发布的年报"),
                             _("年报文件 ({patterns});;所有文件 (*)", patterns=" ".join(f"*{s}" for s in SUFFIXES)))
            if not path:
                return None
        result = self._call(_("导入失败"), importer.import_report, path)
        if isinstance(result, _Failed):
            return None
        if ImportReportDialog(result.report, self.window).exec() != QDialog.DialogCode.Accepted:
            return None
        from storage import ImportConflict

        name = Path(path).name
        try:
            draft_id = self.store.import_draft(result.draft, name, on_conflict="ask")
        except ImportConflict as conflict:
            choice = self._ask_conflict(conflict)
            if choice is None:
                return None
            answer = self._call(_("保存失败"), self.store.import_draft, result.draft, name, on_conflict=choice)
            if isinstance(answer, _Failed):
                return None
            draft_id = answer
        except AppError as exc:
            show_error(self.window, _("保存失败"), exc)
            return None
        self.window.open_draft(draft_id)
        return draft_id
