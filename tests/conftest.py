"""Shared test fixtures: paths of the repository and its examples."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED_EXAMPLE = ROOT / "examples" / "longgang-2020.json"
SAMPLE_2021 = ROOT / "examples" / "sample-2021.json"


@pytest.fixture
def seed_path() -> Path:
    return SEED_EXAMPLE


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE_2021
