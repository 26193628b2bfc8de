"""The web page read back with BeautifulSoup (every paragraph, and every number with the row and
column headers a screen reader announces), opened in headless Chromium and checked by axe-core."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from output_helpers import AXE, MARKUP, RARE, axe_check, chromium, hostile_draft, outline_texts, screenshot

from forms import cell_values
from render.outline import TableBlock, build_outline
from render.tables import cell_text
from render.web import plain_text, render_html, write_html


def _soup(draft) -> BeautifulSoup:
    return BeautifulSoup(render_html(draft), "html.parser")


def _texts(soup: BeautifulSoup) -> list[str]:
    out: list[str] = []
    for el in soup.main.find_all(["span", "h2", "h3", "p"]):
        if el.find_parent("table") is None and el.get_text():
            out.append(el.get_text())
    return out


@pytest.mark.parametrize("which", ["seed", "sample", "hostile"])
def test_every_paragraph_reads_back_literally(which, seed_draft, sample_draft):
    draft = {"seed": seed_draft, "sample": sample_draft, "hostile": None}[which] or hostile_draft()
    soup = _soup(draft)
    assert _texts(soup) == outline_texts(draft)
    assert soup.html["lang"] == "zh-CN"
    assert soup.title.get_text() == build_outline(draft).title


@pytest.mark.parametrize("which", ["seed", "sample", "hostile"])
def test_every_number_is_announced_with_its_row_and_column(which, seed_draft, sample_draft):
    draft = {"seed": seed_draft, "sample": sample_draft, "hostile": None}[which] or hostile_draft()
    soup = _soup(draft)
    tables = soup.find_all("table")
    parts = [(t, g) for b in build_outline(draft).blocks if isinstance(b, TableBlock) for t, g in b.parts]
    assert len(tables) == len(parts)
    checked = 0
    for element, (table, grid) in zip(tables, parts, strict=True):
        assert element.caption.get_text()
        ids = {th["id"]: th.get_text() for th in element.find_all("th")}
        assert all(th.get("scope") in ("col", "row") for th in element.find_all("th"))
        values = cell_values(draft, table)
        cells = element.tbody.find_all("td")
        assert len(cells) == len(table.rows) * len(table.columns)
        for k, td in enumerate(cells):
            row, column = table.rows[k // len(table.columns)], table.columns[k % len(table.columns)]
            heads = [ids[i] for i in td["headers"]]
            column_heads = [h.text for h in grid.regions if h.kind == "header" and h.left <= table.label_columns + k % len(table.columns) <= h.right]
            assert heads == column_heads + list(row.labels or ())
            assert column.label.split("·")[-1] in heads or column.label in heads
            assert td.get_text() == cell_text(column, values[(row.id, column.id)])
            checked += 1
    assert checked == sum(len(t.rows) * len(t.columns) for t, _g in parts)


def test_table_three_headers_and_blanks(seed_draft):
    soup = _soup(seed_draft)
    three = soup.find_all("table")[5]
    assert three.caption.get_text() == "收到和处理政府信息公开申请情况"
    note = three.thead.find("th")
    assert note.get_text().startswith("（本列数据的勾稽关系为") and note["colspan"] == "3" and note["rowspan"] == "3"
    first = three.tbody.find("tr").find_all("td")
    heads = [soup.find(id=i).get_text() for i in first[1]["headers"]]
    assert heads == ["申请人情况", "法人或其他组织", "商业企业", "一、本年新收政府信息公开申请数量"]
    assert first[0].get_text() == "1" and first[1].get_text() == ""  # a blank stays blank
    label = three.tbody.find("th", string="三、本年度办理结果")
    assert label["rowspan"] == "20"


def test_self_contained_no_script_and_print_css(seed_draft, tmp_path):
    path = tmp_path / "page.html"
    write_html(seed_draft, path)
    html = path.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find_all("script") == [] and soup.find_all("link") == [] and soup.find_all("img") == []
    assert not [el for el in soup.find_all(True) if el.has_attr("src") or el.has_attr("href")]
    assert "url(" not in html and "@import" not in html
    assert soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"].startswith("default-src 'none'")
    assert "@media print" in html and "@page { size: A4; margin: 37mm 26mm 35mm 28mm; }" in html
    assert [h.name for h in soup.find_all(re.compile(r"^h\d$"))][:3] == ["h1", "h2", "h3"]
    assert len(soup.find_all("main")) == 1


def test_markup_and_rare_characters_come_out_literally():
    draft = hostile_draft()
    soup = _soup(draft)
    assert soup.find_all("script") == [] and soup.find_all("img") == [] and soup.main.find_all("b") == []
    text = soup.main.get_text()
    assert MARKUP in text and text.count(RARE) >= 2
    assert draft.texts["s1.active"] in text  # 20,000 characters, intact
    assert "999999999" in text and "-999999999" in text and "9999999.9999万元" in text
    plain = plain_text(draft)
    assert MARKUP in plain and draft.texts["s1.active"] in plain


@pytest.mark.skipif(not chromium(), reason="Chromium is not installed")
def test_chromium_renders_the_page(seed_draft, tmp_path):
    from PIL import Image

    page = tmp_path / "page.html"
    write_html(seed_draft, page)
    png = screenshot(page, tmp_path / "page.png", tmp_path)
    image = Image.open(png).convert("L")
    assert image.size == (900, 2600)
    dark = sum(image.histogram()[:128])
    assert dark > 0.02 * image.size[0] * image.size[1]  # text and table rules, not a blank page


@pytest.mark.skipif(not chromium() or not AXE.exists(), reason="Chromium or axe-core (npm ci in tests/a11y) missing")
@pytest.mark.parametrize("which", ["seed", "sample", "hostile"])
def test_axe_finds_no_accessibility_violation(which, seed_draft, sample_draft, tmp_path):
    draft = {"seed": seed_draft, "sample": sample_draft, "hostile": None}[which] or hostile_draft()
    result = axe_check(render_html(draft), tmp_path)
    assert result["violations"] == []
    assert result["passes"] >= 15


@pytest.mark.skipif(not chromium() or not AXE.exists(), reason="Chromium or axe-core (npm ci in tests/a11y) missing")
def test_axe_would_catch_a_broken_table(seed_draft, tmp_path):
    """The check can fail: a value cell pointing at a header id that does not exist is reported."""
    html = render_html(seed_draft).replace('headers="t', 'headers="missing t', 1).replace('lang="zh-CN"', "", 1)
    ids = {v["id"] for v in axe_check(html, tmp_path)["violations"]}
    assert {"td-headers-attr", "html-has-lang"} <= ids
