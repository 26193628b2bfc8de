"""Undoable cell changes: one QUndoCommand per edit, paste or clear, on the window's shared stack.

A command captures the draft it changed and the before/after state of each cell, so undo restores
the exact value or the exact invalid text even after the grid showing it was rebound or closed.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

from forms import CellValue, Draft

logger = logging.getLogger(__name__)

__all__ = ["CellChange", "CellState", "CellsCommand", "read_state"]


@dataclass(frozen=True)
class CellState:
    """What one input cell holds: a valid value, typed text that is not valid, or nothing."""

    value: CellValue = None
    invalid: str | None = None


@dataclass(frozen=True)
class CellChange:
    row: str
    column: str
    before: CellState
    after: CellState


def read_state(draft: Draft, table_id: str, row_id: str, column_id: str) -> CellState:
    key = (table_id, row_id, column_id)
    if key in draft.invalid_inputs:
        return CellState(None, draft.invalid_inputs[key])
    return CellState(draft.values.get(key), None)


def _write_state(draft: Draft, table_id: str, row_id: str, column_id: str, state: CellState) -> None:
    if state.invalid is not None:
        draft.set_invalid_input(table_id, row_id, column_id, state.invalid)
    else:
        draft.set_value(table_id, row_id, column_id, state.value)


Listener = Callable[[Draft, str, list[tuple[str, str]]], None]


class CellsCommand(QUndoCommand):
    """Set several cells of one table at once; redo/undo write every cell, then tell the grid."""

    def __init__(self, text: str, draft: Draft, table_id: str, changes: Sequence[CellChange], listener: Listener) -> None:
        super().__init__(text)
        self.draft = draft
        self.table_id = table_id
        self.changes = tuple(changes)
        # weak: a closed page must not be kept alive (or called into) by the window's undo stack
        self._listener = weakref.WeakMethod(listener) if hasattr(listener, "__self__") else lambda: listener

    def redo(self) -> None:
        self._apply(after=True)

    def undo(self) -> None:
        self._apply(after=False)

    def _apply(self, after: bool) -> None:
        for change in self.changes:
            _write_state(self.draft, self.table_id, change.row, change.column, change.after if after else change.before)
        listener = self._listener()
        if listener is None:
            return
        try:
            listener(self.draft, self.table_id, [(c.row, c.column) for c in self.changes])
        except RuntimeError:  # the grid's C++ side is gone; the draft is already updated
            logger.debug("grid for %s no longer exists", self.table_id)
