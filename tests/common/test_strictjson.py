"""The one strict JSON reader and writer: duplicate keys, NaN, huge numbers and control characters are
refused naming the JSON path; money is Decimal both ways."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from common import strictjson
from common.strictjson import JSONFileError, JSONWriteError

_ENGLISH_SYSTEM_TEXT = re.compile(r"Expecting|Errno|Error\b|delimiter|[A-Z][a-z]+Error")


def _refused(raw: bytes) -> JSONFileError:
    with pytest.raises(JSONFileError) as info:
        strictjson.loads(raw)
    assert not _ENGLISH_SYSTEM_TEXT.search(info.value.zh), info.value.zh
    return info.value


@pytest.mark.parametrize(("raw", "where"), [
    (b'{"year": 2020, "year": 2021}', "year"),
    (b'{"status":"draft","status":"approved"}', "status"),
    (b'{"tables": {"t1": {"r1": {"c1": 1, "c1": 2}}}}', "tables.t1.r1.c1"),
    (b'{"comments": [{"text": "a"}, {"text": "b", "text": "c"}]}', "comments[1].text"),
])
def test_duplicate_keys_are_refused_at_every_level(raw: bytes, where: str) -> None:
    error = _refused(raw)
    assert error.where == where and error.zh.startswith(where) and "两次" in error.zh


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_name_the_field(token: str) -> None:
    error = _refused(f'{{"tables": {{"t1": {{"r1": {{"c1": {token}}}}}}}}}'.encode())
    assert error.where == "tables.t1.r1.c1" and token in error.zh and "不是有效的数字" in error.zh


def test_numbers_beyond_any_value_are_refused_quickly() -> None:
    assert _refused(b'{"a": 1e999999999}').where == "a"
    assert _refused(b'{"a": [' + b"9" * 5000 + b"]}").where == "a[0]"


@pytest.mark.parametrize(("raw", "code"), [(b'{"a": "x\\u000by"}', "U+000B"), (b'{"b": ["ok", "\\u0000"]}', "U+0000"),
                                           (b'{"k\\u0007": 1}', "U+0007"), (b'{"s": "\\ud800"}', "U+D800")])
def test_control_characters_and_lone_surrogates_are_refused(raw: bytes, code: str) -> None:
    assert code in _refused(raw).zh


def test_tabs_and_line_breaks_are_text() -> None:
    assert strictjson.loads(b'{"a": "1\\t2\\r\\n3", "b": "\\\\u0001 is not an escape"}')["a"] == "1\t2\r\n3"
    assert strictjson.loads(b'{"a": "\\u0001"}', check_text=False) == {"a": "\x01"}  # the store's own checksummed files


@pytest.mark.parametrize(("raw", "words"), [
    (b"", "空的"), (b"{", "第 1 行"), (b'{"a" 1}', "冒号"), (b"[1 2]", "逗号"), (b'{"a": 1} x', "多余"),
    (b"\xff\xfe{\x00}\x00", "UTF-16"), (b'{"a": "\xff"}', "UTF-8"), (b"[" * 100_000, "嵌套过深"),
])
def test_broken_json_is_explained_in_chinese(raw: bytes, words: str) -> None:
    assert words in _refused(raw).zh


def test_bom_is_accepted_and_money_stays_decimal() -> None:
    data = strictjson.loads("\ufeff{\"m\": 1316.73, \"n\": 12}".encode())
    assert data == {"m": Decimal("1316.73"), "n": 12} and isinstance(data["m"], Decimal)
    assert strictjson.dumps(data) == b'{"m":1316.73,"n":12}'


def test_writer_matches_json_dumps_and_refuses_what_cannot_be_read_back() -> None:
    data = {"中文": ["a\n\"b\"", None, True, 3, {"x": {}}], "empty": []}
    for indent in (None, 1, 2):
        expected = json.dumps(data, ensure_ascii=False, indent=indent, separators=(",", ": ") if indent else (",", ":"))
        assert strictjson.dumps(data, indent=indent) == expected.encode()
    for bad, where in (({"a": float("nan")}, "a"), ({"a": [Decimal("Infinity")]}, "a[0]"), ({"a": {1, 2}}, "a"), ({"a": "\ud800"}, "")):
        with pytest.raises(JSONWriteError) as info:
            strictjson.dumps(bad)
        assert info.value.zh.startswith(where)
