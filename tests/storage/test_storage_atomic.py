"""storage.atomic / storage.jsonstore: the envelope, atomic replacement, typed OS errors, TinyDB transactions."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from storage import atomic
from storage.errors import (
    CorruptFileError,
    DiskFullError,
    FileBusyError,
    PermissionDeniedError,
    ReadOnlyFolderError,
    UnserialisableError,
)
from storage.jsonstore import AtomicJSONStorage, open_db, transaction


def test_seal_roundtrip_keeps_chinese_readable() -> None:
    data = {"_default": {"1": {"机关": "某某局", "n": 3}}}
    raw = atomic.seal(data)
    assert "某某局".encode() in raw
    assert atomic.unseal(raw) == data


@pytest.mark.parametrize("value", [float("nan"), {1, 2}, object(), b"bytes", "\ud800"])
def test_unserialisable_refused_before_any_write(tmp_path: Path, value: object) -> None:
    path = tmp_path / "db.json"
    db = open_db(path)
    db.insert({"ok": 1})
    before = path.read_bytes()
    with pytest.raises(UnserialisableError) as info:
        db.insert({"bad": value})
    assert info.value.zh
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_transaction_is_one_write_and_nothing_on_error(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = open_db(path, backups=None)
    with transaction(db):
        db.table("a").insert({"x": 1})
        db.table("b").insert({"y": "二"})
        assert not path.exists()  # nothing written until the end
    assert atomic.unseal(path.read_bytes()) == {"a": {"1": {"x": 1}}, "b": {"1": {"y": "二"}}}
    before = path.read_bytes()
    with pytest.raises(RuntimeError):
        with transaction(db):
            db.table("a").insert({"x": 2})
            raise RuntimeError("boom")
    assert path.read_bytes() == before
    assert open_db(path).table("a").all() == [{"x": 1}]


def test_storage_read_contract(tmp_path: Path) -> None:
    storage = AtomicJSONStorage(tmp_path / "missing.json")
    assert storage.read() is None  # TinyDB's "empty store"
    (tmp_path / "bad.json").write_bytes(b'{"data": {"a": {}}, "sha256": "00"}\n')
    with pytest.raises(CorruptFileError):
        AtomicJSONStorage(tmp_path / "bad.json").read()


def test_backups_rotate_and_are_bounded(tmp_path: Path) -> None:
    db = open_db(tmp_path / "db.json")
    for i in range(12):
        db.insert({"i": i})
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len([n for n in names if ".r" in n]) == 5
    assert len([n for n in names if ".d" in n]) == 1
    newest = [p for p in (tmp_path / "backups").iterdir() if ".r" in p.name]
    contents = sorted(len(atomic.unseal(p.read_bytes())["_default"]) for p in newest)
    assert contents == [7, 8, 9, 10, 11]  # the five saves before the current one


def _fail_write(err: int):
    def write(fd: int, data: bytes) -> int:
        raise OSError(err, os.strerror(err))
    return write


@pytest.mark.parametrize(("err", "kind"), [(errno.ENOSPC, DiskFullError), (errno.EROFS, ReadOnlyFolderError),
                                            (errno.EACCES, PermissionDeniedError)])
def test_os_errors_become_typed_and_keep_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, kind: type) -> None:
    path = tmp_path / "f.json"
    atomic.atomic_write(path, b"old")
    monkeypatch.setattr(os, "write", _fail_write(err))
    with pytest.raises(kind) as info:
        atomic.atomic_write(path, b"new")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in info.value.zh)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_replace_retries_while_a_scanner_holds_the_file(tmp_path: Path) -> None:
    calls, slept = [], []

    def flaky(src: Path, dst: Path) -> None:
        calls.append(1)
        if len(calls) < 4:
            err = PermissionError(13, "denied")
            err.winerror = 32  # type: ignore[attr-defined]
            raise err
        os.replace(src, dst)

    src, dst = tmp_path / "a", tmp_path / "b"
    src.write_bytes(b"x")
    atomic.replace_with_retry(src, dst, replace=flaky, sleep=slept.append)
    assert dst.read_bytes() == b"x" and len(calls) == 4 and slept == [0.01, 0.02, 0.04]


def test_replace_gives_up_after_about_two_seconds(tmp_path: Path) -> None:
    slept: list[float] = []

    def locked(src: Path, dst: Path) -> None:
        err = PermissionError(13, "denied")
        err.winerror = 32  # type: ignore[attr-defined]
        raise err

    with pytest.raises(FileBusyError) as info:
        atomic.replace_with_retry(tmp_path / "a", tmp_path / "b", replace=locked, sleep=slept.append)
    assert 2.0 <= sum(slept) <= 2.3
    assert "占用" in info.value.zh


def test_replace_does_not_retry_real_errors(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic.replace_with_retry(tmp_path / "missing", tmp_path / "b", sleep=lambda s: pytest.fail("slept"))
