"""A damaged store stays usable: wrong kinds of entries, a damaged lock, and recovery to the last save.

Each damaged entry is reported by the draft's agency and year (never its folder's hex id), every healthy
draft stays reachable, and a damaged draft comes back as its newest intact copy: the draft file, a backup
or a revision, whichever was saved last.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import storage
from storage.draftfile import LOG_FILE

CELL = ("t3", "carried_in", "natural")
A, B = "甲县人民政府办公室", "乙市教育局"


def _value(s: storage.Store, draft_id: str) -> int:
    return s.load(draft_id).values[CELL]


def _two_drafts(root: Path, make_draft, last_explicit: bool = True) -> tuple[str, str]:
    """Draft A saved 1, 2, 3 (the last one an explicit save unless told), draft B healthy with value 7."""
    with storage.open_store(root) as s:
        a = s.create(make_draft(1, agency=A, year=2023))
        s.save(a, make_draft(2, agency=A, year=2023))
        s.save(a, make_draft(3, agency=A, year=2023), explicit=last_explicit)
        b = s.create(make_draft(7, agency=B, year=2024))
    return a, b


def _named_not_hex(message: storage.OpenMessage, draft_id: str, agency: str = A, year: int = 2023) -> None:
    assert f"{agency} {year} 年度" in message.zh, message.zh
    assert draft_id not in message.zh and draft_id[:8] not in message.zh
    assert message.en and message.draft_id == draft_id


def _folder(root: Path, draft_id: str) -> Path:
    return root / "drafts" / draft_id


# ---------------------------------------------------------------- the last save is never lost
@pytest.mark.parametrize("damage", ["empty", "flip", "folder", "truncate"])
def test_damaged_draft_file_recovers_the_last_save_from_the_revisions(root: Path, make_draft, damage: str) -> None:
    a, b = _two_drafts(root, make_draft)
    path = _folder(root, a) / "draft.json"
    good = path.read_bytes()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "flip":
        path.write_bytes(good[:200] + bytes([good[200] ^ 0x10]) + good[201:])
    elif damage == "truncate":
        path.write_bytes(good[: len(good) // 2])
    else:
        path.unlink()
        (path / "内").mkdir(parents=True)
    with storage.open_store(root) as s:
        assert not s.read_only
        [message] = s.open_report
        assert message.code == "recovered" and message.source == "revision"
        assert "历史版本" in message.zh
        _named_not_hex(message, a)
        assert _value(s, a) == 3 and _value(s, b) == 7
        assert [r.note for r in s.revisions(a)] == ["新建", "保存", "保存"]
        s.save(a, make_draft(4, agency=A, year=2023))  # and it keeps working
    assert path.is_file()
    kept = [p for p in path.parent.iterdir() if p.name.startswith("draft.json.corrupt-")]
    assert len(kept) == 1 and (kept[0].is_dir() if damage == "folder" else kept[0].read_bytes() != good)
    with storage.open_store(root) as s:
        assert s.open_report == [] and _value(s, a) == 4


def test_last_autosave_without_revision_recovers_the_newest_backup(root: Path, make_draft) -> None:
    """An autosave makes no revision, so the newest intact copy is the backup of the save before it."""
    a, _ = _two_drafts(root, make_draft, last_explicit=False)
    with storage.open_store(root) as s:
        s.save(a, make_draft(5, agency=A, year=2023), explicit=False)
    (_folder(root, a) / "draft.json").write_bytes(b"")
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert (message.code, message.source) == ("recovered", "backup")
        assert _value(s, a) == 3  # the autosave before the last; 5 existed only in the damaged file


def test_draft_file_and_every_backup_damaged_is_rebuilt_from_its_revisions(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    with storage.open_store(root) as s:
        s.submit(a, "张三")
    folder = _folder(root, a)
    for backup in (folder / "backups").iterdir():
        backup.write_bytes(backup.read_bytes()[:-5])
    (folder / "draft.json").write_bytes(b"\x00" * 50)
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert (message.code, message.source) == ("recovered", "revision")
        assert "审核意见未能恢复" in message.zh
        assert {d.id for d in s.list_drafts()} == {a, b}  # in every list
        assert _value(s, a) == 3
        assert s.review(a).status == "submitted"  # the status of that moment, from the revision log
        assert [r.kind for r in s.revisions(a)] == ["save", "save", "save", "status"]
        assert s.diff(a, s.revisions(a)[0].rev_id, s.revisions(a)[2].rev_id)


def test_without_revision_log_the_newest_snapshot_file_is_used(root: Path, make_draft) -> None:
    """Stores written before the log existed: unnamed snapshots are timed by their file."""
    a, _ = _two_drafts(root, make_draft)
    folder = _folder(root, a)
    (folder / LOG_FILE).unlink()
    (folder / "draft.json").write_bytes(b"")
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert (message.code, message.source) == ("recovered", "revision")
        assert _value(s, a) == 3


def test_an_unnamed_snapshot_whose_file_time_lags_the_clock_still_wins(root: Path, make_draft) -> None:
    """File times are coarse (a clock tick; 2 s on FAT): a snapshot stamped a little before the last
    backup's recorded time is still the newer copy when no intact copy names it."""
    a, _ = _two_drafts(root, make_draft)
    folder = _folder(root, a)
    (folder / LOG_FILE).unlink()
    snaps = sorted((folder / "revs").iterdir(), key=lambda p: p.stat().st_mtime)
    newest = snaps[-1]
    lag = newest.stat().st_mtime - 1.0  # one second earlier than written
    os.utime(newest, (lag, lag))
    for older in snaps[:-1]:
        os.utime(older, (lag - 5, lag - 5))
    (folder / "draft.json").write_bytes(b"")
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert (message.code, message.source) == ("recovered", "revision")
        assert _value(s, a) == 3


def test_damaged_log_lines_are_skipped(root: Path, make_draft) -> None:
    a, _ = _two_drafts(root, make_draft)
    log = _folder(root, a) / LOG_FILE
    raw = bytearray(log.read_bytes())
    raw[len(raw) // 3] ^= 0x01  # one record no longer matches its checksum
    log.write_bytes(bytes(raw) + b"\n00000000deadbeef {\"torn")
    (_folder(root, a) / "draft.json").write_bytes(b"")
    with storage.open_store(root) as s:
        assert [m.code for m in s.open_report] == ["recovered"]
        assert _value(s, a) == 3


def test_status_change_is_the_newest_copy(root: Path, make_draft) -> None:
    a, _ = _two_drafts(root, make_draft)
    with storage.open_store(root) as s:
        s.submit(a, "张三")
        s.approve(a, "李四")
    (_folder(root, a) / "draft.json").write_bytes(b"")
    with storage.open_store(root) as s:
        assert s.review(a).status == "approved"  # never silently editable again
        with pytest.raises(storage.ReadOnlyDraftError):
            s.save(a, make_draft(9, agency=A, year=2023))


def test_trashed_draft_is_recovered_and_stays_in_the_trash(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    with storage.open_store(root) as s:
        s.delete(a)
    (root / "trash" / a / "draft.json").write_bytes(b"{}")
    with storage.open_store(root) as s:
        assert [m.code for m in s.open_report] == ["recovered"]
        assert [d.id for d in s.list_trash()] == [a] and [d.id for d in s.list_drafts()] == [b]
        assert _value(s, a) == 3


def test_read_only_copy_shows_the_last_save_and_changes_nothing(root: Path, make_draft) -> None:
    a, _ = _two_drafts(root, make_draft)
    with storage.open_store(root):  # holds the lock
        path = _folder(root, a) / "draft.json"
        path.write_bytes(b"")
        before = sorted(p.name for p in path.parent.rglob("*"))
        with storage.open_store(root) as reader:
            assert reader.read_only
            assert [m.code for m in reader.open_report] == ["locked", "recovered_read_only"]
            assert reader.open_report[1].source == "revision"
            assert _value(reader, a) == 3 and len(reader.revisions(a)) == 3
        assert sorted(p.name for p in path.parent.rglob("*")) == before and path.read_bytes() == b""


def test_no_intact_copy_is_named_by_agency_and_year(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    folder = _folder(root, a)
    shutil.rmtree(folder / "revs")
    shutil.rmtree(folder / "backups")
    (folder / "draft.json").write_bytes(b"")
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert message.code == "recovered_none"
        _named_not_hex(message, a)
        assert [d.id for d in s.list_drafts()] == [b]


# ---------------------------------------------------------------- one bad entry never closes the store
def test_index_replaced_by_a_folder_is_rebuilt(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    index = root / "index.json"
    index.unlink()
    index.mkdir()
    with storage.open_store(root) as s:
        assert not s.read_only
        assert s.open_report[0].code == "recovered"  # from the index's own backup
        assert {d.id for d in s.list_drafts()} == {a, b}
    assert index.is_file() and any(p.name.startswith("index.json.corrupt-") and p.is_dir() for p in root.iterdir())
    shutil.rmtree(root / "backups")
    index.write_bytes(b"")
    with storage.open_store(root) as s:  # no backup either: rebuilt from the draft folders
        assert [m.code for m in s.open_report] == ["recovered_none", "index_rebuilt"]
        assert {(d.agency, d.year) for d in s.list_drafts()} == {(A, 2023), (B, 2024)}


def test_trash_replaced_by_a_file(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    (root / "trash").write_text("x")
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert message.code == "repaired" and "回收站" in message.zh
        assert {d.id for d in s.list_drafts()} == {a, b}
        s.delete(a)  # the trash works again
        assert [d.id for d in s.list_trash()] == [a]
    assert any(p.name.startswith("trash.damaged-") and p.is_file() for p in root.iterdir())


@pytest.mark.parametrize("entry", ["drafts", "backups"])
def test_other_store_folders_replaced_by_a_file(root: Path, make_draft, entry: str) -> None:
    _two_drafts(root, make_draft)
    moved = root.parent / "moved"
    shutil.move(root / entry, moved)
    (root / entry).write_bytes(b"")
    with storage.open_store(root) as s:
        assert "repaired" in [m.code for m in s.open_report]
        new = s.create(storage_draft(make_draft))
        assert new in {d.id for d in s.list_drafts()}


def storage_draft(make_draft):  # a third draft, for "the store still works"
    return make_draft(11, agency="丙区财政局", year=2022)


@pytest.mark.parametrize("part", ["revs", "backups", LOG_FILE])
def test_parts_of_a_draft_folder_of_the_wrong_kind(root: Path, make_draft, part: str) -> None:
    a, b = _two_drafts(root, make_draft)
    target = _folder(root, a) / part
    if target.is_dir():
        shutil.rmtree(target)
        target.write_bytes(b"junk")
    else:
        target.unlink()
        target.mkdir()
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert message.code == "repaired"
        _named_not_hex(message, a)
        assert _value(s, a) == 3 and _value(s, b) == 7
        s.save(a, make_draft(4, agency=A, year=2023))  # saving, backups and history work again
        assert _value(s, a) == 4 and len(s.revisions(a)) == 4
    assert (_folder(root, a) / part).is_dir() == (part != LOG_FILE)


def test_draft_folder_replaced_by_a_file(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    shutil.rmtree(_folder(root, a))
    _folder(root, a).write_bytes(b"")
    with storage.open_store(root) as s:
        codes = [m.code for m in s.open_report]
        assert codes == ["repaired", "recovered_none"]
        _named_not_hex(s.open_report[1], a)
        assert [d.id for d in s.list_drafts()] == [b]
    with storage.open_store(root) as s:  # reported once, not at every start
        assert s.open_report == []


def test_draft_folder_gone_is_reported_once(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    shutil.rmtree(_folder(root, a))
    with storage.open_store(root) as s:
        [message] = s.open_report
        assert message.code == "draft_missing"
        _named_not_hex(message, a)
    with storage.open_store(root) as s:
        assert s.open_report == [] and [d.id for d in s.list_drafts()] == [b]


def test_foreign_files_in_the_drafts_folder_are_left_alone(root: Path, make_draft) -> None:
    _two_drafts(root, make_draft)
    (root / "drafts" / "desktop.ini").write_text("[.ShellClassInfo]")
    (root / "drafts" / "我的文件夹").mkdir()
    with storage.open_store(root) as s:
        assert s.open_report == [] and len(s.list_drafts()) == 2
    assert (root / "drafts" / "desktop.ini").exists() and (root / "drafts" / "我的文件夹").is_dir()


def test_damaged_snapshot_is_rewritten_when_its_content_is_saved_again(root: Path, make_draft) -> None:
    a, _ = _two_drafts(root, make_draft)
    with storage.open_store(root) as s:
        snaps = sorted((_folder(root, a) / "revs").iterdir(), key=lambda p: p.stat().st_mtime)
        snaps[-1].write_bytes(b"garbage")  # the snapshot of value 3
        s.submit(a, "张三")  # a status revision of the same content reuses that snapshot
        revs = s.revisions(a)
        assert s.diff(a, revs[-2].rev_id, revs[-1].rev_id) == []  # readable again


# ---------------------------------------------------------------- the lock
def test_lock_replaced_by_an_old_folder(root: Path, make_draft) -> None:
    a, _ = _two_drafts(root, make_draft)
    (root / "store.lock").mkdir()
    (root / "store.lock" / "old.txt").write_text("x")
    with storage.open_store(root) as s:
        assert not s.read_only
        [message] = s.open_report
        assert message.code == "lock_repaired" and "文件夹" in message.zh and message.en
        s.save(a, make_draft(4, agency=A, year=2023))
    kept = [p for p in root.iterdir() if p.name.startswith("store.lock.damaged-")]
    assert len(kept) == 1 and (kept[0] / "old.txt").read_text() == "x"
    assert not (root / "store.lock").exists()  # released on close


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_lock_replaced_by_a_pipe_does_not_hang(root: Path) -> None:
    root.mkdir(parents=True)
    os.mkfifo(root / "store.lock")
    with storage.open_store(root) as s:
        assert [m.code for m in s.open_report] == ["lock_repaired"] and not s.read_only


@pytest.mark.parametrize("record", [
    {"pid": 10**30, "host": "__this__", "time": "2020-01-01T00:00:00"},
    {"pid": True, "host": "其他电脑", "time": "2020-01-01T00:00:00+08:00"},
    {"pid": "x", "host": ["?"], "time": 5},
    [1, 2, 3],
])
def test_odd_old_lock_records_are_taken_over(root: Path, record: object) -> None:
    import socket

    root.mkdir(parents=True)
    if isinstance(record, dict) and record.get("host") == "__this__":
        record["host"] = socket.gethostname()
    lock = root / "store.lock"
    lock.write_text(json.dumps(record), encoding="utf-8")
    old = (dt.datetime.now() - dt.timedelta(days=2)).timestamp()
    os.utime(lock, (old, old))
    with storage.open_store(root) as s:
        assert not s.read_only, s.open_report
        assert [m.code for m in s.open_report] == ["lock_taken_over"]


# ---------------------------------------------------------------- through the command line
def test_cli_lists_a_damaged_store_and_names_the_draft(root: Path, make_draft) -> None:
    a, b = _two_drafts(root, make_draft)
    (_folder(root, a) / "draft.json").write_bytes(b"")
    (root / "trash").write_bytes(b"")
    env = {k: v for k, v in os.environ.items() if k != "NIANBAO_DATA_DIR"}
    done = subprocess.run([sys.executable, "-m", "nianbao", "--data-dir", str(root), "store", "list", "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=60, env=env, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert {r["id"] for r in json.loads(done.stdout)} == {a, b}
    assert f"{A} 2023 年度" in done.stderr and "历史版本" in done.stderr and "回收站" in done.stderr
    assert "Traceback" not in done.stderr and a not in done.stderr
