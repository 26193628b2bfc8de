"""Page breaks around the signature and table 三, measured: texts of growing length push the
signature and the table across page ends, and every layout is checked from the recorded
positions of paragraphs, table parts and signature lines (points from the page's bottom edge)."""

from __future__ import annotations

import io

import pypdf
import pytest
from render_helpers import flat
from reportlab.lib import colors
from reportlab.platypus import Table

from forms import Draft
from render.document import render_with_layout
from render.pagination import CARRY_LINES, MIN_TABLE_ROWS, merge_kept_rows
from render.placements import Placement
from render.styles import BODY_LEADING, PAGE

UNIT = "我局持续推进政务公开标准化规范化建设，全年主动公开政府信息1234条（其中“规范性文件”56件）。"
TOP = PAGE.height - PAGE.top  # top of the text block
BOTTOM = PAGE.bottom  # foot of the text block
#: empty space a moved table may leave at a page foot: less than its header, five rows and the
#: room its tall label needs (at most 209 pt for 三), so under a third of the text block
MAX_GAP_BEFORE_TABLE = PAGE.frame_height / 3


def layout(draft: Draft) -> tuple[bytes, list[Placement]]:
    buffer = io.BytesIO()
    _result, placements = render_with_layout(draft, buffer, fonts="bundled", reproducible=True)
    return buffer.getvalue(), list(placements)


def grown(draft: Draft, text_id: str, extra: int) -> Draft:
    out = draft.copy()
    out.texts[text_id] = draft.texts.get(text_id, "") + (UNIT * 60)[:extra]
    return out


def lines(p: Placement) -> float:
    return round((p.top - p.bottom) / BODY_LEADING, 3)


# --- the signature ---------------------------------------------------------------------------------


def check_signature(placements: list[Placement]) -> bool:
    """Assert the signature rule; True when the last paragraph was carried over to reach it."""
    signature = [p for p in placements if p.kind == "signature"]
    assert len(signature) == 2, "agency and date lines"
    page = signature[0].page
    assert signature[1].page == page, "agency and date stand on one page"
    before = [p for p in placements if p.kind in ("body", "heading") and p.page == page and p.bottom >= signature[0].top - 1e-6]
    assert before, f"page {page} holds the signature and no text above it"
    text = before[-1]
    assert text.top <= TOP + 1e-6
    carried = text.top > TOP - 1e-6 and len(before) == 1 and placements[placements.index(text) - 1].page == page - 1
    if carried and text.kind == "body":
        assert lines(text) >= CARRY_LINES, f"only {lines(text)} line(s) carried over with the signature"
        left = placements[placements.index(text) - 1]
        assert left.kind == "body" and lines(left) >= 2, "the paragraph leaves at least two lines behind"
    return carried


@pytest.mark.parametrize("example", ["seed", "sample"])
def test_signature_never_alone_on_a_page(example, seed_draft, sample_draft):
    """Growing the last section character by character moves the signature across the page end:
    on every step it stands under body text, and where it needed to, the last lines came along."""
    draft = seed_draft if example == "seed" else sample_draft
    carried = 0
    pages = set()
    for extra in range(0, 1200, 60):
        pdf, placements = layout(grown(draft, "s6", extra))
        carried += check_signature(placements)
        pages.add(placements[-1].page)
        # the PDF agrees: on the last page, lines of the last section stand above the agency
        last_page = pypdf.PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()
        text_lines = [flat(li) for li in last_page.splitlines() if flat(li)]
        above = text_lines[: next(i for i, li in enumerate(text_lines) if li == flat(draft.signature.agency))]
        assert above and all(li in flat(grown(draft, "s6", extra).texts["s6"]) for li in above[-1:])
    assert len(pages) >= 2, "the sweep pushed the signature onto a new page"
    assert carried >= 1, "the sweep hit the case where the signature would have stood alone"


def test_signature_carries_the_last_lines_when_the_page_is_full(seed_draft):
    """The seed with 300 more characters in 六: the old layout put the signature alone on page 8."""
    _pdf, placements = layout(grown(seed_draft, "s6", 300))
    assert check_signature(placements)
    signature = next(p for p in placements if p.kind == "signature")
    carried = [p for p in placements if p.page == signature.page and p.kind == "body"]
    assert [lines(p) for p in carried] == [float(CARRY_LINES)]
    previous = [p for p in placements if p.page == signature.page - 1]
    assert previous[-1].kind == "body" and previous[-1].bottom - BOTTOM < 3 * BODY_LEADING, (
        "the page before is filled down to less than the signature's height"
    )


def test_signature_takes_a_short_last_paragraph_and_its_heading_along(seed_draft):
    """A one-line last section: heading, line and signature move together (no heading at a foot)."""
    for extra in range(0, 700, 56):
        draft = grown(seed_draft, "s5", extra)
        draft.texts["s6"] = "无。"
        _pdf, placements = layout(draft)
        check_signature(placements)
        signature = next(p for p in placements if p.kind == "signature")
        heading = [p for p in placements if p.kind == "heading"][-1]
        assert heading.page == signature.page


# --- table 三 --------------------------------------------------------------------------------------


def check_table_3(placements: list[Placement]) -> str:
    """Assert the table rules for 三; returns how it started: "whole", "split" or "moved"."""
    parts = [i for i, p in enumerate(placements) if p.kind == "table:3"]
    assert parts
    first = placements[parts[0]]
    for i in parts:
        part = placements[i]
        at_top = abs(part.top - TOP) < 1e-6
        if not at_top:
            assert i == parts[0], "only the first part starts below a page top"
        if at_top and i > 0 and placements[i - 1].page == part.page - 1:
            gap = placements[i - 1].bottom - BOTTOM
            assert gap < MAX_GAP_BEFORE_TABLE, f"{gap:.0f} pt left empty on page {part.page - 1} before table 三"
        if i != parts[-1]:  # a part that goes on on the next page
            assert part.bottom - BOTTOM < MAX_GAP_BEFORE_TABLE
    if len(parts) == 1:
        return "whole"
    if abs(first.top - TOP) < 1e-6:
        return "moved"
    assert first.rows >= MIN_TABLE_ROWS, f"table 三 starts a page foot with only {first.rows} rows"
    return "split"


@pytest.mark.parametrize("example", ["seed", "sample"])
def test_table_3_starts_with_five_rows_or_on_the_next_page(example, seed_draft, sample_draft):
    draft = seed_draft if example == "seed" else sample_draft
    seen = set()
    for extra in range(0, 700, 35):
        _pdf, placements = layout(grown(draft, "s3.intro", extra))
        seen.add(check_table_3(placements))
    assert {"split", "moved"} <= seen, f"the sweep covered both a split start and a move: {seen}"


def test_table_3_no_longer_starts_with_header_and_two_rows(sample_draft):
    """The 2021 sample: 三 used to start at the foot of page 3 with its header and two rows."""
    _pdf, placements = layout(sample_draft)
    first = next(p for p in placements if p.kind == "table:3")
    assert first.page == 3 and first.rows >= MIN_TABLE_ROWS
    assert first.bottom - BOTTOM < BODY_LEADING, "and fills the page"
    assert check_table_3(placements) == "split"


def test_long_label_keeps_its_rows_at_the_bottom():
    """Overlapping keep ranges are merged: ReportLab forgot a range whose first row lies in a
    later one, so the rows a long label keeps at its end could be split off."""
    kept = [("NOSPLIT", (0, 5), (-1, 9)), ("NOSPLIT", (0, 20), (-1, 24)), ("NOSPLIT", (0, 7), (-1, 14)),
            ("NOSPLIT", (0, 15), (-1, 17)), ("NOSPLIT", (0, 18), (-1, 22))]
    merged = merge_kept_rows(kept)
    assert [(c[1][1], c[2][1]) for c in merged] == [(5, 14), (15, 17), (18, 24)]

    def first_part_rows(commands: list[tuple]) -> int:
        table = Table([[str(r)] for r in range(26)], rowHeights=[10] * 26, repeatRows=0,
                      style=[("GRID", (0, 0), (-1, -1), 0.5, colors.black), *commands])
        return table.split(100, 235)[0]._nrows  # 23 rows would fit

    assert first_part_rows(kept) == 23, "ReportLab alone cuts into the 20-24 range"
    assert first_part_rows(merged) == 18
