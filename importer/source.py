"""Reading the file: which kind it is, size limits, then the reader for that kind (PDF, Word, web page, text).

Everything that can go wrong with the file itself becomes a ReportImportError here, before any
parsing starts. Plain text is decoded here (UTF-8, UTF-16, GB18030).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from common.errors import FileIOError, FileMissingError, FileTooLargeError, NotARegularFileError
from common.reading import read_file
from importer.document import Cell, Document, Paragraph, TableBlock
from importer.errors import ReportImportError
from importer.lines import split_text
from importer.read_docx import read_docx
from importer.read_html import read_html, read_mhtml
from importer.read_pdf import read_pdf

_NUMBERISH = re.compile(r"^[+\-−－]?[\d,，.]+\s*(?:万元|元|件)?$|^[—/\-–]$")

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024
MAX_HTML_BYTES = 10 * 1024 * 1024  # a saved report page with its inline styles is well under 1 MB
MAX_DOCX_BYTES = 20 * 1024 * 1024
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
OLD_OFFICE = ".doc", ".wps", ".dot", ".wpt", ".rtf"
#: What ``nianbao import`` and the GUI's file dialog offer.
SUFFIXES = (".pdf", ".txt", ".html", ".htm", ".mhtml", ".mht", ".docx")
_LIMITS = {"pdf": MAX_PDF_BYTES, "docx": MAX_DOCX_BYTES, "html": MAX_HTML_BYTES, "mhtml": MAX_HTML_BYTES, "text": MAX_TEXT_BYTES}
_NAMES = {"pdf": ("PDF", "PDF"), "docx": ("Word 文件", "Word file"), "html": ("网页", "web page"), "mhtml": ("网页存档", "web archive"), "text": ("文本文件", "text file")}


def read_document(path: Path | str) -> Document:
    """Read any supported file into the intermediate document; every problem with the file is a ReportImportError.

    Only a regular file is read (a pipe or a device such as /dev/zero is refused before reading), and never
    more than the largest kind's cap; then the kind's own cap applies."""
    path = Path(path)
    try:
        data = read_file(path, max_bytes=max(_LIMITS.values()), what="年报文件", what_en="report file")
    except FileTooLargeError as exc:
        raise _too_large(exc.size, _kind(path, b"")) from None
    except FileMissingError:
        raise ReportImportError(f"找不到文件 {path}", f"file not found: {path}") from None
    except NotARegularFileError as exc:
        raise ReportImportError(f"{exc.zh}。请选择年报文件（PDF、网页、Word 或文本）",
                                f"{exc.en}; choose the report file (PDF, web page, Word or text)") from None
    except FileIOError as exc:
        raise ReportImportError(exc.zh, exc.en) from None
    kind = _kind(path, data[:4096])
    if len(data) > _LIMITS[kind]:
        raise _too_large(len(data), kind)
    if not data:
        raise ReportImportError("文件是空的", "the file is empty")
    if kind == "pdf":
        return read_pdf(data)
    if kind == "docx":
        return read_docx(data)
    if kind == "html":
        return read_html(data)
    if kind == "mhtml":
        return read_mhtml(data)
    text, encoding = decode_text(data)
    document = text_document(text)
    document.encoding = encoding
    if encoding.startswith("gb"):
        document.notes.append(("文件为 GB18030/GBK 编码，已正确转换", "the file is GB18030/GBK encoded and was decoded as such"))
    return document


def _too_large(size: int, kind: str) -> ReportImportError:
    limit = _LIMITS[kind]
    zh, en = _NAMES[kind]
    return ReportImportError(
        f"文件过大（{size / (1024 * 1024):.1f} MB），{zh}最大 {limit // (1024 * 1024)} MB。请确认选择的是年度报告本身",
        f"file too large ({size / (1024 * 1024):.1f} MB; at most {limit // (1024 * 1024)} MB for a {en})",
    )


def _kind(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF") or (suffix == ".pdf" and b"%PDF" in head[:1024]):
        return "pdf"
    if head.startswith((b"\xd0\xcf\x11\xe0", b"{\\rtf")) or suffix in OLD_OFFICE:
        raise ReportImportError(
            "这是旧版 Word（.doc）或 WPS（.wps）文件，无法直接读取。请在 Word 或 WPS 中“另存为” .docx 或 PDF 后再导入",
            "this is an old Word (.doc) or WPS (.wps) file; save it as .docx or PDF in Word or WPS, then import that",
        )
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".xlsx", ".xls", ".pptx", ".et", ".dps"):
            raise ReportImportError("这是 Excel/PowerPoint 文件，不是年度报告。请选择年报的 PDF、网页、Word 或文本文件",
                                    "this is an Excel/PowerPoint file; choose the report's PDF, web page, Word or text file")
        return "docx"
    if suffix in MHTML_SUFFIXES or (head.lstrip()[:5] in (b"From:", b"MIME-") and b"multipart/related" in head.lower()):
        return "mhtml"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if suffix in HTML_SUFFIXES or lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return "html"
    return "text"


def text_document(text: str) -> Document:
    """Plain text as a document: its lines, and rows copied from a web page's table (cells separated by tabs) as tables."""
    blocks: list[Paragraph | TableBlock] = []
    rows: list[tuple[int, list[str]]] = []

    def close() -> None:
        if rows:
            cells = tuple(Cell(r, c, part) for r, (_, parts) in enumerate(rows) for c, part in enumerate(parts))
            blocks.append(TableBlock(cells, len(rows), max(len(p) for _, p in rows), units="tab", numbers=tuple(n for n, _ in rows)))
            rows.clear()

    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n").split("\n")  # as split_text numbers them
    tabbed = {i for i, raw in enumerate(raw_lines) if "\t" in raw.strip() and raw.count("\t") >= 1}
    for entry in split_text(text):
        index = (entry.number or 0) - 1
        if index in tabbed and _table_row(raw_lines[index]):
            rows.append((entry.number or 0, raw_lines[index].strip("\r\n ").split("\t")))
            continue
        close()
        blocks.append(Paragraph(entry.text, indented=entry.indented, blank_before=entry.blank_before, number=entry.number))
    close()
    return Document(blocks, kind="text")


def _table_row(raw: str) -> bool:
    """A line copied from a table row: tab-separated cells, at least one holding a number, none a long sentence."""
    parts = [p.strip() for p in raw.split("\t")]
    return any(_NUMBERISH.match(p) for p in parts) and all(len(p) <= 80 for p in parts)


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs first, then strict UTF-8, then GB18030 (which covers GBK and GB2312)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        raise ReportImportError("这不是文本文件（含有二进制内容），请选择 PDF 或 .txt 文件", "not a text file (binary content)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportImportError(
            "无法识别文件的文字编码（既不是 UTF-8 也不是 GB18030/GBK），请在记事本中另存为 UTF-8 后再导入",
            "cannot tell the text encoding (neither UTF-8 nor GB18030/GBK); save it as UTF-8 and try again",
        ) from None
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk < len(text) * 0.05:
        raise ReportImportError(
            "无法识别文件的文字编码，请在记事本中另存为 UTF-8 后再导入",
            "cannot tell the text encoding; save the file as UTF-8 and try again",
        )
    return text, "gb18030"
