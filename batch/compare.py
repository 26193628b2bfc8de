"""One unit, two years: every table cell beside last year's, the cross-year checks, copied text.

Cells are compared where both years' formats have the cell (a unit that changed from the 2019 to the
2021 format still gets every shared cell). Blank stays blank: a change is only computed between two
numbers, never by reading a blank as 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

import forms
from batch.similarity import DEFAULT_THRESHOLD, Similarity, copied_share, marked_sentences
from forms import Draft, Finding
from forms.values import CellValue

if TYPE_CHECKING:
    from render.comparison import ComparisonSheet


@dataclass(frozen=True)
class CellChange:
    table: str
    row: str
    column: str
    label: str  # "表 三 / 一、本年新收政府信息公开申请数量 / 自然人", for people
    kind: str  # the column's value kind (count, signed, money): how values print
    last: CellValue
    this: CellValue

    @property
    def change(self) -> int | Decimal | None:
        if self.last is None or self.this is None:
            return None
        return self.this - self.last

    @property
    def percent(self) -> float | None:
        """Change in percent of last year's value; None when either is blank or last year was 0."""
        change = self.change
        if change is None or not self.last:
            return None
        return float(change) / float(self.last) * 100.0

    @property
    def changed(self) -> bool:
        return self.last != self.this


@dataclass(frozen=True)
class TextComparison:
    text_id: str
    title: str
    similarity: Similarity
    flagged: bool


@dataclass
class Comparison:
    last: Draft
    this: Draft
    cells: list[CellChange] = field(default_factory=list)
    texts: list[TextComparison] = field(default_factory=list)
    cross_year: list[Finding] = field(default_factory=list)
    threshold: float = DEFAULT_THRESHOLD

    @property
    def flagged_texts(self) -> list[TextComparison]:
        return [t for t in self.texts if t.flagged]

    @property
    def max_copied_share(self) -> float:
        return max((t.similarity.share for t in self.texts), default=0.0)


def compare_drafts(last: Draft, this: Draft, threshold: float = DEFAULT_THRESHOLD) -> Comparison:
    """Compare ``this`` year's draft of a unit with ``last`` year's."""
    comparison = Comparison(last, this, threshold=threshold)
    comparison.cells = _cells(last, this)
    comparison.texts = _texts(last, this, threshold)
    comparison.cross_year = cross_year_findings(this, last)
    return comparison


def cross_year_findings(this: Draft, last: Draft) -> list[Finding]:
    """The findings that only exist because last year's draft is known (carry-over, running totals)."""
    alone = set(forms.validate(this))
    return [f for f in forms.validate(this, previous=last) if f not in alone]


def _cells(last: Draft, this: Draft) -> list[CellChange]:
    this_definition, last_definition = this.definition, last.definition
    last_tables = {t.id: t for t in last_definition.tables}
    out: list[CellChange] = []
    for table in this_definition.tables:
        other = last_tables.get(table.id)
        if other is None:
            continue
        now = forms.cell_values(this, table)
        before = forms.cell_values(last, other)
        for row in table.rows:
            for column in table.columns:
                if (row.id, column.id) not in before or (row.id, column.id) not in now:
                    continue
                label = f"{table.title} / {'/'.join(row.labels)} / {column.label}"
                out.append(CellChange(table.id, row.id, column.id, label, column.kind, before[(row.id, column.id)], now[(row.id, column.id)]))
    return out


def _texts(last: Draft, this: Draft, threshold: float) -> list[TextComparison]:
    out: list[TextComparison] = []
    for text in this.definition.texts:
        current = this.text(text.id)
        if not current.strip():
            continue
        similarity = copied_share(current, last.text(text.id))
        out.append(TextComparison(text.id, this.heading(text.id), similarity, similarity.share >= threshold))
    return out


def comparison_sheet(comparison: Comparison) -> ComparisonSheet:
    """The comparison as the plain data the PDF renderer draws."""
    from render.comparison import CellLine, ComparisonSheet, SectionLine

    this, last = comparison.this, comparison.last
    cells = [CellLine(c.label, forms.format_value(c.kind, c.last), forms.format_value(c.kind, c.this), _signed(c.change), _percent(c.percent), c.changed)
             for c in comparison.cells]
    sections = [SectionLine(t.title, last.text(t.text_id), tuple(marked_sentences(this.text(t.text_id), last.text(t.text_id))),
                            t.similarity.share, t.flagged) for t in comparison.texts]
    notes = [f.zh for f in comparison.cross_year]
    title = f"{this.agency} {last.year} 与 {this.year} 年度报告对比"
    return ComparisonSheet(title, last.year, this.year, cells, sections, notes)


def _signed(change: int | Decimal | None) -> str:
    if change is None:
        return ""
    return f"+{change}" if change > 0 else str(change)


def _percent(percent: float | None) -> str:
    return "" if percent is None else f"{percent:+.1f}%"
