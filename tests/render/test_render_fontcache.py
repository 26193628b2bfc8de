"""The font metrics cache: same PDF bytes with and without it, and a bad entry is just ignored."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import zlib
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


def test_render_subsets_cached_on_disk_give_identical_pdf(tmp_path):
    """The deflated font subsets are kept beside the metrics; a new process reading them writes
    the same PDF as one making them, and as one with no cache at all."""
    cache = tmp_path / "cache"
    plain = _render(tmp_path / "plain.pdf", "")
    first = _render(tmp_path / "first.pdf", str(cache))
    subsets = sorted((cache / "fonts").glob("*.subset"))
    assert len(subsets) >= 5, subsets  # the seed report embeds at least one subset of each of its five fonts
    second = _render(tmp_path / "second.pdf", str(cache))
    assert first == plain and second == plain


def test_subset_store_reads_only_its_own_entries(tmp_path):
    from render.subsets import SubsetStore

    store = SubsetStore(tmp_path, "FontA-0123")
    chars = (32, 0x4E00, 0x4E8C, 0x20BB7)
    packed = zlib.compress(b"subset bytes")
    store.write(chars, packed)
    assert store.read(chars) == (b"subset bytes", packed)
    assert store.read(chars[:3]) is None  # another subset
    assert SubsetStore(tmp_path, "FontB-0123").read(chars) is None  # another font file
    (entry,) = tmp_path.glob("*.subset")
    other = (33, 0x4E00, 0x4E8C, 0x20BB7)
    entry.write_bytes(marshal.dumps((1, other, packed)))  # an entry for other characters under this name
    assert store.read(chars) is None
    entry.write_bytes(marshal.dumps((1, chars, b"not a zlib stream")))
    assert store.read(chars) is None
    entry.write_bytes(b"\x00garbage")
    assert store.read(chars) is None


def test_subset_store_keeps_the_newest_files(tmp_path, monkeypatch):
    from render import subsets

    monkeypatch.setattr(subsets, "FILES_KEPT", 3)
    store = subsets.SubsetStore(tmp_path, "FontA-0123")
    for n in range(5):
        store.write((n,), zlib.compress(bytes([n])))
        os.utime(store._entry((n,)), ns=(n * 10**9, n * 10**9))  # in writing order, whatever the clock's resolution
    kept = sorted(n for n in range(5) if store.read((n,)) is not None)
    assert kept == [2, 3, 4] and len(list(tmp_path.glob("*.subset"))) == 3


def test_subset_store_writes_in_the_background(tmp_path):
    from render import subsets

    stores = [subsets.SubsetStore(tmp_path, f"Font{i}-0123") for i in range(3)]
    for n, store in enumerate(stores):
        for k in range(4):
            store.write_soon((n, k), zlib.compress(bytes([n, k])))
    subsets.flush()
    assert subsets._writer is None and not subsets._pending
    for n, store in enumerate(stores):
        for k in range(4):
            assert store.read((n, k)) == (bytes([n, k]), zlib.compress(bytes([n, k])))
