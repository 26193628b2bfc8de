"""Report format definitions: the typed, immutable model of a format file in ``forms/formats/``.

A national format is data, not code: a new report format is one new JSON file. ``forms.catalog``
reads and checks the files; this module only says what a checked definition holds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from forms.rules.base import Rule

from common.errors import AppError

CELL_KINDS = ("count", "signed", "money")


class FormatDefinitionError(AppError, ValueError):
    """A format definition file is malformed; the message names the file and the JSON path."""

    def __init__(self, message: str) -> None:
        super().__init__(f"报告格式定义文件有误，请重新安装本程序：{message}", message)


@dataclass(frozen=True)
class HeaderCell:
    """One cell of a table's printed header, spanning columns and rows as in the official form."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    role: str | None = None


@dataclass(frozen=True)
class Column:
    """A value column: what its cells hold (count, signed, money) and, if computed, what it sums."""

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
    """A table row: its labels from outermost to innermost and, if computed, the rows it sums."""

    id: str
    labels: tuple[str, ...]
    en: str
    rule_item: str | None = None
    computed_from: tuple[str, ...] = ()
    #: How a computed row's parts are named in messages ("本列各办理结果之和"), (zh, en).
    parts_named: tuple[str, str] | None = None

    @property
    def computed(self) -> bool:
        return bool(self.computed_from)

    @property
    def label(self) -> str:
        """The row's own (innermost) label, e.g. '1.属于国家秘密'."""
        return self.labels[-1] if self.labels else ""


@dataclass(frozen=True)
class Table:
    """One table of a format, laid out as printed: header, value columns, rows."""

    id: str
    section: str
    title: str
    label_columns: int
    header: tuple[tuple[HeaderCell, ...], ...]
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]

    def column(self, column_id: str) -> Column:
        return self._columns_by_id[column_id]

    def row(self, row_id: str) -> Row:
        return self._rows_by_id[row_id]

    def is_computed(self, row_id: str, column_id: str) -> bool:
        return self.row(row_id).computed or self.column(column_id).computed

    def input_cells(self) -> list[tuple[Row, Column]]:
        return list(self._input_cells)

    # Lookups built once per table: the validator and the batch check call them for every cell of
    # thousands of drafts. (A frozen dataclass still has an instance __dict__ for cached_property.)
    @cached_property
    def _columns_by_id(self) -> dict[str, Column]:
        return {column.id: column for column in self.columns}

    @cached_property
    def _rows_by_id(self) -> dict[str, Row]:
        return {row.id: row for row in self.rows}

    @cached_property
    def _input_cells(self) -> tuple[tuple[Row, Column], ...]:
        return tuple((r, c) for r in self.rows for c in self.columns if not (r.computed or c.computed))

    def header_grid(self) -> list[list[tuple[HeaderCell, int, int] | None]]:
        """Lay the header out like an HTML table: grid[r][c] is (cell, top, left) of the cell covering it."""
        return _header_grid(self)


@dataclass(frozen=True)
class TextField:
    """A narrative text the clerk writes: a preface, a subsection, a section's introduction or body."""

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
    """A numbered part of the report (一、总体情况…) with its texts and tables, in printed order."""

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
class CellRef:
    """A table cell, or a whole row or column when ``row``/``column`` is "*"."""

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
    """One national format (2019, 2021), read from its data file: every section, text, table and rule."""

    id: str
    name_zh: str
    name_en: str
    issued_by: str
    first_year: int
    last_year: int | None
    sections: tuple[Section, ...]
    texts: tuple[TextField, ...]
    tables: tuple[Table, ...]
    #: reads the consistency rules when first asked for (``rules``): compiling their patterns and
    #: importing the rule classes is left out of the program's start, which only shows a page
    rule_reader: Callable[[], tuple[Rule[Any], ...]] = field(repr=False, compare=False)
    carry_forward: tuple[CarryForward, ...]

    @cached_property
    def rules(self) -> tuple[Rule[Any], ...]:
        """The format's consistency rules, each with its checked parameters."""
        return self.rule_reader()

    def table(self, table_id: str) -> Table:
        return self._tables_by_id[table_id]

    @cached_property
    def _tables_by_id(self) -> dict[str, Table]:
        return {table.id: table for table in self.tables}

    @cached_property
    def input_kinds(self) -> dict[tuple[str, str, str], str]:
        """Every input cell (table, row, column) with its value kind; computed cells are not in it."""
        return {(t.id, r.id, c.id): c.kind for t in self.tables for r, c in t.input_cells()}

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
        """True when this is the official format for report ``year``."""
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    def years_label(self, language: str = "zh") -> str:
        """The report years it covers, e.g. "2019—2020" or "2021—今"."""
        last = str(self.last_year) if self.last_year is not None else ("今" if language == "zh" else "now")
        return f"{self.first_year}—{last}" if language == "zh" else f"{self.first_year}-{last}"


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
