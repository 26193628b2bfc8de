"""Flattened tables as a stream: label text (whitespace removed) with numbers at text offsets.

PDF extraction flattens a table row into "label 1 1", wraps labels over several lines and mixes
group labels ("（四）无法提供") into row labels. Numbers are therefore placed by *where they occur
in the label text*: a number belongs to the last row label that started before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from importer.document import Units
from importer.lines import Line, nfkc, squeeze
from importer.readings import PLACEHOLDERS

NUMBER = re.compile(r"^[+\-−－]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^[+\-−－]?\d+(?:\.\d+)?$")
_GLUED = re.compile(r"^(.*[^\d.,+\-−－])([+\-−－]?\d+(?:\.\d+)?)$")
UNITS = ("万元", "元", "件", "个", "项")


@dataclass(frozen=True)
class Number:
    text: str  # NFKC, unit attached if one followed ("1316.73万元")
    offset: int  # position in Stream.text where it appeared
    line: Line
    box: tuple[float, float] | None = None  # horizontal extent of the piece it was printed in, when known
    units: Units | None = None
    cell: tuple[float, float] | None = None  # the borders of the table cell it was printed in (PDF rulings)


@dataclass
class Stream:
    text: str = ""
    numbers: list[Number] = field(default_factory=list)

    def between(self, start: int, end: int) -> list[Number]:
        """Numbers after label offset ``start`` up to and including ``end`` (they follow their label)."""
        return [n for n in self.numbers if start < n.offset <= end]


def build_stream(lines: list[Line]) -> Stream:
    stream = Stream()
    for line in lines:
        if not line.pieces:
            _add_run(stream, line, line.text, None, None)
        for piece in line.pieces:
            _add_run(stream, line, piece.text, (piece.x0, piece.x1), piece.cell)
    return stream


def _add_run(stream: Stream, line: Line, run: str, box: tuple[float, float] | None, cell: tuple[float, float] | None) -> None:
    units = line.units if box is not None else None
    for piece in nfkc(run).split():
        if _is_number(piece) or piece in PLACEHOLDERS:
            stream.numbers.append(Number(piece, len(stream.text), line, box, units, cell))
            continue
        if piece in UNITS and stream.numbers and stream.numbers[-1].line is line and stream.numbers[-1].offset == len(stream.text):
            last = stream.numbers.pop()
            stream.numbers.append(Number(last.text + piece, last.offset, line, last.box, last.units, last.cell))
            continue
        glued = _GLUED.match(piece)
        label = glued.group(1) if glued and _is_label_end(glued.group(1)) else piece
        stream.text += squeeze(label)
        if label is not piece:
            stream.numbers.append(Number(glued.group(2), len(stream.text), line))  # type: ignore[union-attr]


def _is_number(piece: str) -> bool:
    """'12', '-3', '1,316.73', also with a unit glued on: '1316.73万元'."""
    unit = next((u for u in UNITS if piece.endswith(u)), "")
    return bool(NUMBER.match(piece[: len(piece) - len(unit)]))


def _is_label_end(text: str) -> bool:
    """A number glued to a label is split off only after CJK text or a closing bracket."""
    last = text[-1]
    return "\u4e00" <= last <= "\u9fff" or last in ")）]"


def find_label(stream: Stream, label: str, start: int, limit: int | None = None, whole: bool = False) -> int:
    """Offset of ``label`` (or, unless ``whole``, of its longest prefix of at least 4 characters) from ``start``; -1 if absent."""
    key = squeeze(label)
    end = len(stream.text) if limit is None else limit
    shortest = len(key) if whole else min(len(key), max(4, _ordinal_length(key) + 3))
    for length in range(len(key), shortest - 1, -1):
        position = stream.text.find(key[:length], start, end)
        if position >= 0:
            return position
    return -1


def _ordinal_length(key: str) -> int:
    match = re.match(r"^(?:\d{1,2}\.|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}、)", key)
    return len(match.group(0)) if match else 0
