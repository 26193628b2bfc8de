"""Benchmark: each output of the seed report, in process, beside the PDF's time in the same run.

For Word (.docx), web page (.html), spreadsheet (.xlsx) and the PDF: the first build in this
process (imports included: what the first export after start-up costs), then the median of warm
builds to memory. Goal: each non-PDF output < 150 ms warm. Exit 0 only when every goal is met.

    python benchmarks/export.py [--runs 15] [--draft examples/longgang-2020.json]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_MS = 150.0


def writers() -> dict[str, object]:
    """Output name -> function(draft, binary file); imported lazily so the first build shows import cost."""

    def pdf(draft, out):  # type: ignore[no-untyped-def]
        from render import render_report

        render_report(draft, out, fonts="bundled")

    def docx(draft, out):  # type: ignore[no-untyped-def]
        from render.word import write_docx

        write_docx(draft, out)

    def html(draft, out):  # type: ignore[no-untyped-def]
        from render.web import write_html

        write_html(draft, out)

    def xlsx(draft, out):  # type: ignore[no-untyped-def]
        from render.sheet import write_sheet

        write_sheet(draft, out)

    return {"PDF (.pdf)": pdf, "Word (.docx)": docx, "web page (.html)": html, "spreadsheet (.xlsx)": xlsx}


def measure(write, draft, runs: int) -> tuple[float, float, int]:  # type: ignore[no-untyped-def]
    """(first build ms, median warm ms, bytes)."""
    buffer = io.BytesIO()
    start = time.perf_counter()
    write(draft, buffer)
    first = (time.perf_counter() - start) * 1000
    times = []
    for _ in range(runs):
        buffer = io.BytesIO()
        start = time.perf_counter()
        write(draft, buffer)
        times.append((time.perf_counter() - start) * 1000)
    return first, statistics.median(times), len(buffer.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--draft", type=Path, default=ROOT / "examples" / "longgang-2020.json")
    args = parser.parse_args()
    from forms import load_draft_file

    draft = load_draft_file(args.draft)
    print(f"draft: {args.draft.name}, {args.runs} warm runs each, same process")
    print(f"{'output':<22}{'first (imports)':>17}{'warm median':>14}{'size':>12}")
    ok = True
    for name, write in writers().items():
        first, warm, size = measure(write, draft, args.runs)
        goal = "" if name.startswith("PDF") else ("  ok" if warm < GOAL_MS else f"  OVER {GOAL_MS:.0f} ms")
        ok &= name.startswith("PDF") or warm < GOAL_MS
        print(f"{name:<22}{first:>14.1f} ms{warm:>11.1f} ms{size:>10,} B{goal}")
    print(f"SUMMARY: every output < {GOAL_MS:.0f} ms warm: {'GOALS MET' if ok else 'GOAL MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
