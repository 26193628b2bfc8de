"""Chinese line breaking: closing marks hang, opening marks move down, numbers stay whole."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from render.linebreak import NO_LINE_END, NO_LINE_START, dumb_split


def lines(text: str, width_chars: int) -> list[str]:
    return [line for _extra, line in dumb_split(text, [10.0] * len(text), width_chars * 10.0)]


def test_render_linebreak_narrow_cells_do_not_hang_marks():
    """In a table cell a hanging mark would cross the rule: its neighbour moves down instead."""
    text = "一二三四五，六七"
    assert lines(text, 5) == ["一二三四", "五，六七"]
    wide = "一" * 24 + "，六七"
    assert lines(wide, 24) == ["一" * 24 + "，", "六七"]


@pytest.mark.parametrize(
    "text, width, expected",
    [
        ("一二三四五六七八九十", 5, ["一二三四五", "六七八九十"]),
        ("一二三四五，六七八", 5, ["一二三四", "五，六七八"]),  # the comma never starts a line
        ("一" * 24 + "五”，六七", 25, ["一" * 24, "五”，六七"]),  # two closing marks never hang
        ("一二三四“五六七八", 5, ["一二三四", "“五六七八"]),  # the opening quote moves down
        ("一二三《四五六七", 4, ["一二三", "《四五六", "七"]),
        ("一二三609442件", 7, ["一二三", "609442件"]),  # a number is not cut
        ("一二三四五六七八九十", 1, list("一二三四五六七八九十")),  # always progresses
    ],
)
def test_render_linebreak_rules(text, width, expected):
    assert lines(text, width) == expected


def test_render_linebreak_keeps_every_character():
    text = "２０２０年，我局“一网通办”《条例》（试行）WCAG2.0AA级标准，满意率达99.89%。" * 7
    for width in range(2, 30):
        assert "".join(lines(text, width)) == text


ALPHABET = "一二三四五六七八九十年月日局" + NO_LINE_START[:12] + NO_LINE_END[:6] + "0123456789AB"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, min_size=1, max_size=80), st.integers(min_value=3, max_value=30))
def test_render_linebreak_never_loses_text_and_respects_marks(text, width):
    widths = [10.0 if ord(ch) > 0x2000 else 5.0 for ch in text]
    out = [line for _extra, line in dumb_split(text, widths, width * 10.0)]
    assert "".join(out) == text
    for before, line in pairwise(out):
        # a closing mark starts a line only when the text leaves no other choice
        if line[0] in NO_LINE_START:
            assert all(ch in NO_LINE_START for ch in before[1:]) or len(before) <= 1
        assert before[-1] not in NO_LINE_END or len(before) <= 2


@pytest.mark.parametrize("prefix", ["王", "王镕"])  # one font, and mixed with the fallback font
def test_render_paragraph_lines_follow_the_rules(prefix):
    from reportlab.platypus import Paragraph

    from render.fontset import font_set
    from render.markup import markup
    from render.styles import PAGE, build_styles

    fonts = font_set("bundled")
    style = build_styles(fonts)["body"]
    filler = "一" * (26 - len(prefix))
    text = f"{prefix}{filler}，二三四五六七八九十一二三四五六七八九十一二三四五六“引号”结束。"
    para = Paragraph(markup(text, fonts, "body"), style)
    para.wrap(PAGE.frame_width, 1000)
    lines = para.blPara.lines
    plain = ["".join(w.text for w in line.words) if hasattr(line, "words") else "".join(line[1]) for line in lines]
    assert "".join(plain) == text
    assert plain[0].endswith("，"), "the comma hangs at the end of line 1"
    assert not any(line[:1] in "，。、”" for line in plain[1:])
    assert not any(line[-1:] in "“《（" for line in plain[:-1])
