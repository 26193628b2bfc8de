"""What makes a render fast must not change it: each shortcut against the long way it replaces."""

from __future__ import annotations

import io
import subprocess
import sys

from render_helpers import ROOT, render_bytes
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from render import font_set, render_report
from render.linebreak import char_widths
from render.markup import markup
from render.styles import build_styles
from render.tables import CellParagraph

TEXTS = (
    "本机关2020年度共收到政府信息公开申请1234件，其中“依申请公开”56件（WCAG2.0AA），占比4.5%。",
    "三、本年度办理结果（一）予以公开",
    "朱镕基与王喆、李堃在𠮷野家吃饭。A&B <b>x</b> \u3000全角空格",
    "",
    " ",
)


def test_char_widths_are_reportlabs_widths():
    fonts = font_set("bundled")
    for role in ("body", "heading1", "heading2", "title", "fallback"):
        fonts.cmap(role)  # registers the font (the fallback is registered when first needed)
        name = fonts.names[role]
        for size in (16.0, 10.5, 12.0, 7.25):
            for text in TEXTS:
                expected = [pdfmetrics.stringWidth(ch, name, size) for ch in text]
                assert char_widths(text, name, size) == expected  # first time: measured
                assert char_widths(text, name, size) == expected  # then: remembered


def _runs_one_by_one(fonts, text: str, role: str) -> list[tuple[str, str]]:
    """The run split character by character (no shortcut)."""
    out: list[tuple[str, str]] = []
    for ch in text:
        own = ch.isspace() or ord(ch) in fonts.cmap(role)
        name = fonts.names[role] if own else (fonts.font_for(ch, role) or fonts.names["fallback"])
        if out and out[-1][0] == name:
            out[-1] = (name, out[-1][1] + ch)
        else:
            out.append((name, ch))
    return out


def test_font_runs_shortcut_gives_the_same_runs():
    fonts = font_set("bundled")
    for role in ("body", "heading1", "heading2", "title", "folio"):
        for text in (*TEXTS, "— 12 —", "镕" * 3 + "正文", "正文" + "堃"):
            assert fonts.runs(text, role) == _runs_one_by_one(fonts, text, role), (role, text)
            assert fonts.runs(text, role) == _runs_one_by_one(fonts, text, role), (role, text)  # all characters known now


def _lines(para: Paragraph) -> list[object]:
    """A wrapped paragraph's lines as plain values: (free space, text, font) of each piece."""
    bl = para.blPara
    if bl.kind == 0:
        return [(extra, tuple(words)) for extra, words in bl.lines]
    return [(line.extraSpace, tuple((w.text, w.fontName) for w in line.words)) for line in bl.lines]


def test_cell_paragraph_wraps_as_paragraph_does():
    fonts = font_set("bundled")
    styles = build_styles(fonts)
    for style in (styles["cell"], styles["cell_label"], styles["cell_large"]):
        for text in TEXTS[:3]:
            cell = CellParagraph(markup(text, fonts, style.role), style)
            plain = Paragraph(markup(text, fonts, style.role), style)
            for width in (91.2, 91.2, 24.48, 24.48, 300.0, 0.0, 300.0, 91.2, 91.2):  # a width again: from the memo
                got, want = cell.wrap(width, 10_000), plain.wrap(width, 10_000)
                assert got == want, (text, width)
                if width:
                    assert _lines(cell) == _lines(plain), (text, width)
                    assert cell._wrapWidths == plain._wrapWidths and cell.width == plain.width


def test_repeated_renders_give_the_bytes_of_a_fresh_process(seed_draft, tmp_path):
    """Subsets, their streams, widths and wrapped cells are remembered between renders: the tenth
    render in a process is the same file as the only render of a process with no caches at all."""
    for _ in range(3):
        pdf, _result = render_bytes(seed_draft)
    pdf_uncompressed = io.BytesIO()
    render_report(seed_draft, pdf_uncompressed, fonts="bundled", reproducible=True, compress=False)
    out = tmp_path / "fresh.pdf"
    code = (
        "import sys\nfrom forms import load_draft_file\nfrom render import render_report\n"
        "draft = load_draft_file(sys.argv[1])\n"
        "render_report(draft, sys.argv[2], fonts='bundled', reproducible=True)\n"
        "render_report(draft, sys.argv[2] + '.raw', fonts='bundled', reproducible=True, compress=False)\n"
    )
    env_off = {"NIANBAO_CACHE_DIR": ""}
    import os

    subprocess.run([sys.executable, "-c", code, str(ROOT / "examples" / "longgang-2020.json"), str(out)],
                   cwd=ROOT, env={**os.environ, **env_off}, check=True)
    assert pdf == out.read_bytes()
    assert pdf_uncompressed.getvalue() == (tmp_path / "fresh.pdf.raw").read_bytes()


def test_reportlab_imported_without_its_unused_work():
    """In a fresh process: the URL and CJK patterns compile when first used and give ReportLab's
    results; Pillow loads when an image needs it; ``re.compile`` is left as it was."""
    code = (
        "import re, sys\n"
        "compile_before = re.compile\n"
        "import render\n"
        "from reportlab.platypus import paragraph\n"
        "from reportlab.lib import textsplit\n"
        "from render.rl_import import LazyPattern\n"
        "assert re.compile is compile_before\n"
        "assert isinstance(paragraph.uri_pat, LazyPattern) and isinstance(textsplit.rx, LazyPattern)\n"
        "assert type(sys.modules['PIL.Image']).__name__ == '_LazyModule'\n"
        "pairs = paragraph._uri_split_pairs('https://example.com/a/b')\n"
        "assert pairs == [('https://example.com/a/', 'b'), ('https://example.com/', 'a/b'), ('https://', 'example.com/a/b')], pairs\n"
        "assert paragraph._uri_split_pairs('not a url') is None\n"
        "assert textsplit.rx.sub(r'\\1 ', '中文ab') == '中 文 ab'\n"
        "from PIL import Image\n"
        "assert Image.new('RGB', (3, 2)).size == (3, 2)\n"
        "from reportlab.lib.utils import ImageReader\n"
        "import io\n"
        "buf = io.BytesIO(); Image.new('RGB', (4, 5)).save(buf, 'PNG'); buf.seek(0)\n"
        "assert ImageReader(buf).getSize() == (4, 5)\n"
        "from reportlab.lib import PyFontify\n"
        "assert type(PyFontify).__name__ == '_LazyModule'\n"
        "from reportlab.platypus.xpreformatted import PythonPreformatted\n"
        "from reportlab.lib.styles import getSampleStyleSheet\n"
        "p = PythonPreformatted('def f(x):\\n    return x', getSampleStyleSheet()['Code'])\n"
        "assert p.wrap(400, 400)[1] > 0 and PyFontify.fontify('def f(): pass')\n"
        "print('ok')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
