"""Rotating backups of store files and recovery of a damaged file from the newest valid backup.

Backups are hard links to the file being replaced, so a save costs no extra copy (a plain copy is
the fallback where links are unsupported, e.g. FAT or some network shares). Drafts also recover from
their revision history (``storage.recovery``); this module serves files that only have backups (the index).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.atomic import atomic_write, read_store_bytes, replace_with_retry, unseal
from storage.errors import CorruptFileError, StorageError, StorageIOError, from_oserror
from storage.models import OpenMessage

logger = logging.getLogger(__name__)

__all__ = ["BackupPolicy", "backup_before_replace", "list_backups", "move_aside", "recover"]

#: A store file larger than this is damaged (a draft with every text at its limit is a few MB).


@dataclass(frozen=True)
class BackupPolicy:
    """How many backups one file keeps: the last ``recent`` saves and one per day for ``days`` days."""

    recent: int = 5
    days: int = 14


DEFAULT_POLICY = BackupPolicy()


def _backup_dir(path: Path) -> Path:
    return path.parent / "backups"


def list_backups(path: Path) -> list[Path]:
    """Backups of ``path`` (regular files only), newest first (names sort by time)."""
    folder = _backup_dir(path)
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries
                     if e.name.startswith(path.name + ".") and e.name.endswith(".bak") and e.is_file(follow_symlinks=False)]
    except OSError:  # missing, or a file where the backups folder belongs
        return []
    return sorted((folder / n for n in names), key=lambda p: p.name.split(".")[-2][1:], reverse=True)


def backup_before_replace(path: Path, policy: BackupPolicy = DEFAULT_POLICY, now: dt.datetime | None = None) -> None:
    """Keep the current ``path`` (about to be replaced) as a backup; never fails the save itself."""
    if not path.exists():
        return
    now = now or dt.datetime.now()
    folder = _backup_dir(path)
    try:
        folder.mkdir(exist_ok=True)
        stamp = now.strftime("%Y%m%dT%H%M%S%f")
        _link_or_copy(path, folder / f"{path.name}.r{stamp}.bak")
        daily = folder / f"{path.name}.d{now.strftime('%Y%m%d')}T000000000000.bak"
        if not daily.exists():
            _link_or_copy(path, daily)
        _prune(path, policy)
    except OSError as exc:  # a missing backup must not cost the clerk the save itself
        logger.warning("backup of %s failed: %s", path, exc)


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except FileExistsError:
        pass
    except OSError:
        shutil.copy2(src, dst)


def _prune(path: Path, policy: BackupPolicy) -> None:
    recent = [p for p in list_backups(path) if ".r" in p.name[len(path.name):]]
    daily = [p for p in list_backups(path) if ".d" in p.name[len(path.name):]]
    for old in recent[policy.recent:] + daily[policy.days:]:
        try:
            old.unlink(missing_ok=True)
        except OSError as exc:  # one stuck backup must not stop the others from rotating
            logger.warning("old backup %s not removed: %s", old, exc)


def recover(path: Path, validate: Callable[[Any], None], *, label_zh: str, label_en: str,
            repair: bool = True) -> tuple[Any | None, list[OpenMessage]]:
    """Read ``path``; if damaged, move it aside and restore the newest valid backup.

    Returns (data or None, messages). None with no message means the file does not exist.
    ``validate`` raises (any StorageError / ValueError) when the data is well-formed JSON but not usable.
    With ``repair=False`` (read-only store, or a file the system refuses to read) nothing on disk changes.
    """
    try:
        data = unseal(read_store_bytes(path), str(path))
        validate(data)
        return data, []
    except FileNotFoundError:
        if not list_backups(path):
            return None, []
        problem: StorageError = CorruptFileError("文件丢失", "file missing")
    except StorageIOError as exc:  # exists but cannot be read (permissions, a scanner): show a backup, change nothing
        problem, repair = exc, False
    except (StorageError, ValueError, KeyError, TypeError) as exc:
        problem = exc if isinstance(exc, StorageError) else CorruptFileError(str(exc), str(exc))
    aside = move_aside(path) if repair else None
    for candidate in list_backups(path):
        try:
            raw = read_store_bytes(candidate)
            data = unseal(raw, str(candidate))
            validate(data)
        except (OSError, StorageError, ValueError, KeyError, TypeError):
            continue
        if repair:
            atomic_write(path, raw)
        when = candidate.name.split(".")[-2][1:16]
        if not repair:
            return data, [OpenMessage(
                "recovered_read_only",
                f"{label_zh}已损坏或无法读取（{_zh(problem)}），现显示的是备份（{_fmt(when)}）中的内容；原文件未作改动。",
                f"{label_en} is damaged or unreadable ({_en(problem)}); showing the backup of {_fmt(when)}; not repaired",
                str(candidate),  # the file being shown instead
            )]
        return data, [OpenMessage(
            "recovered",
            f"{label_zh}已损坏（{_zh(problem)}），已从备份（{_fmt(when)}）恢复。损坏的文件保存为 {aside.name if aside else '（无）'}。",
            f"{label_en} was damaged ({_en(problem)}); restored from the backup of {_fmt(when)}; damaged file kept as "
            f"{aside.name if aside else '(none)'}",
            str(path),
        )]
    return None, [OpenMessage(
        "recovered_none",
        f"{label_zh}已损坏（{_zh(problem)}），且没有可用的备份。损坏的文件保存为 {aside.name if aside else '（无）'}。",
        f"{label_en} was damaged ({_en(problem)}) and no valid backup exists; damaged file kept as {aside.name if aside else '(none)'}",
        str(path),
    )]


def move_aside(path: Path, tag: str = "corrupt") -> Path | None:
    """Rename a damaged file or folder to ``<name>.<tag>-<time>`` (kept, never deleted); None if absent."""
    if not os.path.lexists(path):
        return None
    aside = path.with_name(f"{path.name}.{tag}-{dt.datetime.now().strftime('%Y%m%dT%H%M%S%f')}")
    try:
        replace_with_retry(path, aside)
    except OSError as exc:
        raise from_oserror(exc, path) from exc
    return aside


def _fmt(stamp: str) -> str:
    try:
        return dt.datetime.strptime(stamp[:15], "%Y%m%dT%H%M%S").strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return stamp


def _zh(exc: BaseException) -> str:
    return getattr(exc, "zh", str(exc))


def _en(exc: BaseException) -> str:
    return str(getattr(exc, "en", exc)).strip()
