"""A narrative editor bound to one draft text, with its heading field and a live character count."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from forms import limits
from gui.i18n import _, language
from gui.pages.page_titles import number_label
from gui.pages.text_undo import FieldBinding, UndoLineEdit, UndoTextEdit
from gui.plain import plain_label
from gui.session import DraftSession

if TYPE_CHECKING:
    from gui.pages.last_year import LastYearHighlighter

__all__ = ["TextBlock", "count_chars"]


_SPACE = re.compile(r"\s")
COUNT_MS = 150  # the character count follows typing after a short pause (it reads the whole text)


def count_chars(text: str) -> int:
    """Characters as a clerk counts them: everything except whitespace."""
    return len(text) - len(_SPACE.findall(text))


class TextBlock(QWidget):
    """Editor for ``text_id``; with ``heading`` also an editable subsection title.

    A text copied from last year carries a bar saying so, with 确认, and its figures highlighted,
    until the clerk edits it or confirms it as it stands.
    """

    carriedChanged = Signal()

    def __init__(self, session: DraftSession, text_id: str, reveal: Callable[[], None], heading: bool = False,
                 compact: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.text_id = text_id
        spec = session.definition.text(text_id)
        title = spec.en if language() == "en" else spec.title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading_edit: UndoLineEdit | None = None
        if heading:
            row = QHBoxLayout()
            label = plain_label(_("小标题{number}", number=number_label(spec.number)), self)
            binding = FieldBinding(f"heading:{text_id}", lambda: session.draft.headings.get(text_id, ""),
                                   self._set_heading, reveal)
            self.heading_edit = UndoLineEdit(binding, session.stack, self, limit=limits.HEADING_MAX_CHARS, what=_("小标题"))
            self.heading_edit.setPlaceholderText(spec.title)
            self.heading_edit.setAccessibleName(_("小标题"))
            self.heading_edit.setAccessibleDescription(_("留空则使用格式规定的标题：{title}", title=spec.title))
            self.heading_edit.setToolTip(_("留空则使用格式规定的标题：{title}", title=spec.title))
            label.setBuddy(self.heading_edit)
            row.addWidget(label)
            row.addWidget(self.heading_edit, 1)
            layout.addLayout(row)
        self.carried_bar = QFrame(self)
        self.carried_bar.setObjectName("carriedBar")
        self.carried_bar.setStyleSheet("#carriedBar { background:#e3f2fd; border:1px solid #64b5f6; }")
        bar = QHBoxLayout(self.carried_bar)
        bar.setContentsMargins(6, 2, 6, 2)
        self.carried_note = plain_label(_("这段文字沿用上一年的报告，尚未确认。请核对标出的年份和数字，修改或点“确认”。"),
                                        self.carried_bar, wrap=True)
        self.confirm_button = QPushButton(_("确认"), self.carried_bar)
        self.confirm_button.setAccessibleName(_("确认沿用上年的文字"))
        self.confirm_button.setToolTip(_("这段文字已核对，今年照样使用"))
        self.confirm_button.clicked.connect(self.confirm_carried)
        bar.addWidget(self.carried_note, 1)
        bar.addWidget(self.confirm_button)
        layout.addWidget(self.carried_bar)
        self.label = plain_label((title + ("" if spec.required else _("（可选）"))) if not heading else _("正文"), self)
        layout.addWidget(self.label)
        binding = FieldBinding(f"text:{text_id}", lambda: session.draft.text(text_id), self._set_text, reveal)
        self.editor = UndoTextEdit(binding, session.stack, self, limit=limits.TEXT_MAX_CHARS, what=title)
        self.editor.setAccessibleName(title)
        self.editor.setAccessibleDescription(spec.guidance_en if language() == "en" else spec.guidance_zh)
        self.editor.setPlaceholderText(spec.guidance_en if language() == "en" else spec.guidance_zh)
        if compact:
            self.editor.setMaximumHeight(110)
        self.label.setBuddy(self.editor)
        layout.addWidget(self.editor, 1)
        self.count = plain_label("", self)
        self.count.setAccessibleName(_("字数"))
        layout.addWidget(self.count)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_MS)
        self._count_timer.timeout.connect(self._update_count)
        self.editor.document().contentsChanged.connect(self._count_timer.start)
        self._update_count()
        self._read_only = False
        self.highlighter: LastYearHighlighter | None = None
        if self.carried:
            from gui.pages.last_year import LastYearHighlighter  # only a text carried from last year needs it

            self.highlighter = LastYearHighlighter(self.editor.document(), session.draft.year)
        self._update_carried()

    @property
    def carried(self) -> bool:
        """Whether this text is last year's, not yet edited or confirmed."""
        return self.text_id in self.session.draft.carried_texts

    def confirm_carried(self) -> None:
        """The clerk has read the copied text and keeps it: no longer marked (saved like an edit)."""
        if not self.carried or self._read_only:
            return
        self.session.draft.carried_texts.discard(self.text_id)
        if self.highlighter is not None:
            self.highlighter.setDocument(None)
            self.highlighter = None
        self._update_carried()
        self.session.mark_changed()
        self.carriedChanged.emit()

    def _update_carried(self) -> None:
        self.carried_bar.setVisible(self.carried)
        self.confirm_button.setEnabled(not self._read_only)

    def _set_text(self, text: str) -> None:
        if self.carried:  # an edit is the clerk's own review of the copied text
            self.session.draft.carried_texts.discard(self.text_id)
            self._update_carried()
            self.carriedChanged.emit()
        if text:
            self.session.draft.texts[self.text_id] = text
        else:
            self.session.draft.texts.pop(self.text_id, None)

    def _set_heading(self, text: str) -> None:
        if text.strip():
            self.session.draft.headings[self.text_id] = text
        else:
            self.session.draft.headings.pop(self.text_id, None)

    def _update_count(self) -> None:
        self.count.setText(_("字数：{n}", n=count_chars(self.editor.toPlainText())))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._update_carried()
        self.editor.setReadOnly(read_only)
        if self.heading_edit is not None:
            self.heading_edit.setReadOnly(read_only)

    def refresh(self) -> None:
        self._update_carried()
        self.editor.show_value(self.session.draft.text(self.text_id))
        if self.heading_edit is not None:
            self.heading_edit.show_value(self.session.draft.headings.get(self.text_id, ""))
