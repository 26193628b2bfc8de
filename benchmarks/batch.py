"""The collecting office's batch at the scale of a prefecture-level city.

Measures, on generated realistic batches (tools/make_batch.py):
  1. 3,000 units from draft files: check + roll-up + checklist workbook (goal <= 5 s), peak memory of
     this process plus its workers (goal < 300 MB); anchor in the same run: json.loads of the same
     files alone, and the same check in one process.
  2. 300 published PDFs: import and check with all cores (goal <= 60 s), the longest gap between
     progress reports (goal <= 1 s); anchor: the same in one process (the first 60 files).
  3. One unit, two years: comparison (goal < 200 ms) and the comparison PDF (goal < 300 ms).
Prints every figure and a SUMMARY line; exit 0 only when every goal holds.
Usage: python benchmarks/batch.py [--quick]   (--quick: 600 drafts, 40 PDFs, for a smoke run)
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import forms  # noqa: E402
from batch import check_batch, read_roster  # noqa: E402
from batch.checklist import ChecklistWorkbook  # noqa: E402
from batch.compare import compare_drafts, comparison_sheet  # noqa: E402
from batch.rollup import contributions_from, roll_up  # noqa: E402
from batch.run import unit_namer  # noqa: E402
from tools.make_batch import make_batch, random_draft  # noqa: E402

QUICK = "--quick" in sys.argv
DRAFTS = 600 if QUICK else 3000
PDFS = 40 if QUICK else 300
GOALS = {"drafts_s": 5.0, "memory_mb": 300.0, "pdfs_s": 60.0, "progress_gap_s": 1.0, "compare_ms": 200.0, "compare_pdf_ms": 300.0}


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + children) / 1024


def drafts_case(tmp: Path) -> dict[str, float]:
    folder = tmp / "drafts"
    start = time.perf_counter()
    roster = make_batch(folder, DRAFTS, seed=1)
    print(f"generated {DRAFTS} drafts in {time.perf_counter() - start:.1f} s")
    files = sorted(folder.glob("*.json"))
    start = time.perf_counter()
    for path in files:
        json.loads(path.read_bytes())
    bare = time.perf_counter() - start
    start = time.perf_counter()
    units = read_roster(roster)
    book = ChecklistWorkbook(unit_namer(units))  # as `nianbao batch check`: rows written while workers check
    result = check_batch([folder], roster=units, on_loaded=book.add_file)
    checked = time.perf_counter() - start
    rollup = roll_up(contributions_from(result.drafts()))
    book.finish(tmp / "checklist.xlsx", result, rollup)
    total = time.perf_counter() - start
    counts = result.counts()
    print(f"{DRAFTS} drafts: check {checked:.2f} s, + roll-up + workbook = {total:.2f} s (goal <= {GOALS['drafts_s']} s); "
          f"json.loads alone {bare:.2f} s; {counts}")
    single_start = time.perf_counter()
    check_batch(files[: DRAFTS // 5], workers=1)
    single = (time.perf_counter() - single_start) * 5
    print(f"  same check in one process (extrapolated from {DRAFTS // 5}): {single:.2f} s -> parallel speed-up {single / checked:.1f}x")
    return {"drafts_s": total, "memory_mb": peak_mb()}


def pdf_case(tmp: Path) -> dict[str, float]:
    from render import render_report

    folder = tmp / "pdfs"
    folder.mkdir()
    template = forms.load_draft_file(ROOT / "examples" / "sample-2021.json")
    import random

    rng = random.Random(2)
    start = time.perf_counter()
    for number in range(PDFS):
        render_report(random_draft(template, f"江南市第{number}单位", rng), folder / f"{number:03d}.pdf", reproducible=True)
    print(f"rendered {PDFS} published-style PDFs in {time.perf_counter() - start:.1f} s")
    stamps: list[float] = []
    start = time.perf_counter()
    result = check_batch([folder], progress=lambda done, total, path: stamps.append(time.perf_counter()))
    elapsed = time.perf_counter() - start
    gaps = [b - a for a, b in zip([start, *stamps], stamps, strict=False)]
    print(f"{PDFS} PDFs: imported and checked in {elapsed:.1f} s with {os.cpu_count()} cores (goal <= {GOALS['pdfs_s']} s), "
          f"{len(stamps)} progress reports, longest gap {max(gaps):.2f} s; {result.counts()}")
    sample = sorted(folder.glob("*.pdf"))[: min(60, PDFS)]
    start = time.perf_counter()
    check_batch(sample, workers=1)
    single = (time.perf_counter() - start) * PDFS / len(sample)
    print(f"  same in one process (extrapolated from {len(sample)}): {single:.1f} s -> speed-up {single / elapsed:.1f}x")
    return {"pdfs_s": elapsed, "progress_gap_s": max(gaps)}


def compare_case(tmp: Path) -> dict[str, float]:
    from render.comparison import render_comparison

    last = forms.load_draft_file(ROOT / "examples" / "sample-2021.json")
    this = last.copy()
    this.year = 2022
    this.values[("t3", "new", "natural")] = 99
    compare_drafts(last, this)
    render_comparison(comparison_sheet(compare_drafts(last, this)), tmp / "warm.pdf")
    times = []
    for _ in range(20):
        start = time.perf_counter()
        compare_drafts(last, this)
        times.append((time.perf_counter() - start) * 1000)
    pdf_times = []
    for number in range(5):
        start = time.perf_counter()
        render_comparison(comparison_sheet(compare_drafts(last, this)), tmp / f"c{number}.pdf")
        pdf_times.append((time.perf_counter() - start) * 1000)
    compare_ms, pdf_ms = statistics.median(times), statistics.median(pdf_times)
    print(f"comparison of two years: median {compare_ms:.1f} ms (goal < {GOALS['compare_ms']:.0f}); "
          f"comparison PDF: median {pdf_ms:.0f} ms (goal < {GOALS['compare_pdf_ms']:.0f})")
    return {"compare_ms": compare_ms, "compare_pdf_ms": pdf_ms}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="nianbao-batch-") as name:
        tmp = Path(name)
        figures = {**drafts_case(tmp), **compare_case(tmp), **pdf_case(tmp)}
    print(f"peak memory, this process + workers: {figures['memory_mb']:.0f} MB (goal < {GOALS['memory_mb']:.0f} MB)")
    failed = [k for k, goal in GOALS.items() if figures[k] > goal]
    verdict = "PASS" if not failed else "FAIL: " + ", ".join(failed)
    print("SUMMARY batch: " + "; ".join(f"{k} {figures[k]:.2f} (goal {GOALS[k]})" for k in GOALS) + f" -> {verdict}")
    return 0 if not failed else 1


if __name__ == "__main__":
    sys.exit(main())
