"""The fault-injection run of benchmarks/store_faults.py, reduced: every store-level entry, every draft file and
every draft folder damaged in every way, plus a draft file with all its backups (per-draft backups and
snapshots alone are left to the full run: damaging them leaves the draft file intact)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

FAULTS = Path(__file__).resolve().parents[2] / "benchmarks" / "store_faults.py"


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("nianbao_store_faults", FAULTS)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # dataclasses look their module up
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    finally:
        sys.path[:] = saved
    return module


def _reduced(rel: str, how: str) -> bool:
    parts = rel.split("/")
    return len(parts) <= 2 or parts[-1] in ("draft.json", "revisions.log", "revs", "backups") or how == "flip file and backups"


def test_every_damaged_entry_leaves_the_store_usable_and_loses_nothing(tmp_path: Path) -> None:
    tally = _harness().run(n_drafts=4, saves=2, seed=7, tmp=tmp_path, select=_reduced)
    assert tally.problems == []
    assert tally.ok and tally.cases >= 60
    assert tally.lost == tally.not_newest == tally.not_open == tally.not_repaired == 0
    assert tally.last_save >= tally.cases - 5  # only the draft whose last step was an autosave comes back older
    assert tally.older_copy >= 3  # that draft's file damaged as folder, empty, flipped (its newest copy is a backup)
