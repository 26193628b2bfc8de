"""A year-on-year comparison of one unit's report as a PDF: changed cells, and each section's text
of both years side by side with the sentences copied from last year marked.

Laid out for reading, not for publishing: A4 landscape, 10.5 pt, the report's own fonts (the same
font set as the report, so rare characters print the same way). The input is plain data, so this
module knows nothing about how the comparison was made.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, SimpleDocTemplate, Spacer, TableStyle

from render.fontset import FontSet, font_set
from render.markup import markup

CHANGED_BG = colors.HexColor("#FFF1C2")
COPIED_BG = "#FFD9D9"


@dataclass(frozen=True)
class CellLine:
    label: str
    last: str  # as printed: "" for blank
    this: str
    change: str  # "+3", "-1", "" when either is blank
    percent: str  # "+12.5%" or ""
    changed: bool


@dataclass(frozen=True)
class SectionLine:
    title: str
    last_text: str
    this_sentences: tuple[tuple[str, bool], ...]  # this year's sentences as written, and whether copied
    share: float  # copied share 0..1
    flagged: bool


@dataclass(frozen=True)
class ComparisonSheet:
    title: str  # e.g. "某某局 2021 与 2022 年度报告对比"
    last_year: int
    this_year: int
    cells: Sequence[CellLine]
    sections: Sequence[SectionLine]
    notes: Sequence[str] = ()  # cross-year findings, one line each


def render_comparison(sheet: ComparisonSheet, output: str | os.PathLike[str] | BinaryIO, *, fonts: str = "auto") -> int:
    """Write the comparison PDF; returns the page count."""
    from common.atomic import atomic_write

    chosen = font_set(fonts)
    body_font, bold_font = chosen.names["body"], chosen.names["heading1"]
    base = ParagraphStyle("cmp-body", fontName=body_font, fontSize=10.5, leading=15, wordWrap="CJK")
    small = ParagraphStyle("cmp-small", parent=base, fontSize=9, leading=12)
    heading = ParagraphStyle("cmp-heading", parent=base, fontName=bold_font, fontSize=13, leading=20, spaceBefore=8, spaceAfter=4)
    title = ParagraphStyle("cmp-title", parent=heading, fontSize=17, leading=26, alignment=TA_CENTER)

    def para(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(markup(text, chosen, "body"), style)

    story: list[object] = [para(sheet.title, title), Spacer(1, 4 * mm)]
    changed = [c for c in sheet.cells if c.changed]
    story.append(para(f"表格：{len(sheet.cells)} 个单元格中有 {len(changed)} 个与上年不同（底色标出）。", base))
    width = landscape(A4)[0] - 36 * mm
    story += [Spacer(1, 2 * mm), _cell_table(sheet, chosen, small, width)]
    if sheet.notes:
        story.append(para("跨年度核对", heading))
        story += [para(note, base) for note in sheet.notes]
    story.append(para("文字：与上年相同的句子（数字不计）以红色底色标出。", heading))
    for section in sheet.sections:
        flag = "（超过阈值）" if section.flagged else ""
        story.append(para(f"{section.title}：与上年相同 {section.share:.0%}{flag}", heading))
        story.append(_side_by_side(section, chosen, small, width))
    buffer: io.BytesIO | BinaryIO = io.BytesIO() if isinstance(output, (str, os.PathLike)) else output
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=18 * mm, rightMargin=18 * mm,
                                 topMargin=15 * mm, bottomMargin=15 * mm, title=sheet.title, author="nianbao")
    pages = [0]
    document.build(story, onFirstPage=lambda c, d: _count(pages, c), onLaterPages=lambda c, d: _count(pages, c))
    if isinstance(output, (str, os.PathLike)):
        assert isinstance(buffer, io.BytesIO)
        atomic_write(output, buffer.getvalue())
    return pages[0]


def _cell_table(sheet: ComparisonSheet, chosen: FontSet, style: ParagraphStyle, width: float) -> LongTable:
    """Every cell of both years. Plain strings where they fit one line (a Paragraph per cell would make
    a 200-cell table several times slower); a wrapping Paragraph only for a long label or a character
    the body font lacks."""
    widths = [width * 0.52, width * 0.12, width * 0.12, width * 0.12, width * 0.12]
    body = chosen.names["body"]
    own = chosen.cmap("body")

    def cell(text: str, column: int) -> object:
        plain = all(ord(ch) in own or ch.isspace() for ch in text)
        if plain and chosen.text_width(text, "body", style.fontSize) < widths[column] - 8:
            return text
        return Paragraph(markup(text, chosen, "body"), style)

    header = ["单元格", f"{sheet.last_year} 年度", f"{sheet.this_year} 年度", "变化", "变化率"]
    rows: list[list[object]] = [[cell(h, i) for i, h in enumerate(header)]]
    marks: list[tuple[object, ...]] = []
    for number, line in enumerate(sheet.cells, start=1):
        rows.append([cell(text, i) for i, text in enumerate((line.label, line.last, line.this, line.change, line.percent))])
        if line.changed:
            marks.append(("BACKGROUND", (0, number), (-1, number), CHANGED_BG))
    table = LongTable(rows, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), body, style.fontSize, style.leading),
                               ("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")), *marks]))
    return table


def _count(pages: list[int], canvas: object) -> None:
    pages[0] += 1


def _side_by_side(section: SectionLine, chosen: FontSet, style: ParagraphStyle, width: float) -> LongTable:
    """Last year's paragraphs on the left; this year's sentences on the right, one per line, the copied
    ones on a coloured background (ReportLab drops inline background colours under CJK wrapping, so
    each sentence is its own paragraph)."""
    copied_style = ParagraphStyle(f"{style.name}-copied", parent=style, backColor=colors.HexColor(COPIED_BG))
    last_cell = [Paragraph(markup(p, chosen, "body"), style) for p in section.last_text.split("\n") if p.strip()]
    this_cell = [Paragraph(markup(text, chosen, "body"), copied_style if copied else style)
                 for text, copied in section.this_sentences]
    table = LongTable([[last_cell or [Paragraph("（空）", style)], this_cell or [Paragraph("（空）", style)]]],
                      colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table
