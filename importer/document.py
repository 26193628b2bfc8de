"""The one intermediate document every source reader produces, and its flattening into lines.

Readers keep what their source knows: a PDF knows where each piece of text stands on the page, a web
page or a Word file knows its table cells with their row and column spans (and which cells are empty),
plain text knows only lines (and, when copied from a web page, the tabs between table cells). The
assembler reads everything through ``Document.lines()``: numbered lines whose pieces keep their
horizontal extent, so table columns are decided by position, never by counting tokens.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: What a piece's x coordinates are measured in: PDF points, grid columns of an explicit table, or
#: value-cell indexes of a tab-separated row (0 = the first cell after the row's label).
Units = Literal["pt", "grid", "tab"]


@dataclass(frozen=True)
class Piece:
    """A run of text with its horizontal extent."""

    text: str
    x0: float
    x1: float
    cell: tuple[float, float] | None = None  # the borders of the table cell it stands in (PDF rulings), if drawn

    @property
    def center(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Paragraph:
    """A paragraph (explicit sources) or one printed line (PDF), with its pieces when positions are known."""

    text: str
    pieces: tuple[Piece, ...] = ()
    page: int | None = None
    y: float | None = None  # top-down position on the page (PDF)
    indented: bool = False  # the line starts further right than the page's left margin (a first-line indent)
    blank_before: bool = False  # plain text: a blank line came before it
    number: int | None = None  # plain text: its line number in the file


@dataclass(frozen=True)
class Cell:
    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class TableBlock:
    """A grid of cells; each merged cell appears once, at its top-left position."""

    cells: tuple[Cell, ...]
    rows: int
    cols: int
    units: Units = "grid"
    numbers: tuple[int, ...] = ()  # plain text: the file's line number of each row


Block = Paragraph | TableBlock


@dataclass(frozen=True)
class DocLine:
    """One line of the flattened document (before debris is removed)."""

    text: str
    pieces: tuple[Piece, ...] = ()
    units: Units | None = None
    starts_paragraph: bool = False
    indented: bool = False
    blank_before: bool = False
    number: int | None = None


@dataclass
class Document:
    blocks: list[Block] = field(default_factory=list)
    kind: str = "text"  # pdf | text | html | mhtml | docx
    encoding: str | None = None
    pages: int | None = None
    #: Paragraph breaks are explicit (web pages, Word): the prose builder uses them instead of guessing.
    explicit_paragraphs: bool = False
    notes: list[tuple[str, str]] = field(default_factory=list)  # (zh, en) said about the source itself

    def lines(self) -> list[DocLine]:
        out: list[DocLine] = []
        for block in self.blocks:
            if isinstance(block, TableBlock):
                out += table_lines(block)
                continue
            parts = block.text.split("\n")
            for index, part in enumerate(parts):
                pieces = block.pieces if len(parts) == 1 else ()
                blank = block.blank_before or self.explicit_paragraphs
                out.append(DocLine(part, pieces, "pt" if pieces else None, starts_paragraph=index == 0,
                                   indented=block.indented, blank_before=index == 0 and blank, number=block.number))
        return out


def table_lines(table: TableBlock) -> list[DocLine]:
    """One line per table row: each cell that starts in the row becomes a piece spanning its columns."""
    by_row: dict[int, list[Cell]] = {}
    for cell in table.cells:
        by_row.setdefault(cell.row, []).append(cell)
    out = []
    for row in sorted(by_row):
        cells = sorted(by_row[row], key=lambda c: c.col)
        pieces = tuple(Piece(" ".join(c.text.split()), c.col, c.col + c.colspan) for c in cells if c.text.strip())
        if not pieces:
            continue
        if table.units == "tab":
            pieces = _tab_pieces(cells)
        number = table.numbers[row] if row < len(table.numbers) else None
        out.append(DocLine(" ".join(p.text for p in pieces), pieces, table.units, starts_paragraph=True, number=number))
    return out


def _tab_pieces(cells: list[Cell]) -> tuple[Piece, ...]:
    """A copied web-page row: leading text cells are its label, the cells after them are values, counted from 0.

    Counting from the label (not from the right) keeps every printed value in its column even when the
    copy dropped trailing empty cells.
    """
    label_end = 0
    while label_end < len(cells) and _is_label(cells[label_end].text):
        label_end += 1
    pieces = [Piece(c.text.strip(), -1, -0.5) for c in cells[:label_end]]
    pieces += [Piece(c.text.strip(), i, i + 1) for i, c in enumerate(cells[label_end:]) if c.text.strip()]
    return tuple(pieces)


def _is_label(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and any("\u4e00" <= ch <= "\u9fff" for ch in stripped) and not stripped.endswith(("元", "件"))
