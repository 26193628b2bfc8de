"""Work around PySide6 6.12 dropping references to ``None``/``True``/``False`` on Python 3.11.

Measured here (PySide6 6.12.0 abi3 wheels, CPython 3.11.7): every Python-side signal emit loses one
reference to ``True``, every Python slot or ``data()`` that returns ``None`` loses one to ``None``.
``True`` starts with about 400 references, so after a few hundred edits the process aborts with
"bool_dealloc: deallocating True or False" (or "none_dealloc"). Python 3.12+ makes these objects
immortal, which is what the wheels seem to assume. On older Pythons we do the same by hand: give
each singleton so many extra references that no session can use them up. The objects are never
freed anyway, so the only visible effect is a large ``sys.getrefcount`` value.
"""

from __future__ import annotations

import ctypes
import logging
import sys

logger = logging.getLogger(__name__)

__all__ = ["make_singletons_immortal"]

_EXTRA = 1 << 40  # a trillion lost references before anything could go wrong
_done = False


def make_singletons_immortal() -> bool:
    """Pin None, True, False, NotImplemented and Ellipsis (CPython < 3.12 only). Idempotent.

    :returns: whether the references were added by this call.
    """
    global _done
    if _done or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if hasattr(sys, "gettotalrefcount"):  # debug build: the object header layout may differ
        logger.warning("debug CPython build: not pinning singletons")
        return False
    for obj in (None, True, False, NotImplemented, Ellipsis):
        before = sys.getrefcount(obj)
        ctypes.c_ssize_t.from_address(id(obj)).value += _EXTRA
        # other code may take or drop a few references meanwhile; a wrong field would be far off
        if abs(sys.getrefcount(obj) - before - _EXTRA) > 1_000_000:  # not the layout we expect: undo, give up
            ctypes.c_ssize_t.from_address(id(obj)).value -= _EXTRA
            logger.warning("could not pin %r; PySide6 may crash in long sessions", obj)
            return False
    _done = True
    logger.info("pinned None/True/False (PySide6 refcount workaround for Python %s)", sys.version.split()[0])
    return True
