"""What the wizard's buttons do: review steps, 导出PDF / 导出定稿 and 打印.

Each step saves first, calls storage or render, and turns failures into a plain dialog; business
rules (who may do what) stay in storage, the gates on errors in forms.validate(stage="submit").
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtWidgets import QInputDialog, QMainWindow

from common.errors import AppError
from gui import plain
from gui.errors import show_error
from gui.file_dialogs import open_file, save_file
from gui.i18n import _, language
from gui.inputs import clean_text
from gui.plain import inform, warn

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from gui.session import DraftSession
    from gui.wizard import WizardView
    from storage import Store

#: The watermark is part of the document, which is Chinese whatever the UI language.
WATERMARKS = {"draft": "草稿", "returned": "草稿", "submitted": "待审核"}

logger = logging.getLogger(__name__)

__all__ = ["WizardActions"]


class WizardActions:
    def __init__(self, wizard: WizardView) -> None:
        self.wizard = wizard

    @property
    def session(self) -> DraftSession:
        return self.wizard.session

    def watermark(self) -> str | None:
        """The watermark the status calls for (none once approved), in the report's language."""
        return WATERMARKS.get(self.session.status)

    # ------------------------------------------------------------------ gates
    def _blocking_errors(self, action: str) -> bool:
        """True (and a dialog + a jump to the first error) when submit-stage errors block ``action``."""
        errors = [f for f in self.session.submit_findings() if f.is_error]
        if not errors:
            return False
        first = errors[0].message(language())
        warn(self.wizard, action, _("还有 {n} 个错误，改正后才能{action}。\n\n第一个错误：{first}",
                                                    n=len(errors), action=action, first=first))
        self.wizard.jump_to_finding(errors[0])
        return True

    def _step(self, title: str, call: Callable[[Store, str], object]) -> bool:
        """Save, then ``call(store, draft_id)``; an AppError from either is shown as a dialog."""
        if not self.session.flush():
            if self.session.last_error is not None:
                show_error(self.wizard, title, self.session.last_error)
            return False
        store, draft_id = self.session.store, self.session.draft_id
        if store is None or draft_id is None:  # --demo before its draft reached the store
            return False
        try:
            call(store, draft_id)
        except AppError as exc:
            show_error(self.wizard, title, exc)
            return False
        self.session.reload_review()
        return True

    # ------------------------------------------------------------------ review
    def _name(self) -> str | None:
        """The user's name for the review record; asked for (and remembered) when not yet set."""
        identity = self.wizard.identity
        if identity.name.strip():
            return identity.name
        from gui.pages.review_dialogs import ask_name
        from gui.settings import app_settings

        name = ask_name(self.wizard)
        if name is None:
            inform(self.wizard, _("需要姓名"), _("提交、退回和审核通过都要记下操作人的姓名。请在“身份”菜单中设置姓名后再试。"))
            return None
        identity.name = name
        app_settings().setValue("user/name", name)
        return name

    def submit(self, note: str | None = None) -> bool:
        """提交审核: the dialog confirms it and takes a note for the reviewer (``note`` given: no dialog)."""
        if self._blocking_errors(_("提交审核")):
            return False
        name = self._name()
        if name is None:
            return False
        if note is None:
            from gui.pages.review_dialogs import SubmitDialog

            dialog = SubmitDialog(name, self.wizard)
            if dialog.exec() != SubmitDialog.DialogCode.Accepted:
                return False
            note = dialog.note_text()
        text = clean_text(note).strip()
        return self._step(_("提交审核失败"), lambda store, draft_id: store.submit(draft_id, name, note=text))

    def return_draft(self, comment: str | None = None) -> bool:
        name = self._name()
        if name is None:
            return False
        if comment is None:
            comment, ok = QInputDialog.getMultiLineText(self.wizard, _("退回修改"), _("请写明退回的原因和需要修改的地方（必填）："))
            if not ok:
                return False
        comment = clean_text(comment)
        if not comment.strip():
            inform(self.wizard, _("退回修改"), _("退回时必须写明意见，填报人才知道要改什么。"))
            return False
        if not plain.ask(self.wizard, _("退回修改"), _("以“{name}”的名义把报告退回给填报人修改？", name=name)):
            return False
        return self._step(_("退回失败"), lambda store, draft_id: store.return_draft(draft_id, name, comment.strip()))

    def approve(self) -> bool:
        name = self._name()
        if name is None:
            return False
        if not plain.ask(self.wizard, _("审核通过"),
                         _("以“{name}”的名义审核通过？通过后报告不能再修改，打印和导出不再带“草稿”水印。", name=name)):
            return False
        from storage.review import same_person

        confirmed = False
        review = self.session.review
        submitted = review.last_submission if review is not None else None
        if submitted is not None and same_person(submitted.by, name):
            confirmed = plain.ask(self.wizard, _("本人审核"),
                                  _("这份报告是“{name}”本人提交的。通常应由另一个人审核。确定由本人审核通过吗？"
                                    "历史记录中会注明“本人提交、本人审核”。", name=name))
            if not confirmed:
                return False
        return self._step(_("审核通过失败"), lambda store, draft_id: store.approve(
            draft_id, name, self_approval_confirmed=confirmed))

    def reopen(self) -> bool:
        name = self._name()
        if name is None:
            return False
        if not plain.ask(self.wizard, _("重新打开修改"), _("重新打开后报告回到“草稿”状态，需要再次提交审核。继续吗？")):
            return False
        return self._step(_("重新打开失败"), lambda store, draft_id: store.reopen(draft_id, name))

    def add_comment(self, section: str, text: str) -> None:
        name = self._name()
        if name is not None:
            self._step(_("添加审核意见失败"), lambda store, draft_id: store.add_comment(draft_id, section, name, text))

    # ------------------------------------------------------------------ output
    def export_final(self, path: str | None = None) -> bool:
        if self._blocking_errors(_("导出定稿")):
            return False
        return self.export_pdf(path)

    def export_pdf(self, path: str | None = None) -> bool:
        if path is None:
            draft = self.session.draft
            suggested = f"{draft.agency}{draft.year}年政府信息公开工作年度报告.pdf"
            path = save_file(self.wizard, _("导出PDF"), suggested, _("PDF 文件 (*.pdf)"))
            if not path:
                return False
        return self._render_to(path)

    def _render_to(self, path: str) -> bool:
        import render
        from storage.errors import from_oserror

        try:
            render.render_report(self.session.draft.copy(), path, watermark=self.watermark())
        except AppError as exc:
            show_error(self.wizard, _("生成PDF失败"), exc)
            return False
        except OSError as exc:  # the chosen file cannot be written
            show_error(self.wizard, _("生成PDF失败"), from_oserror(exc, path))
            return False
        self._status(_("已导出：{path}", path=path))
        return True

    def _status(self, message: str) -> None:
        """A passing note in the main window's status bar."""
        window = self.wizard.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, 8000)

    #: other outputs: format -> (menu and dialog title, file filter, extension)
    OUTPUTS: ClassVar[dict[str, tuple[str, str, str]]] = {
        "docx": ("导出Word文档", "Word 文档 (*.docx)", ".docx"),
        "html": ("导出网页", "网页 (*.html)", ".html"),
        "xlsx": ("导出电子表格", "电子表格 (*.xlsx)", ".xlsx"),
    }

    def export_as(self, fmt: str, path: str | None = None) -> bool:
        """Word, web page or spreadsheet of the current draft, written atomically."""
        title, filters, extension = self.OUTPUTS[fmt]
        if not self.session.flush():
            return False
        draft = self.session.draft.copy()
        if path is None:
            suggested = f"{draft.agency}{draft.year}年政府信息公开工作年度报告{extension}"
            path = save_file(self.wizard, _(title), suggested, _(filters))
            if not path:
                return False
        try:
            from render.exports import write_report

            write_report(draft, fmt, path)
        except AppError as exc:  # OutputWriteError names the file and why
            show_error(self.wizard, _("导出失败"), exc)
            return False
        self._status(_("已导出：{path}", path=path))
        return True

    def copy_as_web(self) -> bool:
        """The report on the clipboard as HTML (for a CMS editor) with a plain-text alternative."""
        from PySide6.QtCore import QMimeData
        from PySide6.QtGui import QGuiApplication

        from render.web import plain_text, render_html

        draft = self.session.draft.copy()
        mime = QMimeData()
        mime.setHtml(render_html(draft))
        mime.setText(plain_text(draft))
        QGuiApplication.clipboard().setMimeData(mime)
        self._status(_("已复制为网页内容，可粘贴到网站编辑器中"))
        return True

    def fill_tables_from_sheet(self, path: str | None = None) -> bool:
        """Take the tables' values from an .xlsx laid out like ours: one undo step, then a summary
        of every cell taken and refused."""
        if self.wizard.read_only:
            inform(self.wizard, _("从电子表格填入表格"), _("现在只能查看，不能修改表格。"))
            return False
        if path is None:
            path = open_file(self.wizard, _("从电子表格填入表格"), _("电子表格 (*.xlsx)"))
            if not path:
                return False
        from gui.grid.grid_commands import CellChange, CellsCommand, read_state
        from importer.spreadsheet import fill_tables

        draft = self.session.draft
        try:
            result = fill_tables(draft, path)
        except AppError as exc:  # SpreadsheetError: the file cannot be read as our spreadsheet
            show_error(self.wizard, _("无法读取电子表格"), exc)
            return False
        stack = self.session.stack
        stack.beginMacro(_("从电子表格填入表格"))
        for table in draft.definition.tables:
            changes = []
            for row, column in table.input_cells():
                before = read_state(draft, table.id, row.id, column.id)
                after = read_state(result.draft, table.id, row.id, column.id)
                if after != before:
                    changes.append(CellChange(row.id, column.id, before, after))
            if changes:
                stack.push(CellsCommand(_("从电子表格填入表格"), draft, table.id, changes, _refresh_tables(self.wizard)))
        stack.endMacro()
        lang = language()
        lines = [_("采用 {n} 个单元格（其中 {filled} 个有数字），未采用 {refused} 个。",
                   n=len(result.taken), filled=result.filled, refused=len(result.refused))]
        lines += [note.message(lang) for note in result.refused[:15]]
        if len(result.refused) > 15:
            lines.append(_("……另有 {n} 个未采用", n=len(result.refused) - 15))
        lines += [en if lang == "en" else zh for zh, en in result.notes]
        inform(self.wizard, _("从电子表格填入表格"), "\n".join(lines))
        return True

    def print_report(self) -> bool:
        """Render a fresh PDF and send its pages to a printer chosen in the system dialog."""
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.wizard)
        dialog.setAccessibleName(_("打印"))
        if dialog.exec() != QPrintDialog.DialogCode.Accepted:
            return False
        with tempfile.TemporaryDirectory() as tmp:
            pdf = str(Path(tmp) / "print.pdf")
            if not self._render_to(pdf):
                return False
            document = QPdfDocument()
            document.load(pdf)
            return print_document(document, printer)


def _refresh_tables(wizard: WizardView) -> Callable[[object, str, object], None]:
    """An undo listener that re-reads the built table pages (held weakly: the stack outlives pages)."""
    import weakref

    from gui.pages.page_tables import TablesPage

    ref = weakref.ref(wizard)

    def refresh(_draft: object, table_id: str, _cells: object) -> None:
        target = ref()
        if target is None:
            return
        for page in target.built.values():
            if isinstance(page, TablesPage) and table_id in page.grids:
                page.refresh()

    return refresh


def print_document(document: QPdfDocument, printer: QPrinter) -> bool:
    """Paint each PDF page onto the printer, scaled to the printable area, on white."""
    from PySide6.QtCore import QRect, QSize, Qt
    from PySide6.QtGui import QImage, QPainter

    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        rect = printer.pageRect(printer.Unit.DevicePixel).toRect()
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            size = document.pagePointSize(page).toSize().scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            image = document.render(page, QSize(size.width(), size.height()))
            white = QImage(image.size(), QImage.Format.Format_RGB32)
            white.fill(Qt.GlobalColor.white)
            p = QPainter(white)
            p.drawImage(0, 0, image)
            p.end()
            painter.drawImage(QRect(0, 0, size.width(), size.height()), white)
    finally:
        painter.end()
    return True
