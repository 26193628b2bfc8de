"""Parsed TrueType metrics kept on disk, so a fresh process does not re-parse every CJK font.

ReportLab reads a font's cmap, widths and glyph offsets in pure Python: about 30 ms for each
20,000-glyph font, a fifth of a fresh ``nianbao render``. Loading the same tables with ``marshal``
takes a quarter of that. Only plain data is stored (numbers, strings, lists, dicts: nothing
executable), in the user cache folder, keyed by the font file's path, size and mtime and by the
ReportLab version. A cache entry is written only when it reproduces ReportLab's own parse exactly;
any problem reading it means a normal parse.

``NIANBAO_CACHE_DIR`` overrides the folder; an empty value turns the cache off.

Memory: ReportLab keeps every font file whole in memory (about 47 MB for the bundled set) and its
metrics as one Python object per number. Here the file is memory-mapped instead (only the pages of
glyphs actually embedded are ever read), equal numbers share one object, and the per-glyph tables
used only for subsetting are packed into arrays: about a third of the memory, same PDF bytes.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import mmap
import threading
from array import array
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts

from common.atomic import atomic_write
from common.errors import FileIOError
from common.paths import font_cache_dir
from render.subsets import SubsetStore, remember_subsets

logger = logging.getLogger(__name__)

CACHE_VERSION = 2  # 2: stored in the lean layout (shared numbers, packed tables)
NAME_FIELDS = ("name", "familyName", "styleName", "fullName", "uniqueFontID")  # TTFNameBytes in ReportLab
SKIPPED = ("_ttf_data", "_pdfScale")  # the file's bytes (read again) and a function (rebuilt)
_swap_lock = threading.Lock()


def cache_dir() -> Path | None:
    """Where cached metrics live; None when caching is off (``common.paths.font_cache_dir``)."""
    return font_cache_dir()


def load_ttfont(name: str, path: Path) -> ttfonts.TTFont:
    """``TTFont(name, path)``, built from cached metrics when a valid entry exists."""
    folder = cache_dir()
    if folder is None:
        return _compacted(ttfonts.TTFont(name, str(path), subfontIndex=0), path, None)
    font_key = f"{path.stem}-{_key(path)}"
    entry = folder / f"{font_key}.marshal"
    store = SubsetStore(folder, font_key)
    try:
        state = _decode(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        state = None
    if state is not None:
        state["_ttf_data"] = _file_data(path)
        return _font_from_state(name, path, state, store)
    font = ttfonts.TTFont(name, str(path), subfontIndex=0)
    try:
        data = _encode(font.face.__dict__)
        if data is not None:
            _write(entry, data)
    except (OSError, FileIOError, ValueError, TypeError, AttributeError) as exc:
        logger.info("font metrics cache not written for %s: %r", path.name, exc)
    return _compacted(font, path, store)


def _file_data(path: Path) -> bytes | mmap.mmap:
    """The font file, mapped read-only (ReportLab only slices it); its bytes when mapping fails."""
    with open(path, "rb") as f:
        try:
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):  # an empty file or a file system without mapping
            return f.read()


def _compacted(font: ttfonts.TTFont, path: Path, store: SubsetStore | None) -> ttfonts.TTFont:
    """A freshly parsed font with the same lean memory layout as one loaded from the cache."""
    face = font.face
    state = compact_state({k: v for k, v in face.__dict__.items() if k in COMPACTED})
    face.__dict__.update(state)
    face._ttf_data = _file_data(path)
    _lean_tables(face, store)
    return font


class TableWindow:
    """A table of a mapped font file that copies only the slices asked for: subsetting takes the
    few glyphs it embeds out of ``glyf`` instead of copying (and paging in) the whole table."""

    __slots__ = ("data", "start", "length")

    def __init__(self, data: bytes | mmap.mmap, start: int, length: int) -> None:
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: slice) -> bytes:
        begin, end, _step = index.indices(self.length)
        return bytes(self.data[self.start + begin : self.start + max(begin, end)])


def _lean_tables(face: ttfonts.TTFontFace, store: SubsetStore | None) -> None:
    """Serve the glyph table through a TableWindow (an instance attribute shadowing ReportLab's
    method); subsets made once (``render.subsets``)."""
    whole = face.get_table

    def get_table(tag: str) -> bytes | TableWindow:
        if tag == "glyf" and isinstance(face._ttf_data, mmap.mmap):
            pos, length = face.get_table_pos(tag)
            return TableWindow(face._ttf_data, pos, length)
        return bytes(whole(tag))

    face.get_table = get_table
    remember_subsets(face, store)


COMPACTED = ("charToGlyph", "charWidths", "glyphToChar", "hmetrics", "glyphPos")


class HMetrics:
    """ReportLab's ``hmetrics`` list of (advance, left side bearing) per glyph, in two arrays."""

    __slots__ = ("advances", "bearings")

    def __init__(self, pairs: list[tuple[int, int]]) -> None:
        self.advances = array("i", [a for a, _b in pairs])
        self.bearings = array("i", [b for _a, b in pairs])

    @classmethod
    def from_bytes(cls, advances: bytes, bearings: bytes) -> HMetrics:
        metrics = cls([])
        metrics.advances.frombytes(advances)
        metrics.bearings.frombytes(bearings)
        return metrics

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self.advances[index], self.bearings[index]

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.advances, self.bearings, strict=True)

    def append(self, pair: tuple[int, int]) -> None:
        self.advances.append(pair[0])
        self.bearings.append(pair[1])


class GlyphToChar(dict[int, list[int]]):
    """ReportLab's glyph -> characters table, used only by its optional text shaping: built from
    ``charToGlyph`` the first time anything reads it."""

    def __init__(self, char_to_glyph: dict[int, int]) -> None:
        super().__init__()
        self._source: dict[int, int] | None = char_to_glyph

    def _fill(self) -> None:
        if self._source is not None:
            source, self._source = self._source, None
            for char, glyph in source.items():
                super().setdefault(glyph, []).append(char)

    def __getitem__(self, key: int) -> list[int]:
        self._fill()
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return super().__contains__(key)

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __iter__(self) -> Iterator[int]:
        self._fill()
        return super().__iter__()

    def get(self, key: int, default: object = None) -> object:  # type: ignore[override]
        self._fill()
        return super().get(key, default)

    def setdefault(self, key: int, default: list[int]) -> list[int]:
        self._fill()
        return super().setdefault(key, default)

    def items(self):  # type: ignore[no-untyped-def]
        self._fill()
        return super().items()


def compact_state(state: dict[str, Any]) -> dict[str, Any]:
    """The same metrics with fewer objects: one int object per character code shared by both
    character tables, one per distinct width, the glyph offsets and metrics in arrays."""
    glyphs = state.get("charToGlyph")
    widths = state.get("charWidths")
    if isinstance(glyphs, dict) and isinstance(widths, dict):
        codes = {code: code for code in glyphs}
        shared: dict[object, object] = {}
        state["charToGlyph"] = {code: shared.setdefault(("g", glyph), glyph) for code, glyph in glyphs.items()}
        state["charWidths"] = {codes.get(code, code): shared.setdefault((type(w), w), w) for code, w in widths.items()}
        state["glyphToChar"] = GlyphToChar(state["charToGlyph"])
    positions = state.get("glyphPos")
    if isinstance(positions, list) and all(0 <= p < 2**32 for p in positions[-1:]):
        state["glyphPos"] = array("I", positions)
    metrics = state.get("hmetrics")
    if isinstance(metrics, list):
        state["hmetrics"] = HMetrics(metrics)
    return state


def _key(path: Path) -> str:
    st = path.stat()
    raw = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{reportlab.Version}|{CACHE_VERSION}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _encode(face: dict[str, Any]) -> bytes | None:
    """The face's attributes as marshal data, in the lean layout (so loading needs no second pass:
    marshal keeps shared objects shared); None when they would not come back identical."""
    lean = compact_state({k: face[k] for k in COMPACTED if k in face})
    plain = {k: (bytes(v) if k in NAME_FIELDS else v) for k, v in face.items() if k not in SKIPPED and k not in COMPACTED}
    plain["charToGlyph"], plain["charWidths"] = lean["charToGlyph"], lean["charWidths"]
    plain["glyphPos"] = lean["glyphPos"].tobytes()
    plain["hmetrics"] = (lean["hmetrics"].advances.tobytes(), lean["hmetrics"].bearings.tobytes())
    data = marshal.dumps((CACHE_VERSION, plain))
    state = _decode(data)
    same = all(_plain(state[k]) == v and type(_plain(state[k])) is type(v)
               for k, v in face.items() if k not in SKIPPED and k != "glyphToChar")
    return data if same and set(state) == set(face) - set(SKIPPED) else None


def _plain(value: Any) -> Any:
    """A lean table as ReportLab builds it (for comparing)."""
    if isinstance(value, HMetrics):
        return list(value)
    if isinstance(value, array):
        return value.tolist()
    return value


def _decode(data: bytes) -> dict[str, Any]:
    version, state = marshal.loads(data)
    if version != CACHE_VERSION or not isinstance(state, dict):
        raise ValueError("not a font metrics cache entry")
    for k in NAME_FIELDS:
        state[k] = ttfonts.TTFNameBytes(state[k])
    positions = array("I")
    positions.frombytes(state["glyphPos"])
    state["glyphPos"] = positions
    state["hmetrics"] = HMetrics.from_bytes(*state["hmetrics"])
    state["glyphToChar"] = GlyphToChar(state["charToGlyph"])
    return state


def _font_from_state(name: str, path: Path, state: dict[str, Any], store: SubsetStore | None) -> ttfonts.TTFont:
    """Run ReportLab's own TTFont constructor with the face filled from ``state`` instead of parsed."""
    units = state["unitsPerEm"]
    state["_pdfScale"] = (lambda x: x) if units == 1000 else (lambda x, m=1000 / units: x * m)

    class CachedFace(ttfonts.TTFontFace):
        def __init__(self, filename: str, validate: int = 0, subfontIndex: int = 0) -> None:
            self.__dict__.update(state)

    with _swap_lock:
        original = ttfonts.TTFontFace
        ttfonts.TTFontFace = CachedFace
        try:
            font = ttfonts.TTFont(name, str(path), subfontIndex=0)
        finally:
            ttfonts.TTFontFace = original
    _lean_tables(font.face, store)
    return font


def _write(entry: Path, data: bytes) -> None:
    """Atomically, so a half-written entry is never read."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(entry, data)
