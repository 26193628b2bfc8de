"""Opening a store folder: lock, layout, leftover temp files, recovery of damaged files, schema check, index rebuild.

The draft folders are the truth; ``index.json`` is a cache of their summaries (plus when each went to the
trash) that is rebuilt from them whenever it disagrees, so a crash between two files' writes loses nothing.
One damaged entry never stops the store from opening: it is set aside (renamed, never deleted), recovered
from its newest intact copy where one exists, and reported by the draft's agency and year.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.table import Document

from storage.atomic import TMP_SUFFIX
from storage.backups import move_aside, recover
from storage.draftfile import LOG_FILE, SNAP_DIR
from storage.errors import CorruptFileError, StorageError, from_oserror
from storage.jsonstore import open_db, transaction
from storage.lock import StoreLock, locked_message
from storage.models import OpenMessage
from storage.recovery import draft_label, open_draft
from storage.schema import MIGRATIONS, SCHEMA_VERSION, backup_for_migration

logger = logging.getLogger(__name__)

__all__ = ["INDEX_FILE", "TRASH_KEEP", "OpenState", "open_folder", "write_index"]

INDEX_FILE = "index.json"
#: Drafts stay recoverable in the trash this long.
TRASH_KEEP = dt.timedelta(days=30)


@dataclass
class OpenState:
    root: Path
    lock: StoreLock | None
    read_only_reason: str | None = None
    report: list[OpenMessage] = field(default_factory=list)
    summaries: dict[str, dict[str, Any]] = field(default_factory=dict)
    index_snapshot: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: Drafts whose file is damaged but could not be repaired (read-only store): the recovered tables to show.
    read_from: dict[str, dict[str, Any]] = field(default_factory=dict)


#: A draft folder's name (a hex id, as the exchange file allows); anything else in drafts/ or trash/ is not ours.
_DRAFT_ID = re.compile(r"[0-9a-f]{8,64}")
#: What each entry of the store folder must be; a wrong kind is set aside and recreated.
_ROOT_FOLDERS = {"drafts": ("草稿", "drafts"), "trash": ("回收站", "trash"), "backups": ("索引备份", "index backups")}


def _validate_index(data: Any) -> None:
    if not isinstance(data, dict) or not isinstance((data.get("_meta") or {}).get("1"), dict):
        raise CorruptFileError("索引文件结构无效", "index structure invalid")


def open_folder(root: Path) -> OpenState:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise from_oserror(exc, root) from exc
    state = OpenState(root=root, lock=None)
    lock = StoreLock(root)
    try:
        acquired = lock.acquire()
    except StorageError as exc:
        acquired = False
        state.read_only_reason = f"无法写入存放草稿的文件夹，只能查看。{exc.zh}"
        state.report.append(OpenMessage("read_only_folder", state.read_only_reason, f"folder not writable: {exc.en}", str(root)))
    else:
        if lock.repaired:
            zh_what, en_what, aside = lock.repaired
            state.report.append(OpenMessage(
                "lock_repaired", f"锁文件 store.lock 已损坏（{zh_what}），已改名为 {aside} 并重新建立。",
                f"store.lock was damaged ({en_what}); renamed to {aside} and created anew", str(lock.path)))
        if acquired:
            state.lock = lock
            if lock.took_over is not None:
                o = lock.took_over
                host, pid = (str(o.get(k, "?"))[:64] for k in ("host", "pid"))
                zh = (f"上次程序（计算机 {host}，进程 {pid}）未正常退出，已接管草稿存放位置。" if o
                      else "旧的锁文件 store.lock 无法读取（已损坏或不完整），且已过时，已接管草稿存放位置。")
                state.report.append(OpenMessage("lock_taken_over", zh, f"took over the stale lock of host {host} pid {pid}",
                                                str(lock.path)))
        else:
            zh, en = locked_message(lock.owner)
            state.read_only_reason = zh
            state.report.append(OpenMessage("locked", zh, en, str(lock.path)))
    try:
        _load(state)
    except BaseException:
        if state.lock is not None:  # do not leave a live-looking lock behind a failed open
            state.lock.release()
        raise
    return state


def _load(state: OpenState) -> None:
    """Everything after the lock: temp files, index, schema, draft folders, trash, index rewrite."""
    root = state.root
    writable = state.read_only_reason is None
    _check_layout(state, writable)
    if writable:
        _clean_temp_files(root)
    index = _read_index(state, writable)
    version = (index.get("_meta") or {}).get("1", {}).get("schema_version", SCHEMA_VERSION) if index else SCHEMA_VERSION
    if version > SCHEMA_VERSION:
        zh = f"这些草稿由更新版本的 nianbao 保存（数据版本 {version}，本程序支持 {SCHEMA_VERSION}）。为避免损坏，只能查看，请升级程序。"
        state.read_only_reason = state.read_only_reason or zh
        state.report.append(OpenMessage("newer_schema", zh, f"store schema {version} is newer than {SCHEMA_VERSION}; read-only", str(root)))
        writable = False
        if state.lock is not None:  # leave the store to the newer program
            state.lock.release()
            state.lock = None
    elif version < SCHEMA_VERSION and writable:
        _migrate(state, version)
    elif version < SCHEMA_VERSION:
        state.report.append(OpenMessage("needs_migration", "草稿需要升级数据格式，但当前只能查看，未升级。",
                                        f"schema {version} needs migration but the store is read-only", str(root)))
    state.index_snapshot = {e["id"]: dict(e) for e in (index.get("drafts") or {}).values()} if index else {}
    _scan_drafts(state, writable)
    _report_missing(state)
    if writable:
        if state.lock is not None:
            _purge_trash(state)
        if index is None or state.summaries != state.index_snapshot or version != SCHEMA_VERSION:
            try:
                write_index(root, state.summaries)
                state.index_snapshot = {k: dict(v) for k, v in state.summaries.items()}
            except StorageError as exc:  # a cache: the store works without it, and it is rebuilt next time
                logger.warning("index not rewritten on open: %s", exc.en)


def _read_index(state: OpenState, writable: bool) -> dict[str, Any] | None:
    path = state.root / INDEX_FILE
    data, messages = recover(path, _validate_index, label_zh="草稿索引", label_en="the draft index", repair=writable)
    state.report.extend(messages)
    if data is None and messages:
        state.report.append(OpenMessage("index_rebuilt", "草稿索引已根据各草稿文件重建。", "index rebuilt from the draft files", str(path)))
    return data


def write_index(root: Path, summaries: dict[str, dict[str, Any]]) -> None:
    """Rewrite index.json (schema version + one summary per draft) in one atomic write."""
    db = open_db(root / INDEX_FILE)
    with transaction(db):
        db.table("_meta").upsert(Document({"schema_version": SCHEMA_VERSION}, doc_id=1))
        drafts = db.table("drafts")
        drafts.truncate()
        drafts.insert_multiple(summaries[k] for k in sorted(summaries))


def _migrate(state: OpenState, version: int) -> None:
    try:
        target = backup_for_migration(state.root, version)
    except OSError as exc:
        raise from_oserror(exc, state.root) from exc
    while version < SCHEMA_VERSION:
        try:
            MIGRATIONS[version](state.root)
        except Exception as exc:
            raise StorageError(
                f"草稿数据升级失败（版本 {version} → {version + 1}）：{exc}。升级前的副本保存在 {target}。",
                f"migration {version} -> {version + 1} failed: {exc!r}; copy before migration in {target}") from exc
        version += 1
    state.report.append(OpenMessage(
        "migrated", f"草稿数据已升级到新格式（版本 {version}）。升级前的副本保存在 {target.name}。",
        f"store migrated to schema {version}; copy before migration in {target.name}", str(target)))


def _kind(path: Path) -> str:
    """"dir", "file", "other" or "" (absent); symbolic links count as what they point to."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return ""
    except OSError:
        return "other"
    return "dir" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "other"


_KIND_ZH = {"dir": "是一个文件夹", "file": "是一个文件", "other": "是一个特殊文件"}


def _fix_kind(state: OpenState, path: Path, want: str, label_zh: str, label_en: str, writable: bool,
              draft_id: str = "") -> bool:
    """True when ``path`` is absent or of kind ``want``; otherwise set it aside (writable) and report it."""
    kind = _kind(path)
    if not kind or kind == want:
        return True
    what = "文件夹" if want == "dir" else "文件"
    if writable:
        try:
            aside = move_aside(path, "damaged")
        except StorageError as exc:
            aside, fail = None, exc
        if aside is not None:
            state.report.append(OpenMessage(
                "repaired", f"{label_zh}已损坏（应是{what}，却{_KIND_ZH[kind]}），已改名为 {aside.name} 并重新建立。",
                f"{label_en} was damaged (a {kind} where a {'folder' if want == 'dir' else 'file'} belongs); "
                f"renamed to {aside.name} and created anew", str(path), draft_id=draft_id))
            return True
        state.report.append(OpenMessage(
            "repaired", f"{label_zh}已损坏（应是{what}，却{_KIND_ZH[kind]}），且无法改名：{fail.zh}",
            f"{label_en} is damaged (a {kind}) and could not be set aside: {fail.en}", str(path), draft_id=draft_id))
        return False
    state.report.append(OpenMessage(
        "damaged_read_only", f"{label_zh}已损坏（应是{what}，却{_KIND_ZH[kind]}）；因只能查看，尚未修复。",
        f"{label_en} is damaged (a {kind}); not repaired (read-only)", str(path), draft_id=draft_id))
    return False


def _check_layout(state: OpenState, writable: bool) -> None:
    """The folders of the store must be folders (index.json and store.lock are checked where they are read)."""
    for name, (zh, en) in _ROOT_FOLDERS.items():
        _fix_kind(state, state.root / name, "dir", f"存放位置中的“{zh}”文件夹", f"the {en} folder", writable)


def _scan_drafts(state: OpenState, writable: bool) -> None:
    for area, deleted in (("drafts", False), ("trash", True)):
        folder = state.root / area
        if _kind(folder) != "dir":
            continue
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:  # unreadable area: report, keep the rest of the store usable
            error = from_oserror(exc, folder)
            state.report.append(OpenMessage("unreadable", f"无法读取{'回收站' if deleted else '草稿'}文件夹：{error.zh}",
                                            f"cannot list {area}: {error.en}", str(folder)))
            continue
        for name in names:
            if not _DRAFT_ID.fullmatch(name):
                continue  # temp, set-aside or foreign files (desktop.ini, Thumbs.db ...)
            sub = folder / name
            indexed = state.index_snapshot.get(name)
            label_zh, label_en = draft_label(indexed, name)
            if not _fix_kind(state, sub, "dir", f"{label_zh}的文件夹", f"the folder of {label_en}", writable, name):
                continue
            if _kind(sub) != "dir":  # it was a file, now set aside: the draft's content went with the folder
                state.report.append(OpenMessage(
                    "recovered_none", f"{label_zh}的文件夹已丢失，无法恢复。", f"{label_en}: folder lost, nothing to recover",
                    str(sub), draft_id=name))
                continue
            for part, want in (("backups", "dir"), (SNAP_DIR, "dir"), (LOG_FILE, "file")):
                _fix_kind(state, sub / part, want, f"{label_zh}的{_PART_ZH[part]}", f"{label_en}: {part}", writable, name)
            data, messages = open_draft(sub, indexed=indexed, repair=writable)
            state.report.extend(messages)
            if data is None:
                if not messages and writable:
                    shutil.rmtree(sub, ignore_errors=True)  # a create() interrupted before its first write
                continue
            if any(m.code == "recovered_read_only" for m in messages):
                state.read_from[name] = data
            state.summaries[name] = _summary(name, data, deleted, indexed, sub)


_PART_ZH = {"backups": "备份文件夹", SNAP_DIR: "历史版本文件夹", LOG_FILE: "历史记录文件"}


def _report_missing(state: OpenState) -> None:
    """Drafts the index knows whose folder is gone (not a trash purge an interrupted open left unrecorded)."""
    now = dt.datetime.now()
    for draft_id, entry in state.index_snapshot.items():
        if draft_id in state.summaries or any(m.draft_id == draft_id for m in state.report):
            continue
        deleted_at = entry.get("deleted_at")
        try:
            if deleted_at and now - dt.datetime.fromisoformat(str(deleted_at)) > TRASH_KEEP:
                continue
        except (TypeError, ValueError):
            pass
        label_zh, label_en = draft_label(entry, draft_id)
        state.report.append(OpenMessage(
            "draft_missing", f"{label_zh}的文件夹不见了（可能被移动或删除），已从列表中去掉。",
            f"{label_en}: folder missing; removed from the list", str(state.root / "drafts" / draft_id), draft_id=draft_id))


def _summary(draft_id: str, data: dict[str, Any], deleted: bool, indexed: dict[str, Any] | None, folder: Path) -> dict[str, Any]:
    current, review = data["current"]["1"], data["review"]["1"]
    content = current["content"]
    deleted_at = None
    if deleted:
        deleted_at = (indexed or {}).get("deleted_at") or dt.datetime.fromtimestamp(folder.stat().st_mtime).isoformat()
    return {"id": draft_id, "agency": content.get("agency", ""), "year": content.get("year", 0), "format_id": content.get("format", ""),
            "status": review["status"], "updated_at": current.get("updated_at", ""), "deleted_at": deleted_at,
            "source": current.get("source", "")}


def _clean_temp_files(root: Path) -> None:
    """Temp files of writes a crash interrupted (we hold the lock, so none is in use)."""
    folders = [root, root / "trash"]
    for area in ("drafts", "trash"):
        try:
            for name in os.listdir(root / area):
                folders += [root / area / name, root / area / name / "revs"]
        except OSError:
            pass
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.startswith(".") and name.endswith(TMP_SUFFIX):
                try:
                    (folder / name).unlink()
                except OSError:
                    pass
            elif name.startswith(".") and name.endswith(".purge") and folder.name == "trash":
                shutil.rmtree(folder / name, ignore_errors=True)  # a purge a crash interrupted


def _purge_trash(state: OpenState) -> None:
    """Remove drafts deleted more than 30 days ago. The folder is first renamed to a hidden name, so a crash
    in the middle of removing it never leaves half a draft that would look damaged at the next open."""
    now = dt.datetime.now()
    for draft_id, summary in list(state.summaries.items()):
        deleted_at = summary.get("deleted_at")
        if deleted_at and now - dt.datetime.fromisoformat(deleted_at) > TRASH_KEEP:
            doomed = state.root / "trash" / f".{draft_id}.purge"
            try:
                os.replace(state.root / "trash" / draft_id, doomed)
            except OSError as exc:
                logger.warning("could not purge %s: %s", draft_id, exc)
                continue
            shutil.rmtree(doomed, ignore_errors=True)
            del state.summaries[draft_id]
            logger.info("purged %s from the trash", draft_id)
