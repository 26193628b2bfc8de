"""One writer per store (lock, stale takeover, read-only second copy) and schema versions/migrations."""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import storage
from storage import schema
from storage.jsonstore import open_db
from storage.lock import LOCK_NAME


def _write_lock(root: Path, **fields: object) -> None:
    root.mkdir(parents=True, exist_ok=True)
    record = {"pid": os.getpid(), "host": socket.gethostname(), "time": dt.datetime.now().isoformat(), "token": "x"} | fields
    (root / LOCK_NAME).write_text(json.dumps(record), encoding="utf-8")


def test_second_copy_is_read_only_with_a_clear_message(root: Path, make_draft) -> None:
    first = storage.open_store(root)
    draft_id = first.create(make_draft(1))
    second = storage.open_store(root)
    assert second.read_only and not first.read_only
    assert "另一个 nianbao 程序" in (second.read_only_reason or "")
    assert [m.code for m in second.open_report] == ["locked"]
    assert second.load(draft_id).values[("t3", "carried_in", "natural")] == 1  # reading still works
    with pytest.raises(storage.StoreLockedError):
        second.save(draft_id, make_draft(9))
    with pytest.raises(storage.ReadOnlyStoreError):
        second.create(make_draft(9))
    second.close()
    first.save(draft_id, make_draft(2))  # the second copy's close did not release the first's lock
    first.close()
    with storage.open_store(root) as third:
        assert not third.read_only


def test_stale_lock_of_a_dead_process_is_taken_over(root: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    _write_lock(root, pid=int(dead.stdout))
    with storage.open_store(root) as s:
        assert not s.read_only
        assert [m.code for m in s.open_report] == ["lock_taken_over"]
        assert json.loads((root / LOCK_NAME).read_text())["pid"] == os.getpid()


def test_fresh_lock_from_another_pc_is_respected_old_one_taken_over(root: Path) -> None:
    _write_lock(root, host="另一台电脑", pid=1)
    with storage.open_store(root) as s:
        assert s.read_only and "另一台电脑" in (s.read_only_reason or "")
    _write_lock(root, host="另一台电脑", pid=1, time=(dt.datetime.now() - dt.timedelta(days=2)).isoformat())
    with storage.open_store(root) as s:
        assert not s.read_only


def test_losing_the_lock_stops_writing(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    _write_lock(store.root, token="someone-else")
    with pytest.raises(storage.StoreLockedError):
        store.save(draft_id, make_draft(2))
    assert store.read_only
    (store.root / LOCK_NAME).unlink()
    with storage.open_store(store.root) as other:
        assert other.load(draft_id).values[("t3", "carried_in", "natural")] == 1


def test_newer_schema_opens_read_only(root: Path, make_draft) -> None:
    with storage.open_store(root) as s:
        draft_id = s.create(make_draft(1))
    db = open_db(root / "index.json")
    db.table("_meta").update({"schema_version": schema.SCHEMA_VERSION + 1})
    before = (root / "index.json").read_bytes()
    with storage.open_store(root) as s:
        assert s.read_only and "更新版本" in (s.read_only_reason or "")
        assert not (root / LOCK_NAME).exists()  # the newer program may still open it for writing
        assert "newer_schema" in [m.code for m in s.open_report]
        assert s.load(draft_id).values[("t3", "carried_in", "natural")] == 1
        with pytest.raises(storage.ReadOnlyStoreError):
            s.save(draft_id, make_draft(2))
    assert (root / "index.json").read_bytes() == before


def test_older_schema_is_backed_up_then_migrated(root: Path, make_draft, monkeypatch: pytest.MonkeyPatch) -> None:
    with storage.open_store(root) as s:
        draft_id = s.create(make_draft(1, agency="旧机关"))
    seen: list[Path] = []

    def rename_agency(folder: Path) -> None:
        seen.append(next(folder.glob("migration-backup-v1-*")))  # the backup exists before the migration runs
        for file in folder.glob("drafts/*/draft.json"):
            db = open_db(file)
            current = db.table("current").get(doc_id=1)
            current["content"]["agency"] = "新机关"
            db.table("current").update({"content": current["content"]}, doc_ids=[1])

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr("storage.opening.SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, rename_agency)
    with storage.open_store(root) as s:
        assert [m.code for m in s.open_report] == ["migrated"]
        assert s.load(draft_id).agency == "新机关"
        assert s.list_drafts()[0].agency == "新机关"
    backup = seen[0]
    assert (backup / "drafts" / draft_id / "draft.json").exists()
    assert open_db(root / "index.json").table("_meta").get(doc_id=1) == {"schema_version": 2}
    with storage.open_store(root) as s:
        assert s.open_report == []


def test_data_dir_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user_dirs) -> None:
    assert storage.resolve_data_dir(tmp_path / "显式 目录") == tmp_path / "显式 目录"
    assert storage.resolve_data_dir() == user_dirs.data
    with storage.open_store() as s:  # None -> environment variable
        assert s.root == user_dirs.data
    monkeypatch.delenv("NIANBAO_DATA_DIR")
    assert storage.resolve_data_dir() == storage.default_data_dir()  # computed only: the real store is never opened
    assert "nianbao" in str(storage.default_data_dir())
    monkeypatch.setenv("NIANBAO_DATA_DIR", str(tmp_path / "环境 变量"))
    with storage.open_store() as s:
        assert s.root == tmp_path / "环境 变量" and (tmp_path / "环境 变量" / "index.json").exists()


def test_failed_migration_is_a_typed_error_and_releases_the_lock(root: Path, make_draft, monkeypatch: pytest.MonkeyPatch) -> None:
    with storage.open_store(root) as s:
        s.create(make_draft(1))

    def broken(folder: Path) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setattr("storage.opening.SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 1, broken)
    with pytest.raises(storage.StorageError) as info:
        storage.open_store(root)
    assert "升级失败" in info.value.zh and "migration-backup-v1-" in info.value.zh
    assert not (root / LOCK_NAME).exists()
