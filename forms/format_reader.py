"""Reading a format file's objects (the format itself and each rule's parameters), checked against the format's tables and texts.

Every rule type reads its own parameters through a ParamReader, so the format loader knows nothing
about any rule type, and a mistake in a format file fails at load with the file and JSON path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from forms.definition import CellRef, FormatDefinitionError, Table


@dataclass(frozen=True)
class Words:
    """A phrase in both languages, taken from the format file."""

    zh: str
    en: str


class ParamReader:
    """Typed access to one JSON object of a format file; unknown keys are refused by ``finish``."""

    def __init__(self, raw: Any, where: str, source: str, tables: Mapping[str, Table], text_ids: Sequence[str]) -> None:
        self.where, self.source, self.tables, self.text_ids = where, source, tables, tuple(text_ids)
        if not isinstance(raw, dict):
            raise self.fail("", "expected an object")
        self.raw: dict[str, Any] = raw
        self.used: set[str] = set()

    def fail(self, key: str, problem: str) -> FormatDefinitionError:
        where = f"{self.where}.{key}" if key else self.where
        return FormatDefinitionError(f"{self.source}: {where}: {problem}")

    def has(self, key: str) -> bool:
        return key in self.raw

    def value(self, key: str, kind: type, name: str, optional: bool = False) -> Any:
        self.used.add(key)
        if key not in self.raw:
            if optional:
                return None
            raise self.fail("", f"missing '{key}'")
        value = self.raw[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.fail(key, f"expected {name}, got {type(value).__name__}")
        return value

    def string(self, key: str) -> str:
        value: str = self.value(key, str, "a string")
        if not value:
            raise self.fail(key, "expected a non-empty string")
        return value

    def optional_string(self, key: str) -> str | None:
        value: str | None = self.value(key, str, "a string", optional=True)
        return value

    def integer(self, key: str, default: int) -> int:
        value: int | None = self.value(key, int, "an integer", optional=True)
        return default if value is None else value

    def strings(self, key: str, optional: bool = False) -> tuple[str, ...]:
        """A list of non-empty strings (one string is read as a list of one)."""
        self.used.add(key)
        if key not in self.raw and optional:
            return ()
        value = self.raw.get(key)
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(i, str) and i for i in items):
            raise self.fail(key, "expected a non-empty string or a non-empty list of them")
        return tuple(items)

    def words(self, key: str, optional: bool = False) -> Words | None:
        raw = self.value(key, dict, "an object {zh, en}", optional=optional)
        if raw is None:
            return None
        sub = self.child(raw, key)
        words = Words(sub.string("zh"), sub.string("en"))
        sub.finish()
        return words

    def required_words(self, key: str) -> Words:
        words = self.words(key)
        assert words is not None
        return words

    def table(self, key: str = "table") -> Table:
        table_id = self.string(key)
        if table_id not in self.tables:
            raise self.fail(key, f"unknown table '{table_id}'")
        return self.tables[table_id]

    def rows(self, table: Table, key: str) -> tuple[str, ...]:
        ids = self.strings(key)
        for row_id in ids:
            if row_id not in {r.id for r in table.rows}:
                raise self.fail(key, f"unknown row '{row_id}' in {table.id}")
        return ids

    def columns(self, table: Table, key: str, optional: bool = False) -> tuple[str, ...]:
        ids = self.strings(key, optional=optional)
        for column_id in ids:
            if column_id not in {c.id for c in table.columns}:
                raise self.fail(key, f"unknown column '{column_id}' in {table.id}")
        return ids

    def column(self, table: Table, key: str) -> str:
        ids = self.columns(table, key)
        if len(ids) != 1:
            raise self.fail(key, "expected one column id")
        return ids[0]

    def texts(self, key: str) -> tuple[str, ...]:
        """Text ids; "*" stands for every text of the format."""
        ids = self.strings(key)
        if ids == ("*",):
            return self.text_ids
        for text_id in ids:
            if text_id not in self.text_ids:
                raise self.fail(key, f"unknown text '{text_id}'")
        return ids

    def text(self, key: str) -> str:
        """One text id."""
        ids = self.texts(key)
        if len(ids) != 1:
            raise self.fail(key, "expected one text id")
        return ids[0]

    def regex(self, key: str, groups: int | None = None, optional: bool = False) -> re.Pattern[str] | None:
        pattern: str | None = self.value(key, str, "a regular expression", optional=optional)
        if pattern is None:
            return None
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            raise self.fail(key, f"invalid regular expression: {exc}") from exc
        if groups is not None and compiled.groups != groups:
            raise self.fail(key, f"needs exactly {groups} capturing group(s)")
        return compiled

    def required_regex(self, key: str, groups: int | None = None) -> re.Pattern[str]:
        compiled = self.regex(key, groups)
        assert compiled is not None
        return compiled

    def cell_ref(self, raw: Any, where: str, wildcard: bool = False) -> CellRef:
        sub = ParamReader(raw, f"{self.where}.{where}", self.source, self.tables, self.text_ids)
        table = sub.table()
        ref = CellRef(table.id, sub.string("row"), sub.string("column"))
        if not (wildcard and ref.row == "*") and ref.row not in {r.id for r in table.rows}:
            raise sub.fail("row", f"unknown row '{ref.row}' in {ref.table}")
        if not (wildcard and ref.column == "*") and ref.column not in {c.id for c in table.columns}:
            raise sub.fail("column", f"unknown column '{ref.column}' in {ref.table}")
        sub.finish()
        return ref

    def cells(self, key: str, optional: bool = False) -> tuple[CellRef, ...]:
        items = self.value(key, list, "a list of cells", optional=optional)
        if items is None:
            return ()
        if not items:
            raise self.fail(key, "needs at least one cell")
        return tuple(self.cell_ref(item, f"{key}[{i}]") for i, item in enumerate(items))

    def cell_lists(self, key: str) -> tuple[tuple[CellRef, ...], ...]:
        """An optional list of cell lists (each one a sum of cells)."""
        items = self.value(key, list, "a list of cell lists", optional=True) or []
        out = []
        for i, cells in enumerate(items):
            if not isinstance(cells, list) or not cells:
                raise self.fail(f"{key}[{i}]", "expected a non-empty list of cells")
            out.append(tuple(self.cell_ref(c, f"{key}[{i}][{j}]") for j, c in enumerate(cells)))
        return tuple(out)

    def children(self, key: str) -> list[ParamReader]:
        items = self.value(key, list, "a list of objects")
        if not items:
            raise self.fail(key, "needs at least one entry")
        return [self.child(item, f"{key}[{i}]") for i, item in enumerate(items)]

    def child(self, raw: Any, key: str) -> ParamReader:
        return ParamReader(raw, f"{self.where}.{key}", self.source, self.tables, self.text_ids)

    def finish(self) -> None:
        """Refuse keys nobody read: a misspelt parameter must not be silently ignored."""
        unknown = sorted(set(self.raw) - self.used)
        if unknown:
            raise self.fail(unknown[0], "unknown parameter")
