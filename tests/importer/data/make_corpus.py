"""Write the importer's test corpus: the same reports as DOCX, PDF (LibreOffice), HTML (UTF-8 and GBK),
MHTML and copied text, each with the draft the importer must produce.

The reports are laid out the way clerks publish them: the official tables with merged header and label
cells, some cells left blank, totals printed, and the quirks seen on real portals (a title over two lines
or starting with the year, portal lines above the title, a signature without a date, 2019-format tables
in a 2022 report, （六）其他处理 printed as one row in a 2021 report, an amount printed in 元).

Run from the repository root (needs python-docx and LibreOffice's ``soffice`` for the PDFs)::

    python tests/importer/data/make_corpus.py

The generated files are committed, so the tests need neither LibreOffice nor this script.
"""

from __future__ import annotations

import html
import os
import quopri
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT))

from forms import Draft, cell_values, format_value, load_draft_file, save_draft_file  # noqa: E402 - project root put on sys.path above
from forms.definition import Row, Table  # noqa: E402 - project root put on sys.path above

OUT = HERE / "corpus"
FONT = ROOT / "render" / "fonts" / "FandolFang-Regular.ttf"
FONT_NAME = "FandolFang"

ONE_ROW = "one-row-other"
Grid = list[list[tuple[str, int, int]]]  # rows of (text, rowspan, colspan); covered positions omitted


@dataclass
class Case:
    """One published report: the draft it holds, and how it was printed."""

    name: str
    draft: Draft
    title: list[str]  # one or two lines
    portal: list[str] = field(default_factory=list)  # portal lines above the title (web pages, copies)
    printed: dict[tuple[str, str, str], str] = field(default_factory=dict)  # cell -> printed text instead of the value
    blank_totals: set[tuple[str, str, str]] = field(default_factory=set)  # totals printed blank
    other_one_row: bool = False  # 2021 table with （六）其他处理 as one row
    split_headers: bool = False  # header words over two lines ("本年新" / "制作数量")
    align: str = "center"  # or "edges": headers left-aligned, numbers right-aligned (a spreadsheet habit)
    kinds: tuple[str, ...] = ("docx", "pdf", "utf8.html", "gbk.htm", "mhtml", "txt")
    dated: bool = True


def _blank(draft: Draft, table: str, cells: list[tuple[str, str]]) -> None:
    for row, column in cells:
        draft.values.pop((table, row, column), None)


def cases() -> list[Case]:
    sample = load_draft_file(ROOT / "examples" / "sample-2021.json")
    longgang = load_draft_file(ROOT / "examples" / "longgang-2020.json")

    a = sample.copy()
    a.stated.clear()
    # cells left blank in the middle of rows: a reading by token order would shift these rows left
    _blank(a, "t3", [("new", "commercial"), ("new", "research"), ("public", "commercial"), ("public", "research"),
                     ("public", "nonprofit"), ("partial", "natural"), ("carried_in", "research")])
    for row in ("withheld_secret", "withheld_law", "withheld_safety", "withheld_internal"):
        _blank(a, "t3", [(row, c.id) for c in a.definition.table("t3").columns if not c.computed])
    _blank(a, "t4", [("cases", "review_other"), ("cases", "direct_corrected")])
    a.values[("t2_8", "fees", "amount")] = Decimal("25.10")
    case_a = Case(
        "r2021-blanks", a, ["江南市云溪区市场监督管理局", "2021年政府信息公开工作年度报告"],
        portal=["发布日期：2022-01-20　来源：云溪区市场监督管理局　浏览次数：1024", "【字体：大 中 小】【打印】"],
        printed={("t2_8", "fees", "amount"): "251000元"},
        blank_totals={("t3", "carried_in", "total")},
    )

    b = longgang.copy()
    b.year = 2022
    b.stated.clear()
    for (table, row, column) in list(b.values):
        if table == "t3":
            del b.values[(table, row, column)]
    t3 = {
        "new": {"natural": 12, "legal": 2, "other": 1},
        "carried_in": {"natural": 1, "commercial": 1},
        "public": {"natural": 5, "legal": 1},
        "partial": {"natural": 2, "other": 1},
        "withheld_third_party": {"commercial": 1},
        "unable_not_held": {"natural": 3, "legal": 1},
        "rejected_repeat": {"natural": 1},
        "other": {"natural": 1},
        "carry_over": {"natural": 1},
    }
    for row, cells in t3.items():
        for column, value in cells.items():
            b.values[("t3", row, column)] = value
    b.values[("t2_9", "procurement", "amount")] = Decimal("1316.73")
    b.texts["preface"] = b.texts["preface"].replace("2020", "2022")
    b.signature.date = None
    case_b = Case(
        "r2019-for-2022", b, ["2022年度深圳市龙岗区政务服务数据管理局政府信息公开工作年度报告"],
        portal=["首页 > 政务公开 > 政府信息公开年报", "发布时间：2023-01-16 10:02　信息来源：本网　访问量：87"],
        split_headers=True, dated=False,
    )

    c = sample.copy()
    c.stated.clear()
    c.values[("t3", "other_no_correction", "natural")] = 1
    c.values[("t3", "other_misc", "natural")] = 1
    c.values[("t3", "other_misc", "commercial")] = 1
    case_c = Case("r2021-other-one-row", c, ["江南市云溪区市场监督管理局2021年政府信息公开工作年度报告"], other_one_row=True)
    case_d = Case("r2021-edges", a.copy(), ["江南市云溪区市场监督管理局", "2021年政府信息公开工作年度报告"],
                  printed={("t2_8", "fees", "amount"): "251000元"}, blank_totals={("t3", "carried_in", "total")},
                  align="edges", kinds=("docx", "pdf"))
    return [case_a, case_b, case_c, case_d]


# --------------------------------------------------------------------------- what is printed


def cell_text(case: Case, table: Table, row: str, column: str, blank: str) -> str:
    key = (table.id, row, column)
    if key in case.printed:
        return case.printed[key]
    if key in case.blank_totals:
        return blank
    value = cell_values(case.draft, table)[(row, column)]
    return blank if value is None else format_value(table.column(column).kind, value)


def header_label(case: Case, text: str) -> str:
    if case.split_headers and text.startswith("本年新"):
        return "本年新\n" + text[3:]
    return text


def section2_grid(case: Case, blank: str) -> Grid:
    definition = case.draft.definition
    tables = [definition.table(t) for t in definition.section("2").tables]
    width = 1 + max(len(t.columns) for t in tables)
    grid: Grid = []
    for table in tables:
        spans = [1] * len(table.columns)
        spans[-1] += width - 1 - len(table.columns)
        grid.append([(table.title, 1, width)])
        grid.append([("信息内容", 1, 1)] + [(header_label(case, c.label), 1, s) for c, s in zip(table.columns, spans, strict=True)])
        for row in table.rows:
            grid.append([(row.label, 1, 1)] + [(cell_text(case, table, row.id, c.id, blank), 1, s) for c, s in zip(table.columns, spans, strict=True)])
    return grid


def table_grid(case: Case, table: Table, blank: str) -> Grid:
    grid: Grid = [[(header_label(case, h.text), h.rowspan, h.colspan) for h in header] for header in table.header]
    rows = list(table.rows)
    if case.other_one_row and table.id == "t3":
        first = next(i for i, r in enumerate(rows) if r.id.startswith("other_"))
        rows = [r for r in rows if not r.id.startswith("other_")]
        rows.insert(first, Row(ONE_ROW, ("三、本年度办理结果", "（六）其他处理"), ""))
    for index, row in enumerate(rows):
        line: list[tuple[str, int, int]] = []
        for level, label in enumerate(row.labels):
            previous = rows[index - 1] if index else None
            if previous is not None and len(previous.labels) > level + 1 and previous.labels[: level + 1] == row.labels[: level + 1] and level < len(row.labels) - 1:
                continue  # covered by the merged cell above
            span_down = 1
            if level < len(row.labels) - 1:
                for below in rows[index + 1 :]:
                    if len(below.labels) > level + 1 and below.labels[: level + 1] == row.labels[: level + 1]:
                        span_down += 1
                    else:
                        break
            across = table.label_columns - level if level == len(row.labels) - 1 else 1
            line.append((label, span_down, across))
        if row.id == ONE_ROW:
            values = cell_values(case.draft, table)
            for column in table.columns:
                parts = [values[(r.id, column.id)] for r in table.rows if r.id.startswith("other_")]
                line.append((str(sum(p or 0 for p in parts)) if any(p is not None for p in parts) else blank, 1, 1))
        else:
            line += [(cell_text(case, table, row.id, c.id, blank), 1, 1) for c in table.columns]
        grid.append(line)
    return grid


def blocks(case: Case, blank: str) -> list[tuple[str, object]]:
    """The report as printed: ("title", lines), ("h", text), ("p", text), ("table", grid), ("sign", lines)."""
    d = case.draft
    definition = d.definition
    out: list[tuple[str, object]] = [("title", case.title)]
    for paragraph in d.text("preface").split("\n"):
        out.append(("p", paragraph))
    for section in definition.sections:
        out.append(("h", section.heading))
        if section.id == "1":
            for text_id in section.texts:
                field_ = definition.text(text_id)
                out.append(("h2", f"{field_.number}{d.heading(text_id)}"))
                out += [("p", p) for p in d.text(text_id).split("\n") if p]
            continue
        for text_id in section.texts:
            out += [("p", p) for p in d.text(text_id).split("\n") if p]
        if section.id == "2":
            out.append(("table", section2_grid(case, blank)))
        for table_id in section.tables if section.id != "2" else ():
            out.append(("table", table_grid(case, definition.table(table_id), blank)))
    signature = [d.signature.agency]
    if case.dated and d.signature.date:
        signature.append(f"{d.signature.date.year}年{d.signature.date.month}月{d.signature.date.day}日")
    out.append(("sign", signature))
    return out


def expected(case: Case) -> Draft:
    """The draft the importer must produce from any of the case's files."""
    draft = case.draft.copy()
    definition = draft.definition
    for table in definition.tables:
        values = cell_values(draft, table)
        for row in table.rows:
            for column in table.columns:
                if table.is_computed(row.id, column.id) and values[(row.id, column.id)] is not None:
                    draft.stated[(table.id, row.id, column.id)] = values[(row.id, column.id)]
    for key in case.blank_totals:
        draft.stated[key] = None  # printed blank while its parts are filled
    if case.other_one_row:
        table = definition.table("t3")
        values = cell_values(draft, table)
        for column in table.columns:
            if column.computed:
                continue
            parts = [values[(r, column.id)] for r in ("other_no_correction", "other_no_fee", "other_misc")]
            for r in ("other_no_correction", "other_no_fee", "other_misc"):
                draft.values.pop(("t3", r, column.id), None)
            if any(p is not None for p in parts):
                draft.values[("t3", "other_misc", column.id)] = sum(p or 0 for p in parts)
        for key in [k for k in draft.stated if k[1].startswith("other_")]:
            del draft.stated[key]
        for row in ("other_misc",):
            for column in table.columns:
                if column.computed and cell_values(draft, table)[(row, column.id)] is not None:
                    draft.stated[("t3", row, column.id)] = cell_values(draft, table)[(row, column.id)]
    if not case.dated:
        draft.signature.date = None
    return draft


# --------------------------------------------------------------------------- writers


def write_docx(case: Case, path: Path) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT_NAME
    style.font.size = Pt(11)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT_NAME)

    def paragraph(text: str, size: float = 11, center: bool = False, right: bool = False, indent: bool = False):  # type: ignore[no-untyped-def]
        p = document.add_paragraph()
        run = p.add_run(text)
        run.font.size = Pt(size)
        if center:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if indent:
            p.paragraph_format.first_line_indent = Pt(size * 2)
        return p

    for kind, content in blocks(case, ""):
        if kind == "title":
            for line in content:  # type: ignore[attr-defined]
                paragraph(line, 16, center=True)
        elif kind in ("h", "h2"):
            paragraph(str(content), 12 if kind == "h" else 11)
        elif kind == "p":
            paragraph(str(content), indent=True)
        elif kind == "sign":
            for line in content:  # type: ignore[attr-defined]
                paragraph(line, right=True)
        else:
            _docx_table(document, content, Pt, WD_ALIGN_PARAGRAPH, case.align)  # type: ignore[arg-type]
    document.save(str(path))


def _docx_table(document, grid: Grid, Pt, align, style: str = "center") -> None:  # type: ignore[no-untyped-def]
    height = len(grid)
    width = _grid_width(grid)
    table = document.add_table(rows=height, cols=width)
    table.style = "Table Grid"
    for r, c, text, rowspan, colspan in _placed(grid):
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        parts = text.split("\n")
        cell.paragraphs[0].text = ""
        for i, part in enumerate(parts):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            run = p.add_run(part)
            run.font.size = Pt(8)
            if style == "center":
                p.alignment = align.CENTER
            else:
                p.alignment = align.RIGHT if _is_value(part) else align.LEFT


def _is_value(text: str) -> bool:
    return bool(text) and (text[0].isdigit() or text in ("—", "/"))


def _grid_width(grid: Grid) -> int:
    return max(c + cs for _, c, _, _, cs in _placed(grid))


def _placed(grid: Grid) -> list[tuple[int, int, str, int, int]]:
    """(row, column, text, rowspan, colspan) with columns counted past cells merged from above."""
    taken: set[tuple[int, int]] = set()
    out = []
    for r, line in enumerate(grid):
        c = 0
        for text, rowspan, colspan in line:
            while (r, c) in taken:
                c += 1
            out.append((r, c, text, rowspan, colspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
    return out


PORTAL_NAV = """<div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/bsfw">办事服务</a> | <a href="/hdjl">互动交流</a></div>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<span>统计</span>");</script>
<style>.TRS_Editor p{line-height:2}</style>"""
PORTAL_FOOTER = """<div class="footer"><p>主办单位：江南市人民政府办公室　网站标识码：4403000001</p><p>粤ICP备00000000号</p>
<p><a href="#">网站地图</a> | <a href="#">联系我们</a></p></div><script>window.onload=function(){};</script>"""


def write_html(case: Case, path: Path, encoding: str, blank: str) -> str:
    charset = {"utf-8": "utf-8", "gbk": "gb2312"}[encoding]
    body: list[str] = []
    for kind, content in blocks(case, blank):
        if kind == "title":
            body.append('<div class="title"><h1>' + "<br/>".join(html.escape(x) for x in content) + "</h1></div>")  # type: ignore[attr-defined]
            body.append('<div class="info">' + "".join(f"<span>{html.escape(x)}</span>" for x in case.portal) + "</div>")
            body.append('<div class="TRS_Editor" id="zoom">')
        elif kind in ("h", "h2"):
            body.append(f'<p style="text-indent:2em"><strong>{html.escape(str(content))}</strong></p>')
        elif kind == "p":
            body.append(f'<p style="text-indent:2em">{html.escape(str(content))}</p>')
        elif kind == "sign":
            body.append("".join(f'<p style="text-align:right">{html.escape(x)}</p>' for x in content))  # type: ignore[attr-defined]
        else:
            rows = []
            for line in content:  # type: ignore[attr-defined]
                cells = []
                for text, rowspan, colspan in line:
                    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
                    inner = "<br>".join(html.escape(x) for x in text.split("\n")) or "&nbsp;"
                    cells.append(f'<td{attrs} style="border:1px solid #000"><p align="center"><span>{inner}</span></p></td>')
                rows.append("<tr>" + "".join(cells) + "</tr>")
            body.append('<table border="1" cellspacing="0" cellpadding="0" width="100%"><tbody>' + "\n".join(rows) + "</tbody></table>")
    body.append("</div>")
    page = (
        f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>{html.escape(''.join(case.title))}_政府信息公开</title></head><body>\n{PORTAL_NAV}\n"
        '<table width="1000" align="center"><tr><td class="left"><ul><li><a href="#">通知公告</a></li><li><a href="#">政策文件</a></li></ul></td>'
        f'<td class="main">\n{chr(10).join(body)}\n</td></tr></table>\n{PORTAL_FOOTER}\n</body></html>\n'
    )
    path.write_bytes(page.encode("gb18030" if encoding == "gbk" else "utf-8"))
    return page


def write_mhtml(page: str, path: Path) -> None:
    encoded = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    path.write_text(
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/zwgk/ndbg/t1.html\r\n"
        "Subject: report\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----MultipartBoundary--abc123----"\r\n\r\n'
        "------MultipartBoundary--abc123----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/zwgk/ndbg/t1.html\r\n\r\n"
        + encoded.replace("\n", "\r\n")
        + "\r\n\r\n------MultipartBoundary--abc123----\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: http://www.example.gov.cn/css/main.css\r\n\r\nbody{margin:0}\r\n\r\n------MultipartBoundary--abc123------\r\n",
        encoding="ascii",
        newline="",
    )


def write_text(case: Case, path: Path) -> None:
    """What a browser's select-all / copy of the web page gives: paragraphs, table rows with tabs between cells."""
    lines = list(case.portal[:1])
    for kind, content in blocks(case, ""):
        if kind in ("title", "sign"):
            lines += list(content)  # type: ignore[arg-type]
        elif kind == "table":
            for line in content:  # type: ignore[attr-defined]
                lines.append("\t".join(text.replace("\n", "") for text, _, _ in line))
        else:
            lines.append(str(content))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_pdf(docx: Path, pdf: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice (LibreOffice) not found: install libreoffice-writer-nogui")
    with tempfile.TemporaryDirectory() as home:
        fonts = Path(home) / ".fonts"
        fonts.mkdir()
        shutil.copy(FONT, fonts / FONT.name)
        env = dict(os.environ, HOME=home)
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{home}/profile", "--headless", "--convert-to", "pdf", "--outdir", home, str(docx)],
            check=True, env=env, capture_output=True, timeout=300,
        )
        shutil.move(Path(home) / (docx.stem + ".pdf"), pdf)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    for case in cases():
        save_draft_file(expected(case), OUT / f"{case.name}.expected.json")
        write_docx(case, OUT / f"{case.name}.docx")
        if "utf8.html" in case.kinds:
            page = write_html(case, OUT / f"{case.name}.utf8.html", "utf-8", "")
            write_html(case, OUT / f"{case.name}.gbk.htm", "gbk", "—" if case.name.endswith("blanks") else "/")
            write_mhtml(page, OUT / f"{case.name}.mhtml")
            write_text(case, OUT / f"{case.name}.txt")
        write_pdf(OUT / f"{case.name}.docx", OUT / f"{case.name}.pdf")
        print("wrote", case.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
