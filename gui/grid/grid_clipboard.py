"""Tab-separated text as Excel and WPS put it on the clipboard, in and out, and where a pasted
block lands in a table. Pure Python (the report goes through the UI's translations)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from forms.layout import Grid
from forms.limits import INVALID_INPUT_MAX_CHARS
from gui.i18n import _

__all__ = ["PasteResult", "block_targets", "parse_tsv", "paste_report", "to_tsv"]

Targets = list[tuple[tuple[int, int], str]]


@dataclass
class PasteResult:
    """What one paste did: cells written, values that fell on totals or outside the table."""

    written: list[tuple[str, str]] = field(default_factory=list)
    on_computed: list[tuple[str, str]] = field(default_factory=list)
    outside: int = 0
    invalid: list[tuple[str, str]] = field(default_factory=list)
    cut: list[tuple[str, str]] = field(default_factory=list)  # texts too long for a cell, kept shortened


def block_targets(layout: Grid, top: int, left: int, block: list[list[str]]) -> tuple[Targets, int]:
    """Grid positions for a block pasted at (top, left), and how many non-blank values fall outside
    the table's cells (on headers, labels or past its edge)."""
    targets: Targets = []
    outside = 0
    for dr, values in enumerate(block):
        for dc, value in enumerate(values):
            r, c = top + dr, left + dc
            if layout.cell(r, c) is None:
                outside += 1 if value.strip() else 0
            else:
                targets.append(((r, c), value))
    return targets, outside


def paste_report(result: PasteResult) -> str:
    """One sentence for the status bar: what the paste wrote, and what it left out or cut."""
    parts = [_("已粘贴 {n} 个单元格", n=len(result.written))]
    if result.on_computed:
        parts.append(_("{n} 个值落在自动计算的合计上，已忽略", n=len(result.on_computed)))
    if result.outside:
        parts.append(_("{n} 个值超出表格范围，已忽略", n=result.outside))
    if result.invalid:
        parts.append(_("{n} 个值无效，已标红", n=len(result.invalid)))
    if result.cut:
        parts.append(_("{n} 个值超过 {limit} 个字符，只保留了前 {limit} 个", n=len(result.cut), limit=INVALID_INPUT_MAX_CHARS))
    return "；".join(parts)


def parse_tsv(text: str) -> list[list[str]]:
    """Split a copied block into rows of cells.

    Excel/WPS end lines with CRLF and add one trailing line break; that break is not an extra row.
    Cells holding a tab or a line break come quoted ("a\tb"), so quoted text goes through ``csv``.
    """
    if text == "":
        return []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removesuffix("\n")
    if '"' in text:
        rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter="\t", quotechar='"', strict=False)]
    else:
        rows = [line.split("\t") for line in text.split("\n")]
    return rows or [[""]]


def to_tsv(rows: list[list[str]]) -> str:
    """Join rows of cell texts the way Excel copies them: tabs, CRLF, and a trailing CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quotechar='"', lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return out.getvalue()
