"""The one way an input file is read: only a regular file, only up to a size cap, never a hang.

A named pipe (FIFO) blocks ``open`` until someone writes to it; ``/dev/zero`` or ``/dev/urandom``
never end; a folder, a socket or a symbolic-link loop is no file at all. Each is refused with a
message that names the path, before anything is read. The file is opened non-blocking and checked
again through the open handle, so swapping the path for a pipe between the check and the open
cannot make the program hang either.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from common.errors import FileTooLargeError, NotARegularFileError, from_oserror

__all__ = ["read_file", "size_text"]

_CHUNK = 1 << 20


def size_text(size: int, language: str = "zh") -> str:
    """A byte count as people say it: "5 MB", "800 KB", "12 字节" ("12 bytes")."""
    if size >= 1 << 20:
        mb = size / (1 << 20)
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
    if size >= 1 << 10:
        return f"{size // 1024} KB"
    return f"{size} bytes" if language == "en" else f"{size} 字节"


def _kind(mode: int) -> tuple[str, str] | None:
    """(Chinese, English) name of a non-regular file type; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "这是一个文件夹，不是文件", "it is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "这是一个命名管道（FIFO），不是普通文件", "it is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "这是一个设备，不是普通文件", "it is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "这是一个套接字，不是普通文件", "it is a socket, not a regular file"
    return "这不是普通文件", "it is not a regular file"


def _not_a_file(path: Path, what: str, what_en: str, kind: tuple[str, str]) -> NotARegularFileError:
    error = NotARegularFileError(f"无法读取{what}：{kind[0]}（{path}）", f"cannot read the {what_en}: {kind[1]} ({path})", path=str(path))
    error.kind = kind  # the reason without the path, for callers that name the file their own way
    return error


def _too_large(path: Path, size: int, limit: int, what: str, what_en: str) -> FileTooLargeError:
    shown = size_text(size) if size > limit + 1 else f"超过 {size_text(limit)}"
    error = FileTooLargeError(f"{what}过大（{shown}，最多 {size_text(limit)}）：{path}",
                              f"the {what_en} is too large ({size} bytes; at most {size_text(limit, 'en')}): {path}", path=str(path))
    error.size = size
    return error


def read_file(path: str | os.PathLike[str], *, max_bytes: int, what: str = "文件", what_en: str = "file") -> bytes:
    """The bytes of a regular file of at most ``max_bytes``.

    Raises (all ``FileIOError``, message with the path, in Chinese without system English):
    FileMissingError, NotARegularFileError (folder, pipe, device, socket, link loop),
    FileTooLargeError, PermissionDeniedError, FileIOError.
    """
    path = Path(path)
    try:
        st = os.stat(path)
    except OSError as exc:
        raise from_oserror(exc, path, writing=False) from None
    except ValueError:  # an embedded NUL in the name
        raise NotARegularFileError(f"无法读取{what}：文件名无效（{path!r}）", f"cannot read the {what_en}: invalid name {path!r}",
                                   path=str(path)) from None
    kind = _kind(st.st_mode)
    if kind is not None:
        raise _not_a_file(path, what, what_en, kind)
    if st.st_size > max_bytes:
        raise _too_large(path, st.st_size, max_bytes, what, what_en)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise from_oserror(exc, path, writing=False) from None
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:  # swapped for something else since the check above
            raise _not_a_file(path, what, what_en, kind)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise from_oserror(exc, path, writing=False) from None
    finally:
        os.close(fd)
    if total > max_bytes:
        raise _too_large(path, total, max_bytes, what, what_en)
    return b"".join(chunks)
