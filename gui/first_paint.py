"""Work that waits until a widget is on screen: the program's start shows the wizard page first and
only then validates, opens the store and builds the preview, so the clerk sees the page at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["when_painted"]

AT_LATEST_MS = 1000  # a window that is never painted (minimised at start) must still get its store


class _FirstPaint(QObject):
    """Runs the callbacks once: right after the watched widget's first paint, or at the latest after
    ``AT_LATEST_MS``. A child of the widget, so nothing runs for a widget already gone."""

    def __init__(self, widget: QWidget, callbacks: list[Callable[[], object]]) -> None:
        super().__init__(widget)
        self.widget = widget
        self.callbacks = callbacks

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callbacks:
            QTimer.singleShot(0, self, self.run)  # after this paint has reached the screen, not inside it
        return False

    def run(self) -> None:
        self.widget.removeEventFilter(self)
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


def when_painted(widget: QWidget, *callbacks: Callable[[], object]) -> None:
    """Call ``callbacks`` in order once ``widget`` has first been painted."""
    runner = _FirstPaint(widget, list(callbacks))
    widget.installEventFilter(runner)
    QTimer.singleShot(AT_LATEST_MS, runner, runner.run)
