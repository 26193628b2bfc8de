"""Opening one draft folder, and recovering a damaged ``draft.json`` from the newest intact copy.

A draft exists in up to three kinds of copies: ``draft.json`` itself, its backups (each the file as it was
before a later save) and its revisions (full content of every explicit save, and of an autosave every ten
minutes). The last save is only in ``draft.json`` and, when it made a revision, in ``revs/``: no backup holds it
yet. So recovery compares the time each intact copy was saved and takes the newest, whichever kind it is;
a draft with any intact copy is never dropped.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.atomic import atomic_write, read_store_bytes, seal, unseal
from storage.backups import list_backups, move_aside
from storage.draftfile import DRAFT_FILE, LOG_FILE, SNAP_DIR, SNAP_EXT, DraftFile, new_rev_id, read_log, validate_draft_data
from storage.errors import CorruptFileError, StorageError, StorageIOError
from storage.models import STATUSES, OpenMessage

__all__ = ["draft_label", "open_draft"]


@dataclass
class _Copy:
    kind: str  # "backup" | "revision"
    saved_at: dt.datetime
    data: dict[str, Any]  # the draft file's TinyDB tables
    raw: bytes | None = None  # a backup's exact bytes (written back unchanged)
    partial: bool = False  # rebuilt from a revision with no intact backup: review comments are gone
    found: bool = False  # a snapshot file no record names, timed by its modification time


def draft_label(content: dict[str, Any] | None, draft_id: str) -> tuple[str, str]:
    """How the clerk knows a draft: its agency and year (the folder's hex id only when nothing else is left)."""
    agency = str((content or {}).get("agency") or "").strip()[:100]
    year = (content or {}).get("year")
    if agency or year:
        return f"草稿“{agency or '（未填机关）'} {year or '?'} 年度”", f'draft "{agency} {year}"'
    return f"一份草稿（编号 {draft_id[:8]}）", f"draft {draft_id}"


def _time(value: Any) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return dt.datetime.min
    return when.replace(tzinfo=None)


def _stamp(when: dt.datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M:%S") if when != dt.datetime.min else "时间不明"


def open_draft(folder: Path, *, indexed: dict[str, Any] | None, repair: bool) -> tuple[dict[str, Any] | None, list[OpenMessage]]:
    """The draft file's tables, recovered if needed; (None, []) for a folder a crash left before its first write.

    ``indexed`` is the index's summary of this draft (for naming it when nothing intact is left).
    With ``repair`` the damaged file is renamed aside (never deleted) and the recovered copy written in its place;
    without (read-only store, or a file the system refuses to read) nothing on disk changes.
    """
    path = folder / DRAFT_FILE
    draft_id = folder.name
    try:
        data = unseal(read_store_bytes(path))
        validate_draft_data(data)
        return data, []
    except FileNotFoundError:
        if not list_backups(path) and not os.path.lexists(folder / LOG_FILE):
            return None, []  # interrupted before the first write finished: nothing was ever acknowledged
        problem: StorageError = CorruptFileError("文件丢失", "file missing")
    except StorageIOError as exc:  # exists but the system refuses it (permissions, a scanner): show a copy, touch nothing
        problem, repair = exc, False
    except (StorageError, ValueError, KeyError, TypeError) as exc:
        problem = exc if isinstance(exc, StorageError) else CorruptFileError(str(exc), str(exc))

    best = _newest_copy(folder, path)
    content = best.data["current"]["1"]["content"] if best else (indexed or {})
    label_zh, label_en = draft_label({"agency": content.get("agency"), "year": content.get("year")}, draft_id)
    why_zh, why_en = problem.zh.rstrip("。"), problem.en.strip()
    aside = None
    if repair:
        try:
            aside = move_aside(path)
            if best is not None:
                atomic_write(path, best.raw if best.raw is not None else seal(best.data))
        except StorageError as exc:  # could not repair now: show the copy, try again at the next open
            repair, why_zh, why_en = False, f"{why_zh}；修复失败：{exc.zh.rstrip('。')}", f"{why_en}; repair failed: {exc.en}"
    kept_zh = f"损坏的文件已改名保存为 {aside.name}。" if aside else ""
    kept_en = f" Damaged file kept as {aside.name}." if aside else ""
    if best is None:
        return None, [OpenMessage(
            "recovered_none",
            f"{label_zh}的文件已损坏（{why_zh}），且没有可用的备份或历史版本，无法恢复。{kept_zh}",
            f"{label_en}: file damaged ({why_en}); no intact backup or revision exists.{kept_en}",
            str(path), draft_id=draft_id)]
    which_zh = "历史版本" if best.kind == "revision" else "备份"
    when = _stamp(best.saved_at)
    extra_zh = "（没有完好的备份，审核意见未能恢复。）" if best.partial else ""
    extra_en = " No intact backup: review comments could not be recovered." if best.partial else ""
    if not repair:
        return best.data, [OpenMessage(
            "recovered_read_only",
            f"{label_zh}的文件已损坏或无法读取（{why_zh}），现显示的是{which_zh}中 {when} 保存的内容；原文件未作改动。",
            f"{label_en}: file damaged or unreadable ({why_en}); showing the {best.kind} saved {when}; not repaired",
            str(path), source=best.kind, saved_at=best.saved_at.isoformat(), draft_id=draft_id)]
    return best.data, [OpenMessage(
        "recovered",
        f"{label_zh}的文件已损坏（{why_zh}），已从{which_zh}恢复到 {when} 保存的内容。{extra_zh}{kept_zh}",
        f"{label_en}: file damaged ({why_en}); restored from the {best.kind} saved {when}.{extra_en}{kept_en}",
        str(path), source=best.kind, saved_at=best.saved_at.isoformat(), draft_id=draft_id)]


#: How far a file's modification time may lag the clock that stamped the save it holds.
MTIME_SLACK = dt.timedelta(seconds=2)


def _newest_copy(folder: Path, path: Path) -> _Copy | None:
    """The newest intact copy among the backups and the revisions; a revision wins only if strictly newer."""
    backups: list[_Copy] = []
    for candidate in list_backups(path):
        try:
            raw = read_store_bytes(candidate)
            data = unseal(raw)
            validate_draft_data(data)
        except (OSError, StorageError, ValueError, KeyError, TypeError):
            continue
        current = data["current"]["1"]
        saved = max(_time(current.get("updated_at")), _time(current.get("last_rev_at")))
        backups.append(_Copy("backup", saved, data, raw))
    backups.sort(key=lambda c: c.saved_at, reverse=True)
    newest_backup = backups[0] if backups else None
    revision = _newest_revision(folder, backups)
    if revision is None or newest_backup is None:
        return revision or newest_backup
    if revision.saved_at > newest_backup.saved_at:
        return revision
    if revision.found and revision.saved_at > newest_backup.saved_at - MTIME_SLACK:
        # A snapshot no intact copy names was written after every copy that lists the revisions; its
        # time is only the file's (coarse: a clock tick, 2 s on FAT), so a near tie goes to it.
        return revision
    return newest_backup


def _revision_records(folder: Path, backups: list[_Copy]) -> dict[str, dict[str, Any]]:
    """Every revision known from the backups' lists and the revision log (which also gives the status),
    plus snapshot files no record names (a log line lost), timed by when the file was last written."""
    records: dict[str, dict[str, Any]] = {}
    for copy in reversed(backups):  # oldest first, so newer backups' records win
        for rev in (copy.data.get("revisions") or {}).values():
            if isinstance(rev, dict) and isinstance(rev.get("rev_id"), str):
                records[rev["rev_id"]] = {**records.get(rev["rev_id"], {}), **rev}
    for entry in read_log(folder):
        records[entry["rev_id"]] = {**records.get(entry["rev_id"], {}), **entry}
    named = {r.get("snap") for r in records.values()}
    try:
        with os.scandir(folder / SNAP_DIR) as entries:
            found = [(e.name[: -len(SNAP_EXT)], e.stat().st_mtime) for e in entries
                     if e.name.endswith(SNAP_EXT) and e.is_file(follow_symlinks=False)]
    except OSError:
        found = []
    newest_named = max((_time(r.get("time")) for r in records.values()), default=None)
    for snap, mtime in found:
        if snap not in named:
            when = dt.datetime.fromtimestamp(mtime)
            if newest_named is not None and newest_named - MTIME_SLACK < when <= newest_named:
                # written after every revision an intact copy names; its file time is coarser than the clock
                when = newest_named + dt.timedelta(microseconds=1)
            records[f"found-{snap}"] = {"rev_id": new_rev_id(when), "time": when.isoformat(timespec="microseconds"),
                                        "kind": "save", "note": "恢复时找到的版本", "snap": snap, "found": True}
    return records


def _newest_revision(folder: Path, backups: list[_Copy]) -> _Copy | None:
    """The newest revision whose snapshot is intact, as a whole draft file: the newest backup's review and
    history where one is intact, the status of that moment, and every revision whose snapshot still exists."""
    records = _revision_records(folder, backups)
    ordered = sorted(records.values(), key=lambda r: (_time(r.get("time")), str(r.get("rev_id"))), reverse=True)
    reader = DraftFile(folder)
    for rev in ordered:
        try:
            content = reader.read_snapshot(str(rev["snap"]))
        except (StorageError, OSError, KeyError):
            continue
        saved = _time(rev.get("time"))
        base = next((c for c in backups if c.saved_at <= saved), backups[0] if backups else None)
        review = dict(base.data["review"]["1"]) if base else {"status": "draft", "comments": []}
        review["status"] = _status_at(saved, records, backups, default=str(review.get("status", "draft")))
        history = [  # what was known at that moment and can still be shown; found files only if chosen
            {k: r[k] for k in ("rev_id", "time", "kind", "note", "snap") if k in r}
            for r in sorted(records.values(), key=lambda r: (_time(r.get("time")), str(r.get("rev_id"))))
            if r is rev or (_time(r.get("time")) <= saved and not r.get("found") and _snap_exists(folder, r.get("snap")))
        ]
        current = {"id": folder.name, "content": content, "updated_at": rev["time"], "last_rev_at": rev["time"],
                   "last_snap": rev["snap"]}
        data = {"current": {"1": current}, "review": {"1": review},
                "revisions": {str(i + 1): {**h, "kind": h.get("kind") or "save", "note": h.get("note") or ""}
                              for i, h in enumerate(history)}}
        try:
            validate_draft_data(data)
        except StorageError:
            continue
        return _Copy("revision", saved, data, partial=base is None, found=bool(rev.get("found")))
    return None


def _status_at(when: dt.datetime, records: dict[str, dict[str, Any]], backups: list[_Copy], default: str) -> str:
    """The review status the draft had at ``when``: from the newest log record or backup not after it."""
    known: list[tuple[dt.datetime, str]] = [
        (_time(r.get("time")), r["status"]) for r in records.values() if r.get("status") in STATUSES]
    known += [(c.saved_at, c.data["review"]["1"]["status"]) for c in backups]
    known = [k for k in known if k[0] <= when]
    return max(known, key=lambda k: k[0])[1] if known else (default if default in STATUSES else "draft")


def _snap_exists(folder: Path, snap: Any) -> bool:
    return isinstance(snap, str) and (folder / SNAP_DIR / f"{snap}{SNAP_EXT}").is_file()
