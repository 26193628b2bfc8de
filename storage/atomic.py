"""The checksummed envelope every store file is written in, and storage's use of the one atomic writer.

Why an envelope: an atomic rename protects against torn writes, but not against a disk or a copy tool
flipping bytes, and a flipped digit would still be valid JSON. Each file is
``{"data": <json>, "sha256": "<hex of the data bytes>"}`` so any damage is detected on read.
The JSON inside is read and written by ``common.strictjson``: money stays ``Decimal`` both ways.
"""

from __future__ import annotations

import errno
import functools
import hashlib
from pathlib import Path
from typing import Any, Callable, TypeVar

from common import atomic as common_atomic
from common import strictjson
from common.atomic import TMP_SUFFIX, fsync_dir
from common.errors import FileIOError, FileMissingError, FileTooLargeError, NotARegularFileError
from common.reading import read_file
from storage.errors import CorruptFileError, UnserialisableError, as_storage_error

__all__ = ["seal", "seal_serialised", "unseal", "atomic_write", "replace_with_retry", "fsync_dir", "dumps_strict", "TMP_SUFFIX",
           "read_store_bytes", "STORE_FILE_MAX_BYTES"]

_PREFIX = b'{"data": '
_SUFFIX_HEAD = b', "sha256": "'
_SUFFIX_TAIL = b'"}\n'
_SUFFIX_LEN = len(_SUFFIX_HEAD) + 64 + len(_SUFFIX_TAIL)

_F = TypeVar("_F", bound=Callable[..., Any])


def _storage_errors(function: _F) -> _F:
    """The common writer's FileIOErrors raised as StorageErrors (what storage's callers catch)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except FileIOError as exc:
            raise as_storage_error(exc) from exc

    return wrapper  # type: ignore[return-value]


#: Largest store file read (a draft's current content and its revision list; snapshots are separate files).
STORE_FILE_MAX_BYTES = 64 * 1024 * 1024


def read_store_bytes(path: Path) -> bytes:
    """A store file's bytes, read like every input: only a regular file, at most STORE_FILE_MAX_BYTES.

    A missing file raises FileNotFoundError (callers treat it as "not there"); a folder, pipe or device
    in its place, or an oversized file, is damage (CorruptFileError), so recovery from backups applies.
    """
    try:
        return read_file(path, max_bytes=STORE_FILE_MAX_BYTES, what="存储文件", what_en="store file")
    except FileMissingError:
        raise FileNotFoundError(errno.ENOENT, "not found", str(path)) from None
    except NotARegularFileError as exc:  # named without the path: the store names drafts by agency and year
        raise CorruptFileError(*exc.kind) from None
    except FileTooLargeError as exc:
        raise CorruptFileError(exc.zh, exc.en) from None
    except FileIOError as exc:
        raise as_storage_error(exc) from None


#: ``common.atomic.atomic_write`` / ``replace_with_retry``, raising StorageErrors.
atomic_write = _storage_errors(common_atomic.atomic_write)
replace_with_retry = _storage_errors(common_atomic.replace_with_retry)


def dumps_strict(data: Any) -> bytes:
    """Compact JSON bytes, UTF-8 with readable Chinese, Decimal as a number; NaN, sets, dates ... are refused."""
    try:
        return strictjson.dumps(data)
    except strictjson.JSONWriteError as exc:
        raise UnserialisableError(f"内容中有无法保存的数据（{exc.zh}），未写入任何内容。", f"value cannot be stored: {exc.en}") from None


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
        return strictjson.loads(body, check_text=False)
    except strictjson.JSONFileError as exc:  # only possible if the writer was broken
        raise CorruptFileError(f"文件内容无效{where}：{exc.zh}", f"invalid content {path}: {exc.en}") from None
