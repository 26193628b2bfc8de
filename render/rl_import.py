"""Import ReportLab without its import-time work that a report never uses.

A fresh ``nianbao render`` spent about a fifth of its time importing ReportLab, half of that on
things no report needs:

* ``reportlab.platypus.paragraph`` compiles a case-insensitive URL pattern over all of Unicode
  (``uri_pat``, used only to hyphenate long URLs in non-CJK text): 40-50 ms. ``textsplit``
  compiles a CJK pattern used only by its Japanese ``cjkwrap`` helper: 5 ms.
  Both are compiled on first use instead (``LazyPattern``).
* ``reportlab.lib.utils`` imports Pillow's ``PIL.Image`` (15 ms), needed only to embed bitmaps,
  and ``xpreformatted`` the Python syntax colourer ``PyFontify`` (2 ms): both are imported lazily
  (``importlib.util.LazyLoader``), loaded when first used.

Everything behaves as before; only the moment of the work changes. ``import_reportlab`` runs once,
from ``render/__init__.py``, before any other module of this package imports ReportLab.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import threading
from typing import Any

#: modules whose import-time patterns over the upper Unicode range are compiled on first use
DEFERRED_MODULES = frozenset({"reportlab.platypus.paragraph", "reportlab.lib.textsplit"})


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)``; compiles on first attribute access (``match``,
    ``sub`` ...). Only for patterns that are used through their methods, never passed to ``re``."""

    __slots__ = ("_args", "_compiled", "_lock")

    def __init__(self, pattern: str, flags: int) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        compiled = self._compiled
        if compiled is None:
            with self._lock:
                if self._compiled is None:
                    self._compiled = _compile(*self._args)
                compiled = self._compiled
        return getattr(compiled, name)


_compile = re.compile


def _deferring_compile(pattern: Any, flags: int = 0) -> Any:
    caller = sys._getframe(1).f_globals.get("__name__")
    if caller in DEFERRED_MODULES and isinstance(pattern, str) and "\uffff" in pattern:
        return LazyPattern(pattern, int(flags))
    return _compile(pattern, flags)


def _lazy_module(name: str) -> None:
    """Put ``name`` in ``sys.modules`` as a module that executes when first used."""
    if name in sys.modules:
        return
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return
    if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    parent, _dot, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)


_done = False


def import_reportlab() -> None:
    """Import the ReportLab modules the renderer uses, with the deferrals above (once)."""
    global _done
    if _done:
        return
    _done = True
    if "reportlab.lib.utils" not in sys.modules:
        _lazy_module("PIL.Image")
    _lazy_module("reportlab.lib.PyFontify")
    if "reportlab.platypus.paragraph" in sys.modules:
        return
    re.compile = _deferring_compile
    try:
        import reportlab.platypus  # noqa: F401
    finally:
        re.compile = _compile
