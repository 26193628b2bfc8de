"""Bad input in every output: markup and rare characters, a 20,000-character section and 9-digit
numbers come out literally; an unwritable path is a clear AppError; no output is half-written."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest
from output_helpers import MARKUP, RARE, docx_body, hostile_draft

from common.errors import AppError
from forms import new_draft
from importer.spreadsheet import fill_tables
from render.output_file import OutputWriteError
from render.sheet import write_sheet
from render.web import write_html
from render.word import write_docx

WRITERS = {"docx": write_docx, "html": write_html, "xlsx": write_sheet}


@pytest.fixture(scope="module")
def hostile():
    return hostile_draft()


def test_docx_keeps_every_character(hostile, tmp_path):
    path = tmp_path / "hostile.docx"
    write_docx(hostile, path)
    paragraphs, tables = docx_body(path)
    assert MARKUP in paragraphs and f"第一段{MARKUP}" in paragraphs
    assert hostile.texts["s1.active"] in paragraphs
    assert paragraphs[0] == f"{RARE}市<政务>&局"
    assert "（三）管理<情况>&" + RARE in paragraphs
    numbers = {cell for table in tables for row in table for cell in row if cell[:1].isdigit() or cell[:1] in "+-"}
    assert {"999999999", "-999999999", "9999999.9999万元"} <= numbers
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;" in xml and "<script>" not in xml


def test_xlsx_keeps_every_number_and_the_agency(hostile, tmp_path):
    path = tmp_path / "hostile.xlsx"
    write_sheet(hostile, path)
    wb = openpyxl.load_workbook(path)
    assert wb["二"]["A1"].value == f"{RARE}市<政务>&局2020年政府信息公开工作年度报告"
    result = fill_tables(new_draft("x", 2020, "2019"), path)
    assert result.refused == [] and result.draft.values == hostile.values


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_unwritable_path_is_a_clear_app_error(fmt, hostile, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for target, reason in ((tmp_path / "missing" / f"out.{fmt}", "文件夹不存在"),
                           (blocker / f"out.{fmt}", "不是文件夹"),
                           (tmp_path, "这是一个文件夹")):
        with pytest.raises(OutputWriteError) as info:
            WRITERS[fmt](hostile, target)
        assert isinstance(info.value, AppError)
        assert reason in info.value.zh and str(target) in info.value.zh and info.value.en and info.value.advice("zh")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_writes_are_atomic(fmt, hostile, seed_draft, tmp_path):
    target = tmp_path / f"report.{fmt}"
    target.write_bytes(b"old content")
    WRITERS[fmt](seed_draft, target)
    first = target.read_bytes()
    assert first != b"old content"
    WRITERS[fmt](hostile, target)
    assert target.read_bytes() != first
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary file left


def test_a_failed_write_leaves_the_old_file(seed_draft, tmp_path):
    """The draft cannot be laid out (its format is unknown): the old file stays as it was."""
    target = tmp_path / "report.docx"
    target.write_bytes(b"old content")
    broken = seed_draft.copy()
    broken.format_id = "1999"
    for writer in WRITERS.values():
        with pytest.raises(Exception):  # noqa: B017 - any failure; the point is the file below
            writer(broken, target)
        assert target.read_bytes() == b"old content"
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_file_objects_are_written_too(seed_draft):
    import io

    for fmt, writer in WRITERS.items():
        buffer = io.BytesIO()
        writer(seed_draft, buffer)
        assert buffer.getvalue()[:2] == (b"<!" if fmt == "html" else b"PK"), fmt
