"""One open draft: its undo history, autosave and debounced live validation.

Kept apart from the widgets so the save/validate timing rules live in one place: every change
(text or cell, typed or undone) arrives through the shared QUndoStack's indexChanged, saves within
about a second of the *first* unsaved change (so steady typing cannot postpone it) and is
re-validated shortly after the *last* one.

The autosave writes a copy of the draft on a writer thread: a disk that takes tens of milliseconds
to flush (an old PC, a virus scanner) never stalls typing. Every other save (保存, closing,
switching drafts, review steps) waits for that write and then saves on the spot, so what the
clerk asked to keep is on disk when the call returns.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

import forms
from common.errors import AppError

if TYPE_CHECKING:
    from storage import ReviewState, Store

logger = logging.getLogger(__name__)

__all__ = ["AUTOSAVE_MS", "VALIDATE_MS", "DraftSession"]

AUTOSAVE_MS = 1000
VALIDATE_MS = 250


class DraftSession(QObject):
    """A draft open for editing in the wizard, bound to its id in the store."""

    changed = Signal()
    findingsChanged = Signal(list)
    saved = Signal(object)  # datetime of the save
    saveFailed = Signal(object, bool)  # the AppError, whether the clerk asked for this save
    reviewChanged = Signal(object)  # the new ReviewState (or None when unknown)
    #: from the writer thread: the edit count it wrote, and its exception or None (delivered on the UI thread)
    _written = Signal(int, object)

    def __init__(self, store: Store | None, draft_id: str | None, draft: forms.Draft, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.draft_id = draft_id
        self.draft = draft
        self.definition = draft.definition
        self.stack = QUndoStack(self)
        self.dirty = False
        self._edits = 0  # changes so far: a background write clears ``dirty`` only if none came after its copy
        self._writer: threading.Thread | None = None
        self.last_saved: dt.datetime | None = None
        self.last_error: AppError | None = None
        self.findings: list[forms.Finding] = []
        self.editing_table: str | None = None  # the table whose grid holds the keyboard focus
        self.review = self._load_review()
        self._save_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.autosave)
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate_now)
        self.stack.indexChanged.connect(self.mark_changed)
        self._written.connect(self._write_done)

    # ------------------------------------------------------------------ state
    @property
    def status(self) -> str:
        return self.review.status if self.review is not None else "draft"

    @property
    def store_read_only(self) -> bool:
        return self.store is not None and self.store.read_only

    @property
    def read_only_reason(self) -> str | None:
        """Why the store cannot be written (another PC holds it, newer format, ...), or None."""
        return self.store.read_only_reason if self.store is not None else None

    def attach(self, store: Store, draft_id: str) -> None:
        """Bind a draft shown before the store was open (``--demo``) to its new id; save what was typed meanwhile."""
        self.store = store
        self.draft_id = draft_id
        self.reload_review()
        if self.dirty:
            self.save(explicit=False)

    def _load_review(self) -> ReviewState | None:
        if self.store is None or self.draft_id is None:
            return None
        try:
            return self.store.review(self.draft_id)
        except AppError as exc:  # a missing review record must not stop editing
            logger.warning("no review state for %s: %r", self.draft_id, exc)
            return None

    def reload_review(self) -> None:
        self.review = self._load_review()
        self.reviewChanged.emit(self.review)

    # ------------------------------------------------------------------ changes
    def mark_changed(self, *_args: object) -> None:
        """Something in the draft changed: schedule the autosave and a fresh validation."""
        self.dirty = True
        self._edits += 1
        if not self._save_timer.isActive():
            self._save_timer.start()
        self._validate_timer.start()
        self.changed.emit()

    def autosave(self) -> bool:
        """The timer's save: a copy of the draft written on the writer thread. Returns False when it
        cannot be written now (no store yet, read-only, approved); the draft then stays unsaved."""
        self._save_timer.stop()
        if not self.dirty:
            return True
        if not self._writable():
            return False
        if self._writer is not None and self._writer.is_alive():
            self._save_timer.start()  # one write at a time: the next one follows this one
            return True
        assert self.store is not None and self.draft_id is not None
        store, draft_id, copy, edits = self.store, self.draft_id, self.draft.copy(), self._edits

        def write() -> None:
            try:
                store.save(draft_id, copy, explicit=False)
            except Exception as exc:  # noqa: BLE001 - handed to the UI thread, which reports or re-raises it
                self._written.emit(edits, exc)
            else:
                self._written.emit(edits, None)

        self._writer = threading.Thread(target=write, name="nianbao-autosave", daemon=False)
        self._writer.start()
        return True

    def _write_done(self, edits: int, exc: Exception | None) -> None:
        if isinstance(exc, AppError):
            self.last_error = exc
            self.saveFailed.emit(exc, False)
            return
        if exc is not None:
            raise exc  # a programming error: the program's excepthook logs it and saves, as on this thread
        if edits == self._edits:
            self.dirty = False
        self._saved_now()

    def wait_for_writer(self) -> None:
        """Let a background autosave finish (its result is then applied at once)."""
        writer = self._writer
        if writer is not None:
            writer.join()
            self._writer = None
            QCoreApplication.sendPostedEvents(self)  # its _written signal: dirty, saved, errors

    def _writable(self) -> bool:
        return not (self.store is None or self.draft_id is None or self.store_read_only or self.status == "approved")

    def _saved_now(self) -> None:
        self.last_error = None
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)

    def save(self, explicit: bool = True) -> bool:
        """Write the draft to the store now. Errors are reported by signal; the draft stays in memory."""
        self._save_timer.stop()
        self.wait_for_writer()
        if not self.dirty and not explicit:
            return True
        if not self._writable():
            return False  # stays dirty: saved once the store is there
        assert self.store is not None and self.draft_id is not None
        try:
            self.store.save(self.draft_id, self.draft, explicit=explicit)
        except AppError as exc:
            self.last_error = exc
            self.saveFailed.emit(exc, explicit)
            return False
        self.dirty = False
        self._saved_now()
        return True

    def flush(self) -> bool:
        """Save now if anything is unsaved (closing, switching drafts, before review steps)."""
        self.wait_for_writer()
        if self.dirty:
            return self.save(explicit=False)
        return True

    # ------------------------------------------------------------------ validation
    def set_editing_table(self, table_id: str | None) -> None:
        """The clerk moved into (or out of) a table. A column's balance is judged once the clerk leaves
        its table or fills the column, so leaving a table re-validates at once."""
        if table_id == self.editing_table:
            return
        left = self.editing_table is not None
        self.editing_table = table_id
        if left:
            self.validate_now()

    def validate_now(self) -> list[forms.Finding]:
        self._validate_timer.stop()
        self.findings = forms.validate(self.draft, editing_table=self.editing_table)
        self.findingsChanged.emit(self.findings)
        return self.findings

    def submit_findings(self) -> list[forms.Finding]:
        """Findings at the strict stage used before 提交审核 and 导出定稿."""
        return forms.validate(self.draft, stage="submit")
