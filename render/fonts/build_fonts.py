"""Rebuild the bundled TrueType fonts in this folder from their registry sources.

ReportLab embeds only TrueType (glyf) outlines, and the free CJK fonts ship as CFF, so each font is
converted once with fontTools (cu2qu) and the result is committed. Sources (Debian packages, fetched
with ``apt-get download`` and unpacked with ``dpkg-deb -x``; nothing is installed):

* ``texlive-lang-chinese``: FandolFang (仿宋 body) and FandolKai (楷体 level-2 headings), GPL-3 + font exception.
* ``fonts-noto-cjk``: Noto Sans CJK SC (黑体 level-1 headings, GBK subset), Noto Serif CJK SC Bold (title,
  GBK subset) and Noto Serif CJK SC Regular (the per-character fallback: GBK plus every CJK ideograph the
  font has, including Extension A–F such as 𠮷 U+20BB7), OFL-1.1.

Run: ``python render/fonts/build_fonts.py [--work DIR]`` (about 2–3 minutes on 2 cores). The output is
byte-reproducible (timestamps are kept from the sources); ``SHA256SUMS`` records what was built.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from fontTools import subset as ftsubset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

HERE = Path(__file__).resolve().parent
FANDOL = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
NOTO = "usr/share/fonts/opentype/noto"
SC_INDEX = 2  # in the Noto CJK .ttc files: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK

#: output file -> (debian package, path inside it, ttc index or -1, character set name)
FONTS: dict[str, tuple[str, str, int, str]] = {
    "FandolFang-Regular.ttf": ("texlive-lang-chinese", f"{FANDOL}/FandolFang-Regular.otf", -1, "all"),
    "FandolKai-Regular.ttf": ("texlive-lang-chinese", f"{FANDOL}/FandolKai-Regular.otf", -1, "all"),
    "NotoSansSC-GBK.ttf": ("fonts-noto-cjk", f"{NOTO}/NotoSansCJK-Regular.ttc", SC_INDEX, "gbk"),
    "NotoSerifSC-Bold-GBK.ttf": ("fonts-noto-cjk", f"{NOTO}/NotoSerifCJK-Bold.ttc", SC_INDEX, "gbk"),
    "NotoSerifSC-Wide.ttf": ("fonts-noto-cjk", f"{NOTO}/NotoSerifCJK-Regular.ttc", SC_INDEX, "wide"),
    # page numbers "— 12 —" in a 宋体 face: a few glyphs, so a report without rare characters never
    # has to load the 15 MB fallback font (fresh-process start-up time and memory)
    "NotoSerifSC-Folio.ttf": ("fonts-noto-cjk", f"{NOTO}/NotoSerifCJK-Regular.ttc", SC_INDEX, "folio"),
}

#: licence files copied next to the fonts: destination -> (package, path inside it)
LICENCES: dict[str, tuple[str, str]] = {
    "LICENSE-Fandol-GPL3-font-exception.txt": ("texlive-lang-chinese", "usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz"),
    "README-Fandol.txt": ("texlive-lang-chinese", "usr/share/doc/texlive-doc/fonts/fandol/README"),
    "LICENSE-Noto-OFL.txt": ("fonts-noto-cjk", "usr/share/doc/fonts-noto-cjk/copyright"),
}

EXTRA = "\u00a0\u3000\u00b7\u2014\u2015\u30fb\u2026\u201c\u201d\u2018\u2019"
CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def gbk_chars() -> set[int]:
    """Every character of the GBK code page, plus ASCII and the punctuation people actually type.

    Python's gb2312 codec maps A1A4/A1AA to U+30FB/U+2015, while Chinese text uses U+00B7/U+2014."""
    out: set[int] = set()
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            try:
                out.add(ord(bytes([hi, lo]).decode("gbk")))
            except UnicodeDecodeError:
                pass
    return out | set(range(0x20, 0x7F)) | {ord(c) for c in EXTRA}


def wanted(font: TTFont, charset: str) -> list[int] | None:
    """Code points to keep: None keeps the whole font's cmap (Fandol is already GB2312-sized)."""
    cmap = set(font.getBestCmap())
    if charset == "all":
        return sorted(cmap)
    if charset == "folio":
        return sorted({ord(c) for c in "0123456789 -—"} & cmap)
    keep = gbk_chars()
    if charset == "wide":  # fallback face: everything except Hangul syllables, incl. all CJK extensions
        keep |= {c for c in cmap if not 0xAC00 <= c <= 0xD7AF}
        keep |= {c for c in cmap for lo, hi in CJK_RANGES if lo <= c <= hi}
    return sorted(keep & cmap)


def convert(src: Path, dst: Path, font_number: int, charset: str, max_err: float = 1.0) -> None:
    """CFF -> glyf with cu2qu, dropping the layout tables ReportLab never reads."""
    font = TTFont(src, fontNumber=font_number, recalcTimestamp=False) if font_number >= 0 else TTFont(src, recalcTimestamp=False)
    options = ftsubset.Options()
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG", "JSTF", "MATH"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    subsetter = ftsubset.Subsetter(options)
    subsetter.populate(unicodes=wanted(font, charset))
    subsetter.subset(font)
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    font["head"].glyphDataFormat = 0
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                 "maxSizeOfInstructions", "maxComponentElements", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 2
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\000\001\000\000"
    font.save(dst)


def fetch(package: str, work: Path) -> Path:
    """Download one Debian package (no install) and unpack it; returns the unpacked root."""
    root = work / package
    if root.is_dir():
        return root
    subprocess.run(["apt-get", "download", package], cwd=work, check=True)
    deb = next(work.glob(f"{package}_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    return root


def copy_licence(src: Path, dst: Path) -> None:
    data = gzip.decompress(src.read_bytes()) if src.suffix == ".gz" else src.read_bytes()
    dst.write_bytes(data)


def _convert_job(job: tuple[str, str, int, str, str]) -> str:
    src, dst, number, charset, name = job
    convert(Path(src), Path(dst), number, charset)
    return name


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work", help="folder for downloads (kept); default: a temporary folder")
    ap.add_argument("--out", default=str(HERE), help="where the fonts go (default: next to this script)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only", action="append", choices=sorted(FONTS), help="rebuild just this font (repeatable)")
    args = ap.parse_args(argv)
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(args.work) if args.work else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        roots = {pkg: fetch(pkg, work) for pkg in {p for p, *_ in FONTS.values()}}
        jobs = [(str(roots[p] / path), str(out / name), n, cs, name) for name, (p, path, n, cs) in FONTS.items()
                if not args.only or name in args.only]
        with ProcessPoolExecutor(args.jobs) as pool:
            for name in pool.map(_convert_job, jobs):
                print(f"built {name}", file=sys.stderr)
        for name, (pkg, path) in LICENCES.items():
            copy_licence(roots[pkg] / path, out / name)
    sums = [f"{hashlib.sha256((out / n).read_bytes()).hexdigest()}  {n}" for n in sorted(FONTS)]
    (out / "SHA256SUMS").write_text("\n".join(sums) + "\n", encoding="utf-8")
    total = sum((out / n).stat().st_size for n in FONTS)
    print(f"total {total / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
