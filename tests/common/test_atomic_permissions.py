"""Files written by the one atomic writer get ordinary permissions: what the user's umask gives any
new file, and for a replaced file its own mode (a clerk's shared 0664 export stays shared)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from common.atomic import atomic_write

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


@pytest.fixture
def umask() -> Iterator[object]:
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)

    def set_mask(mask: int) -> None:
        os.umask(mask)

    yield set_mask
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask, mask: int, expected: int) -> None:
    umask(mask)
    target = tmp_path / "报告.pdf"
    atomic_write(target, b"%PDF-1.4\n")
    assert target.read_bytes() == b"%PDF-1.4\n"
    assert mode(target) == expected


def test_a_replaced_file_keeps_its_own_mode(tmp_path: Path, umask) -> None:
    umask(0o077)
    target = tmp_path / "shared.docx"
    target.write_bytes(b"old")
    target.chmod(0o664)
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert mode(target) == 0o664
    target.chmod(0o640)
    atomic_write(target, b"newer")
    assert mode(target) == 0o640


def test_an_exported_pdf_is_readable_by_the_group_under_a_002_umask(tmp_path: Path, umask, seed_path: Path) -> None:
    import forms
    import render

    umask(0o002)
    out = tmp_path / "export.pdf"
    render.render_report(forms.load_draft_file(seed_path), out)
    assert out.read_bytes().startswith(b"%PDF")
    assert mode(out) == 0o664
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
