"""Helpers for the output tests: LibreOffice and headless Chromium with the bundled fonts, axe-core.

Neither program ships Chinese fonts, and the Windows font names our .docx and .html ask for
(仿宋_GB2312, 黑体, ...) exist only on Windows. A private fontconfig file maps those names to the
fonts bundled in render/fonts, so LibreOffice and Chromium draw what Word and a browser on a
clerk's PC would, with the same faces as our PDF.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "render" / "fonts"
AXE = ROOT / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"

ALIASES = {
    "FandolFang": ("仿宋_GB2312", "仿宋", "FangSong", "STFangsong"),
    "FandolKai": ("楷体_GB2312", "楷体", "KaiTi", "STKaiti"),
    "Noto Sans CJK SC": ("黑体", "SimHei", "Heiti SC"),
    "Noto Serif CJK SC": ("方正小标宋简体", "方正小标宋_GBK", "华文中宋", "宋体", "SimSun"),
}


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def font_env(tmp: Path) -> dict[str, str]:
    """Environment with a fontconfig file that adds the bundled fonts and the Windows names."""
    aliases = "\n".join(
        f'<alias binding="same"><family>{name}</family><prefer><family>{face}</family></prefer></alias>'
        for face, names in ALIASES.items() for name in names
    )
    conf = tmp / "fonts.conf"
    conf.write_text(
        f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>{FONTS}</dir>
  <cachedir>{tmp / "fc-cache"}</cachedir>
  <selectfont><rejectfont><glob>*Folio*</glob></rejectfont></selectfont>
  {aliases}
</fontconfig>
""",
        encoding="utf-8",
    )
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(conf)
    env["HOME"] = str(tmp)  # LibreOffice and Chromium keep their profiles here, never in the user's
    return env


def convert_with_soffice(source: Path, fmt: str, tmp: Path) -> Path:
    """``soffice --headless --convert-to fmt``; returns the converted file."""
    out = tmp / "soffice-out"
    out.mkdir(exist_ok=True)
    profile = tmp / "soffice-profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt, "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=240, env=font_env(tmp),
    )
    target = out / f"{source.stem}.{fmt.split(':')[0]}"
    assert target.exists(), f"LibreOffice wrote no {target.name}"
    return target


def chromium_run(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={tmp / 'chromium'}", *args],
        check=False, capture_output=True, text=True, timeout=180, env=font_env(tmp),
    )


def screenshot(page: Path, png: Path, tmp: Path, width: int = 900, height: int = 2600) -> Path:
    chromium_run([f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()], tmp)
    assert png.exists() and png.stat().st_size > 1000, "Chromium wrote no screenshot"
    return png


def axe_check(html: str, tmp: Path) -> dict:
    """Run axe-core on ``html`` inside headless Chromium; returns {"violations": [...], "passes": n}.

    The page forbids scripts with its Content-Security-Policy (as it should); for the check only,
    that one meta element is left out and axe plus a runner are appended, which write the result
    into the DOM that ``--dump-dom`` prints once the virtual time budget has run out."""
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", html, count=1)
    runner = (
        "<script>" + AXE.read_text(encoding="utf-8").replace("</script", "<\\/script") + "</script>\n"
        "<script>axe.run(document).then(function (r) {"
        " var pre = document.createElement('pre'); pre.id = 'axe-result';"
        " pre.textContent = JSON.stringify({passes: r.passes.length, violations: r.violations.map(function (v) {"
        "  return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.html; })}; })});"
        " document.body.appendChild(pre); });</script>\n"
    )
    path = tmp / "axe-page.html"
    path.write_text(page.replace("</body>", runner + "</body>"), encoding="utf-8")
    done = chromium_run(["--virtual-time-budget=30000", "--dump-dom", path.as_uri()], tmp)
    match = re.search(r'<pre id="axe-result">(.*?)</pre>', done.stdout, re.DOTALL)
    assert match, f"axe did not report (chromium stderr: {done.stderr[-500:]})"
    import html as html_module

    return json.loads(html_module.unescape(match.group(1)))


# --------------------------------------------------------------------------- drafts and read-back

MARKUP = '<b>粗体</b> & <script>alert("x")</script> <img src=x onerror=1> &amp; &lt; \'引号\' "双引号"'
RARE = "𠮷 堃 镕 喆"


def hostile_draft():  # type: ignore[no-untyped-def]
    """A 2019-format draft with markup characters, rare characters, a 20,000-character section and
    9-digit numbers in every input cell (money at its maximum)."""
    import forms
    from forms.limits import COUNT_MAX as MAX_COUNT
    from forms.limits import MONEY_MAX as MAX_MONEY

    draft = forms.new_draft(f"{RARE}市<政务>&局", 2020, "2019")
    draft.signature.agency = f"{RARE}市<政务>&局"
    long_text = ("政务公开" + RARE.replace(" ", "") + "，") * 2000  # 20,000 characters, no line break
    draft.texts["preface"] = MARKUP
    draft.texts["s1.active"] = long_text[:20_000]
    draft.texts["s5"] = f"第一段{MARKUP}\n\n第二段{RARE}"
    draft.headings["s1.management"] = f"管理<情况>&{RARE}"
    for table in draft.definition.tables:
        for row, column in table.input_cells():
            if column.kind == "money":
                value = MAX_MONEY
            elif column.kind == "signed":
                value = -MAX_COUNT
            else:
                value = MAX_COUNT
            draft.set_value(table.id, row.id, column.id, value)
    return draft


def outline_texts(draft) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text of the outline outside tables, in order: title lines, headings, paragraphs, signature."""
    from render.outline import Heading, Paragraph, Signature, Title, build_outline

    out: list[str] = []
    for block in build_outline(draft).blocks:
        if isinstance(block, Title):
            out += list(block.lines)
        elif isinstance(block, Heading) or isinstance(block, Paragraph) and block.text:
            out.append(block.text)
        elif isinstance(block, Signature):
            out += [t for t in (block.agency, block.date) if t]
    return out


def docx_body(path: Path) -> tuple[list[str], list[list[list[str]]]]:
    """A .docx read back with python-docx: its non-empty paragraphs and each table as a matrix of
    grid cells (a merged cell's text in its top-left cell, "" in the cells it covers)."""
    from docx import Document
    from docx.oxml.ns import qn

    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs if p.text]
    tables = []
    for tbl in doc.element.body.iter(qn("w:tbl")):
        matrix = []
        for tr in tbl.iter(qn("w:tr")):
            row: list[str] = []
            for tc in tr.iter(qn("w:tc")):
                pr = tc.find(qn("w:tcPr"))
                span_el = pr.find(qn("w:gridSpan")) if pr is not None else None
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                merge = pr.find(qn("w:vMerge")) if pr is not None else None
                continued = merge is not None and merge.get(qn("w:val")) in (None, "continue")
                text = "" if continued else "".join(t.text or "" for t in tc.iter(qn("w:t")))
                row += [text] + [""] * (span - 1)
            matrix.append(row)
        tables.append(matrix)
    return paragraphs, tables


def grid_matrix(grid) -> list[list[str]]:  # type: ignore[no-untyped-def]
    """The grid as printed: each region's text in its top-left cell."""
    from render.tables import cell_text

    matrix = [[""] * grid.ncols for _ in range(grid.nrows)]
    for region in grid.regions:
        matrix[region.top][region.left] = cell_text(region.column, region.value) if region.kind == "value" else region.text
    return matrix
