"""Lean font loading: the mapped file and packed metrics give ReportLab exactly what it parsed itself."""

from __future__ import annotations

import mmap

from reportlab.pdfbase.ttfonts import TTFont

from render.fontcache import load_ttfont
from render.fontset import BUNDLED, BUNDLED_DIR

TEXT = "本年度政府信息公开工作年度报告（一）ＡＢＣabc123，。、；：“”《》—…镕堃"


def test_render_lean_font_matches_reportlab_parse(monkeypatch, tmp_path):
    path = BUNDLED_DIR / BUNDLED["title"]
    plain = TTFont("lean-plain", str(path)).face
    for cache in ("", str(tmp_path)):  # parsed here, then written and read back from the cache
        for _round in range(2):
            monkeypatch.setenv("NIANBAO_CACHE_DIR", cache)
            lean = load_ttfont("lean-test", path).face
            assert isinstance(lean._ttf_data, mmap.mmap)  # the file is mapped, not read into memory
            assert lean.charToGlyph == plain.charToGlyph and lean.charWidths == plain.charWidths
            assert list(lean.hmetrics) == plain.hmetrics and list(lean.glyphPos) == plain.glyphPos
            assert lean.glyphToChar[lean.charToGlyph[ord("年")]] == plain.glyphToChar[plain.charToGlyph[ord("年")]]
            codes = sorted({ord(ch) for ch in TEXT})
            assert lean.makeSubset(codes) == plain.makeSubset(codes)  # the embedded subset: same bytes


def test_render_lean_font_shares_number_objects(monkeypatch, tmp_path):
    monkeypatch.setenv("NIANBAO_CACHE_DIR", str(tmp_path))
    face = load_ttfont("lean-share", BUNDLED_DIR / BUNDLED["body"]).face
    widths = {id(w) for w in face.charWidths.values()}
    assert len(widths) < 200 < len(face.charWidths)  # one object per distinct width
    keys = {id(k) for k in face.charToGlyph}
    assert all(id(k) in keys for k in face.charWidths)  # both tables share the code objects
