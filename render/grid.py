"""Rules for a grid of regions laid out by ``forms.layout``: stacking blocks, and where lines go.

The ruling is derived from region ownership: a line is drawn between two cells exactly when they
belong to different regions. That is what lets tall labels be "merged" with lines instead of
ReportLab's SPAN, so the table can still break across pages.
"""

from __future__ import annotations

from dataclasses import replace

from forms.layout import Grid

__all__ = ["rule_segments", "stack"]


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
