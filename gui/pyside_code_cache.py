"""PySide's support modules compiled once and kept, instead of compiled at every start.

Importing PySide6 loads shiboken's signature support from a zip archive embedded in the library, and
compiles each of its 13 modules from source with ``compile`` (no bytecode is kept, as Python keeps
``.pyc`` files for ordinary modules): about 18 ms of every start. ``cached_pyside_support_code`` keeps
the compiled code in the cache folder and hands it back when the same source comes again: 1 ms.

Entries are kept with their source (a module whose source differs is compiled afresh) and the file
with the interpreter's bytecode magic number, so another PySide6 or Python compiles afresh and
rewrites the file. A cache that cannot be read or does not match is ignored; nothing but the compile
of those modules changes. (Comparing the source, not a digest of it: ``hashlib`` loads OpenSSL,
three more libraries opened at every start.)
"""

from __future__ import annotations

import builtins
import marshal
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import MAGIC_NUMBER
from pathlib import Path
from types import CodeType
from typing import Any

from gui.pyside_patterns import SUPPORT_PREFIX

__all__ = ["CACHE_FILE", "cached_pyside_support_code"]

CACHE_FILE = "pyside-support-code.marshal"
Entries = dict[str, tuple[bytes, CodeType]]  # file name -> (source, code)


def _read(path: Path) -> Entries:
    try:
        magic, entries = marshal.loads(path.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    if magic != MAGIC_NUMBER or not isinstance(entries, dict):
        return {}
    return {name: entry for name, entry in entries.items()
            if isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 2
            and isinstance(entry[0], bytes) and isinstance(entry[1], CodeType)}


def _write(path: Path, entries: Entries) -> None:
    from common.atomic import atomic_write
    from common.errors import AppError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, marshal.dumps((MAGIC_NUMBER, entries)))
    except (OSError, AppError):
        pass  # no cache this time: the next start compiles again


def _source_bytes(source: Any) -> bytes | None:
    if isinstance(source, str):
        return source.encode("utf-8", "surrogatepass")
    return source if isinstance(source, bytes) else None


@contextmanager
def cached_pyside_support_code(folder: Path | None) -> Iterator[None]:
    """While inside (wrap ``import PySide6``), shiboken's support modules compile from ``folder``'s
    cache where the source is the same; the cache is written when anything had to be compiled."""
    if folder is None:  # caching is off
        yield
        return
    path = folder / CACHE_FILE
    kept = _read(path)
    used: Entries = {}
    real = builtins.compile

    def compile(source: Any, filename: Any, mode: str, *args: Any, **kwargs: Any) -> Any:
        text = _source_bytes(source) if isinstance(filename, str) and filename.startswith(SUPPORT_PREFIX) else None
        if text is None or mode != "exec" or args or kwargs:
            return real(source, filename, mode, *args, **kwargs)
        entry = kept.get(filename)
        code = entry[1] if entry is not None and entry[0] == text else real(source, filename, mode)
        used[filename] = (text, code)
        return code

    builtins.compile = compile
    try:
        yield
    finally:
        builtins.compile = real
        if used and any(kept.get(name, (b"",))[0] != entry[0] for name, entry in used.items()):
            _write(path, {**kept, **used})
