"""The wizard's pages as data, generated from a format definition, and each page's state.

A new national format therefore needs no GUI code: sections with tables get one page holding
their intro text and every table; sections without tables get one page per text (the
subsections of 一, then 五 and 六).
"""

from __future__ import annotations

from dataclasses import dataclass

import forms
from forms.definition import FormatDefinition

__all__ = ["CARRIED", "COMPLETE", "EMPTY", "ERRORS", "WARNINGS", "PageSpec", "build_pages", "page_for_location", "page_states"]

EMPTY, COMPLETE, WARNINGS, ERRORS = "empty", "complete", "warnings", "errors"
#: A page whose texts were copied from last year and not yet edited or confirmed: not "complete" (the
#: navigator shows it with its own icon, a blue ring with a dot, distinct from the green tick).
CARRIED = "carried"


@dataclass(frozen=True)
class PageSpec:
    """One wizard page: which part of the report it edits, derived from the format."""

    key: str  # "cover", "text:s1.active", "tables:3", "review"
    kind: str  # cover | text | tables | review
    section: str | None  # section id, None for cover and review
    texts: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()


def build_pages(definition: FormatDefinition) -> list[PageSpec]:
    """Cover, the report's parts in order, and the final review page."""
    preface = tuple(t.id for t in definition.texts if t.kind == "preface")
    pages = [PageSpec("cover", "cover", None, texts=preface)]
    for section in definition.sections:
        if section.tables:
            pages.append(PageSpec(f"tables:{section.id}", "tables", section.id, section.texts, section.tables))
        else:
            pages += [PageSpec(f"text:{t}", "text", section.id, (t,)) for t in section.texts]
    pages.append(PageSpec("review", "review", None))
    return pages


def page_for_location(pages: list[PageSpec], location: forms.Location) -> PageSpec | None:
    """The page that shows what a finding is about (a cell, a text, a cover field, a section)."""
    for page in pages:
        if location.table and location.table in page.tables:
            return page
        if location.text and location.text in page.texts:
            return page
    if location.field:
        return pages[0]
    if location.section:
        for page in pages:
            if page.section == location.section:
                return page
    return None


def page_states(pages: list[PageSpec], draft: forms.Draft, findings: list[forms.Finding]) -> dict[str, str]:
    """Per page: errors, warnings, complete, or empty (nothing entered yet)."""
    states = {page.key: _filled_state(page, draft) for page in pages}
    for finding in findings:
        page = page_for_location(pages, finding.location)
        if page is None:
            continue
        if finding.is_error:
            states[page.key] = ERRORS
        elif states[page.key] != ERRORS:
            states[page.key] = WARNINGS
    if "review" in states:
        if any(f.is_error for f in findings):
            states["review"] = ERRORS
        elif findings:
            states["review"] = WARNINGS
        else:
            states["review"] = COMPLETE
    return states


def _filled_state(page: PageSpec, draft: forms.Draft) -> str:
    definition = draft.definition
    if page.kind == "cover":
        return COMPLETE if draft.agency.strip() and draft.signature.date else EMPTY
    required = [t for t in page.texts if definition.text(t).required]
    texts_ok = all(draft.text(t).strip() for t in required)
    cells_ok = all(
        (table_id, row.id, column.id) in draft.values
        for table_id in page.tables
        for row, column in definition.table(table_id).input_cells()
    )
    if page.kind == "review":
        return EMPTY
    return COMPLETE if texts_ok and cells_ok else EMPTY
