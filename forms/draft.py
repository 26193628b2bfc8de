"""The draft: everything a clerk types for one annual report, and the derived totals.

Only input cells are stored. Computed cells (总计 rows and columns) are derived on demand by
``cell_values``, so a stored draft can never hold a total that disagrees with its parts. Totals
that a source document *printed* (a published report being imported, a file from another tool) are
kept apart in ``stated`` so the validator can compare them with the derived ones.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from forms.catalog import format_for_year, load_format
from forms.definition import FormatDefinition, Table
from forms.levels import infer_level
from forms.limits import AGENCY_MAX_CHARS, LimitError, check_year, text_too_long
from forms.values import CellValue

CellKey = tuple[str, str, str]  # (table id, row id, column id)


@dataclass
class Signature:
    """The signing agency and date printed at the end of the report."""

    agency: str = ""
    date: dt.date | None = None


@dataclass
class Draft:
    """A report being written: its texts and cell values, kept exactly as the clerk typed them."""

    agency: str
    year: int
    format_id: str
    texts: dict[str, str] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)  # custom subsection titles, e.g. the seed's （三）
    values: dict[CellKey, CellValue] = field(default_factory=dict)  # input cells only; missing = blank
    #: Totals as printed by a source document. ``None`` means the source printed the total blank;
    #: a key that is absent means the source printed no such total (or the draft was typed here).
    stated: dict[CellKey, CellValue] = field(default_factory=dict)
    #: What the clerk typed into a cell that is not a valid value ("12a", "-3" in a count). Kept, never
    #: dropped, so no typed word is lost; the cell counts as blank and the validator reports it.
    invalid_inputs: dict[CellKey, str] = field(default_factory=dict)
    signature: Signature = field(default_factory=Signature)
    #: The agency's administrative level (forms.levels.LEVELS); some checks depend on it.
    level: str = "unknown"
    #: Texts copied from last year's report that the clerk has not yet edited or confirmed.
    carried_texts: set[str] = field(default_factory=set)

    @property
    def definition(self) -> FormatDefinition:
        return load_format(self.format_id)

    def text(self, text_id: str) -> str:
        return self.texts.get(text_id, "")

    def heading(self, text_id: str) -> str:
        """The subsection title as printed: the clerk's own wording, else the format's."""
        return self.headings.get(text_id) or self.definition.text(text_id).title

    def value(self, table: str, row: str, column: str) -> CellValue:
        """A cell's value; computed cells are derived from the inputs."""
        return cell_values(self, self.definition.table(table))[(row, column)]

    def set_value(self, table: str, row: str, column: str, value: CellValue) -> None:
        if self.definition.table(table).is_computed(row, column):
            raise ValueError(f"{table}/{row}/{column} is computed and cannot be set")
        self.invalid_inputs.pop((table, row, column), None)
        self._forget_stated_totals_over(table, row, column)
        if value is None:
            self.values.pop((table, row, column), None)
        else:
            self.values[(table, row, column)] = value

    def set_invalid_input(self, table: str, row: str, column: str, text: str) -> None:
        """Keep text that does not parse as the cell's value; the cell itself becomes blank."""
        if self.definition.table(table).is_computed(row, column):
            raise ValueError(f"{table}/{row}/{column} is computed and cannot be set")
        self.values.pop((table, row, column), None)
        self._forget_stated_totals_over(table, row, column)
        self.invalid_inputs[(table, row, column)] = text

    def _forget_stated_totals_over(self, table_id: str, row_id: str, column_id: str) -> None:
        """Once the clerk edits a cell, a total printed by the source document over that cell no longer
        describes the draft: drop it, so the derived total is the only one (and no stale error remains)."""
        if not self.stated:
            return
        table = self.definition.table(table_id)
        for key in [k for k in self.stated if k[0] == table_id]:
            _, r, c = key
            rows = table.row(r).computed_from or (r,)
            columns = table.column(c).computed_from or (c,)
            if row_id in rows and column_id in columns:
                del self.stated[key]

    def copy(self) -> Draft:
        return copy.deepcopy(self)


def new_draft(agency: str, year: int, format_id: str | None = None) -> Draft:
    """A blank draft in the format for ``year`` (or the one asked for), signed by the agency.

    Raises forms.limits.LimitError for a year outside the range or an over-long agency name, so
    that no draft is ever made that the draft file would refuse to load.
    """
    check_year(year)
    too_long = text_too_long(agency, AGENCY_MAX_CHARS)
    if too_long is not None:
        raise LimitError(f"机关名称{too_long.zh}", f"agency name: {too_long.en}")
    definition = load_format(format_id) if format_id else format_for_year(year)
    return Draft(
        agency=agency, year=year, format_id=definition.id, signature=Signature(agency=agency), level=infer_level(agency)
    )


def cell_values(draft: Draft, table: Table) -> dict[tuple[str, str], CellValue]:
    """Every cell of ``table`` by (row, column): inputs as stored, computed cells summed.

    A computed cell whose operands are all blank is blank too; blanks among filled operands count
    as nothing (the validator warns about each blank separately).
    """
    values: dict[tuple[str, str], CellValue] = {}
    stored = draft.values
    for row in table.rows:
        if row.computed:
            continue
        for column in table.columns:
            if not column.computed:
                values[(row.id, column.id)] = stored.get((table.id, row.id, column.id))
        for column in table.columns:
            if column.computed:
                values[(row.id, column.id)] = _sum(values[(row.id, c)] for c in column.computed_from)
    for row in table.rows:
        if row.computed:
            for column in table.columns:
                values[(row.id, column.id)] = _sum(values[(r, column.id)] for r in row.computed_from)
    return values


def _sum(parts: Iterable[CellValue]) -> CellValue:
    total: CellValue = None
    for part in parts:
        if part is not None:
            total = part if total is None else total + part
    return total
