"""The draft file (``*.json``, schema ``nianbao-draft``, documented in docs/draft-format.md): what
``nianbao new`` and ``nianbao import`` write, and the content the store keeps for each draft.

Loading is strict and never crashes: the file goes through the one reader (``common.reading``: regular
files only, 5 MB) and the one strict JSON parser (``common.strictjson``: duplicate keys, NaN, control
characters refused), then every problem becomes one DraftFileError that names the field (as a JSON path,
and a cell by its table, row and column) in Chinese and English. Anything not understood is refused rather than guessed,
because a misread number would end up in an official report.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import strictjson
from common.atomic import atomic_write
from common.errors import AppError, FileIOError
from common.reading import read_file, size_text
from forms import limits
from forms.catalog import available_formats, load_format
from forms.definition import FormatDefinition, Table
from forms.draft import CellKey, Draft, Signature
from forms.levels import LEVEL_ZH, LEVELS, infer_level
from forms.values import CellValue, CellValueError, check_value, to_json

SCHEMA = "nianbao-draft"
#: 2 added ``level``; a version-1 file gets the level guessed from the agency name.
#: 3 added the optional ``carried_texts``; a draft without it is still written as version 2.
SCHEMA_VERSION = 3
MAX_FILE_BYTES = limits.DRAFT_FILE_MAX_BYTES
MIN_YEAR, MAX_YEAR = limits.YEAR_MIN, limits.YEAR_MAX
_TOP_LEVEL = {"schema", "schema_version", "format", "agency", "year", "signature", "headings", "texts", "tables", "stated_totals", "invalid_inputs", "level", "carried_texts"}


class DraftFileError(AppError, ValueError):
    """A draft file cannot be used. ``where`` is the JSON path of the offending field (or '')."""

    advice_zh = "请确认选择的是本程序保存的草稿文件（.json），且文件没有被其他软件改动过。"
    advice_en = "Check that the file is a draft saved by this program (.json) and was not changed by other software."

    def __init__(self, zh: str, en: str, where: str = "") -> None:
        super().__init__(f"{where}：{zh}" if where else zh, f"{where}: {en}" if where else en)
        self.where = where


# --------------------------------------------------------------------------- writing


def cell_place(table: Table, row_id: str, column_id: str) -> str:
    """A cell in words a clerk finds on the page: 表 title, the row's and the column's labels."""
    try:
        row, column = table.row(row_id).label, table.column(column_id).label
    except KeyError:
        return table.title
    return f"表“{table.title}”中“{row}”行“{column}”列"


def _cell_json(table: Table, row_id: str, column_id: str, value: Any, where: str) -> Any:
    """The JSON form of one cell, refusing what the loader would refuse (True, "3", 3.5, NaN, a set ...)."""
    column = table.column(column_id)
    try:
        return to_json(column.kind, check_value(column.kind, value))
    except CellValueError as exc:
        place = cell_place(table, row_id, column_id)
        raise DraftFileError(f"{place}的数值无效：{exc.zh}", f"invalid value in table {table.id} row {row_id} column {column_id}: {exc.en}",
                             f"{where}.{table.id}.{row_id}.{column_id}") from None


def draft_to_dict(draft: Draft) -> dict[str, Any]:
    """The draft as plain JSON data. Cell values are checked by the loader's rules and named when refused."""
    definition = draft.definition

    def tables(source: dict[CellKey, CellValue], where: str) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for table in definition.tables:
            rows: dict[str, Any] = {}
            for row in table.rows:
                cells = {c.id: _cell_json(table, row.id, c.id, source[(table.id, row.id, c.id)], where)
                         for c in table.columns if (table.id, row.id, c.id) in source}
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
        "level": draft.level,
        "signature": {
            "agency": draft.signature.agency,
            "date": draft.signature.date.isoformat() if draft.signature.date else None,
        },
        "headings": dict(draft.headings),
        "texts": {k: v for k, v in draft.texts.items()},
        "tables": tables(draft.values, "tables"),
    }
    if draft.stated:
        data["stated_totals"] = tables(draft.stated, "stated_totals")
    if draft.invalid_inputs:
        data["invalid_inputs"] = _nest(draft.invalid_inputs)
    if draft.carried_texts:
        data["carried_texts"] = sorted(draft.carried_texts)
    else:  # nothing a version-2 reader would misread: stay readable by it
        data["schema_version"] = 2
    return data


def _nest(flat: dict[CellKey, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for (table, row, column), value in sorted(flat.items()):
        out.setdefault(table, {}).setdefault(row, {})[column] = value
    return out


def dumps_draft(draft: Draft) -> str:
    """The draft file's text: indented UTF-8 JSON, money as exact decimals."""
    return encode_draft(draft).decode("utf-8")


def encode_draft(draft: Draft) -> bytes:
    """The draft file's bytes; DraftFileError when the draft would not load back."""
    try:
        return strictjson.dumps(to_storable(draft), indent=2) + b"\n"
    except strictjson.JSONWriteError as exc:
        raise DraftFileError(exc.zh, exc.en) from None


def save_draft_file(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write a draft file atomically: a crash leaves the old file or the new one, never half.

    Raises DraftFileError when the draft holds something the file cannot (it would not load back),
    ``common.errors.FileIOError`` when the disk refuses.
    """
    atomic_write(path, encode_draft(draft))


def to_storable(draft: Draft) -> dict[str, Any]:
    """The draft as the dict that is written (draft file, store, exchange file), checked by the very
    rules that read it back: a draft that would not load again is refused here, before any write."""
    content = draft_to_dict(draft)
    draft_from_dict(content)
    return content


# --------------------------------------------------------------------------- reading


def load_draft_file(path: Path | str) -> Draft:
    """Read and check a draft file. Anything not a regular file of at most 5 MB is refused before reading."""
    try:
        raw = read_file(path, max_bytes=MAX_FILE_BYTES, what="草稿文件", what_en="draft file")
    except FileIOError as exc:
        raise DraftFileError(exc.zh, exc.en) from None
    return loads_draft(raw)


def loads_draft(raw: bytes | str) -> Draft:
    return draft_from_dict(decode_json(raw))


def decode_json(raw: bytes | str) -> Any:
    """The JSON value of a draft file's bytes (size cap, BOM, duplicate keys, NaN, control characters)."""
    if isinstance(raw, bytes) and len(raw) > MAX_FILE_BYTES:
        raise DraftFileError(f"文件过大（{size_text(len(raw))}，最多 {size_text(MAX_FILE_BYTES)}）",
                             f"file too large ({len(raw)} bytes, at most {MAX_FILE_BYTES})")
    try:
        return strictjson.loads(raw)
    except strictjson.JSONFileError as exc:
        place = _place_of(raw, exc.where)
        raise DraftFileError(f"{place}{exc.reason_zh}", exc.reason_en, exc.where) from None


def _place_of(raw: bytes | str, where: str) -> str:
    """"表…“行”“列”：" for a refused cell value, found through the file's format; "" when unknown."""
    parts = where.split(".")
    if len(parts) != 4 or parts[0] not in ("tables", "stated_totals", "invalid_inputs"):
        return ""
    try:  # lenient second reading, only to learn the format: the strict one has refused the file already
        format_id = json.loads(raw, parse_constant=lambda _name: None).get("format")
        table = load_format(format_id).table(parts[1]) if format_id in available_formats() else None
    except (ValueError, AttributeError, KeyError, RecursionError, TypeError):
        return ""
    return f"{cell_place(table, parts[2], parts[3])}：" if table is not None else ""


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
    if not limits.year_in_range(year):
        raise DraftFileError(f"报告年度应为 {MIN_YEAR}—{MAX_YEAR} 之间的整数", f"report year must be an integer {MIN_YEAR}-{MAX_YEAR}", "year")
    assert isinstance(year, int)
    draft = Draft(agency=_string(obj, "agency", "agency", required=True), year=year, format_id=format_id)
    draft.level = _level(obj, version, draft.agency)
    draft.signature = _signature(obj.get("signature"))
    draft.texts = _texts(obj.get("texts"), "texts", definition, headings=False)
    draft.headings = _texts(obj.get("headings"), "headings", definition, headings=True)
    draft.values = _tables(obj.get("tables"), "tables", definition, computed=False)
    draft.stated = _tables(obj.get("stated_totals"), "stated_totals", definition, computed=True)
    draft.invalid_inputs = _invalid_inputs(obj.get("invalid_inputs"), definition)
    draft.carried_texts = _carried(obj.get("carried_texts"), definition)
    return draft


def _carried(raw: Any, definition: FormatDefinition) -> set[str]:
    """Optional: ids of texts copied from last year and not yet edited or confirmed by the clerk."""
    if raw is None:
        return set()
    if not isinstance(raw, list):
        raise DraftFileError("应为文字部分编号的列表", "must be a list of text ids", "carried_texts")
    known = {t.id for t in definition.texts}
    for i, key in enumerate(raw):
        if key not in known:
            raise DraftFileError(f"格式 {definition.id} 中没有这一部分", f"format {definition.id} has no such part",
                                 f"carried_texts[{i}]")
    return set(raw)


def _level(obj: dict[str, Any], version: int, agency: str) -> str:
    """The agency level; files before version 2 have none, so it is guessed from the agency name."""
    if version < 2:
        if "level" in obj:
            raise DraftFileError("版本 1 的文件不应有 level 字段", "a version 1 file has no level field", "level")
        return infer_level(agency)
    level = obj.get("level")
    if level not in LEVELS:
        known = "、".join(f"{k}（{v}）" for k, v in LEVEL_ZH.items())
        raise DraftFileError(f"机关层级应为以下之一：{known}", f"level must be one of {', '.join(LEVELS)}", "level")
    assert isinstance(level, str)
    return level


def _string(obj: dict[str, Any], key: str, where: str, required: bool = False, limit: int = limits.AGENCY_MAX_CHARS) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise DraftFileError("应为文字", "must be a string", where)
    _check_text(value, where, limit)
    return value


def _check_text(value: str, where: str, limit: int) -> None:
    too_long = limits.text_too_long(value, limit)
    if too_long is not None:
        raise DraftFileError(too_long.zh, too_long.en, where)
    ch = strictjson.bad_character(value)
    if ch is not None:
        raise DraftFileError(*strictjson.bad_character_message(ch), where)


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


def _tables(raw: Any, where: str, definition: FormatDefinition, computed: bool) -> dict[CellKey, CellValue]:
    """Cell values; in ``stated_totals`` (computed=True) null means the source printed the total blank."""
    out: dict[CellKey, CellValue] = {}
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
        if checked is not None or computed:
            out[(table.id, row_id, column_id)] = checked
    return out


def _invalid_inputs(raw: Any, definition: FormatDefinition) -> dict[CellKey, str]:
    """Cells whose typed text did not parse: kept verbatim (short strings) so nothing typed is lost."""
    out: dict[CellKey, str] = {}
    for table, row_id, column_id, text, cpath in _cells(raw, "invalid_inputs", definition):
        if table.is_computed(row_id, column_id):
            raise DraftFileError("表中没有这一可填写的列", "no such input column in this table", cpath)
        if not isinstance(text, str):
            raise DraftFileError("应为文字", "must be a string", cpath)
        _check_text(text, cpath, limits.INVALID_INPUT_MAX_CHARS)
        out[(table.id, row_id, column_id)] = text
    return out
