"""The font metrics cache: same PDF bytes with and without it, and a bad entry is just ignored."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from render_helpers import ROOT, SEED

from render.fontcache import _decode, _encode
from render.fontset import BUNDLED, BUNDLED_DIR


def _render(out: Path, cache: str) -> bytes:
    env = {**os.environ, "NIANBAO_CACHE_DIR": cache}
    cmd = [sys.executable, "-m", "nianbao", "render", str(SEED), "-o", str(out), "--fonts", "bundled", "--reproducible"]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    return out.read_bytes()


def test_render_cached_metrics_give_identical_pdf(tmp_path):
    cache = tmp_path / "cache"
    plain = _render(tmp_path / "plain.pdf", "")
    first = _render(tmp_path / "first.pdf", str(cache))  # parses and writes the cache
    fonts = cache / "fonts"  # the font cache is a folder of the cache (common.paths.font_cache_dir)
    entries = sorted(p.name for p in fonts.iterdir())
    assert len(entries) >= 4, entries
    second = _render(tmp_path / "second.pdf", str(cache))  # reads it
    assert first == plain and second == plain
    for entry in fonts.iterdir():  # a damaged cache is ignored, not trusted
        entry.write_bytes(b"\x00garbage")
    assert _render(tmp_path / "third.pdf", str(cache)) == plain


def test_render_cache_entry_round_trips_a_face():
    from reportlab.pdfbase.ttfonts import TTFont

    face = TTFont("cache-test", str(BUNDLED_DIR / BUNDLED["heading2"])).face.__dict__
    data = _encode(face)
    assert data is not None
    state = _decode(data)
    for key in ("charToGlyph", "charWidths", "name", "unitsPerEm"):
        assert state[key] == face[key]
    assert list(state["hmetrics"]) == face["hmetrics"] and list(state["glyphPos"]) == face["glyphPos"]  # packed
    for glyph, chars in face["glyphToChar"].items():  # rebuilt on first use from charToGlyph
        assert set(chars) <= set(state["glyphToChar"][glyph])
