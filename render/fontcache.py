"""Parsed TrueType metrics kept on disk, so a fresh process does not re-parse every CJK font.

ReportLab reads a font's cmap, widths and glyph offsets in pure Python: about 30 ms for each
20,000-glyph font, a fifth of a fresh ``nianbao render``. Loading the same tables with ``marshal``
takes a quarter of that. Only plain data is stored (numbers, strings, lists, dicts: nothing
executable), in the user cache folder, keyed by the font file's path, size and mtime and by the
ReportLab version. A cache entry is written only when it reproduces ReportLab's own parse exactly;
any problem reading it means a normal parse.

``NIANBAO_CACHE_DIR`` overrides the folder; an empty value turns the cache off.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import threading
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts

from common.atomic import atomic_write
from common.errors import FileIOError
from common.paths import font_cache_dir

logger = logging.getLogger(__name__)

CACHE_VERSION = 1
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
        return ttfonts.TTFont(name, str(path), subfontIndex=0)
    entry = folder / f"{path.stem}-{_key(path)}.marshal"
    try:
        state = _decode(entry.read_bytes())
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        state = None
    if state is not None:
        state["_ttf_data"] = path.read_bytes()
        return _font_from_state(name, path, state)
    font = ttfonts.TTFont(name, str(path), subfontIndex=0)
    try:
        data = _encode(font.face.__dict__)
        if data is not None:
            _write(entry, data)
    except (OSError, FileIOError, ValueError, TypeError) as exc:
        logger.info("font metrics cache not written for %s: %r", path.name, exc)
    return font


def _key(path: Path) -> str:
    st = path.stat()
    raw = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}|{reportlab.Version}|{CACHE_VERSION}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _encode(face: dict[str, Any]) -> bytes | None:
    """The face's attributes as marshal data; None when they would not come back identical."""
    plain = {k: (bytes(v) if k in NAME_FIELDS else v) for k, v in face.items() if k not in SKIPPED}
    data = marshal.dumps((CACHE_VERSION, plain))
    state = _decode(data)
    same = all(state[k] == v and type(state[k]) is type(v) for k, v in face.items() if k not in SKIPPED)
    return data if same and set(state) == set(face) - set(SKIPPED) else None


def _decode(data: bytes) -> dict[str, Any]:
    version, state = marshal.loads(data)
    if version != CACHE_VERSION or not isinstance(state, dict):
        raise ValueError("not a font metrics cache entry")
    for k in NAME_FIELDS:
        state[k] = ttfonts.TTFNameBytes(state[k])
    return state


def _font_from_state(name: str, path: Path, state: dict[str, Any]) -> ttfonts.TTFont:
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
            return ttfonts.TTFont(name, str(path), subfontIndex=0)
        finally:
            ttfonts.TTFontFace = original


def _write(entry: Path, data: bytes) -> None:
    """Atomically, so a half-written entry is never read."""
    entry.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(entry, data)
