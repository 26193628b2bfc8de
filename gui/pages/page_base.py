"""What every wizard page shares: a heading, the main area, and a side column with guidance and comments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

import forms
from gui.pages.comments import CommentsPanel, comment_keys
from gui.pages.page_titles import page_title
from gui.pages.specs import PageSpec
from gui.plain import plain_label
from gui.session import DraftSession

if TYPE_CHECKING:
    from storage import Change, Comment

__all__ = ["PageContext", "WizardPage"]


@dataclass
class PageContext:
    """What every page is given by the wizard: the draft's session and ways to reach other pages."""

    session: DraftSession
    reveal: Callable[[str], None]  # show the page with this key
    add_comment: Callable[[str, str], None]  # (section key, text)


class WizardPage(QWidget):
    """Base class: subclasses fill ``self.main`` and may add guidance to the side column."""

    def __init__(self, spec: PageSpec, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.ctx = ctx
        self.session = ctx.session
        self.definition = ctx.session.definition
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 8, 8, 8)
        self.title = plain_label(page_title(self.definition, spec), self, wrap=True)
        self.title.setObjectName("pageTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setAccessibleName(self.title.text())
        outer.addWidget(self.title)
        body = QHBoxLayout()
        outer.addLayout(body, 1)
        self.main = QVBoxLayout()
        body.addLayout(self.main, 3)
        side_widget = QWidget(self)
        side_widget.setMaximumWidth(300)
        side_widget.setMinimumWidth(200)
        self.side = QVBoxLayout(side_widget)
        self.side.setContentsMargins(0, 0, 0, 0)
        body.addWidget(side_widget, 1)
        self.side_widget = side_widget
        section_key = spec.texts[0] if spec.kind == "text" else (spec.section or "")
        self.side_only_for_comments = False
        self.comments = CommentsPanel(section_key, comment_keys(spec.section, spec.texts), self)
        self.comments.commentSubmitted.connect(ctx.add_comment)

    def finish_side(self) -> None:
        """Call after adding guidance: comments go under it, then the spare space."""
        self.side.addWidget(self.comments)
        self.side.addStretch(1)

    def add_guidance(self, title: str, text: str) -> QLabel:
        box = QGroupBox(title, self)
        box.setAccessibleName(title)
        label = plain_label(text, box, wrap=True)
        label.setAccessibleName(title)
        QVBoxLayout(box).addWidget(label)
        self.side.addWidget(box)
        return label

    @staticmethod
    def scroll_area(widget: QWidget) -> QScrollArea:
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setFrameShape(QFrame.Shape.NoFrame)
        area.setWidget(widget)
        return area

    # -- overridden by pages
    def set_read_only(self, read_only: bool) -> None:
        pass

    def set_findings(self, findings: list[forms.Finding]) -> None:
        pass

    def focus_location(self, location: forms.Location) -> None:
        self.focus_first()

    def focus_first(self) -> None:
        self.focusNextChild()

    def refresh(self) -> None:
        """Re-read the draft (after undo of something shown here, or a restore)."""

    def set_changes(self, changes: list[Change]) -> None:
        """Mark what changed since the reviewer last saw the report (texts, cells); none by default."""

    def set_review(self, comments: list[Comment], reviewing: bool, approved_at: dt.datetime | None = None) -> None:
        self.comments.set_comments(comments, approved_at)
        self.comments.set_reviewing(reviewing)
        if self.side_only_for_comments:
            self.side_widget.setVisible(not self.comments.isHidden())
