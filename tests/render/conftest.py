"""Render fixtures: the seed and 2021 examples rendered once per session with the bundled fonts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for render_helpers, whatever the import mode

from render_helpers import SAMPLE_2021, SEED, render_bytes

from forms import Draft, load_draft_file


@pytest.fixture(scope="session")
def seed_draft() -> Draft:
    return load_draft_file(SEED)


@pytest.fixture(scope="session")
def seed_pdf(seed_draft: Draft) -> tuple[bytes, object]:
    return render_bytes(seed_draft)


@pytest.fixture(scope="session")
def sample_draft() -> Draft:
    return load_draft_file(SAMPLE_2021)


@pytest.fixture(scope="session")
def sample_pdf(sample_draft: Draft) -> tuple[bytes, object]:
    return render_bytes(sample_draft)
