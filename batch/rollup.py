"""The region's tables as the sum of its units' tables, and the check of a region's own report.

Per input cell of the target format: the sum over the units that have a number there. A blank is
never read as 0: every unit that left a cell blank is reported, and a cell that every unit left
blank stays blank. A unit in the other format contributes only the cells both formats share; the
cells it has that the target lacks are reported as not converted. Totals are derived as always.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import forms
from forms import CellKey, Draft
from forms.definition import FormatDefinition
from forms.values import CellValue

#: Agency name given to a new roll-up draft when the caller names none.
DEFAULT_REGION_NAME = "全县汇总"


@dataclass(frozen=True)
class Contribution:
    unit: str
    draft: Draft


@dataclass
class UnitGaps:
    """What one unit could not contribute."""

    unit: str
    blank: list[CellKey] = field(default_factory=list)  # cells the unit left blank
    not_converted: list[CellKey] = field(default_factory=list)  # cells of its format the target lacks
    wrong_format: bool = False


@dataclass
class RollUp:
    draft: Draft  # the region's new draft, tables filled with the sums
    sources: dict[str, Draft]  # each unit's draft by unit name, in input order
    gaps: list[UnitGaps]

    @property
    def units(self) -> list[str]:
        return list(self.sources)

    def blank_units(self, key: CellKey) -> list[str]:
        return [g.unit for g in self.gaps if key in g.blank]


def input_keys(definition: FormatDefinition) -> list[CellKey]:
    return [(t.id, r.id, c.id) for t in definition.tables for r, c in t.input_cells()]


def roll_up(contributions: Sequence[Contribution], *, agency: str = DEFAULT_REGION_NAME, year: int | None = None,
            format_id: str | None = None) -> RollUp:
    """Sum the units' tables into a new draft for ``agency``.

    The year is the units' most common year unless given; the format follows the year unless given.
    """
    if year is None:
        years = [c.draft.year for c in contributions]
        year = max(sorted(set(years)), key=years.count) if years else dt.date.today().year - 1
    region = forms.new_draft(agency, year, format_id)
    target = region.definition
    keys = input_keys(target)
    target_keys = target.input_kinds.keys()
    shared_by_format: dict[str, tuple[list[CellKey], list[CellKey]]] = {}  # format -> (shared, not converted)
    totals: dict[CellKey, CellValue] = {}
    gaps: list[UnitGaps] = []
    for contribution in contributions:
        draft = contribution.draft
        if draft.format_id not in shared_by_format:
            own = draft.definition.input_kinds.keys()
            shared_by_format[draft.format_id] = ([k for k in keys if k in own], sorted(own - target_keys))
        shared, not_converted = shared_by_format[draft.format_id]
        gap = UnitGaps(contribution.unit, wrong_format=draft.format_id != target.id, not_converted=list(not_converted))
        values = draft.values
        for key in shared:
            value = values.get(key)
            if value is None:
                gap.blank.append(key)
            elif key in totals:
                totals[key] = totals[key] + value  # type: ignore[operator]
            else:
                totals[key] = value
        gaps.append(gap)
    for key, value in totals.items():
        region.values[key] = value
    return RollUp(region, {c.unit: c.draft for c in contributions}, gaps)


@dataclass(frozen=True)
class CellDifference:
    key: CellKey
    label: str
    reported: CellValue  # in the region's own report
    summed: CellValue  # over its units
    units: tuple[tuple[str, CellValue], ...]  # each unit's value, for the reader to find the gap


def check_against_units(own: Draft, summed: RollUp) -> list[CellDifference]:
    """Cells where the region's own report differs from the sum of its units (both blank is equal)."""
    out: list[CellDifference] = []
    definition = own.definition
    shared = set(input_keys(definition)) & set(input_keys(summed.draft.definition))
    for table in definition.tables:
        for row, column in table.input_cells():
            key = (table.id, row.id, column.id)
            if key not in shared:
                continue
            reported, total = own.values.get(key), summed.draft.values.get(key)
            if reported == total:
                continue
            units = tuple((name, draft.values.get(key)) for name, draft in summed.sources.items())
            label = f"{table.title} / {'/'.join(row.labels)} / {column.label}"
            out.append(CellDifference(key, label, reported, total, units))
    return out


def contributions_from(pairs: Iterable[tuple[str, Draft]]) -> list[Contribution]:
    return [Contribution(unit, draft) for unit, draft in pairs]
