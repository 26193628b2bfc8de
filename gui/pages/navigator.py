"""The section navigator down the side: every part of the report with its state; click to jump."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from forms.definition import FormatDefinition
from gui.i18n import _
from gui.icons import state_icon
from gui.pages.page_titles import nav_title, section_title
from gui.pages.specs import CARRIED, COMPLETE, EMPTY, ERRORS, WARNINGS, PageSpec
from gui.plain import plain_tooltip
from gui.qt_values import ACCESSIBLE_DESCRIPTION_ROLE, USER_ROLE

if TYPE_CHECKING:
    from storage import Comment

__all__ = ["CARRIED", "Navigator"]

KEY_ROLE = USER_ROLE


def state_words() -> dict[str, str]:
    return {EMPTY: _("未完成"), COMPLETE: _("已完成"), WARNINGS: _("有提醒"), ERRORS: _("有错误")}


class Navigator(QTreeWidget):
    """A tree: cover, sections (一 with its subsections), review. Emits the page key to show."""

    pageRequested = Signal(str)

    def __init__(
        self,
        definition: FormatDefinition,
        pages: list[PageSpec],
        parent: QWidget | None = None,
        headings: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self._definition = definition
        self._pages = {page.key: page for page in pages}
        self.setHeaderHidden(True)
        self.setAccessibleName(_("报告目录"))
        self.setAccessibleDescription(_("报告的各个部分及其填写状态，按回车跳转"))
        self.setRootIsDecorated(False)
        self.setIndentation(14)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._titles: dict[str, str] = {}
        self._comment_counts: dict[str, int] = {}
        self._carried: set[str] = set()
        self._states: dict[str, str] = {}
        self._group_first: dict[int, str] = {}
        groups: dict[str, QTreeWidgetItem] = {}
        self._groups = groups
        for page in pages:
            siblings = [p for p in pages if p.section == page.section and p.section is not None]
            if page.kind == "text" and len(siblings) > 1:
                parent_item = groups.get(page.section or "")
                if parent_item is None:
                    parent_item = QTreeWidgetItem(self, [section_title(definition, page.section or "")])
                    parent_item.setData(0, KEY_ROLE, page.key)
                    groups[page.section or ""] = parent_item
                item = QTreeWidgetItem(parent_item, [nav_title(definition, page, headings)])
            else:
                item = QTreeWidgetItem(self, [nav_title(definition, page, headings)])
            item.setData(0, KEY_ROLE, page.key)
            self._items[page.key] = item
            self._titles[page.key] = item.text(0)
        self.expandAll()
        self.currentItemChanged.connect(self._changed)
        from gui.first_paint import when_painted

        when_painted(self, self._settle_groups)

    def _settle_groups(self) -> None:
        """A section heading is neither checkable nor draggable (set after the first paint: it looks the
        same, and naming the flags builds PySide's Qt namespace, see gui/qt_values.py)."""
        for top in self._groups.values():
            top.setFlags(QtCore.Qt.ItemFlag.ItemIsEnabled | QtCore.Qt.ItemFlag.ItemIsSelectable)

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.pageRequested.emit(current.data(0, KEY_ROLE))

    def set_headings(self, headings: dict[str, str]) -> None:
        """Show the agency's own subsection titles as they are typed."""
        for key in self._items:
            self._titles[key] = nav_title(self._definition, self._pages[key], headings)
            self._show(key)

    def set_comments(self, comments: list[Comment]) -> None:
        """Mark the pages that carry review comments (a page's section or any of its texts)."""
        from gui.pages.comments import comment_keys

        counts: dict[str, int] = {}
        for key, page in self._pages.items():
            if page.kind != "review" and key in self._items:
                keys = comment_keys(page.section, page.texts)
                counts[key] = sum(1 for c in comments if c.section in keys)
        self._comment_counts = counts
        for key in self._items:
            self._show(key)

    def comment_count(self, key: str) -> int:
        return self._comment_counts.get(key, 0)

    def set_carried(self, keys: set[str]) -> None:
        """Pages whose texts are last year's, not yet edited or confirmed: their own icon, not a tick."""
        self._carried = set(keys)
        self.set_states(self._states)

    def _show(self, key: str) -> None:
        item = self._items[key]
        count = self._comment_counts.get(key, 0)
        text = self._titles[key] + (" · " + _("{n} 条意见", n=count) if count else "")
        if item.text(0) != text:
            item.setText(0, text)
        if item.font(0).bold() != bool(count):
            font = QFont(item.font(0))
            font.setBold(bool(count))
            item.setFont(0, font)

    def select_page(self, key: str) -> None:
        item = self._items.get(key)
        if item is not None and self.currentItem() is not item:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def set_states(self, states: dict[str, str]) -> None:
        self._states = dict(states)
        words = state_words()
        words[CARRIED] = _("沿用上年，尚未确认")
        shown: dict[str, str] = {}
        for key, item in self._items.items():
            state = states.get(key, EMPTY)
            if key in self._carried and state in (COMPLETE, EMPTY):
                state = CARRIED
            shown[key] = state
            item.setIcon(0, state_icon(state))
            item.setToolTip(0, plain_tooltip(f"{item.text(0)} — {words[state]}"))
            item.setData(0, ACCESSIBLE_DESCRIPTION_ROLE, words[state])
        for section, top in self._groups.items():
            child_states = [shown[p.key] for p in self._pages.values() if p.section == section and p.key in self._items
                            and self._items[p.key].parent() is top]
            worst = next((s for s in (ERRORS, WARNINGS, CARRIED, EMPTY) if s in child_states), COMPLETE)
            top.setIcon(0, state_icon(worst))
            top.setToolTip(0, plain_tooltip(f"{top.text(0)} — {words[worst]}"))
