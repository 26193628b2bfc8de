"""The report as an ordered outline: what every output (PDF, Word, web page, spreadsheet) contains.

Pure data, no fonts and no pages: the title block, the preface, each section's heading (with the
agency's own subsection headings), the clerk's paragraphs, the tables as official grids, and the
signature, in the order the PDF prints them. The Word, web and spreadsheet writers all read this,
so an output cannot drift from another in content or order; only layout differs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from forms.definition import Section, Table
from forms.draft import Draft, cell_values
from forms.layout import Grid, table_grid
from render.grid import stack
from render.markup import clean, paragraphs


@dataclass(frozen=True)
class Title:
    """The two centred title lines: the agency, then "YYYY年政府信息公开工作年度报告"."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """level 1: a section heading (一、…), ``section_id`` "1".."6"; level 2: a subsection (（一）…)."""

    level: int
    text: str
    section_id: str
    text_id: str = ""


@dataclass(frozen=True)
class Paragraph:
    """One of the clerk's paragraphs; ``text`` "" is a blank line (kept as one blank body line)."""

    text: str
    text_id: str


@dataclass(frozen=True)
class TableBlock:
    """One printed table: ``grid`` is the official layout (二's blocks stacked into one grid, as
    printed); ``parts`` keeps each format table with its own grid for outputs that caption every
    block separately (the web page)."""

    section_id: str
    caption: str
    grid: Grid
    parts: tuple[tuple[Table, Grid], ...]

    @property
    def large(self) -> bool:
        """Few columns: the PDF sets such tables in the larger cell size."""
        return self.grid.ncols <= 5


@dataclass(frozen=True)
class Signature:
    agency: str
    date: str  # "2021年1月14日", "" when not set


Block = Title | Heading | Paragraph | TableBlock | Signature


@dataclass(frozen=True)
class Outline:
    title: str  # agency + year title, one line: document title and metadata
    agency: str
    year: int
    format_name: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)


def report_title(draft: Draft) -> str:
    """The document's title line: "YYYY年政府信息公开工作年度报告"."""
    return f"{draft.year}年政府信息公开工作年度报告"


def chinese_date(date: dt.date | None) -> str:
    """2021-01-14 -> "2021年1月14日" (GB/T 9704: Arabic numerals, no leading zeros)."""
    return f"{date.year}年{date.month}月{date.day}日" if date else ""


def subsection_title(draft: Draft, text_id: str) -> str:
    """"（三）" plus the agency's own heading, else the format's."""
    field_ = draft.definition.text(text_id)
    return f"{field_.number or ''}{clean(draft.heading(text_id))}"


def build_outline(draft: Draft) -> Outline:
    """Every block of the report, in the PDF's reading order."""
    agency = clean(draft.agency)
    blocks: list[Block] = [Title((agency, report_title(draft)))]
    blocks += text_blocks(draft, "preface")
    for section in draft.definition.sections:
        blocks.append(Heading(1, section.heading, section.id))
        blocks += section_blocks(draft, section)
    blocks.append(Signature(clean(draft.signature.agency or draft.agency), chinese_date(draft.signature.date)))
    return Outline(
        title=f"{agency}{report_title(draft)}",
        agency=agency,
        year=draft.year,
        format_name=draft.definition.name_zh,
        blocks=tuple(blocks),
    )


def text_blocks(draft: Draft, text_id: str) -> list[Paragraph]:
    return [Paragraph(line, text_id) for line in paragraphs(draft.text(text_id))]


def section_blocks(draft: Draft, section: Section) -> list[Block]:
    out: list[Block] = []
    definition = draft.definition
    for text_id in section.texts:
        if definition.text(text_id).kind == "subsection":
            out.append(Heading(2, subsection_title(draft, text_id), section.id, text_id))
        out += text_blocks(draft, text_id)
    tables = [definition.table(t) for t in section.tables]
    if not tables:
        return out
    parts = tuple((t, table_grid(t, cell_values(draft, t))) for t in tables)
    if section.table_layout == "stacked":
        out.append(TableBlock(section.id, section.heading, stack([g for _t, g in parts]), parts))
    else:
        for table, grid in parts:
            out.append(TableBlock(section.id, table.title, grid, ((table, grid),)))
    return out


def cell_keys(block: TableBlock) -> dict[tuple[int, int], tuple[Table, str, str]]:
    """(grid row, grid column) of every value cell of ``block.grid`` -> (table, row id, column id):
    which draft cell each printed number is."""
    offsets = [top for top, _bottom in block.grid.blocks] or [0]
    out: dict[tuple[int, int], tuple[Table, str, str]] = {}
    for (table, part), offset in zip(block.parts, offsets, strict=True):
        for i, row in enumerate(table.rows):
            for j, column in enumerate(table.columns):
                out[(offset + part.header_rows + i, table.label_columns + j)] = (table, row.id, column.id)
    return out
