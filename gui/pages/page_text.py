"""A narrative page: one subsection of 一 (or 五, 六) with the format's guidance beside the editor."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

import forms
from gui.i18n import _, language
from gui.pages.diff_view import DiffView
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.specs import PageSpec
from gui.pages.text_block import TextBlock

if TYPE_CHECKING:
    from storage import Change

__all__ = ["TextPage"]


class TextPage(WizardPage):
    def __init__(self, spec: PageSpec, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        text_id = spec.texts[0]
        field = self.definition.text(text_id)
        reveal = partial(ctx.reveal, spec.key)
        self.block = TextBlock(self.session, text_id, reveal, heading=field.kind == "subsection", parent=self)
        self.main.addWidget(self.block)
        self.changes_box = QGroupBox(_("自上次提交以来的修改"), self)
        self.changes_box.setAccessibleName(_("自上次提交以来的修改"))
        self.changes = DiffView(self.changes_box)
        self.changes.setMaximumHeight(160)
        QVBoxLayout(self.changes_box).addWidget(self.changes)
        self.changes_box.hide()
        self.main.addWidget(self.changes_box)
        self.add_guidance(_("填写提示"), field.guidance_en if language() == "en" else field.guidance_zh)
        self.finish_side()

    def set_read_only(self, read_only: bool) -> None:
        self.block.set_read_only(read_only)

    def focus_location(self, location: forms.Location) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.block.editor.setFocus()

    def refresh(self) -> None:
        self.block.refresh()

    def set_changes(self, changes: list[Change]) -> None:
        """This text's difference from the last submission, deletions and insertions marked."""
        text_id = self.spec.texts[0]
        mine = [c for c in changes if c.key in (f"texts.{text_id}", f"headings.{text_id}")]
        self.changes_box.setVisible(bool(mine))
        if mine:
            self.changes.show_changes(mine)
