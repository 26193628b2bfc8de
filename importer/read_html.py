"""Read a saved web page (.html/.htm, or the page inside a .mhtml/.mht archive) into a Document.

Government portals (TRS, Hanweb and similar) wrap the report in navigation, layout tables, scripts
and footers. The page is parsed with a real HTML parser (lxml through BeautifulSoup); the report body
is the smallest element holding all its section headings, and the title just above it is kept too.
Tables keep their cells with rowspan/colspan, empty cells included.
"""

from __future__ import annotations

import email
import email.policy
from typing import Any

from importer.document import Cell, Document, Paragraph, TableBlock
from importer.errors import ReportImportError
from importer.layout import heading_section, is_title, title_has_agency

MAX_DEPTH = 200  # element nesting deeper than this is not a report page
MAX_TABLE_CELLS = 20_000
MAX_SPAN = 100
_GB = ("gb2312", "gbk", "gb18030", "gb_2312-80", "x-gbk", "chinese", "csgb2312", "euc-cn")
_DROP = ("script", "style", "noscript", "iframe", "object", "embed", "svg", "select", "option", "button", "input", "textarea", "head", "template", "nav")
_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "div", "dl", "dt", "figcaption", "figure",
    "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "ol", "p", "pre", "section",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
))


def read_html(data: bytes, hint: str | None = None, kind: str = "html") -> Document:
    text, encoding = decode_html(data, hint)
    blocks, anchors, page_title = _blocks(text)
    blocks = _article(blocks, anchors)
    if page_title and not any(isinstance(b, Paragraph) and is_title(b.text) for b in blocks[:15]):
        blocks.insert(0, Paragraph(page_title))  # the report's title only in the window title
    document = Document(blocks, kind=kind, encoding=encoding, explicit_paragraphs=True)
    if encoding.startswith("gb"):
        document.notes.append((f"网页为 {encoding.upper()} 编码，已正确转换", f"the page is {encoding.upper()} encoded and was decoded as such"))
    return document


def read_mhtml(data: bytes) -> Document:
    """The first HTML part of a web archive (as saved by Chrome, Edge or IE), decoded by its transfer encoding."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
    except Exception:  # noqa: BLE001 - the email parser is lenient; anything else is a damaged file
        message = None
    if message is not None:
        for part in message.walk():
            if part.get_content_type() == "text/html":
                payload = part.get_payload(decode=True)
                if isinstance(payload, bytes) and payload:
                    return read_html(payload, part.get_content_charset(), kind="mhtml")
    raise ReportImportError("网页存档（.mht/.mhtml）中没有网页内容，请在浏览器中另存为“网页，仅 HTML”再导入",
                            "the web archive (.mht/.mhtml) holds no HTML page; save the page as HTML only and try again")


def decode_html(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """The page's text and encoding: the declared charset (meta tag or MIME header) if it decodes, else detection."""
    from bs4.dammit import EncodingDetector

    declared = hint or EncodingDetector.find_declared_encoding(data, is_html=True)
    tried = []
    if declared:
        name = declared.strip().lower()
        tried.append("gb18030" if name in _GB else name)
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            tried.insert(0, name)
    tried += ["utf-8"]
    for name in tried:
        try:
            return data.decode(name), ("gb18030" if name == "gb18030" and declared and declared.lower() in _GB else name)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[:2_000_000]).best()
    if best is not None and best.encoding:
        name = "gb18030" if best.encoding.lower() in _GB else best.encoding
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        raise ReportImportError("无法识别网页的文字编码，请在浏览器中打开后另存为 UTF-8 网页或复制全文保存为 .txt",
                                "cannot tell the page's text encoding; save it again as UTF-8 or copy its text into a .txt file") from None


def _parse(text: str) -> Any:
    from bs4 import BeautifulSoup

    try:
        return BeautifulSoup(text, "lxml")
    except RecursionError:
        raise _too_deep() from None


def _too_deep() -> ReportImportError:
    return ReportImportError(f"网页结构嵌套过深（超过 {MAX_DEPTH} 层），不像一份年度报告网页",
                             f"the page is nested more than {MAX_DEPTH} levels deep; not a report page")


def _blocks(text: str) -> tuple[list[Paragraph | TableBlock], list[tuple[int, ...]], str]:
    """Paragraphs and tables in reading order, each with the chain of element ids above it (for finding the body)."""
    from bs4 import NavigableString, Tag
    from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

    soup = _parse(text)
    page_title = _page_title(soup)
    blocks: list[Paragraph | TableBlock] = []
    anchors: list[tuple[int, ...]] = []
    buffer: list[str] = []

    def flush(path: tuple[int, ...]) -> None:
        line = " ".join("".join(buffer).split())
        buffer.clear()
        if line:
            blocks.append(Paragraph(line))
            anchors.append(path)

    # iterative walk: (node, path of ancestor ids, leaving?)
    stack: list[tuple[Any, tuple[int, ...], bool]] = [(soup, (), False)]
    while stack:
        node, path, leaving = stack.pop()
        if leaving:
            flush(path)
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, (Comment, Declaration, Doctype, ProcessingInstruction)):
                buffer.append(str(node))
            continue
        if not isinstance(node, Tag):
            continue
        name = (node.name or "").lower()
        if name in _DROP:
            continue
        if len(path) > MAX_DEPTH:
            raise _too_deep()
        here = path + (id(node),)
        if name == "br":
            flush(path)
            continue
        if name == "table" and node.find("table") is None:
            flush(path)
            table = _table(node)
            if table is not None:
                blocks.append(table)
                anchors.append(here)
            continue
        block = name in _BLOCK
        if block:
            flush(path)
            stack.append((node, here, True))
        for child in reversed(list(node.children)):
            stack.append((child, here, False))
    flush(())
    return blocks, anchors, page_title


def _page_title(soup: Any) -> str:
    """The part of the window title that names the report ("…年度报告_某某区人民政府" -> "…年度报告")."""
    title = soup.title.get_text(" ", strip=True) if soup.title is not None else ""
    for separator in ("_", "|", " - ", "—", "－"):
        title = " ".join(part for part in title.split(separator) if is_title(part)) or title
    return title.strip() if is_title(title) and len(title) <= 80 else ""


def _table(node: Any) -> TableBlock | None:
    from bs4 import Tag

    rows: list[Any] = []
    for child in node.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            rows.append(child)
        elif child.name in ("thead", "tbody", "tfoot"):
            rows += [tr for tr in child.children if isinstance(tr, Tag) and tr.name == "tr"]
    taken: set[tuple[int, int]] = set()
    cells: list[Cell] = []
    width = 0
    for r, tr in enumerate(rows):
        c = 0
        for td in tr.children:
            if not isinstance(td, Tag) or td.name not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
            rowspan = min(rowspan, len(rows) - r)
            text = td.get_text(" ", strip=True).replace("\xa0", " ")
            cells.append(Cell(r, c, text, rowspan, colspan))
            if len(cells) > MAX_TABLE_CELLS or len(taken) > 20 * MAX_TABLE_CELLS:
                raise ReportImportError("网页中的表格过大，不像一份年度报告", "a table on the page is far too large for an annual report")
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
            width = max(width, c)
    if not cells:
        return None
    return TableBlock(tuple(cells), len(rows), width)


def _span(value: Any) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip() or 1)))
    except (TypeError, ValueError):
        return 1


def _article(blocks: list[Paragraph | TableBlock], anchors: list[tuple[int, ...]]) -> list[Paragraph | TableBlock]:
    """The report among the page's navigation and footers: the element holding all section headings, and the title above it."""
    heads = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and heading_section(b.text)]
    if len({heading_section(blocks[i].text) for i in heads}) < 3:  # type: ignore[union-attr]
        return blocks  # not a report, or one without headings: the assembler says so
    common = anchors[heads[0]]
    for i in heads[1:]:
        path = anchors[i]
        k = 0
        while k < min(len(common), len(path)) and common[k] == path[k]:
            k += 1
        common = common[:k]
    inside = [i for i, path in enumerate(anchors) if path[: len(common)] == common]
    if not inside:
        return blocks
    first, last = inside[0], inside[-1]
    start = first
    if not any(isinstance(b, Paragraph) and is_title(b.text) for b in blocks[first : heads[0]]):
        for i in range(first - 1, max(-1, first - 12), -1):
            block = blocks[i]
            if isinstance(block, Paragraph) and is_title(block.text):
                start = i
                above = blocks[i - 1] if i > 0 else None
                if isinstance(above, Paragraph) and not title_has_agency(block.text) and _continues_title(above.text):
                    start = i - 1
                break
    return blocks[start : last + 1]


def _continues_title(text: str) -> bool:
    """The agency line of a title printed over two lines (no sentence punctuation, short)."""
    return 2 <= len(text) <= 40 and not any(mark in text for mark in "。，；：:|>") and not text.startswith(("首页", "当前位置"))
