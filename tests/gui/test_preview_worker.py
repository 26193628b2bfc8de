"""The preview's render thread: no automatic garbage collection while it renders (a full collection
there held the UI thread off for 5-15 ms), and the collector back on afterwards."""

from __future__ import annotations

import gc

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
