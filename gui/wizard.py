"""The wizard: navigator, the current page with 上一步/下一步, findings, and the preview, for one open draft.

Pages are built the first time they are shown, so opening a draft costs one page, not twelve.
"""

from __future__ import annotations

import datetime as dt
import logging
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget

import forms
from common.errors import AppError
from gui.grid import TABLE_ID_PROPERTY
from gui.i18n import _
from gui.pages.findings_panel import FindingsPanel
from gui.pages.navigator import Navigator
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.review_bar import ReviewBar
from gui.pages.specs import PageSpec, build_pages, page_for_location, page_states
from gui.plain import plain_label
from gui.qt_values import VERTICAL
from gui.session import DraftSession

if TYPE_CHECKING:
    from gui.find_replace import FindBar
    from gui.pages.page_review import ReviewPage
    from gui.preview.pane import PreviewPane
    from gui.wizard_actions import WizardActions
    from storage import Change, Comment, Submission

logger = logging.getLogger(__name__)

__all__ = ["Identity", "WizardView"]


class Identity:
    """Who is using the program: a name for the review record and whether they review.

    The name is the one set under 身份 (asked for at the first review step), never the login name:
    office PCs are shared and their logins say nothing about who approved a report.
    """

    def __init__(self, name: str = "", reviewer: bool = False) -> None:
        self.name = name
        self.reviewer = reviewer


class WizardView(QWidget):
    """Everything for one open draft. The main window owns menus and the status bar."""

    closeRequested = Signal()
    pageShown = Signal(str)

    def __init__(self, session: DraftSession, identity: Identity, parent: QWidget | None = None,
                 validate: bool = True) -> None:
        """``validate=False``: the caller has the draft checked later (the program's start, after the
        first paint)."""
        super().__init__(parent)
        self.session = session
        self.identity = identity
        self.definition = session.definition
        self.specs = build_pages(self.definition)
        self.by_key = {spec.key: spec for spec in self.specs}
        self.built: dict[str, WizardPage] = {}
        self.states: dict[str, str] = {}
        self.read_only = False
        self.preview: PreviewPane | None = None
        self.review_page: ReviewPage | None = None
        #: (the submission compared with, what changed since) or None; see Store.changes_since_submission
        self.changes: tuple[Submission, list[Change]] | None = None
        self.ctx = PageContext(session=session, reveal=self.show_page,
                               add_comment=lambda section, text: self.steps.add_comment(section, text))

        self.review_bar = ReviewBar(self)
        self.review_bar.returnRequested.connect(lambda: self.steps.return_draft())
        self.review_bar.approveRequested.connect(lambda: self.steps.approve())
        self.review_bar.reopenRequested.connect(lambda: self.steps.reopen())

        self.navigator = Navigator(self.definition, self.specs, self, headings=session.draft.headings)
        self.navigator.pageRequested.connect(self.show_page)
        self.navigator.set_carried(self._carried_pages())
        self.stack = QStackedWidget(self)
        self.stack.setAccessibleName(_("当前页面"))
        self.placeholders: dict[str, QWidget] = {}
        for spec in self.specs:
            placeholder = QWidget(self.stack)
            self.placeholders[spec.key] = placeholder
            self.stack.addWidget(placeholder)

        self.prev_button = QPushButton(_("上一步"), self)
        self.prev_button.setAccessibleName(_("上一步"))
        self.prev_button.clicked.connect(self.go_previous)
        self.next_button = QPushButton(_("下一步"), self)
        self.next_button.setAccessibleName(_("下一步"))
        self.next_button.clicked.connect(self.go_next)
        self.position = plain_label("", self)
        self.position.setAccessibleName(_("页码"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.position)
        buttons.addStretch(1)
        buttons.addWidget(self.prev_button)
        buttons.addWidget(self.next_button)

        self.findings_panel = FindingsPanel(self)
        self.findings_panel.findingActivated.connect(self.jump_to_finding)
        centre = QWidget(self)
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.addWidget(self.stack, 1)
        centre_layout.addLayout(buttons)
        self._centre_layout = centre_layout
        self._find_bar: FindBar | None = None
        # Splitters are built bare and oriented through their property (the overloaded constructor and the
        # setter would build PySide's Qt namespace before the first paint, see gui/qt_values.py);
        # adding them to their parents below gives them their place.
        self.centre_split = QSplitter()
        self.centre_split.setProperty("orientation", VERTICAL)
        self.centre_split.setObjectName("centreSplit")
        self.centre_split.addWidget(centre)
        self.centre_split.addWidget(self.findings_panel)
        self.centre_split.setStretchFactor(0, 4)
        self.centre_split.setStretchFactor(1, 1)
        self.centre_split.setChildrenCollapsible(False)  # no drag (or remembered position) may hide the page
        self.main_split = QSplitter()  # horizontal
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.navigator)
        self.main_split.addWidget(self.centre_split)
        self.main_split.setStretchFactor(0, 0)
        self.main_split.setStretchFactor(1, 3)
        self.main_split.setChildrenCollapsible(False)
        self.main_split.setSizes([250, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.review_bar)
        layout.addWidget(self.main_split, 1)

        self._pane_shortcuts()
        session.findingsChanged.connect(self._findings_changed)
        session.changed.connect(self._changed)
        session.reviewChanged.connect(lambda _state: self.apply_review_state())
        self.current_key = ""
        self.show_page(self.specs[0].key)
        self.apply_review_state()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)
        if validate:
            session.validate_now()

    @cached_property
    def steps(self) -> WizardActions:
        """Review steps, exports and printing, with their dialogs loaded when first used."""
        from gui.wizard_actions import WizardActions

        return WizardActions(self)

    @property
    def find_bar(self) -> FindBar:
        """The find and replace bar under the page, built at the first Ctrl+F / Ctrl+H."""
        if self._find_bar is None:
            from gui.find_replace import FindBar

            self._find_bar = FindBar(self)
            self._centre_layout.insertWidget(1, self._find_bar)
            self._find_bar.set_read_only(self.read_only)
        return self._find_bar

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        """Tell the session which table the clerk is typing in; focus lost to nothing (another
        program, a dialog) is no move out of the table."""
        if new is None or not self.isAncestorOf(new):
            return
        widget: QWidget | None = new
        while widget is not None and widget is not self and not widget.property(TABLE_ID_PROPERTY):
            widget = widget.parentWidget()
        table_id = widget.property(TABLE_ID_PROPERTY) if widget is not None and widget is not self else None
        self.session.set_editing_table(str(table_id) if table_id else None)

    def _pane_shortcuts(self) -> None:
        """F6 / Shift+F6 cycle the keyboard focus through navigator, page, findings and preview."""
        QShortcut(QKeySequence("F6"), self, lambda: self._cycle_pane(1))
        QShortcut(QKeySequence("Shift+F6"), self, lambda: self._cycle_pane(-1))
        for keys, slot in (("Ctrl+PgDown", self.go_next), ("Alt+Right", self.go_next),
                           ("Ctrl+PgUp", self.go_previous), ("Alt+Left", self.go_previous)):
            QShortcut(QKeySequence(keys), self, slot)
        self.prev_button.setToolTip(_("上一步 (Alt+← / Ctrl+PgUp)"))
        self.next_button.setToolTip(_("下一步 (Alt+→ / Ctrl+PgDown)"))

    def _cycle_pane(self, step: int) -> None:
        panes: list[QWidget] = [self.navigator, self.stack, self.findings_panel.list]
        if self.preview is not None and self.preview.isVisible():
            panes.append(self.preview.view)
        focus = QApplication.focusWidget()
        current = next((i for i, p in enumerate(panes) if focus is p or (focus is not None and p.isAncestorOf(focus))), -1)
        target = panes[(current + step) % len(panes)]
        if target is self.stack:
            self.current_page().focus_first()
        else:
            target.setFocus()

    # ------------------------------------------------------------------ pages
    def page(self, key: str) -> WizardPage:
        """The page widget for ``key``, built now if it was not yet."""
        if key in self.built:
            return self.built[key]
        spec = self.by_key[key]
        page = self._make_page(spec)
        page.set_read_only(self.read_only)
        page.set_findings(self.session.findings)
        page.set_review(self._comments(), self._reviewing(), self._approved_at())
        page.set_changes(self.changes[1] if self.changes else [])
        index = self.stack.indexOf(self.placeholders[key])
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(self.placeholders.pop(key))
        self.built[key] = page
        return page

    def _make_page(self, spec: PageSpec) -> WizardPage:
        if spec.kind == "cover":
            from gui.pages.page_cover import CoverPage

            return CoverPage(spec, self.ctx, self.stack)
        if spec.kind == "text":
            from gui.pages.page_text import TextPage

            return TextPage(spec, self.ctx, self.stack)
        if spec.kind == "tables":
            from gui.pages.page_tables import TablesPage

            return TablesPage(spec, self.ctx, self.stack)
        from gui.pages.page_review import ReviewPage

        page = ReviewPage(spec, self.ctx, self.specs, self.stack)
        self.review_page = page
        page.submitRequested.connect(self.steps.submit)
        page.exportFinalRequested.connect(self.steps.export_final)
        page.pageRequested.connect(self.show_page)
        self._update_review_page(page)
        return page

    def show_page(self, key: str) -> None:
        if key not in self.by_key:
            return
        page = self.page(key)
        if key != self.current_key:
            self.current_key = key
            self.stack.setCurrentWidget(page)
            self.navigator.select_page(key)
            index = [s.key for s in self.specs].index(key)
            self.prev_button.setEnabled(index > 0)
            self.next_button.setEnabled(index < len(self.specs) - 1)
            self.position.setText(_("第 {i} 步，共 {n} 步", i=index + 1, n=len(self.specs)))
            if self.preview is not None:
                self.preview.show_section(self._preview_section(self.by_key[key]))
            self.pageShown.emit(key)

    def _preview_section(self, spec: PageSpec) -> str | None:
        if spec.kind == "review":
            return None
        if spec.kind == "text" and len(spec.texts) == 1 and self.definition.text(spec.texts[0]).kind == "subsection":
            return spec.texts[0]  # the preview knows each subsection's page
        return spec.section or "cover"

    def current_page(self) -> WizardPage:
        return self.page(self.current_key)

    def go_next(self) -> None:
        keys = [s.key for s in self.specs]
        i = keys.index(self.current_key)
        if i + 1 < len(keys):
            self.show_page(keys[i + 1])
            self._focus_heading()

    def go_previous(self) -> None:
        keys = [s.key for s in self.specs]
        i = keys.index(self.current_key)
        if i > 0:
            self.show_page(keys[i - 1])
            self._focus_heading()

    def _focus_heading(self) -> None:
        """After a page turn the keyboard rests on the page's heading (read out by screen readers), where a
        stray key changes nothing; Tab goes on to the first box."""
        title = self.current_page().title
        title.setFocusPolicy(QtCore.Qt.FocusPolicy.TabFocus)
        title.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def jump_to_finding(self, finding: forms.Finding) -> None:
        spec = page_for_location(self.specs, finding.location)
        if spec is None:
            return
        self.show_page(spec.key)
        self.current_page().focus_location(finding.location)

    # ------------------------------------------------------------------ state
    def _changed(self) -> None:
        self.navigator.set_headings(self.session.draft.headings)
        self.navigator.set_carried(self._carried_pages())
        if self.preview is not None and self.preview.isVisible():
            self.preview.schedule()

    def _carried_pages(self) -> set[str]:
        """Pages holding a text copied from last year and not yet edited or confirmed."""
        carried = self.session.draft.carried_texts
        return {spec.key for spec in self.specs if carried.intersection(spec.texts)} if carried else set()

    def _findings_changed(self, findings: list[forms.Finding]) -> None:
        self.states = page_states(self.specs, self.session.draft, findings)
        self.navigator.set_states(self.states)
        self.findings_panel.set_findings(findings)
        for page in self.built.values():
            if page is self.review_page:
                self._update_review_page(self.review_page)
            else:
                page.set_findings(findings)

    def _update_review_page(self, page: ReviewPage) -> None:
        from gui.pages.status_words import status_text

        page.update_state(self.states, self.session.findings, status_text(self.session.status), self.session.status)
        since = self.changes[0].time.strftime("%Y-%m-%d %H:%M") if self.changes else ""
        page.show_changes_since(self.changes[1] if self.changes else None, since)
        editable = not self.read_only and self.session.status in ("draft", "returned")
        page.set_actions(can_submit=editable, can_export=True)

    def _reviewing(self) -> bool:
        return self.identity.reviewer and self.session.status == "submitted"

    def _comments(self) -> list[Comment]:
        return list(self.session.review.comments) if self.session.review is not None else []

    def _approved_at(self) -> dt.datetime | None:
        return self.session.review.approved_at if self.session.review is not None else None

    def _load_changes(self) -> None:
        store, draft_id = self.session.store, self.session.draft_id
        self.changes = None
        if store is None or draft_id is None:
            return
        try:
            self.changes = store.changes_since_submission(draft_id)
        except AppError as exc:  # the comparison is a help for the reviewer; never stop the review for it
            logger.warning("changes since submission unavailable: %r", exc)

    def apply_review_state(self) -> None:
        """Read-only or editable, banner and comment boxes, from the review status and the user's role."""
        status = self.session.status
        store_reason = self.session.read_only_reason
        self.read_only = bool(store_reason) or status in ("submitted", "approved")
        overall = [c.text for c in self._comments() if not c.section]
        review = self.session.review
        self.review_bar.update_for(status, self.identity.reviewer, store_reason, overall[-1] if overall else "",
                                   review.last_submission if review is not None and status == "submitted" else None)
        self._load_changes()
        self.navigator.set_comments(self._comments())
        if self._find_bar is not None:
            self._find_bar.set_read_only(self.read_only)
        for page in self.built.values():
            page.set_read_only(self.read_only)
            page.set_review(self._comments(), self._reviewing(), self._approved_at())
            page.set_changes(self.changes[1] if self.changes else [])
            if page is self.review_page:
                self._update_review_page(self.review_page)
        if self.preview is not None:
            self.preview.schedule()

    # ------------------------------------------------------------------ preview
    def attach_preview(self, preview: PreviewPane) -> None:
        """Add the preview pane (created after the first paint, to keep start-up fast)."""
        self.preview = preview
        self.main_split.addWidget(preview)
        self.main_split.setStretchFactor(2, 2)
        preview.show_section(self._preview_section(self.by_key[self.current_key]))
        preview.printRequested.connect(self.steps.print_report)
        preview.exportRequested.connect(self.steps.export_pdf)

    def snapshot(self) -> tuple[forms.Draft, str | None]:
        """A private copy of the draft for the render thread, and the watermark its status calls for."""
        return self.session.draft.copy(), self.steps.watermark()

    def shutdown(self) -> None:
        self.session.flush()
        if self.preview is not None:
            self.preview.shutdown()
