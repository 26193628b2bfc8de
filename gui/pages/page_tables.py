"""A table page (二, 三, 四): the section's intro text and one TableGrid per table of the section.

One scroll area per page, never one inside another: a page with one big table (三, 四) lets that
table's own view scroll its numbers under a header and row labels that stay in place; a page of
several small tables (二) shows each whole and scrolls as a page. Tab runs from table to table.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QMainWindow, QVBoxLayout, QWidget

import forms
from gui.grid.table_grid import TableGrid
from gui.i18n import _
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.specs import PageSpec
from gui.pages.text_block import TextBlock
from gui.plain import plain_label
from gui.settings import app_settings

if TYPE_CHECKING:
    from storage import Change

__all__ = ["COMPACT_KEY", "TablesPage"]

#: "on", "off", or absent: compact headers only when the full table would not fit
COMPACT_KEY = "grid/compact_headers"


class TablesPage(WizardPage):
    def __init__(self, spec: PageSpec, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        reveal = partial(ctx.reveal, spec.key)
        self.single = len(spec.tables) == 1
        self._compact_choice = ""  # "on", "off", or "" for automatic
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        self.blocks = [TextBlock(self.session, t, reveal, compact=True, parent=content) for t in spec.texts]
        for block in self.blocks:
            if self.single:  # the table needs the height: a few lines of intro, the editor scrolls the rest
                block.editor.setMaximumHeight(4 * block.editor.fontMetrics().lineSpacing() + 12)
            column.addWidget(block)
        hint = plain_label(_("Tab、回车按填写顺序移动；直接输入覆盖，F2 修改，Delete 清空；可粘贴 Excel/WPS 的一块数据；"
                             "拖动表头竖线调整列宽，双击竖线自动适应。"), content, wrap=True)
        hint.setToolTip(_("方向键逐格移动；Tab/Shift+Tab 沿行、回车/Shift+回车沿列移动，跳过自动计算的合计，"
                          "到表尾进入下一张表。灰色的“总计”格自动计算。右键菜单可恢复默认列宽。"))
        hint.setObjectName("tableHint")
        hint.setStyleSheet("color:#555")
        hint_row = QHBoxLayout()
        hint_row.addWidget(hint, 1)
        self.compact_box = QCheckBox(_("紧凑表头"), content)
        self.compact_box.setToolTip(_("收窄行标题和表头，让窄屏也能看到更多数字列"))
        self.compact_box.setAccessibleName(_("紧凑表头"))
        self.compact_box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # not a stop between the text and the table
        self.compact_box.toggled.connect(self._compact_chosen)
        hint_row.addWidget(self.compact_box, 0, Qt.AlignmentFlag.AlignTop)
        self.compact_box.setVisible(self.single)
        column.addLayout(hint_row)
        self.grids: dict[str, TableGrid] = {}
        for table_id in spec.tables:
            table = self.definition.table(table_id)
            caption = plain_label(table.title, content)
            caption.setObjectName("tableCaption")
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            column.addWidget(caption)
            # Stacked blocks (2019 section 二) carry their title in the grid's own first header row, and
            # a table named like its section is already named by the page title.
            section_title = self.definition.section(table.section).title
            caption.setVisible(table.header[0][0].text != table.title and table.title != section_title)
            grid = TableGrid(table, self.session.stack, content)
            grid.set_draft(self.session.draft)
            grid.setAccessibleName(_("表格：{title}", title=table.title))
            grid.cellEdited.connect(self._cell_edited)
            grid.statusMessage.connect(self._status_message)
            grid.show_whole(not self.single)
            caption.setBuddy(grid)
            if self.single:  # all the height there is, but never taller than the table (四 has one row)
                column.addWidget(grid, 1, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            else:
                column.addWidget(grid)
            self.grids[table_id] = grid
        if not self.single:
            column.addStretch(1)
        self.content = content
        self.main.addWidget(content if self.single else self.scroll_area(content))
        # The grids need the width: guidance lives in the editors' placeholder text and one hint line,
        # and the side column only appears when there are review comments to show.
        self.side_only_for_comments = True
        self.finish_side()
        self._compact_choice = str(app_settings().value(COMPACT_KEY, ""))
        self._update_compact()

    # ------------------------------------------------------------------ compact headers

    def _compact_chosen(self, on: bool) -> None:
        if self.compact_box.signalsBlocked():
            return
        self._compact_choice = "on" if on else "off"
        settings = app_settings()
        settings.setValue(COMPACT_KEY, self._compact_choice)
        settings.sync()
        self._update_compact()

    def _update_compact(self) -> None:
        """Compact headers as the clerk chose, else when the whole table does not fit the room the
        page has for it (most office screens: 1366×768, or 1920×1080 at 125 % and 150 %)."""
        if not self.single:
            return
        grid = next(iter(self.grids.values()))
        choice = self._compact_choice
        width = self.content.width() - 8
        height = self.content.height() - grid.geometry().top()
        natural = grid.natural_size()
        short = natural.width() > width or natural.height() > height
        compact = choice == "on" or (choice != "off" and self.isVisible() and short)
        grid.set_compact(compact)
        self.compact_box.blockSignals(True)
        self.compact_box.setChecked(compact)
        self.compact_box.blockSignals(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_compact()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._compact_choice = str(app_settings().value(COMPACT_KEY, ""))  # another page may have changed it
        self._update_compact()

    def _cell_edited(self, table: str, row: str, column: str) -> None:
        """A cell changed (typed, pasted, undone): bring this page into view, for undo from elsewhere.
        Saving follows from the undo stack's own change signal (DraftSession)."""
        if not self.isVisible():
            self.ctx.reveal(self.spec.key)

    def _status_message(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)

    def set_read_only(self, read_only: bool) -> None:
        for block in self.blocks:
            block.set_read_only(read_only)
        for grid in self.grids.values():
            grid.set_read_only(read_only)

    def set_findings(self, findings: list[forms.Finding]) -> None:
        for table_id, grid in self.grids.items():
            grid.set_findings([f for f in findings if f.location.table == table_id])

    def focus_location(self, location: forms.Location) -> None:
        grid = self.grids.get(location.table or "")
        if grid is None:
            if location.text:
                for block in self.blocks:
                    if block.text_id == location.text:
                        block.editor.setFocus()
                        return
            self.focus_first()
            return
        table = self.definition.table(location.table or "")
        row = location.row or _first_input_row(table, location.column)
        grid.focus_cell(row, location.column)

    def focus_first(self) -> None:
        if self.grids:
            table = self.definition.table(next(iter(self.grids)))
            next(iter(self.grids.values())).focus_cell(_first_input_row(table, None), None)
        elif self.blocks:
            self.blocks[0].editor.setFocus()

    def set_changes(self, changes: list[Change]) -> None:
        """Mark the cells that differ from the last submission, with the value they had then."""
        for table_id, grid in self.grids.items():
            table = self.definition.table(table_id)
            marked = {}
            for c in changes:
                if c.kind == "cell" and c.key.startswith(f"{table_id}/"):
                    _table, row_id, column_id = c.key.split("/")
                    marked[(row_id, column_id)] = forms.format_value(table.column(column_id).kind, c.old)  # type: ignore[arg-type]
            grid.model.set_changed(marked)

    def refresh(self) -> None:
        for block in self.blocks:
            block.refresh()
        for grid in self.grids.values():
            grid.refresh()


def _first_input_row(table: forms.Table, column: str | None) -> str:
    for row in table.rows:
        if not row.computed:
            return row.id
    return table.rows[0].id
