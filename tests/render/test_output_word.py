"""The .docx output read back with python-docx (every paragraph and number, the merges, the page
setup, fonts and page-number field) and converted by LibreOffice to a PDF whose text equals ours."""

from __future__ import annotations

import collections
import re

import pypdf
import pytest
from docx import Document
from docx.oxml.ns import qn
from output_helpers import convert_with_soffice, docx_body, grid_matrix, hostile_draft, outline_texts, soffice
from render_helpers import PAGE_NUMBER, flat, page_texts

from render.outline import TableBlock, build_outline
from render.word import write_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def seed_docx(seed_draft, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    write_docx(seed_draft, path)
    return path


@pytest.mark.parametrize("which", ["seed", "sample", "hostile"])
def test_every_paragraph_and_number_reads_back(which, seed_draft, sample_draft, tmp_path):
    draft = {"seed": seed_draft, "sample": sample_draft, "hostile": None}[which] or hostile_draft()
    path = tmp_path / "report.docx"
    write_docx(draft, path)
    paragraphs, tables = docx_body(path)
    assert paragraphs == outline_texts(draft)
    grids = [b.grid for b in build_outline(draft).blocks if isinstance(b, TableBlock)]
    assert tables == [grid_matrix(g) for g in grids]


def _regions(tbl) -> set[tuple[int, int, int, int]]:
    """(top, left, bottom, right) of every cell of a w:tbl, vertical merges joined."""
    open_cells: dict[int, list[int]] = {}
    found: list[list[int]] = []
    for r, tr in enumerate(tbl.iter(f"{W}tr")):
        c = 0
        for tc in tr.iter(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span = pr.find(f"{W}gridSpan")
            width = int(span.get(f"{W}val")) if span is not None else 1
            merge = pr.find(f"{W}vMerge")
            if merge is not None and merge.get(f"{W}val") != "restart":
                open_cells[c][2] = r
            else:
                cell = [r, c, r, c + width - 1]
                found.append(cell)
                open_cells[c] = cell
            c += width
    return {tuple(x) for x in found}  # type: ignore[misc]


def test_merged_headers_and_labels_exactly_as_the_official_grid(seed_docx, seed_draft):
    doc = Document(str(seed_docx))
    grids = [b.grid for b in build_outline(seed_draft).blocks if isinstance(b, TableBlock)]
    tables = list(doc.element.body.iter(qn("w:tbl")))
    assert len(tables) == len(grids) == 3
    for tbl, grid in zip(tables, grids, strict=True):
        assert _regions(tbl) == {(g.top, g.left, g.bottom, g.right) for g in grid.regions}
        header_rows = [tr for tr in tbl.iter(f"{W}tr") if tr.find(f"{W}trPr/{W}tblHeader") is not None]
        assert len(header_rows) == grid.header_rows
    three = tables[1]
    first = three.find(f"{W}tr/{W}tc")
    assert "".join(t.text for t in first.iter(f"{W}t")).startswith("（本列数据的勾稽关系为")
    assert first.find(f"{W}tcPr/{W}gridSpan").get(f"{W}val") == "3"


def test_page_setup_fonts_and_styles(seed_docx):
    doc = Document(str(seed_docx))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    styles = doc.styles

    def font(style_name: str) -> str:
        return styles[style_name].element.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia")

    assert font("Normal") == "仿宋_GB2312" and styles["Normal"].font.size.pt == 16
    assert styles["Normal"].element.find(f"{W}rPr/{W}w").get(f"{W}val") == "98"
    assert styles["Normal"].element.find(f"{W}pPr/{W}ind").get(f"{W}firstLineChars") == "200"
    assert font("Heading 1") == "黑体" and font("Heading 2") == "楷体_GB2312"
    title = styles["报告标题"]
    assert font("报告标题") == "方正小标宋简体" and title.font.size.pt == 22 and title.font.bold
    assert doc.paragraphs[0].style.name == "报告标题"
    assert [p.style.name for p in doc.paragraphs if p.text == "一、总体情况"] == ["Heading 1"]
    import zipfile

    fonts = zipfile.ZipFile(seed_docx).read("word/fontTable.xml").decode("utf-8")
    for name, alt in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体"), ("方正小标宋简体", "宋体"), ("黑体", "SimHei")):
        assert re.search(f'<w:font w:name="{name}"><w:altName w:val="{alt}"/>', fonts)
    assert doc.core_properties.title == "深圳市龙岗区政务服务数据管理局2020年政府信息公开工作年度报告"
    assert doc.core_properties.author == "深圳市龙岗区政务服务数据管理局"


def test_page_number_field_odd_right_even_left_and_signature(seed_docx):
    doc = Document(str(seed_docx))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0]._p
        assert "".join(t.text for t in p.iter(f"{W}t")) == "— 1 —"
        assert [i.text.strip() for i in p.iter(f"{W}instrText")] == ["PAGE"]
        assert p.find(f"{W}pPr/{W}jc").get(f"{W}val") == side
    agency, date = doc.paragraphs[-2], doc.paragraphs[-1]
    assert (agency.text, date.text) == ("深圳市龙岗区政务服务数据管理局", "2021年1月14日")
    assert agency.alignment == date.alignment == 2  # right
    assert abs(agency.paragraph_format.right_indent.pt - 32) < 0.5  # two characters from the margin
    # the date (shorter) starts two characters right of the agency's first character (GB/T 9704 7.3.5.2)
    em = 442.2 / 28
    agency_start = -agency.paragraph_format.right_indent.pt - 15 * em
    date_start = -date.paragraph_format.right_indent.pt - (3 * em + 7 * em / 2)  # 年月日 and seven half-width digits
    assert abs(date_start - agency_start - 2 * em) < 1


@pytest.mark.skipif(not soffice(), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_of_the_docx_has_our_pdfs_text_and_numbers(seed_docx, seed_draft, seed_pdf, tmp_path):
    converted = convert_with_soffice(seed_docx, "pdf", tmp_path)
    theirs_pages = [p.extract_text() for p in pypdf.PdfReader(converted).pages]
    ours_pages = page_texts(seed_pdf[0])
    theirs, ours = flat("".join(theirs_pages)), flat("".join(ours_pages))
    # Our PDF draws a long merged label (三、本年度办理结果) again on the page a table continues on;
    # Word and LibreOffice show a merged cell's text once. That repetition is the only difference.
    repeated: collections.Counter[str] = collections.Counter()
    for block in build_outline(seed_draft).blocks:
        if isinstance(block, TableBlock):
            for region in block.grid.regions:
                if region.kind == "label" and region.rows > 8:
                    extra = ours.count(flat(region.text)) - theirs.count(flat(region.text))
                    repeated += collections.Counter({ch: n * extra for ch, n in collections.Counter(flat(region.text)).items()})
    assert collections.Counter(ours) - collections.Counter(theirs) == repeated
    assert collections.Counter(theirs) - collections.Counter(ours) == collections.Counter()
    numbers = re.compile(r"\d+(?:\.\d+)?")
    assert numbers.findall(theirs) == numbers.findall(ours)
    assert abs(len(theirs_pages) - len(ours_pages)) <= 1
    for n, text in enumerate(theirs_pages, start=1):
        assert PAGE_NUMBER.search(text) and f"— {n} —" in re.sub(r"\s+", " ", text)
