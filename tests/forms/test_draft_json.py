"""The draft file: round trips exactly, and every kind of bad file gets one message naming the field."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from forms import DraftFileError, draft_to_dict, dumps_draft, load_draft_file, loads_draft


def seed_dict(seed_path) -> dict:
    return json.loads(seed_path.read_text(encoding="utf-8"))


def test_round_trip_is_exact(seed_path, sample_path) -> None:
    for path in (seed_path, sample_path):
        original = json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)
        draft = load_draft_file(path)
        assert draft_to_dict(draft) == original  # money stays Decimal: no float on the way
        assert loads_draft(dumps_draft(draft)) == draft
        assert dumps_draft(draft) == path.read_text(encoding="utf-8")


def test_seed_values(seed_path) -> None:
    draft = load_draft_file(seed_path)
    assert draft.format_id == "2019" and draft.year == 2020
    assert draft.value("t2_9", "procurement", "amount") == Decimal("1316.73")
    assert draft.value("t3", "results_total", "natural") == 1
    assert draft.value("t3", "results_total", "total") == 1
    assert draft.value("t3", "public", "natural") is None
    assert draft.signature.date.isoformat() == "2021-01-14"
    assert draft.heading("s1.oversight") == "政府信息公开监督保障及教育培训情况"
    assert draft.heading("s1.active") == "主动公开情况"


def error_for(raw: bytes | str) -> DraftFileError:
    with pytest.raises(DraftFileError) as info:
        loads_draft(raw)
    return info.value


def with_change(seed_path, change) -> bytes:
    data = seed_dict(seed_path)
    change(data)
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(
    "change, where, words",
    [
        (lambda d: d.update(format="2030"), "format", "未知的报告格式"),
        (lambda d: d.update(year="2020"), "year", "整数"),
        (lambda d: d.update(year=1999), "year", "2008"),
        (lambda d: d.update(agency=None), "agency", "应为文字"),
        (lambda d: d.update(colour="red"), "colour", "未知字段"),
        (lambda d: d.update(schema_version=99), "schema_version", "升级"),
        (lambda d: d.update(schema="other"), "schema", "不是 nianbao 草稿文件"),
        (lambda d: d["tables"]["t3"]["new"].update(natural=-5), "tables.t3.new.natural", "不能为负数"),
        (lambda d: d["tables"]["t3"]["new"].update(natural=1e12), "tables.t3.new.natural", "过大"),
        (lambda d: d["tables"]["t3"]["new"].update(natural=2.5), "tables.t3.new.natural", "整数"),
        (lambda d: d["tables"]["t3"]["new"].update(natural="1"), "tables.t3.new.natural", "不能是文字"),
        (lambda d: d["tables"]["t3"]["new"].update(natural=True), "tables.t3.new.natural", "真/假"),
        (lambda d: d["tables"]["t3"]["new"].update(total=1), "tables.t3.new.total", "自动计算"),
        (lambda d: d["tables"]["t3"]["new"].update(robots=1), "tables.t3.new.robots", "没有这一列"),
        (lambda d: d["tables"]["t3"].update(ghost={}), "tables.t3.ghost", "没有这一行"),
        (lambda d: d["tables"].update(t2_9={"procurement": {"amount": 1.23456}}), "tables.t2_9.procurement.amount", "四位小数"),
        (lambda d: d.update(level="village"), "level", "乡镇街道"),
        (lambda d: d["tables"].update(t9={}), "tables.t9", "没有这张表"),
        (lambda d: d["texts"].update(s7="x"), "texts.s7", "没有这一部分"),
        (lambda d: d["texts"].update(s5=5), "texts.s5", "应为文字"),
        (lambda d: d["texts"].update(s5="a\x00b"), "texts.s5", "控制字符"),
        (lambda d: d["signature"].update(date="2021-02-30"), "signature.date", "无效日期"),
        (lambda d: d["signature"].update(date=20210114), "signature.date", "YYYY-MM-DD"),
        (lambda d: d.update(stated_totals={"t3": {"new": {"natural": 1}}}), "stated_totals.t3.new.natural", "只能包含合计"),
        (lambda d: d.update(invalid_inputs={"t3": {"new": {"total": "x"}}}), "invalid_inputs.t3.new.total", "可填写"),
    ],
)
def test_bad_field_is_named(seed_path, change, where: str, words: str) -> None:
    error = error_for(with_change(seed_path, change))
    assert error.where == where
    assert error.zh.startswith(where + "：") and words in error.zh
    assert error.en.startswith(where + ": ")


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"", "空"),
        (b"   \n", "空"),
        (b'{"schema": "nianbao-draft", "schema_ver', "JSON 格式错误"),
        (b"[1, 2]", "JSON 对象"),
        ("{\"agency\": \"龙岗\"}".encode("gb18030"), "UTF-8"),
        (b'{"a": NaN}', "不允许的值"),
        (b"[" * 100_000, "嵌套过深"),
    ],
)
def test_unreadable_content(raw: bytes, words: str) -> None:
    assert words in error_for(raw).zh


def test_truncated_at_every_length_never_crashes(seed_path) -> None:
    raw = seed_path.read_bytes()
    for cut in range(0, len(raw) - 1, 97):
        with pytest.raises(DraftFileError):
            loads_draft(raw[:cut])


def test_file_over_5_mb(tmp_path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (5 * 1024 * 1024 + 1))
    with pytest.raises(DraftFileError, match="too large"):
        load_draft_file(big)


def test_missing_file_and_folder(tmp_path) -> None:
    with pytest.raises(DraftFileError, match="not found"):
        load_draft_file(tmp_path / "nope.json")
    with pytest.raises(DraftFileError, match="folder"):
        load_draft_file(tmp_path)


def test_utf8_bom_is_accepted(seed_path) -> None:
    assert loads_draft(b"\xef\xbb\xbf" + seed_path.read_bytes()).agency == "深圳市龙岗区政务服务数据管理局"
