"""A table page (二, 三, 四): the section's intro text and one TableGrid per table of the section."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMainWindow, QVBoxLayout, QWidget

import forms
from gui.grid.table_grid import TableGrid
from gui.i18n import _
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.specs import PageSpec
from gui.pages.text_block import TextBlock
from gui.plain import plain_label

logger = logging.getLogger(__name__)

__all__ = ["TablesPage"]


class TablesPage(WizardPage):
    def __init__(self, spec: PageSpec, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        reveal = lambda: ctx.reveal(spec.key)
        content = QWidget(self)
        column = QVBoxLayout(content)
        column.setContentsMargins(0, 0, 4, 0)
        self.blocks = [TextBlock(self.session, t, reveal, compact=True, parent=content) for t in spec.texts]
        for block in self.blocks:
            column.addWidget(block)
        hint = plain_label(_("表格操作：方向键、Tab、回车移动；直接输入覆盖；F2 修改；Delete 清空；可从 Excel/WPS 复制一块粘贴进来。"
                        "灰色的“总计”格自动计算。"), content, wrap=True)
        hint.setObjectName("tableHint")
        hint.setStyleSheet("color:#555")
        column.addWidget(hint)
        self.grids: dict[str, TableGrid] = {}
        for table_id in spec.tables:
            table = self.definition.table(table_id)
            caption = plain_label(table.title, content)
            caption.setObjectName("tableCaption")
            font = caption.font()
            font.setBold(True)
            caption.setFont(font)
            column.addWidget(caption)
            # Stacked blocks (2019 section 二) carry their title in the grid's own first header row.
            caption.setVisible(table.header[0][0].text != table.title)
            grid = TableGrid(table, self.session.stack, content)
            grid.set_draft(self.session.draft)
            grid.setAccessibleName(_("表格：{title}", title=table.title))
            grid.cellEdited.connect(self._cell_edited)
            grid.statusMessage.connect(self._status_message)
            caption.setBuddy(grid)
            column.addWidget(grid)
            self.grids[table_id] = grid
        column.addStretch(1)
        self.main.addWidget(self.scroll_area(content))
        # The grids need the width: guidance lives in the editors' placeholder text and one hint line,
        # and the side column only appears when there are review comments to show.
        self.side_only_for_comments = True
        self.finish_side()

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
