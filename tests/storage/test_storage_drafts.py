"""Drafts: create, list, load, save, duplicate, trash, new from last year; failed saves keep data and retry."""

from __future__ import annotations

import datetime as dt
import errno
import os
from decimal import Decimal
from pathlib import Path

import pytest

import forms
import storage

CELL = ("t3", "carried_in", "natural")


def test_roundtrip_keeps_every_field(store, example: forms.Draft) -> None:
    example.signature.date = dt.date(2021, 1, 15)
    draft_id = store.create(example)
    loaded = store.load(draft_id)
    assert forms.draft_to_dict(loaded) == forms.draft_to_dict(example)
    assert loaded.values == example.values and loaded.texts == example.texts
    assert loaded.signature == example.signature


def test_money_values_stay_exact(store) -> None:
    draft = forms.new_draft("某局", 2023)
    money_cell = next((t.id, r.id, c.id) for t in draft.definition.tables for r, c in t.input_cells() if c.kind == "money")
    draft.set_value(*money_cell, Decimal("1316.73"))
    draft_id = store.create(draft)
    assert store.load(draft_id).values[money_cell] == Decimal("1316.73")


def test_list_is_newest_first_with_summary_fields(store, make_draft) -> None:
    a = store.create(make_draft(1, agency="甲局"))
    b = store.create(make_draft(1, agency="乙局", year=2024))
    store.save(a, make_draft(2, agency="甲局改名"))
    listed = store.list_drafts()
    assert [s.id for s in listed] == [a, b]
    assert (listed[0].agency, listed[0].year, listed[0].format_id, listed[0].status) == ("甲局改名", 2023, "2021", "draft")
    assert isinstance(listed[0].updated_at, dt.datetime) and listed[0].updated_at >= listed[1].updated_at


def test_list_survives_reopen_and_lost_index(root: Path, make_draft) -> None:
    with storage.open_store(root) as s:
        ids = {s.create(make_draft(i)) for i in range(3)}
    (root / "index.json").unlink()
    for backup in (root / "backups").iterdir():
        backup.unlink()
    with storage.open_store(root) as s:
        assert {d.id for d in s.list_drafts()} == ids


def test_save_does_not_touch_the_callers_draft(store, make_draft) -> None:
    draft = make_draft(5)
    before = forms.draft_to_dict(draft)
    draft_id = store.create(draft)
    store.save(draft_id, draft)
    assert forms.draft_to_dict(draft) == before


def test_invalid_draft_is_refused_before_writing(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    path = store.root / "drafts" / draft_id / "draft.json"
    before = path.read_bytes()
    bad = make_draft(1)
    bad.values[CELL] = -5  # counts cannot be negative
    with pytest.raises(storage.InvalidDraftError) as info:
        store.save(draft_id, bad)
    assert "负数" in info.value.zh
    weird = make_draft(1)
    weird.texts["s5"] = object()  # type: ignore[assignment]
    with pytest.raises(storage.StorageError):
        store.save(draft_id, weird)
    assert path.read_bytes() == before


def test_unknown_id_is_a_typed_error(store) -> None:
    with pytest.raises(storage.DraftNotFoundError):
        store.load("0" * 32)


def test_duplicate_is_independent(store, make_draft) -> None:
    a = store.create(make_draft(1))
    b = store.duplicate(a)
    store.save(b, make_draft(7))
    assert store.load(a).values[CELL] == 1 and store.load(b).values[CELL] == 7
    assert len(store.revisions(b)) == 2


def test_delete_to_trash_and_restore(root: Path, make_draft) -> None:
    with storage.open_store(root) as s:
        a = s.create(make_draft(1))
        b = s.create(make_draft(2))
        s.delete(a)
        assert [d.id for d in s.list_drafts()] == [b]
        trash = s.list_trash()
        assert [d.id for d in trash] == [a] and trash[0].deleted_at is not None
        with pytest.raises(storage.DraftNotFoundError):
            s.save(a, make_draft(3))
        assert s.load(a).values[CELL] == 1  # still readable in the trash
    with storage.open_store(root) as s:  # the trash survives a restart
        assert [d.id for d in s.list_trash()] == [a]
        s.restore_from_trash(a)
        assert {d.id for d in s.list_drafts()} == {a, b} and s.list_trash() == []
        s.save(a, make_draft(4))
        assert s.load(a).values[CELL] == 4


def test_trash_is_emptied_after_30_days(root: Path, make_draft) -> None:
    with storage.open_store(root) as s:
        a = s.create(make_draft(1))
        s.clock = lambda: dt.datetime.now() - dt.timedelta(days=31)  # type: ignore[method-assign]
        s.delete(a)
    with storage.open_store(root) as s:
        assert s.list_trash() == [] and not (root / "trash" / a).exists()


def test_new_from_last_year_2019_format_carries_counts_and_carry_over(store, example: forms.Draft) -> None:
    last = example.copy()
    last_id = store.create(last)
    new_id = store.new_from_last_year(last_id)
    new = store.load(new_id)
    assert new.year == last.year + 1 and new.agency == last.agency
    assert new.signature.agency == last.signature.agency and new.signature.date is None
    assert new.texts == {}
    definition = forms.load_format(new.format_id)
    expected = {}
    for _carry, target, sources in forms.carried_cells(definition, last.definition):
        parts = [last.value(*s) for s in sources if last.value(*s) is not None]
        if parts:
            expected[target] = sum(parts)
    assert expected  # the example has carried cells
    assert new.values == expected
    with_texts = store.load(store.new_from_last_year(last_id, copy_texts=True))
    assert with_texts.texts and set(with_texts.texts) <= {t.id for t in definition.texts}


def test_new_from_last_year_sums_prev_count_and_change(store) -> None:
    last = forms.new_draft("某局", 2019, "2019")
    table = last.definition.table("t2_5")
    row = table.rows[0].id
    last.set_value("t2_5", row, "prev_count", 40)
    last.set_value("t2_5", row, "change", 3)
    last.set_value("t3", "carry_over", "natural", 6)
    new = store.load(store.new_from_last_year(store.create(last)))
    assert new.year == 2020 and new.format_id == "2019"
    assert new.values[("t2_5", row, "prev_count")] == 43
    assert new.values[("t3", "carried_in", "natural")] == 6
    assert ("t2_5", row, "change") not in new.values


def test_disk_full_keeps_data_and_the_next_save_retries(store, make_draft, monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = store.create(make_draft(1))
    draft = make_draft(2)
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    for explicit in (False, True):
        with pytest.raises(storage.DiskFullError) as info:
            store.save(draft_id, draft, explicit=explicit)
        assert "磁盘空间已满" in info.value.zh
    assert draft.values[CELL] == 2  # the caller still has the draft
    assert store.load(draft_id).values[CELL] == 1  # nothing stored was damaged
    assert len(store.revisions(draft_id)) == 1
    monkeypatch.setattr(os, "write", real_write)
    store.save(draft_id, draft)  # retry succeeds
    assert store.load(draft_id).values[CELL] == 2
    leftovers = [p for p in (store.root / "drafts" / draft_id).rglob("*.tmp")]
    assert leftovers == []


def test_read_only_folder_and_permission_denied_keep_data(store, make_draft, monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = store.create(make_draft(1))
    for err, kind, word in ((errno.EROFS, storage.ReadOnlyFolderError, "只读"), (errno.EACCES, storage.PermissionDeniedError, "权限")):
        def refuse(path, flags, mode=0o777, *, dir_fd=None, _err=err):  # type: ignore[no-untyped-def]
            raise OSError(_err, os.strerror(_err), str(path))
        monkeypatch.setattr(os, "open", refuse)
        with pytest.raises(kind) as info:
            store.save(draft_id, make_draft(2))
        assert word in info.value.zh
        monkeypatch.undo()
        assert store.load(draft_id).values[CELL] == 1
    store.save(draft_id, make_draft(3))
    assert store.load(draft_id).values[CELL] == 3


def test_store_in_a_read_only_folder_opens_read_only(root: Path, make_draft, monkeypatch: pytest.MonkeyPatch) -> None:
    with storage.open_store(root) as s:
        draft_id = s.create(make_draft(1))
    real_open = os.open

    def ro(path, flags, *args, **kwargs):  # type: ignore[no-untyped-def]
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("storage.lock.os.open", ro)
    with storage.open_store(root) as s:
        assert s.read_only and "只读" in (s.read_only_reason or "")
        assert s.load(draft_id).values[CELL] == 1


def test_saves_from_two_threads_do_not_interleave(store, make_draft) -> None:
    """An autosave timer thread and the UI thread may save at the same moment."""
    import threading

    a, b = store.create(make_draft(0)), store.create(make_draft(0))
    errors: list[BaseException] = []

    def worker(draft_id: str, explicit: bool) -> None:
        try:
            for n in range(1, 31):
                store.save(draft_id, make_draft(n), explicit=explicit)
                store.save(a, make_draft(n), explicit=False)
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(b, True)), threading.Thread(target=worker, args=(b, False))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.load(a).values[CELL] == 30 and store.load(b).values[CELL] == 30
    assert len([r for r in store.revisions(b) if r.kind == "save"]) == 31
    with storage.open_store(store.root) as second:  # a second copy sees a consistent store
        assert [m.code for m in second.open_report] == ["locked"]
        assert second.load(b).values[CELL] == 30
