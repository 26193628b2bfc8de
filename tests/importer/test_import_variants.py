"""Hand-made variants of the seed text import to the same numbers (and, where the wording is kept, the same texts)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from import_helpers import assert_same_numbers, assert_same_texts

from forms import Draft, cell_values
from importer import import_report, import_text

CJK = re.compile(r"[\u4e00-\u9fff]")


def rewrapped(text: str, width: int) -> str:
    """Break every long prose line once more between two CJK characters, as a narrower page would."""
    out = []
    for line in text.split("\n"):
        body = line.strip()
        if len(body) <= width or re.match(r"^(?:[（(]|[一二三四五六]、)", body):
            out.append(line)
            continue
        cut = next((i for i in range(width, len(body) - 1) if CJK.match(body[i - 1]) and CJK.match(body[i])), None)
        if cut is None or re.match(r"^\d", body[cut:]):
            out.append(line)
            continue
        out += [body[:cut], body[cut:]]
    return "\n".join(out)


def single_spaced(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def with_debris(text: str, title: str) -> str:
    """Page furniture a PDF adds at page breaks: page numbers, a running title, a stray leading space."""
    lines = text.split("\n")
    out = []
    for index, line in enumerate(lines):
        if index and index % 60 == 0:
            out += ["", f"— {index // 60} —", title, ""]
            line = " " + line
        out.append(line)
    return "\n".join(out)


def full_width_digits(text: str) -> str:
    return text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


@pytest.mark.parametrize("width", [16, 20, 27])
def test_different_line_breaks(seed_text: str, longgang: Draft, width: int) -> None:
    draft = import_text(rewrapped(seed_text, width)).draft
    assert_same_numbers(draft, longgang)
    assert_same_texts(draft, longgang)


def test_without_blank_lines_and_with_crlf(seed_text: str, longgang: Draft) -> None:
    for variant in (single_spaced(seed_text), seed_text.replace("\n", "\r\n"), single_spaced(seed_text).replace("\n", "\r\n")):
        draft = import_text(variant).draft
        assert_same_numbers(draft, longgang)
        assert_same_texts(draft, longgang)


def test_page_break_debris(seed_text: str, longgang: Draft) -> None:
    result = import_text(with_debris(seed_text, "深圳市龙岗区政务服务数据管理局2020年政府信息公开工作年度报告"))
    assert_same_numbers(result.draft, longgang)
    assert_same_texts(result.draft, longgang)
    assert any("— 3 —" in (i.source or "") for i in result.report.of_kind("note"))


def test_full_width_digits(seed_text: str, longgang: Draft) -> None:
    draft = import_text(full_width_digits(seed_text)).draft
    assert_same_numbers(draft, longgang)
    assert draft.year == 2020 and draft.signature.date == longgang.signature.date


def test_gb18030_file(tmp_path: Path, seed_text: str, longgang: Draft) -> None:
    path = tmp_path / "report-gbk.txt"
    path.write_bytes(seed_text.encode("gb18030"))
    result = import_report(path)
    assert_same_numbers(result.draft, longgang)
    assert_same_texts(result.draft, longgang)
    assert result.report.encoding == "gb18030"
    assert any("GB18030" in i.zh for i in result.report.of_kind("note"))


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_files(tmp_path: Path, seed_text: str, longgang: Draft, encoding: str) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(seed_text.encode(encoding))
    assert_same_numbers(import_report(path).draft, longgang)


def test_explicit_zero_cells_are_read_without_guessing(seed_text: str, longgang: Draft) -> None:
    """The same section 三 with every empty cell printed as 0: same non-zero numbers, no guesses left."""
    full = (
        seed_text.replace("申请数量 1 1", "申请数量 1 0 0 0 0 0 1")
        .replace("申请数量 0 0", "申请数量 0 0 0 0 0 0 0")
        .replace("不掌握相关 1", "不掌握相关 1 0 0 0 0 0 1")
        .replace("（七）总计 1", "（七）总计 1 0 0 0 0 0 1")
        .replace("继续办理 1", "继续办理 1 0 0 0 0 0 1")
    )
    result = import_text(full)
    draft = result.draft
    assert not [i for i in result.report.guesses if i.table == "t3"]
    for key, value in longgang.values.items():
        assert draft.values[key] == value, key
    assert draft.values[("t3", "new", "commercial")] == 0
    assert draft.stated[("t3", "carry_over", "total")] == 1


def test_missing_zero_cells_stay_blank_and_nothing_moves(seed_text: str, longgang: Draft) -> None:
    """Zero cells left out of the section 二 and 四 rows: the remaining numbers keep their cells, the rest is blank and reported."""
    sparse = seed_text.replace("规章 0 0 0", "规章").replace("行政许可 0 0 0", "行政许可 0").replace("0 0 0 0 0 0 0 0 0 0 0 0 0 0 0", "")
    result = import_text(sparse)
    draft = result.draft
    for key, value in draft.values.items():
        assert longgang.values.get(key) == value, key
    assert ("t2_1", "rules", "new_made") not in draft.values
    assert draft.values[("t2_5", "licensing", "prev_count")] == 0
    assert not any(key[0] == "t4" for key in draft.values)
    assert draft.values[("t2_9", "procurement", "amount")] == longgang.values[("t2_9", "procurement", "amount")]
    assert {i.row for i in result.report.guesses if i.table == "t2_5"} == {"licensing"}
    assert any(i.table == "t2_1" and "规章" in i.zh for i in result.report.of_kind("missing"))


@pytest.mark.parametrize("example", ["longgang", "sample2021"])
def test_web_page_copy_one_line_per_paragraph(example: str, request: pytest.FixtureRequest) -> None:
    """Text copied from a web page: a paragraph per line, blank lines between them, table rows on one line each."""
    want: Draft = request.getfixturevalue(example)
    result = import_text(_as_web_page(want))
    assert_same_texts(result.draft, want)
    assert_same_numbers(result.draft, want, derived_totals_ok=not want.stated)


def _as_web_page(d: Draft) -> str:
    """A plain web-page rendering of a draft: paragraph per line; table rows as their labels + printed numbers."""
    definition = d.definition
    parts = [d.agency, f"{d.year}年政府信息公开工作年度报告", d.texts.get("preface", "")]
    for section in definition.sections:
        parts.append(section.heading)
        for text_id in section.texts:
            field = definition.text(text_id)
            if field.kind == "subsection":
                parts.append(f"{field.number}{d.heading(text_id)}")
            parts.append(d.texts.get(text_id, ""))
        for table_id in section.tables:
            table = definition.table(table_id)
            if table.label_columns == 1:
                parts += [table.title, "信息内容 " + " ".join(c.label for c in table.columns)]
            else:
                parts.append(" ".join(cell.text for row in table.header for cell in row))
            for row in table.rows:
                derived = cell_values(d, table)  # a draft that states no totals: print them as a web page would
                cells = [
                    (d.stated.get((table.id, row.id, c.id)) if d.stated else derived[(row.id, c.id)])
                    if table.is_computed(row.id, c.id)
                    else d.values.get((table.id, row.id, c.id))
                    for c in table.columns
                ]
                parts.append(" ".join([*row.labels, *(str(v) for v in cells if v is not None)]))
    parts += [d.signature.agency, f"{d.signature.date.year}年{d.signature.date.month}月{d.signature.date.day}日"]  # type: ignore[union-attr]
    return "\n\n".join(p.replace("\n", "\n\n") for p in parts if p)


def test_signature_agency_and_date_on_one_line(seed_text: str) -> None:
    body = seed_text.rstrip().rsplit("\n", 3)[0]
    result = import_text(body + "\n深圳市龙岗区政务服务数据管理局　2021 年 1 月 14 日\n")
    assert result.draft.signature.agency == "深圳市龙岗区政务服务数据管理局"
    assert result.draft.signature.date == dt.date(2021, 1, 14)
    assert not result.draft.texts["s6"].endswith("日")


def test_signature_without_date_keeps_the_agency(seed_text: str) -> None:
    body = seed_text.rstrip().rsplit("\n", 1)[0]  # the date line removed
    result = import_text(body)
    assert result.draft.signature.agency == "深圳市龙岗区政务服务数据管理局" and result.draft.signature.date is None
    assert "管理局" not in result.draft.texts["s6"][-10:]
