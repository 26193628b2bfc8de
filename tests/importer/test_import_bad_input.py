"""Bad input gets a clear Chinese message (and an English one), never a traceback or half a draft."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from importer import ReportImportError, import_report, import_text


def _pdf_bytes(draw) -> bytes:  # type: ignore[no-untyped-def]
    pytest.importorskip("reportlab")
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    draw(page)
    page.showPage()
    page.save()
    return buffer.getvalue()


def _failure(path: Path) -> ReportImportError:
    with pytest.raises(ReportImportError) as info:
        import_report(path)
    assert info.value.zh and info.value.en
    return info.value


def test_image_only_pdf(tmp_path: Path) -> None:
    def scan(page) -> None:  # type: ignore[no-untyped-def]
        page.setFillGray(0.3)
        page.rect(50, 50, 400, 600, fill=1)  # a scanned page: ink, but no text layer

    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_bytes(scan))
    error = _failure(path)
    assert "没有可提取的文字" in error.zh and "扫描件" in error.zh


def test_encrypted_pdf(tmp_path: Path, seed_text: str) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.encrypt("secret", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    error = _failure(path)
    assert "已加密" in error.zh and "encrypted" in error.en


def test_damaged_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 200)
    error = _failure(path)
    assert "PDF" in error.zh


def test_fifty_megabyte_files(tmp_path: Path) -> None:
    for name, head in (("big.pdf", b"%PDF-1.7\n"), ("big.txt", "政府信息公开".encode())):
        path = tmp_path / name
        with path.open("wb") as handle:
            handle.write(head)
            handle.truncate(50 * 1024 * 1024)
        error = _failure(path)
        assert "文件过大" in error.zh and "50.0 MB" in error.zh


def test_not_a_report() -> None:
    letter = "关于召开2021年度安全生产工作会议的通知\n各科室：\n定于下周一召开会议，请准时参加。\n办公室\n2021年3月1日\n" * 3
    with pytest.raises(ReportImportError) as info:
        import_text(letter)
    assert "不像政府信息公开工作年度报告" in info.value.zh


def test_not_a_report_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("今天天气很好。\n" * 50, encoding="utf-8")
    assert "不像政府信息公开工作年度报告" in _failure(path).zh


def test_damaged_word_document(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    error = _failure(path)
    assert "已损坏" in error.zh and "另存为 .docx 或 PDF" in error.zh


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert "不是文本文件" in _failure(path).zh


def test_undecodable_text(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x41]) * 100)  # neither UTF-8 nor GB18030
    assert "编码" in _failure(path).zh


def test_empty_missing_and_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "空" in _failure(empty).zh
    assert "找不到文件" in _failure(tmp_path / "nope.pdf").zh
    assert "文件夹" in _failure(tmp_path).zh


def test_truncated_report_text_is_refused_not_half_imported(seed_text: str) -> None:
    """Only the first part of the report (title and preface): refused rather than imported with most of it missing."""
    head = seed_text[: seed_text.index("一、总体情况")]
    with pytest.raises(ReportImportError):
        import_text(head)


def test_stray_numbers_are_reported_by_line_and_capped(seed_text: str) -> None:
    """Numbers before the first row of a table are not placed; the report lists their lines, not 300 000 numbers."""
    noisy = seed_text.replace("申请人情况", "申请人情况\n" + "1 2 3 4 5\n" * 60000)
    result = import_text(noisy)
    unplaced = result.report.by_section("3", "unplaced")
    assert len(unplaced) == 31 and unplaced[0].source == "1 2 3 4 5"
    assert "另有 59970 行数字未导入" in unplaced[-1].zh
    assert result.draft.values[("t3", "new", "natural")] == 1
