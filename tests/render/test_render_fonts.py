"""Fonts: all embedded, bundled set complete and licensed, fallback for rare names, system discovery."""

from __future__ import annotations

import hashlib
import io
import shutil

import pypdf
import pytest
from render_helpers import flat, page_texts, render_bytes

from forms import validate
from render import has_glyph
from render.fontset import BUNDLED, BUNDLED_DIR, find_system_fonts, font_set

RARE = "镕堃喆𠮷"
NO_FONT = "\U00017000"  # a Tangut character: no bundled font has it


def pdf_fonts(pdf: bytes) -> list[pypdf.generic.DictionaryObject]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    return list(fonts.values())


def test_render_every_font_is_embedded_truetype(seed_pdf):
    fonts = pdf_fonts(seed_pdf[0])
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType", font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"], f"{font['/BaseFont']} is not embedded"
    assert not any("Helvetica" in str(f["/BaseFont"]) for f in fonts)
    assert b"/Helvetica" not in seed_pdf[0]


def test_render_bundled_fonts_complete_licensed_and_within_budget():
    total = sum((BUNDLED_DIR / name).stat().st_size for name in BUNDLED.values())
    assert total <= 50 * 1024 * 1024
    for licence in ("LICENSE-Noto-OFL.txt", "LICENSE-Fandol-GPL3-font-exception.txt"):
        assert (BUNDLED_DIR / licence).stat().st_size > 1000
    assert "SIL OPEN FONT LICENSE" in (BUNDLED_DIR / "LICENSE-Noto-OFL.txt").read_text(encoding="utf-8")
    sums = dict(line.split()[::-1] for line in (BUNDLED_DIR / "SHA256SUMS").read_text().splitlines())
    for name in BUNDLED.values():  # the committed files are the ones build_fonts.py produced
        assert hashlib.sha256((BUNDLED_DIR / name).read_bytes()).hexdigest() == sums[name]


def test_render_has_glyph_covers_rare_names_and_reports_missing():
    for ch in RARE:
        assert has_glyph(ch, "bundled"), ch
    assert not has_glyph(NO_FONT, "bundled")
    assert has_glyph(" ", "bundled") and has_glyph("\n", "bundled")


def test_render_body_font_lacks_rare_names_so_fallback_draws_them():
    fonts = font_set("bundled")
    body = fonts.names["body"]
    runs = fonts.runs("王镕说", "body")
    assert runs == [(body, "王"), (fonts.names["fallback"], "镕"), (body, "说")]


def test_render_rare_characters_survive_in_the_pdf(seed_draft):
    draft = seed_draft.copy()
    draft.texts["s5"] = f"联系人：张{RARE}。"
    pdf, result = render_bytes(draft)
    assert f"联系人：张{RARE}。" in flat("".join(page_texts(pdf)))
    assert result.missing_glyphs == ()


def test_render_character_without_font_is_reported_not_dropped(seed_draft):
    draft = seed_draft.copy()
    draft.texts["s6"] = f"特殊字符{NO_FONT}结束"
    pdf, result = render_bytes(draft)
    assert result.missing_glyphs == (NO_FONT,)
    codes = [f.code for f in validate(draft, has_glyph=lambda ch: has_glyph(ch, "bundled"))]
    assert "W_GLYPH_MISSING" in codes
    assert "特殊字符" in flat("".join(page_texts(pdf)))


def test_render_system_fonts_discovered_by_file_name(tmp_path, monkeypatch):
    for official, bundled in (("SimFang.ttf", "body"), ("simhei.ttf", "heading1"), ("simkai.ttf", "heading2")):
        (tmp_path / "sub").mkdir(exist_ok=True)
        shutil.copy(BUNDLED_DIR / BUNDLED[bundled], tmp_path / "sub" / official)
    monkeypatch.setenv("NIANBAO_FONT_DIRS", str(tmp_path))
    found = find_system_fonts()
    assert found["body"].name == "SimFang.ttf"
    assert {"body", "heading1", "heading2"} <= set(found)


def test_render_system_mode_uses_system_files_and_reports_substitutes(tmp_path, monkeypatch, seed_draft):
    from render import fontset

    shutil.copy(BUNDLED_DIR / BUNDLED["heading2"], tmp_path / "simkai.ttf")
    monkeypatch.setenv("NIANBAO_FONT_DIRS", str(tmp_path))
    monkeypatch.setattr(fontset, "system_font_dirs", lambda: [tmp_path])
    monkeypatch.setattr(fontset, "_cache", {})
    pdf, result = render_bytes(seed_draft, fonts="system")
    assert result.font_files["heading2"] == "simkai.ttf"
    assert set(result.substituted_fonts) == {"body", "heading1", "title"}
    assert any("simkai" in str(f["/BaseFont"]) or "FandolKai" in str(f["/BaseFont"]) for f in pdf_fonts(pdf))


@pytest.mark.parametrize("mode", ["bogus", ""])
def test_render_unknown_font_mode_is_rejected(mode):
    with pytest.raises(ValueError):
        font_set(mode)


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_render_pdffonts_reports_every_font_embedded(tmp_path, seed_draft):
    import subprocess

    draft = seed_draft.copy()
    draft.texts["s5"] = f"联系人：张{RARE}。"
    pdf, _ = render_bytes(draft, watermark="草稿")
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert len(rows) >= 6
    for row in rows:
        emb, sub, uni = row.split()[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert f"张{RARE}" in text  # poppler reads the non-BMP character back too (ToUnicode fix)


def test_render_unusable_system_font_falls_back_to_bundled(tmp_path, monkeypatch, seed_draft):
    """A broken or CFF-outline file with an official name must not stop the render."""
    from render import fontset

    (tmp_path / "simhei.ttf").write_bytes(b"not a font at all")
    monkeypatch.setattr(fontset, "system_font_dirs", lambda: [tmp_path])
    monkeypatch.setattr(fontset, "_cache", {})
    pdf, result = render_bytes(seed_draft, fonts="auto")
    assert result.font_files["heading1"] == BUNDLED["heading1"]
    assert "一、总体情况" in flat("".join(page_texts(pdf)))
