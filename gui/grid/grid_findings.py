"""Which cells of one table a validator finding points at. Pure Python.

A finding names a cell, a whole row (blank cells in it) or a whole column (the balance rule), so the
grid needs one place that turns a ``Location`` into the cells to colour.
"""

from __future__ import annotations

from collections.abc import Iterable

from forms import Draft, Finding, Table

__all__ = ["CellFindings", "findings_by_cell"]

CellFindings = dict[tuple[str, str], list[Finding]]


def findings_by_cell(table: Table, draft: Draft | None, findings: Iterable[Finding]) -> CellFindings:
    """Map (row id, column id) to the findings that concern that cell of ``table``."""
    out: CellFindings = {}
    row_ids = {r.id for r in table.rows}
    column_ids = {c.id for c in table.columns}
    for finding in findings:
        loc = finding.location
        if loc.table != table.id:
            continue
        if loc.row is not None and loc.row not in row_ids or loc.column is not None and loc.column not in column_ids:
            continue
        for key in _cells(table, draft, finding):
            out.setdefault(key, []).append(finding)
    return out


def _cells(table: Table, draft: Draft | None, finding: Finding) -> list[tuple[str, str]]:
    loc = finding.location
    if loc.row is not None and loc.column is not None:
        return [(loc.row, loc.column)]
    if loc.row is not None:
        if finding.code == "W_BLANK_CELL" and draft is not None:
            # the finding lists the blank cells of the row: mark those, not the filled ones
            return [
                (loc.row, c.id)
                for c in table.columns
                if not table.is_computed(loc.row, c.id)
                and (table.id, loc.row, c.id) not in draft.values
                and (table.id, loc.row, c.id) not in draft.invalid_inputs
            ]
        return [(loc.row, c.id) for c in table.columns]
    if loc.column is not None:
        return [(r.id, loc.column) for r in table.rows]
    return []
