"""One unit of a batch, read-only: its findings beside its report (or its comparison with last year)
as PDF pages. Nothing can be edited here; the unit's file is never written."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTemporaryDir
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from batch.run import UnitResult
from common.errors import AppError
from gui.i18n import _, language


class UnitDialog(QDialog):
    def __init__(self, unit: UnitResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.setWindowTitle(_("{unit}（只读）", unit=unit.unit))
        self.folder = QTemporaryDir()
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)
        path = str(unit.path) if unit.path else _("（没有文件）")
        reason = f"\n{unit.reason_zh if language() == 'zh' else unit.reason_en}" if unit.reason_zh else ""
        self.heading.setText(f"{unit.unit}\n{path}{reason}")
        self.findings = QListWidget(self)
        self.findings.setAccessibleName(_("检查结果"))
        for finding in unit.findings:
            label = _("错误") if finding.is_error else _("警告")
            self.findings.addItem(f"[{label}] {finding.message(language())}")  # list items never render markup
        if not unit.findings:
            self.findings.addItem(_("没有发现问题。") if unit.draft is not None else _("报告无法读取。"))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("报告页面"))
        splitter = QSplitter(self)
        splitter.addWidget(self.findings)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.report_button = QPushButton(_("报告"), self)
        self.report_button.clicked.connect(self.show_report)
        self.compare_button = QPushButton(_("与上年对比"), self)
        self.compare_button.clicked.connect(self.show_comparison)
        self.compare_button.setEnabled(unit.previous is not None and unit.draft is not None)
        buttons.addButton(self.report_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry() if self.screen() else None
        if screen is not None:
            self.resize(min(1100, int(screen.width() * 0.85)), min(760, int(screen.height() * 0.85)))
        self.show_report()

    def _show_pdf(self, name: str, write: object) -> None:
        path = self.folder.filePath(name)
        try:
            write(path)  # type: ignore[operator]
        except AppError as exc:
            self.findings.addItem(exc.message(language()))
            return
        self.document.close()
        self.document.load(path)

    def show_report(self) -> None:
        draft = self.unit.draft
        if draft is None:
            return
        from render import render_report

        self._show_pdf("report.pdf", lambda path: render_report(draft, path, watermark=_("只读")))

    def show_comparison(self) -> None:
        if self.unit.previous is None or self.unit.draft is None:
            return
        from batch.compare import compare_drafts, comparison_sheet
        from render.comparison import render_comparison

        sheet = comparison_sheet(compare_drafts(self.unit.previous, self.unit.draft))
        self._show_pdf("compare.pdf", lambda path: render_comparison(sheet, path))
