"""``.nianbao`` exchange files: one draft with its review status, comments and a history summary.

Reading is strict and all-or-nothing: every check runs before the store is touched, and any problem
becomes one ExchangeFileError naming it. The draft itself is checked by ``forms.draft_from_dict``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from typing import Any

from common import strictjson
from common.errors import FileIOError
from common.reading import read_file, size_text
from forms import Draft, DraftFileError, draft_from_dict, limits, to_storable
from storage.errors import ExchangeFileError
from storage.models import STATUSES, Comment, Submission

__all__ = ["SCHEMA", "SCHEMA_VERSION", "MAX_BYTES", "ExchangeRecord", "encode", "decode", "read_bytes", "read_json",
           "check_text", "COMMENT_MAX_CHARS", "AUTHOR_MAX_CHARS", "SECTION_MAX_CHARS", "NOTE_MAX_CHARS"]

SCHEMA = "nianbao-exchange"
#: Version 2 added the optional "submissions" list; a file without submissions is still written as
#: version 1, so that older programs keep reading it.
SCHEMA_VERSION = 2
MAX_BYTES = limits.DRAFT_FILE_MAX_BYTES
#: Longest review comment, reviewer name, section id and history note the file holds (and the store accepts).
COMMENT_MAX_CHARS = 20_000
AUTHOR_MAX_CHARS = 100
SECTION_MAX_CHARS = 40
NOTE_MAX_CHARS = 500
_KEYS = {"schema", "schema_version", "id", "exported_at", "status", "comments", "history", "draft", "submissions"}


@dataclass
class ExchangeRecord:
    draft_id: str
    draft: Draft
    status: str
    comments: list[Comment]
    history: list[dict[str, str]]  # [{time, kind, note}], summary only
    #: Each 提交审核 with the submitter's name and note to the reviewer.
    submissions: list[Submission] = field(default_factory=list)


def encode(record: ExchangeRecord) -> bytes:
    obj: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION if record.submissions else 1,
        "id": record.draft_id,
        "exported_at": dt.datetime.now().isoformat(timespec="seconds"),
        "status": record.status,
        "comments": [{"section": c.section, "author": c.author, "time": c.time.isoformat(timespec="seconds"), "text": c.text}
                     for c in record.comments],
        "history": [{**h, "note": _clip(h["note"], NOTE_MAX_CHARS)} for h in record.history],
        "draft": to_storable(record.draft),
    }
    if record.submissions:
        obj["submissions"] = [{"by": x.by, "time": x.time.isoformat(timespec="seconds"), "note": x.note} for x in record.submissions]
    return strictjson.dumps(obj, indent=1) + b"\n"


def _clip(text: str, limit: int) -> str:
    """History notes are a summary: a long note (it quotes the reviewer's comment) is shortened, and a
    character no file may hold (a control character in an imported file's name) is dropped, not refused."""
    while (ch := strictjson.bad_character(text)) is not None:
        text = text.replace(ch, "")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_text(value: Any, where: str, limit: int, *, allow_empty: bool = True) -> str | None:
    """Why ``value`` cannot be a comment, name or note in this file (Chinese), or None when it can.

    The store applies the same check before it accepts a comment, so every export reads back.
    """
    if not isinstance(value, str) or len(value) > limit or (not allow_empty and not value.strip()):
        return f"{where}应为不超过 {limit} 字的文字"
    ch = strictjson.bad_character(value)
    if ch is not None:
        return f"{where}{strictjson.bad_character_message(ch)[0]}"
    return None


def _fail(zh: str, en: str) -> ExchangeFileError:
    return ExchangeFileError(f"无法导入：{zh}", f"cannot import: {en}")


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes: a regular file of at most 5 MB, else ExchangeFileError (never hangs on a pipe)."""
    try:
        return read_file(path, max_bytes=MAX_BYTES, what="交换文件", what_en="exchange file")
    except FileIOError as exc:
        raise _fail(exc.zh, exc.en) from None


def read_json(raw: bytes) -> Any:
    """The JSON value of an exchange (or draft) file, read by the one strict reader."""
    if len(raw) > MAX_BYTES:
        raise _fail(f"文件过大（{size_text(len(raw))}，最多 {size_text(MAX_BYTES)}）", f"file too large ({len(raw)} bytes, at most {MAX_BYTES})")
    try:
        return strictjson.loads(raw)
    except strictjson.JSONFileError as exc:
        raise _fail(exc.zh, exc.en) from None


def decode(raw: bytes) -> ExchangeRecord:
    """Parse and check everything; raises ExchangeFileError on the first problem."""
    return decode_obj(read_json(raw))


def decode_obj(obj: Any) -> ExchangeRecord:
    """Check a parsed exchange file; raises ExchangeFileError on the first problem."""
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
    return ExchangeRecord(draft_id, draft, status, _comments(obj.get("comments")), _history(obj.get("history")),
                          _submissions(obj.get("submissions")))


def _text(value: Any, where: str, limit: int, allow_empty: bool = True) -> str:
    problem = check_text(value, f"{where} ", limit, allow_empty=allow_empty)
    if problem is not None:
        raise _fail(problem, f"{where} must be a string of at most {limit} characters, without control characters")
    return str(value)


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
        out.append(Comment(_text(item["section"], where + ".section", SECTION_MAX_CHARS),
                           _text(item["author"], where + ".author", AUTHOR_MAX_CHARS),
                           _time(item["time"], where + ".time"), _text(item["text"], where + ".text", COMMENT_MAX_CHARS)))
    return out


def _submissions(raw: Any) -> list[Submission]:
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > 10_000:
        raise _fail("submissions 应为列表", "submissions must be a list")
    out = []
    for i, item in enumerate(raw):
        where = f"submissions[{i}]"
        if not isinstance(item, dict) or set(item) != {"by", "time", "note"}:
            raise _fail(f"{where} 应包含 by、time、note", f"{where} must have by, time, note")
        out.append(Submission(_text(item["by"], where + ".by", AUTHOR_MAX_CHARS, allow_empty=False),
                              _time(item["time"], where + ".time"), _text(item["note"], where + ".note", COMMENT_MAX_CHARS)))
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
        out.append({"time": item["time"], "kind": _text(item["kind"], where + ".kind", 20), "note": _text(item["note"], where + ".note", NOTE_MAX_CHARS)})
    return out
