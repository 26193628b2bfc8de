"""Runs a batch check off the UI thread; the batch itself fans out to worker processes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from common.errors import AppError
from gui.i18n import language


class BatchThread(QThread):
    """check_batch in a thread: progress and the result come back as queued signals."""

    progressed = Signal(int, int, str)  # done, total, file name
    succeeded = Signal(object)  # BatchResult
    failed = Signal(str)

    def __init__(self, sources: list[Path], roster: Path | None, previous: Path | None, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setObjectName("nianbao-batch")
        self.sources, self.roster, self.previous = sources, roster, previous
        self._cancelled = False

    def cancel(self) -> None:
        self._cancelled = True

    def run(self) -> None:
        from batch import check_batch, read_roster

        try:
            roster = read_roster(self.roster) if self.roster else None
            result = check_batch(self.sources, roster=roster, previous=[self.previous] if self.previous else None,
                                 progress=lambda done, total, path: self.progressed.emit(done, total, path.name),
                                 cancel=lambda: self._cancelled)
        except AppError as exc:
            self.failed.emit(exc.message(language()))
            return
        self.succeeded.emit(result)
