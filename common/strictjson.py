"""The one strict JSON reader and writer behind every file the program reads or writes as JSON.

Reading refuses, naming the place as a JSON path (``tables.t1.r2.c3``, ``comments[0].text``):

* a key written twice in one object (the last one would silently win: ``"status":"draft","status":"approved"``);
* NaN, Infinity and numbers far outside any real value (``1e999999`` would take minutes to convert);
* control characters and lone surrogates in any text (``check_text=True``, the default), the same rule
  :func:`bad_character` applies to what the program stores;
* anything that is not UTF-8 JSON, in Chinese words with the line and column, never Python's English.

Numbers with a fraction come back as ``Decimal``, so money stays exact from file to memory and back;
the writer writes ``Decimal`` as a plain JSON number.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from common.errors import AppError

__all__ = ["JSONFileError", "JSONWriteError", "bad_character", "dumps", "loads"]

#: Digits a JSON number may have; anything longer is no value a report can hold.
MAX_NUMBER_CHARS = 60
#: Largest decimal exponent accepted (1e40 is already far beyond every cell's limit).
MAX_EXPONENT = 40

#: Characters no stored text may hold: control characters other than tab and line breaks, lone surrogates.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
#: An escape in the raw text that may decode to a refused character (or an escaped backslash before one).
_MAYBE_BAD_ESCAPE = re.compile(r"\\(?:u00[01]|u[dD][89a-fA-F]|[bf])")


class JSONFileError(AppError):
    """A JSON text cannot be used; ``where`` is the JSON path of the problem ('' for the whole text)."""

    def __init__(self, zh: str, en: str, where: str = "") -> None:
        super().__init__(f"{where}：{zh}" if where else zh, f"{where}: {en}" if where else en)
        self.where = where
        self.reason_zh = zh
        self.reason_en = en


class JSONWriteError(AppError):
    """A value cannot be written as JSON (a set, NaN, a lone surrogate ...); nothing was written."""


def bad_character(text: str) -> str | None:
    """The first character no stored text may hold (control characters other than tab and line
    breaks, lone surrogates), or None. One rule for what the store accepts and what its files read back."""
    match = FORBIDDEN_CHARS.search(text)
    return match.group() if match else None


def bad_character_message(ch: str) -> tuple[str, str]:
    """(Chinese, English) description of a refused character."""
    code = f"U+{ord(ch):04X}"
    if 0xD800 <= ord(ch) <= 0xDFFF:
        return f"含有无效的字符 {code}（不完整的代理项）", f"contains an invalid character {code} (lone surrogate)"
    return f"含有不可见的控制字符 {code}", f"contains control character {code}"


# --------------------------------------------------------------------------- reading


class _Bad:
    """Placeholder for a value refused while parsing; found (with its path) after parsing."""

    __slots__ = ("zh", "en")

    def __init__(self, zh: str, en: str) -> None:
        self.zh, self.en = zh, en


class _Duplicated(dict):  # type: ignore[type-arg]
    """An object in which ``key`` occurred more than once."""

    key: str = ""


_JSON_MESSAGES = (
    ("Expecting value", "此处应有一个值（数字、文字、对象或列表），文件可能不完整或已损坏", "a value was expected"),
    ("Expecting property name enclosed in double quotes", "此处应有用双引号括起来的字段名", "a field name in double quotes was expected"),
    ("Expecting ':' delimiter", "字段名后缺少冒号", "a ':' was expected"),
    ("Expecting ',' delimiter", "缺少逗号，或有多余的内容", "a ',' was expected"),
    ("Unterminated string", "文字缺少结尾的双引号", "unterminated string"),
    ("Invalid control character", "文字中有未转义的控制字符", "unescaped control character in a string"),
    ("Invalid \\uXXXX escape", "无效的 \\u 转义", "invalid \\u escape"),
    ("Invalid \\escape", "无效的反斜杠转义", "invalid backslash escape"),
    ("Extra data", "JSON 内容结束后还有多余的内容", "extra data after the JSON value"),
)


def _decode_error(exc: json.JSONDecodeError) -> JSONFileError:
    zh, en = next(((zh, en) for prefix, zh, en in _JSON_MESSAGES if exc.msg.startswith(prefix)), ("格式不正确", exc.msg))
    return JSONFileError(f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列：{zh}）",
                         f"invalid JSON at line {exc.lineno} column {exc.colno}: {en}")


def _parse_float(text: str) -> Decimal | _Bad:
    if len(text) > MAX_NUMBER_CHARS:
        return _Bad("数字位数过多", "number has too many digits")
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the JSON scanner only passes number syntax
        return _Bad("不是有效的数字", "not a valid number")
    if abs(value.adjusted()) > MAX_EXPONENT and value != 0:
        return _Bad(f"数字 {text} 超出范围", f"number {text} is out of range")
    return value


def _parse_int(text: str) -> int | _Bad:
    if len(text) > MAX_NUMBER_CHARS:
        return _Bad("数字位数过多", "number has too many digits")
    return int(text)


def _parse_constant(name: str) -> _Bad:
    return _Bad(f"不允许的值 {name}（不是有效的数字）", f"value {name} is not allowed (not a finite number)")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _find_problem(node: Any, path: str, check_text: bool) -> JSONFileError | None:
    """The first refused thing in document order, with its JSON path."""
    if isinstance(node, _Bad):
        return JSONFileError(node.zh, node.en, path)
    if isinstance(node, dict):
        if isinstance(node, _Duplicated):
            return JSONFileError("同一字段写了两次（无法确定该用哪一个）", "the same key appears twice", _join(path, node.key))
        for key, value in node.items():
            where = _join(path, key)
            if check_text and (ch := bad_character(key)):
                zh, en = bad_character_message(ch)
                return JSONFileError(f"字段名{zh}", f"key {en}", where)
            problem = _find_problem(value, where, check_text)
            if problem is not None:
                return problem
    elif isinstance(node, list):
        for index, value in enumerate(node):
            problem = _find_problem(value, f"{path}[{index}]", check_text)
            if problem is not None:
                return problem
    elif check_text and isinstance(node, str) and (ch := bad_character(node)):
        zh, en = bad_character_message(ch)
        return JSONFileError(zh, en, path)
    return None


def loads(raw: bytes | str, *, check_text: bool = True) -> Any:
    """Parse ``raw`` (UTF-8, optional BOM) strictly; raises JSONFileError naming what and where.

    The caller caps the size when reading the file (``common.reading.read_file``).
    """
    if isinstance(raw, bytes):
        if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise JSONFileError("文件是 UTF-16 编码，应为 UTF-8", "the file is UTF-16; it must be UTF-8")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise JSONFileError(f"文件不是有效的 UTF-8 编码（第 {exc.start} 字节处）",
                                f"the file is not valid UTF-8 (at byte {exc.start})") from None
    else:
        text = raw.removeprefix("\ufeff")
    if not text.strip():
        raise JSONFileError("文件是空的", "the file is empty")
    flagged: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) != len(items):
            seen: set[str] = set()
            marked = _Duplicated(obj)
            marked.key = next(k for k, _v in items if k in seen or seen.add(k))  # type: ignore[func-returns-value]
            flagged.append(True)
            return marked
        return obj

    def mark(parse: Callable[[str], Any]) -> Callable[[str], Any]:
        def wrapped(token: str) -> Any:
            value = parse(token)
            if isinstance(value, _Bad):
                flagged.append(True)
            return value
        return wrapped

    try:
        obj = json.loads(text, object_pairs_hook=pairs, parse_float=mark(_parse_float), parse_int=mark(_parse_int),
                         parse_constant=mark(_parse_constant))
    except json.JSONDecodeError as exc:
        raise _decode_error(exc) from None
    except RecursionError:
        raise JSONFileError("JSON 嵌套过深", "JSON nested too deeply") from None
    check_text = check_text and _MAYBE_BAD_ESCAPE.search(text) is not None
    if flagged or check_text:
        try:
            problem = _find_problem(obj, "", check_text)
        except RecursionError:
            raise JSONFileError("JSON 嵌套过深", "JSON nested too deeply") from None
        if problem is not None:
            raise problem
    return obj


# --------------------------------------------------------------------------- writing


def _number(value: Decimal, where: str) -> str:
    if not value.is_finite():
        raise JSONWriteError(f"{where or '内容'}：不是有效的数字（{value}）", f"{where}: not a finite number ({value})")
    return str(value)


def _encode(node: Any, out: list[str], indent: str | None, level: int, where: str) -> None:
    if isinstance(node, str):
        out.append(json.encoder.encode_basestring(node))
    elif node is None:
        out.append("null")
    elif node is True:
        out.append("true")
    elif node is False:
        out.append("false")
    elif isinstance(node, int):
        out.append(int.__repr__(node))
    elif isinstance(node, Decimal):
        out.append(_number(node, where))
    elif isinstance(node, float):
        if not math.isfinite(node):
            raise JSONWriteError(f"{where or '内容'}：不是有效的数字（{node}）", f"{where}: not a finite number ({node})")
        out.append(float.__repr__(node))
    elif isinstance(node, dict):
        if not node:
            out.append("{}")
            return
        inner, closing = (None, None) if indent is None else ("\n" + indent * (level + 1), "\n" + indent * level)
        out.append("{")
        first = True
        for key, value in node.items():
            if not isinstance(key, str):
                raise JSONWriteError(f"{where or '内容'}：字段名应为文字", f"{where}: key must be a string, not {type(key).__name__}")
            if not first:
                out.append(",")
            first = False
            if inner is not None:
                out.append(inner)
            out.append(json.encoder.encode_basestring(key))
            out.append(": " if indent is not None else ":")
            _encode(value, out, indent, level + 1, _join(where, key))
        if closing is not None:
            out.append(closing)
        out.append("}")
    elif isinstance(node, (list, tuple)):
        if not node:
            out.append("[]")
            return
        inner, closing = (None, None) if indent is None else ("\n" + indent * (level + 1), "\n" + indent * level)
        out.append("[")
        for index, value in enumerate(node):
            if index:
                out.append(",")
            if inner is not None:
                out.append(inner)
            _encode(value, out, indent, level + 1, f"{where}[{index}]")
        if closing is not None:
            out.append(closing)
        out.append("]")
    else:
        raise JSONWriteError(f"{where or '内容'}：无法保存的数据（{_kind_zh(node)}）",
                             f"{where}: a {type(node).__name__} cannot be written as JSON")


def _kind_zh(value: object) -> str:
    """What a value is, in words a clerk reads (never a Python class name)."""
    if isinstance(value, (set, frozenset)):
        return "集合"
    if isinstance(value, (bytes, bytearray, memoryview)):
        return "二进制数据"
    if isinstance(value, (dt.date, dt.time, dt.timedelta)):
        return "日期或时间"
    return "不是数字或文字"


def dumps(obj: Any, *, indent: int | None = None) -> bytes:
    """UTF-8 JSON with readable Chinese; ``Decimal`` as a number; NaN, sets, dates ... refused (JSONWriteError)."""
    out: list[str] = []
    try:
        _encode(obj, out, None if indent is None else " " * indent, 0, "")
    except RecursionError:
        raise JSONWriteError("内容嵌套层数过多，无法保存", "content nested too deeply") from None
    try:
        return "".join(out).encode("utf-8")
    except UnicodeEncodeError as exc:
        ch = exc.object[exc.start]
        raise JSONWriteError(f"内容中有无效字符 U+{ord(ch):04X}，未写入任何内容", f"invalid character U+{ord(ch):04X}") from None
