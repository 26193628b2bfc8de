"""Renders the report PDF on a background thread so typing never waits for ReportLab.

``render`` (and with it ReportLab and the fonts) is imported on that thread, the first time a
preview is needed: never on the start-up path.

The thread is a daemon Python thread, not a QThread: a QThread that is still running when its
object is destroyed aborts the whole process, and a 200,000-character paragraph can keep ReportLab
busy for seconds after the clerk closes the window or opens another draft. Shutting down asks the
running render to stop, waits a moment, and otherwise lets the thread finish on its own; its
result is dropped and the process can exit at any time.

The thread also writes the PDF file, opens it as a ``QPdfDocument`` (parsing it takes 10-20 ms) and reads
its page sizes, then hands both to the UI thread: the UI thread never calls into PDFium.
"""

from __future__ import annotations

import gc
import io
import linecache
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QObject, QThread, Signal
from PySide6.QtPdf import QPdfDocument

from common.errors import AppError
from forms import Draft

logger = logging.getLogger(__name__)

__all__ = ["SHUTDOWN_WAIT_S", "PreviewDocument", "RenderJob", "RenderWorker"]

SHUTDOWN_WAIT_S = 1.0  # how long closing waits for a render to notice it was cancelled
#: How often the interpreter lets another thread run while one computes (Python's default is 5 ms):
#: the UI thread gets the interpreter back within a millisecond while ReportLab lays out pages.
SWITCH_INTERVAL_S = 0.001
INTERNAL_ERROR = AppError("生成预览时程序内部出错，详情已写入日志。", "internal error while rendering the preview; details are in the log",
                          advice_zh="请把日志文件发给技术支持人员。草稿不受影响，可以继续填写。",
                          advice_en="Please send the log file to technical support. The draft is not affected; you can keep working.")


def _trimmer() -> Callable[[], None]:
    """glibc keeps memory a render freed in this thread's heap; ``malloc_trim`` gives it back to the
    system (6-10 MB after each preview). Elsewhere (Windows, musl) there is nothing to do."""
    if not sys.platform.startswith("linux"):
        return lambda: None
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return lambda: None
    return lambda: trim(0) and None


_release_memory = _trimmer()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No automatic garbage collection while a render runs.

    A full collection in the middle of a render walks every object the render holds (its flowables,
    canvas and PDF objects): 5-15 ms with the interpreter held, so the UI thread waited as long. The
    render's garbage is freed by reference counting but for about 400 objects in cycles, which the
    next young collection after the render takes. ``gc.disable`` is for the whole process: the UI
    thread's allocations wait for the same 60-100 ms."""
    if not gc.isenabled():  # paused already (start-up): leave it to whoever paused it
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


#: Workers whose render was still running when their pane closed; kept so that they are never freed
#: on their own thread (a handful per session at most).
_OUTLIVED: list[RenderWorker] = []


@dataclass(frozen=True)
class PreviewDocument:
    """An opened preview PDF, its page sizes in points (read on the render thread) and a digest per page
    (equal digests in two renders: the page looks the same, its image can stay)."""

    document: QPdfDocument
    page_sizes: list[tuple[float, float]]
    page_digests: tuple[str, ...] = ()


@dataclass
class RenderJob:
    """One preview render; ``cancelled`` is set when its result is no longer wanted."""

    job: int
    draft: Draft
    watermark: str | None
    path: Path | None = None  # where to write the PDF; the finished signal then carries a PreviewDocument
    cancelled: threading.Event = field(default_factory=threading.Event)


class RenderWorker(QObject):
    """Owns the render thread; results come back by signal (queued to the UI thread)."""

    #: job id, the PDF (a PreviewDocument when the job had a path, else bytes), section -> first page, seconds
    finished = Signal(int, object, object, float)
    failed = Signal(int, object)  # job id, the AppError
    dropped = Signal(int)  # job id: cancelled because a newer edit arrived; nothing to show

    def __init__(self) -> None:
        super().__init__()  # no parent: the thread keeps this object alive until it ends
        self._jobs: queue.SimpleQueue[RenderJob | None] = queue.SimpleQueue()
        self._current: RenderJob | None = None
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="nianbao-preview", daemon=True)
        app = QCoreApplication.instance()
        self._ui_thread = app.thread() if app is not None else QThread.currentThread()

    def start(self) -> None:
        if sys.getswitchinterval() > SWITCH_INTERVAL_S:
            sys.setswitchinterval(SWITCH_INTERVAL_S)
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

            render.font_set()
        except AppError as exc:  # reported again when a real render fails
            logger.warning("render warm-up failed: %s", exc.message("en"))
        # PySide6's own import check, if gui/pyside_scan could not replace it, read the source of every
        # module imported since PySide6 (ReportLab's included) into the line cache: 8 MB only
        # tracebacks would ever use.
        linecache.clearcache()
        # Everything alive now (modules, Qt wrappers, the renderer and its fonts) lives as long as the
        # program: leave it out of the garbage collector's full passes, which hold the interpreter
        # and so the UI thread (40 ms a pass while renders ran during typing, 4 ms after this).
        gc.collect()
        gc.freeze()

    def _drop(self, job: RenderJob) -> None:
        if not self._stopped.is_set():
            self.dropped.emit(job.job)

    def _render(self, job: RenderJob) -> None:
        if job.cancelled.is_set():
            self._drop(job)
            return
        import render

        started = time.perf_counter()
        out = io.BytesIO()
        try:
            with _collector_paused():
                result = render.render_report(job.draft, out, watermark=job.watermark, compress=False,
                                              cancel=lambda: job.cancelled.is_set() or self._stopped.is_set())
        except AppError as exc:
            if job.cancelled.is_set():
                self._drop(job)
                return
            logger.warning("preview render failed: %s", exc.message("en"))
            if not self._stopped.is_set():
                self.failed.emit(job.job, exc)
            return
        if job.cancelled.is_set() or self._stopped.is_set():
            self._drop(job)  # nobody waits for this page any more
            return
        pages = {**result.section_pages, **result.text_pages}  # subsections of 一 by text id
        pdf: object = out.getvalue()
        if job.path is not None:
            try:
                pdf = self._open(job.path, out.getvalue(), result.page_digests)
            except OSError as exc:  # the temporary folder is full or gone: the editor itself is unaffected
                from storage.errors import from_oserror

                self.failed.emit(job.job, from_oserror(exc, job.path))
                return
        seconds = time.perf_counter() - started
        del out, result
        _release_memory()  # before the hand-over: the trim must not hold the allocator while the UI thread swaps pages
        self.finished.emit(job.job, pdf, pages, seconds)

    def _open(self, path: Path, data: bytes, digests: tuple[str, ...]) -> PreviewDocument:
        """Write the PDF, open it here and read its page sizes, then give the document to the UI thread.

        The document reads its pages from memory, not from the file: the page view may still show it
        (waiting for a page to be drawn) when a later render writes the next file."""
        path.write_bytes(data)
        document = QPdfDocument()
        source = QBuffer(document)  # goes with the document, to the UI thread and when it is deleted
        source.setData(data)
        source.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(source)
        sizes = _page_sizes(document)
        document.moveToThread(self._ui_thread)
        return PreviewDocument(document, sizes, digests)


def _page_sizes(document: QPdfDocument) -> list[tuple[float, float]]:
    """Each page's size in points, read here so that the UI thread lays the pages out without PDFium.

    PySide keeps the interpreter lock through every Qt call, so a long call here holds the UI thread
    off if it needs the interpreter meanwhile: ``sleep(0)`` hands it over between the calls."""
    time.sleep(0)
    sizes = []
    for page in range(document.pageCount()):
        size = document.pagePointSize(page)
        sizes.append((size.width(), size.height()))
    time.sleep(0)
    return sizes
