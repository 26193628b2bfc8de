"""Typed storage errors. Each carries ``zh`` (shown to the clerk) and ``en`` (for logs and tests)."""

from __future__ import annotations

import errno
import os

__all__ = [
    "StorageError", "DiskFullError", "PermissionDeniedError", "ReadOnlyFolderError", "FileBusyError",
    "StoreLockedError", "ReadOnlyStoreError", "ReadOnlyDraftError", "UnserialisableError", "InvalidDraftError",
    "DraftNotFoundError", "RevisionNotFoundError", "ReviewError", "ExchangeFileError", "ImportConflict",
    "CorruptFileError", "from_oserror",
]


class StorageError(Exception):
    """Base of every error raised by ``storage``; ``zh`` is for the clerk, ``en`` for the log."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


class DiskFullError(StorageError):
    """The disk (or quota) is full. Nothing stored was changed; the caller keeps the draft and retries."""


class PermissionDeniedError(StorageError):
    """The operating system refused access to a store file or folder."""


class ReadOnlyFolderError(PermissionDeniedError):
    """The folder is on a read-only medium or share."""


class FileBusyError(StorageError):
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


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", -1)}
_WIN_DISK_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_BUSY = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def from_oserror(exc: OSError, path: str | os.PathLike[str] = "") -> StorageError:
    """Translate an OSError into the typed error the GUI can explain in Chinese."""
    where = f"（{path}）" if path else ""
    where_en = f" ({path})" if path else ""
    winerror = getattr(exc, "winerror", None)
    if exc.errno in _DISK_FULL or winerror in _WIN_DISK_FULL:
        return DiskFullError(f"磁盘空间已满，草稿未能保存{where}。请清理磁盘后重试，当前内容仍保留在程序中。",
                             f"disk full, draft not saved{where_en}; free some space and retry")
    if exc.errno == errno.EROFS:
        return ReadOnlyFolderError(f"存放草稿的文件夹是只读的，无法保存{where}。请更换存放位置。",
                                   f"the data folder is read-only{where_en}")
    if winerror in _WIN_BUSY:
        return FileBusyError(f"文件被其他程序（如杀毒软件）占用，暂时无法保存{where}。请稍后重试。",
                             f"file is locked by another program{where_en}")
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return PermissionDeniedError(f"没有权限写入存放草稿的文件夹{where}。请检查文件夹权限或更换存放位置。",
                                     f"permission denied{where_en}")
    return StorageError(f"读写草稿文件时出错：{exc.strerror or exc}{where}", f"I/O error: {exc}{where_en}")
