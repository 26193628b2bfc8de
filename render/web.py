"""Draft -> one self-contained web page for the portal, and the same as clipboard content.

The page is ``lang="zh-CN"`` HTML with semantic headings (h1 title, h2 sections, h3 subsections),
one ``<main>``, and tables a screen reader can read cell by cell: each has a ``<caption>``, header
cells are ``<th scope>`` with ids, and every value cell lists in ``headers`` the ids of all column
headers above it and all row labels beside it, merged multi-level headers included (WCAG 2.1
1.3.1, GB/T 37668). No script, no external resource (a Content-Security-Policy says so to the
browser), print CSS for A4. Every text is escaped, so whatever a clerk typed is shown literally.
"""

from __future__ import annotations

import os
from html import escape
from typing import BinaryIO

from forms.definition import Table
from forms.draft import Draft
from forms.layout import Grid, Region
from render.outline import Block, Heading, Outline, Paragraph, Signature, TableBlock, Title, build_outline
from render.output_file import write_output
from render.tables import cell_text

BODY_FONTS = '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "FandolFang", serif'
TITLE_FONTS = '"方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif'
HEADING1_FONTS = '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", sans-serif'
HEADING2_FONTS = '"楷体_GB2312", "楷体", KaiTi, STKaiti, "FandolKai", serif'

CSS = f"""
:root {{ color: #000; background: #fff; }}
body {{ margin: 0 auto; max-width: 46em; padding: 2em 1.5em; font-family: {BODY_FONTS};
  font-size: 1.125rem; line-height: 1.8; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 1.75em; font-weight: bold; text-align: center;
  line-height: 1.6; margin: 0 0 1.5em; }}
h1 span {{ display: block; }}
h2 {{ font-family: {HEADING1_FONTS}; font-size: 1em; font-weight: normal; text-indent: 2em; margin: 0; }}
h3 {{ font-family: {HEADING2_FONTS}; font-size: 1em; font-weight: normal; text-indent: 2em; margin: 0; }}
p {{ text-indent: 2em; text-align: justify; margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }}
p.blank {{ min-height: 1.8em; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.4em 0 0.9em; font-size: 0.72em; line-height: 1.4;
  table-layout: auto; }}
table.large {{ font-size: 0.8em; }}
caption {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }}
th, td {{ border: 1px solid #000; padding: 0.2em 0.3em; text-align: center; vertical-align: middle;
  font-weight: normal; }}
th[scope="row"] {{ text-align: left; }}
td {{ font-variant-numeric: tabular-nums; white-space: nowrap; }}
.signature {{ text-align: right; margin-top: 1.8em; padding-right: 2em; }}
.signature div {{ display: inline-block; text-align: left; }}
.signature p {{ text-indent: 0; text-align: left; }}
.signature p + p {{ padding-left: 2em; }}
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 16pt; line-height: 28.95pt; }}
  h1 {{ font-size: 22pt; line-height: 36pt; margin-bottom: 28.95pt; }}
  table {{ font-size: 10.5pt; line-height: 13pt; }}
  table.large {{ font-size: 12pt; line-height: 15pt; }}
  thead {{ display: table-header-group; }}
  tr {{ break-inside: avoid; }}
  h2, h3 {{ break-after: avoid; }}
  .signature {{ break-inside: avoid; }}
}}
""".strip()


def render_html(draft: Draft) -> str:
    """The whole page as text."""
    outline = build_outline(draft)
    body = "\n".join(_block(block, i) for i, block in enumerate(outline.blocks))
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(outline.title)}</title>\n"
        f'<meta name="author" content="{escape(outline.agency)}">\n'
        f'<meta name="description" content="{escape(outline.title)}（{escape(outline.format_name)}）">\n'
        '<meta name="generator" content="nianbao">\n'
        f"<style>\n{CSS}\n</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _block(block: Block, index: int) -> str:
    if isinstance(block, Title):
        spans = "".join(f"<span>{escape(line)}</span>" for line in block.lines if line)
        return f"<h1>{spans}</h1>"
    if isinstance(block, Heading):
        tag = "h2" if block.level == 1 else "h3"
        anchor = f"section-{block.section_id}" if block.level == 1 else f"text-{block.text_id}"
        return f'<{tag} id="{escape(anchor)}">{escape(block.text)}</{tag}>'
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>" if block.text else '<p class="blank"></p>'
    if isinstance(block, TableBlock):
        many = len(block.parts) > 1
        return "\n".join(
            table_html(table, grid, f"t{index}-{k}", f"{block.caption}：{table.title}" if many else block.caption)
            for k, (table, grid) in enumerate(block.parts)
        )
    if isinstance(block, Signature):
        lines = "".join(f"<p>{escape(text)}</p>" for text in (block.agency, block.date) if text)
        return f'<div class="signature"><div>{lines}</div></div>' if lines else ""
    raise TypeError(type(block))


def table_html(table: Table, grid: Grid, prefix: str, caption: str) -> str:
    """One table: header rows in <thead> as <th scope="col">, row labels as <th scope="row">, and
    each value's ``headers`` naming every header and label that applies to it."""
    ids: dict[int, str] = {}
    for i, region in enumerate(grid.regions):
        if region.kind in ("header", "note", "label"):
            ids[i] = f"{prefix}-{region.top}-{region.left}"
    by_row: dict[int, list[tuple[int, Region]]] = {}
    for i, region in enumerate(grid.regions):
        by_row.setdefault(region.top, []).append((i, region))
    column_heads = [(i, r) for i, r in enumerate(grid.regions) if r.kind == "header"]
    row_heads = [(i, r) for i, r in enumerate(grid.regions) if r.kind == "label"]
    css = ' class="large"' if grid.ncols <= 5 else ""
    out = [f"<table{css}>", f"<caption>{escape(caption)}</caption>", _colgroup(grid)]
    for r in range(grid.nrows):
        if r == 0 and grid.header_rows:
            out.append("<thead>")
        if r == grid.header_rows:
            out.append("<tbody>")
        cells = []
        for i, region in sorted(by_row.get(r, []), key=lambda item: item[1].left):
            span = _span(region)
            if region.kind == "value":
                heads = [ids[j] for j, h in column_heads if h.left <= region.left <= h.right]
                heads += [ids[j] for j, h in row_heads if h.top <= region.top <= h.bottom]
                text = escape(cell_text(region.column, region.value))
                cells.append(f'<td headers="{" ".join(heads)}"{span}>{text}</td>')
            else:
                scope = "row" if region.kind == "label" else "col"
                cells.append(f'<th id="{ids[i]}" scope="{scope}"{span}>{escape(region.text)}</th>')
        out.append("<tr>" + "".join(cells) + "</tr>")
        if r == grid.header_rows - 1:
            out.append("</thead>")
    if grid.nrows > grid.header_rows:
        out.append("</tbody>")
    out.append("</table>")
    return "\n".join(out)


def _colgroup(grid: Grid) -> str:
    """The PDF's column widths, as percentages of the table width."""
    from render.styles import PAGE
    from render.tables import column_widths

    widths = column_widths(grid, PAGE.frame_width, 12.0 if grid.ncols <= 5 else 10.5)
    total = sum(widths)
    return "<colgroup>" + "".join(f'<col style="width:{100 * w / total:.1f}%">' for w in widths) + "</colgroup>"


def _span(region: Region) -> str:
    out = ""
    if region.right > region.left:
        out += f' colspan="{region.right - region.left + 1}"'
    if region.bottom > region.top:
        out += f' rowspan="{region.bottom - region.top + 1}"'
    return out


def plain_text(draft: Draft) -> str:
    """The report as plain text (the clipboard's text alternative): paragraphs one per line,
    table rows with their cells separated by tabs, merged cells written once."""
    return outline_text(build_outline(draft))


def outline_text(outline: Outline) -> str:
    lines: list[str] = []
    for block in outline.blocks:
        if isinstance(block, Title):
            lines += [*block.lines, ""]
        elif isinstance(block, Heading):
            lines.append(block.text)
        elif isinstance(block, Paragraph):
            lines.append(f"\u3000\u3000{block.text}" if block.text else "")
        elif isinstance(block, TableBlock):
            for _table, grid in block.parts:
                rows: list[list[str]] = [[""] * grid.ncols for _ in range(grid.nrows)]
                for region in grid.regions:
                    text = cell_text(region.column, region.value) if region.kind == "value" else region.text
                    rows[region.top][region.left] = text
                lines += ["\t".join(row).rstrip("\t") for row in rows]
                lines.append("")
        elif isinstance(block, Signature):
            lines += ["", block.agency, block.date]
    return "\n".join(lines).rstrip("\n") + "\n"


def write_html(draft: Draft, output: str | os.PathLike[str] | BinaryIO) -> None:
    """Write the page (UTF-8) to a path, atomically, or to a binary file object."""
    write_output(render_html(draft).encode("utf-8"), output, "网页", "web page")
