"""Choose among a table's ambiguous row readings with its column sums.

Each row is read on its own first (readings.py). When rows stay ambiguous, the printed total row
(（七）总计) and the format's balance rule (第一项+第二项 = 第三项+第四项, per column) often leave only
one reading for the whole table. A bounded depth-first search looks for readings of all rows
under which every printed column sum and every balance holds; if there is none (the source itself
is inconsistent, as the seed is), nothing is decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms import CellValue, FormatDefinition, Table
from forms.rules.tables import BalanceParams

MAX_NODES = 50_000
MAX_SOLUTIONS = 50

Cells = dict[str, CellValue]


@dataclass(frozen=True)
class Resolution:
    chosen: dict[str, Cells]  # row id -> cells
    solutions: int  # how many whole-table readings satisfy the sums (capped at MAX_SOLUTIONS)


def resolve(definition: FormatDefinition, table: Table, candidates: dict[str, tuple[Cells, ...]]) -> Resolution | None:
    """A whole-table reading satisfying every column sum and balance, preferring each row's first candidate."""
    if all(len(c) <= 1 for c in candidates.values()):
        return None
    balances = [
        {"left": r.params.left, "right": r.params.right}
        for r in definition.rules
        if isinstance(r.params, BalanceParams) and r.params.table == table.id
    ]
    if not any(r.computed for r in table.rows if r.id in candidates) and not balances:
        return None
    search = _Search(table, candidates, balances)
    search.run(0)
    if not search.solutions:
        return None
    return Resolution({row_id: candidates[row_id][i] for row_id, i in zip(search.order, search.solutions[0], strict=True)}, len(search.solutions))


class _Search:
    """Depth-first over rows (total rows first), with every reading turned into a vector of column values."""

    def __init__(self, table: Table, candidates: dict[str, tuple[Cells, ...]], balances: list[dict[str, tuple[str, ...]]]) -> None:
        self.columns = [c.id for c in table.columns]
        width = len(self.columns)
        self.totals = [r for r in table.rows if r.computed and r.id in candidates]
        self.order = [r.id for r in self.totals] + [r.id for r in table.rows if not r.computed and r.id in candidates]
        self.vectors = {row_id: [self._vector(table, cells) for cells in candidates[row_id]] for row_id in self.order}
        self.printed = {r.id: [[c in cells for c in self.columns] for cells in candidates[r.id]] for r in self.totals}
        self.parts_of = {p: r.id for r in self.totals for p in r.computed_from}  # input row -> its total row
        self.partial = {r.id: [0] * width for r in self.totals}
        self.target: dict[str, tuple[list[int], list[bool]]] = {}
        self.choice: list[int] = []
        self.balances = balances
        self.input_columns = [i for i, c in enumerate(table.columns) if not c.computed]
        self.nodes = 0
        self.solutions: list[tuple[int, ...]] = []

    def _vector(self, table: Table, cells: Cells) -> list[int]:
        values = [int(cells.get(c) or 0) for c in self.columns]
        for i, column in enumerate(table.columns):
            if column.computed and column.id not in cells:
                values[i] = sum(values[self.columns.index(p)] for p in column.computed_from)
        return values

    def run(self, depth: int) -> None:
        if len(self.solutions) >= MAX_SOLUTIONS or self.nodes >= MAX_NODES:
            return
        self.nodes += 1
        if depth == len(self.order):
            if self._complete():
                self.solutions.append(tuple(self.choice))
            return
        row_id = self.order[depth]
        for index, vector in enumerate(self.vectors[row_id]):
            self.choice.append(index)
            if row_id in self.printed:
                self.target[row_id] = (vector, self.printed[row_id][index])
                self.run(depth + 1)
            else:
                total = self.parts_of.get(row_id)
                if total is not None:
                    _add(self.partial[total], vector, 1)
                if total is None or self._within(total):
                    self.run(depth + 1)
                if total is not None:
                    _add(self.partial[total], vector, -1)
            self.choice.pop()

    def _within(self, total: str) -> bool:
        if total not in self.target:
            return True
        target, printed = self.target[total]
        return all(not p or s <= t for s, t, p in zip(self.partial[total], target, printed, strict=True))

    def _complete(self) -> bool:
        for total, (target, printed) in self.target.items():
            if any(p and s != t for s, t, p in zip(self.partial[total], target, printed, strict=True)):
                return False
        for rule in self.balances:
            for i in self.input_columns:
                if sum(self._cell(r, i) for r in rule["left"]) != sum(self._cell(r, i) for r in rule["right"]):
                    return False
        return True

    def _cell(self, row_id: str, i: int) -> int:
        if row_id in self.target:
            target, printed = self.target[row_id]
            return target[i] if printed[i] else self.partial[row_id][i]
        if row_id in self.partial:
            return self.partial[row_id][i]
        if row_id not in self.vectors:
            return 0
        return self.vectors[row_id][self.choice[self.order.index(row_id)]][i]


def _add(into: list[int], vector: list[int], sign: int) -> None:
    for i, value in enumerate(vector):
        into[i] += sign * value
