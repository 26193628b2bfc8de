"""The one error base. Every error the program raises on purpose carries a message for the clerk
(Chinese), the same for the log and the English UI, and optional advice on what to do next.

The GUI catches ``AppError`` and shows ``message()`` plus ``advice()``; anything else is a
programming error and goes to the excepthook, never into a "save failed" dialog.
"""

from __future__ import annotations

import errno
import os


class AppError(Exception):
    """A problem the user can understand. ``zh`` is shown to the clerk, ``en`` in the English UI
    and the log; ``advice_zh``/``advice_en`` (class attributes, overridable per instance) say
    what to do about it."""

    advice_zh: str = ""
    advice_en: str = ""

    def __init__(self, zh: str, en: str, *, advice_zh: str | None = None, advice_en: str | None = None) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        if advice_zh is not None:
            self.advice_zh = advice_zh
        if advice_en is not None:
            self.advice_en = advice_en

    def message(self, language: str = "zh") -> str:
        """The message in ``language`` ("zh" or "en")."""
        return self.en if language == "en" else self.zh

    def advice(self, language: str = "zh") -> str:
        """What the user can do about it, in ``language``; "" when there is nothing to add."""
        return self.advice_en if language == "en" else self.advice_zh


# --------------------------------------------------------------------------- files


class FileIOError(AppError):
    """A file or folder could not be read or written; ``path`` names it."""

    def __init__(self, zh: str, en: str, *, path: str = "", **advice: str) -> None:
        super().__init__(zh, en, **advice)
        self.path = path


class DiskFullError(FileIOError):
    """The disk (or quota) is full. Nothing was changed; free some space and retry."""

    advice_zh = "请清理磁盘空间（例如清空回收站）后重试。"
    advice_en = "Free some disk space (for example empty the recycle bin) and try again."


class PermissionDeniedError(FileIOError):
    """The operating system refused access to a file or folder."""

    advice_zh = "请检查文件夹是否允许读写，或请单位的电脑管理员帮助处理。"
    advice_en = "Check that the folder may be read and written, or ask your administrator."


class ReadOnlyFolderError(PermissionDeniedError):
    """The folder is on a read-only medium or share."""


class FileBusyError(FileIOError):
    """Another program (antivirus, indexer, backup tool) kept the file locked for too long (Windows)."""

    advice_zh = "文件正被其他程序（如杀毒软件）占用，请稍等几秒后重试。"
    advice_en = "Another program (e.g. antivirus) is using the file; wait a few seconds and try again."


class FileMissingError(FileIOError):
    """The file or a folder on its path does not exist."""


class NotARegularFileError(FileIOError):
    """The path is a folder, a named pipe, a device or a socket, not a file: refused before opening.
    ``kind``: (Chinese, English) words for what it is instead, without the path."""

    kind: tuple[str, str] = ("这不是普通文件", "it is not a regular file")


class FileTooLargeError(FileIOError):
    """The file is larger than the reader accepts; nothing beyond the cap was read. ``size``: bytes seen."""

    size: int = 0


#: Chinese wording for the errno values a clerk can meet; never the system's English text.
_ERRNO_ZH: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "is a folder, not a file"),
    errno.ENOTDIR: ("路径中的某一级不是文件夹", "a part of the path is not a folder"),
    errno.ELOOP: ("符号链接循环（快捷方式指向自己）", "too many levels of symbolic links"),
    errno.ENAMETOOLONG: ("文件名或路径过长", "file name or path too long"),
    errno.ENOSPC: ("磁盘空间已满", "no space left on the disk"),
    errno.EROFS: ("所在位置是只读的", "read-only file system"),
    errno.EACCES: ("没有访问权限", "permission denied"),
    errno.EPERM: ("操作不被允许", "operation not permitted"),
    errno.EEXIST: ("文件已存在", "file exists"),
    errno.EBUSY: ("文件或设备正忙", "file or device busy"),
    errno.EIO: ("磁盘读写错误（磁盘或网络可能有故障）", "input/output error (disk or network fault?)"),
    errno.EMFILE: ("打开的文件过多", "too many open files"),
    errno.ENXIO: ("设备不存在或不可用", "no such device"),
    errno.ENODEV: ("设备不存在或不可用", "no such device"),
    errno.EINVAL: ("无效的文件名或参数", "invalid file name or argument"),
    errno.EXDEV: ("不能跨磁盘移动", "cannot move across disks"),
    errno.ETXTBSY: ("文件正被使用", "file busy"),
}
if hasattr(errno, "EDQUOT"):
    _ERRNO_ZH[errno.EDQUOT] = ("磁盘配额已满", "disk quota exceeded")
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", -1)}
_WIN_DISK_FULL = {39, 112}  # ERROR_HANDLE_DISK_FULL, ERROR_DISK_FULL
_WIN_BUSY = {32, 33}  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def os_reason(exc: OSError) -> tuple[str, str]:
    """(Chinese, English) reason for an OSError, without the system's own (English) text in the Chinese."""
    winerror = getattr(exc, "winerror", None)
    if winerror in _WIN_DISK_FULL:
        return _ERRNO_ZH[errno.ENOSPC]
    if winerror in _WIN_BUSY:
        return ("文件被其他程序占用", "file is locked by another program")
    if exc.errno in _ERRNO_ZH:
        return _ERRNO_ZH[exc.errno]
    code = f"错误代码 {exc.errno}" if exc.errno is not None else type(exc).__name__
    return (f"操作系统拒绝了这一操作（{code}）", f"{exc.strerror or exc}")


def from_oserror(exc: OSError, path: str | os.PathLike[str] = "", *, writing: bool = True) -> FileIOError:
    """Translate an OSError into a typed error whose Chinese message names the path and the reason."""
    where = f"（{path}）" if str(path) else ""
    where_en = f" ({path})" if str(path) else ""
    spath = str(path)
    winerror = getattr(exc, "winerror", None)
    zh_reason, en_reason = os_reason(exc)
    verb, verb_en = ("保存", "saved") if writing else ("读取", "read")
    if exc.errno in _DISK_FULL or winerror in _WIN_DISK_FULL:
        return DiskFullError(f"磁盘空间已满，文件未能保存{where}。请清理磁盘后重试，当前内容仍保留在程序中。",
                             f"disk full, file not saved{where_en}; free some space and retry", path=spath)
    if exc.errno == errno.EROFS:
        return ReadOnlyFolderError(f"文件所在的文件夹是只读的，无法{verb}{where}。请更换存放位置。",
                                   f"the folder is read-only{where_en}", path=spath)
    if winerror in _WIN_BUSY:
        return FileBusyError(f"文件被其他程序（如杀毒软件）占用，暂时无法{verb}{where}。请稍后重试。",
                             f"file is locked by another program{where_en}", path=spath)
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        what = "写入" if writing else "读取"
        return PermissionDeniedError(f"没有权限{what}这个文件或文件夹{where}。请检查文件夹权限或更换位置。",
                                     f"permission denied{where_en}", path=spath)
    if (isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT) and writing:
        return FileMissingError(f"无法保存：文件夹不存在{where}", f"cannot save: the folder does not exist{where_en}", path=spath)
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return FileMissingError(f"找不到文件或文件夹{where}", f"file or folder not found{where_en}", path=spath)
    if isinstance(exc, IsADirectoryError) or exc.errno in (errno.EISDIR, errno.ELOOP, errno.ENXIO, errno.ENODEV):
        return NotARegularFileError(f"无法{verb}：{zh_reason}{where}", f"cannot be {verb_en}: {en_reason}{where_en}", path=spath)
    return FileIOError(f"无法{verb}文件：{zh_reason}{where}", f"file cannot be {verb_en}: {en_reason}{where_en}", path=spath)
