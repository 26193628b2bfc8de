"""Typed storage errors. Each carries ``zh`` (shown to the clerk) and ``en`` (for logs and tests)."""

from __future__ import annotations

import os

from common import errors as common_errors
from common.errors import AppError

__all__ = [
    "StorageError", "DiskFullError", "PermissionDeniedError", "ReadOnlyFolderError", "FileBusyError",
    "StoreLockedError", "ReadOnlyStoreError", "ReadOnlyDraftError", "UnserialisableError", "InvalidDraftError",
    "DraftNotFoundError", "RevisionNotFoundError", "ReviewError", "ExchangeFileError", "ImportConflict",
    "CorruptFileError", "StorageIOError", "as_storage_error", "from_oserror",
]


class StorageError(AppError):
    """Base of every error raised by ``storage``; ``zh`` is for the clerk, ``en`` for the log."""


class StorageIOError(StorageError, common_errors.FileIOError):
    """A store file or folder could not be read or written (the wording comes from ``common.errors``)."""

    def __init__(self, zh: str, en: str, *, path: str = "") -> None:
        common_errors.FileIOError.__init__(self, zh, en, path=path)


class DiskFullError(StorageIOError, common_errors.DiskFullError):
    """The disk (or quota) is full. Nothing stored was changed; the caller keeps the draft and retries."""


class PermissionDeniedError(StorageIOError, common_errors.PermissionDeniedError):
    """The operating system refused access to a store file or folder."""


class ReadOnlyFolderError(PermissionDeniedError, common_errors.ReadOnlyFolderError):
    """The folder is on a read-only medium or share."""


class FileBusyError(StorageIOError, common_errors.FileBusyError):
    """Another program (antivirus, indexer, backup tool) kept the file locked for too long (Windows)."""


class ReadOnlyStoreError(StorageError):
    """The store was opened read-only (newer schema, or another copy holds the lock)."""


class StoreLockedError(ReadOnlyStoreError):
    """Another running copy of nianbao (this PC or another one on a shared folder) owns the store."""

    def __init__(self, zh: str, en: str, owner: dict | None = None) -> None:
        super().__init__(zh, en)
        self.owner = owner or {}


class ReadOnlyDraftError(StorageError):
    """The draft is approved (已通过) and must be reopened before it can change."""


class UnserialisableError(StorageError):
    """A value cannot be written as JSON; refused before anything touched the disk."""


class InvalidDraftError(StorageError):
    """The draft would not load back (e.g. a number out of range); refused before writing."""


class DraftNotFoundError(StorageError, KeyError):
    """No draft with that id (neither in the store nor in the trash)."""

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return self.en


class RevisionNotFoundError(StorageError, KeyError):
    """No revision with that id, or its content was lost."""

    def __str__(self) -> str:
        return self.en


class ReviewError(StorageError):
    """A review step that the workflow does not allow from the current status."""


class ExchangeFileError(StorageError):
    """A ``.nianbao`` file cannot be imported; the message names the problem. Nothing was changed."""


class ImportConflict(StorageError):
    """The imported draft already exists; call again with ``on_conflict="replace"`` or ``"keep_both"``."""

    def __init__(self, zh: str, en: str, existing_id: str) -> None:
        super().__init__(zh, en)
        self.existing_id = existing_id


class CorruptFileError(StorageError):
    """A store file is empty, truncated or fails its checksum."""


#: The storage kind of each common I/O error (most specific first), so a caller may catch either.
_KINDS: tuple[tuple[type[common_errors.FileIOError], type[StorageIOError]], ...] = (
    (common_errors.ReadOnlyFolderError, ReadOnlyFolderError),
    (common_errors.PermissionDeniedError, PermissionDeniedError),
    (common_errors.DiskFullError, DiskFullError),
    (common_errors.FileBusyError, FileBusyError),
)


def as_storage_error(exc: common_errors.FileIOError) -> StorageError:
    """The same error as a StorageError (storage's callers catch StorageError)."""
    if isinstance(exc, StorageError):
        return exc
    kind = next((k for base, k in _KINDS if isinstance(exc, base)), StorageIOError)
    return kind(exc.zh, exc.en, path=exc.path)


def from_oserror(exc: OSError, path: str | os.PathLike[str] = "") -> StorageError:
    """Translate an OSError into the typed error the GUI can explain in Chinese."""
    return as_storage_error(common_errors.from_oserror(exc, path))
