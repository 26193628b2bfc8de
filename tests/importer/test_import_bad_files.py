"""Bad web pages, Word files and archives: a clear Chinese message and exit 2, never a traceback or a hang."""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from importer import ReportImportError, import_report

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).with_name("data") / "corpus"


def _refused(path: Path) -> ReportImportError:
    start = time.perf_counter()
    with pytest.raises(ReportImportError) as info:
        import_report(path)
    assert time.perf_counter() - start < 20, "refusing a bad file must not hang"
    assert info.value.zh and info.value.en
    return info.value


def _docx(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "photos.docx"
    path.write_bytes(_docx({"a.jpg": b"\xff\xd8" * 100, "b.txt": b"hello"}))
    assert "不是 Word 文档" in _refused(path).zh


def test_docx_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    body = b"<w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'><w:body>" + b" " * (200 * 1024 * 1024)
    path = tmp_path / "bomb.docx"
    path.write_bytes(_docx({"word/document.xml": body + b"</w:body></w:document>"}))
    assert path.stat().st_size < 1024 * 1024
    assert "解压后过大" in _refused(path).zh


def test_docx_with_tables_nested_1000_deep(tmp_path: Path) -> None:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    nested = "<w:tbl><w:tr><w:tc>" * 1000 + "<w:p><w:r><w:t>x</w:t></w:r></w:p>" + "</w:tc></w:tr></w:tbl>" * 1000
    xml = f"<w:document xmlns:w='{w}'><w:body>{nested}</w:body></w:document>".encode()
    path = tmp_path / "deep.docx"
    path.write_bytes(_docx({"word/document.xml": xml}))
    error = _refused(path)
    assert "嵌套过深" in error.zh or "不像政府信息公开工作年度报告" in error.zh


def test_html_with_tables_nested_1000_deep(tmp_path: Path) -> None:
    page = "<html><body>" + "<table><tr><td>" * 1000 + "一、总体情况" + "</td></tr></table>" * 1000 + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    error = _refused(path)
    assert "嵌套过深" in error.zh or "不像政府信息公开工作年度报告" in error.zh


def test_html_page_that_is_not_a_report(tmp_path: Path) -> None:
    page = "<html><head><meta charset='utf-8'><title>首页</title></head><body><div class='nav'>首页 政务公开</div>" + "<p>欢迎访问本网站。</p>" * 50 + "</body></html>"
    path = tmp_path / "index.html"
    path.write_text(page, encoding="utf-8")
    assert "不像政府信息公开工作年度报告" in _refused(path).zh


def test_fifty_megabyte_page(tmp_path: Path) -> None:
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body><p>" + "政府信息公开".encode() + b"</p>")
        handle.truncate(50 * 1024 * 1024)
    error = _refused(path)
    assert "文件过大" in error.zh and "50.0 MB" in error.zh and "网页" in error.zh


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_old_word_and_wps_files_are_refused_with_advice(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"2020年报{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    error = _refused(path)
    assert "另存为" in error.zh and ".docx" in error.zh and "PDF" in error.zh


def test_mhtml_without_a_page(tmp_path: Path) -> None:
    path = tmp_path / "empty.mht"
    path.write_text("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n")
    assert "没有网页内容" in _refused(path).zh


def test_damaged_docx_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(_docx({"word/document.xml": b"<w:document><w:body><unclosed>"}))
    assert "已损坏" in _refused(path).zh


BAD = {
    "notzip.docx": lambda: _docx({"x.txt": b"x"}),
    "deep.html": lambda: ("<table><tr><td>" * 1000).encode(),
    "old.doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_command_exits_2_with_a_message_and_no_traceback(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name]())
    out = tmp_path / "out.json"
    run = subprocess.run([sys.executable, "-m", "nianbao", "import", str(path), "-o", str(out)],
                         check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "错误" in run.stderr and "Traceback" not in run.stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", ["utf8.html", "gbk.htm", "mhtml", "docx", "pdf", "txt"])
def test_command_imports_every_kind(tmp_path: Path, kind: str) -> None:
    out = tmp_path / "draft.json"
    run = subprocess.run([sys.executable, "-m", "nianbao", "import", str(CORPUS / f"r2021-blanks.{kind}"), "-o", str(out)],
                         check=False, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    from forms import load_draft_file

    assert load_draft_file(out).values == load_draft_file(CORPUS / "r2021-blanks.expected.json").values
