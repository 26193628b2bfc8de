"""Hostile inputs through every entry point: a pipe or a device is refused (never a hang), duplicate keys
and NaN are refused naming the field, the storage API checks values as the loader does, and whatever
the store accepts its own exchange file reads back."""

from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

import forms
import storage
from nianbao.cli import main

pytestmark = pytest.mark.timeout(120)  # a pipe that is opened would block forever: fail instead

#: What a clerk must never read in a Chinese message: Python's or the system's English.
_FOREIGN = re.compile(r"Errno|Error\b|[A-Z][a-z]+Error|Expecting|directory|No space|symbolic|set\(\)|float|\bint\b|NaN\)")


def _chinese_only(message: str) -> None:
    assert not _FOREIGN.search(message), message


# --------------------------------------------------------------------------- files that are no files


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    path = tmp_path / "管道.json"
    os.mkfifo(path)
    return path


def _not_files(fifo: Path, tmp_path: Path) -> list[tuple[Path, str]]:
    cases = [(fifo, "命名管道"), (tmp_path, "文件夹")]
    if Path("/dev/zero").exists():
        cases.append((Path("/dev/zero"), "设备"))
    return cases


COMMANDS = {
    "validate": lambda f, out: ["validate", str(f)],
    "render": lambda f, out: ["render", str(f), "-o", str(out / "x.pdf")],
    "store add": lambda f, out: ["store", "add", str(f)],
    "store import": lambda f, out: ["store", "import", str(f)],
    "import": lambda f, out: ["import", str(f), "-o", str(out / "x.json")],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_cli_refuses_pipes_devices_and_folders_with_exit_2(command: str, fifo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "输出"
    out.mkdir()
    for path, words in _not_files(fifo, tmp_path):
        assert main(COMMANDS[command](path, out)) == 2
        err = capsys.readouterr().err
        assert words in err and str(path) in err, err
        _chinese_only(err)
    assert sorted(p.name for p in out.iterdir()) == []  # nothing written


def test_api_refuses_pipes_and_devices(fifo: Path, tmp_path: Path, store) -> None:
    from importer import ReportImportError, import_report

    for path, words in _not_files(fifo, tmp_path):
        for kind, call in ((forms.DraftFileError, forms.load_draft_file), (storage.ExchangeFileError, store.import_file),
                           (ReportImportError, import_report)):
            with pytest.raises(kind) as info:
                call(path)
            assert words in info.value.zh and str(path) in info.value.zh
            _chinese_only(info.value.zh)
    assert store.list_drafts() == []


@pytest.mark.parametrize("name", ["index.json", "draft.json"])
def test_a_pipe_in_place_of_a_store_file_does_not_hang_opening(name: str, root: Path, make_draft) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    with storage.open_store(root) as s:
        draft_id = s.create(make_draft(1))
        s.save(draft_id, make_draft(2))  # a backup of draft.json exists
    target = root / name if name == "index.json" else root / "drafts" / draft_id / name
    target.unlink()
    os.mkfifo(target)
    with storage.open_store(root) as s:  # rebuilt or recovered; never opened as a pipe
        assert [d.id for d in s.list_drafts()] == [draft_id]
        assert s.load(draft_id).value("t3", "carried_in", "natural") in (1, 2)


# --------------------------------------------------------------------------- duplicate keys, NaN


def _draft_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("edit", "where"), [
    (lambda t: t.replace('"year": 2020,', '"year": 2020, "year": 2021,', 1), "year"),
    (lambda t: t.replace('"natural": 1', '"natural": 1, "natural": 7', 1), "tables.t3.new.natural"),
    (lambda t: t.replace('"agency": "深圳市龙岗区政务服务数据管理局",', '"agency": "甲", "agency": "乙",', 1), "agency"),
])
def test_duplicate_keys_in_a_draft_are_refused_naming_the_path(edit, where: str, seed_path: Path, tmp_path: Path, capsys) -> None:
    text = edit(_draft_text(seed_path))
    assert text != _draft_text(seed_path)
    path = tmp_path / "重复.json"
    path.write_text(text, encoding="utf-8")
    for command in ("validate", "render", "store add", "store import"):
        assert main(COMMANDS[command](path, tmp_path)) == 2
        err = capsys.readouterr().err
        assert f"{where}：" in err and "两次" in err, err
        _chinese_only(err)


def test_an_exchange_file_saying_draft_then_approved_is_refused(store, make_draft, tmp_path: Path) -> None:
    exported = tmp_path / "报告.nianbao"
    store.export_file(store.create(make_draft(1)), exported)
    text = exported.read_text(encoding="utf-8")
    forged = text.replace('"status": "draft"', '"status": "draft", "status": "approved"', 1)
    assert forged != text
    exported.write_text(forged, encoding="utf-8")
    with pytest.raises(storage.ExchangeFileError) as info:
        store.import_file(exported, on_conflict="keep_both")
    assert "status：" in info.value.zh and "两次" in info.value.zh
    assert [d.status for d in store.list_drafts()] == ["draft"]


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_names_the_cell_in_chinese(token: str, seed_path: Path, tmp_path: Path, capsys) -> None:
    path = tmp_path / "nan.json"
    path.write_text(_draft_text(seed_path).replace('"natural": 1', f'"natural": {token}', 1), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert "tables.t3.new.natural" in err and "“自然人”列" in err and token in err and "不是有效的数字" in err, err
    _chinese_only(err.replace(token, ""))


# --------------------------------------------------------------------------- the storage API checks values


@pytest.mark.parametrize(("value", "words"), [
    (True, "真/假"), ("3", "整数"), (3.5, "整数"), (float("inf"), "有效的数字"), (float("nan"), "有效的数字"),
    (set(), "整数"), (-1, "负数"), (10**12, "过大"),
])
def test_the_store_refuses_values_the_loader_would_refuse_naming_the_cell(value, words: str, store, make_draft) -> None:
    draft = make_draft(1)
    draft.values[("t3", "carried_in", "natural")] = value
    with pytest.raises(storage.InvalidDraftError) as info:
        store.create(draft)
    assert words in info.value.zh and "“自然人”列" in info.value.zh and "tables.t3.carried_in.natural" in info.value.zh
    _chinese_only(info.value.zh)
    draft_id = store.create(make_draft(1))
    with pytest.raises(storage.InvalidDraftError):
        store.save(draft_id, draft)
    assert store.load(draft_id).value("t3", "carried_in", "natural") == 1  # nothing stored


def test_money_stays_decimal_from_file_to_store_and_back(store, sample_path: Path, tmp_path: Path) -> None:
    draft = forms.load_draft_file(sample_path)
    money = {k: v for k, v in draft.values.items() if isinstance(v, Decimal)}
    assert money, "the sample has money cells"
    draft_id = store.create(draft)
    loaded = store.load(draft_id)
    assert {k: loaded.values[k] for k in money} == money and all(type(loaded.values[k]) is Decimal for k in money)
    stored = (store.root / "drafts" / draft_id / "draft.json").read_text(encoding="utf-8")
    assert "e-" not in stored.lower() and "0000000001" not in stored  # no float noise
    store.export_file(draft_id, tmp_path / "x.nianbao")
    raw = json.loads((tmp_path / "x.nianbao").read_text(encoding="utf-8"), parse_float=Decimal)
    table, row, column = next(iter(money))
    assert raw["draft"]["tables"][table][row][column] == money[(table, row, column)]


# --------------------------------------------------------------------------- one text rule for store and file


@pytest.mark.parametrize(("by", "comment"), [("张\x0b三", "请修改"), ("李四", "意见\x00"), ("王" * 101, "请修改"), ("李四", "\ud800")])
def test_names_and_comments_the_file_would_refuse_are_refused_by_the_store(by: str, comment: str, store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    store.submit(draft_id, "张三")
    with pytest.raises(storage.ReviewError) as info:
        store.return_draft(draft_id, by, comment)
    _chinese_only(info.value.zh)
    with pytest.raises(storage.ReviewError):
        store.add_comment(draft_id, "", by, comment)
    assert store.review(draft_id).status == "submitted" and store.review(draft_id).comments == []


def test_everything_the_store_accepts_reads_back_from_its_exchange_file(store, make_draft, tmp_path: Path) -> None:
    draft_id = store.create(make_draft(1))
    store.submit(draft_id, "张三\t（科员）")
    long_comment = "第一行\n第二行\t" + "请补充说明。" * 3000  # 18,000 characters: its history note is longer than a note may be
    store.return_draft(draft_id, "李四", long_comment)
    store.add_comment(draft_id, "1", "王五", "这里\r\n要改")
    exported = tmp_path / "往返.nianbao"
    store.export_file(draft_id, exported)
    with storage.open_store(tmp_path / "另一台电脑") as other:
        copy = other.import_file(exported)
        review = other.review(copy)
    assert review.status == "returned"
    assert [c.text for c in review.comments] == [long_comment, "这里\r\n要改"]


def test_a_control_character_in_an_imported_file_name_does_not_spoil_the_next_export(store, make_draft, tmp_path: Path) -> None:
    odd = tmp_path / "报告\x0b.nianbao"  # the history note quotes the file name
    store.export_file(store.create(make_draft(1)), odd)
    with storage.open_store(tmp_path / "另一台电脑") as other:
        copy = other.import_file(odd)
        assert "\x0b" in other.revisions(copy)[-1].note
        again = tmp_path / "再导出.nianbao"
        other.export_file(copy, again)
    assert store.import_file(again, on_conflict="keep_both")


# --------------------------------------------------------------------------- the draft .json is a member of the family


def test_a_draft_json_from_nianbao_new_imports_as_a_new_draft(store, tmp_path: Path, capsys) -> None:
    path = tmp_path / "草稿.json"
    assert main(["new", "--year", "2023", "--agency", "某某县人民政府办公室", "-o", str(path)]) == 0
    draft_id = store.import_file(path)
    assert store.load(draft_id).agency == "某某县人民政府办公室" and store.review(draft_id).status == "draft"
    with pytest.raises(storage.ImportConflict) as info:  # same agency and year: the clerk is asked
        store.import_file(path)
    assert info.value.same_report and info.value.existing_id == draft_id
    again = store.import_file(path, on_conflict="keep_both")  # a draft file has no id: a new draft
    assert again != draft_id and len(store.list_drafts()) == 2
    assert "草稿文件" in store.revisions(draft_id)[0].note


def test_a_file_that_is_neither_says_so(store, tmp_path: Path) -> None:
    path = tmp_path / "别的.json"
    path.write_text('{"schema": "something-else"}', encoding="utf-8")
    with pytest.raises(storage.ExchangeFileError) as info:
        store.import_file(path)
    assert ".nianbao" in info.value.zh and ".json" in info.value.zh
