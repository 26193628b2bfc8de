"""The PDF preview pane: shows the page of the current section, re-rendered in the background after edits.

Edits restart a short debounce timer; at most one render runs at a time. An edit that arrives while
one runs cancels it (its page would be stale) and renders once more, so the page on screen follows
the last keystroke after one render, never two.

The render thread hands over an opened document with its page sizes; the page view shows it once its
renderer is free and closes the previous one, so only one document and the images of the pages
shown are held.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTemporaryDir, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QHBoxLayout, QSpinBox, QToolButton, QVBoxLayout, QWidget

from common.errors import AppError
from forms import Draft
from gui.errors import advice_text, error_text
from gui.i18n import _
from gui.plain import plain_label
from gui.preview.pages_view import PagesView, close_document
from gui.preview.worker import PreviewDocument, RenderJob, RenderWorker

logger = logging.getLogger(__name__)

__all__ = ["DEBOUNCE_MS", "PreviewPane"]

#: The render thread starts once the window has been painted (importing ReportLab and reading fonts
#: would otherwise compete with the first paint of the wizard), or after this long when never shown.
FIRST_PAINT_WAIT_MS = 500
#: 0: render in the event loop's next pass, which takes in every change already queued (a replace-all, an IME
#: commit, a paste). Keystrokes come 30 ms or more apart even on auto-repeat, so any longer wait only added
#: itself to each edit's latency (20 ms of the 150 ms budget).
DEBOUNCE_MS = 0


class PreviewPane(QWidget):
    """The pages + page navigation, zoom, 打印 and 导出PDF. ``snapshot`` supplies (draft copy, watermark)."""

    rendered = Signal(float)  # seconds from the edit that triggered it to the page on screen
    printRequested = Signal()
    exportRequested = Signal()

    def __init__(self, snapshot: Callable[[], tuple[Draft, str | None]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshot = snapshot
        self.setAccessibleName(_("打印预览"))
        self.view = PagesView(self)
        self.view.setAccessibleName(_("预览页面"))
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._build_toolbar()
        self.status = plain_label(_("预览尚未生成"), self)
        self.status.setAccessibleName(_("预览状态"))
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        self.section_pages: dict[str, int] = {}
        self.section: str | None = None
        self.page_count = 0
        self.render_seconds = 0.0
        self._job = 0
        self._running = False
        self._pending = False
        self._edit_time: float | None = None
        self._tmp = QTemporaryDir()
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_render)
        self.worker = RenderWorker()
        # Emitted on the render thread, delivered on this (the UI) thread.
        self.worker.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        self.worker.failed.connect(self._failed, Qt.ConnectionType.QueuedConnection)
        self.worker.dropped.connect(self._dropped, Qt.ConnectionType.QueuedConnection)
        self._inflight: RenderJob | None = None
        self.last_error: AppError | None = None
        self.last_pdf: Path | None = None
        self._requested_at: float | None = None
        self._started = False
        self._painted = False
        self._wanted: set[str] = set()  # "warm_up" / "render" asked for before the first paint
        self.view.viewport().installEventFilter(self)
        QTimer.singleShot(FIRST_PAINT_WAIT_MS, self._first_paint_done)
        self.view.currentPageChanged.connect(self._page_changed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._first_paint_done)
        return False

    def _first_paint_done(self) -> None:
        if self._painted:
            return
        self._painted = True
        self.view.viewport().removeEventFilter(self)
        if "warm_up" in self._wanted:
            self.warm_up()
        if "render" in self._wanted:
            self._start_render()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        self.toolbar.addWidget(button)
        return button

    def _build_toolbar(self) -> None:
        self.toolbar = QHBoxLayout()
        self.prev_button = self._button("◀", _("上一页"), lambda: self.go_to(self.current_page() - 1))
        self.page_spin = QSpinBox(self)
        self.page_spin.setAccessibleName(_("页码"))
        self.page_spin.setMinimum(1)
        self.page_spin.setMaximum(1)
        self.page_spin.valueChanged.connect(lambda v: self.go_to(v - 1))
        self.toolbar.addWidget(self.page_spin)
        self.page_total = plain_label("/ 0", self)
        self.toolbar.addWidget(self.page_total)
        self.next_button = self._button("▶", _("下一页"), lambda: self.go_to(self.current_page() + 1))
        self._button("－", _("缩小"), lambda: self.zoom_by(1 / 1.25))
        self._button("＋", _("放大"), lambda: self.zoom_by(1.25))
        self._button(_("适合宽度"), _("适合宽度"), self.fit_width)
        self.toolbar.addStretch(1)
        self._button(_("打印"), _("打印"), self.printRequested.emit)
        self._button(_("导出PDF"), _("导出PDF"), self.exportRequested.emit)

    # ------------------------------------------------------------------ zoom and pages
    @property
    def document(self) -> QPdfDocument | None:
        """The PDF on screen (None before the first render)."""
        return self.view.document()

    def zoom_by(self, factor: float) -> None:
        self.view.set_zoom(self.view.zoom_factor() * factor)

    def fit_width(self) -> None:
        self.view.set_zoom(None)

    def current_page(self) -> int:
        return self.view.current_page()

    def go_to(self, page: int) -> None:
        if self.page_count == 0:
            return
        page = max(0, min(self.page_count - 1, page))
        if page != self.current_page():
            self.view.jump(page)

    def _page_changed(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def show_section(self, section: str | None) -> None:
        """Show the first page of ``section`` (None: the first page)."""
        self.section = section
        self.go_to(self.section_first_page(section))

    def section_first_page(self, section: str | None) -> int:
        if section is None:
            return 0
        if section in self.section_pages:
            return _to_index(self.section_pages[section], self.section_pages)
        return self.current_page()

    # ------------------------------------------------------------------ rendering
    def schedule(self) -> None:
        """Something changed: render again once the clerk pauses; the render under way is stale."""
        if self._edit_time is None:
            self._edit_time = time.perf_counter()
        if self._inflight is not None:
            self._inflight.cancelled.set()
        self._timer.start()

    def refresh_now(self) -> None:
        if self._edit_time is None:
            self._edit_time = time.perf_counter()
        self._timer.stop()
        if not self._painted:
            self._wanted.add("render")
            return
        self._start_render()

    def warm_up(self) -> None:
        """Start the render thread: it loads the renderer and fonts before the first preview is needed."""
        if not self._painted:
            self._wanted.add("warm_up")
            return
        if not self._started:
            self._started = True
            self.worker.start()

    def _start_render(self) -> None:
        if self._running:
            self._pending = True
            return
        self._running = True
        self._pending = False
        self._job += 1
        draft, watermark = self.snapshot()
        self.status.setText(_("正在更新预览……"))
        self._requested_at = self._edit_time
        self._edit_time = None
        self.warm_up()
        target = [Path(self._tmp.path()) / f"preview{n}.pdf" for n in (0, 1)]
        path = target[1] if self.last_pdf == target[0] else target[0]  # the last preview's file stays whole
        self._inflight = RenderJob(self._job, draft, watermark, path)
        self.worker.submit(self._inflight)

    def _finished(self, job: int, pdf: PreviewDocument, pages: dict[str, int], seconds: float) -> None:
        self._running = False
        path = self._inflight.path if self._inflight is not None else None
        self._inflight = None
        self.render_seconds = seconds
        if job == self._job:
            self._show(pdf, pages, path)
            started = self._requested_at
            if started is not None:
                self.rendered.emit(time.perf_counter() - started)
        else:
            close_document(pdf.document)
        if self._pending:
            self._start_render()

    def _dropped(self, job: int) -> None:
        """A stale render stopped early: render the latest state (the edit time stays the earliest)."""
        self._running = False
        self._inflight = None
        if self._requested_at is not None and (self._edit_time is None or self._requested_at < self._edit_time):
            self._edit_time = self._requested_at
        if self._pending or not self._timer.isActive():
            self._start_render()

    def _failed(self, job: int, exc: AppError) -> None:
        self._running = False
        self._inflight = None
        self.status.setText(_("预览生成失败：{msg}。{advice}", msg=error_text(exc).rstrip("。."), advice=advice_text(exc)))
        self.last_error = exc
        if self._pending:
            self._start_render()

    def _show(self, pdf: PreviewDocument, pages: dict[str, int], path: Path | None) -> None:
        keep = self.current_page()
        section = self.section or ""
        same_section = pages.get(section) == self.section_pages.get(section)
        self.section_pages = {str(k): int(v) for k, v in pages.items()}
        self.page_count = len(pdf.page_sizes)
        self.page_spin.setMaximum(max(1, self.page_count))
        self.page_total.setText(f"/ {self.page_count}")
        target = keep if same_section and keep < self.page_count else self.section_first_page(self.section)
        self.view.set_document(pdf.document, pdf.page_sizes, max(0, min(target, self.page_count - 1)), pdf.page_digests)
        self.status.setText(_("预览已更新（{time}，共 {n} 页）", time=time.strftime("%H:%M:%S"), n=self.page_count))
        self.last_pdf = path

    def shutdown(self) -> None:
        """Closing, back to the list, another draft: cancel the render and wait a moment, never longer."""
        self._timer.stop()
        self._pending = False
        if not self.worker.stop():
            logger.info("preview render still running at shutdown; its result will be dropped")


def _to_index(page: int, pages: dict[str, int]) -> int:
    """section_pages holds 1-based page numbers (the cover is page 1); QtPdf counts from 0."""
    return max(0, int(page) - 1) if min(pages.values(), default=1) >= 1 else int(page)
