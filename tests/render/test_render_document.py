"""Document features and page layout: metadata, outline, watermark, reproducibility, geometry."""

from __future__ import annotations

import io

import pypdf
import pytest
from render_helpers import flat, page_texts, render_bytes

from render import RenderResult, render_report
from render.styles import BODY_SIZE, PAGE


def test_render_metadata_names_agency_and_report(seed_draft, seed_pdf):
    meta = pypdf.PdfReader(io.BytesIO(seed_pdf[0])).metadata
    assert meta.title == "深圳市龙岗区政务服务数据管理局2020年政府信息公开工作年度报告"
    assert meta.author == seed_draft.agency
    assert "政府信息公开工作年度报告" in meta.subject
    assert meta.creation_date is not None


def test_render_outline_has_one_entry_per_section_on_its_page(seed_draft, seed_pdf):
    pdf, result = seed_pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    top = [entry for entry in reader.outline if not isinstance(entry, list)]
    assert [entry.title for entry in top] == [s.heading for s in seed_draft.definition.sections]
    pages = [reader.get_destination_page_number(entry) + 1 for entry in top]
    assert pages == [result.section_pages[s.id] for s in seed_draft.definition.sections]


def test_render_subsections_of_section_1_are_nested_bookmarks_on_their_pages(seed_draft, seed_pdf):
    pdf, result = seed_pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    nested = reader.outline[1]
    assert isinstance(nested, list)  # children of 一、总体情况
    assert [entry.title for entry in nested][2] == "（三）政府信息规范化、标准化管理情况"
    subsections = [t.id for t in seed_draft.definition.texts if t.kind == "subsection"]
    assert list(result.text_pages) == subsections
    assert [reader.get_destination_page_number(e) + 1 for e in nested] == [result.text_pages[t] for t in subsections]
    assert result.text_pages["s1.active"] == 1 and result.text_pages["s1.oversight"] > result.text_pages["s1.request"]


def test_render_reproducible_output_is_byte_identical(seed_draft):
    first, _ = render_bytes(seed_draft, reproducible=True)
    second, _ = render_bytes(seed_draft, reproducible=True)
    assert first == second


def test_render_normal_output_carries_the_current_date(seed_draft):
    import datetime as dt

    pdf, _ = render_bytes(seed_draft, reproducible=False)
    created = pypdf.PdfReader(io.BytesIO(pdf)).metadata.creation_date
    assert created.year == dt.date.today().year


def test_render_watermark_on_every_page(seed_draft):
    pdf, result = render_bytes(seed_draft, watermark="待审核")
    texts = page_texts(pdf)
    assert len(texts) == result.page_count
    assert all("待审核" in flat(t) for t in texts)
    plain, _ = render_bytes(seed_draft)
    assert "待审核" not in flat("".join(page_texts(plain)))


def test_render_to_path_and_result_fields(seed_draft, tmp_path):
    out = tmp_path / "报告.pdf"
    result = render_report(seed_draft, out, fonts="bundled")
    assert isinstance(result, RenderResult)
    assert out.read_bytes().startswith(b"%PDF-")
    assert result.page_count == len(pypdf.PdfReader(out).pages)
    assert list(result.section_pages) == ["1", "2", "3", "4", "5", "6"]
    assert list(result.section_pages.values()) == sorted(result.section_pages.values())
    assert not list(tmp_path.glob("*.tmp")), "no temporary file is left behind"


def _runs(pdf: bytes, page_index: int) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of each text run on a page."""
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[page_index]
    out: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
        if text.strip():
            out.append((text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], font_size * tm[0]))

    page.extract_text(visitor_text=visit)
    return out


def test_render_page_geometry_follows_gb_t_9704(seed_pdf):
    pdf, _result = seed_pdf
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]  # A4
    for index in range(2):
        runs = _runs(pdf, index)
        numbers = [r for r in runs if "—" in r[0]]
        assert numbers, "page number missing"
        _text, x, y, size = numbers[0]
        assert size == pytest.approx(14)
        assert y < PAGE.bottom - 5 * 2.83  # below the text block, about 7 mm under it
        if index % 2 == 0:  # page 1, 3 ...: right side
            assert x > PAGE.width / 2
        else:
            assert x < PAGE.left + 2 * 14
        body = [r for r in runs if r[3] == pytest.approx(BODY_SIZE)]
        assert body, "16 pt body text"
        assert min(r[1] for r in body) >= PAGE.left - 0.5
        assert max(r[2] for r in body) <= PAGE.height - PAGE.top + 0.5


def test_render_lines_hold_28_characters(seed_pdf):
    """Body lines are 28 characters of 16 pt, as in the seed (GB/T 9704: 22 lines x 28 characters)."""
    text = page_texts(seed_pdf[0])[0]
    line = next(li for li in text.splitlines() if li.strip().startswith("开条例》"))
    assert len(line.strip()) in (28, 29)  # 29 when a closing mark hangs in the margin


def test_render_long_section_spans_pages(seed_draft):
    draft = seed_draft.copy()
    unit = "我局持续推进政务公开标准化规范化建设，全年主动公开政府信息1234条。"
    draft.texts["s5"] = (unit * 600)[:20_000]
    pdf, result = render_bytes(draft)
    assert result.page_count > 25
    assert draft.texts["s5"] in flat("".join(page_texts(pdf)))


def test_render_keeps_paragraphs_and_blank_lines(seed_draft):
    draft = seed_draft.copy()
    draft.texts["s6"] = "第一段。\n\n第二段。\n第三段。"
    pdf, _ = render_bytes(draft)
    lines = [li.strip() for t in page_texts(pdf) for li in t.splitlines()]
    i = lines.index("第一段。")
    assert lines[i + 1 : i + 3] == ["第二段。", "第三段。"]


def test_render_blank_new_draft(tmp_path):
    """A draft straight from ``nianbao new``: every heading and table, no number, no date line."""
    from forms import new_draft

    draft = new_draft("某县人民政府办公室", 2021)
    pdf, result = render_bytes(draft)
    text = flat("".join(page_texts(pdf)))
    for section in draft.definition.sections:
        assert section.heading in text
    assert "申请人情况" in text and "行政复议" in text
    assert "年月" not in text
    lines = [li.strip() for t in page_texts(pdf) for li in t.splitlines()]
    assert not [li for li in lines if li.isdigit()], "blank cells must not print numbers"
    assert result.page_count >= 2


def test_render_preload_in_a_thread_while_rendering(seed_draft):
    """The GUI preloads fonts in a background thread; a render started meanwhile must not break."""
    import threading

    from render import has_glyph, preload_fonts

    errors: list[Exception] = []

    def preload() -> None:
        try:
            preload_fonts("bundled")
        except Exception as exc:  # noqa: BLE001 - any failure in the thread fails the test below
            errors.append(exc)

    thread = threading.Thread(target=preload)
    thread.start()
    pdf, result = render_bytes(seed_draft)
    thread.join()
    assert not errors
    assert result.page_count == len(page_texts(pdf))
    assert has_glyph("堃", "bundled")


def test_render_long_last_section_finishes_with_signature(seed_draft):
    """Regression: keeping a many-page last paragraph with the signature never finished."""
    import threading

    draft = seed_draft.copy()
    draft.texts["s6"] = ("我局持续推进政务公开标准化规范化建设，全年主动公开政府信息1234条。" * 600)[:20_000]
    out: dict[str, object] = {}
    worker = threading.Thread(target=lambda: out.update(pdf=render_bytes(draft)[0]), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive(), "render did not finish within 60 s"
    last = flat(page_texts(out["pdf"])[-1])
    assert last.endswith("深圳市龙岗区政务服务数据管理局2021年1月14日")
    assert "政府信息" in last  # text of the section shares the page with the signature


def test_render_signature_shares_its_page_with_text(seed_pdf):
    last = flat(page_texts(seed_pdf[0])[-1])
    assert "本年度未收取申请人检索、复印、邮寄等任何费用" in last
    assert last.endswith("深圳市龙岗区政务服务数据管理局2021年1月14日")


def test_render_layout_failure_is_a_render_error(seed_draft, monkeypatch):
    """Anything that cannot be laid out surfaces as RenderError with a Chinese message."""
    from reportlab.platypus import Table

    from render import RenderError, document

    monkeypatch.setattr(document, "build_story", lambda *a: [Table([["x"]], rowHeights=[2000])])
    with pytest.raises(RenderError) as info:
        render_report(seed_draft, io.BytesIO(), fonts="bundled")
    assert "排版失败" in info.value.zh and "LayoutError" not in info.value.zh
    assert "LayoutError" in info.value.detail  # the technical detail is kept for the log
