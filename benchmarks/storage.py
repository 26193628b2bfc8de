"""Storage benchmark: autosave latency p50/p95 with 1, 50 and 200 drafts of 50 revisions each,
open time and size on disk; plus the same autosave against one whole-file TinyDB, for comparison.

Goal: autosave p95 <= 30 ms at 200 drafts. Exit 0 only when met. Run: python benchmarks/storage.py
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

# This file is named like the package it measures: keep its own folder off the import path.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import forms  # noqa: E402
import storage  # noqa: E402
from storage.atomic import atomic_write, seal, unseal  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "longgang-2020.json"
GOAL_P95_MS = 30.0
REVISIONS = 50
AUTOSAVES = 200


def sample_draft() -> forms.Draft:
    draft = forms.load_draft_file(EXAMPLE)
    for key in list(draft.texts):  # about 3x the seed's text: a long but realistic report
        draft.texts[key] = (draft.texts[key] + "\n") * 3
    return draft


def build_store(root: Path, n_drafts: int) -> None:
    """One draft with 50 explicit saves, copied n times (fast setup; every copy is a real draft folder)."""
    draft = sample_draft()
    with storage.open_store(root) as store:
        first = store.create(draft)
        for i in range(REVISIONS - 1):
            draft.set_value("t3", "carried_in", "natural", i)
            store.save(first, draft, explicit=True)
    for _ in range(n_drafts - 1):
        shutil.copytree(root / "drafts" / first, root / "drafts" / uuid.uuid4().hex)


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def dir_size(root: Path) -> int:
    seen: dict[int, int] = {}  # backups are hard links: count each file once
    for p in root.rglob("*"):
        if p.is_file():
            st = p.stat()
            seen[st.st_ino] = st.st_size
    return sum(seen.values())


def measure(n_drafts: int) -> dict[str, float]:
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    root = tmp / "草稿 数据"
    try:
        build_store(root, n_drafts)
        t0 = time.perf_counter()
        store = storage.open_store(root)
        open_ms = (time.perf_counter() - t0) * 1000
        assert not store.read_only and len(store.list_drafts()) == n_drafts, store.open_report
        ids = [s.id for s in store.list_drafts()]
        drafts = {i: store.load(i) for i in ids[:20]}
        rng = random.Random(1)
        latencies = []
        for n in range(AUTOSAVES):
            draft_id = rng.choice(list(drafts))
            draft = drafts[draft_id]
            draft.set_value("t3", "carried_in", "commercial", n)
            t0 = time.perf_counter()
            store.save(draft_id, draft, explicit=False)
            latencies.append((time.perf_counter() - t0) * 1000)
        explicit = []
        for n in range(30):
            draft_id = rng.choice(list(drafts))
            drafts[draft_id].set_value("t3", "carried_in", "research", n)
            t0 = time.perf_counter()
            store.save(draft_id, drafts[draft_id], explicit=True)
            explicit.append((time.perf_counter() - t0) * 1000)
        store.close()
        return {"p50": statistics.median(latencies), "p95": percentile(latencies, 0.95), "explicit_p95": percentile(explicit, 0.95),
                "open_ms": open_ms, "size_mb": dir_size(root) / 1e6}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def whole_file_baseline(n_drafts: int) -> tuple[float, float]:
    """Autosave in ONE TinyDB-style file holding every draft and its revisions: read, change, rewrite."""
    content = forms.draft_to_dict(sample_draft())
    data = {"drafts": {str(i): {"content": content, "revisions": [content] * REVISIONS} for i in range(n_drafts)}}
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-bench-"))
    path = tmp / "store.json"
    try:
        atomic_write(path, seal(data))
        times = []
        for n in range(5):
            t0 = time.perf_counter()
            loaded = unseal(path.read_bytes())
            loaded["drafts"]["0"]["content"]["agency"] = f"x{n}"
            atomic_write(path, seal(loaded))
            times.append((time.perf_counter() - t0) * 1000)
        return statistics.median(times), path.stat().st_size / 1e6
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    print(f"autosave latency, {REVISIONS} revisions per draft, {AUTOSAVES} autosaves each (layout: one TinyDB file per draft + index)")
    results = {}
    for n in (1, 50, 200):
        r = results[n] = measure(n)
        print(f"  {n:>3} drafts: autosave p50 {r['p50']:6.2f} ms  p95 {r['p95']:6.2f} ms  | explicit save p95 {r['explicit_p95']:6.2f} ms"
              f"  | open {r['open_ms']:7.1f} ms  | on disk {r['size_mb']:7.2f} MB")
    base_ms, base_mb = whole_file_baseline(200)
    print(f"  comparison, one whole-file store (200 drafts x {REVISIONS} revisions inline, {base_mb:.1f} MB): autosave median {base_ms:.0f} ms")
    ok = results[200]["p95"] <= GOAL_P95_MS
    print(f"SUMMARY storage: autosave p95 at 200 drafts = {results[200]['p95']:.2f} ms (goal <= {GOAL_P95_MS:.0f} ms): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
