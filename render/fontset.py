"""Which TrueType file draws which role (仿宋 body, 黑体, 楷体, title, fallback), and glyph lookup.

ReportLab has no font fallback and silently drops characters a font lacks, so every piece of text
is drawn through a *chain*: the role's own font first, then the wide-coverage bundled serif. The
same chain answers ``has_glyph`` for the validator, so what the validator accepts is exactly what
the PDF can draw.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import sys
import threading
from collections.abc import KeysView
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError

from common.errors import AppError
from render.fontcache import load_ttfont

logger = logging.getLogger(__name__)

BUNDLED_DIR = Path(__file__).resolve().parent / "fonts"
ROLES = ("body", "heading1", "heading2", "title", "folio", "fallback")
ROLE_NAMES_ZH = {"body": "仿宋", "heading1": "黑体", "heading2": "楷体", "title": "小标宋", "folio": "页码", "fallback": "宋体"}

#: bundled file per role (see fonts/build_fonts.py for where each comes from)
BUNDLED = {
    "body": "FandolFang-Regular.ttf",
    "heading1": "NotoSansSC-GBK.ttf",
    "heading2": "FandolKai-Regular.ttf",
    "title": "NotoSerifSC-Bold-GBK.ttf",
    "folio": "NotoSerifSC-Folio.ttf",
    "fallback": "NotoSerifSC-Wide.ttf",
}

#: official system fonts per role, by lower-case file name, best first
SYSTEM = {
    "body": ("simfang.ttf", "fangsong_gb2312.ttf", "仿宋_gb2312.ttf", "fzfsk.ttf"),
    "heading1": ("simhei.ttf",),
    "heading2": ("simkai.ttf", "kaiti_gb2312.ttf", "楷体_gb2312.ttf", "fzktk.ttf"),
    "title": ("fzxbsjw.ttf", "方正小标宋简体.ttf", "fzxbsk.ttf", "fzxiaobiaosong-b05s.ttf", "方正小标宋_gbk.ttf"),
}
FONT_MODES = ("auto", "bundled", "system")
BODY_CONDENSE = 0.985  # 28 × 16 pt × 0.985 = 441.3 pt <= the 442.2 pt line


class FontMissingError(AppError):
    """A needed font file is missing or unusable. ``zh``/``en`` are for the clerk; ``detail`` (the path
    and ReportLab's reason) is for the log."""

    advice_zh = "程序缺少打印用的字体文件，请重新安装本程序。"
    advice_en = "A font needed for printing is missing; please reinstall the program."

    def __init__(self, zh: str, en: str, detail: str = "") -> None:
        super().__init__(zh, en)
        self.detail = detail


@dataclass(frozen=True)
class FontSet:
    """ReportLab font names per role, with the files they came from.

    Every role but the fallback is registered up front; the 15 MB fallback is parsed only when a
    character is missing from a role's font or ``has_glyph`` is asked, which keeps a fresh
    ``nianbao render`` of an ordinary report fast and small."""

    names: dict[str, str]
    files: dict[str, Path]
    substituted: tuple[str, ...] = ()  # roles where a requested system font was not found
    _cmaps: dict[str, KeysView[int]] = field(default_factory=dict, repr=False, compare=False)
    #: per font name, characters seen so far that the font draws itself (or whitespace)
    _own: dict[str, set[str]] = field(default_factory=dict, repr=False, compare=False)

    def cmap(self, role: str) -> KeysView[int]:
        """Code points of the role's font, registering the font on first use (a view of ReportLab's
        own table, not a copy)."""
        name = self.names[role]
        if name not in self._cmaps:
            with _lock:
                if name not in self._cmaps:
                    if _register(self.files[role], name) is None:
                        raise FontMissingError(f"找不到可用的字体文件：{self.files[role].name}",
                                               f"no usable font file: {self.files[role].name}", str(self.files[role]))
                    self._cmaps[name] = pdfmetrics.getFont(name).face.charToGlyph.keys()
        return self._cmaps[name]

    def font_for(self, ch: str, role: str) -> str | None:
        """The first font of the role's chain (own font, then fallback) that has ``ch``, or None."""
        code = ord(ch)
        for chained in (role, "fallback"):
            if code in self.cmap(chained):
                return self.names[chained]
        return None

    def has_glyph(self, ch: str) -> bool:
        """True when some font of the set can draw ``ch`` (whitespace always can)."""
        if ch.isspace() or not ch.isprintable():
            return True
        code = ord(ch)
        return any(code in self.cmap(role) for role in ROLES)

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """Split ``text`` into (font name, text) runs; characters no font has go to the fallback font
        (its .notdef box is visible, so nothing disappears silently)."""
        own, own_cmap = self.names[role], self.cmap(role)
        if not text:
            return []
        used = set(text)
        known = self._own.setdefault(own, set())
        if not used <= known:  # the usual case (every character in the role's font) is one set test
            known.update(ch for ch in used - known if ch.isspace() or ord(ch) in own_cmap)
        if used <= known:
            return [(own, text)]
        names: list[str] = []  # one font name per run; the run's characters are collected in chars
        chars: list[list[str]] = []
        for ch in text:
            if ch.isspace() or ord(ch) in own_cmap:
                name = own
            else:
                name = self.font_for(ch, role) or self.names["fallback"]
            if names and names[-1] == name:
                chars[-1].append(ch)  # appending to a list: joining strings here is quadratic in length
            else:
                names.append(name)
                chars.append([ch])
        return [(name, "".join(run)) for name, run in zip(names, chars, strict=True)]

    def text_width(self, text: str, role: str, size: float) -> float:
        """Width in points of ``text`` drawn through the role's chain, as the PDF will show it."""
        return float(sum(pdfmetrics.stringWidth(part, name, size) for name, part in self.runs(text, role)))


_lock = threading.RLock()
_cache: dict[str, FontSet] = {}


def font_set(mode: str = "auto") -> FontSet:
    """The font set for ``mode`` (auto | bundled | system); registers its fonts once per process."""
    if mode not in FONT_MODES:
        raise ValueError(f"unknown font mode {mode!r}; expected one of {FONT_MODES}")
    with _lock:
        if mode not in _cache:
            _cache[mode] = _build(mode)
        return _cache[mode]


def preload_fonts(mode: str = "auto") -> FontSet:
    """Register and parse every font, fallback included (the GUI calls this in a background thread)."""
    fonts = font_set(mode)
    fonts.cmap("fallback")
    return fonts


def _build(mode: str) -> FontSet:
    files: dict[str, Path] = {}
    substituted: list[str] = []
    found = find_system_fonts() if mode in ("auto", "system") else {}
    for role in ROLES:
        if role in found:
            files[role] = found[role]
            continue
        if mode == "system" and role in SYSTEM:
            substituted.append(role)
            logger.warning("system font for %s not found; using the bundled one", role)
        files[role] = BUNDLED_DIR / BUNDLED[role]
    names = {role: _font_name(path, role) for role, path in files.items()}
    fonts = FontSet(names, files, tuple(substituted))
    for role in ROLES:
        if role == "fallback":
            continue
        try:
            fonts.cmap(role)
        except FontMissingError:
            if role not in found:
                raise
            files[role] = BUNDLED_DIR / BUNDLED[role]  # unusable system font: use the bundled one
            names[role] = _font_name(files[role], role)
            fonts.cmap(role)
    return fonts


def _font_name(path: Path, role: str) -> str:
    """A stable registration name; the body font is registered condensed under its own name."""
    name = ("nb-body-" if role == "body" else "nb-") + path.stem
    if path.parent != BUNDLED_DIR:  # a system file: the same name elsewhere may be another font
        name += "-" + hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    return name


def _register(path: Path, name: str) -> str | None:
    """Register one TrueType file under ``name``; None when it cannot be used.

    The body font (``nb-body-*``) is condensed: GB/T 9704 sets 28 characters of 三号 (16 pt) in the
    156 mm line, as Word's document grid does, which is 1.5 % tighter than 16 pt per character."""
    if name in pdfmetrics.getRegisteredFontNames():  # not getFont(): for an unknown name it parses
        return name  # every Type 1 AFM file ReportLab ships (0.1 s)
    try:
        font = load_ttfont(name, path)
    except (OSError, TTFError) as exc:
        logger.warning("cannot use font %s: %s", path, exc)
        return None
    taken = getattr(pdfmetrics, "_dynFaceNames", {})
    if font.face.name in taken:  # ReportLab would silently alias us to the font registered first
        font.face.name += b"-" + name.encode("ascii", "replace")[-12:].replace(b"?", b"_")
    if name.startswith("nb-body-"):
        widths = font.face.charWidths
        for code, width in widths.items():
            if width >= 900:
                widths[code] = round(width * BODY_CONDENSE)
    pdfmetrics.registerFont(font)
    return name


def system_font_dirs() -> list[Path]:
    """Folders where Windows, Linux (incl. Kylin/UOS) and macOS keep fonts; NIANBAO_FONT_DIRS first."""
    dirs = [Path(p) for p in os.environ.get("NIANBAO_FONT_DIRS", "").split(os.pathsep) if p]
    if sys.platform == "win32":
        dirs.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        if os.environ.get("LOCALAPPDATA"):
            dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        dirs += [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".fonts", home / ".local/share/fonts"]
        dirs += [Path("/Library/Fonts"), home / "Library/Fonts"]
    return dirs


def find_system_fonts() -> dict[str, Path]:
    """Official fonts found on this machine, by role (file names compared case-insensitively)."""
    wanted = {name: role for role, names in SYSTEM.items() for name in names}
    best: dict[str, tuple[int, Path]] = {}
    for folder in system_font_dirs():
        if not folder.is_dir():
            continue
        for root, _dirs, filenames in os.walk(folder):
            for filename in filenames:
                role = wanted.get(filename.lower())
                if role is None:
                    continue
                rank = SYSTEM[role].index(filename.lower())
                if role not in best or rank < best[role][0]:
                    best[role] = (rank, Path(root) / filename)
    return {role: path for role, (_rank, path) in best.items()}


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap, fixed for characters outside the BMP (𠮷 U+20BB7 and other
    names): those must be written as UTF-16 surrogate pairs or text extraction and search break.
    Built once per subset: every render of the same report embeds the same subsets."""
    return _cmap_text(fontname, tuple(subset))


@functools.lru_cache(maxsize=64)
def _cmap_text(fontname: str, subset: tuple[int, ...]) -> str:
    def utf16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper() if code > 0xFFFF else f"{code:04X}"

    lines = [
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange", f"{len(subset)} beginbfchar",
    ]
    lines += [f"<{i:02X}> <{utf16(v)}>" for i, v in enumerate(subset)]
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap
