"""The corpus (tests/importer/data/corpus, written by make_corpus.py): the same reports as a LibreOffice PDF,
Word file, web pages in UTF-8 and GBK, a web archive and copied text must all import to the expected draft:
every number in its cell, blanks blank, and every quirk (one-row （六）, 元, printed-blank totals) reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from import_helpers import DATA, assert_same_texts

from forms import cell_values, load_draft_file
from importer import import_report

CORPUS = DATA / "corpus"
CASES = ("r2021-blanks", "r2019-for-2022", "r2021-other-one-row")
KINDS = ("pdf", "docx", "utf8.html", "gbk.htm", "mhtml", "txt")
SOURCE_KIND = {"pdf": "pdf", "docx": "docx", "utf8.html": "html", "gbk.htm": "html", "mhtml": "mhtml", "txt": "text"}


def _expected(case: str):  # type: ignore[no-untyped-def]
    return load_draft_file(CORPUS / f"{case}.expected.json")


ALL = [(case, kind) for case in CASES for kind in KINDS] + [("r2021-edges", "pdf"), ("r2021-edges", "docx")]


@pytest.mark.parametrize(("case", "kind"), ALL)
def test_every_number_in_its_cell(case: str, kind: str) -> None:
    result = import_report(CORPUS / f"{case}.{kind}")
    want = _expected(case)
    got = result.draft
    assert result.report.source_kind == SOURCE_KIND[kind]
    assert (got.format_id, got.year, got.agency) == (want.format_id, want.year, want.agency)
    assert got.signature == want.signature
    assert got.values == want.values  # no wrong cell, and a blank cell is not 0
    assert {k: v for k, v in got.stated.items() if v is not None} == {k: v for k, v in want.stated.items() if v is not None}
    assert_same_texts(got, want)
    assert not result.report.of_kind("unplaced")


@pytest.mark.parametrize("kind", KINDS)
def test_blank_cells_stay_blank(kind: str) -> None:
    got = import_report(CORPUS / f"r2021-blanks.{kind}").draft
    for column in ("commercial", "research"):
        assert ("t3", "new", column) not in got.values
    assert ("t3", "partial", "natural") not in got.values and got.values[("t3", "partial", "commercial")] == 1
    assert all(("t3", "withheld_secret", c.id) not in got.values for c in got.definition.table("t3").columns)
    assert got.values[("t4", "cases", "review_pending")] == 1 and ("t4", "cases", "review_other") not in got.values


@pytest.mark.parametrize("kind", ("pdf", "docx", "utf8.html", "txt"))
def test_rows_with_blanks_are_found_by_position_not_guessed(kind: str) -> None:
    report = import_report(CORPUS / f"r2021-blanks.{kind}").report
    assert not report.guesses
    new = next(i for i in report.by_section("3", "found") if i.row == "new")
    assert "自然人=30、社会公益组织=1、法律服务机构=2、其他=1、总计=34" in new.zh and "按各数字所在的列" in new.zh


def test_same_pdf_without_positions_is_only_guessed() -> None:
    """Control: the LibreOffice PDF flattened to plain text loses the columns; rows with blanks are then guesses, never 'found'."""
    from importer import import_text
    from importer.read_pdf import read_pdf

    document = read_pdf((CORPUS / "r2021-blanks.pdf").read_bytes())
    text = "\n".join(line.text for line in document.lines())
    report = import_text(text).report
    guessed_rows = {i.row for i in report.guesses if i.table == "t3"}
    assert {"new", "partial", "carried_in"} <= guessed_rows
    assert not any(i.row == "new" and i.table == "t3" for i in report.of_kind("found"))


@pytest.mark.parametrize("kind", KINDS)
def test_amount_printed_in_yuan_is_converted_and_reported(kind: str) -> None:
    result = import_report(CORPUS / f"r2021-blanks.{kind}")
    assert str(result.draft.values[("t2_8", "fees", "amount")]) in ("25.1", "25.10", "25.1000")
    assert any("251000元" in i.zh and "换算为万元" in i.zh for i in result.report.by_section("2", "note"))


@pytest.mark.parametrize("kind", KINDS)
def test_total_printed_blank_is_reported(kind: str) -> None:
    result = import_report(CORPUS / f"r2021-blanks.{kind}")
    notes = [i for i in result.report.by_section("3", "note") if i.row == "carried_in"]
    assert notes and "印为空白" in notes[0].zh and "3" in notes[0].zh
    table = result.draft.definition.table("t3")
    assert cell_values(result.draft, table)[("carried_in", "total")] == 3  # the derived total is unaffected


def test_printed_blank_total_is_kept_as_none_in_stated() -> None:
    """The draft keeps 'printed blank' (None in stated) apart from 'not printed' (absent), once the loader accepts it."""
    from forms import draft_from_dict, draft_to_dict

    probe = _expected("r2021-blanks")
    probe.stated[("t3", "carried_in", "total")] = None
    if ("t3", "carried_in", "total") not in draft_from_dict(draft_to_dict(probe)).stated:
        pytest.skip("the draft file does not keep printed-blank totals yet (forms/draft_json)")
    got = import_report(CORPUS / "r2021-blanks.docx").draft
    assert ("t3", "carried_in", "total") in got.stated and got.stated[("t3", "carried_in", "total")] is None


@pytest.mark.parametrize("kind", KINDS)
def test_one_row_other_goes_to_other_misc_and_asks_for_a_split(kind: str) -> None:
    result = import_report(CORPUS / f"r2021-other-one-row.{kind}")
    values = result.draft.values
    assert values[("t3", "other_misc", "natural")] == 2 and values[("t3", "other_misc", "commercial")] == 1
    assert not any(k[1] in ("other_no_correction", "other_no_fee") for k in values)
    split = [i for i in result.report.guesses if i.row == "other_misc"]
    assert split and "拆分" in split[0].zh and "split" in split[0].en


@pytest.mark.parametrize("kind", KINDS)
def test_2019_layout_for_2022_with_year_first_title_and_undated_signature(kind: str) -> None:
    result = import_report(CORPUS / f"r2019-for-2022.{kind}")
    draft = result.draft
    assert (draft.year, draft.format_id, draft.agency) == (2022, "2019", "深圳市龙岗区政务服务数据管理局")
    assert draft.signature.agency == "深圳市龙岗区政务服务数据管理局" and draft.signature.date is None
    assert not draft.texts["s6"].endswith("管理局")  # the signing agency is not lost into section 六
    assert any("未印日期" in i.zh for i in result.report.by_section("cover", "found"))
    assert any("2019 format" in i.en for i in result.report.by_section("cover", "note"))


@pytest.mark.parametrize("kind", ("utf8.html", "gbk.htm", "mhtml", "txt"))
def test_portal_lines_are_dropped(kind: str) -> None:
    result = import_report(CORPUS / f"r2021-blanks.{kind}")
    assert "浏览次数" not in result.draft.texts.get("preface", "") and "发布日期" not in json.dumps(result.draft.texts, ensure_ascii=False)
    assert any("网页栏目信息" in i.zh for i in result.report.by_section("cover", "note"))


def test_gbk_page_is_decoded_and_said_so() -> None:
    result = import_report(CORPUS / "r2021-blanks.gbk.htm")
    assert result.report.encoding == "gb18030"
    assert any("GB18030" in i.zh for i in result.report.by_section("cover", "note"))


def test_ruled_pdf_with_edge_aligned_cells() -> None:
    """Left-aligned headers, right-aligned numbers: the drawn cell borders decide, every number found in place."""
    result = import_report(CORPUS / "r2021-edges.pdf")
    assert result.draft.values == _expected("r2021-edges").values
    assert not result.report.guesses


def test_corpus_files_are_what_the_script_writes() -> None:
    """Each case has every kind and its expected draft; the PDFs were made by LibreOffice, not by our renderer."""
    from pypdf import PdfReader

    for case in CASES:
        for kind in KINDS:
            assert (CORPUS / f"{case}.{kind}").stat().st_size > 1000
        producer = str(PdfReader(CORPUS / f"{case}.pdf").metadata.get("/Producer", ""))
        assert "LibreOffice" in producer
    assert b"charset=gb2312" in (CORPUS / "r2021-blanks.gbk.htm").read_bytes()[:400]
    assert Path(CORPUS / "r2021-blanks.utf8.html").read_text(encoding="utf-8").count("rowspan=") > 5


def test_header_in_yuan_converts_the_column(tmp_path: Path) -> None:
    page = (CORPUS / "r2021-blanks.utf8.html").read_text(encoding="utf-8")
    assert "本年收费金额（单位：万元）" in page and "251000元" in page
    page = page.replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace("251000元", "251000")
    path = tmp_path / "yuan.html"
    path.write_text(page, encoding="utf-8")
    result = import_report(path)
    assert str(result.draft.values[("t2_8", "fees", "amount")]) in ("25.1", "25.10", "25.1000")
    assert any("表头单位为元" in i.zh for i in result.report.by_section("2", "note"))
    assert result.draft.values == _expected("r2021-blanks").values


def test_web_archive_in_base64_and_gb2312(tmp_path: Path) -> None:
    """IE and older browsers save .mht with the page base64-encoded in its own charset."""
    import base64

    page = (CORPUS / "r2021-blanks.gbk.htm").read_bytes()
    body = base64.encodebytes(page).decode("ascii").replace("\n", "\r\n")
    archive = (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"----=_NextPart_000\"\r\n\r\n"
        "------=_NextPart_000\r\nContent-Type: text/html;\r\n\tcharset=\"gb2312\"\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Location: http://www.example.gov.cn/art/2022/1/20/art_1.html\r\n\r\n" + body + "\r\n------=_NextPart_000--\r\n"
    )
    path = tmp_path / "report.mht"
    path.write_text(archive, encoding="ascii")
    result = import_report(path)
    assert result.report.source_kind == "mhtml" and result.report.encoding == "gb18030"
    assert result.draft.values == _expected("r2021-blanks").values


def test_pdf_text_with_split_header_words_is_still_the_2019_format() -> None:
    """'本年新' / '制作数量' on two lines (as text, without positions): the format is still told by its wording."""
    from importer import import_text
    from importer.read_pdf import read_pdf

    document = read_pdf((CORPUS / "r2019-for-2022.pdf").read_bytes())
    text = "\n".join(line.text for line in document.lines())
    assert "本年新 本年新" in text  # the header words of neighbouring columns share a printed line
    result = import_text(text)
    assert (result.draft.format_id, result.draft.year) == ("2019", 2022)
    want = _expected("r2019-for-2022")
    assert {k: v for k, v in result.draft.values.items() if k[0].startswith("t2")} == {k: v for k, v in want.values.items() if k[0].startswith("t2")}


@pytest.mark.parametrize("case", ["r2021-edges", "r2021-blanks", "r2019-for-2022"])
def test_pdf_without_rulings_never_places_a_number_wrongly(case: str) -> None:
    """The same PDFs with their table borders ignored: columns then come from the header text alone.

    In r2021-edges the headers are left-aligned and the numbers right-aligned, so a number sits past the
    midpoint between two header labels; such rows must become guesses, never a wrong 'found'.
    """
    import dataclasses

    from importer.assemble import import_document
    from importer.document import Piece
    from importer.read_pdf import read_pdf
    from importer.report import ImportReport

    document = read_pdf((CORPUS / f"{case}.pdf").read_bytes())
    document.blocks = [dataclasses.replace(b, pieces=tuple(Piece(p.text, p.x0, p.x1) for p in b.pieces)) for b in document.blocks]  # type: ignore[type-var]
    result = import_document(document, ImportReport(source_kind="pdf"))
    want = _expected(case)
    found = [i for i in result.report.of_kind("found") if i.table and i.row]
    assert found
    for item in found:
        table = want.definition.table(item.table)  # type: ignore[arg-type]
        for column in table.columns:
            key = (item.table, item.row, column.id)
            assert result.draft.values.get(key) == want.values.get(key), key  # type: ignore[comparison-overlap]
    if case != "r2021-edges":
        assert result.draft.values == want.values  # centered cells: header text alone is enough


def test_title_only_in_the_window_title(tmp_path: Path) -> None:
    page = (CORPUS / "r2019-for-2022.utf8.html").read_text(encoding="utf-8")
    start, end = page.index('<div class="title">'), page.index('<div class="info">')
    page = page[:start] + page[end:]
    page = page.replace("<title>", "<title>门户网站_").replace("_政府信息公开</title>", "_深圳市龙岗区人民政府</title>")
    path = tmp_path / "no-heading-title.html"
    path.write_text(page, encoding="utf-8")
    draft = import_report(path).draft
    assert (draft.year, draft.agency) == (2022, "深圳市龙岗区政务服务数据管理局")
    assert draft.values == _expected("r2019-for-2022").values


def test_copied_rows_without_trailing_empty_cells_keep_their_columns() -> None:
    """Some browsers drop a row's trailing empty cells when copying: cells are counted from the label, so nothing shifts."""
    from importer import import_text

    text = (CORPUS / "r2021-blanks.txt").read_text(encoding="utf-8")
    stripped = "\n".join(line.rstrip("\t") for line in text.split("\n"))
    assert stripped != text
    result = import_text("\f".join(stripped.split("\n", 1)))  # and a form feed, as page breaks in copied text
    assert result.draft.values == _expected("r2021-blanks").values


def test_total_row_printed_blank(tmp_path: Path) -> None:
    """（七）总计 printed with empty cells while the rows above are filled: each column reported, nothing invented."""
    import re

    page = (CORPUS / "r2021-blanks.utf8.html").read_text(encoding="utf-8")
    rows = page.split("<tr>")
    index = next(i for i, row in enumerate(rows) if "（七）总计" in row)
    rows[index] = re.sub(r"<span>\d+</span>", "<span>&nbsp;</span>", rows[index])
    path = tmp_path / "blank-total.html"
    path.write_text("<tr>".join(rows), encoding="utf-8")
    result = import_report(path)
    assert result.draft.values == _expected("r2021-blanks").values
    assert not any(k[1] == "results_total" and v is not None for k, v in result.draft.stated.items())
    notes = [i for i in result.report.by_section("3", "note") if i.row == "results_total"]
    assert {i.columns[0] for i in notes} == {"natural", "commercial", "research", "nonprofit", "legal", "other", "total"}


def test_gbk_page_without_a_charset_declaration_is_detected(tmp_path: Path) -> None:
    data = (CORPUS / "r2021-blanks.gbk.htm").read_bytes().replace(b"; charset=gb2312", b"")
    assert b"charset" not in data[:1000]
    path = tmp_path / "nometa.htm"
    path.write_bytes(data)
    result = import_report(path)
    assert result.report.encoding in ("gb18030", "gbk", "gb2312")
    assert result.draft.values == _expected("r2021-blanks").values


def test_header_in_yuan_converts_copied_text_too() -> None:
    from importer import import_text
    from importer.read_pdf import read_pdf

    document = read_pdf((CORPUS / "r2021-blanks.pdf").read_bytes())
    text = "\n".join(line.text for line in document.lines())
    assert "本年收费金额（单位：万元）" in text and "251000元" in text
    text = text.replace("本年收费金额（单位：万元）", "本年收费金额（单位：元）").replace("251000元", "251000")
    result = import_text(text)
    assert str(result.draft.values[("t2_8", "fees", "amount")]) in ("25.1", "25.10", "25.1000")
    assert any("表头单位为元" in i.zh for i in result.report.by_section("2", "note"))
