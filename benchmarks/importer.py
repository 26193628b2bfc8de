"""Import speed: the seed report's text, PDFs of both examples rendered by our renderer, and the test
corpus (a full report as a web page, a Word file and a LibreOffice PDF).

Goals (a clerk waits for this once, on day one): text under 0.2 s, PDF under 1 s, a web page or a Word
file under 0.3 s (median, in-process). A batch of 100 reports imported in one process (the corpus, all
kinds in turn) reports its median and p95 per report. Exit 0 when the goals are met.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import forms  # noqa: E402 - project root put on sys.path above
import importer  # noqa: E402 - project root put on sys.path above
import render  # noqa: E402 - project root put on sys.path above

SEED_TEXT = ROOT / "tests" / "importer" / "data" / "seed-longgang-2020.txt"
EXAMPLES = [ROOT / "examples" / "longgang-2020.json", ROOT / "examples" / "sample-2021.json"]
CORPUS = ROOT / "tests" / "importer" / "data" / "corpus"
GOAL_TEXT_S, GOAL_PDF_S, GOAL_PAGE_S = 0.2, 1.0, 0.3
RUNS = 15
BATCH = 100


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
            seconds = median_seconds(lambda pdf=pdf: importer.import_report(pdf))
            from pypdf import PdfReader

            extract = median_seconds(lambda pdf=pdf: [p.extract_text() for p in PdfReader(pdf).pages])
            pdf_times.append(seconds)
            print(f"our PDF of {example.name}:{'':8} median {seconds * 1000:7.1f} ms (pypdf text extraction alone {extract * 1000:.1f} ms)")
    page_times = []
    for name in ("r2021-blanks.utf8.html", "r2021-blanks.gbk.htm", "r2021-blanks.mhtml", "r2021-blanks.docx"):
        seconds = median_seconds(lambda name=name: importer.import_report(CORPUS / name))
        page_times.append(seconds)
        print(f"{name}:{'':18} median {seconds * 1000:7.1f} ms")
    corpus_pdf = median_seconds(lambda: importer.import_report(CORPUS / "r2021-blanks.pdf"), 5)
    print(f"r2021-blanks.pdf (LibreOffice):{'':6} median {corpus_pdf * 1000:7.1f} ms")
    files = sorted(p for p in CORPUS.iterdir() if not p.name.endswith((".json", ".py")))
    batch = []
    for index in range(BATCH):
        start = time.perf_counter()
        importer.import_report(files[index % len(files)])
        batch.append(time.perf_counter() - start)
    batch.sort()
    p95 = batch[int(0.95 * (len(batch) - 1))]
    print(f"batch of {BATCH} reports ({len(files)} files, every kind): median {statistics.median(batch) * 1000:.1f} ms, "
          f"p95 {p95 * 1000:.1f} ms, total {sum(batch):.1f} s")
    ok = text_s < GOAL_TEXT_S and max(pdf_times + [corpus_pdf]) < GOAL_PDF_S and max(page_times) < GOAL_PAGE_S
    print(
        f"SUMMARY importer: text {text_s * 1000:.0f} ms (goal < {GOAL_TEXT_S * 1000:.0f} ms), "
        f"PDF up to {max(pdf_times + [corpus_pdf]) * 1000:.0f} ms (goal < {GOAL_PDF_S * 1000:.0f} ms), "
        f"web page / Word up to {max(page_times) * 1000:.0f} ms (goal < {GOAL_PAGE_S * 1000:.0f} ms), "
        f"batch median {statistics.median(batch) * 1000:.0f} ms p95 {p95 * 1000:.0f} ms -> {'PASS' if ok else 'FAIL'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
