"""The main window: start screen or wizard, menus, the save indicator in the status bar.

The store is opened after the first paint (``ensure_store``) so the window appears at once; a draft
is loaded only when opened.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from functools import cached_property, partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMenu, QStackedWidget, QToolButton, QWidget

import forms
from common.errors import AppError
from gui.errors import error_text, show_error
from gui.i18n import _, install_qt_translations, language, sentence, set_language
from gui.inputs import clean_text
from gui.plain import ask, inform, plain_label
from gui.screen import fit_to_screen
from gui.session import DraftSession
from gui.settings import app_settings
from gui.wizard import Identity, WizardView

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from gui.start.start_actions import StartActions
    from gui.start.start_screen import StartScreen
    from storage import Store

logger = logging.getLogger(__name__)

__all__ = ["MainWindow"]


class MainWindow(QMainWindow):
    """One window for the whole program. ``open_store`` is called once, after the window is shown."""

    wizardReady = Signal(object)  # the WizardView, once its first page is on screen

    def __init__(self, open_store: Callable[[], Store], preview: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_store = open_store
        self.store: Store | None = None
        self.settings = app_settings()
        self.preview_enabled = preview and self.settings.value("view/preview", "true") in ("true", True)
        self.identity = Identity(str(self.settings.value("user/name", "") or ""),
                                 self.settings.value("user/reviewer", "false") in ("true", True))
        self.wizard: WizardView | None = None
        self.session: DraftSession | None = None
        self._start: StartScreen | None = None
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.save_label = plain_label("", self)
        self.save_label.setAccessibleName(_("保存状态"))
        self.statusBar().addPermanentWidget(self.save_label)
        self.save_details = QToolButton(self)
        self.save_details.setText(_("详情…"))
        self.save_details.setAccessibleName(_("保存失败的详情"))
        self.save_details.clicked.connect(self.show_save_error)
        self.save_details.hide()
        self.statusBar().addPermanentWidget(self.save_details)
        self._build_ui()
        from gui.focus_aids import install_focus_aids

        self.focus_ring = install_focus_aids(self)
        self._shortcut_tips()
        geometry = self.settings.value("window/geometry")
        if not (isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry)):
            fit_to_screen(self, 1280, 760)

    @cached_property
    def actions_(self) -> StartActions:
        """The start screen's commands, with their dialogs loaded when first used, not at start."""
        from gui.start.start_actions import StartActions

        return StartActions(self)

    @property
    def start(self) -> StartScreen:
        """The list of drafts, built when first needed: ``nianbao --demo`` and a double-clicked file
        show the wizard first."""
        if self._start is None:
            from gui.start.start_screen import StartScreen

            self._start = StartScreen(self.stack)
            self._start.action.connect(lambda name: self.actions_.run(name))
            self._start.openRequested.connect(self.open_draft)
            self.stack.insertWidget(0, self._start)
            self._shortcut_tips()
        return self._start

    # ------------------------------------------------------------------ construction
    def _build_ui(self) -> None:
        self.setWindowTitle(_("政府信息公开工作年度报告"))
        self._build_menus()

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                shortcut: QKeySequence | QKeySequence.StandardKey | list[QKeySequence] | None = None) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, list):
            action.setShortcuts(shortcut)
        elif shortcut is not None:
            action.setShortcuts(QKeySequence.keyBindings(shortcut) if isinstance(shortcut, QKeySequence.StandardKey)
                                else [shortcut])
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(_("文件(&F)"))
        self._action(file_menu, _("新建(&N)…"), lambda: self.actions_.do_new(), QKeySequence.StandardKey.New)
        self._action(file_menu, _("草稿列表(&L)"), self.show_start, QKeySequence("Ctrl+L"))
        self.save_action = self._action(file_menu, _("保存(&S)"), self.save_now, QKeySequence.StandardKey.Save)
        file_menu.addSeparator()
        self.export_action = self._action(file_menu, _("导出PDF(&E)…"), self._export_pdf)
        self.export_menu = file_menu.addMenu(_("导出为(&T)"))
        for label, fmt in ((_("PDF…"), "pdf"), (_("Word 文档…"), "docx"), (_("网页…"), "html"), (_("电子表格…"), "xlsx")):
            self._action(self.export_menu, label, partial(self._export_as, fmt))
        self.export_menu.addSeparator()
        self._action(self.export_menu, _("复制为网页内容"), self._copy_as_web)
        self.fill_action = self._action(file_menu, _("从电子表格填入表格(&B)…"), self._fill_tables)
        self.print_action = self._action(file_menu, _("打印(&P)…"), self._print,
                                         QKeySequence.StandardKey.Print)
        file_menu.addSeparator()
        self._action(file_menu, _("退出(&X)"), self.close, QKeySequence("Ctrl+Q"))
        edit_menu = bar.addMenu(_("编辑(&E)"))
        self.undo_action = self._action(edit_menu, _("撤销(&U)"), self._undo,
                                        [QKeySequence("Ctrl+Z")])
        self.redo_action = self._action(edit_menu, _("重做(&R)"), self._redo,
                                        [QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addSeparator()
        self.find_actions = [self._action(edit_menu, text, partial(self._find, how), QKeySequence(keys))
                             for text, how, keys in ((_("查找(&F)…"), "find", "Ctrl+F"), (_("替换(&H)…"), "replace", "Ctrl+H"),
                                                     (_("查找下一个"), "next", "F3"), (_("查找上一个"), "previous", "Shift+F3"))]
        view_menu = bar.addMenu(_("视图(&V)"))
        self.preview_action = self._action(view_menu, _("显示打印预览"), self.toggle_preview, QKeySequence("F9"))
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(self.preview_enabled)
        language_menu = view_menu.addMenu(_("界面语言"))
        group = QActionGroup(self)
        for code, label in (("zh", "中文"), ("en", "English")):
            action = self._action(language_menu, label, partial(self.switch_language, code))
            action.setCheckable(True)
            action.setChecked(language() == code)
            group.addAction(action)
        role_menu = bar.addMenu(_("身份(&R)"))
        roles = QActionGroup(self)
        for reviewer, label in ((False, _("填报人")), (True, _("审核人"))):
            action = self._action(role_menu, label, partial(self.set_identity, None, reviewer))
            action.setCheckable(True)
            action.setChecked(self.identity.reviewer == reviewer)
            roles.addAction(action)
        role_menu.addSeparator()
        self._action(role_menu, _("设置我的姓名…"), self._ask_name)
        help_menu = bar.addMenu(_("帮助(&H)"))
        self._action(help_menu, _("本页帮助(&H)"), self._help, QKeySequence("F1"))
        self._update_actions()

    def _export_pdf(self) -> None:
        if self.wizard is not None:
            self.wizard.steps.export_pdf()

    def _print(self) -> None:
        if self.wizard is not None:
            self.wizard.steps.print_report()

    def _export_as(self, fmt: str) -> None:
        if self.wizard is not None:
            if fmt == "pdf":
                self.wizard.steps.export_pdf()
            else:
                self.wizard.steps.export_as(fmt)

    def _copy_as_web(self) -> None:
        if self.wizard is not None:
            self.wizard.steps.copy_as_web()

    def _fill_tables(self) -> None:
        if self.wizard is not None:
            self.wizard.steps.fill_tables_from_sheet()

    def _shortcut_tips(self) -> None:
        from gui.focus_aids import shortcut_tips

        shortcut_tips(self.stack, self.findChildren(QAction))

    def _find(self, how: str) -> None:
        if self.wizard is not None:
            self.wizard.find_bar.run(how)

    def _help(self) -> None:
        from gui.help import show_help

        show_help(self, self.wizard)

    def _undo(self) -> None:
        if self.session is not None:
            self.session.stack.undo()

    def _redo(self) -> None:
        if self.session is not None:
            self.session.stack.redo()

    def _update_actions(self) -> None:
        in_wizard = self.wizard is not None
        for action in (self.save_action, self.export_action, self.export_menu.menuAction(), self.fill_action, self.print_action,
                       self.undo_action, self.redo_action, *self.find_actions):
            action.setEnabled(in_wizard)

    # ------------------------------------------------------------------ store and drafts
    def ensure_store(self) -> bool:
        """Open the store (once). A failure is shown as a dialog; the window stays usable for reading nothing."""
        if self.store is not None:
            return True
        try:
            self.store = self._open_store()
        except AppError as exc:
            show_error(self, _("无法打开草稿库"), exc)
            return False
        report = [sentence(m.en) if language() == "en" else m.zh for m in self.store.open_report]
        if report:  # repairs, recoveries, lost drafts and read-only states must not pass unnoticed
            self.statusBar().showMessage(report[-1], 15000)
            inform(self, _("草稿库"), _("打开草稿库时发现并处理了以下情况：") + "\n\n" + "\n\n".join(f"• {t}" for t in report))
        self.start.set_read_only(self.store.read_only_reason)
        self.reload_drafts()
        return True

    def reload_drafts(self, select: str | None = None) -> None:
        if self.store is None:
            return
        try:
            drafts = self.store.list_drafts()
        except AppError as exc:
            show_error(self, _("读取草稿列表失败"), exc)
            return
        self.start.set_drafts(drafts)
        if select:
            self.start.select_id(select)

    def open_draft(self, draft_id: str, page: str | None = None) -> WizardView | None:
        if not self.ensure_store() or self.store is None:
            return None
        self.close_wizard()
        try:
            draft = self.store.load(draft_id)
        except AppError as exc:
            show_error(self, _("打开草稿失败"), exc)
            return None
        return self._show_wizard(DraftSession(self.store, draft_id, draft, self), page)

    def open_demo(self, path: str, at_start: bool = False) -> WizardView | None:
        """--demo: the seed example, shown at once and stored as a new draft right after the first paint.
        ``at_start``: the program is starting; checking the draft and the preview wait for that paint too."""
        try:
            draft = forms.load_draft_file(path)
        except AppError as exc:
            show_error(self, _("无法载入示例报告"), exc)
            return None
        self.close_wizard()
        wizard = self._show_wizard(DraftSession(None, None, draft, self), None, at_start=at_start)
        if not at_start:
            QTimer.singleShot(0, self._store_demo)
        return wizard

    def _store_demo(self) -> None:
        session = self.session
        if session is None or session.store is not None or not self.ensure_store() or self.store is None:
            return
        try:
            draft_id = self.store.create(session.draft.copy())
        except AppError as exc:
            show_error(self, _("无法载入示例报告"), exc)
            return
        session.attach(self.store, draft_id)
        self.reload_drafts(select=draft_id)
        if self.wizard is not None:
            self.wizard.apply_review_state()

    def _show_wizard(self, session: DraftSession, page: str | None, at_start: bool = False) -> WizardView:
        self.session = session
        session.saved.connect(self._saved)
        session.saveFailed.connect(self._save_failed)
        self.wizard = WizardView(session, self.identity, self.stack, validate=not at_start)
        self.wizard.closeRequested.connect(self.show_start)
        self.stack.addWidget(self.wizard)
        self.stack.setCurrentWidget(self.wizard)
        self._restore_splitters()
        if page:
            self.wizard.show_page(page)
        self.wizard.current_page().focus_first()
        self.save_label.setText(_("已打开：{agency} {year}", agency=_shortened(session.draft.agency), year=session.draft.year))
        self.setWindowTitle(_("{agency} {year} 年度报告 — 政府信息公开工作年度报告", agency=session.draft.agency,
                              year=session.draft.year))
        self._update_actions()
        if at_start:  # the page first; then its findings, the store (a demo draft is stored) and the preview
            from gui.first_paint import when_painted

            when_painted(self.wizard.current_page(), session.validate_now, self._store_demo, self._attach_preview)
        elif self.preview_enabled:
            QTimer.singleShot(0, self._attach_preview)
        self.wizardReady.emit(self.wizard)
        return self.wizard

    def _attach_preview(self) -> None:
        if self.wizard is None or self.wizard.preview is not None or not self.preview_enabled:
            return
        from gui.preview.pane import PreviewPane

        wizard = self.wizard
        pane = PreviewPane(wizard.snapshot, wizard)
        wizard.attach_preview(pane)
        self._restore_splitters()
        pane.warm_up()
        pane.refresh_now()
        self._shortcut_tips()

    def close_wizard(self) -> None:
        if self.wizard is None:
            return
        self._remember_splitters()
        self.wizard.shutdown()
        self.stack.removeWidget(self.wizard)
        self.wizard.deleteLater()
        self.session.deleteLater() if self.session is not None else None
        self.wizard = None
        self.session = None
        self._update_actions()

    def show_start(self) -> None:
        self.close_wizard()
        self.stack.setCurrentWidget(self.start)
        self.setWindowTitle(_("政府信息公开工作年度报告"))
        self.save_label.setText("")
        self.save_details.hide()
        if self.ensure_store() and self.store is not None:
            self.start.set_read_only(self.store.read_only_reason)  # the store may have become read-only meanwhile
            self.reload_drafts()

    # ------------------------------------------------------------------ saving
    def save_now(self) -> None:
        if self.session is not None:
            self.session.save(explicit=True)

    def flush(self) -> bool | None:
        """Logging off, quitting, an internal error: write whatever is unsaved.
        True when all is saved, None when no draft is open."""
        return self.session.flush() if self.session is not None else None

    def _saved(self, when: dt.datetime) -> None:
        self.save_label.setStyleSheet("")
        self.save_label.setText(_("已保存 {time}", time=when.strftime("%H:%M:%S")))
        self.save_details.hide()

    def _save_failed(self, exc: AppError, explicit: bool) -> None:
        """Autosave failures are told once in the status bar (with 详情…), never as a dialog per attempt;
        a click on 保存 that fails answers with the dialog."""
        first = not self.save_details.isVisible()
        self.save_label.setStyleSheet("color:#c62828")
        self.save_label.setText(_("未保存！"))
        self.save_details.show()
        if first:
            self.statusBar().showMessage(_("保存失败：{msg}", msg=error_text(exc)), 15000)
        if explicit:
            self.show_save_error()

    def show_save_error(self) -> None:
        """The details of the last failed save (the status bar's 详情… button)."""
        if self.session is not None and self.session.last_error is not None:
            show_error(self, _("保存失败"), self.session.last_error)

    # ------------------------------------------------------------------ settings
    def _restore_splitters(self) -> None:
        if self.wizard is None:
            return
        for split in (self.wizard.main_split, self.wizard.centre_split):
            key = f"splitters/{split.objectName()}{'-preview' if split.count() > 2 else ''}"
            state = self.settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                split.restoreState(state)
            elif split is self.wizard.main_split:
                split.setSizes(_default_sizes(max(split.width(), self.width() - 8), split.count() > 2))

    def _remember_splitters(self) -> None:
        if self.wizard is None:
            return
        for split in (self.wizard.main_split, self.wizard.centre_split):
            key = f"splitters/{split.objectName()}{'-preview' if split.count() > 2 else ''}"
            self.settings.setValue(key, split.saveState())

    def toggle_preview(self) -> None:
        self.preview_enabled = self.preview_action.isChecked()
        self.settings.setValue("view/preview", "true" if self.preview_enabled else "false")
        if self.wizard is None:
            return
        if self.wizard.preview is None and self.preview_enabled:
            self._attach_preview()
        elif self.wizard.preview is not None:
            self.wizard.preview.setVisible(self.preview_enabled)
            if self.preview_enabled:  # edits made while hidden were not rendered
                self.wizard.preview.schedule()

    def set_identity(self, name: str | None, reviewer: bool) -> None:
        if name is not None:
            self.identity.name = name
            self.settings.setValue("user/name", name)
        self.identity.reviewer = reviewer
        self.settings.setValue("user/reviewer", "true" if reviewer else "false")
        if self.wizard is not None:
            self.wizard.apply_review_state()

    def _ask_name(self) -> None:
        from PySide6.QtWidgets import QInputDialog  # loaded when first asked, not at start-up

        name, ok = QInputDialog.getText(self, _("我的姓名"), _("审核记录中显示的姓名："), text=self.identity.name)
        name = clean_text(name).strip()
        if ok and name:
            self.set_identity(name, self.identity.reviewer)

    def switch_language(self, code: str) -> None:
        """Rebuild the UI in the other language, keeping the open draft and page."""
        if code == language():
            return
        reopen = None
        if self.wizard is not None and self.session is not None and self.session.draft_id is not None:
            reopen = (self.session.draft_id, self.wizard.current_key)
        self.close_wizard()
        set_language(code)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, code)
        self.settings.setValue("ui/language", code)
        if self._start is not None:
            self.stack.removeWidget(self._start)
            self._start.deleteLater()
            self._start = None
        self.save_label.setAccessibleName(_("保存状态"))
        self._build_ui()
        self.stack.setCurrentWidget(self.start)
        if self.store is not None:
            self.start.set_read_only(self.store.read_only_reason)
            self.reload_drafts()
        if reopen:
            self.open_draft(*reopen)

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.session is not None and not self.session.flush() and self.session.store is not None
        if unsaved and not ask(self, _("保存失败"), _("最近的修改没能保存。仍要关闭吗？\n选“否”回到程序，处理好问题后再点“保存”。")):
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.close_wizard()
        self.settings.sync()
        if self.store is not None:
            try:
                self.store.close()
            except (AppError, OSError) as exc:  # closing must not block quitting
                logger.warning("store close failed: %r", exc)
            self.store = None
        event.accept()


def _default_sizes(width: int, preview: bool) -> list[int]:
    """Navigator, page and preview widths for a first start: the page keeps most of a small screen
    (1280×720 is 1920×1080 at 150 %), the preview grows with a wide one."""
    navigator = max(170, min(260, width * 17 // 100))
    if not preview:
        return [navigator, width - navigator]
    shown = max(300, min(560, width * 28 // 100))
    return [navigator, width - navigator - shown, shown]


def _shortened(text: str, limit: int = 30) -> str:
    """A long agency name cut for the status bar, which must not grow the window."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
