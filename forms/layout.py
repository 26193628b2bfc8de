"""Where every piece of an official table sits: one grid of rectangular regions for screen and page.

Every cell of the printed table belongs to exactly one region: a header cell (possibly merged), the
勾稽关系 note, a row label (merged across the label columns it does not use, and down across the
rows that share it), or one value. The grid editor turns the merged regions into spans and the PDF
renderer into ruled or spanned cells, so both show the same table because both read this module.
Pure Python: no Qt, no ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forms.definition import Column, Row, Table
from forms.values import CellValue

__all__ = ["Grid", "Region", "label_regions", "table_grid"]

#: Region kinds: a header cell, the rule note of the header (section 三), a row label, a value cell.
REGION_KINDS = ("header", "note", "label", "value")


@dataclass(frozen=True)
class Region:
    """One rectangle of the grid, rows ``top..bottom`` and columns ``left..right`` (both inclusive)."""

    top: int
    left: int
    bottom: int  # inclusive
    right: int  # inclusive
    kind: str  # header | note | label | value
    text: str = ""
    column: Column | None = None
    value: CellValue = None

    @property
    def rows(self) -> int:
        return self.bottom - self.top + 1

    @property
    def columns(self) -> int:
        return self.right - self.left + 1

    @property
    def is_merged(self) -> bool:
        return self.rows > 1 or self.columns > 1

    def covers(self, row: int, column: int) -> bool:
        return self.top <= row <= self.bottom and self.left <= column <= self.right


@dataclass
class Grid:
    """A table as a grid: ``header_rows`` rows of header, then one grid row per table row;
    ``label_columns`` columns of row labels, then one grid column per table column."""

    nrows: int
    ncols: int
    header_rows: int  # rows repeated when the table continues on the next page
    label_columns: int
    regions: list[Region] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)  # row ranges to keep on one page
    table: Table | None = None  # the table laid out (None for a stack of several)

    def owner_map(self) -> list[list[int]]:
        """owner[r][c] = index of the region covering the cell; raises if the regions overlap or leave gaps."""
        owner = [[-1] * self.ncols for _ in range(self.nrows)]
        for i, region in enumerate(self.regions):
            for r in range(region.top, region.bottom + 1):
                for c in range(region.left, region.right + 1):
                    if owner[r][c] != -1:
                        raise ValueError(f"regions {owner[r][c]} and {i} overlap at ({r}, {c})")
                    owner[r][c] = i
        for r, row in enumerate(owner):
            if -1 in row:
                raise ValueError(f"cell ({r}, {row.index(-1)}) belongs to no region")
        return owner

    def frame(self) -> list[Region]:
        """The regions around the values: header cells, the note and the row labels."""
        return [region for region in self.regions if region.kind != "value"]

    def region_at(self, row: int, column: int) -> Region | None:
        """The region covering a grid position (any covered position, not only its top-left)."""
        return next((region for region in self.regions if region.covers(row, column)), None)

    def cell(self, row: int, column: int) -> tuple[Row, Column] | None:
        """The table cell at a grid position, or None for header and label positions."""
        table = self._table()
        r, c = row - self.header_rows, column - self.label_columns
        if 0 <= r < len(table.rows) and 0 <= c < len(table.columns):
            return table.rows[r], table.columns[c]
        return None

    def position(self, row_id: str, column_id: str) -> tuple[int, int]:
        """Grid position of a table cell; raises KeyError for unknown ids."""
        table = self._table()
        rows = [r.id for r in table.rows]
        columns = [c.id for c in table.columns]
        if row_id not in rows:
            raise KeyError(row_id)
        if column_id not in columns:
            raise KeyError(column_id)
        return self.header_rows + rows.index(row_id), self.label_columns + columns.index(column_id)

    def labels_can_freeze(self) -> bool:
        """Label columns can stay in place while values scroll sideways only when no header cell
        straddles their right edge (in section 二 the table's title spans labels and values)."""
        edge = self.label_columns
        if edge == 0:
            return False
        return not any(r.kind in ("header", "note") and r.left < edge <= r.right for r in self.regions)

    def _table(self) -> Table:
        if self.table is None:
            raise ValueError("this grid stacks several tables; it has no single table's cells")
        return self.table


def table_grid(table: Table, values: dict[tuple[str, str], CellValue]) -> Grid:
    """The official layout of ``table``: its header as defined, then one grid row per data row.

    ``values`` fills the value regions (by row id, column id); the screen passes ``{}``.
    """
    header_rows = len(table.header)
    ncols = table.label_columns + len(table.columns)
    grid = Grid(header_rows + len(table.rows), ncols, header_rows, table.label_columns, table=table)
    seen: set[tuple[int, int]] = set()
    for slots in table.header_grid():
        for cell, top, left in (slot for slot in slots if slot is not None):
            if (top, left) in seen:
                continue
            seen.add((top, left))
            kind = "note" if cell.role == "rule_note" else "header"
            grid.regions.append(Region(top, left, top + cell.rowspan - 1, left + cell.colspan - 1, kind, cell.text))
    grid.regions += label_regions(table, header_rows)
    for i, row in enumerate(table.rows):
        for j, column in enumerate(table.columns):
            r, c = header_rows + i, table.label_columns + j
            grid.regions.append(Region(r, c, r, c, "value", column=column, value=values.get((row.id, column.id))))
    return grid


def label_regions(table: Table, first_row: int) -> list[Region]:
    """Row labels: level i in label column i; a row with fewer levels spans its last label to the
    last label column; equal consecutive label paths (same extent) merge downwards.

    A row never has more levels than the table has label columns: the official tables give each
    level its own column (三、本年度办理结果 | （三）不予公开 | 1.属于国家秘密), and the format loader
    refuses a definition that does not. Joining surplus levels into one cell would print a label
    the official table does not have, so it is an error here too.
    """
    width = table.label_columns
    cells: list[list[tuple[tuple[str, ...], int] | None]] = []  # per row, per label column: (path, right)
    for row in table.rows:
        if len(row.labels) > width:
            raise ValueError(f"row {row.id} of {table.id} has {len(row.labels)} label levels for {width} label columns")
        slots: list[tuple[tuple[str, ...], int] | None] = [None] * width
        for level in range(len(row.labels)):
            right = width - 1 if level == len(row.labels) - 1 else level
            slots[level] = (row.labels[: level + 1], right)
        if not row.labels and width:
            slots[0] = ((), width - 1)
        cells.append(slots)
    regions: list[Region] = []
    for col in range(width):
        r = 0
        while r < len(cells):
            slot = cells[r][col]
            if slot is None:
                r += 1
                continue
            end = r
            while end + 1 < len(cells) and cells[end + 1][col] == slot:
                end += 1
            path, right = slot
            regions.append(Region(first_row + r, col, first_row + end, right, "label", path[-1] if path else ""))
            r = end + 1
    return regions
