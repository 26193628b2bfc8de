"""The section navigator down the side: every part of the report with its state; click to jump."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from forms.definition import FormatDefinition
from gui.i18n import _
from gui.icons import state_icon
from gui.pages.page_titles import nav_title, section_title
from gui.pages.specs import COMPLETE, EMPTY, ERRORS, WARNINGS, PageSpec
from gui.plain import plain_tooltip

__all__ = ["Navigator"]

KEY_ROLE = Qt.ItemDataRole.UserRole


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
                    parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                    groups[page.section or ""] = parent_item
                item = QTreeWidgetItem(parent_item, [nav_title(definition, page, headings)])
            else:
                item = QTreeWidgetItem(self, [nav_title(definition, page, headings)])
            item.setData(0, KEY_ROLE, page.key)
            self._items[page.key] = item
        self.expandAll()
        self.currentItemChanged.connect(self._changed)

    def _changed(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.pageRequested.emit(current.data(0, KEY_ROLE))

    def set_headings(self, headings: dict[str, str]) -> None:
        """Show the agency's own subsection titles as they are typed."""
        for key, item in self._items.items():
            title = nav_title(self._definition, self._pages[key], headings)
            if item.text(0) != title:
                item.setText(0, title)

    def select_page(self, key: str) -> None:
        item = self._items.get(key)
        if item is not None and self.currentItem() is not item:
            self.blockSignals(True)
            self.setCurrentItem(item)
            self.blockSignals(False)

    def set_states(self, states: dict[str, str]) -> None:
        words = state_words()
        for key, item in self._items.items():
            state = states.get(key, EMPTY)
            item.setIcon(0, state_icon(state))
            item.setToolTip(0, plain_tooltip(f"{item.text(0)} — {words[state]}"))
            item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, words[state])
        for section, top in self._groups.items():
            child_states = [states.get(p.key, EMPTY) for p in self._pages.values() if p.section == section and p.key in self._items
                            and self._items[p.key].parent() is top]
            worst = next((s for s in (ERRORS, WARNINGS, EMPTY) if s in child_states), COMPLETE)
            top.setIcon(0, state_icon(worst))
            top.setToolTip(0, plain_tooltip(f"{top.text(0)} — {words[worst]}"))
