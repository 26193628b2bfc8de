"""Durable file replacement and the checksummed envelope every store file is written in.

Why an envelope: an atomic rename protects against torn writes, but not against a disk or a copy tool
flipping bytes, and a flipped digit would still be valid JSON. Each file is
``{"data": <json>, "sha256": "<hex of the data bytes>"}`` so any damage is detected on read.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import time
from pathlib import Path
from typing import Any, Callable

from storage.errors import CorruptFileError, FileBusyError, UnserialisableError, from_oserror

__all__ = ["seal", "seal_serialised", "unseal", "atomic_write", "replace_with_retry", "fsync_dir", "dumps_strict", "TMP_SUFFIX"]

_PREFIX = b'{"data": '
_SUFFIX_HEAD = b', "sha256": "'
_SUFFIX_TAIL = b'"}\n'
_SUFFIX_LEN = len(_SUFFIX_HEAD) + 64 + len(_SUFFIX_TAIL)
TMP_SUFFIX = ".tmp"

#: Total time a refused replace is retried on Windows (antivirus / indexer holding the file).
REPLACE_RETRY_SECONDS = 2.0


def _refuse(value: Any) -> Any:
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dumps_strict(data: Any) -> bytes:
    """JSON bytes, UTF-8 with readable Chinese; NaN, sets, dates, Decimals ... are refused, not guessed."""
    try:
        return json.dumps(data, ensure_ascii=False, allow_nan=False, default=_refuse, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError, RecursionError) as exc:
        raise UnserialisableError(f"内容中有无法保存的数据（{exc}），未写入任何内容。", f"value cannot be stored: {exc}") from None
    except UnicodeEncodeError as exc:  # lone surrogates
        raise UnserialisableError("内容中有无效字符，未写入任何内容。", f"invalid character: {exc}") from None


def seal(data: Any) -> bytes:
    """Serialise ``data`` into the checksummed envelope (raises UnserialisableError before any I/O)."""
    return seal_serialised(dumps_strict(data))


def seal_serialised(body: bytes) -> bytes:
    """The envelope around JSON bytes produced by :func:`dumps_strict`."""
    digest = hashlib.sha256(body).hexdigest().encode("ascii")
    return _PREFIX + body + _SUFFIX_HEAD + digest + _SUFFIX_TAIL


def unseal(raw: bytes, path: str = "") -> Any:
    """The data inside an envelope; CorruptFileError if empty, truncated, altered or not JSON."""
    where = f"（{path}）" if path else ""
    if not raw.strip():
        raise CorruptFileError(f"文件是空的{where}", f"file is empty {path}")
    if len(raw) < len(_PREFIX) + _SUFFIX_LEN or not raw.startswith(_PREFIX) or not raw.endswith(_SUFFIX_TAIL):
        raise CorruptFileError(f"文件不完整或已损坏{where}", f"file truncated or damaged {path}")
    body = raw[len(_PREFIX):-_SUFFIX_LEN]
    tail = raw[-_SUFFIX_LEN:]
    if not tail.startswith(_SUFFIX_HEAD):
        raise CorruptFileError(f"文件不完整或已损坏{where}", f"file truncated or damaged {path}")
    digest = tail[len(_SUFFIX_HEAD):len(_SUFFIX_HEAD) + 64]
    if hashlib.sha256(body).hexdigest().encode("ascii") != digest:
        raise CorruptFileError(f"文件校验失败，内容已被改动或损坏{where}", f"checksum mismatch {path}")
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # only possible if the writer was broken
        raise CorruptFileError(f"文件内容无效{where}", f"invalid content {path}: {exc}") from None


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX). Windows has no directory handles for this; NTFS journals renames."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _transient(exc: OSError) -> bool:
    """A refusal that goes away by itself: Windows sharing/lock violations or access denied by a scanner."""
    return getattr(exc, "winerror", None) in (5, 32, 33) or (os.name == "nt" and isinstance(exc, PermissionError))


def replace_with_retry(src: Path, dst: Path, *, replace: Callable[[Path, Path], None] = os.replace,
                       sleep: Callable[[float], None] = time.sleep, budget: float = REPLACE_RETRY_SECONDS) -> None:
    """``os.replace`` that waits out a scanner holding ``dst`` (backoff 10 ms doubling, ~``budget`` s total)."""
    delay, waited = 0.01, 0.0
    while True:
        try:
            replace(src, dst)
            return
        except OSError as exc:
            if not _transient(exc):
                raise
            if waited >= budget:
                raise FileBusyError(f"文件被其他程序（如杀毒软件）占用，暂时无法保存（{dst}）。请稍后重试。",
                                    f"{dst} stayed locked by another program for {waited:.1f} s") from exc
            sleep(delay)
            waited += delay
            delay = min(delay * 2, 0.25)


def atomic_write(path: Path, payload: bytes, *, before_replace: Callable[[Path], None] | None = None) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old or the new file, never a mix.

    Temp file in the same folder, flush + fsync, optional hook (backups), ``os.replace``, fsync the folder.
    OSErrors become typed StorageErrors; the old file is untouched when anything fails.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}{TMP_SUFFIX}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace(path)
        replace_with_retry(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        _discard(tmp)
        raise from_oserror(exc, path) from exc
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except OSError:
        pass
