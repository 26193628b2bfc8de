"""PDFs printed by our own renderer import back to the drafts they were printed from (both formats)."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_helpers import assert_same_numbers, assert_same_texts

from forms import Draft
from importer import import_report

render = pytest.importorskip("render", reason="render/ is not importable yet")
if not hasattr(render, "render_report"):
    pytest.skip("render.render_report is not available yet", allow_module_level=True)


def _roundtrip(draft: Draft, tmp_path: Path) -> Draft:
    path = tmp_path / "report.pdf"
    render.render_report(draft, path, reproducible=True)
    result = import_report(path)
    assert result.report.source_kind == "pdf"
    return result.draft


def test_longgang_2020_pdf_roundtrip(longgang: Draft, tmp_path: Path) -> None:
    draft = _roundtrip(longgang, tmp_path)
    # the renderer prints every derived total; the draft states only the totals the source printed
    assert_same_numbers(draft, longgang, derived_totals_ok=True)
    assert_same_texts(draft, longgang)
    assert (draft.agency, draft.year, draft.signature) == (longgang.agency, longgang.year, longgang.signature)


def test_sample_2021_pdf_roundtrip(sample2021: Draft, tmp_path: Path) -> None:
    draft = _roundtrip(sample2021, tmp_path)
    assert_same_numbers(draft, sample2021, derived_totals_ok=True)
    assert_same_texts(draft, sample2021)
    assert (draft.agency, draft.year, draft.signature) == (sample2021.agency, sample2021.year, sample2021.signature)


def test_2021_pdf_is_recognised_by_its_headers_even_for_a_2019_year(sample2021: Draft, tmp_path: Path) -> None:
    """Format from the table headers, not from the year: a 2021-layout report labelled 2020 stays 2021."""
    relabelled = sample2021.copy()
    relabelled.year = 2020
    draft = _roundtrip(relabelled, tmp_path)
    assert draft.format_id == "2021" and draft.year == 2020


def test_pdf_locked_only_against_editing_is_read(longgang: Draft, tmp_path: Path) -> None:
    """Many published PDFs carry an owner password but no user password: they open without asking."""
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    render.render_report(longgang, plain, reproducible=True)
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-128")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as handle:
        writer.write(handle)
    assert PdfReader(locked).is_encrypted
    assert import_report(locked).draft.values == longgang.values


@pytest.mark.parametrize("example", ["longgang", "sample2021"])
def test_text_from_pdftotext_layout(example: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    """The same PDFs as text from another extractor (poppler's pdftotext -layout: rows on one line, cells spaced)."""
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) not installed")
    want: Draft = request.getfixturevalue(example)
    pdf, txt = tmp_path / "report.pdf", tmp_path / "report.txt"
    render.render_report(want, pdf, reproducible=True)
    subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), str(txt)], check=True, timeout=60)
    result = import_report(txt)
    assert result.report.source_kind == "text"
    assert_same_numbers(result.draft, want, derived_totals_ok=True)
    assert_same_texts(result.draft, want)
