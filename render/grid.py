"""A format table laid out as a grid of rectangular regions, and the rules it needs (pure logic).

Every cell of the printed table belongs to exactly one region: a header cell (possibly merged),
a row label (merged across the label columns it does not use, and down across the rows that
share it), or one value. The ruling is derived from region ownership: a line is drawn between
two cells exactly when they belong to different regions. That is what lets tall labels be
"merged" with lines instead of ReportLab's SPAN, so the table can still break across pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from forms.definition import Column, Table
from forms.values import CellValue


@dataclass(frozen=True)
class Region:
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


@dataclass
class Grid:
    nrows: int
    ncols: int
    header_rows: int  # rows repeated when the table continues on the next page
    label_columns: int
    regions: list[Region] = field(default_factory=list)
    blocks: list[tuple[int, int]] = field(default_factory=list)  # row ranges to keep on one page

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


def table_grid(table: Table, values: dict[tuple[str, str], CellValue]) -> Grid:
    """The official layout of ``table``: its header as defined, then one grid row per data row."""
    header_rows = len(table.header)
    ncols = table.label_columns + len(table.columns)
    grid = Grid(header_rows + len(table.rows), ncols, header_rows, table.label_columns)
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
    """Row labels: level i in column i; a row with fewer levels spans its last label to the last
    label column; equal consecutive label paths (same extent) merge downwards."""
    width = table.label_columns
    cells: list[list[tuple[tuple[str, ...], int] | None]] = []  # per row, per label column: (path, right)
    for row in table.rows:
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


def stack(grids: list[Grid]) -> Grid:
    """Section 二 as one grid: blocks one under another; a block narrower than the widest has its
    right-most cells widened to the full width (the one-value-column blocks of the 2021 format)."""
    ncols = max(g.ncols for g in grids)
    out = Grid(sum(g.nrows for g in grids), ncols, 0, max(g.label_columns for g in grids))
    offset = 0
    for g in grids:
        for region in g.regions:
            right = ncols - 1 if region.right == g.ncols - 1 else region.right
            out.regions.append(replace(region, top=region.top + offset, bottom=region.bottom + offset, right=right))
        out.blocks.append((offset, offset + g.nrows - 1))
        offset += g.nrows
    return out


def rule_segments(grid: Grid) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Inner lines as runs: (row, first col, last col) for a line below ``row``, and
    (col, first row, last row) for a line after ``col``. The outer box is drawn separately."""
    owner = grid.owner_map()
    below: list[tuple[int, int, int]] = []
    for r in range(grid.nrows - 1):
        below += _runs(r, [owner[r][c] != owner[r + 1][c] for c in range(grid.ncols)])
    after: list[tuple[int, int, int]] = []
    for c in range(grid.ncols - 1):
        after += _runs(c, [owner[r][c] != owner[r][c + 1] for r in range(grid.nrows)])
    return below, after


def _runs(index: int, flags: list[bool]) -> list[tuple[int, int, int]]:
    out: list[tuple[int, int, int]] = []
    start = None
    for i, flag in enumerate(flags + [False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            out.append((index, start, i - 1))
            start = None
    return out
