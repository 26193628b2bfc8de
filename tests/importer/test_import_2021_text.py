"""A 2021-format report as text (extracted once from our renderer's PDF of examples/sample-2021.json).

Runs without render/: the fixture data/sample-2021-rendered.txt is what pypdf extracts from that PDF,
one cell per line, table headers repeated on every page, page numbers like "— 3 —".
"""

from __future__ import annotations

import pytest
from import_helpers import DATA, assert_same_numbers, assert_same_texts

from forms import Draft
from importer import import_text


@pytest.fixture(scope="module")
def rendered_text() -> str:
    return (DATA / "sample-2021-rendered.txt").read_text(encoding="utf-8")


def test_rendered_2021_text_imports_exactly(rendered_text: str, sample2021: Draft) -> None:
    result = import_text(rendered_text)
    assert result.report.format_id == "2021"
    assert_same_numbers(result.draft, sample2021, derived_totals_ok=True)
    assert_same_texts(result.draft, sample2021)
    assert not result.report.guesses  # every cell printed: nothing to guess


def _without_zero_cells(text: str) -> str:
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if "三、收到和处理" in line)
    end = next(i for i, line in enumerate(lines) if "四、政府信息公开行政复议" in line)
    return "\n".join(lines[:start] + [line for line in lines[start:end] if line.strip() != "0"] + lines[end:])


def test_missing_zero_cells_keep_rows_and_totals(rendered_text: str, sample2021: Draft) -> None:
    """Zero cells dropped from every section 三 row: each row keeps its numbers and its total; each such row is a reported guess."""
    result = import_text(_without_zero_cells(rendered_text))
    draft, t3 = result.draft, sample2021.definition.table("t3")
    for row in t3.rows:
        want = sorted(v for (t, r, _), v in sample2021.values.items() if t == "t3" and r == row.id and v)
        got = sorted(v for (t, r, _), v in draft.values.items() if t == "t3" and r == row.id and v)
        if not row.computed:
            assert got == want, row.id
        assert (draft.value("t3", row.id, "total") or 0) == sample2021.value("t3", row.id, "total"), row.id  # an all-zero row is blank
    guessed = {i.row for i in result.report.guesses if i.table == "t3"}
    assert guessed == {r.id for r in t3.rows if any(v for (t, rr, _), v in sample2021.values.items() if t == "t3" and rr == r.id) or r.computed}
    assert all("勾稽关系" in i.zh for i in result.report.guesses if i.table == "t3" and i.row != "results_total")
