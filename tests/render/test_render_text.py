"""The rendered text: every heading, paragraph and table number, in reading order."""

from __future__ import annotations

import re

import pytest
from render_helpers import flat, page_texts

from forms import Draft, cell_values
from render.markup import paragraphs
from render.tables import cell_text

NUMBER_LINE = re.compile(r"^[+\-]?\d+(\.\d\d)?(万元)?$")


def expected_pieces(draft: Draft) -> list[str]:
    """What a reader must find, in order: title, preface, each section's headings and paragraphs."""
    d = draft.definition
    pieces = [draft.agency, f"{draft.year}年政府信息公开工作年度报告", *paragraphs(draft.text("preface"))]
    for section in d.sections:
        pieces.append(section.heading)
        for text_id in section.texts:
            field = d.text(text_id)
            if field.kind == "subsection":
                pieces.append(f"{field.number}{draft.heading(text_id)}")
            pieces += [p for p in paragraphs(draft.text(text_id)) if p]
    date = draft.signature.date
    pieces += [draft.signature.agency, f"{date.year}年{date.month}月{date.day}日"]
    return pieces


def expected_numbers(draft: Draft) -> list[str]:
    """Every printed table value in row-major order; blank cells print nothing."""
    out: list[str] = []
    for table in draft.definition.tables:
        values = cell_values(draft, table)
        for row in table.rows:
            for column in table.columns:
                text = cell_text(column, values[(row.id, column.id)])
                if text:
                    out.append(text)
    return out


def assert_in_order(haystack: str, pieces: list[str]) -> None:
    position = 0
    for piece in pieces:
        found = haystack.find(re.sub(r"\s+", "", piece), position)
        assert found >= 0, f"missing or out of order: {piece[:40]!r}"
        position = found + len(re.sub(r"\s+", "", piece))


@pytest.mark.parametrize("which", ["seed", "sample"])
def test_render_headings_and_paragraphs_in_reading_order(which, seed_draft, seed_pdf, sample_draft, sample_pdf):
    draft, (pdf, _result) = (seed_draft, seed_pdf) if which == "seed" else (sample_draft, sample_pdf)
    assert_in_order(flat("".join(page_texts(pdf))), expected_pieces(draft))


@pytest.mark.parametrize("which", ["seed", "sample"])
def test_render_table_numbers_exactly_and_in_order(which, seed_draft, seed_pdf, sample_draft, sample_pdf):
    draft, (pdf, _result) = (seed_draft, seed_pdf) if which == "seed" else (sample_draft, sample_pdf)
    lines = [line.strip() for text in page_texts(pdf) for line in text.splitlines()]
    printed = [line for line in lines if NUMBER_LINE.match(line)]
    assert printed == expected_numbers(draft)


def test_render_seed_prints_computed_totals_and_money_with_unit(seed_pdf):
    text = flat("".join(page_texts(seed_pdf[0])))
    assert "1316.73万元" in text
    # t3 total column is computed: 本年新收 1 (自然人) -> 总计 1; （七）总计 row derived from the results
    assert "一、本年新收政府信息公开申请数量11" in text
    assert "（七）总计11" in text


def test_render_blank_cells_stay_blank(seed_draft, seed_pdf):
    """The seed leaves most of table 三 blank: no 0 may appear in those rows."""
    text = flat("".join(page_texts(seed_pdf[0])))
    assert "（一）予以公开（二）部分公开" in text  # nothing printed between the two labels
    assert "8.属于行政查询事项" in text and "8.属于行政查询事项0" not in text


def test_render_page_numbers_on_every_page(seed_pdf):
    pdf, result = seed_pdf
    texts = page_texts(pdf)
    assert len(texts) == result.page_count
    for n, text in enumerate(texts, start=1):
        assert re.search(rf"—\s*{n}\s*—", text), f"page {n} has no page number"


def test_render_section_pages_match_the_headings(seed_draft, seed_pdf):
    pdf, result = seed_pdf
    texts = [flat(t) for t in page_texts(pdf)]
    assert set(result.section_pages) == {s.id for s in seed_draft.definition.sections}
    for section in seed_draft.definition.sections:
        page = result.section_pages[section.id]
        assert section.heading in texts[page - 1]
        assert all(section.heading not in t for t in texts[: page - 1])
