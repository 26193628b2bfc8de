"""Place a row's numbers in table columns by where they stand, against the header's column boxes.

Published tables leave empty cells out of their text, so counting tokens shifts numbers left. When the
source knows positions (a PDF's text coordinates, a web page's or Word file's grid columns, the tab
stops of a copied table row), each printed number is put in the column whose box holds its center.
A row is placed this way only when every number falls inside exactly one column and no two numbers
claim the same one; otherwise the caller falls back to reading by order, reported as a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from forms import Table
from importer.document import Piece, Units
from importer.lines import Line, squeeze
from importer.tokens import Number


@dataclass(frozen=True)
class Columns:
    """Column boxes of one table, in the units of its source; numbers left of ``left`` belong to the labels."""

    units: Units
    boxes: tuple[tuple[float, float], ...]
    left: float
    yuan: frozenset[int] = field(default_factory=frozenset)  # columns whose header says the amounts are in 元
    headers: tuple[str, ...] = ()
    ruled: bool = False  # boxes are the header cells' drawn borders: a number's own cell decides its column


def tab_columns(table: Table) -> Columns:
    """A copied table row counts its value cells from 0 after the label: column i is cell i."""
    return Columns("tab", tuple((i, i + 1) for i in range(len(table.columns))), 0)


def header_columns(table: Table, header: list[Line]) -> Columns | None:
    """Find each of the table's columns in its printed header, left to right; None unless all are found."""
    pieces = [p for line in header for p in line.pieces]
    units = next((line.units for line in header if line.units), None)
    if not pieces or units is None:
        return None
    if units == "tab":
        return None
    stacks = _stacks(pieces, units)
    chosen: list[_Stack] = []
    after = float("-inf")
    for column in table.columns:
        key = _key(column.label.split("·")[-1])
        candidates = [s for s in stacks if s.center > after and s.text.endswith(key)]
        if not candidates:
            return None
        stack = candidates[0]
        chosen.append(stack)
        after = stack.center
    return _boxes(table, chosen, units)


@dataclass
class _Stack:
    """Header pieces that stand one above the other (a header cell's lines, or cells spanning over it)."""

    pieces: list[Piece]

    @property
    def center(self) -> float:
        return self.narrowest.center

    @property
    def narrowest(self) -> Piece:
        return min(self.pieces, key=lambda p: p.x1 - p.x0)

    @property
    def text(self) -> str:
        """Top to bottom: cells spanning over this column first, the column's own label last."""
        return _key("".join(p.text for p in self.pieces))



def _key(text: str) -> str:
    squeezed = squeeze(text)
    return re.sub(r"\((?:单位:)?(?:万元|元)\)|单位:(?:万元|元)", "", squeezed)


def _stacks(pieces: list[Piece], units: Units) -> list[_Stack]:
    stacks: list[_Stack] = []
    for piece in pieces:
        for stack in stacks:
            limit = 0.01 if units == "grid" else max(2.0, 0.3 * min(piece.x1 - piece.x0, stack.narrowest.x1 - stack.narrowest.x0))
            left = 0.01 if units == "grid" else 2.0
            if abs(stack.center - piece.center) <= limit or abs(stack.narrowest.x0 - piece.x0) <= left:  # centered or left-aligned
                stack.pieces.append(piece)
                break
        else:
            stacks.append(_Stack([piece]))
    return sorted(stacks, key=lambda s: s.center)


def _boxes(table: Table, chosen: list[_Stack], units: Units) -> Columns:
    leaves = [s.narrowest for s in chosen]
    yuan = frozenset(i for i, s in enumerate(chosen) if table.columns[i].kind == "money" and _in_yuan("".join(p.text for p in s.pieces)))
    headers = tuple(p.text for p in leaves)
    if units == "grid":
        return Columns(units, tuple((p.x0, p.x1) for p in leaves), leaves[0].x0, yuan, headers)
    cells = [p.cell for p in leaves]
    if all(cells) and all(a[1] <= b[0] + 0.5 for a, b in pairwise(cells)):  # type: ignore[index]
        return Columns(units, tuple(cells), cells[0][0], yuan, headers, ruled=True)  # type: ignore[arg-type,index]
    bounds: list[float] = []
    for a, b in pairwise(leaves):
        bounds.append((a.x1 + b.x0) / 2 if a.x1 <= b.x0 else (a.center + b.center) / 2)
    if len(leaves) == 1:
        width = leaves[0].x1 - leaves[0].x0
        lo, hi = leaves[0].x0 - width / 2, leaves[0].x1 + width / 2
    else:
        lo = leaves[0].x0 - (bounds[0] - leaves[0].x1)
        hi = leaves[-1].x1 + (leaves[-1].x0 - bounds[-1])
    edges = [lo, *bounds, hi]
    return Columns(units, tuple((edges[i], edges[i + 1]) for i in range(len(leaves))), lo, yuan, headers)


def _in_yuan(header: str) -> bool:
    squeezed = squeeze(header)
    return "元" in squeezed and "万元" not in squeezed


@dataclass(frozen=True)
class Placement:
    cells: dict[int, Number]  # column index -> the number printed in it
    labels: tuple[Number, ...]  # numbers standing in the label column (part of the label)


def place(columns: Columns, numbers: list[Number]) -> Placement | None:
    """Each number in the one column box holding its center; None if any number is unplaceable or two collide."""
    cells: dict[int, Number] = {}
    labels: list[Number] = []
    for number in numbers:
        if number.box is None or number.units != columns.units:
            return None
        center = (number.box[0] + number.box[1]) / 2
        if columns.ruled and number.cell is not None:
            center = (number.cell[0] + number.cell[1]) / 2
        if center < columns.left:
            labels.append(number)
            continue
        inside = [i for i, (lo, hi) in enumerate(columns.boxes) if lo <= center < hi]
        if len(inside) != 1 or inside[0] in cells:
            return None
        cells[inside[0]] = number
    return Placement(cells, tuple(labels))


def aligned(columns: Columns, rows: list[list[Number]]) -> bool:
    """Without drawn borders, a column's numbers must line up (left, right or centered) across the rows.

    Header text only approximates where a column is; numbers aligned to a cell edge far from the
    header's label could fall past the midpoint into the next column. Numbers of two columns mixed
    in one box do not line up in any way, so the table is then read by order (as guesses) instead.
    """
    if columns.units != "pt" or columns.ruled:
        return True
    by_column: dict[int, list[tuple[float, float]]] = {}
    for numbers in rows:
        placement = place(columns, numbers)
        if placement is None:
            continue
        for index, number in placement.cells.items():
            by_column.setdefault(index, []).append(number.box)  # type: ignore[arg-type]
    for boxes in by_column.values():
        if len(boxes) < 2:
            continue
        widths = sorted(b[1] - b[0] for b in boxes)
        tolerance = 0.6 * widths[len(widths) // 2] + 1.0
        spreads = [max(v) - min(v) for v in (
            [b[0] for b in boxes], [b[1] for b in boxes], [(b[0] + b[1]) / 2 for b in boxes])]
        if min(spreads) > tolerance:
            return False
    return True
