"""Import speed: the seed report's text and PDFs of both examples rendered by our renderer.

Goals (a clerk waits for this once, on day one): text under 0.2 s, PDF under 1 s (median).
For comparison in the same run, the time pypdf alone needs to extract the PDF's text.
Exit 0 when the goals are met.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import forms  # noqa: E402
import importer  # noqa: E402
import render  # noqa: E402

SEED_TEXT = ROOT / "tests" / "importer" / "data" / "seed-longgang-2020.txt"
EXAMPLES = [ROOT / "examples" / "longgang-2020.json", ROOT / "examples" / "sample-2021.json"]
GOAL_TEXT_S, GOAL_PDF_S = 0.2, 1.0
RUNS = 15


def median_seconds(function, runs: int = RUNS) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    text_s = median_seconds(lambda: importer.import_report(SEED_TEXT))
    print(f"seed text ({SEED_TEXT.name}):{'':16} median {text_s * 1000:7.1f} ms")
    pdf_times = []
    with tempfile.TemporaryDirectory() as folder:
        for example in EXAMPLES:
            pdf = Path(folder) / f"{example.stem}.pdf"
            render.render_report(forms.load_draft_file(example), pdf, reproducible=True)
            seconds = median_seconds(lambda: importer.import_report(pdf))
            from pypdf import PdfReader

            extract = median_seconds(lambda: [p.extract_text() for p in PdfReader(pdf).pages])
            pdf_times.append(seconds)
            print(f"our PDF of {example.name}:{'':8} median {seconds * 1000:7.1f} ms (pypdf text extraction alone {extract * 1000:.1f} ms)")
    ok = text_s < GOAL_TEXT_S and max(pdf_times) < GOAL_PDF_S
    print(
        f"SUMMARY importer: text {text_s * 1000:.0f} ms (goal < {GOAL_TEXT_S * 1000:.0f} ms), "
        f"PDF up to {max(pdf_times) * 1000:.0f} ms (goal < {GOAL_PDF_S * 1000:.0f} ms) -> {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
