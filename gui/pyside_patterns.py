"""PySide's signature support compiles its large regular expressions when PySide6 is imported; this
defers them to their first use.

Importing PySide6 loads shiboken's signature support (``shibokensupport.signature``), whose signature
parser and stub generator compile three patterns as they are imported: about 20 ms of every start
(verbose patterns for nested brackets, 7 ms each), used to parse Qt's signature strings (introspection,
some error messages) and to write ``.pyi`` files, never on the way to the first paint.
``deferred_pyside_patterns`` makes ``re.compile``, when called from those modules while PySide6 is
imported, return a pattern compiled the first time it is used. Every other ``re.compile``, and every
one after the import, is untouched; if a PySide6 release compiles elsewhere, nothing changes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["SUPPORT_PREFIX", "DeferredPattern", "deferred_pyside_patterns"]

#: the file names shiboken's embedded support modules are compiled under
SUPPORT_PREFIX = "shibokensupport/"
_METHODS = frozenset({"match", "fullmatch", "search", "sub", "subn", "split", "findall", "finditer", "scanner"})


class DeferredPattern:
    """Stands for ``re.compile(pattern, flags)`` and compiles it when first used. A method taken from it
    (``finditer = pattern.finditer``, as PySide's parser does at import) compiles when first called."""

    __slots__ = ("_args", "_compile", "_compiled")

    def __init__(self, pattern: str | bytes, flags: int, compile: Callable[..., re.Pattern[Any]]) -> None:
        self._args = (pattern, flags)
        self._compile = compile
        self._compiled: re.Pattern[Any] | None = None

    def compiled(self) -> re.Pattern[Any]:
        if self._compiled is None:
            self._compiled = self._compile(*self._args)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        if name in _METHODS:
            return lambda *args, **kwargs: getattr(self.compiled(), name)(*args, **kwargs)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"DeferredPattern({self._args[0]!r})"


@contextmanager
def deferred_pyside_patterns() -> Iterator[None]:
    """While inside, patterns compiled by shiboken's support modules are deferred (wrap ``import PySide6``)."""
    real = re.compile

    def compile(pattern: Any, flags: int = 0) -> Any:
        if sys._getframe(1).f_code.co_filename.startswith(SUPPORT_PREFIX):
            return DeferredPattern(pattern, flags, real)
        return real(pattern, flags)

    re.compile = compile
    try:
        yield
    finally:
        re.compile = real
