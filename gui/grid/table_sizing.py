"""Column widths and row heights that fit the Chinese labels of an official table.

Qt's own resize-to-contents ignores spans and does not wrap, so long labels such as
"（二）部分公开（区分处理的，只计这一情形，不计其他情形）" would either be cut off or make one column
absurdly wide. Here every column gets a width cap (in 字 widths) and text wraps within it; spans that
still need room widen their last column, and rows grow until every wrapped text fits.

The compact mode narrows the label and value columns and trims the padding, so that the value
columns of section 三 fit next to its labels on a 1280×720 (or 1024×700) screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from forms import format_value
from forms.layout import Grid

__all__ = ["column_widths", "fit_column", "fit_sections", "row_heights", "section_sizes"]

H_PAD = 14  # left + right text margin inside a cell, plus the grid line
V_PAD = 10
MIN_WIDTH = 24  # narrowest a dragged column may get


def column_widths(layout: Grid, fm: QFontMetrics, compact: bool = False) -> list[int]:
    """Width of every grid column in pixels for ``layout`` drawn with font metrics ``fm``."""
    em = max(fm.horizontalAdvance("中"), 1)
    caps = _caps(layout, em, compact)
    table = _table(layout)
    widths = [0] * layout.ncols
    for c in range(layout.label_columns, layout.ncols):
        kind = table.columns[c - layout.label_columns].kind
        sample = format_value(kind, _sample(kind))
        widths[c] = max(fm.horizontalAdvance(sample) + H_PAD, (3 if compact else 4) * em + H_PAD)
    for c in range(layout.label_columns):
        widths[c] = (1 if compact else 3) * em + H_PAD
    for region in sorted(layout.frame(), key=lambda r: r.columns):
        natural = fm.horizontalAdvance(region.text) + H_PAD
        cols = range(region.left, region.right + 1)
        want = min(natural, sum(caps[c] for c in cols))
        have = sum(widths[c] for c in cols)
        if want > have:
            if region.columns == 1:
                widths[region.left] = want
            else:  # spread what is missing over the region's columns, up to each cap, rest on the last
                missing = want - have
                for c in cols:
                    grow = min(missing, max(caps[c] - widths[c], 0))
                    widths[c] += grow
                    missing -= grow
                widths[cols[-1]] += missing
    return widths


def row_heights(layout: Grid, fm: QFontMetrics, widths: list[int], compact: bool = False) -> list[int]:
    """Height of every grid row so that every wrapped text fits in the given column widths."""
    em = max(fm.horizontalAdvance("中"), 1)
    v_pad = 4 if compact else V_PAD
    heights = [fm.height() + v_pad + (2 if compact else 6)] * layout.nrows
    flags = int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft)
    for region in sorted(layout.frame(), key=lambda r: r.rows):
        width = sum(widths[region.left : region.right + 1]) - H_PAD
        need = fm.boundingRect(QRect(0, 0, max(width, em), 100_000), flags, region.text).height() + v_pad
        rows = range(region.top, region.bottom + 1)
        have = sum(heights[r] for r in rows)
        if need > have:
            extra, rest = divmod(need - have, region.rows)
            for i, r in enumerate(rows):
                heights[r] += extra + (1 if i < rest else 0)
    return heights


def section_sizes(layout: Grid, fm: QFontMetrics, compact: bool = False) -> tuple[list[int], list[int]]:
    """(column widths, row heights) in pixels for ``layout`` drawn with font metrics ``fm``."""
    widths = column_widths(layout, fm, compact)
    return widths, row_heights(layout, fm, widths, compact)


def fit_sections(view: QTableView, layout: Grid, compact: bool = False, widths: Mapping[int, int] | None = None) -> None:
    """Apply the fitted sizes to the view for its current font; ``widths`` overrides some columns
    (the widths the clerk dragged), and the rows then grow to fit the text in them."""
    fm = view.fontMetrics()
    fitted = column_widths(layout, fm, compact)
    for c, w in (widths or {}).items():
        if 0 <= c < len(fitted):
            fitted[c] = max(MIN_WIDTH, w)
    for c, w in enumerate(fitted):
        view.setColumnWidth(c, w)
    for r, h in enumerate(row_heights(layout, fm, fitted, compact)):
        view.setRowHeight(r, h)


def fit_column(layout: Grid, fm: QFontMetrics, column: int, texts: Iterable[str]) -> int:
    """The width that shows column ``column`` without wrapping: its own header and label texts and
    the given cell texts on one line (what a double-click on a column border does in a spreadsheet)."""
    widths = [fm.horizontalAdvance(t) + H_PAD for t in texts if t]
    widths += [
        fm.horizontalAdvance(line) + H_PAD
        for region in layout.frame()
        if region.left == region.right == column
        for line in region.text.splitlines()
    ]
    if column >= layout.label_columns:
        kind = _table(layout).columns[column - layout.label_columns].kind
        widths.append(fm.horizontalAdvance(format_value(kind, _sample(kind))) + H_PAD)
    return max([MIN_WIDTH, *widths])


def _caps(layout: Grid, em: int, compact: bool) -> list[int]:
    """Widest each column may get before its text wraps."""
    n_data = len(_table(layout).columns)
    if compact:
        data_cap = 4 * em + H_PAD
        label_caps = {1: (10,), 2: (4, 12), 3: (2, 5, 13)}.get(layout.label_columns, ())
    else:
        data_cap = (6 if n_data > 4 else 10) * em + H_PAD
        label_caps = tuple(16 if c == layout.label_columns - 1 else 5 + c * 2 for c in range(layout.label_columns))
    caps = [data_cap] * layout.ncols
    for c, chars in enumerate(label_caps):
        caps[c] = chars * em + H_PAD
    return caps


def _table(layout: Grid):
    assert layout.table is not None, "a grid on screen shows one table"
    return layout.table


def _sample(kind: str) -> int | Decimal:
    """A wide but realistic value, so numbers never get cut off."""
    return Decimal("99999.99") if kind == "money" else (-99_999 if kind == "signed" else 999_999)
