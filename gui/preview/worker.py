"""Renders the report PDF on a background thread so typing never waits for ReportLab.

``render`` (and with it ReportLab and the fonts) is imported here, inside the worker thread, the
first time a preview is needed: never on the start-up path.
"""

from __future__ import annotations

import io
import logging
import time
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

logger = logging.getLogger(__name__)

__all__ = ["RenderThread", "RenderWorker"]


class RenderWorker(QObject):
    """Lives on the render thread; one job at a time, results reported by signal."""

    finished = Signal(int, bytes, object, float)  # job id, PDF bytes, section -> first page, seconds
    failed = Signal(int, object)  # job id, exception

    @Slot()
    def warm_up(self) -> None:
        """Import the renderer and load its fonts ahead of the first real preview."""
        try:
            import render

            preload = getattr(render, "preload_fonts", None)
            if preload is not None:
                preload()
        except Exception as exc:  # noqa: BLE001 - reported when a real render fails
            logger.warning("render warm-up failed: %r", exc)

    @Slot(int, object, str)
    def render(self, job: int, draft: Any, watermark: str) -> None:
        """``watermark`` "" means none (None cannot cross a queued signal safely in PySide6)."""
        started = time.perf_counter()
        try:
            import render

            out = io.BytesIO()
            result = render.render_report(draft, out, watermark=watermark or None)
            pages = dict(getattr(result, "section_pages", {}) or {})
            pages.update(getattr(result, "text_pages", {}) or {})  # subsections of 一 by text id
        except Exception as exc:
            logger.exception("preview render failed")
            self.failed.emit(job, exc)
            return
        self.finished.emit(job, out.getvalue(), pages, time.perf_counter() - started)


class RenderThread(QThread):
    """A QThread owning one RenderWorker; stop() ends it cleanly on window close."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nianbao-preview")
        self.worker = RenderWorker()
        self.worker.moveToThread(self)

    def stop(self) -> None:
        self.quit()
        self.wait(10000)
