"""Draft -> list of flowables: title block, preface, six sections with their tables, signature."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer

from forms.definition import Section
from forms.draft import Draft, cell_values
from forms.layout import table_grid
from render.fontset import FontSet
from render.grid import stack
from render.markup import markup, paragraphs
from render.pagination import MIN_TABLE_ROWS, SignatureTail, TableStart
from render.paragraph import BodyParagraph
from render.styles import BODY_LEADING, BODY_SIZE, PAGE
from render.tables import build_table

Styles = dict[str, ParagraphStyle]
Para = Callable[[str, str], list[Flowable]]  # (text, style name) -> the paragraph's flowables


class Heading(BodyParagraph):
    """A heading whose page and bookmark the document records: level 0 starts a section
    (``section_id`` "1".."6"), level 1 a subsection of 一 (``text_id`` such as "s1.request")."""

    def __init__(self, text: str | None, style: ParagraphStyle, section_id: str = "", plain: str = "", text_id: str = "", **kwargs: Any) -> None:
        super().__init__(text, style, **kwargs)  # ReportLab's split calls us with frags=...
        self.section_id = section_id
        self.text_id = text_id
        self.plain = plain


def build_story(draft: Draft, fonts: FontSet, styles: Styles) -> list[Flowable]:
    """Every flowable of the report in reading order."""
    story: list[Flowable] = []
    para = _para_factory(fonts, styles)
    story += para(draft.agency, "title")
    story += para(f"{draft.year}年政府信息公开工作年度报告", "title")
    story.append(Spacer(1, BODY_LEADING))
    story += text_block(draft.text("preface"), para)
    definition = draft.definition
    for section in definition.sections:
        story.append(CondPageBreak(4 * BODY_LEADING))  # a heading never ends a page
        heading = Heading(markup(section.heading, fonts, "heading1"), styles["h1"], section.id, section.heading)
        heading.layout_kind = "heading"
        story.append(heading)
        story += section_body(draft, section, fonts, styles, para)
    return with_signature(story, signature(draft, fonts, styles))


def _para_factory(fonts: FontSet, styles: Styles) -> Para:
    def para(text: str, style: str) -> list[Flowable]:
        st = styles[style]
        paragraph = BodyParagraph(markup(text, fonts, st.role), st)
        paragraph.layout_kind = "title" if style == "title" else "body"
        return [paragraph]

    return para


def text_block(text: str, para: Para) -> list[Flowable]:
    """The clerk's paragraphs; an empty line becomes one blank body line."""
    out: list[Flowable] = []
    for line in paragraphs(text):
        out += para(line, "body") if line else [Spacer(1, BODY_LEADING)]
    return out


def section_body(draft: Draft, section: Section, fonts: FontSet, styles: Styles, para: Para) -> list[Flowable]:
    out: list[Flowable] = []
    definition = draft.definition
    for text_id in section.texts:
        field = definition.text(text_id)
        if field.kind == "subsection":
            out.append(CondPageBreak(3 * BODY_LEADING))
            title = f"{field.number or ''}{draft.heading(text_id)}"
            heading = Heading(markup(title, fonts, styles["h2"].role), styles["h2"], plain=title, text_id=text_id)
            heading.layout_kind = "heading"
            out.append(heading)
        out += text_block(draft.text(text_id), para)
    tables = [definition.table(t) for t in section.tables]
    if not tables:
        return out
    grids = [table_grid(t, cell_values(draft, t)) for t in tables]
    if section.table_layout == "stacked":
        grids = [stack(grids)]
    for grid in grids:
        large = grid.ncols <= 5
        table = build_table(grid, fonts, styles, PAGE.frame_width, large=large)
        table.spaceBefore = BODY_LEADING / 4
        table.spaceAfter = BODY_LEADING / 2
        table.layout_kind = f"table:{section.id}"
        # a table with header rows brings its header and some rows to a page foot, or moves on
        out.append(TableStart(table, MIN_TABLE_ROWS if grid.header_rows else 0))
    return out


def signature(draft: Draft, fonts: FontSet, styles: Styles) -> list[Flowable]:
    """Agency and date, GB/T 9704 7.3.5.2: the agency two characters from the right margin, the date
    starting two characters right of the agency's first character, yet never closer than two
    characters to the margin (then the agency moves left instead)."""
    agency = draft.signature.agency or draft.agency
    date = _chinese_date(draft.signature.date)
    style = styles["signature"]
    em = BODY_SIZE
    right_edge = PAGE.frame_width - 2 * em
    w_agency = fonts.text_width(agency, "body", em)
    w_date = fonts.text_width(date, "body", em)
    x_agency = right_edge - w_agency
    x_date = x_agency + 2 * em
    if x_date + w_date > right_edge:
        x_date = right_edge - w_date
        x_agency = min(x_agency, x_date - 2 * em)
    parts: list[Flowable] = [Spacer(1, BODY_LEADING)]
    for text, x in ((agency, x_agency), (date, x_date)):
        if text:
            st = style.clone(f"signature@{x:.1f}", leftIndent=max(0.0, x))
            line = Paragraph(markup(text, fonts, "body"), st)
            line.layout_kind = "signature"
            parts.append(line)
    return parts


def _chinese_date(date: dt.date | None) -> str:
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def with_signature(story: list[Flowable], signature: list[Flowable]) -> list[Flowable]:
    """The story ending in the signature, which never stands alone on a page: the last paragraph
    (and a heading directly above it) is placed together with it (``SignatureTail``)."""
    if not story or not isinstance(story[-1], Paragraph):
        return [*story, KeepTogether(signature)]
    last = story.pop()
    head: list[Flowable] = []
    while story and isinstance(story[-1], Heading):
        head.insert(0, story.pop())
    return [*story, SignatureTail(head, last, signature)]
