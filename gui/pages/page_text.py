"""A narrative page: one subsection of 一 (or 五, 六) with the format's guidance beside the editor."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QWidget

import forms
from gui.i18n import _, language
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.specs import PageSpec
from gui.pages.text_block import TextBlock

__all__ = ["TextPage"]


class TextPage(WizardPage):
    def __init__(self, spec: PageSpec, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        text_id = spec.texts[0]
        field = self.definition.text(text_id)
        reveal = partial(ctx.reveal, spec.key)
        self.block = TextBlock(self.session, text_id, reveal, heading=field.kind == "subsection", parent=self)
        self.main.addWidget(self.block)
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
