"""Grid -> ReportLab Table: merged headers, line-drawn label merges, fitted numbers.

Header cells use real SPANs (header rows never split, they repeat). Labels that run down several
rows are drawn as overlays over line-merged cells instead, because ReportLab cannot break a table
inside a SPAN and 三、本年度办理结果 runs down 20+ rows (platform notes §3). Short label groups are
kept on one page with NOSPLIT; the long one may break, and its label is drawn again, centred, on
each page it reaches.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer, Table

from forms.definition import Column
from forms.layout import Grid
from forms.values import CellValue, format_value
from render.fontset import FontSet
from render.grid import rule_segments
from render.markup import markup
from render.pagination import header_rows
from render.styles import CELL_PADDING, LINE_WIDTH, MIN_NUMBER_SIZE, sized

#: a label group this many rows or fewer is never split across pages
SHORT_GROUP = 8
#: label column widths in characters by number of label columns (the last one of several takes the rest)
LABEL_CHARS = {1: (10,), 2: (4, None), 3: (2, 5, None)}


@dataclass(frozen=True)
class Overlay:
    """A label drawn over the merged cells rows top..bottom, columns left..right."""

    top: int
    bottom: int
    left: int
    right: int
    text: str  # paragraph markup


class LabelTable(Table):
    """A Table that also draws overlay labels and keeps them correct when it is split."""

    overlays: tuple[Overlay, ...] = ()
    label_style: ParagraphStyle | None = None
    #: weight and colour of the rule that closes each page part of a split table
    rule: tuple[float, object] = (LINE_WIDTH, colors.black)

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("renderCB", _draw_overlays_cb)
        super().__init__(*args, **kwargs)

    def _draw_overlay(self, o: Overlay) -> None:
        x0, x1 = self._colpositions[o.left], self._colpositions[o.right + 1]
        y_top, y_bottom = self._rowpositions[o.top], self._rowpositions[o.bottom + 1]
        width, height = x1 - x0 - 2 * CELL_PADDING, y_top - y_bottom - 2 * CELL_PADDING
        style = self.label_style
        assert style is not None, "build_table sets the label style"
        para = Paragraph(o.text, style)
        _w, h = para.wrap(width, 10_000)
        size = style.fontSize
        while h > height and size > MIN_NUMBER_SIZE:  # a page break left few rows of the group here
            size -= 0.5
            para = Paragraph(o.text, sized(style, size))
            _w, h = para.wrap(width, 10_000)
        para.drawOn(self.canv, x0 + CELL_PADDING, y_bottom + CELL_PADDING + max(0.0, (height - h) / 2))

    def split(self, availWidth: float, availHeight: float) -> list[Table]:
        parts: list[Table] = super().split(availWidth, availHeight)
        if len(parts) != 2:
            return parts
        first, second = parts
        n = first._nrows
        repeated = header_rows(self)
        # ReportLab splits the BOX into four edge lines at the *original* rows and drops the bottom
        # one from the first part (its row is not there); only GRID gets a rule at the cut. The
        # inner rules at the cut leave out the label columns whose merged label runs on past it
        # (三、本年度办理结果), so each part is closed here, full width: the bottom of the first
        # part and the top of the continuation's first body row (under the repeated header).
        weight, color = self.rule
        first._addCommand(("LINEBELOW", (0, n - 1), (-1, n - 1), weight, color))
        second._addCommand(("LINEABOVE", (0, repeated), (-1, repeated), weight, color))
        first.overlays = tuple(replace(o, bottom=min(o.bottom, n - 1)) for o in self.overlays if o.top < n)
        shift = n - repeated
        second.overlays = tuple(
            replace(o, top=max(o.top, n) - shift, bottom=o.bottom - shift) for o in self.overlays if o.bottom >= n
        )
        for part in parts:
            part.label_style = self.label_style
            part.rule = self.rule
        return parts


class CellParagraph(Paragraph):
    """A cell's paragraph. ReportLab wraps every cell again each time it measures its table (three
    to six times while the pages are laid out: wrap, split, each part); the cell's width does not
    change, so the lines broken for a width are kept and handed back."""

    _wrapped: tuple[float, float, float, Any, list[float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        memo = self._wrapped
        if memo is not None and memo[0] == availWidth:
            _w, self.width, self.height, self.blPara, self._wrapWidths = memo
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        if getattr(self, "width", None) == availWidth:  # not for a width too narrow for any text (not wrapped)
            self._wrapped = (availWidth, self.width, self.height, self.blPara, self._wrapWidths)
        return width, height


def _draw_overlays_cb(table: LabelTable, event: str, *args: object) -> None:
    """Table render callback: a label is drawn as its first row starts, so the text of the PDF
    reads in table order (the label, then its rows)."""
    if event == "startRow":
        for overlay in table.overlays:
            if overlay.top == args[0]:
                table._draw_overlay(overlay)


def column_widths(grid: Grid, total: float, size: float) -> list[float]:
    """Label columns sized in characters, value columns sharing the rest equally."""
    chars = LABEL_CHARS.get(grid.label_columns, ())
    labels = [(n * size + 2 * CELL_PADDING) if n else 0.0 for n in chars]
    values = grid.ncols - grid.label_columns
    flexible = [i for i, n in enumerate(chars) if n is None]
    if flexible:
        value_width = 3 * size + 2 * CELL_PADDING + 1  # three characters per line: 社会公/益组织
        if total - sum(labels) - value_width * values < 6 * size:
            value_width = (total - sum(labels) - 6 * size) / values
        labels[flexible[0]] = total - sum(labels) - value_width * values
    else:
        value_width = (total - sum(labels)) / values
    return labels + [value_width] * values


def widen_for_values(widths: list[float], grid: Grid, fonts: FontSet, style: ParagraphStyle) -> list[float]:
    """Give value columns whose numbers would not fit at full size the width they need, taken from
    the flexible label column (kept at least six characters wide); what is still missing is made
    up by a smaller number size in ``number_cell``."""
    chars = LABEL_CHARS.get(grid.label_columns, ())
    if None not in chars:
        return widths
    flexible = chars.index(None)
    need = {c: 0.0 for c in range(grid.label_columns, grid.ncols)}
    for region in grid.regions:
        if region.kind == "value" and region.left == region.right:
            text = cell_text(region.column, region.value)
            width = fonts.text_width(text, style.role, style.fontSize) + 2 * CELL_PADDING + 1
            need[region.left] = max(need[region.left], width)
    short = {c: need[c] - widths[c] for c in need if need[c] > widths[c]}
    spare = widths[flexible] - (6 * style.fontSize + 2 * CELL_PADDING)
    if not short or spare <= 0:
        return widths
    scale = min(1.0, spare / sum(short.values()))
    out = list(widths)
    for c, missing in short.items():
        out[c] += missing * scale
    out[flexible] -= sum(short.values()) * scale
    return out


def build_table(grid: Grid, fonts: FontSet, styles: dict[str, ParagraphStyle], total_width: float, large: bool = False) -> LabelTable:
    """The ReportLab table for ``grid``, exactly ``total_width`` wide."""
    cell = styles["cell_large" if large else "cell"]
    label = styles["cell_large_label" if large else "cell_label"]
    widths = widen_for_values(column_widths(grid, total_width, cell.fontSize), grid, fonts, cell)
    data: list[list[object]] = [[""] * grid.ncols for _ in range(grid.nrows)]
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOX", (0, 0), (-1, -1), LINE_WIDTH, colors.black),
        ("FONT", (0, 0), (-1, -1), cell.fontName, cell.fontSize, cell.leading),  # empty cells too: no stray Helvetica
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
    ]
    overlays: list[Overlay] = []
    for region in grid.regions:
        width = sum(widths[region.left : region.right + 1]) - 2 * CELL_PADDING
        if region.kind == "label" and region.rows > 1:
            text = markup(region.text, fonts, label.role)
            overlays.append(Overlay(region.top, region.bottom, region.left, region.right, text))
            _w, h = Paragraph(text, label).wrap(width, 10_000)
            for r in range(region.top, region.bottom + 1):
                data[r][region.left] = Spacer(1, h / region.rows)
                if region.right > region.left:
                    commands.append(("SPAN", (region.left, r), (region.right, r)))
            if region.rows <= SHORT_GROUP:
                commands.append(("NOSPLIT", (0, region.top), (-1, region.bottom)))
            else:  # may break, but leave enough rows on each page for the label to stay readable
                keep = min(region.rows, math.ceil(h / (label.leading + 2 * CELL_PADDING)) + 1)
                commands.append(("NOSPLIT", (0, region.top), (-1, region.top + keep - 1)))
                commands.append(("NOSPLIT", (0, region.bottom - keep + 1), (-1, region.bottom)))
            continue
        if region.kind == "value":
            text, size = number_cell(region.column, region.value, fonts, cell, width)
            data[region.top][region.left] = text
            if fonts.text_width(text, cell.role, size) > width:  # cannot happen for valid values: wrap
                data[region.top][region.left] = CellParagraph(markup(text, fonts, cell.role), sized(cell, size))
            elif size != cell.fontSize:
                commands.append(("FONTSIZE", (region.left, region.top), (region.left, region.top), size))
        else:
            style = label if region.kind == "label" else cell
            data[region.top][region.left] = CellParagraph(markup(region.text, fonts, style.role), style)
        if region.rows > 1 or region.right > region.left:
            commands.append(("SPAN", (region.left, region.top), (region.right, region.bottom)))
    below, after = rule_segments(grid)
    commands += [("LINEBELOW", (c0, r), (c1, r), LINE_WIDTH, colors.black) for r, c0, c1 in below]
    commands += [("LINEAFTER", (c, r0), (c, r1), LINE_WIDTH, colors.black) for c, r0, r1 in after]
    commands += [("NOSPLIT", (0, r0), (-1, r1)) for r0, r1 in grid.blocks]
    table = LabelTable(data, colWidths=widths, repeatRows=grid.header_rows, style=commands, hAlign="CENTER")
    table.overlays = tuple(overlays)
    table.label_style = label
    return table


def cell_text(column: Column | None, value: CellValue) -> str:
    """A value as printed: blank stays blank; money with two decimals and its unit, unless the
    column heading already names the unit (2021: 本年收费金额（单位：万元）)."""
    if column is None or value is None:
        return ""
    text = format_value(column.kind, value)
    if column.kind == "money" and column.unit and column.unit not in column.label:
        text += column.unit
    return text


def number_cell(column: Column | None, value: CellValue, fonts: FontSet, style: ParagraphStyle, width: float) -> tuple[str, float]:
    """A value's text and font size: shrunk until it fits the cell width (9-digit counts, large sums).

    Values are plain table strings, not Paragraphs (ten times cheaper; a value never wraps), drawn
    in the body font, which has every character a value can contain (digits, + - . 万元)."""
    text = cell_text(column, value)
    size = style.fontSize
    need = fonts.text_width(text, style.role, size)
    if text and need > width:
        size = max(MIN_NUMBER_SIZE, size * width / need * 0.98)
    return text, size
