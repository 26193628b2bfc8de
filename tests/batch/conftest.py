"""Batches of units' reports built in tmp_path from the generator the benchmarks use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_batch import make_batch  # noqa: E402


@pytest.fixture
def small_batch(tmp_path: Path) -> tuple[Path, Path]:
    """12 consistent drafts (a city, a district, its departments) and their roster."""
    folder = tmp_path / "units"
    roster = make_batch(folder, 12, seed=7)
    return folder, roster
