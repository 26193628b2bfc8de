"""Opening a store folder: lock, leftover temp files, recovery of damaged files, schema check, index rebuild.

The draft folders are the truth; ``index.json`` is a cache of their summaries (plus when each went to the
trash) that is rebuilt from them whenever it disagrees, so a crash between two files' writes loses nothing.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb.table import Document

from storage.atomic import TMP_SUFFIX
from storage.backups import recover
from storage.draftfile import DRAFT_FILE, validate_draft_data
from storage.errors import CorruptFileError, StorageError, from_oserror
from storage.jsonstore import open_db, transaction
from storage.lock import StoreLock, locked_message
from storage.models import OpenMessage
from storage.schema import MIGRATIONS, SCHEMA_VERSION, backup_for_migration

logger = logging.getLogger(__name__)

__all__ = ["OpenState", "open_folder", "write_index", "INDEX_FILE", "TRASH_KEEP"]

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
    #: Read-only stores only: drafts whose file is damaged are read from this backup instead.
    read_from: dict[str, Path] = field(default_factory=dict)


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
        if acquired:
            state.lock = lock
            if lock.took_over:
                o = lock.took_over
                state.report.append(OpenMessage(
                    "lock_taken_over",
                    f"上次程序（计算机 {o.get('host', '?')}，进程 {o.get('pid', '?')}）未正常退出，已接管草稿存放位置。",
                    f"took over the stale lock of host {o.get('host')} pid {o.get('pid')}", str(lock.path)))
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
    if writable:
        if state.lock is not None:
            _purge_trash(state)
        if index is None or state.summaries != state.index_snapshot or version != SCHEMA_VERSION:
            write_index(root, state.summaries)
            state.index_snapshot = {k: dict(v) for k, v in state.summaries.items()}


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


def _scan_drafts(state: OpenState, writable: bool) -> None:
    for area, deleted in (("drafts", False), ("trash", True)):
        folder = state.root / area
        try:
            names = sorted(os.listdir(folder))
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise from_oserror(exc, folder) from exc
        for name in names:
            sub = folder / name
            if not sub.is_dir():
                continue
            data, messages = recover(sub / DRAFT_FILE, validate_draft_data, label_zh=f"草稿 {name}",
                                     label_en=f"draft {name}", repair=writable)
            state.report.extend(messages)
            state.read_from.update({name: Path(m.path) for m in messages if m.code == "recovered_read_only"})
            if data is None:
                if not messages and writable and not (sub / "backups").exists():
                    shutil.rmtree(sub, ignore_errors=True)  # a create() interrupted before its first write
                continue
            state.summaries[name] = _summary(name, data, deleted, state.index_snapshot.get(name), sub)


def _summary(draft_id: str, data: dict[str, Any], deleted: bool, indexed: dict[str, Any] | None, folder: Path) -> dict[str, Any]:
    current, review = data["current"]["1"], data["review"]["1"]
    content = current["content"]
    deleted_at = None
    if deleted:
        deleted_at = (indexed or {}).get("deleted_at") or dt.datetime.fromtimestamp(folder.stat().st_mtime).isoformat()
    return {"id": draft_id, "agency": content.get("agency", ""), "year": content.get("year", 0), "format_id": content.get("format", ""),
            "status": review["status"], "updated_at": current.get("updated_at", ""), "deleted_at": deleted_at}


def _clean_temp_files(root: Path) -> None:
    """Temp files of writes a crash interrupted (we hold the lock, so none is in use)."""
    folders = [root]
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


def _purge_trash(state: OpenState) -> None:
    now = dt.datetime.now()
    for draft_id, summary in list(state.summaries.items()):
        deleted_at = summary.get("deleted_at")
        if deleted_at and now - dt.datetime.fromisoformat(deleted_at) > TRASH_KEEP:
            shutil.rmtree(state.root / "trash" / draft_id, ignore_errors=True)
            del state.summaries[draft_id]
            logger.info("purged %s from the trash", draft_id)
