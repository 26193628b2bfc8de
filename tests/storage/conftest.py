"""Fixtures for storage tests (the root conftest keeps every test out of the real per-user folders)."""

from __future__ import annotations

from pathlib import Path

import pytest

import forms
import storage

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "longgang-2020.json"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """A store folder whose path has Chinese characters and a space."""
    return tmp_path / "草稿 存放"


@pytest.fixture
def store(root: Path):
    s = storage.open_store(root)
    yield s
    s.close()


@pytest.fixture
def example() -> forms.Draft:
    return forms.load_draft_file(EXAMPLE)


def _small_draft(value: int = 1, agency: str = "某某县人民政府办公室", year: int = 2023) -> forms.Draft:
    draft = forms.new_draft(agency, year)
    draft.set_value("t3", "carried_in", "natural", value)
    draft.texts["s5"] = "存在问题：无。"
    return draft


@pytest.fixture
def make_draft():
    """make_draft(value=1, agency=..., year=2023): a small 2021-format draft with one cell and one text."""
    return _small_draft
