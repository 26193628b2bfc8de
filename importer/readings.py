"""Match a flattened row's numbers to the table's columns.

Empty cells are simply missing from extracted rows, so "1 1" in a 7-column row could be any two
columns. Numbers keep their left-to-right order; among the order-preserving placements the
importer keeps those that satisfy the row-total rule (a printed 总计 equals the sum of its
printed parts), prefers placements that include the printed totals, and then the leftmost one.
When more than one placement was equally good, the reading is reported as a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from forms import CellValue, CellValueError, Table, check_value, parse_cell_text
from forms.definition import Column, Row
from forms.limits import MONEY_DECIMALS

MAX_COMBINATIONS = 20_000
#: What tables print for an empty cell; it keeps the column's place but holds no value.
#: how well a reading fits: (-disagreeing, agreeing, checked totals, leftmost positions); higher is better
Score = tuple[int, int, int, tuple[int, ...]]

PLACEHOLDERS = frozenset({"-", "—", "–", "——", "/", "\\", "×"})


@dataclass(frozen=True)
class Reading:
    cells: dict[str, CellValue]  # column id -> value
    alternatives: int  # other placements that were just as good
    complete: bool  # every column had a number
    candidates: tuple[dict[str, CellValue], ...] = ()  # every equally good placement, preferred first
    positional: bool = False  # every number placed by where it stands, not by its order

    @property
    def guessed(self) -> bool:
        return not self.positional and (not self.complete or self.alternatives > 0)


def read_row(table: Table, row: Row, texts: list[str], expected: dict[str, CellValue] | None = None) -> Reading | None:
    """The best placement of ``texts`` in ``row``, or None if no placement is possible.

    ``expected`` (for a computed row such as （七）总计) holds the sums of the rows above; a printed
    total row is then read so that it agrees with them where possible.
    """
    columns = table.columns
    if not texts or len(texts) > len(columns):
        return None
    parsed = [{c.kind: _parse(c, t) for c in columns} if t not in PLACEHOLDERS else {} for t in texts]
    if len(texts) == len(columns):  # every cell printed: positions are certain, even if a printed total is wrong
        printed = {c.id: parsed[i][c.kind] for i, c in enumerate(columns) if texts[i] not in PLACEHOLDERS}
        if any(v is None for v in printed.values()):
            return None
        return Reading(printed, 0, True, (printed,))
    scored: list[tuple[Score, dict[str, CellValue]]] = []
    for tried, positions in enumerate(combinations(range(len(columns)), len(texts))):
        if tried >= MAX_COMBINATIONS:
            return None
        cells: dict[str, CellValue] = {}
        for index, position in enumerate(positions):
            column = columns[position]
            if texts[index] in PLACEHOLDERS:
                continue  # a printed dash: this column is blank
            value = parsed[index][column.kind]
            if value is None:
                break
            cells[column.id] = value
        else:
            score = _score(table, row, cells, expected)
            if score is not None:
                scored.append((score, cells))
    if not scored:
        return None
    scored.sort(key=lambda item: item[0], reverse=True)
    best = scored[0][0][:-1]
    candidates = tuple(cells for score, cells in scored if score[:-1] == best)
    return Reading(candidates[0], len(candidates) - 1, len(texts) == len(columns), candidates)


def parse_printed(column: Column, text: str) -> CellValue:
    """A printed cell's value, amounts in 元 converted; None if it does not fit the column."""
    return _parse(column, text)


def _parse(column: Column, text: str) -> CellValue:
    try:
        value = parse_cell_text(column.kind, text)
    except CellValueError:
        value = _yuan_to_wan(column, text)
    return value


def _yuan_to_wan(column: Column, text: str) -> CellValue:
    """An amount printed in 元 in a 万元 column, converted when it stays exact to the money decimals allowed."""
    if column.kind != "money" or not text.endswith("元") or text.endswith("万元"):
        return None
    try:
        amount = Decimal(text[:-1].replace(",", "").strip())
    except (ArithmeticError, ValueError):
        return None
    if not amount.is_finite() or amount < 0:
        return None
    wan = amount / 10000
    step = Decimal(1).scaleb(-MONEY_DECIMALS)
    if wan != wan.quantize(step):
        return None
    try:
        return check_value("money", wan.quantize(step).normalize() if wan == wan.to_integral_value() else wan)
    except CellValueError:
        return None


def _score(table: Table, row: Row, cells: dict[str, CellValue], expected: dict[str, CellValue] | None) -> Score | None:
    totals = 0
    for column in table.columns:
        if not column.computed or column.id not in cells:
            continue
        parts = [cells[c] for c in column.computed_from if c in cells]
        if parts:
            if sum(parts) != cells[column.id]:  # type: ignore[arg-type]
                return None
        elif not row.computed and cells[column.id] != 0:
            return None  # an input row's total must be backed by printed parts
        totals += 1
    agree = disagree = 0
    if expected is not None:
        for column_id, value in cells.items():
            if expected.get(column_id) is None:
                continue
            if expected[column_id] == value:
                agree += 1
            else:
                disagree += 1
    leftmost = tuple(-table.columns.index(table.column(c)) for c in cells)
    return (-disagree, agree, totals, leftmost)
