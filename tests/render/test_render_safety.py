"""User text is printed literally: no markup, no file read, no crash on control characters."""

from __future__ import annotations

import io
import sys

import pypdf
from render_helpers import flat, page_texts, render_bytes

from render.fontset import font_set
from render.markup import markup

CASES = ['<font name="Helvetica" size="40">大字</font>', "<b>加粗</b>", "第一行<br/>第二行", "A&amp;B", '<img src="/etc/passwd"/>']

_opened: list[str] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and args and isinstance(args[0], str) and "passwd" in args[0]:
        _opened.append(args[0])


sys.addaudithook(_audit)  # audit hooks cannot be removed; this one only records


def test_render_markup_escapes_everything_a_clerk_types():
    fonts = font_set("bundled")
    for case in CASES:
        out = markup(case, fonts, "body")
        assert "<" not in out.replace('<font name="nb-', "").replace("</font>", "")


def test_render_tags_and_entities_print_literally(seed_draft):
    draft = seed_draft.copy()
    draft.texts["s5"] = "\n".join(CASES)
    draft.headings["s1.active"] = "<b>主动公开</b>"
    _opened.clear()
    pdf, _result = render_bytes(draft)
    text = flat("".join(page_texts(pdf)))
    for case in CASES:
        assert flat(case) in text, case
    assert "（一）<b>主动公开</b>" in text
    assert _opened == [], "a file was opened because of user text"
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        assert not xobjects, "no image may be embedded"
    fonts = {str(f.get_object()["/BaseFont"]) for p in reader.pages for f in p["/Resources"]["/Font"].values()}
    assert not any("Helvetica" in f for f in fonts)


def test_render_control_characters_and_odd_input_do_not_break_the_pdf(seed_draft):
    draft = seed_draft.copy()
    draft.texts["s6"] = "制表\t符\x00空\x07字符\r\n新行\u200b零宽\ufeffBOM"
    draft.agency = "某某局<script>"
    pdf, result = render_bytes(draft)
    text = flat("".join(page_texts(pdf)))
    assert "制表符空字符" in text and "新行" in text
    assert "某某局<script>" in text
    assert result.page_count >= 1
