"""``.nianbao`` exchange files: round trip, conflicts, strict checks, and fuzzing (no crash, no partial import)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import forms
import storage
from storage import nianbao_file as exchange

CELL = ("t3", "carried_in", "natural")


def _tree(root: Path) -> dict[str, bytes]:
    """Every stored file and its bytes (the lock excluded): equal before and after = nothing changed."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and p.name != "store.lock"}


@pytest.fixture
def exported(store, make_draft, tmp_path: Path) -> tuple[str, Path]:
    draft_id = store.create(make_draft(3))
    store.add_comment(draft_id, "s5", "王五", "请补充")
    store.submit(draft_id, "张三")
    path = tmp_path / "交换 文件" / "报告.nianbao"
    path.parent.mkdir()
    store.export_file(draft_id, path)
    return draft_id, path


def test_export_import_on_another_pc(exported: tuple[str, Path], tmp_path: Path) -> None:
    draft_id, path = exported
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert obj["status"] == "submitted" and obj["comments"][0]["text"] == "请补充"
    assert [h["kind"] for h in obj["history"]] == ["save", "status"]
    with storage.open_store(tmp_path / "审核人 电脑") as other:
        assert other.import_file(path) == draft_id
        assert other.load(draft_id).values[CELL] == 3
        state = other.review(draft_id)
        assert state.status == "submitted" and state.comments[0].author == "王五"
        assert other.revisions(draft_id)[-1].kind == "import"
        other.return_draft(draft_id, "审核人", "数字不对")
        other.export_file(draft_id, path)


def test_conflict_never_overwrites_silently(store, exported: tuple[str, Path], make_draft) -> None:
    draft_id, path = exported
    store.reopen(draft_id, "张三")
    store.save(draft_id, make_draft(8))
    before = _tree(store.root)
    with pytest.raises(storage.ImportConflict) as info:
        store.import_file(path)
    assert info.value.existing_id == draft_id and "已存在" in info.value.zh
    assert _tree(store.root) == before
    other = store.import_file(path, on_conflict="keep_both")
    assert other != draft_id and store.load(other).values[CELL] == 3 and store.load(draft_id).values[CELL] == 8
    assert store.import_file(path, on_conflict="replace") == draft_id
    assert store.load(draft_id).values[CELL] == 3 and store.review(draft_id).status == "submitted"
    kinds = [r.kind for r in store.revisions(draft_id)]
    assert kinds[-1] == "import"
    store.reopen(draft_id, "张三")
    store.restore_revision(draft_id, [r for r in store.revisions(draft_id) if r.kind == "save"][-1].rev_id)
    assert store.load(draft_id).values[CELL] == 8  # the replaced content is still in the history
    with pytest.raises(ValueError):
        store.import_file(path, on_conflict="overwrite")


def test_import_into_trash_conflict_replace_restores(store, exported: tuple[str, Path]) -> None:
    draft_id, path = exported
    store.delete(draft_id)
    with pytest.raises(storage.ImportConflict):
        store.import_file(path)
    store.import_file(path, on_conflict="replace")
    assert draft_id in {d.id for d in store.list_drafts()}


def _mutate(path: Path, change) -> bytes:  # type: ignore[no-untyped-def]
    obj = json.loads(path.read_text(encoding="utf-8"))
    change(obj)
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


BAD = {
    "schema": (lambda o: o.update(schema="other"), "不是 nianbao 交换文件"),
    "newer": (lambda o: o.update(schema_version=99), "更新版本"),
    "format": (lambda o: o["draft"].update(format="2099"), "未知的报告格式"),
    "range": (lambda o: o["draft"]["tables"]["t3"]["carried_in"].update(natural=10**12), "数值过大"),
    "negative": (lambda o: o["draft"]["tables"]["t3"]["carried_in"].update(natural=-1), "负数"),
    "status": (lambda o: o.update(status="done"), "审核状态"),
    "id": (lambda o: o.update(id="../../etc"), "编号"),
    "unknown": (lambda o: o.update(extra=1), "未知字段"),
    "comment": (lambda o: o["comments"].append({"section": 1}), "comments[1]"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_files_change_nothing_and_name_the_problem(store, exported: tuple[str, Path], tmp_path: Path, case: str) -> None:
    change, words = BAD[case]
    _, path = exported
    bad = tmp_path / f"{case}.nianbao"
    bad.write_bytes(_mutate(path, change))
    before = _tree(store.root)
    with pytest.raises(storage.ExchangeFileError) as info:
        store.import_file(bad, on_conflict="keep_both")
    assert words in info.value.zh and info.value.zh.startswith("无法导入")
    assert _tree(store.root) == before


@pytest.mark.parametrize(("content", "words"), [
    (b"", "空"), (b"\xff\xfe\x00garbage", "UTF-8"), (b'{"schema": "nianbao-exchange"', "JSON"), (b"[1, 2]", "不是"),
    (b"{" * 100000, "JSON"), (b'{"a": NaN}', "不允许"),
])
def test_malformed_files(store, tmp_path: Path, content: bytes, words: str) -> None:
    bad = tmp_path / "bad.nianbao"
    bad.write_bytes(content)
    with pytest.raises(storage.ExchangeFileError) as info:
        store.import_file(bad)
    assert words in info.value.zh
    assert store.list_drafts() == []


def test_size_limit(store, tmp_path: Path) -> None:
    big = tmp_path / "big.nianbao"
    big.write_bytes(b" " * (exchange.MAX_BYTES + 1))
    with pytest.raises(storage.ExchangeFileError) as info:
        store.import_file(big)
    assert "5 MB" in info.value.zh
    with pytest.raises(storage.ExchangeFileError):
        store.import_file(tmp_path / "missing.nianbao")


def _fuzz_import(store, payload: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fuzz.nianbao"
    path.write_bytes(payload)
    before_tree, before_ids = _tree(store.root), {d.id for d in store.list_drafts()}
    try:
        new_id = store.import_file(path, on_conflict="keep_both")
    except storage.ExchangeFileError as exc:
        assert exc.zh and exc.en
        assert _tree(store.root) == before_tree  # nothing half-imported
        return
    after = {d.id for d in store.list_drafts()}
    assert after == before_ids | {new_id} and new_id not in before_ids
    assert forms.draft_to_dict(store.load(new_id)) == forms.draft_to_dict(exchange.decode(payload).draft)


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(data=st.data())
def test_fuzz_byte_level(store, exported: tuple[str, Path], tmp_path: Path, data: st.DataObject) -> None:
    good = bytearray(exported[1].read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(st.sampled_from(["flip", "cut", "insert", "delete"]))
        pos = data.draw(st.integers(0, max(0, len(good) - 1)))
        if op == "flip" and good:
            good[pos] ^= 1 << data.draw(st.integers(0, 7))
        elif op == "cut":
            del good[pos:]
        elif op == "insert":
            good[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
        elif good:
            del good[pos:pos + data.draw(st.integers(1, 8))]
    _fuzz_import(store, bytes(good), tmp_path)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=8)


def _paths(obj, prefix=()):  # type: ignore[no-untyped-def]
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


@FUZZ
@given(data=st.data())
def test_fuzz_structure_level(store, exported: tuple[str, Path], tmp_path: Path, data: st.DataObject) -> None:
    obj = json.loads(exported[1].read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        paths = [p for p in _paths(obj) if p]
        target = data.draw(st.sampled_from(paths))
        parent = obj
        for key in target[:-1]:
            parent = parent[key]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[target[-1]]
        else:
            parent[target[-1]] = data.draw(JSON)
    _fuzz_import(store, json.dumps(obj, ensure_ascii=False).encode("utf-8"), tmp_path)
