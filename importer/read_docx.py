"""Read a Word file (.docx, as written by Word or WPS) into a Document: paragraphs and tables with merged cells.

The file is a zip archive; its sizes are checked before anything is decompressed (a small file can
inflate to gigabytes), and the XML is parsed by lxml without entity expansion or network access.
Merged cells are read from the XML itself: ``w:gridSpan`` (across) and ``w:vMerge`` (down).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from importer.document import Cell, Document, Paragraph, TableBlock
from importer.errors import ReportImportError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 30 * 1024 * 1024  # word/document.xml of a long report is well under 1 MB
MAX_RATIO = 200  # compression ratio beyond which an entry is a zip bomb, not a document
MAX_TABLE_CELLS = 20_000


def read_docx(data: bytes) -> Document:
    xml = _document_xml(data)
    try:
        from lxml import etree

        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
        root = etree.fromstring(xml, parser)
    except Exception as exc:  # noqa: BLE001 - lxml raises XMLSyntaxError for damaged or absurdly nested XML
        raise ReportImportError(
            "Word 文件内容已损坏或结构嵌套过深，无法读取。请在 Word/WPS 中打开后另存为 .docx 或 PDF 再导入",
            f"the Word file is damaged or nested too deeply ({type(exc).__name__}); save it again as .docx or PDF",
        ) from None
    body = root.find(f"{W}body")
    if body is None:
        raise ReportImportError("Word 文件中没有正文", "the Word file has no body")
    blocks: list[Paragraph | TableBlock] = []
    for element in _body_elements(body):
        if element.tag == f"{W}p":
            text = _paragraph_text(element).strip()
            if text:
                blocks.append(Paragraph(text))
        else:
            table = _table(element)
            if table is not None:
                blocks.append(table)
    return Document(blocks, kind="docx", explicit_paragraphs=True)


def _document_xml(data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except KeyError:
        raise ReportImportError(
            "这是一个压缩文件，但不是 Word 文档（.docx）。请选择年报的 .docx、PDF 或网页文件",
            "this is a zip archive but not a Word document (.docx); choose the report's .docx, PDF or web page",
        ) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReportImportError("Word 文件已损坏（不是有效的 .docx），请在 Word/WPS 中重新另存为 .docx 或 PDF 后再导入",
                                "the Word file is damaged (not a valid .docx); save it again as .docx or PDF") from None
    if info.flag_bits & 0x1:
        raise ReportImportError("Word 文件已加密，请在 Word/WPS 中去掉密码后另存再导入", "the Word file is encrypted; remove the password and save it again")
    if info.file_size > MAX_XML_BYTES or info.file_size > MAX_RATIO * max(1, info.compress_size) + 1024 * 1024:
        raise ReportImportError(
            f"Word 文件解压后过大（{info.file_size / (1024 * 1024):.0f} MB），不像一份年度报告，未读取",
            f"the Word file inflates to {info.file_size / (1024 * 1024):.0f} MB; not a report, not read",
        )
    try:
        with archive.open(info) as handle:
            xml = handle.read(MAX_XML_BYTES + 1)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise ReportImportError("Word 文件已损坏，无法解压", f"the Word file is damaged and cannot be unpacked ({type(exc).__name__})") from None
    if len(xml) > MAX_XML_BYTES:
        raise ReportImportError("Word 文件解压后过大，不像一份年度报告，未读取", "the Word file inflates far beyond a report's size; not read")
    return xml


def _body_elements(body: Any) -> list[Any]:
    """Paragraphs and tables of the body in order, including those inside content controls (w:sdt)."""
    out: list[Any] = []
    stack = list(reversed(list(body)))
    while stack:
        element = stack.pop()
        if element.tag in (f"{W}p", f"{W}tbl"):
            out.append(element)
        elif element.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml"):
            stack += list(reversed(list(element)))
    return out


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            parts.append(" ")
        else:
            parts.append("\n")
    return "".join(parts)


def _table(table: Any) -> TableBlock | None:
    cells: list[Cell] = []
    open_above: dict[int, int] = {}  # grid column -> index in cells of the vertically merged cell started above
    rows = [tr for tr in table if tr.tag == f"{W}tr"]
    width = 0
    for r, tr in enumerate(rows):
        c = _int(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        for tc in (x for x in tr if x.tag in (f"{W}tc", f"{W}sdt")):
            if tc.tag == f"{W}sdt":
                inner = tc.find(f"{W}sdtContent/{W}tc")
                if inner is None:
                    continue
                tc = inner
            span = max(1, min(100, _int(tc.find(f"{W}tcPr/{W}gridSpan"), 1)))
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            text = "\n".join(_paragraph_text(p) for p in tc.iter(f"{W}p")).strip()
            if merge is not None and merge.get(f"{W}val") in (None, "continue") and c in open_above:
                origin = cells[open_above[c]]
                cells[open_above[c]] = Cell(origin.row, origin.col, origin.text, r - origin.row + 1, origin.colspan)
            else:
                cells.append(Cell(r, c, text, 1, span))
                if merge is not None:
                    open_above[c] = len(cells) - 1
                else:
                    open_above.pop(c, None)
            if len(cells) > MAX_TABLE_CELLS:
                raise ReportImportError("Word 文件中的表格过大，不像一份年度报告", "a table in the Word file is far too large for an annual report")
            c += span
            width = max(width, c)
    return TableBlock(tuple(cells), len(rows), width) if cells else None


def _int(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(f"{W}val", default))
    except (TypeError, ValueError):
        return default
