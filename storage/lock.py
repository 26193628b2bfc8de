"""One writer per store: a lock file naming the owner (pid, host, time), with safe takeover of stale locks.

The lock is created with O_EXCL, so two copies starting together cannot both win. A lock is stale when
its process is gone (same host) or its heartbeat is older than ``STALE_AFTER`` (another host: we
cannot see its processes). Takeover renames the stale file first; only one contender's rename succeeds.
Every write re-checks ownership (:meth:`StoreLock.verify`), so a copy whose lock was taken over stops writing.
A ``store.lock`` that is not a regular file (an old folder, a pipe) can never be a live lock: it is renamed aside
(kept, not deleted) and a new lock is created.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import secrets
import socket
import stat
import time
from pathlib import Path
from typing import Any

from storage.errors import StoreLockedError, from_oserror

__all__ = ["LOCK_NAME", "STALE_AFTER", "StoreLock"]

LOCK_NAME = "store.lock"
#: Another host's lock without a heartbeat for this long is considered abandoned.
STALE_AFTER = dt.timedelta(hours=12)
#: How often a holder refreshes its heartbeat (done on writes, so an idle app costs nothing).
HEARTBEAT_EVERY = 600.0
#: An unreadable lock this old is damaged, not being written (a complete lock is created in one step).
TORN_GRACE = dt.timedelta(seconds=10)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):  # gone, or a number no process can have
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


class StoreLock:
    """The lock on one store folder. ``acquire`` returns False (and sets ``owner``) if someone else holds it."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / LOCK_NAME
        self.token = secrets.token_hex(8)
        self.held = False
        self.owner: dict[str, Any] = {}
        self.took_over: dict[str, Any] | None = None
        #: Set when a damaged lock (wrong kind of entry) was set aside: (what, in Chinese; in English; new name).
        self.repaired: tuple[str, str, str] | None = None
        self._beat = 0.0

    def _record(self) -> bytes:
        return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "time": dt.datetime.now().isoformat(timespec="seconds"),
                           "token": self.token}, ensure_ascii=False).encode("utf-8")

    def _read(self) -> dict[str, Any] | None:
        try:
            if not stat.S_ISREG(os.stat(self.path).st_mode):
                return {}  # never opened: a pipe would block; acquire() sets such an entry aside
            if os.path.getsize(self.path) > 64 * 1024:
                return {}
            data = json.loads(self.path.read_bytes().decode("utf-8"))
            return data if isinstance(data, dict) else {}
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}  # unreadable/half-written lock: judged by its age below

    def _wrong_kind(self) -> tuple[str, str] | None:
        """What the lock entry is, when it is not a regular file (so it cannot be anybody's live lock)."""
        try:
            mode = os.stat(self.path).st_mode
        except OSError:
            return None
        if stat.S_ISREG(mode):
            return None
        return ("是一个文件夹", "a folder") if stat.S_ISDIR(mode) else ("是一个特殊文件", "not a regular file")

    def _is_stale(self, owner: dict[str, Any]) -> bool:
        pid = owner.get("pid")
        if owner.get("host") == socket.gethostname() and type(pid) is int:
            return not _pid_alive(pid)
        try:
            when = dt.datetime.fromisoformat(str(owner["time"]))
            if when.tzinfo is not None:  # written with a UTC offset: compare in local time
                when = when.astimezone().replace(tzinfo=None)
        except (KeyError, ValueError, OverflowError, OSError):
            try:
                when = dt.datetime.fromtimestamp(self.path.stat().st_mtime)
            except OSError:
                return False
            if not owner:  # unreadable: a writer on the O_EXCL fallback may be mid-write; give it a moment only
                return dt.datetime.now() - when > TORN_GRACE or self._still_unreadable()
        age = dt.datetime.now() - when
        return age > STALE_AFTER or -age > STALE_AFTER  # a heartbeat from far in the future is damage, not a live copy

    def _still_unreadable(self, wait: float = 1.0) -> bool:
        """True when the lock stays unreadable for ``wait`` seconds: damaged, not being written."""
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            time.sleep(0.1)
            if self._read() != {}:
                return False
        return True

    def _create(self) -> bool:
        """Create the lock file complete or not at all; False if it already exists.

        The record is written to a temp file and hard-linked into place (link fails if the name exists),
        so a crash can never leave an empty lock. Where links are unsupported, O_EXCL is the fallback.
        """
        tmp = self.path.with_name(f".{LOCK_NAME}.{self.token}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o644)
            try:
                os.write(fd, self._record())
                os.fsync(fd)
            finally:
                os.close(fd)
            try:
                os.link(tmp, self.path)
                return True
            except FileExistsError:
                return False
            except OSError:
                pass  # no hard links here (FAT, some shares)
        finally:
            try:
                tmp.unlink()
            except OSError:
                pass
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
        except FileExistsError:
            return False
        try:
            os.write(fd, self._record())
            os.fsync(fd)
        finally:
            os.close(fd)
        return True

    def acquire(self) -> bool:
        for _ in range(3):
            try:
                created = self._create()
            except OSError as exc:
                raise from_oserror(exc, self.path) from exc
            if created:
                self.held, self._beat = True, time.monotonic()
                return True
            wrong = self._wrong_kind()
            if wrong is not None:
                aside = self.path.with_name(f"{LOCK_NAME}.damaged-{dt.datetime.now().strftime('%Y%m%dT%H%M%S%f')}")
                try:
                    os.replace(self.path, aside) if os.name == "nt" else os.rename(self.path, aside)
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise from_oserror(exc, self.path) from exc
                self.repaired = (*wrong, aside.name)
                continue
            owner = self._read()
            if owner is None:
                continue  # released meanwhile
            if not self._is_stale(owner):
                self.owner = owner or self._read() or {}  # a lock being written may have become readable
                return False
            stale = self.path.with_name(f"{LOCK_NAME}.stale-{self.token}")
            try:
                os.replace(self.path, stale) if os.name == "nt" else os.rename(self.path, stale)
            except FileNotFoundError:
                continue  # another contender took it first
            except OSError as exc:
                raise from_oserror(exc, self.path) from exc
            stale.unlink(missing_ok=True)
            self.took_over = owner
        self.owner = self._read() or {}
        return False

    def verify(self) -> None:
        """Raise StoreLockedError unless this process still owns the lock; refresh the heartbeat now and then."""
        owner = self._read()
        if not self.held or not owner or owner.get("token") != self.token:
            self.held = False
            raise StoreLockedError(locked_message(owner or {})[0], locked_message(owner or {})[1], owner or {})
        if time.monotonic() - self._beat > HEARTBEAT_EVERY:
            from storage.atomic import atomic_write

            atomic_write(self.path, self._record())
            self._beat = time.monotonic()

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        owner = self._read()
        if owner and owner.get("token") == self.token:
            self.path.unlink(missing_ok=True)


def locked_message(owner: dict[str, Any]) -> tuple[str, str]:
    host, pid, when = (str(owner.get(k, "?"))[:64] for k in ("host", "pid", "time"))  # a lock file may hold anything
    return (
        f"另一个 nianbao 程序正在使用这些草稿（计算机 {host}，进程 {pid}，自 {when} 起）。为防止互相覆盖，本窗口只能查看，不能保存。"
        "请关闭另一个程序后重新打开。",
        f"another nianbao (host {host}, pid {pid}, since {when}) is using this store; opened read-only",
    )
