"""Crash-safe draft storage. The only package that imports TinyDB.

Usage from the GUI::

    store = open_store(data_dir)          # None: $NIANBAO_DATA_DIR, else the per-user data folder
    for msg in store.open_report: ...     # msg.zh / msg.en: recovered from backup, migrated, read-only ...
    if store.read_only: show(store.read_only_reason)
    draft_id = store.create(forms.new_draft("某某局", 2024))
    store.save(draft_id, draft, explicit=False)   # autosave; explicit=True for the 保存 button
    store.close()

Every error is a ``StorageError`` with ``.zh`` (for the clerk) and ``.en``. A failed save changes
nothing on disk; keep the draft in memory and call ``save`` again later.
See docs/storage.md for the layout on disk.
"""

from common.paths import default_data_dir, resolve_data_dir
from storage.errors import (
    CorruptFileError,
    DiskFullError,
    DraftNotFoundError,
    ExchangeFileError,
    FileBusyError,
    ImportConflict,
    InvalidDraftError,
    PermissionDeniedError,
    ReadOnlyDraftError,
    ReadOnlyFolderError,
    ReadOnlyStoreError,
    ReviewError,
    RevisionNotFoundError,
    SelfApprovalError,
    StorageError,
    StoreLockedError,
    UnserialisableError,
)
from storage.models import STATUS_ZH, STATUSES, Change, Comment, DraftSummary, OpenMessage, ReviewState, RevisionInfo, Submission
from storage.store import Store, open_store

__all__ = [
    "Change", "Comment", "CorruptFileError", "DiskFullError", "DraftNotFoundError", "DraftSummary", "ExchangeFileError",
    "FileBusyError", "ImportConflict", "InvalidDraftError", "OpenMessage", "PermissionDeniedError", "ReadOnlyDraftError",
    "ReadOnlyFolderError", "ReadOnlyStoreError", "ReviewError", "ReviewState", "RevisionInfo", "RevisionNotFoundError",
    "STATUSES", "STATUS_ZH", "SelfApprovalError", "StorageError", "Submission", "Store", "StoreLockedError", "UnserialisableError", "default_data_dir",
    "open_store", "resolve_data_dir",
]
