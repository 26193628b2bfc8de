"""The shipped report formats: finding, reading and checking the JSON files in ``forms/formats/``.

The loader checks every file thoroughly (ids, references, header widths, rule parameters) and fails
loudly with the file and the JSON path of the problem, because a silently wrong definition would
print a wrong official table. Each rule type reads its own parameters (``forms.rules``).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from forms.definition import (
    CELL_KINDS,
    CarryForward,
    Column,
    FormatDefinition,
    FormatDefinitionError,
    HeaderCell,
    Row,
    Section,
    Table,
    TextField,
)
from forms.format_reader import ParamReader

if TYPE_CHECKING:
    from forms.rules import Rule

FORMATS_DIR = Path(__file__).with_name("formats")
DEFINITION_VERSION = 1
TEXT_KINDS = ("preface", "subsection", "intro", "section")


def available_formats() -> list[str]:
    """Ids of every format file shipped, oldest first."""
    return sorted(p.stem for p in FORMATS_DIR.glob("*.json"))


@cache
def load_format(format_id: str) -> FormatDefinition:
    """Load and check one shipped format. Raises KeyError for an unknown id."""
    if format_id not in available_formats():
        raise KeyError(format_id)
    return load_format_file(FORMATS_DIR / f"{format_id}.json", rules_now=False)


def format_for_year(year: int) -> FormatDefinition:
    """The official format for a report year: the one that covers it (``covers_year``).

    A year no format covers gets the nearest one: the oldest before the first format, else the newest.
    """
    formats = sorted((load_format(f) for f in available_formats()), key=lambda d: d.first_year)
    for definition in formats:
        if definition.covers_year(year):
            return definition
    return formats[0] if year < formats[0].first_year else formats[-1]


def load_format_file(path: Path, rules_now: bool = True) -> FormatDefinition:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatDefinitionError(f"{path.name}: cannot read format definition: {exc}") from exc
    return parse_format(raw, source=path.name, rules_now=rules_now)


def parse_format(raw: Any, source: str = "<format>", rules_now: bool = True) -> FormatDefinition:
    """Check and build a definition. ``rules_now=False`` leaves reading the rules to their first use
    (the shipped formats, whose rules the tests read in full): showing a draft needs no rule."""
    definition = _Parser(source).format(raw)
    if rules_now:
        _ = definition.rules
    return definition


class _Parser:
    """Turns raw JSON into a FormatDefinition, checking every field on the way."""

    def __init__(self, source: str) -> None:
        self.source = source

    def reader(self, raw: Any, where: str, tables: dict[str, Table] | None = None, text_ids: list[str] | None = None) -> ParamReader:
        return ParamReader(raw, where, self.source, tables or {}, text_ids or [])

    def fail(self, where: str, problem: str) -> FormatDefinitionError:
        return FormatDefinitionError(f"{self.source}: {where}: {problem}")

    def objects(self, r: ParamReader, key: str) -> list[ParamReader]:
        items = r.value(key, list, "a list")
        return [r.child(item, f"{key}[{i}]") for i, item in enumerate(items)]

    def format(self, raw: Any) -> FormatDefinition:
        top = self.reader(raw, "$")
        version = top.integer("definition_version", 0)
        if version != DEFINITION_VERSION:
            raise self.fail("$.definition_version", f"unsupported version {version}")
        name = top.required_words("name")
        years = top.child(top.value("report_years", dict, "an object"), "report_years")
        first = years.integer("first", 0)
        last = years.raw.get("last")
        years.used.add("last")
        if not first or (last is not None and (not isinstance(last, int) or isinstance(last, bool) or last < first)):
            raise self.fail("$.report_years", "'first' must be a year, 'last' null or a year not before 'first'")
        years.finish()
        texts = tuple(self.text(t) for t in self.objects(top, "texts"))
        tables = tuple(self.table(t) for t in self.objects(top, "tables"))
        sections = tuple(self.section(s) for s in self.objects(top, "sections"))
        self.unique([t.id for t in texts], "$.texts")
        self.unique([t.id for t in tables], "$.tables")
        self.unique([s.id for s in sections], "$.sections")
        if len(sections) != 6:
            raise self.fail("$.sections", f"a report has six sections, found {len(sections)}")
        self.check_references(sections, texts, tables)
        table_map = {t.id: t for t in tables}
        text_ids = [t.id for t in texts]
        rule_list = self.reader(raw, "$", table_map, text_ids).value("rules", list, "a list")
        carry = tuple(self.carry(c) for c in (self.objects(self.reader(raw, "$", table_map), "carry_forward") if "carry_forward" in raw else []))
        for key in ("definition_version", "id", "issued_by", "texts", "tables", "sections", "rules", "carry_forward"):
            top.used.add(key)
        top.finish()
        return FormatDefinition(
            id=top.string("id"),
            name_zh=name.zh,
            name_en=name.en,
            issued_by=top.string("issued_by"),
            first_year=first,
            last_year=last,
            sections=sections,
            texts=texts,
            tables=tables,
            rule_reader=lambda: self.rules(rule_list, table_map, text_ids),
            carry_forward=carry,
        )

    def rules(self, rule_list: list[Any], table_map: dict[str, Table], text_ids: list[str]) -> tuple[Rule[Any], ...]:
        from forms.rules import parse_rule  # registers every rule type

        top = self.reader({"rules": rule_list}, "$", table_map, text_ids)
        return tuple(parse_rule(r) for r in self.objects(top, "rules"))

    def check_references(self, sections: tuple[Section, ...], texts: tuple[TextField, ...], tables: tuple[Table, ...]) -> None:
        text_ids, table_ids, section_ids = {t.id for t in texts}, {t.id for t in tables}, {s.id for s in sections}
        for i, s in enumerate(sections):
            for text_id in s.texts:
                if text_id not in text_ids:
                    raise self.fail(f"$.sections[{i}].texts", f"unknown text '{text_id}'")
            for table_id in s.tables:
                if table_id not in table_ids:
                    raise self.fail(f"$.sections[{i}].tables", f"unknown table '{table_id}'")
        for i, text in enumerate(texts):
            if text.section is not None and text.section not in section_ids:
                raise self.fail(f"$.texts[{i}].section", f"unknown section '{text.section}'")
        for i, table in enumerate(tables):
            if table.section not in section_ids:
                raise self.fail(f"$.tables[{i}].section", f"unknown section '{table.section}'")

    def unique(self, ids: list[str], where: str) -> None:
        seen: set[str] = set()
        for i in ids:
            if i in seen:
                raise self.fail(where, f"duplicate id '{i}'")
            seen.add(i)

    def section(self, r: ParamReader) -> Section:
        layout = r.optional_string("table_layout") or "separate"
        if layout not in ("separate", "stacked"):
            raise r.fail("table_layout", f"unknown layout '{layout}'")
        section = Section(
            id=r.string("id"),
            number=r.string("number"),
            title=r.string("title"),
            en=r.string("en"),
            texts=r.strings("texts", optional=True) if r.raw.get("texts") else (),
            tables=r.strings("tables", optional=True) if r.raw.get("tables") else (),
            table_layout=layout,
        )
        r.used.update(("texts", "tables"))
        r.finish()
        return section

    def text(self, r: ParamReader) -> TextField:
        kind = r.string("kind")
        if kind not in TEXT_KINDS:
            raise r.fail("kind", f"unknown text kind '{kind}'")
        guidance = r.required_words("guidance")
        section = r.raw.get("section")
        r.used.add("section")
        if section is not None and not isinstance(section, str):
            raise r.fail("section", "expected a string or null")
        text = TextField(
            id=r.string("id"),
            section=section,
            kind=kind,
            title=r.string("title"),
            en=r.string("en"),
            required=r.value("required", bool, "true/false"),
            guidance_zh=guidance.zh,
            guidance_en=guidance.en,
            number=r.optional_string("number"),
        )
        r.finish()
        return text

    def table(self, r: ParamReader) -> Table:
        columns = tuple(self.column(c) for c in self.objects(r, "columns"))
        rows = tuple(self.row(x) for x in self.objects(r, "rows"))
        if not columns or not rows:
            raise r.fail("", "a table needs at least one column and one row")
        self.unique([c.id for c in columns], f"{r.where}.columns")
        self.unique([x.id for x in rows], f"{r.where}.rows")
        inputs = {c.id for c in columns if not c.computed}
        for i, c in enumerate(columns):
            for ref in c.computed_from:
                if ref not in inputs:
                    raise r.fail(f"columns[{i}].computed", f"'{ref}' is not an input column of this table")
        input_rows = {x.id for x in rows if not x.computed}
        for i, x in enumerate(rows):
            for ref in x.computed_from:
                if ref not in input_rows:
                    raise r.fail(f"rows[{i}].computed", f"'{ref}' is not an input row of this table")
        label_columns = r.integer("label_columns", -1)
        if not 0 <= label_columns <= 3:
            raise r.fail("label_columns", "must be 0..3")
        for i, x in enumerate(rows):
            if len(x.labels) > label_columns:
                raise r.fail(f"rows[{i}].labels", f"more labels than label_columns ({label_columns})")
        header = tuple(self.header_row(row, f"{r.where}.header[{i}]") for i, row in enumerate(r.value("header", list, "a list")))
        table = Table(id=r.string("id"), section=r.string("section"), title=r.string("title"), label_columns=label_columns,
                      header=header, columns=columns, rows=rows)
        r.finish()
        try:
            table.header_grid()
        except ValueError as exc:
            raise r.fail("header", str(exc)) from exc
        return table

    def header_row(self, raw: Any, where: str) -> tuple[HeaderCell, ...]:
        """One row of header cells: a non-empty list of {text, colspan, rowspan, role}."""
        if not isinstance(raw, list) or not raw:
            raise self.fail(where, "expected a non-empty list of header cells")
        cells = []
        for j, item in enumerate(raw):
            r = self.reader(item, f"{where}[{j}]")
            colspan, rowspan = r.integer("colspan", 1), r.integer("rowspan", 1)
            if colspan < 1 or rowspan < 1:
                raise r.fail("", "spans must be >= 1")
            cells.append(HeaderCell(r.string("text"), colspan, rowspan, r.optional_string("role")))
            r.finish()
        return tuple(cells)

    def computed(self, r: ParamReader) -> tuple[tuple[str, ...], tuple[str, str] | None]:
        if not r.has("computed"):
            return (), None
        spec = r.child(r.value("computed", dict, "an object"), "computed")
        parts = spec.words("parts", optional=True)
        result = spec.strings("sum"), (parts.zh, parts.en) if parts else None
        spec.finish()
        return result

    def column(self, r: ParamReader) -> Column:
        kind = r.string("kind")
        if kind not in CELL_KINDS:
            raise r.fail("kind", f"unknown cell kind '{kind}' (known: {', '.join(CELL_KINDS)})")
        unit = r.optional_string("unit")
        if kind == "money" and not unit:
            raise r.fail("", "a money column needs a unit")
        computed_from, _ = self.computed(r)
        column = Column(id=r.string("id"), label=r.string("label"), en=r.string("en"), kind=kind, unit=unit, computed_from=computed_from)
        r.finish()
        return column

    def row(self, r: ParamReader) -> Row:
        computed_from, parts = self.computed(r)
        labels = r.strings("labels", optional=True) if r.raw.get("labels") else ()
        r.used.add("labels")
        if not isinstance(r.raw.get("labels"), list):
            raise r.fail("labels", "expected a list of labels")
        row = Row(id=r.string("id"), labels=labels, en=r.string("en"), rule_item=r.optional_string("rule_item"),
                  computed_from=computed_from, parts_named=parts)
        r.finish()
        return row

    def carry(self, r: ParamReader) -> CarryForward:
        to = r.cell_ref(r.value("to", dict, "an object"), "to", wildcard=True)
        sources = tuple(r.cell_ref(s, f"from[{i}]", wildcard=True) for i, s in enumerate(r.value("from", list, "a list")))
        if not sources:
            raise r.fail("from", "needs at least one source cell")
        r.finish()
        return CarryForward(to, sources)
