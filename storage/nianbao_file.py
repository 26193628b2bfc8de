"""``.nianbao`` exchange files: one draft with its review status, comments and a history summary.

Reading is strict and all-or-nothing: every check runs before the store is touched, and any problem
becomes one ExchangeFileError naming it. The draft itself is checked by ``forms.draft_from_dict``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from forms import Draft, DraftFileError, draft_from_dict, draft_to_dict
from storage.errors import ExchangeFileError
from storage.models import STATUSES, Comment

__all__ = ["SCHEMA", "SCHEMA_VERSION", "MAX_BYTES", "ExchangeRecord", "encode", "decode"]

SCHEMA = "nianbao-exchange"
SCHEMA_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024
_KEYS = {"schema", "schema_version", "id", "exported_at", "status", "comments", "history", "draft"}


@dataclass
class ExchangeRecord:
    draft_id: str
    draft: Draft
    status: str
    comments: list[Comment]
    history: list[dict[str, str]]  # [{time, kind, note}], summary only


def encode(record: ExchangeRecord) -> bytes:
    obj = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "id": record.draft_id,
        "exported_at": dt.datetime.now().isoformat(timespec="seconds"),
        "status": record.status,
        "comments": [{"section": c.section, "author": c.author, "time": c.time.isoformat(timespec="seconds"), "text": c.text}
                     for c in record.comments],
        "history": record.history,
        "draft": draft_to_dict(record.draft),
    }
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _fail(zh: str, en: str) -> ExchangeFileError:
    return ExchangeFileError(f"无法导入：{zh}", f"cannot import: {en}")


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise _fail(f"文件过大（{size} 字节，最大 5 MB）", f"file too large ({size} bytes, at most 5 MB)")
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fail(f"找不到文件 {path}", f"file not found: {path}") from None
    except IsADirectoryError:
        raise _fail(f"{path} 是文件夹", f"{path} is a folder") from None
    except OSError as exc:
        raise _fail(f"无法读取文件（{exc.strerror}）", f"cannot read file ({exc.strerror})") from None


def decode(raw: bytes) -> ExchangeRecord:
    """Parse and check everything; raises ExchangeFileError on the first problem."""
    if len(raw) > MAX_BYTES:
        raise _fail(f"文件过大（{len(raw)} 字节，最大 5 MB）", f"file too large ({len(raw)} bytes, at most 5 MB)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _fail(f"文件不是有效的 UTF-8 编码（第 {exc.start} 字节处）", f"not valid UTF-8 (at byte {exc.start})") from None
    if not text.strip():
        raise _fail("文件是空的", "file is empty")
    try:
        obj = json.loads(text, parse_float=Decimal, parse_constant=_reject)
    except json.JSONDecodeError as exc:
        raise _fail(f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列），文件可能不完整或已损坏",
                    f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except (ValueError, RecursionError) as exc:
        raise _fail(f"JSON 中有不允许的值或嵌套过深（{type(exc).__name__}）", f"JSON not allowed: {exc!r}"[:200]) from None
    if not isinstance(obj, dict) or obj.get("schema") != SCHEMA:
        raise _fail("不是 nianbao 交换文件（.nianbao）", f"not a nianbao exchange file (schema must be {SCHEMA!r})")
    version = obj.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _fail("缺少或无效的版本号", "missing or invalid schema_version")
    if version > SCHEMA_VERSION:
        raise _fail(f"文件由更新版本的程序导出（版本 {version}），请升级 nianbao", f"written by a newer nianbao (version {version})")
    unknown = sorted(set(obj) - _KEYS)
    if unknown:
        raise _fail(f"未知字段 {unknown[0]}", f"unknown field {unknown[0]}")
    draft_id = obj.get("id")
    if not isinstance(draft_id, str) or not (8 <= len(draft_id) <= 64) or not all(c in "0123456789abcdef" for c in draft_id):
        raise _fail("草稿编号无效", "invalid draft id")
    status = obj.get("status")
    if status not in STATUSES:
        raise _fail(f"审核状态无效：{str(status)[:20]}", f"invalid status {str(status)[:20]!r}")
    try:
        draft = draft_from_dict(obj.get("draft"))
    except DraftFileError as exc:
        raise _fail(f"草稿内容有误：draft.{exc.zh}", f"bad draft: draft.{exc.en}") from None
    return ExchangeRecord(draft_id, draft, status, _comments(obj.get("comments")), _history(obj.get("history")))


def _reject(name: str) -> Any:
    raise ValueError(name)


def _text(value: Any, where: str, limit: int, allow_empty: bool = True) -> str:
    if not isinstance(value, str) or len(value) > limit or (not allow_empty and not value.strip()):
        raise _fail(f"{where} 应为不超过 {limit} 字的文字", f"{where} must be a string of at most {limit} characters")
    if any((ord(ch) < 0x20 and ch not in "\n\r\t") or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise _fail(f"{where} 含有控制字符", f"{where} contains control characters")
    return value


def _time(value: Any, where: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(_text(value, where, 40))
    except ValueError:
        raise _fail(f"{where} 时间格式无效", f"{where} is not a valid time") from None


def _comments(raw: Any) -> list[Comment]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > 10_000:
        raise _fail("comments 应为列表", "comments must be a list")
    out = []
    for i, item in enumerate(raw):
        where = f"comments[{i}]"
        if not isinstance(item, dict) or set(item) != {"section", "author", "time", "text"}:
            raise _fail(f"{where} 应包含 section、author、time、text", f"{where} must have section, author, time, text")
        out.append(Comment(_text(item["section"], where + ".section", 40), _text(item["author"], where + ".author", 100),
                           _time(item["time"], where + ".time"), _text(item["text"], where + ".text", 20_000)))
    return out


def _history(raw: Any) -> list[dict[str, str]]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > 10_000:
        raise _fail("history 应为列表", "history must be a list")
    out = []
    for i, item in enumerate(raw):
        where = f"history[{i}]"
        if not isinstance(item, dict) or set(item) != {"time", "kind", "note"}:
            raise _fail(f"{where} 应包含 time、kind、note", f"{where} must have time, kind, note")
        _time(item["time"], where + ".time")
        out.append({"time": item["time"], "kind": _text(item["kind"], where + ".kind", 20), "note": _text(item["note"], where + ".note", 500)})
    return out
