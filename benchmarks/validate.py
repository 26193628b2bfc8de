"""Validation speed on the full seed report (goal: median under 5 ms).

Prints the median and p95 of `validate()` on the already-loaded draft (what the wizard runs after
each edit), of loading + validating the file (what `nianbao validate` does), and, for comparison in
the same run, of a bare `json.loads` of the same file. Exit 0 when the goal is met.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from forms import load_draft_file, load_format, validate  # noqa: E402

SEED = ROOT / "examples" / "longgang-2020.json"
GOAL_MS = 5.0
RUNS = 300


def timed(function, runs: int = RUNS) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def describe(name: str, samples: list[float]) -> float:
    median = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[-1]
    print(f"{name:<40} median {median:7.3f} ms   p95 {p95:7.3f} ms   ({len(samples)} runs)")
    return median


def main() -> int:
    for fid in ("2019", "2021"):
        load_format(fid)  # definitions are cached once per process, as in the app
    draft = load_draft_file(SEED)
    previous = load_draft_file(SEED)
    raw = SEED.read_text(encoding="utf-8")
    findings = validate(draft)
    print(f"seed report: {SEED.name}, {len(findings)} findings ({sum(f.is_error for f in findings)} errors)")
    median = describe("validate(draft)", timed(lambda: validate(draft)))
    describe("validate(draft, previous=last year)", timed(lambda: validate(draft, previous=previous)))
    describe("load file + validate", timed(lambda: validate(load_draft_file(SEED))))
    describe("json.loads only (reference)", timed(lambda: json.loads(raw)))
    ok = median < GOAL_MS
    print(f"SUMMARY validate: median {median:.2f} ms vs goal < {GOAL_MS} ms -> {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
