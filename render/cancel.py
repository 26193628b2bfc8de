"""Stopping a render that is no longer wanted (the preview closed, another draft opened)."""

from __future__ import annotations

from collections.abc import Callable

from common.errors import AppError

#: returns True when the render should stop; called between flowables and pages, from the
#: rendering thread, so it must be cheap and thread-safe (e.g. ``threading.Event.is_set``)
CancelCheck = Callable[[], bool]


class RenderCancelled(AppError):
    """The caller asked the render to stop; nothing was written."""

    def __init__(self) -> None:
        super().__init__("已取消生成 PDF，未写入任何文件。", "PDF rendering was cancelled; no file was written.")


def check(cancel: CancelCheck | None) -> None:
    """Raise ``RenderCancelled`` when ``cancel`` says so."""
    if cancel is not None and cancel():
        raise RenderCancelled()
