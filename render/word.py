"""Draft -> .docx: an editable Word document in the official layout (GB/T 9704-2012).

A4 with the 公文 text block (margins 37/35/28/26 mm), 22 lines × 28 characters: a line grid
(``docGrid type="lines"``, pitch 28.95 pt) and body characters scaled to 98 % width (15.68 pt
pitch). Word's 公文 templates use a character grid (``linesAndChars``, charSpace -849) instead,
but LibreOffice puts each 16 pt character into two 15.79 pt grid cells and prints 14 characters
a line; and condensing the spacing makes LibreOffice drop a "，" that hangs at a line end.
Scaling gives 28 in Word, WPS and LibreOffice alike. Body 仿宋_GB2312 三号 justified
with a two-character first-line indent,
headings 黑体 / 楷体_GB2312 as Word's own Heading 1 / Heading 2 (so the navigation pane and any
reader see the structure), title 方正小标宋简体 二号 bold, the three tables with their merged
multi-level headers built from the official grid (三's 勾稽关系 note included), header rows
repeated on every page, "— N —" page numbers as a PAGE field (odd pages right, even pages left),
the signature right-aligned as the PDF places it. Font names are the ones Windows has; the font
table gives each a fallback (仿宋_GB2312 -> 仿宋, ...) that Word and WPS use when it is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm

from forms.draft import Draft
from forms.layout import Grid, Region
from render.outline import Heading, Outline, Paragraph, Signature, TableBlock, Title, build_outline
from render.output_file import write_output
from render.styles import BODY_LEADING, BODY_SIZE, MIN_NUMBER_SIZE, PAGE
from render.tables import cell_text, column_widths

#: font per role, as Windows names them; the font table gives each its fallback
FONTS = {"body": "仿宋_GB2312", "heading1": "黑体", "heading2": "楷体_GB2312", "title": "方正小标宋简体", "folio": "宋体"}
FALLBACKS = {"仿宋_GB2312": "仿宋", "楷体_GB2312": "楷体", "方正小标宋简体": "宋体", "黑体": "SimHei", "宋体": "SimSun"}
PANOSE_FAMILY = {"仿宋_GB2312": "modern", "楷体_GB2312": "modern", "黑体": "modern", "宋体": "auto", "方正小标宋简体": "script"}
#: twips (1/20 pt)
LINE_PITCH = round(BODY_LEADING * 20)  # 579
#: body characters scaled to this width (%) so that 28 fit the 156 mm line (15.68 pt pitch)
SCALE = 98
TITLE_SIZE, TITLE_LEADING = 22.0, 36.0
CELL = {False: (10.5, 13.0), True: (12.0, 15.0)}  # (size, leading) for ordinary and few-column tables
CELL_PADDING_TWIPS = 50  # 2.5 pt, as the PDF


def document_bytes(draft: Draft) -> bytes:
    """The .docx file for ``draft``: the cached template with this report's body and properties."""
    outline = build_outline(draft)
    template = _template()
    body = "".join(_body(outline))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(template.data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == "word/document.xml":
                data = (template.head + body + template.tail).encode("utf-8")
            elif info.filename == "docProps/core.xml":
                data = _core_properties(outline).encode("utf-8")
            else:
                data = source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


@dataclass(frozen=True)
class _Template:
    data: bytes  # the whole package with an empty body
    head: str  # document.xml up to and including <w:body>
    tail: str  # the final sectPr and the closing tags


@cache
def _template() -> _Template:
    """Page setup, styles, fonts and footers, built once per process with python-docx: they are the
    same for every report, and building them is most of the cost of a document."""
    doc = Document()
    _page_setup(doc)
    _styles(doc)
    _font_table(doc)
    _footer(doc)
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    buffer = io.BytesIO()
    doc.save(buffer)
    xml = zipfile.ZipFile(buffer).read("word/document.xml").decode("utf-8")
    split = xml.index("<w:sectPr")
    head, tail = xml[:split], xml[split:]
    if head.endswith("<w:body/>") or "<w:body>" not in head:
        raise RuntimeError("unexpected document.xml in python-docx's template")
    return _Template(buffer.getvalue(), head, tail)


# --------------------------------------------------------------------------- body


def _text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _para(text: str, style_id: str, *, keep_next: bool = False, right_indent: int | None = None,
          align: str | None = None, size: float | None = None) -> str:
    """One w:p (properties in schema order: pStyle, keepNext, ind, jc)."""
    props = f'<w:pStyle w:val="{style_id}"/>'
    if keep_next:
        props += "<w:keepNext/>"
    if right_indent is not None:
        props += f'<w:ind w:right="{right_indent}"/>'
    if align:
        props += f'<w:jc w:val="{align}"/>'
    run = ""
    if text:
        rpr = f'<w:rPr><w:sz w:val="{round(size * 2)}"/><w:szCs w:val="{round(size * 2)}"/></w:rPr>' if size else ""
        run = f'<w:r>{rpr}<w:t xml:space="preserve">{_text(text)}</w:t></w:r>'
    return f"<w:p><w:pPr>{props}</w:pPr>{run}</w:p>"


def _body(outline: Outline) -> Iterator[str]:
    """The report's paragraphs and tables as WordprocessingML, in the outline's order."""
    blocks = outline.blocks
    last_text = max((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.text), default=-1)
    for i, block in enumerate(blocks):
        if isinstance(block, Title):
            for line in block.lines:
                yield _para(line, "报告标题")
            yield _para("", "Normal")
        elif isinstance(block, Heading):
            yield _para(block.text, "Heading1" if block.level == 1 else "Heading2")
        elif isinstance(block, Paragraph):
            # a short last paragraph stays on the signature's page
            yield _para(block.text, "Normal", keep_next=i == last_text and len(block.text) <= 8 * 28)
        elif isinstance(block, TableBlock):
            yield table_xml(block.grid, block.large)
            yield _para("", _style_id("表后空行"))
        elif isinstance(block, Signature):
            yield from _signature(block)


def _core_properties(outline: Outline) -> str:
    """docProps/core.xml: title, author (the agency), subject, keywords, language, dates."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    fields = {
        "dc:title": outline.title,
        "dc:subject": f"政府信息公开工作年度报告（{outline.format_name}）",
        "dc:creator": outline.agency,
        "cp:keywords": f"政府信息公开 年度报告 {outline.year}",
        "dc:description": "nianbao",
        "cp:lastModifiedBy": "nianbao",
        "dc:language": "zh-CN",
    }
    body = "".join(f"<{k}>{_text(v)}</{k}>" for k, v in fields.items())
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'{body}<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'
    )


# --------------------------------------------------------------------------- page, styles, fonts


def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(22)  # the number's line starts 7 mm below the text block
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    sect.append(grid)


def _fonts(rpr: BaseOxmlElement, name: str) -> None:
    """One font for every script slot; theme fonts removed (they would win over a name)."""
    for old in rpr.findall(qn("w:rFonts")):
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), name)
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.insert(0, fonts)


def _set(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    """Replace child ``tag`` of ``parent`` with one carrying ``attrs``."""
    for old in parent.findall(qn(tag)):
        parent.remove(old)
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    parent.append(el)
    return el


def _style(doc: DocxDocument, known: dict[str | None, Any], name: str, font: str, size: float, leading: float, *, bold: bool = False,
           align: str = "both", indent_chars: int = 0, base: str | None = None, grid: bool = True,
           condense: bool = False) -> None:
    style = known.get(name)
    if style is None:
        style = known[name] = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if base:
        style.base_style = known[base]
    style.hidden = False
    style.quick_style = True
    el = style.element
    rpr = el.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)
    _fonts(rpr, font)
    if bold:
        _set(rpr, "w:b")
        _set(rpr, "w:bCs")
    else:
        _set(rpr, "w:b", val="0")
        _set(rpr, "w:bCs", val="0")
    _set(rpr, "w:i", val="0")
    _set(rpr, "w:color", val="000000")
    if condense:
        _set(rpr, "w:w", val=str(SCALE))
    _set(rpr, "w:sz", val=str(round(size * 2)))
    _set(rpr, "w:szCs", val=str(round(size * 2)))
    _set(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = el.get_or_add_pPr()
    keep_next = ppr.find(qn("w:keepNext")) is not None
    outline_level = ppr.find(qn("w:outlineLvl"))
    for child in list(ppr):
        ppr.remove(child)
    if keep_next:
        _set(ppr, "w:keepNext")
    # A closing mark at the line end moves down with the character before it rather than hanging
    # in the margin, where LibreOffice may leave it out of the PDF.
    _set(ppr, "w:overflowPunct", val="0")
    if not grid:
        _set(ppr, "w:snapToGrid", val="0")
    _set(ppr, "w:spacing", before="0", after="0", line=str(round(leading * 20)), lineRule="exact")
    if indent_chars:
        _set(ppr, "w:ind", firstLineChars=str(indent_chars * 100), firstLine=str(round(indent_chars * BODY_SIZE * 20)))
    else:
        _set(ppr, "w:ind", firstLine="0", firstLineChars="0", left="0", right="0")
    _set(ppr, "w:jc", val=align)
    if outline_level is not None:
        ppr.append(outline_level)


def _styles(doc: DocxDocument) -> None:
    """Normal = body text; the title, headings, table text and footer as their own styles."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        _fonts(rpr, FONTS["body"])
        _set(rpr, "w:sz", val=str(round(BODY_SIZE * 2)))
        _set(rpr, "w:szCs", val=str(round(BODY_SIZE * 2)))
        _set(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    known = {s.name: s for s in doc.styles}
    _style(doc, known, "Normal", FONTS["body"], BODY_SIZE, BODY_LEADING, indent_chars=2, condense=True)
    _style(doc, known, "报告标题", FONTS["title"], TITLE_SIZE, TITLE_LEADING, bold=True, align="center", base="Normal", grid=False)
    _style(doc, known, "Heading 1", FONTS["heading1"], BODY_SIZE, BODY_LEADING, indent_chars=2, base="Normal", condense=True)
    _style(doc, known, "Heading 2", FONTS["heading2"], BODY_SIZE, BODY_LEADING, indent_chars=2, base="Normal", condense=True)
    for large, (size, leading) in CELL.items():
        for align in ("center", "left"):
            _style(doc, known, _cell_style(large, align), FONTS["body"], size, leading, align=align, base="Normal", grid=False)
    _style(doc, known, "表后空行", FONTS["body"], BODY_SIZE, BODY_LEADING / 2, base="Normal", grid=False)
    _style(doc, known, "落款", FONTS["body"], BODY_SIZE, BODY_LEADING, align="right", base="Normal", condense=True)
    _style(doc, known, "页码", FONTS["folio"], PAGE.page_number_size, PAGE.page_number_size * 1.3, base="Normal", grid=False)


def _cell_style(large: bool, align: str) -> str:
    return f"表格{'大' if large else ''}{'居中' if align == 'center' else '左对齐'}"


def _font_table(doc: DocxDocument) -> None:
    """Declare each font with its fallback (w:altName) and the GB2312 character set."""
    part = doc.part.font_table_part if hasattr(doc.part, "font_table_part") else None
    element = part.element if part is not None else None
    if element is None:
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        for rel in doc.part.rels.values():
            if rel.reltype == RT.FONT_TABLE:
                element = _parse_part(rel.target_part)
                break
    if element is None:
        return
    for name in FONTS.values():
        for old in element.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                element.remove(old)
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        for tag, value in (("w:altName", FALLBACKS[name]), ("w:charset", "86"), ("w:family", PANOSE_FAMILY[name]),
                           ("w:pitch", "variable")):
            _set(font, tag, val=value)
        element.append(font)


def _parse_part(part: Part) -> BaseOxmlElement:
    """A generic part's XML as an element that is written back when the package is saved."""
    from docx.opc.part import XmlPart
    from docx.oxml import parse_xml

    element: BaseOxmlElement
    if isinstance(part, XmlPart):
        element = part.element
        return element
    element = parse_xml(part.blob)
    part.__class__ = type("FontTablePart", (XmlPart,), {})
    part._element = element  # type: ignore[attr-defined]  # an XmlPart now, which keeps its XML here
    return element


def _footer(doc: DocxDocument) -> None:
    """"— N —" with N a PAGE field: right on odd pages, left on even pages, one character in."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    section.footer.is_linked_to_previous = False
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        p = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        p.style = doc.styles["页码"]
        ppr = p._p.get_or_add_pPr()
        side = "right" if align == "right" else "left"
        _set(ppr, "w:ind", **{side: str(round(PAGE.page_number_size * 20)), "firstLine": "0", "firstLineChars": "0"})
        _set(ppr, "w:jc", val=align)
        p.add_run("— ")
        _page_field(p._p)
        p.add_run(" —")


def _page_field(p: BaseOxmlElement) -> None:
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        run = OxmlElement("w:r")
        if kind in ("begin", "separate", "end"):
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run.append(char)
        elif kind == "text":
            t = OxmlElement("w:t")
            t.text = text
            run.append(t)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run.append(instr)
        p.append(run)


# --------------------------------------------------------------------------- tables


def table_xml(grid: Grid, large: bool) -> str:
    """A w:tbl for ``grid``: merged regions as gridSpan / vMerge, header rows repeated on each page."""
    size, _leading = CELL[large]
    widths = [round(w * 20) for w in column_widths(grid, PAGE.frame_width, size)]
    owner = grid.owner_map()
    border = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'
    margin = f'w:w="{CELL_PADDING_TWIPS}" w:type="dxa"'
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>'
        + "".join(f"<w:{edge} {border}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + '</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>'
        + "".join(f"<w:{edge} {margin}/>" for edge in ("top", "left", "bottom", "right"))
        + '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>'
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
    ]
    for r in range(grid.nrows):
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if r < grid.header_rows else "") + "</w:trPr>")
        c = 0
        while c < grid.ncols:
            region = grid.regions[owner[r][c]]
            width = sum(widths[region.left : region.right + 1])
            out.append(_cell(region, r, width, large))
            c = region.right + 1
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _cell(region: Region, row: int, width: int, large: bool) -> str:
    props = f'<w:tcW w:w="{width}" w:type="dxa"/>'
    if region.right > region.left:
        props += f'<w:gridSpan w:val="{region.right - region.left + 1}"/>'
    if region.bottom > region.top:
        props += '<w:vMerge w:val="restart"/>' if row == region.top else "<w:vMerge/>"
    props += '<w:vAlign w:val="center"/>'
    style = _style_id(_cell_style(large, "left" if region.kind == "label" else "center"))
    text, size = "", None
    if row == region.top:
        if region.kind == "value":
            text = cell_text(region.column, region.value)
            size = _number_size(text, CELL[large][0], width / 20 - 2 * CELL_PADDING_TWIPS / 20)
        else:
            text = region.text
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{_para(text, style, size=size)}</w:tc>"


def _style_id(name: str) -> str:
    """python-docx gives an added style the id of its name without spaces."""
    return name.replace(" ", "")


def _number_size(text: str, size: float, width: float) -> float | None:
    """A smaller size (half points) for a number too wide for its cell, as the PDF shrinks it.
    Digits are taken as 0.6 em: the widest of the fonts Word may substitute (仿宋 digits are 0.5 em)."""
    need = sum(size if unicodedata.east_asian_width(ch) in "WF" else size * 0.6 for ch in text)
    if not text or need <= width:
        return None
    return max(MIN_NUMBER_SIZE, int(size * width / need * 2) / 2)


# --------------------------------------------------------------------------- signature


def _signature(block: Signature) -> Iterator[str]:
    """Agency two characters from the right margin; the date starting two characters right of the
    agency's first character, never closer than two characters to the margin (GB/T 9704 7.3.5.2)."""
    em = BODY_SIZE
    w_agency, w_date = _width(block.agency, em), _width(block.date, em)
    right_edge = PAGE.frame_width - 2 * em
    x_agency = right_edge - w_agency
    x_date = x_agency + 2 * em
    if x_date + w_date > right_edge:
        x_date = right_edge - w_date
        x_agency = min(x_agency, x_date - 2 * em)
    style = _style_id("落款")
    yield _para("", style, keep_next=True)
    lines = [(t, x, w) for t, x, w in ((block.agency, x_agency, w_agency), (block.date, x_date, w_date)) if t]
    for n, (text, x, w) in enumerate(lines):
        indent = round(max(0.0, PAGE.frame_width - x - w) * 20)
        yield _para(text, style, keep_next=n < len(lines) - 1, right_indent=indent, align="right")


def _width(text: str, em: float) -> float:
    """Printed width: full-width characters one em, others half (digits, Latin), on the 28-character grid."""
    pitch = PAGE.frame_width / 28 / BODY_SIZE * em
    return sum(pitch if unicodedata.east_asian_width(ch) in "WF" else pitch / 2 for ch in text)


# --------------------------------------------------------------------------- writing


def write_docx(draft: Draft, output: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the .docx to a path (atomically; AppError when it cannot be written) or a binary file."""
    write_output(document_bytes(draft), output, "Word 文档", "Word document")
