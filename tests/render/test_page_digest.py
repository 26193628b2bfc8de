"""Page digests: equal for pages that look the same in two renders, different for every page that may not."""

from __future__ import annotations

import io

import pypdf

import forms
import render


def _render(draft: forms.Draft) -> tuple[render.RenderResult, bytes]:
    out = io.BytesIO()
    result = render.render_report(draft, out, compress=False)
    return result, out.getvalue()


def _last_page_stream(pdf: bytes) -> bytes:
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[-1]
    return page.get_contents().get_data()


def test_one_digest_per_page_and_the_same_for_the_same_draft(seed_path) -> None:  # type: ignore[no-untyped-def]
    draft = forms.load_draft_file(seed_path)
    first, _ = _render(draft)
    again, _ = _render(draft)
    assert len(first.page_digests) == first.page_count
    assert len(set(first.page_digests)) == first.page_count  # pages differ from one another
    assert again.page_digests == first.page_digests


def test_an_edit_changes_the_digest_of_its_page_only(seed_path) -> None:  # type: ignore[no-untyped-def]
    draft = forms.load_draft_file(seed_path)
    before, _ = _render(draft)
    draft.texts["s6"] = draft.texts.get("s6", "") + "另外，本年度未收取费用。"
    after, _ = _render(draft)
    assert after.page_count == before.page_count
    last = after.text_pages.get("s6", after.section_pages["6"]) - 1
    assert after.page_digests[:last] == before.page_digests[:last]
    assert after.page_digests[last] != before.page_digests[last]


def test_a_new_character_in_place_of_another_new_one_changes_the_digest(seed_path) -> None:  # type: ignore[no-untyped-def]
    """ReportLab gives both the same code in the font subset, so the page's operators are the same bytes:
    only the subset's characters tell the pages apart."""
    draft = forms.load_draft_file(seed_path)
    text = draft.texts.get("s6", "")
    everything = "".join(str(v) for v in draft.texts.values())
    one, other = "鑫", "淼"
    assert one not in everything and other not in everything
    draft.texts["s6"] = text + one
    with_one, pdf_one = _render(draft)
    draft.texts["s6"] = text + other
    with_other, pdf_other = _render(draft)
    assert _last_page_stream(pdf_one) == _last_page_stream(pdf_other)
    assert with_one.page_digests[-1] != with_other.page_digests[-1]
    assert with_one.page_digests[:-1] == with_other.page_digests[:-1]
