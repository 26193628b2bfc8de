"""Helpers for the render tests: render a draft to bytes, extract page texts."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf

from forms import Draft

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "longgang-2020.json"
SAMPLE_2021 = ROOT / "examples" / "sample-2021.json"
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def render_bytes(draft: Draft, **kwargs: object) -> tuple[bytes, object]:
    from render import render_report

    buffer = io.BytesIO()
    kwargs.setdefault("fonts", "bundled")
    kwargs.setdefault("reproducible", True)
    result = render_report(draft, buffer, **kwargs)
    return buffer.getvalue(), result


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text without page numbers and whitespace: line breaks of the layout do not matter."""
    return re.sub(r"\s+", "", PAGE_NUMBER.sub("", text))
