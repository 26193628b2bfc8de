"""Embedded font subsets made once: kept in memory for the process and, deflated, on disk.

ReportLab embeds each font as 256-character subsets, in the order characters first appear. For
one report they are the same at every render, and making them is the costliest part of a first
render: cutting the subset out of the font (pure Python) and deflating it (about 400 KB for the
seed report) took 45 of the 120 ms a fresh ``nianbao render`` spends rendering. So:

* in memory, each face keeps its subsets and their deflated streams (a warm render makes none);
* on disk, beside the font metrics cache (``common.paths.font_cache_dir``), each deflated subset
  is kept under a name derived from the font file's cache key and the subset's characters, so a
  new process rendering the same report (or one whose first pages did not change) reads them
  instead. Entries hold only data (marshal: a version, the characters, the zlib stream); one that
  does not match or does not inflate is ignored. At most ``FILES_KEPT`` are kept (oldest removed).
  They are written by a background thread, so a render never waits for the disk.

The PDF bytes are the same as without either cache: the stream is ReportLab's own
``PDFZCompress`` of ReportLab's own subset.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import threading
import zlib
from array import array
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc, ttfonts

from common.atomic import atomic_write
from common.errors import FileIOError

logger = logging.getLogger(__name__)

KEPT = 16  # per font in memory: a report uses a handful of 256-character subsets per font
FILES_KEPT = 256  # subset files on disk (about 40 KB each)
VERSION = 1
SUFFIX = ".subset"
Subset = tuple[int, ...]


class SubsetStore:
    """Deflated subsets of one font file on disk: ``folder/<font key>-<subset digest>.subset``."""

    def __init__(self, folder: Path, font_key: str) -> None:
        self.folder, self.font_key = folder, font_key

    def _entry(self, subset: Subset) -> Path:
        digest = hashlib.sha1(array("I", subset).tobytes() + zlib.ZLIB_RUNTIME_VERSION.encode()).hexdigest()[:20]
        return self.folder / f"{self.font_key}-{digest}{SUFFIX}"

    def read(self, subset: Subset) -> tuple[bytes, bytes] | None:
        """(subset bytes, deflated stream) from disk, or None."""
        try:
            version, chars, packed = marshal.loads(self._entry(subset).read_bytes())
            if version != VERSION or chars != subset or not isinstance(packed, bytes):
                return None
            return zlib.decompress(packed), packed
        except (OSError, ValueError, EOFError, TypeError, zlib.error):
            return None

    def write(self, subset: Subset, packed: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            atomic_write(self._entry(subset), marshal.dumps((VERSION, subset, packed)))
            _trim(self.folder)
        except (OSError, FileIOError, ValueError) as exc:
            logger.info("font subset not cached: %r", exc)

    def write_soon(self, subset: Subset, packed: bytes) -> None:
        """``write`` in a background thread: a render does not wait for the disk (each write is
        flushed to disk, and an old PC's virus scanner reads every new file). The process waits
        for pending writes before it exits (the thread is not a daemon); ``flush`` waits now."""
        global _writer
        with _pending_lock:
            _pending.append((self, subset, packed))
            if _writer is not None:
                return
            _writer = threading.Thread(target=_write_pending, name="font-subset-cache")
            try:
                _writer.start()
                return
            except RuntimeError:  # no new threads (the interpreter is shutting down): write here
                _writer = None
                _pending.pop()
        self.write(subset, packed)


_pending: list[tuple[SubsetStore, Subset, bytes]] = []
_pending_lock = threading.Lock()
_writer: threading.Thread | None = None


def _write_pending() -> None:
    """The writer thread: writes what is queued, then ends."""
    global _writer
    while True:
        with _pending_lock:
            if not _pending:
                _writer = None
                return
            store, subset, packed = _pending.pop(0)
        store.write(subset, packed)


def flush() -> None:
    """Wait until every queued subset is written."""
    while True:
        with _pending_lock:
            writer = _writer
        if writer is None:
            return
        writer.join()


def _trim(folder: Path) -> None:
    """Remove the oldest subset files beyond ``FILES_KEPT``."""
    files = list(folder.glob("*" + SUFFIX))
    if len(files) <= FILES_KEPT:
        return
    by_age = sorted(files, key=lambda p: p.stat().st_mtime_ns)
    for old in by_age[: len(files) - FILES_KEPT]:
        old.unlink(missing_ok=True)


def remember_subsets(face: ttfonts.TTFontFace, store: SubsetStore | None) -> None:
    """Make ``face`` keep its subsets and their deflated streams (instance attributes shadowing
    ReportLab's ``makeSubset`` and ``addSubsetObjects``)."""
    subset_of = face.makeSubset
    add_objects = face.addSubsetObjects
    made: dict[Subset, bytes] = {}
    flated: dict[Subset, tuple[bytes, bytes]] = {}

    def make_subset(subset: list[int]) -> bytes:
        key = tuple(subset)
        data = made.get(key)
        if data is None:
            stored = store.read(key) if store is not None else None
            if stored is not None:
                data = stored[0]
                _put(flated, key, stored)
            else:
                data = subset_of(subset)
            _put(made, key, data)
        return data

    def add_subset_objects(doc: pdfdoc.PDFDocument, fontname: str, subset: list[int]) -> Any:
        ref = add_objects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{face.filename}({fontname})")
        if isinstance(stream, pdfdoc.PDFStream) and stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [RememberedFlate(flated, tuple(subset), store)]
        return ref

    face.makeSubset = make_subset
    face.addSubsetObjects = add_subset_objects


def _put(cache: dict[Subset, Any], key: Subset, value: Any) -> None:
    """Remember ``value``, forgetting the oldest entry beyond ``KEPT`` (the preview and an export
    may render in two threads at once)."""
    with _lock:
        if key not in cache and len(cache) >= KEPT:
            cache.pop(next(iter(cache)))
        cache[key] = value


_lock = threading.Lock()


class RememberedFlate:
    """ReportLab's FlateDecode filter (``pdfdoc.PDFZCompress``, the same bytes) for one font
    subset, remembering its result in memory and on disk."""

    pdfname = "FlateDecode"
    __slots__ = ("cache", "key", "store")

    def __init__(self, cache: dict[Subset, tuple[bytes, bytes]], key: Subset, store: SubsetStore | None) -> None:
        self.cache, self.key, self.store = cache, key, store

    def encode(self, content: bytes) -> bytes:
        known = self.cache.get(self.key)
        if known is not None and known[0] == content:
            return known[1]
        packed: bytes = pdfdoc.PDFZCompress.encode(content)
        _put(self.cache, self.key, (content, packed))
        if self.store is not None:
            self.store.write_soon(self.key, packed)
        return packed

    def decode(self, encoded: bytes) -> bytes:
        return bytes(pdfdoc.PDFZCompress.decode(encoded))
