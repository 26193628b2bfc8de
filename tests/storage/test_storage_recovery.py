"""Damaged store files on open: every truncation and random byte flips are recovered or reported, never a crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import storage


def _store_with_two_saves(root: Path, make_draft) -> tuple[str, Path]:
    with storage.open_store(root) as s:
        draft_id = s.create(make_draft(1))
        s.save(draft_id, make_draft(2))
    return draft_id, root / "drafts" / draft_id / "draft.json"


def _check_open(root: Path, draft_id: str, allowed: set[int]) -> list[str]:
    """Open must not raise; the draft is either intact/recovered (value in ``allowed``) or reported lost."""
    with storage.open_store(root) as s:
        codes = [m.code for m in s.open_report]
        assert not s.read_only
        ids = {d.id for d in s.list_drafts()}
        if draft_id in ids:
            assert s.load(draft_id).values[("t3", "carried_in", "natural")] in allowed
        else:
            assert "recovered_none" in codes
        for message in s.open_report:
            assert message.zh and message.en
        return codes


def test_every_truncation_of_a_draft_file_is_recovered(root: Path, make_draft) -> None:
    draft_id, path = _store_with_two_saves(root, make_draft)
    good = path.read_bytes()
    for length in range(len(good)):
        path.write_bytes(good[:length])
        codes = _check_open(root, draft_id, {2})  # the last save, from the revision history (backups hold the first)
        assert codes == ["recovered"], (length, codes)
        assert path.read_bytes() != good[:length]
        path.write_bytes(good)
    corrupt = sorted(p.name for p in path.parent.iterdir() if ".corrupt-" in p.name)
    assert len(corrupt) == len(good)  # each damaged file was kept aside, none deleted


def test_every_truncation_of_the_index_is_recovered(root: Path, make_draft) -> None:
    draft_id, _ = _store_with_two_saves(root, make_draft)
    index = root / "index.json"
    good = index.read_bytes()
    for length in range(len(good)):
        index.write_bytes(good[:length])
        codes = _check_open(root, draft_id, {2})  # the draft itself is intact
        assert codes[0] == "recovered", codes
        index.write_bytes(good)


def test_random_byte_flips_are_detected(root: Path, make_draft) -> None:
    draft_id, path = _store_with_two_saves(root, make_draft)
    good = path.read_bytes()
    rng = random.Random(4)
    for _ in range(300):
        damaged = bytearray(good)
        for _ in range(rng.randint(1, 3)):
            pos = rng.randrange(len(damaged))
            damaged[pos] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(damaged))
        assert _check_open(root, draft_id, {2}) == ["recovered"]
        path.write_bytes(good)


def test_no_intact_copy_at_all_is_reported_not_raised(root: Path, make_draft) -> None:
    draft_id, path = _store_with_two_saves(root, make_draft)
    for backup in (path.parent / "backups").iterdir():
        backup.write_bytes(b"\x00" * 10)
    for snap in (path.parent / "revs").iterdir():
        snap.write_bytes(b"\x00" * 10)
    path.write_bytes(b"")
    with storage.open_store(root) as s:
        assert [m.code for m in s.open_report] == ["recovered_none"]
        assert "没有可用的备份或历史版本" in s.open_report[0].zh
        assert "某某县人民政府办公室 2023 年度" in s.open_report[0].zh  # named by agency and year (from the index)
        assert draft_id not in s.open_report[0].zh
        assert s.list_drafts() == []
    assert any(".corrupt-" in p.name for p in path.parent.iterdir())


def test_damaged_revision_snapshot_is_a_typed_error(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    store.save(draft_id, make_draft(2))
    revs = store.revisions(draft_id)
    for snap in (store.root / "drafts" / draft_id / "revs").iterdir():
        snap.write_bytes(b"garbage")
    with pytest.raises(storage.StorageError):
        store.diff(draft_id, revs[0].rev_id, revs[1].rev_id)
    assert store.load(draft_id).values[("t3", "carried_in", "natural")] == 2


def test_leftover_temp_files_are_cleaned(root: Path, make_draft) -> None:
    draft_id, path = _store_with_two_saves(root, make_draft)
    stray = path.parent / ".draft.json.1234.abcd.tmp"
    stray.write_bytes(b"half")
    with storage.open_store(root) as s:
        assert s.load(draft_id).values[("t3", "carried_in", "natural")] == 2
    assert not stray.exists()


def test_read_only_copy_shows_the_backup_but_repairs_nothing(root: Path, make_draft) -> None:
    draft_id, path = _store_with_two_saves(root, make_draft)
    path.write_bytes(path.read_bytes()[:-10])
    damaged = path.read_bytes()
    with storage.open_store(root) as writer:  # repairs, then holds the lock
        assert [m.code for m in writer.open_report] == ["recovered"]
        path.write_bytes(damaged)  # damaged again while the first copy runs
        with storage.open_store(root) as reader:
            assert reader.read_only
            assert [m.code for m in reader.open_report] == ["locked", "recovered_read_only"]
            assert reader.load(draft_id).values[("t3", "carried_in", "natural")] in {1, 2}
        assert path.read_bytes() == damaged
