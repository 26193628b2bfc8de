"""Work around a PySide6 refcount bug: ``None`` returned from a Python ``data()`` override.

With PySide6 6.12 on Python 3.11, every ``None`` that a Python ``QAbstractItemModel.data`` returns to
C++ (as an empty QVariant) loses one reference to ``None``. A grid repaints thousands of cells, so
after a while Python aborts with "none_dealloc: deallocating None". (Python 3.12+ makes ``None``
immortal, which hides the bug.) We probe once whether the bug is present and, if so, give back the
reference each time a model answers "no data".
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

__all__ = ["no_value"]

_PROBES = 16
_leaks: bool | None = None


class _Probe(QAbstractTableModel):
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return None


def _probe() -> bool:
    if sys.version_info >= (3, 12):
        return False  # None is immortal: losing references to it is harmless
    model = _Probe()
    index = model.index(0, 0)
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        index.data()
    return before - sys.getrefcount(None) >= _PROBES


def no_value() -> None:
    """Return ``None`` from a model's ``data()`` safely (use it instead of a bare ``return None``)."""
    global _leaks
    if _leaks is None:
        _leaks = _probe()
    if _leaks:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(None))
    return None
