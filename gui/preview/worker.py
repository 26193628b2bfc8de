"""Renders the report PDF on a background thread so typing never waits for ReportLab.

``render`` (and with it ReportLab and the fonts) is imported on that thread, the first time a
preview is needed: never on the start-up path.

The thread is a daemon Python thread, not a QThread: a QThread that is still running when its
object is destroyed aborts the whole process, and a 200,000-character paragraph can keep ReportLab
busy for seconds after the clerk closes the window or opens another draft. Shutting down asks the
running render to stop, waits a moment, and otherwise lets the thread finish on its own; its
result is dropped and the process can exit at any time.
"""

from __future__ import annotations

import io
import logging
import queue
import threading
import time
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from common.errors import AppError
from forms import Draft

logger = logging.getLogger(__name__)

__all__ = ["SHUTDOWN_WAIT_S", "RenderJob", "RenderWorker"]

SHUTDOWN_WAIT_S = 1.0  # how long closing waits for a render to notice it was cancelled
INTERNAL_ERROR = AppError("生成预览时程序内部出错，详情已写入日志。", "internal error while rendering the preview; details are in the log",
                          advice_zh="请把日志文件发给技术支持人员。草稿不受影响，可以继续填写。",
                          advice_en="Please send the log file to technical support. The draft is not affected; you can keep working.")


#: Workers whose render was still running when their pane closed; kept so that they are never freed
#: on their own thread (a handful per session at most).
_OUTLIVED: list[RenderWorker] = []


@dataclass
class RenderJob:
    """One preview render; ``cancelled`` is set when its result is no longer wanted."""

    job: int
    draft: Draft
    watermark: str | None
    cancelled: threading.Event = field(default_factory=threading.Event)


class RenderWorker(QObject):
    """Owns the render thread; results come back by signal (queued to the UI thread)."""

    finished = Signal(int, bytes, object, float)  # job id, PDF bytes, section -> first page, seconds
    failed = Signal(int, object)  # job id, the AppError

    def __init__(self) -> None:
        super().__init__()  # no parent: the thread keeps this object alive until it ends
        self._jobs: queue.SimpleQueue[RenderJob | None] = queue.SimpleQueue()
        self._current: RenderJob | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nianbao-preview", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def submit(self, job: RenderJob) -> None:
        """Render ``job`` after the ones already queued (the pane keeps at most one in flight)."""
        self._jobs.put(job)

    def stop(self, wait_s: float = SHUTDOWN_WAIT_S) -> bool:
        """Cancel the running render and end the thread; True when it ended within ``wait_s``."""
        self._stopped.set()
        current = self._current
        if current is not None:
            current.cancelled.set()
        self._jobs.put(None)
        if self._thread.is_alive():
            self._thread.join(wait_s)
        if self._thread.is_alive():
            _OUTLIVED.append(self)  # a QObject must not be freed on the render thread when it ends there
            return False
        return True

    def is_running(self) -> bool:
        return self._thread.is_alive()

    # ------------------------------------------------------------------ on the render thread
    def _run(self) -> None:
        try:
            self._warm_up()
        except Exception as exc:  # the thread boundary: a failed warm-up must not end the render thread
            logger.critical("preview warm-up crashed", exc_info=exc)
        while not self._stopped.is_set():
            job = self._jobs.get()
            if job is None or self._stopped.is_set():
                return
            self._current = job
            try:
                self._render(job)
            except Exception as exc:  # the thread boundary: log it, keep the preview alive
                logger.critical("preview render crashed", exc_info=exc)
                if not self._stopped.is_set():
                    self.failed.emit(job.job, INTERNAL_ERROR)
            finally:
                self._current = None

    def _warm_up(self) -> None:
        """Import the renderer and load its fonts ahead of the first real preview."""
        try:
            import render

            render.preload_fonts()
        except AppError as exc:  # reported again when a real render fails
            logger.warning("render warm-up failed: %s", exc.message("en"))

    def _render(self, job: RenderJob) -> None:
        if job.cancelled.is_set():
            return
        import render

        started = time.perf_counter()
        out = io.BytesIO()
        try:
            result = render.render_report(job.draft, out, watermark=job.watermark,
                                          cancel=lambda: job.cancelled.is_set() or self._stopped.is_set())
        except AppError as exc:
            logger.warning("preview render failed: %s", exc.message("en"))
            if not (job.cancelled.is_set() or self._stopped.is_set()):
                self.failed.emit(job.job, exc)
            return
        if job.cancelled.is_set() or self._stopped.is_set():
            return  # nobody waits for this page any more
        pages = {**result.section_pages, **result.text_pages}  # subsections of 一 by text id
        self.finished.emit(job.job, out.getvalue(), pages, time.perf_counter() - started)
