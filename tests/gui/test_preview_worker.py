"""The preview's render thread: no automatic garbage collection while it renders (a full collection
there held the UI thread off for 5-15 ms), and the collector back on afterwards."""

from __future__ import annotations

import gc
import os
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

import forms
import render
from gui.preview.worker import PreviewDocument, RenderJob, RenderWorker


def test_the_collector_is_paused_while_a_preview_renders_and_back_on_after(seed_path, tmp_path, qtbot, monkeypatch):  # type: ignore[no-untyped-def]
    seen: list[bool] = []
    real = render.render_report

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "render_report", watched)
    assert gc.isenabled()
    worker = RenderWorker()
    results: list[object] = []
    worker.finished.connect(lambda job, pdf, pages, seconds: results.append(pdf))
    worker.start()
    try:
        worker.submit(RenderJob(1, forms.load_draft_file(seed_path), "草稿", tmp_path / "preview.pdf"))
        qtbot.waitUntil(lambda: bool(results), timeout=20000)
    finally:
        worker.stop()
    assert seen == [False]
    assert gc.isenabled()
    pdf = results[0]
    assert isinstance(pdf, PreviewDocument)
    assert len(pdf.page_sizes) == len(pdf.page_digests) == pdf.document.pageCount() > 0
    assert all(abs(w - 595.3) < 1 and abs(h - 841.9) < 1 for w, h in pdf.page_sizes)  # A4 in points
    # The document reads from memory and keeps no file open: the next render may rewrite the file while
    # this one is still shown (on Windows a file held open could not be replaced).
    if Path("/proc/self/fd").is_dir():
        held = {os.path.realpath(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")}
        assert str((tmp_path / "preview.pdf").resolve()) not in held
    (tmp_path / "preview.pdf").write_bytes(b"not a PDF any more")
    page = pdf.document.render(0, QSize(240, 340)).convertToFormat(QImage.Format.Format_ARGB32)
    inked = sum(1 for x in range(240) for y in range(340)
                if page.pixelColor(x, y).alpha() > 200 and page.pixelColor(x, y).value() < 128)
    assert inked > 100  # the cover page's text, drawn
    pdf.document.close()


def test_a_paused_collector_stays_paused(seed_path, tmp_path, qtbot):  # type: ignore[no-untyped-def]
    from gui.preview.worker import _collector_paused

    gc.disable()
    try:
        with _collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # whoever paused it (the start-up) turns it back on
    finally:
        gc.enable()
    with _collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
