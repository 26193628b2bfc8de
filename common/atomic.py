"""The one way files are written: a crash, a kill or a full disk at any instant leaves either the old
file or the new one, never a mix, and never a stray temporary file that a later run mistakes for data.

Temp file in the same folder, write + fsync, optional hook (backups), ``os.replace`` (retried while
a Windows scanner holds the target), fsync of the folder. OSErrors become typed ``FileIOError``s
whose Chinese message names the file.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from pathlib import Path

from common.errors import FileBusyError, from_oserror

__all__ = ["TMP_SUFFIX", "REPLACE_RETRY_SECONDS", "atomic_write", "fsync_dir", "replace_with_retry"]

TMP_SUFFIX = ".tmp"

#: Total time a refused replace is retried on Windows (antivirus / indexer holding the file).
REPLACE_RETRY_SECONDS = 2.0


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


def replace_with_retry(src: Path, dst: Path, *, replace: Callable[[Path, Path], None] | None = None,
                       sleep: Callable[[float], None] = time.sleep, budget: float = REPLACE_RETRY_SECONDS) -> None:
    """``os.replace`` that waits out a scanner holding ``dst`` (backoff 10 ms doubling, ~``budget`` s total).

    Raises FileBusyError when the target stays locked; any other OSError unchanged.
    """
    replace = replace or os.replace  # looked up at call time, so a test can stand in for Windows
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
                                    f"{dst} stayed locked by another program for {waited:.1f} s", path=str(dst)) from exc
            sleep(delay)
            waited += delay
            delay = min(delay * 2, 0.25)


def atomic_write(path: str | os.PathLike[str], payload: bytes, *,
                 before_replace: Callable[[Path], None] | None = None) -> None:
    """Write ``payload`` to ``path`` so that a crash leaves either the old or the new file, never a mix.

    ``before_replace(path)`` runs after the new content is durable and before it replaces the old
    (storage keeps its rotating backups there). The old file is untouched when anything fails.
    A new file gets the permissions the user's umask gives any new file; a replaced file keeps its own.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}{TMP_SUFFIX}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            _keep_mode(fd, path)
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


def _keep_mode(fd: int, path: Path) -> None:
    """Give the temporary file the mode of the file it will replace (POSIX; Windows has no modes)."""
    if not hasattr(os, "fchmod") or os.name == "nt":
        return
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:  # no file yet: the umask already applied to 0o666
        return
    os.fchmod(fd, mode)


def _discard(tmp: Path) -> None:
    try:
        tmp.unlink()
    except OSError:
        pass
