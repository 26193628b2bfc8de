"""Cancelling a render: it stops between flowables and pages, raises RenderCancelled, writes nothing."""

from __future__ import annotations

import io
import threading
import time

import pytest

from common.errors import AppError
from render import RenderCancelled, render_report


class CancelAfter:
    """A cancel check that says "stop" at its ``n``-th call and counts every call."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0

    def __call__(self) -> bool:
        self.calls += 1
        return self.calls >= self.n


def test_render_cancelled_is_an_app_error_with_both_languages():
    err = RenderCancelled()
    assert isinstance(err, AppError)
    assert "取消" in err.message("zh") and "cancelled" in err.message("en")


def test_render_without_cancel_asks_between_flowables_and_pages(seed_draft):
    counting = CancelAfter(10**9)
    result = render_report(seed_draft, io.BytesIO(), fonts="bundled", cancel=counting)
    # at least once per page and once per paragraph/table of the seed (about 60 flowables)
    assert counting.calls > result.page_count + 50


def _checks_in_a_full_render(draft) -> int:  # type: ignore[no-untyped-def]
    counting = CancelAfter(10**9)
    render_report(draft, io.BytesIO(), fonts="bundled", cancel=counting)
    return counting.calls


@pytest.mark.parametrize("fraction", [0.0, 0.01, 0.5, 1.0])
def test_render_cancel_after_n_checks_stops_and_writes_no_file(seed_draft, tmp_path, fraction):
    """From the first check (before any layout) to the last one (PDF made, not yet written)."""
    n = max(1, round(fraction * _checks_in_a_full_render(seed_draft)))
    out = tmp_path / "report.pdf"
    cancel = CancelAfter(n)
    with pytest.raises(RenderCancelled):
        render_report(seed_draft, out, fonts="bundled", cancel=cancel)
    assert cancel.calls == n, "the render stops at the first check that says so"
    assert list(tmp_path.iterdir()) == [], "no output file and no temporary file left"


def test_render_cancel_leaves_an_existing_file_untouched(seed_draft, tmp_path):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"previous pdf")
    with pytest.raises(RenderCancelled):
        render_report(seed_draft, out, fonts="bundled", cancel=CancelAfter(30))
    assert out.read_bytes() == b"previous pdf"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_render_cancel_writes_nothing_to_a_file_object(seed_draft):
    buffer = io.BytesIO()
    with pytest.raises(RenderCancelled):
        render_report(seed_draft, buffer, fonts="bundled", cancel=CancelAfter(40))
    assert buffer.getvalue() == b""


def test_render_of_a_long_text_stops_soon_after_cancel_from_another_thread(seed_draft):
    """What the preview does when its window closes: set an event the render thread checks."""
    draft = seed_draft.copy()
    draft.texts["s5"] = ("我局持续推进政务公开标准化规范化建设，全年主动公开政府信息1234条。" * 6000)[:199_999]
    stop = threading.Event()
    outcome: list[object] = []

    def work() -> None:
        try:
            outcome.append(render_report(draft, io.BytesIO(), fonts="bundled", cancel=stop.is_set))
        except RenderCancelled as exc:
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    time.sleep(0.3)
    stop.set()
    asked = time.perf_counter()
    thread.join(timeout=10)
    waited = time.perf_counter() - asked
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], RenderCancelled)
    assert waited < 3.0, f"the render went on for {waited:.2f} s after cancel"
