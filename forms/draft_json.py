"""The draft exchange file (``*.json``, documented in docs/draft-format.md).

Loading is strict and never crashes: every problem becomes one DraftFileError that names the field
(as a JSON path) in Chinese and English. Anything not understood is refused rather than guessed,
because a misread number would end up in an official report.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common.errors import AppError
from forms import limits
from forms.atomic_file import write_file_atomically
from forms.definition import FormatDefinition, Table, available_formats, load_format
from forms.draft import Draft, Signature
from forms.values import CellValueError, check_value, to_json

SCHEMA = "nianbao-draft"
SCHEMA_VERSION = 1
MAX_FILE_BYTES = limits.DRAFT_FILE_MAX_BYTES
MIN_YEAR, MAX_YEAR = limits.YEAR_MIN, limits.YEAR_MAX
_TOP_LEVEL = {"schema", "schema_version", "format", "agency", "year", "signature", "headings", "texts", "tables", "stated_totals", "invalid_inputs"}


class DraftFileError(AppError, ValueError):
    """A draft file cannot be used. ``where`` is the JSON path of the offending field (or '')."""

    advice_zh = "请确认选择的是本程序写出的草稿文件，且文件没有被其他软件改动过。"
    advice_en = "Check that you chose a draft file written by this program and that no other software changed it."

    def __init__(self, zh: str, en: str, where: str = "") -> None:
        super().__init__(f"{where}：{zh}" if where else zh, f"{where}: {en}" if where else en)
        self.where = where


# --------------------------------------------------------------------------- writing


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    definition = draft.definition

    def tables(source: dict) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for table in definition.tables:
            rows: dict[str, Any] = {}
            for row in table.rows:
                cells = {c.id: to_json(c.kind, source[(table.id, row.id, c.id)]) for c in table.columns if (table.id, row.id, c.id) in source}
                if cells:
                    rows[row.id] = cells
            if rows:
                out[table.id] = rows
        return out

    data: dict[str, Any] = {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "format": draft.format_id,
        "agency": draft.agency,
        "year": draft.year,
        "signature": {
            "agency": draft.signature.agency,
            "date": draft.signature.date.isoformat() if draft.signature.date else None,
        },
        "headings": dict(draft.headings),
        "texts": {k: v for k, v in draft.texts.items()},
        "tables": tables(draft.values),
    }
    if draft.stated:
        data["stated_totals"] = tables(draft.stated)
    if draft.invalid_inputs:
        data["invalid_inputs"] = _nest(draft.invalid_inputs)
    return data


def _nest(flat: dict) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (table, row, column), value in sorted(flat.items()):
        out.setdefault(table, {}).setdefault(row, {})[column] = value
    return out


def dumps_draft(draft: Draft) -> str:
    return json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=2) + "\n"


def save_draft_file(draft: Draft, path: Path) -> None:
    """Write a draft file atomically: a crash leaves the old file or the new one, never half."""
    write_file_atomically(path, dumps_draft(draft).encode("utf-8"))


# --------------------------------------------------------------------------- reading


def load_draft_file(path: Path | str) -> Draft:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DraftFileError(f"文件过大（{size} 字节，最大 5 MB）", f"file too large ({size} bytes, at most 5 MB)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DraftFileError(f"找不到文件 {path}", f"file not found: {path}") from None
    except IsADirectoryError:
        raise DraftFileError(f"{path} 是文件夹，不是草稿文件", f"{path} is a folder, not a draft file") from None
    except OSError as exc:
        raise DraftFileError(f"无法读取文件 {path}（{exc.strerror}）", f"cannot read {path} ({exc.strerror})") from None
    return loads_draft(raw)


def loads_draft(raw: bytes | str) -> Draft:
    if isinstance(raw, bytes):
        if len(raw) > MAX_FILE_BYTES:
            raise DraftFileError(f"文件过大（{len(raw)} 字节，最大 5 MB）", f"file too large ({len(raw)} bytes, at most 5 MB)")
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DraftFileError(
                f"文件不是有效的 UTF-8 编码（第 {exc.start} 字节处）",
                f"file is not valid UTF-8 (at byte {exc.start})",
            ) from None
    else:
        text = raw
    if not text.strip():
        raise DraftFileError("文件是空的", "file is empty")
    try:
        obj = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise DraftFileError(
            f"JSON 格式错误（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}），文件可能不完整或已损坏",
            f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg} (file truncated or damaged?)",
        ) from None
    except RecursionError:
        raise DraftFileError("JSON 嵌套过深", "JSON nested too deeply") from None
    except ValueError as exc:
        raise DraftFileError(f"JSON 中有不允许的值 {exc}", f"JSON contains a value that is not allowed: {exc}") from None
    return draft_from_dict(obj)


def _reject_constant(name: str) -> Any:
    raise ValueError(name)


def draft_from_dict(obj: Any) -> Draft:
    if not isinstance(obj, dict):
        raise DraftFileError("文件内容应是一个 JSON 对象", "the file must contain a JSON object")
    if obj.get("schema") != SCHEMA:
        raise DraftFileError(f"不是 nianbao 草稿文件（schema 应为 \"{SCHEMA}\"）", f"not a nianbao draft (schema must be \"{SCHEMA}\")", "schema")
    version = obj.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DraftFileError("缺少或无效的版本号", "missing or invalid version number", "schema_version")
    if version > SCHEMA_VERSION:
        raise DraftFileError(
            f"文件由更新版本的程序生成（版本 {version}），请升级 nianbao",
            f"written by a newer nianbao (schema {version}); please upgrade",
            "schema_version",
        )
    if version < 1:
        raise DraftFileError(f"未知的版本号 {version}", f"unknown schema version {version}", "schema_version")
    unknown = sorted(set(obj) - _TOP_LEVEL)
    if unknown:
        raise DraftFileError(f"未知字段 {unknown[0]}", f"unknown field {unknown[0]}", unknown[0])

    format_id = _string(obj, "format", "format", required=True)
    if format_id not in available_formats():
        raise DraftFileError(
            f"未知的报告格式 \"{format_id}\"（可用：{'、'.join(available_formats())}）",
            f"unknown report format \"{format_id}\" (known: {', '.join(available_formats())})",
            "format",
        )
    definition = load_format(format_id)
    year = obj.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DraftFileError(f"报告年度应为 {MIN_YEAR}–{MAX_YEAR} 之间的整数", f"report year must be an integer {MIN_YEAR}-{MAX_YEAR}", "year")
    draft = Draft(agency=_string(obj, "agency", "agency", required=True), year=year, format_id=format_id)
    draft.signature = _signature(obj.get("signature"))
    draft.texts = _texts(obj.get("texts"), "texts", definition, headings=False)
    draft.headings = _texts(obj.get("headings"), "headings", definition, headings=True)
    draft.values = _tables(obj.get("tables"), "tables", definition, computed=False)
    draft.stated = _tables(obj.get("stated_totals"), "stated_totals", definition, computed=True)
    draft.invalid_inputs = _invalid_inputs(obj.get("invalid_inputs"), definition)
    return draft


def _string(obj: dict, key: str, where: str, required: bool = False, limit: int = limits.AGENCY_MAX_CHARS) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise DraftFileError("应为文字", "must be a string", where)
    _check_text(value, where, limit)
    return value


def _check_text(value: str, where: str, limit: int) -> None:
    if len(value) > limit:
        raise DraftFileError(f"文字过长（{len(value)} 字，最多 {limit} 字）", f"text too long ({len(value)} characters, at most {limit})", where)
    bad = limits.FORBIDDEN_CHARS.search(value)
    if bad:
        code = ord(bad.group())
        raise DraftFileError(f"含有不可见的控制字符 U+{code:04X}", f"contains control character U+{code:04X}", where)


def _signature(raw: Any) -> Signature:
    if raw is None:
        return Signature()
    if not isinstance(raw, dict):
        raise DraftFileError("应为对象 {agency, date}", "must be an object {agency, date}", "signature")
    unknown = sorted(set(raw) - {"agency", "date"})
    if unknown:
        raise DraftFileError(f"未知字段 {unknown[0]}", f"unknown field {unknown[0]}", f"signature.{unknown[0]}")
    date_raw = raw.get("date")
    date = None
    if date_raw is not None:
        if not isinstance(date_raw, str):
            raise DraftFileError("日期应写成 \"YYYY-MM-DD\"", "date must be written \"YYYY-MM-DD\"", "signature.date")
        try:
            date = dt.date.fromisoformat(date_raw)
        except ValueError:
            raise DraftFileError(f"无效日期 \"{date_raw}\"（应为 YYYY-MM-DD）", f"invalid date \"{date_raw}\" (use YYYY-MM-DD)", "signature.date") from None
    return Signature(agency=_string(raw, "agency", "signature.agency"), date=date)


def _texts(raw: Any, where: str, definition: FormatDefinition, headings: bool) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise DraftFileError("应为对象", "must be an object", where)
    known = {t.id for t in definition.texts if not headings or t.kind == "subsection"}
    out: dict[str, str] = {}
    for key, value in raw.items():
        path = f"{where}.{key}"
        if key not in known:
            raise DraftFileError(f"格式 {definition.id} 中没有这一部分", f"format {definition.id} has no such part", path)
        if not isinstance(value, str):
            raise DraftFileError("应为文字", "must be a string", path)
        _check_text(value, path, limits.HEADING_MAX_CHARS if headings else limits.TEXT_MAX_CHARS)
        out[key] = value
    return out


def _cells(raw: Any, where: str, definition: FormatDefinition) -> Iterator[tuple[Table, str, str, Any, str]]:
    """Walk ``{table: {row: {column: value}}}``, refusing unknown tables, rows and columns.

    Yields (table, row id, column id, raw value, JSON path of the value).
    """
    if raw is None:
        return
    if not isinstance(raw, dict):
        raise DraftFileError("应为对象", "must be an object", where)
    for table_id, rows in raw.items():
        tpath = f"{where}.{table_id}"
        try:
            table = definition.table(table_id)
        except KeyError:
            raise DraftFileError(f"格式 {definition.id} 中没有这张表", f"format {definition.id} has no such table", tpath) from None
        if not isinstance(rows, dict):
            raise DraftFileError("应为对象 {行: {列: 数值}}", "must be an object {row: {column: number}}", tpath)
        for row_id, cells in rows.items():
            rpath = f"{tpath}.{row_id}"
            if row_id not in {r.id for r in table.rows}:
                raise DraftFileError("表中没有这一行", "no such row in this table", rpath)
            if not isinstance(cells, dict):
                raise DraftFileError("应为对象 {列: 数值}", "must be an object {column: number}", rpath)
            for column_id, value in cells.items():
                cpath = f"{rpath}.{column_id}"
                if column_id not in {c.id for c in table.columns}:
                    raise DraftFileError("表中没有这一列", "no such column in this table", cpath)
                yield table, row_id, column_id, value, cpath


def _tables(raw: Any, where: str, definition: FormatDefinition, computed: bool) -> dict:
    out: dict = {}
    for table, row_id, column_id, value, cpath in _cells(raw, where, definition):
        is_computed = table.is_computed(row_id, column_id)
        if is_computed and not computed:
            raise DraftFileError(
                "这是自动计算的合计单元格，不能填写（印刷的合计可放在 stated_totals 中）",
                "this total is computed and cannot be set (put printed totals under stated_totals)",
                cpath,
            )
        if computed and not is_computed:
            raise DraftFileError("stated_totals 只能包含合计单元格", "stated_totals may only hold computed cells", cpath)
        if isinstance(value, str):
            raise DraftFileError(f"应为数字，不能是文字 \"{value[:20]}\"", f"must be a number, not the text \"{value[:20]}\"", cpath)
        try:
            checked = check_value(table.column(column_id).kind, value)
        except CellValueError as exc:
            raise DraftFileError(f"数值 {value!s} 无效：{exc.zh}", f"value {value!s} {exc.en}", cpath) from None
        if checked is not None:
            out[(table.id, row_id, column_id)] = checked
    return out


def _invalid_inputs(raw: Any, definition: FormatDefinition) -> dict:
    """Cells whose typed text did not parse: kept verbatim (short strings) so nothing typed is lost."""
    out: dict = {}
    for table, row_id, column_id, text, cpath in _cells(raw, "invalid_inputs", definition):
        if table.is_computed(row_id, column_id):
            raise DraftFileError("表中没有这一可填写的列", "no such input column in this table", cpath)
        if not isinstance(text, str):
            raise DraftFileError("应为文字", "must be a string", cpath)
        _check_text(text, cpath, limits.INVALID_INPUT_MAX_CHARS)
        out[(table.id, row_id, column_id)] = text
    return out
