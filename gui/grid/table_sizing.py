"""Column widths and row heights that fit the Chinese labels of an official table.

Qt's own resize-to-contents ignores spans and does not wrap, so long labels such as
"（二）部分公开（区分处理的，只计这一情形，不计其他情形）" would either be cut off or make one column
absurdly wide. Here every column gets a width cap (in 字 widths) and text wraps within it; spans that
still need room widen their last column, and rows grow until every wrapped text fits.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from forms import format_value
from gui.grid.table_layout import GridLayout

__all__ = ["fit_sections", "section_sizes"]

H_PAD = 14  # left + right text margin inside a cell, plus the grid line
V_PAD = 10


def section_sizes(layout: GridLayout, fm: QFontMetrics) -> tuple[list[int], list[int]]:
    """(column widths, row heights) in pixels for ``layout`` drawn with font metrics ``fm``."""
    em = max(fm.horizontalAdvance("中"), 1)
    caps = _caps(layout, em)
    widths = [0] * layout.column_count
    for c in range(layout.label_columns, layout.column_count):
        kind = layout.table.columns[c - layout.label_columns].kind
        sample = format_value(kind, _sample(kind))
        widths[c] = max(fm.horizontalAdvance(sample) + H_PAD, 4 * em + H_PAD)
    for c in range(layout.label_columns):
        widths[c] = 3 * em + H_PAD
    spans = sorted(layout.spans, key=lambda s: s.colspan)
    for span in spans:
        natural = fm.horizontalAdvance(span.text) + H_PAD
        cols = range(span.column, span.column + span.colspan)
        want = min(natural, sum(caps[c] for c in cols))
        have = sum(widths[c] for c in cols)
        if want > have:
            if span.colspan == 1:
                widths[span.column] = want
            else:  # spread what is missing over the span's columns, up to each cap, rest on the last
                missing = want - have
                for c in cols:
                    grow = min(missing, max(caps[c] - widths[c], 0))
                    widths[c] += grow
                    missing -= grow
                widths[cols[-1]] += missing
    heights = [fm.height() + V_PAD + 6] * layout.row_count
    for span in sorted(layout.spans, key=lambda s: s.rowspan):
        width = sum(widths[span.column : span.column + span.colspan]) - H_PAD
        flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
        need = fm.boundingRect(QRect(0, 0, max(width, em), 100_000), flags, span.text).height() + V_PAD
        rows = range(span.row, span.row + span.rowspan)
        have = sum(heights[r] for r in rows)
        if need > have:
            extra, rest = divmod(need - have, span.rowspan)
            for i, r in enumerate(rows):
                heights[r] += extra + (1 if i < rest else 0)
    return widths, heights


def fit_sections(view: QTableView, layout: GridLayout) -> None:
    """Apply ``section_sizes`` to the view for its current font."""
    widths, heights = section_sizes(layout, view.fontMetrics())
    for c, w in enumerate(widths):
        view.setColumnWidth(c, w)
    for r, h in enumerate(heights):
        view.setRowHeight(r, h)


def _caps(layout: GridLayout, em: int) -> list[int]:
    """Widest each column may get before its text wraps."""
    n_data = len(layout.table.columns)
    data_cap = (6 if n_data > 4 else 10) * em + H_PAD
    caps = [data_cap] * layout.column_count
    for c in range(layout.label_columns):
        last = c == layout.label_columns - 1
        caps[c] = (16 if last else 5 + c * 2) * em + H_PAD
    return caps


def _sample(kind: str) -> int | float:
    """A wide but realistic value, so numbers never get cut off."""
    return 99_999.99 if kind == "money" else (-99_999 if kind == "signed" else 999_999)
