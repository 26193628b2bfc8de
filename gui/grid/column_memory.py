"""The column widths a clerk chose for a table, remembered in the app's settings between sessions.

Keyed by the table's id and each column's id (label columns by level), not by position, so a width
chosen for 自然人 in section 三 also applies to the same column of the other format's section 三.
"""

from __future__ import annotations

import json

from forms.definition import Table
from forms.layout import Grid
from gui.settings import app_settings

__all__ = ["ColumnMemory"]

MAX_WIDTH = 10_000


class ColumnMemory:
    """Load and store {grid column: width in pixels} for one table."""

    def __init__(self, table: Table, layout: Grid) -> None:
        self.table = table
        self.layout = layout
        self.key = f"grid/{table.id}/column_widths"

    def column_key(self, column: int) -> str:
        lay = self.layout
        return f"label{column}" if column < lay.label_columns else self.table.columns[column - lay.label_columns].id

    def load(self) -> dict[int, int]:
        """The widths saved for this table; anything unreadable is ignored (the fitted widths stay)."""
        keys = {self.column_key(c): c for c in range(self.layout.ncols)}
        try:
            raw = json.loads(str(app_settings().value(self.key, "{}")))
        except (TypeError, ValueError):
            return {}
        if not isinstance(raw, dict):
            return {}
        return {
            keys[k]: v
            for k, v in raw.items()
            if k in keys and isinstance(v, int) and not isinstance(v, bool) and 0 < v < MAX_WIDTH
        }

    def save(self, widths: dict[int, int]) -> None:
        """Remember ``widths`` (an empty dict forgets them: the table is fitted again)."""
        settings = app_settings()
        if widths:
            settings.setValue(self.key, json.dumps({self.column_key(c): w for c, w in sorted(widths.items())}))
        else:
            settings.remove(self.key)
        settings.sync()
