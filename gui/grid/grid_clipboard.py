"""Tab-separated text as Excel and WPS put it on the clipboard, in and out. Pure Python."""

from __future__ import annotations

import csv
import io

__all__ = ["parse_tsv", "to_tsv"]


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
