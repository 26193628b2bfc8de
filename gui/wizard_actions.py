"""What the wizard's buttons do: review steps, 导出PDF / 导出定稿 and 打印.

Each step saves first, calls storage or render, and turns failures into a plain dialog; business
rules (who may do what) stay in storage, the gates on errors in forms.validate(stage="submit").
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow

from common.errors import AppError
from gui.errors import show_error
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
    def submit(self) -> bool:
        if self._blocking_errors(_("提交审核")):
            return False
        return self._step(_("提交审核失败"), lambda store, draft_id: store.submit(draft_id, self.wizard.identity.name))

    def return_draft(self, comment: str | None = None) -> bool:
        if comment is None:
            comment, ok = QInputDialog.getMultiLineText(self.wizard, _("退回修改"), _("请写明退回的原因和需要修改的地方（必填）："))
            if not ok:
                return False
        comment = clean_text(comment)
        if not comment.strip():
            inform(self.wizard, _("退回修改"), _("退回时必须写明意见，填报人才知道要改什么。"))
            return False
        return self._step(_("退回失败"), lambda store, draft_id: store.return_draft(draft_id, self.wizard.identity.name,
                                                                                      comment.strip()))

    def approve(self) -> bool:
        return self._step(_("审核通过失败"), lambda store, draft_id: store.approve(draft_id, self.wizard.identity.name))

    def reopen(self) -> bool:
        return self._step(_("重新打开失败"), lambda store, draft_id: store.reopen(draft_id, self.wizard.identity.name))

    def add_comment(self, section: str, text: str) -> None:
        self._step(_("添加审核意见失败"),
                   lambda store, draft_id: store.add_comment(draft_id, section, self.wizard.identity.name, text))

    # ------------------------------------------------------------------ output
    def export_final(self, path: str | None = None) -> bool:
        if self._blocking_errors(_("导出定稿")):
            return False
        return self.export_pdf(path)

    def export_pdf(self, path: str | None = None) -> bool:
        if path is None:
            draft = self.session.draft
            suggested = f"{draft.agency}{draft.year}年政府信息公开工作年度报告.pdf"
            path, _filter = QFileDialog.getSaveFileName(self.wizard, _("导出PDF"), suggested, _("PDF 文件 (*.pdf)"))
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
        window = self.wizard.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(_("已导出：{path}", path=path), 8000)
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
