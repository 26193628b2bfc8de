"""Fixtures for the importer tests: the real seed text and the reference transcriptions."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for import_helpers, whatever the import mode

from forms import Draft, load_draft_file

ROOT = Path(__file__).resolve().parents[2]
#: A copy of ../shared/seeds/000_ed7106d1e1bd4d65.txt (the real 2020 report as extracted from its PDF), byte for byte.
SEED = Path(__file__).with_name("data") / "seed-longgang-2020.txt"


@pytest.fixture(scope="session")
def seed_txt_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_txt_path: Path) -> str:
    return seed_txt_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def longgang() -> Draft:
    return load_draft_file(ROOT / "examples" / "longgang-2020.json")


@pytest.fixture(scope="session")
def sample2021() -> Draft:
    path = ROOT / "examples" / "sample-2021.json"
    if not path.exists():
        pytest.skip("examples/sample-2021.json not written yet")
    return load_draft_file(path)


