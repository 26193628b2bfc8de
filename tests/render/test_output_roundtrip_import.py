"""Our .docx and .html import back through ``importer.import_report`` to the same draft."""

from __future__ import annotations

import pytest

from importer import import_report
from render.web import write_html
from render.word import write_docx

WRITERS = {"docx": write_docx, "html": write_html}


def _same_report(imported, draft) -> None:
    assert (imported.agency, imported.year, imported.format_id) == (draft.agency, draft.year, draft.format_id)
    assert imported.signature == draft.signature
    assert {k: v for k, v in imported.texts.items() if v} == {k: v for k, v in draft.texts.items() if v}
    assert {k: v for k, v in imported.headings.items() if v} == {k: v for k, v in draft.headings.items() if v}
    assert imported.values == draft.values


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("which", ["seed", "sample"])
def test_output_imports_back_to_the_same_draft(fmt, which, seed_draft, sample_draft, tmp_path):
    draft = seed_draft if which == "seed" else sample_draft
    path = tmp_path / f"report.{fmt}"
    WRITERS[fmt](draft, path)
    result = import_report(path)
    _same_report(result.draft, draft)
