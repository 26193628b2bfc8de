"""Typed storage errors. Each carries ``zh`` (shown to the clerk) and ``en`` (for logs and tests)."""

from __future__ import annotations

import os
from typing import Any

from common import errors as common_errors
from common.errors import AppError

__all__ = [
    "StorageError", "DiskFullError", "PermissionDeniedError", "ReadOnlyFolderError", "FileBusyError",
    "StoreLockedError", "ReadOnlyStoreError", "ReadOnlyDraftError", "UnserialisableError", "InvalidDraftError",
    "DraftNotFoundError", "RevisionNotFoundError", "ReviewError", "SelfApprovalError", "ExchangeFileError", "ImportConflict",
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

    advice_zh = "请清理磁盘空间（例如清空回收站）后点“保存”重试。已填写的内容仍在窗口中，不要关闭程序。"
    advice_en = "Free some disk space (for example empty the recycle bin), then click Save again. What you typed is still in the window; do not close the program."


class PermissionDeniedError(StorageIOError, common_errors.PermissionDeniedError):
    """The operating system refused access to a store file or folder."""

    advice_zh = "请检查存放草稿的文件夹是否允许写入，或请单位的电脑管理员帮助处理。"
    advice_en = "Check that the drafts folder may be written to, or ask your IT administrator for help."


class ReadOnlyFolderError(PermissionDeniedError, common_errors.ReadOnlyFolderError):
    """The folder is on a read-only medium or share."""

    advice_zh = "存放草稿的文件夹不能写入。请电脑管理员把它改为可写，或换一个文件夹存放草稿。"
    advice_en = "The drafts folder cannot be written to. Ask your IT administrator to make it writable, or keep the drafts in another folder."


class FileBusyError(StorageIOError, common_errors.FileBusyError):
    """Another program (antivirus, indexer, backup tool) kept the file locked for too long (Windows)."""

    advice_zh = "文件正被其他程序（如杀毒软件）占用。请稍等几秒后再点“保存”。"
    advice_en = "Another program (such as antivirus software) is using the file. Wait a few seconds, then click Save again."


class ReadOnlyStoreError(StorageError):
    """The store was opened read-only (newer schema, or another copy holds the lock)."""

    advice_zh = "现在只能查看，不能修改。请关闭其他正在运行的本程序后重新打开。"
    advice_en = "You can only view for now. Close any other running copy of this program, then open it again."


class StoreLockedError(ReadOnlyStoreError):
    """Another running copy of nianbao (this PC or another one on a shared folder) owns the store."""

    advice_zh = "另一个窗口或另一台电脑正在使用这些草稿。请先关闭那边的程序，再重新打开本程序。"
    advice_en = "Another window or another computer is using these drafts. Close the program there first, then open this one again."

    def __init__(self, zh: str, en: str, owner: dict[str, Any] | None = None) -> None:
        super().__init__(zh, en)
        self.owner = owner or {}


class ReadOnlyDraftError(StorageError):
    """The draft is approved (已通过) and must be reopened before it can change."""

    advice_zh = "这份报告已通过审核，不能再修改。如需修改，请先点“重新打开修改”。"
    advice_en = "This report has been approved and can no longer be changed. To change it, click Reopen first."


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

    advice_zh = "请刷新草稿列表后再试；报告的审核状态可能已被别人改变。"
    advice_en = "Refresh the list of drafts and try again; someone else may have changed the report's review status."


class SelfApprovalError(ReviewError):
    """The reviewer approving is the person who submitted; call approve again with self_approval_confirmed=True."""

    advice_zh = "审核通过通常应由提交人以外的人进行。如确需本人审核，请明确确认，历史记录中会注明。"
    advice_en = "Approval is normally done by someone other than the submitter. If you must approve it yourself, confirm it explicitly; the history will say so."


class ExchangeFileError(StorageError):
    """A ``.nianbao`` file cannot be imported; the message names the problem. Nothing was changed."""

    advice_zh = "请确认选择的是本程序导出的交换文件（.nianbao）或草稿文件（.json），且文件没有被其他软件改动过。"
    advice_en = "Check that you chose an exchange file (.nianbao) or a draft file (.json) written by this program, and that no other software changed it."


class ImportConflict(StorageError):
    """The imported draft already exists; call again with ``on_conflict="replace"`` or ``"keep_both"``."""

    def __init__(self, zh: str, en: str, existing_id: str, *, same_report: bool = False) -> None:
        super().__init__(zh, en)
        self.existing_id = existing_id
        #: True when the draft id is new but a draft of the same agency and year is already stored.
        self.same_report = same_report


class CorruptFileError(StorageError):
    """A store file is empty, truncated or fails its checksum."""

    advice_zh = "草稿文件已损坏。请在“历史版本”中恢复较早的版本。"
    advice_en = "The draft file is damaged. Restore an earlier version under History."


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
