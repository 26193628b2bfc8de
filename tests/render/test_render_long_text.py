"""Long texts: a paragraph running over many pages is broken into lines once, and its lines are
the same as if the page were endless (layout time grows linearly with the text)."""

from __future__ import annotations

import io

import pytest
from render_helpers import flat, page_texts

from render import font_set, linebreak, render_report
from render.markup import markup
from render.paragraph import BodyParagraph
from render.styles import PAGE, build_styles

UNIT = "我局持续推进政务公开标准化规范化建设，全年主动公开政府信息1234条（其中“规范性文件”56件）。"
MIXED = (UNIT * 10)[:480] + "朱镕基" + "the WCAG 2.0 AA standard, see https://www.gov.cn/zhengce/ now; "


def _line_texts(para: BodyParagraph) -> list[str]:
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return ["".join(words) for _extra, words in lines]
    return ["".join(w.text for w in line.words) for line in lines]


def _paged_lines(text: str, page_height: float) -> tuple[list[str], list[str]]:
    """Lines of ``text`` as one endless paragraph, and as split page by page like a frame does."""
    fonts = font_set("bundled")
    style = build_styles(fonts)["body"]
    whole = BodyParagraph(markup(text, fonts, "body"), style)
    whole.wrap(PAGE.frame_width, 10**9)
    paged: list[str] = []
    part = BodyParagraph(markup(text, fonts, "body"), style)
    while True:
        part.wrap(PAGE.frame_width, page_height)
        pieces = part.split(PAGE.frame_width, page_height)
        if len(pieces) < 2:
            paged += _line_texts(part)
            return _line_texts(whole), paged
        pieces[0].wrap(PAGE.frame_width, page_height)
        paged += _line_texts(pieces[0])
        part = pieces[1]


@pytest.mark.parametrize("text", [(UNIT * 200)[:9000], MIXED * 12], ids=["one-font", "mixed-fonts"])
def test_paragraph_split_over_pages_keeps_the_lines_of_the_whole(text):
    whole, paged = _paged_lines(text, PAGE.frame_height)
    assert len(whole) > 60
    assert paged == whole
    assert all("  " not in line for line in paged)


def test_each_character_is_line_broken_about_once(seed_draft, monkeypatch):
    """Before, the rest of a paragraph was broken again on every page: 60,000 characters made
    about 2 million characters of line-breaking work."""
    measured: list[int] = []
    original = linebreak.break_lines

    def counting(word, widths, max_widths):  # type: ignore[no-untyped-def]
        measured.append(len(word))
        return original(word, widths, max_widths)

    monkeypatch.setattr(linebreak, "break_lines", counting)
    draft = seed_draft.copy()
    draft.texts["s5"] = (UNIT * 1500)[:60_000]
    others = sum(len(t) for k, t in draft.texts.items() if k != "s5") + 2_000  # headings, title, tables
    buffer = io.BytesIO()
    result = render_report(draft, buffer, fonts="bundled")
    assert result.page_count > 90
    assert sum(measured) < 60_000 * 1.2 + others
    assert draft.texts["s5"] in flat("".join(page_texts(buffer.getvalue())))
