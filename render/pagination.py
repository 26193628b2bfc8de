"""Where pages may break around the signature and the tables (GB/T 9704 7.3.5 and common sense).

* The signature never stands alone on a page: when it does not fit under the last paragraph, the
  paragraph's last lines are carried over with it (``CARRY_LINES``), or the whole paragraph when it
  is too short to leave two lines behind; a heading right above that paragraph goes along.
* A table with header rows starts at the foot of a page only with its header and at least
  ``MIN_TABLE_ROWS`` body rows; otherwise it moves to the next page. So that breaks leave no large
  empty area at a page foot, a table may break inside a label group (its label is drawn on both
  pages) where both pages keep the height the label's text needs.

Both are flowables that are never drawn themselves: their ``wrap`` asks for a split (as ReportLab's
``KeepTogether`` does) and ``split`` returns the real flowables, with a frame break where needed,
so the document sees and records every paragraph and table as usual.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from reportlab.platypus import Flowable, Paragraph, Table
from reportlab.platypus.doctemplate import FrameBreak

from render.styles import CELL_PADDING, PAGE

if TYPE_CHECKING:
    from render.tables import Overlay

#: body lines of the last paragraph that go to the next page with the signature
CARRY_LINES = 2
#: body rows a table must bring to a page foot when it starts there (else it moves to the next page)
MIN_TABLE_ROWS = 5
#: empty space at a page foot above which a table rather breaks inside a label group (a quarter page)
LARGE_GAP = PAGE.frame_height / 4
_FUZZ = 1e-6
_SPLIT_ME = 0xFFFFFF  # a height no frame has: the frame then asks for a split


class _Placer(Flowable):
    """A flowable that only decides: ``split`` returns what goes on the page(s)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return availWidth, _SPLIT_ME

    def draw(self) -> None:  # never drawn: always split into its content
        raise AssertionError("a placer is always split")

    def _at_top(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(getattr(frame, "_atTop", False))


def _height(flowables: list[Flowable], width: float) -> float:
    """Height of flowables stacked in a fresh frame (space before the first one dropped)."""
    total = 0.0
    for i, f in enumerate(flowables):
        _w, h = f.wrap(width, 0x7FFFFFFF)
        total += h + (f.getSpaceBefore() if i else 0.0) + (f.getSpaceAfter() if i < len(flowables) - 1 else 0.0)
    return total


class SignatureTail(_Placer):
    """The last paragraph (with a heading directly above it) and the signature: the signature
    never starts a page."""

    def __init__(self, head: list[Flowable], last: Paragraph, signature: list[Flowable]) -> None:
        self.head = list(head)
        self.last = last
        self.signature = list(signature)

    def getSpaceBefore(self) -> float:
        return float((self.head[0] if self.head else self.last).getSpaceBefore())

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head_h = _height(self.head, availWidth) if self.head else 0.0
        sig_h = _height(self.signature, availWidth)
        room = availHeight - head_h
        _w, last_h = self.last.wrap(availWidth, max(room, 0.0))
        if head_h + last_h + sig_h <= availHeight + _FUZZ:
            return [*self.head, self.last, *self.signature]
        move = [FrameBreak(), SignatureTail(self.head, self.last, self.signature)]
        if last_h > room + _FUZZ:  # the paragraph breaks here anyway: go on with its rest
            parts = self.last.split(availWidth, room) if room > 0 else []
            if len(parts) == 2:
                return [*self.head, parts[0], SignatureTail([], parts[1], self.signature)]
            return [*self.head, self.last, *self.signature] if self._at_top() else move
        # the paragraph fits, the signature does not: its last lines go over with the signature
        lines = _line_count(self.last)
        leading = self.last.style.leading
        keep = lines - CARRY_LINES
        if keep >= 2:  # never leave a single line behind either
            parts = self.last.split(availWidth, keep * leading + _FUZZ)
            if len(parts) == 2:
                return [*self.head, parts[0], FrameBreak(), SignatureTail([], parts[1], self.signature)]
        if self._at_top():  # cannot happen with a page of text; never loop
            return [*self.head, self.last, *self.signature]
        return move


def _line_count(para: Paragraph) -> int:
    return len(para.blPara.lines)


class TableStart(_Placer):
    """A table that does not fit where it is: where it breaks.

    * At a page foot it breaks only after its header and at least ``min_rows`` body rows, else it
      moves to the next page.
    * The table's own break points keep label groups together. When they would leave more than
      ``LARGE_GAP`` empty at the page foot (or none would do at all), the table may also break
      inside a label group, as long as the label's text fits the rows on each side (it is drawn
      on both pages).
    """

    def __init__(self, table: Table, min_rows: int) -> None:
        self.table = table
        self.min_rows = min_rows
        table._nosplitCmds = merge_kept_rows(getattr(table, "_nosplitCmds", []))

    def getSpaceBefore(self) -> float:
        return float(self.table.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.table.getSpaceAfter())

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        table = self.table
        _w, h = table.wrap(availWidth, availHeight)
        if h <= availHeight + _FUZZ:
            return [table]
        at_top = self._at_top()
        need = 1 if at_top else max(1, self.min_rows)  # a page top holds what fits
        parts = table.split(availWidth, availHeight)
        if not self._enough(parts, need):
            parts = []
        if not parts or availHeight - parts[0].wrap(availWidth, availHeight)[1] > LARGE_GAP:
            looser = self._split_in_groups(availWidth, availHeight, need)
            if looser and (not parts or looser[0]._nrows > parts[0]._nrows):
                parts = looser
        if parts:
            return self._continue(parts)
        return [table] if at_top else [FrameBreak(), self]  # at a top ReportLab reports what cannot fit

    @staticmethod
    def _enough(parts: list[Flowable], need: int) -> bool:
        return len(parts) == 2 and body_rows(parts[0]) >= need

    def _continue(self, parts: list[Flowable]) -> list[Flowable]:
        """The first part, then the rest, which is placed by these rules again."""
        for part in parts:
            part.layout_kind = getattr(self.table, "layout_kind", "")
        return [parts[0], TableStart(parts[1], self.min_rows)]

    def _split_in_groups(self, availWidth: float, availHeight: float, need: int) -> list[Flowable]:
        """The split that lets label groups break where each side keeps room for the label; the
        continuation keeps every rule of the original table (ReportLab shifts its commands)."""
        table = self.table
        overlays = getattr(table, "overlays", ())
        if not overlays:
            return []
        label_rows = {r for o in overlays for r in range(o.top, o.bottom + 1)}
        loose = copy.copy(table)  # ranges that keep label groups together dropped; others (blocks) stay
        loose._nosplitCmds = [
            c for c in table._nosplitCmds
            if not label_rows.intersection(range(c[1][1], c[2][1] + 1))
        ]
        loose._calc(availWidth, 0x7FFFFFFF)  # every row height, not just those that fit
        heights = loose._rowHeights
        header = header_rows(table)
        row = loose._getFirstPossibleSplitRowPosition(availHeight)
        while row - header >= need:
            if all(_label_fits(loose, o, heights, row) for o in overlays):
                at_row = copy.copy(table)
                at_row._getFirstPossibleSplitRowPosition = lambda *_a, _row=row, **_k: _row
                split: list[Flowable] = at_row.split(availWidth, availHeight)
                return split
            row = loose._getFirstPossibleSplitRowPosition(sum(heights[: row - 1]) + _FUZZ)
        return []


def _label_fits(table: Table, overlay: Overlay, heights: list[float], row: int) -> bool:
    """True when a break before ``row`` leaves the overlay's label enough height on both pages."""
    if not overlay.top < row <= overlay.bottom:
        return True
    need = _label_height(table, overlay)
    return sum(heights[overlay.top : row]) >= need and sum(heights[row : overlay.bottom + 1]) >= need


def _label_height(table: Table, overlay: Overlay) -> float:
    """Height the overlay label needs, padding included, at its full size."""
    x0, x1 = table._colpositions[overlay.left], table._colpositions[overlay.right + 1]
    _w, h = Paragraph(overlay.text, table.label_style).wrap(x1 - x0 - 2 * CELL_PADDING, 10_000)
    return float(h) + 2 * CELL_PADDING


def merge_kept_rows(commands: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Full-width NOSPLIT row ranges that share a row merged into one.

    ReportLab forgets a NOSPLIT range whose first row lies inside a range given after it (the
    later one overwrites that cell's entry), so the rows a long label keeps at its bottom were
    lost when a short group ended on its first row. A merged range forbids exactly the same
    break positions as the ranges it replaces."""
    full = sorted((c[1][1], c[2][1]) for c in commands if c[0] == "NOSPLIT" and c[1][0] == 0 and c[2][0] == -1)
    other = [c for c in commands if not (c[0] == "NOSPLIT" and c[1][0] == 0 and c[2][0] == -1)]
    merged: list[list[int]] = []
    for top, bottom in full:
        if merged and top <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return other + [("NOSPLIT", (0, top), (-1, bottom)) for top, bottom in merged]


def header_rows(table: Table) -> int:
    """How many rows the table repeats at the top of each page."""
    repeat = table.repeatRows
    return repeat if isinstance(repeat, int) else len(repeat)


def body_rows(table: Flowable) -> int:
    """The rows of the table (or of a page's part of it) below the repeated header."""
    return int(table._nrows) - header_rows(table)
