"""Where every piece of an official table sits in one grid: header rows on top, label columns on the left.

Pure Python (no Qt), so the geometry of the official layout can be tested on its own and the view
only has to turn the spans into ``QTableView.setSpan`` calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from forms.definition import Column, Row, Table

__all__ = ["GridLayout", "Span", "grid_layout"]

SpanKind = Literal["header", "label"]


@dataclass(frozen=True)
class Span:
    """One merged cell of the header or the label columns, in grid coordinates."""

    kind: SpanKind
    row: int
    column: int
    rowspan: int
    colspan: int
    text: str
    role: str | None = None  # "rule_note" for the 勾稽关系 note; "group" for a label spanning several rows

    @property
    def is_merged(self) -> bool:
        return self.rowspan > 1 or self.colspan > 1


@dataclass(frozen=True)
class GridLayout:
    """The whole table as one grid: ``header_rows`` rows of header, then one grid row per table row."""

    table: Table
    header_rows: int
    label_columns: int
    spans: tuple[Span, ...]

    @property
    def row_count(self) -> int:
        return self.header_rows + len(self.table.rows)

    @property
    def column_count(self) -> int:
        return self.label_columns + len(self.table.columns)

    def cell(self, grid_row: int, grid_column: int) -> tuple[Row, Column] | None:
        """The table cell at a grid position, or None for header and label positions."""
        r, c = grid_row - self.header_rows, grid_column - self.label_columns
        if 0 <= r < len(self.table.rows) and 0 <= c < len(self.table.columns):
            return self.table.rows[r], self.table.columns[c]
        return None

    def position(self, row_id: str, column_id: str) -> tuple[int, int]:
        """Grid position of a table cell; raises KeyError for unknown ids."""
        rows = [r.id for r in self.table.rows]
        columns = [c.id for c in self.table.columns]
        if row_id not in rows:
            raise KeyError(row_id)
        if column_id not in columns:
            raise KeyError(column_id)
        return self.header_rows + rows.index(row_id), self.label_columns + columns.index(column_id)

    def span_at(self, grid_row: int, grid_column: int) -> Span | None:
        """The header or label span covering a grid position (any covered position, not only its anchor)."""
        for span in self.spans:
            if span.row <= grid_row < span.row + span.rowspan and span.column <= grid_column < span.column + span.colspan:
                return span
        return None


def grid_layout(table: Table) -> GridLayout:
    """Lay ``table`` out like the printed official table."""
    return GridLayout(
        table=table,
        header_rows=len(table.header),
        label_columns=table.label_columns,
        spans=tuple(_header_spans(table)) + tuple(_label_spans(table)),
    )


def _header_spans(table: Table) -> list[Span]:
    spans: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for grid_row in table.header_grid():
        for slot in grid_row:
            if slot is None:
                continue
            cell, top, left = slot
            if (top, left) in seen:
                continue
            seen.add((top, left))
            spans.append(Span("header", top, left, cell.rowspan, cell.colspan, cell.text, cell.role))
    return spans


def _label_spans(table: Table) -> list[Span]:
    """Row labels per level; equal consecutive label paths merge vertically, short paths span right."""
    width = table.label_columns
    if width == 0:
        return []
    top = len(table.header)
    # (grid column, label path, colspan) for each row, one entry per label level shown
    per_row: list[dict[int, tuple[tuple[str, ...], int]]] = []
    for row in table.rows:
        labels = row.labels or ("",)
        if len(labels) > width:  # more levels than columns: keep the outer ones, join the rest
            labels = (*labels[: width - 1], "".join(labels[width - 1 :]))
        entries: dict[int, tuple[tuple[str, ...], int]] = {}
        for level, _ in enumerate(labels):
            colspan = width - level if level == len(labels) - 1 else 1
            entries[level] = (labels[: level + 1], colspan)
        per_row.append(entries)
    spans: list[Span] = []
    for level in range(width):
        i = 0
        while i < len(per_row):
            entry = per_row[i].get(level)
            if entry is None:
                i += 1
                continue
            j = i + 1
            while j < len(per_row) and per_row[j].get(level) == entry:
                j += 1
            path, colspan = entry
            rowspan = j - i
            spans.append(Span("label", top + i, level, rowspan, colspan, path[-1], "group" if rowspan > 1 else None))
            i = j
    return spans
