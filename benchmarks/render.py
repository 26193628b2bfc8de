"""Benchmark: nianbao's PDF renderer against LibreOffice converting the same report as a DOCX.

Prints the warm render time (median, fonts loaded), a fresh-process ``nianbao render``, peak
memory, the PDF size and, in the same run, ``soffice --headless --convert-to pdf`` of a DOCX with
the same text and tables (built here with python-docx), once with a reused profile and once cold.
Goals: warm render >= 20x faster than LibreOffice with a reused profile; fresh-process render
>= 4x faster than a cold LibreOffice conversion. Exit 0 only when both goals are met.

It also times the layout of long texts (the longest legal narrative is 200,000 characters): 50k,
100k and 200k characters in section 五 as one paragraph and as paragraphs of 300 characters.
Goal: every one under 5 s, growing about linearly. Without LibreOffice (``soffice``) that part
is skipped and only the long-text goal decides the exit code.

    python benchmarks/render.py [--runs 15] [--lo-runs 3] [--draft examples/longgang-2020.json] [--long-only]
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WARM_GOAL, FRESH_GOAL = 20.0, 4.0
LONG_GOAL_S = 5.0
LONG_SIZES = (50_000, 100_000, 200_000)
LONG_UNIT = "我局持续推进政务公开标准化规范化建设，全年主动公开政府信息1234条（其中“规范性文件”56件）。"
INSTALL_HINT = "apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk"


def warm_render(draft_path: Path, runs: int) -> tuple[float, int, int]:
    """Median seconds of an in-process render with fonts loaded, pages, PDF bytes."""
    from forms import load_draft_file
    from render import preload_fonts, render_report

    draft = load_draft_file(draft_path)
    preload_fonts("bundled")
    render_report(draft, io.BytesIO(), fonts="bundled")  # first build: caches, font subsets
    times, size, pages = [], 0, 0
    for _ in range(runs):
        buffer = io.BytesIO()
        start = time.perf_counter()
        result = render_report(draft, buffer, fonts="bundled")
        times.append(time.perf_counter() - start)
        size, pages = len(buffer.getvalue()), result.page_count
    return statistics.median(times), pages, size


def long_text_layout(draft_path: Path) -> list[tuple[int, str, float, int]]:
    """(characters, "one paragraph" | "paragraphs", seconds, pages) for each long-text case."""
    from forms import load_draft_file
    from render import preload_fonts, render_report

    base = load_draft_file(draft_path)
    preload_fonts("bundled")
    render_report(base, io.BytesIO(), fonts="bundled")
    out = []
    for size in LONG_SIZES:
        text = (LONG_UNIT * (size // len(LONG_UNIT) + 1))[:size]
        cases = {"one paragraph": text, "paragraphs": "\n".join(text[i : i + 300] for i in range(0, size, 300))}
        for name, body in cases.items():
            draft = base.copy()
            draft.texts["s5"] = body
            start = time.perf_counter()
            result = render_report(draft, io.BytesIO(), fonts="bundled")
            out.append((size, name, time.perf_counter() - start, result.page_count))
    return out


def print_long(rows: list[tuple[int, str, float, int]]) -> bool:
    for size, name, seconds, pages in rows:
        print(f"long text, {size:,} characters as {name}: {seconds:.2f} s, {pages} pages")
    worst = max(seconds for _s, _n, seconds, _p in rows)
    ok = worst < LONG_GOAL_S
    print(f"long texts: slowest {worst:.2f} s (goal < {LONG_GOAL_S:.0f} s): {'met' if ok else 'NOT MET'}")
    return ok


def run_measured(cmd: list[str], **kwargs: object) -> tuple[float, int, int]:
    """Wall seconds, exit code and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)  # type: ignore[call-overload]
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr.read().decode("utf-8", "replace") if proc.stderr else "")
    return elapsed, proc.returncode, usage.ru_maxrss


def fresh_render(draft_path: Path, out_dir: Path, runs: int) -> tuple[float, float, int]:
    """``python -m nianbao render`` in a new process: seconds with an empty font-metrics cache (the
    very first run after installing), median seconds once the cache is filled (every later run),
    and max peak RSS (KiB). Bytecode is compiled first, as an installed copy has it (with
    PYTHONDONTWRITEBYTECODE set every run would compile every module from source)."""
    env = {**os.environ, "NIANBAO_CACHE_DIR": str(out_dir / "font-cache"), "PYTHONPYCACHEPREFIX": str(out_dir / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    warm_up = [sys.executable, "-m", "nianbao", "render", str(draft_path), "-o", str(out_dir / "warm-up.pdf"), "--fonts", "bundled"]
    run_measured(warm_up, cwd=str(ROOT), env={**env, "NIANBAO_CACHE_DIR": str(out_dir / "font-cache-warm-up")})
    times, peak = [], 0
    for i in range(runs + 1):
        cmd = [sys.executable, "-m", "nianbao", "render", str(draft_path), "-o", str(out_dir / f"fresh{i}.pdf"), "--fonts", "bundled"]
        elapsed, code, rss = run_measured(cmd, cwd=str(ROOT), env=env)
        if code != 0:
            raise SystemExit(f"nianbao render failed (exit {code})")
        times.append(elapsed)
        peak = max(peak, rss)
    return times[0], statistics.median(times[1:]), peak


def build_docx(draft_path: Path, out: Path) -> None:
    """The same report as a Word file: title, headings, paragraphs, the merged official tables."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    from forms import cell_values, load_draft_file
    from forms.layout import table_grid
    from render.grid import stack
    from render.markup import paragraphs
    from render.tables import cell_text

    draft = load_draft_file(draft_path)
    definition = draft.definition
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)

    def para(text: str, font: str = "仿宋", size: float = 16, centre: bool = False, indent: bool = True) -> None:
        p = doc.add_paragraph()
        if centre:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent:
            p.paragraph_format.first_line_indent = Pt(2 * size)
        run = p.add_run(text)
        run.font.size = Pt(size)
        run.font.name = font
        run._element.rPr.rFonts.set(qn("w:eastAsia"), font)

    para(draft.agency, "方正小标宋简体", 22, centre=True, indent=False)
    para(f"{draft.year}年政府信息公开工作年度报告", "方正小标宋简体", 22, centre=True, indent=False)
    for line in paragraphs(draft.text("preface")):
        para(line)
    for sec in definition.sections:
        para(sec.heading, "黑体")
        for text_id in sec.texts:
            field = definition.text(text_id)
            if field.kind == "subsection":
                para(f"{field.number}{draft.heading(text_id)}", "楷体")
            for line in paragraphs(draft.text(text_id)):
                para(line)
        grids = [table_grid(definition.table(t), cell_values(draft, definition.table(t))) for t in sec.tables]
        if sec.table_layout == "stacked" and grids:
            grids = [stack(grids)]
        for grid in grids:
            table = doc.add_table(rows=grid.nrows, cols=grid.ncols)
            table.style = "Table Grid"
            for region in grid.regions:
                cell = table.cell(region.top, region.left)
                if region.bottom > region.top or region.right > region.left:
                    cell = cell.merge(table.cell(region.bottom, region.right))
                text = cell_text(region.column, region.value) if region.kind == "value" else region.text
                cell.text = text
                for run in (r for p in cell.paragraphs for r in p.runs):
                    run.font.size = Pt(10.5)
    para(draft.signature.agency or draft.agency, indent=False)
    date = draft.signature.date
    if date:
        para(f"{date.year}年{date.month}月{date.day}日", indent=False)
    doc.save(str(out))


def soffice_convert(soffice: str, docx: Path, out_dir: Path, profile: Path) -> tuple[float, int]:
    cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)]
    elapsed, code, rss = run_measured(cmd)
    if code != 0 or not (out_dir / (docx.stem + ".pdf")).exists():
        raise SystemExit(f"LibreOffice conversion failed (exit {code})")
    return elapsed, rss


def libreoffice(draft_path: Path, work: Path, runs: int) -> dict[str, float] | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    docx = work / "report.docx"
    build_docx(draft_path, docx)
    profile = work / "lo-profile"
    soffice_convert(soffice, docx, work, profile)  # creates the profile
    warm = [soffice_convert(soffice, docx, work, profile) for _ in range(runs)]
    cold = [soffice_convert(soffice, docx, work, work / f"lo-cold-{i}") for i in range(runs)]
    pages = _pdf_pages(work / "report.pdf")
    return {
        "warm": statistics.median(t for t, _ in warm),
        "cold": statistics.median(t for t, _ in cold),
        "rss": max(r for _, r in warm + cold),
        "pages": pages,
        "size": (work / "report.pdf").stat().st_size,
    }


def _accelerated() -> bool:
    from reportlab.lib import rl_accel

    return not getattr(rl_accel.fp_str, "__name__", "").startswith("_py_")


def _pdf_pages(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(path).pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draft", default=str(ROOT / "examples" / "longgang-2020.json"))
    ap.add_argument("--runs", type=int, default=15, help="warm renders (median)")
    ap.add_argument("--fresh-runs", type=int, default=5, help="fresh-process renders after the first (median)")
    ap.add_argument("--lo-runs", type=int, default=3, help="LibreOffice conversions per mode (median)")
    ap.add_argument("--long-only", action="store_true", help="only the long-text layout times")
    args = ap.parse_args(argv)
    draft = Path(args.draft)
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp:
        work = Path(tmp)
        os.environ["NIANBAO_CACHE_DIR"] = str(work / "in-process-cache")  # never the user's own cache folder
        long_ok = print_long(long_text_layout(draft))
        if args.long_only:
            return 0 if long_ok else 1
        warm, pages, size = warm_render(draft, args.runs)
        first, fresh, fresh_rss = fresh_render(draft, work, args.fresh_runs)
        print(f"warm render (median of {args.runs}, fonts loaded): {warm * 1000:.1f} ms, {pages} pages")
        print(f"fresh-process `nianbao render`, font-metrics cache empty (first run after install): {first * 1000:.0f} ms")
        print(f"fresh-process `nianbao render` (median of {args.fresh_runs}, cache filled): {fresh * 1000:.0f} ms")
        print(f"peak memory, fresh-process render: {fresh_rss / 1024:.1f} MiB")
        print(f"PDF size: {size:,} bytes")
        print(f"ReportLab C accelerator (rl_accel): {'yes' if _accelerated() else 'no (pip install rl_accel: about 20 % faster)'}")
        lo = libreoffice(draft, work, args.lo_runs)
    if lo is None:
        print(f"LibreOffice (soffice) not found: install it with `{INSTALL_HINT}` to compare (skipped).")
        print(f"SUMMARY: warm {warm * 1000:.0f} ms, fresh {fresh * 1000:.0f} ms, peak {fresh_rss / 1024:.0f} MiB, "
              f"{size // 1024} KiB; long texts {'met' if long_ok else 'NOT MET'}; LibreOffice missing, "
              "comparison skipped")
        return 0 if long_ok else 1
    print(f"LibreOffice DOCX->PDF, reused profile (median of {args.lo_runs}): {lo['warm'] * 1000:.0f} ms "
          f"({lo['pages']:.0f} pages, {lo['size']:,.0f} bytes)")
    print(f"LibreOffice DOCX->PDF, fresh profile (median of {args.lo_runs}): {lo['cold'] * 1000:.0f} ms, "
          f"peak {lo['rss'] / 1024:.0f} MiB")
    warm_ratio, fresh_ratio = lo["warm"] / warm, lo["cold"] / fresh
    ok = warm_ratio >= WARM_GOAL and fresh_ratio >= FRESH_GOAL and long_ok
    print(f"SUMMARY: warm {warm * 1000:.0f} ms = {warm_ratio:.1f}x faster than LibreOffice {lo['warm'] * 1000:.0f} ms "
          f"(goal {WARM_GOAL:.0f}x); fresh {fresh * 1000:.0f} ms = {fresh_ratio:.1f}x faster than cold LibreOffice "
          f"{lo['cold'] * 1000:.0f} ms (goal {FRESH_GOAL:.0f}x); long texts {'met' if long_ok else 'NOT MET'}; peak {fresh_rss / 1024:.0f} MiB; PDF {size // 1024} KiB; "
          f"{'GOALS MET' if ok else 'GOALS NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
