"""Comparisons shared by the importer tests."""

from __future__ import annotations

import re
from pathlib import Path

from forms import Draft, cell_values

DATA = Path(__file__).with_name("data")


def squash(text: str) -> str:
    """Whitespace normalisation for comparing paragraphs: no spaces or tabs, one '\\n' between paragraphs."""
    return re.sub(r"\n+", "\n", re.sub(r"[ \t\u3000]+", "", text)).strip()


def assert_same_texts(got: Draft, want: Draft) -> None:
    assert set(got.texts) == set(want.texts)
    for key in want.texts:
        assert squash(got.texts[key]) == squash(want.texts[key]), key
    assert got.headings == want.headings


def assert_same_numbers(got: Draft, want: Draft, derived_totals_ok: bool = False) -> None:
    """Every input value equal; printed totals equal (or, for a PDF of ours, equal to the derived totals)."""
    assert got.format_id == want.format_id
    assert got.values == want.values
    if not derived_totals_ok:
        assert got.stated == want.stated
        return
    for key, value in want.stated.items():
        assert got.stated.get(key) == value, key
    for (table_id, row, column), value in got.stated.items():
        derived = cell_values(want, want.definition.table(table_id))[(row, column)]
        assert value == derived, (table_id, row, column)
