"""A cheaper form of the check PySide6 runs on every module imported after it.

PySide6 6.12 replaces ``__import__``; for each newly imported module it asks whether the module uses
PySide6 (for its opt-in ``from __feature__ import ...`` switches) by reading the whole source with
``inspect.getsource`` and looking for the word "PySide6". That goes through ``linecache``, which
tokenizes the encoding cookie, splits the file into lines and keeps them: about 0.13 ms a module,
11 ms of the program's start (89 modules before the first paint) and the sources of every module
imported later (ReportLab's included) held in memory.

``use_cheap_source_check`` swaps in the same test done on the file's bytes, skipped for the standard
library (which never names PySide6): same answer for a module loaded from a ``.py`` file (the word is ASCII, so searching the UTF-8 bytes finds exactly what
searching the text finds), PySide's own check for anything else (bytecode-only installs, built-ins). If a PySide6 release renames its check, nothing is replaced and nothing changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

__all__ = ["mentions_pyside", "use_cheap_source_check"]

_FEATURE_MODULE = "shibokensupport.feature"
_CHECK_NAME = "_mod_uses_pyside"
_WORD = b"PySide6"


def mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source file contains "PySide6"; ``fallback`` decides for modules without one."""
    if module.__name__.partition(".")[0] in sys.stdlib_module_names:
        return False  # the standard library never names PySide6 (a test reads it all to make sure)
    path = getattr(module, "__file__", None)  # where inspect.getsource looks first, frozen stdlib modules included
    if isinstance(path, str) and path.endswith(".py"):
        try:
            with open(path, "rb") as source:
                return _WORD in source.read()
        except OSError:
            return False  # what inspect.getsource's OSError meant to PySide too
    return fallback(module)


def use_cheap_source_check() -> bool:
    """Install the byte-level check in place of PySide6's; returns whether it was installed."""
    feature = sys.modules.get(_FEATURE_MODULE)
    original = getattr(feature, _CHECK_NAME, None)
    if feature is None or not callable(original) or getattr(original, "_nianbao_cheap", False):
        return False

    def check(module: ModuleType) -> bool:
        return mentions_pyside(module, original)

    check._nianbao_cheap = True  # type: ignore[attr-defined]
    setattr(feature, _CHECK_NAME, check)
    return True
