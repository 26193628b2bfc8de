"""Report format definitions: typed, checked views of the JSON files in ``forms/formats/``.

A national format is data, not code: a new report format is one new JSON file here. The loader
checks every file thoroughly (ids, references, header widths, rule parameters) and fails loudly
with the file and the JSON path of the problem, because a silently wrong definition would print a
wrong official table.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from common.errors import AppError

FORMATS_DIR = Path(__file__).with_name("formats")
DEFINITION_VERSION = 1
CELL_KINDS = ("count", "signed", "money")
RULE_TYPES = (
    "balance",
    "not_less",
    "change_not_negative",
    "substantive_text",
    "text_count",
    "fee_mentioned",
    "running_total",
)
SEVERITIES = ("error", "warning")


class FormatDefinitionError(AppError, ValueError):
    """A format definition file is malformed; the message names the file and the JSON path."""

    def __init__(self, message: str) -> None:
        super().__init__(f"报告格式定义文件有误，请重新安装本程序：{message}", message)


@dataclass(frozen=True)
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    role: str | None = None


@dataclass(frozen=True)
class Column:
    id: str
    label: str
    en: str
    kind: str
    unit: str | None = None
    computed_from: tuple[str, ...] = ()

    @property
    def computed(self) -> bool:
        return bool(self.computed_from)


@dataclass(frozen=True)
class Row:
    id: str
    labels: tuple[str, ...]
    en: str
    rule_item: str | None = None
    computed_from: tuple[str, ...] = ()

    @property
    def computed(self) -> bool:
        return bool(self.computed_from)

    @property
    def label(self) -> str:
        """The row's own (innermost) label, e.g. '1.属于国家秘密'."""
        return self.labels[-1] if self.labels else ""


@dataclass(frozen=True)
class Table:
    id: str
    section: str
    title: str
    label_columns: int
    header: tuple[tuple[HeaderCell, ...], ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def column(self, column_id: str) -> Column:
        for column in self.columns:
            if column.id == column_id:
                return column
        raise KeyError(column_id)

    def row(self, row_id: str) -> Row:
        for row in self.rows:
            if row.id == row_id:
                return row
        raise KeyError(row_id)

    def is_computed(self, row_id: str, column_id: str) -> bool:
        return self.row(row_id).computed or self.column(column_id).computed

    def input_cells(self) -> list[tuple[Row, Column]]:
        return [(r, c) for r in self.rows for c in self.columns if not (r.computed or c.computed)]

    def header_grid(self) -> list[list[tuple[HeaderCell, int, int] | None]]:
        """Lay the header out like an HTML table: grid[r][c] is (cell, top, left) of the cell covering it."""
        return _header_grid(self)


@dataclass(frozen=True)
class TextField:
    id: str
    section: str | None
    kind: str  # preface | subsection | intro | section
    title: str
    en: str
    required: bool
    guidance_zh: str
    guidance_en: str
    number: str | None = None


@dataclass(frozen=True)
class Section:
    id: str
    number: str
    title: str
    en: str
    texts: tuple[str, ...]
    tables: tuple[str, ...]
    table_layout: str = "separate"

    @property
    def heading(self) -> str:
        return f"{self.number}、{self.title}"


@dataclass(frozen=True)
class Rule:
    type: str
    severity: str
    params: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class CellRef:
    table: str
    row: str  # a row id or "*"
    column: str  # a column id or "*"


@dataclass(frozen=True)
class CarryForward:
    """this year's `to` cells = the sum of last year's `from` cells ("*" means: the same row/column)."""

    to: CellRef
    sources: tuple[CellRef, ...]


@dataclass(frozen=True)
class FormatDefinition:
    id: str
    name_zh: str
    name_en: str
    issued_by: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    texts: tuple[TextField, ...]
    tables: tuple[Table, ...]
    rules: tuple[Rule, ...]
    carry_forward: tuple[CarryForward, ...]

    def table(self, table_id: str) -> Table:
        for table in self.tables:
            if table.id == table_id:
                return table
        raise KeyError(table_id)

    def text(self, text_id: str) -> TextField:
        for text in self.texts:
            if text.id == text_id:
                return text
        raise KeyError(text_id)

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def covers_year(self, year: int) -> bool:
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)


# --------------------------------------------------------------------------- loading


def available_formats() -> list[str]:
    """Ids of every format file shipped, oldest first."""
    return sorted(p.stem for p in FORMATS_DIR.glob("*.json"))


@cache
def load_format(format_id: str) -> FormatDefinition:
    """Load and check one shipped format. Raises KeyError for an unknown id."""
    if format_id not in available_formats():
        raise KeyError(format_id)
    return load_format_file(FORMATS_DIR / f"{format_id}.json")


def format_for_year(year: int) -> FormatDefinition:
    """The official format for a report year: 2019 up to report year 2020, 2021 from 2021 on."""
    formats = sorted((load_format(f) for f in available_formats()), key=lambda d: d.first_year)
    chosen = formats[0]  # years before the first format: the oldest layout is the closest
    for definition in formats:
        if definition.first_year <= year:
            chosen = definition
    return chosen


def load_format_file(path: Path) -> FormatDefinition:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatDefinitionError(f"{path.name}: cannot read format definition: {exc}") from exc
    return parse_format(raw, source=path.name)


def parse_format(raw: Any, source: str = "<format>") -> FormatDefinition:
    return _Parser(source).format(raw)


class _Parser:
    """Turns raw JSON into a FormatDefinition, checking every field on the way."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> FormatDefinitionError:
        return FormatDefinitionError(f"{self.source}: {where}: {problem}")

    def get(self, obj: Any, key: str, kind: type | tuple[type, ...], where: str, optional: bool = False) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(where, "expected an object")
        if key not in obj:
            if optional:
                return None
            raise self.fail(where, f"missing '{key}'")
        value = obj[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _tuple(kind)):
            raise self.fail(f"{where}.{key}", f"expected {_kind_name(kind)}, got {type(value).__name__}")
        return value

    def format(self, raw: Any) -> FormatDefinition:
        version = self.get(raw, "definition_version", int, "$")
        if version != DEFINITION_VERSION:
            raise self.fail("$.definition_version", f"unsupported version {version}")
        fid = self.get(raw, "id", str, "$")
        name = self.get(raw, "name", dict, "$")
        years = self.get(raw, "report_years", dict, "$")
        first = self.get(years, "first", int, "$.report_years")
        last = years.get("last")
        if last is not None and (not isinstance(last, int) or last < first):
            raise self.fail("$.report_years.last", "must be null or a year not before 'first'")
        texts = tuple(self.text(t, f"$.texts[{i}]") for i, t in enumerate(self.get(raw, "texts", list, "$")))
        tables = tuple(self.table(t, f"$.tables[{i}]") for i, t in enumerate(self.get(raw, "tables", list, "$")))
        sections = tuple(self.section(s, f"$.sections[{i}]") for i, s in enumerate(self.get(raw, "sections", list, "$")))
        self.unique([t.id for t in texts], "$.texts")
        self.unique([t.id for t in tables], "$.tables")
        self.unique([s.id for s in sections], "$.sections")
        if len(sections) != 6:
            raise self.fail("$.sections", f"a report has six sections, found {len(sections)}")
        text_ids, table_ids = {t.id for t in texts}, {t.id for t in tables}
        section_ids = {s.id for s in sections}
        for i, s in enumerate(sections):
            for t in s.texts:
                if t not in text_ids:
                    raise self.fail(f"$.sections[{i}].texts", f"unknown text '{t}'")
            for t in s.tables:
                if t not in table_ids:
                    raise self.fail(f"$.sections[{i}].tables", f"unknown table '{t}'")
        for i, t in enumerate(texts):
            if t.section is not None and t.section not in section_ids:
                raise self.fail(f"$.texts[{i}].section", f"unknown section '{t.section}'")
        for i, t in enumerate(tables):
            if t.section not in section_ids:
                raise self.fail(f"$.tables[{i}].section", f"unknown section '{t.section}'")
        table_map = {t.id: t for t in tables}
        rules = tuple(self.rule(r, f"$.rules[{i}]", table_map, text_ids) for i, r in enumerate(self.get(raw, "rules", list, "$")))
        carry = tuple(
            self.carry(c, f"$.carry_forward[{i}]", table_map)
            for i, c in enumerate(self.get(raw, "carry_forward", list, "$", optional=True) or [])
        )
        return FormatDefinition(
            id=fid,
            name_zh=self.get(name, "zh", str, "$.name"),
            name_en=self.get(name, "en", str, "$.name"),
            issued_by=self.get(raw, "issued_by", str, "$"),
            first_year=first,
            last_year=last,
            sections=sections,
            texts=texts,
            tables=tables,
            rules=rules,
            carry_forward=carry,
        )

    def unique(self, ids: list[str], where: str) -> None:
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise self.fail(where, f"duplicate id '{i}'")
            seen.add(i)

    def section(self, raw: Any, where: str) -> Section:
        layout = self.get(raw, "table_layout", str, where, optional=True) or "separate"
        if layout not in ("separate", "stacked"):
            raise self.fail(f"{where}.table_layout", f"unknown layout '{layout}'")
        return Section(
            id=self.get(raw, "id", str, where),
            number=self.get(raw, "number", str, where),
            title=self.get(raw, "title", str, where),
            en=self.get(raw, "en", str, where),
            texts=tuple(self.strings(self.get(raw, "texts", list, where), f"{where}.texts")),
            tables=tuple(self.strings(self.get(raw, "tables", list, where), f"{where}.tables")),
            table_layout=layout,
        )

    def strings(self, items: list[Any], where: str) -> list[str]:
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item:
                raise self.fail(f"{where}[{i}]", "expected a non-empty string")
        return items

    def text(self, raw: Any, where: str) -> TextField:
        kind = self.get(raw, "kind", str, where)
        if kind not in ("preface", "subsection", "intro", "section"):
            raise self.fail(f"{where}.kind", f"unknown text kind '{kind}'")
        guidance = self.get(raw, "guidance", dict, where)
        section = raw.get("section") if isinstance(raw, dict) else None
        if section is not None and not isinstance(section, str):
            raise self.fail(f"{where}.section", "expected a string or null")
        return TextField(
            id=self.get(raw, "id", str, where),
            section=section,
            kind=kind,
            title=self.get(raw, "title", str, where),
            en=self.get(raw, "en", str, where),
            required=self.get(raw, "required", bool, where),
            guidance_zh=self.get(guidance, "zh", str, f"{where}.guidance"),
            guidance_en=self.get(guidance, "en", str, f"{where}.guidance"),
            number=self.get(raw, "number", str, where, optional=True),
        )

    def table(self, raw: Any, where: str) -> Table:
        columns = tuple(self.column(c, f"{where}.columns[{i}]") for i, c in enumerate(self.get(raw, "columns", list, where)))
        rows = tuple(self.row(r, f"{where}.rows[{i}]") for i, r in enumerate(self.get(raw, "rows", list, where)))
        if not columns or not rows:
            raise self.fail(where, "a table needs at least one column and one row")
        self.unique([c.id for c in columns], f"{where}.columns")
        self.unique([r.id for r in rows], f"{where}.rows")
        column_ids, row_ids = {c.id for c in columns}, {r.id for r in rows}
        for i, c in enumerate(columns):
            for ref in c.computed_from:
                if ref not in column_ids or ref == c.id or columns[[x.id for x in columns].index(ref)].computed:
                    raise self.fail(f"{where}.columns[{i}].computed", f"'{ref}' is not an input column of this table")
        for i, r in enumerate(rows):
            for ref in r.computed_from:
                if ref not in row_ids or ref == r.id or rows[[x.id for x in rows].index(ref)].computed:
                    raise self.fail(f"{where}.rows[{i}].computed", f"'{ref}' is not an input row of this table")
        label_columns = self.get(raw, "label_columns", int, where)
        if not 0 <= label_columns <= 3:
            raise self.fail(f"{where}.label_columns", "must be 0..3")
        for i, r in enumerate(rows):
            if len(r.labels) > label_columns:
                raise self.fail(f"{where}.rows[{i}].labels", f"more labels than label_columns ({label_columns})")
        header = tuple(
            tuple(self.header_cell(c, f"{where}.header[{i}][{j}]") for j, c in enumerate(self.strings_or_cells(hr, f"{where}.header[{i}]")))
            for i, hr in enumerate(self.get(raw, "header", list, where))
        )
        table = Table(
            id=self.get(raw, "id", str, where),
            section=self.get(raw, "section", str, where),
            title=self.get(raw, "title", str, where),
            label_columns=label_columns,
            header=header,
            columns=columns,
            rows=rows,
        )
        try:
            _header_grid(table)
        except ValueError as exc:
            raise self.fail(f"{where}.header", str(exc)) from exc
        return table

    def strings_or_cells(self, raw: Any, where: str) -> list[Any]:
        if not isinstance(raw, list) or not raw:
            raise self.fail(where, "expected a non-empty list of header cells")
        return raw

    def header_cell(self, raw: Any, where: str) -> HeaderCell:
        colspan = self.get(raw, "colspan", int, where, optional=True) or 1
        rowspan = self.get(raw, "rowspan", int, where, optional=True) or 1
        if colspan < 1 or rowspan < 1:
            raise self.fail(where, "spans must be >= 1")
        return HeaderCell(self.get(raw, "text", str, where), colspan, rowspan, self.get(raw, "role", str, where, optional=True))

    def computed(self, raw: Any, where: str) -> tuple[str, ...]:
        spec = self.get(raw, "computed", dict, where, optional=True)
        if spec is None:
            return ()
        return tuple(self.strings(self.get(spec, "sum", list, f"{where}.computed"), f"{where}.computed.sum"))

    def column(self, raw: Any, where: str) -> Column:
        kind = self.get(raw, "kind", str, where)
        if kind not in CELL_KINDS:
            raise self.fail(f"{where}.kind", f"unknown cell kind '{kind}' (known: {', '.join(CELL_KINDS)})")
        unit = self.get(raw, "unit", str, where, optional=True)
        if kind == "money" and not unit:
            raise self.fail(where, "a money column needs a unit")
        return Column(
            id=self.get(raw, "id", str, where),
            label=self.get(raw, "label", str, where),
            en=self.get(raw, "en", str, where),
            kind=kind,
            unit=unit,
            computed_from=self.computed(raw, where),
        )

    def row(self, raw: Any, where: str) -> Row:
        return Row(
            id=self.get(raw, "id", str, where),
            labels=tuple(self.strings(self.get(raw, "labels", list, where), f"{where}.labels")),
            en=self.get(raw, "en", str, where),
            rule_item=self.get(raw, "rule_item", str, where, optional=True),
            computed_from=self.computed(raw, where),
        )

    def cell_ref(self, raw: Any, where: str, tables: dict[str, Table], wildcard: bool) -> CellRef:
        ref = CellRef(self.get(raw, "table", str, where), self.get(raw, "row", str, where), self.get(raw, "column", str, where))
        table = tables.get(ref.table)
        if table is None:
            raise self.fail(f"{where}.table", f"unknown table '{ref.table}'")
        if not (wildcard and ref.row == "*") and ref.row not in {r.id for r in table.rows}:
            raise self.fail(f"{where}.row", f"unknown row '{ref.row}' in {ref.table}")
        if not (wildcard and ref.column == "*") and ref.column not in {c.id for c in table.columns}:
            raise self.fail(f"{where}.column", f"unknown column '{ref.column}' in {ref.table}")
        return ref

    def rule(self, raw: Any, where: str, tables: dict[str, Table], text_ids: set[str]) -> Rule:
        rtype = self.get(raw, "type", str, where)
        if rtype not in RULE_TYPES:
            raise self.fail(f"{where}.type", f"unknown rule type '{rtype}'")
        severity = self.get(raw, "severity", str, where, optional=True) or "warning"
        if severity not in SEVERITIES:
            raise self.fail(f"{where}.severity", f"unknown severity '{severity}'")
        params = {k: v for k, v in raw.items() if k not in ("type", "severity")}
        self.check_rule(rtype, params, where, tables, text_ids)
        return Rule(rtype, severity, params)

    def check_rule(self, rtype: str, p: dict[str, Any], where: str, tables: dict[str, Table], text_ids: set[str]) -> None:
        def table(key: str = "table") -> Table:
            tid = self.get(p, key, str, where)
            if tid not in tables:
                raise self.fail(f"{where}.{key}", f"unknown table '{tid}'")
            return tables[tid]

        def ids(t: Table, key: str, axis: str) -> None:
            value = p.get(key)
            values = value if isinstance(value, list) else [value]
            known = {r.id for r in t.rows} if axis == "row" else {c.id for c in t.columns}
            for v in values:
                if v not in known:
                    raise self.fail(f"{where}.{key}", f"unknown {axis} '{v}' in {t.id}")

        def text(key: str) -> None:
            value = p.get(key)
            for v in value if isinstance(value, list) else [value]:
                if v not in text_ids:
                    raise self.fail(f"{where}.{key}", f"unknown text '{v}'")

        if rtype == "balance":
            t = table()
            ids(t, "left", "row")
            ids(t, "right", "row")
        elif rtype == "not_less":
            t = table()
            ids(t, "greater", "column")
            ids(t, "lesser", "column")
        elif rtype == "change_not_negative":
            t = table()
            ids(t, "previous", "column")
            ids(t, "change", "column")
        elif rtype == "running_total":
            t = table()
            ids(t, "column", "column")
            ids(t, "add", "column")
            ids(t, "subtract", "column")
        elif rtype == "substantive_text":
            text("text")
            self.strings(self.get(p, "trivial", list, where), f"{where}.trivial")
        elif rtype == "fee_mentioned":
            text("text")
            self.strings(self.get(p, "keywords", list, where), f"{where}.keywords")
            for i, c in enumerate(self.get(p, "cells", list, where)):
                self.cell_ref(c, f"{where}.cells[{i}]", tables, wildcard=False)
        elif rtype == "text_count":
            text("texts")
            pattern = self.get(p, "pattern", str, where)
            try:
                if re.compile(pattern).groups != 1:
                    raise self.fail(f"{where}.pattern", "needs exactly one capturing group (the number)")
            except re.error as exc:
                raise self.fail(f"{where}.pattern", f"invalid regular expression: {exc}") from exc
            for i, c in enumerate(self.get(p, "cells", list, where)):
                self.cell_ref(c, f"{where}.cells[{i}]", tables, wildcard=False)
            what = self.get(p, "what", dict, where)
            self.get(what, "zh", str, f"{where}.what")
            self.get(what, "en", str, f"{where}.what")

    def carry(self, raw: Any, where: str, tables: dict[str, Table]) -> CarryForward:
        to = self.cell_ref(self.get(raw, "to", dict, where), f"{where}.to", tables, wildcard=True)
        sources = tuple(
            self.cell_ref(s, f"{where}.from[{i}]", tables, wildcard=True) for i, s in enumerate(self.get(raw, "from", list, where))
        )
        if not sources:
            raise self.fail(f"{where}.from", "needs at least one source cell")
        return CarryForward(to, sources)


def _tuple(kind: type | tuple[type, ...]) -> tuple[type, ...]:
    return kind if isinstance(kind, tuple) else (kind,)


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {dict: "an object", list: "a list", str: "a string", int: "an integer", bool: "true/false"}
    return " or ".join(names.get(k, k.__name__) for k in _tuple(kind))


def _header_grid(table: Table) -> list[list[tuple[HeaderCell, int, int] | None]]:
    width = table.label_columns + len(table.columns)
    height = len(table.header)
    grid: list[list[tuple[HeaderCell, int, int] | None]] = [[None] * width for _ in range(height)]
    for r, header_row in enumerate(table.header):
        c = 0
        for cell in header_row:
            while c < width and grid[r][c] is not None:
                c += 1
            if c + cell.colspan > width or r + cell.rowspan > height:
                raise ValueError(f"cell '{cell.text}' in header row {r} does not fit a {height}x{width} header")
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    if grid[r + dr][c + dc] is not None:
                        raise ValueError(f"cell '{cell.text}' overlaps another header cell")
                    grid[r + dr][c + dc] = (cell, r, c)
            c += cell.colspan
    for r, grid_row in enumerate(grid):
        if any(slot is None for slot in grid_row):
            raise ValueError(f"header row {r} does not cover all {width} columns")
    return grid
