"""The find / replace bar of the wizard (Ctrl+F, Ctrl+H): every text and heading of the report.

下一个/上一个 (F3 / Shift+F3, Enter / Shift+Enter in the search box) go to the page of the match
and select it in its editor, wrapping at the ends; 全部替换 is one step on the draft's undo stack.
A report that can only be viewed (under review, approved, store read-only) can be searched, not changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QToolButton,
    QWidget,
)

from forms import limits
from gui.find_text import (
    Field,
    Match,
    ReplaceCommand,
    ReplaceRefused,
    find_all,
    replace_all,
    replace_one,
    searchable_fields,
)
from gui.i18n import _
from gui.inputs import guard_line_edit
from gui.pages.text_undo import UndoLineEdit, UndoTextEdit
from gui.plain import plain_label

if TYPE_CHECKING:
    from gui.wizard import WizardView

__all__ = ["FindBar"]

RECOUNT_MS = 200  # the count follows edits to the report after a short pause


def _u16(text: str, index: int) -> int:
    """A Python string index as Qt counts positions (UTF-16 units: 𠮷 counts two)."""
    return len(text[:index].encode("utf-16-le")) // 2


class FindBar(QWidget):
    """Hidden until Ctrl+F / Ctrl+H; Esc closes it and leaves the cursor at the match."""

    def __init__(self, wizard: WizardView) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.session = wizard.session
        self.fields: list[Field] = searchable_fields(wizard.definition, wizard.specs)
        self.matches: list[Match] = []
        self.current = -1
        self._stale = True
        self.setObjectName("findBar")
        self.setAccessibleName(_("查找和替换"))

        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.find_edit.setPlaceholderText(_("查找内容"))
        self.find_edit.setAccessibleName(_("查找内容"))
        self.find_edit.setClearButtonEnabled(True)
        guard_line_edit(self.find_edit, limits.HEADING_MAX_CHARS, _("查找内容"))
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setPlaceholderText(_("替换为"))
        self.replace_edit.setAccessibleName(_("替换为"))
        guard_line_edit(self.replace_edit, limits.HEADING_MAX_CHARS, _("替换为"))
        for edit in (self.find_edit, self.replace_edit):
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("政府信息公开工作年度") + 40)
        self.case_box = QCheckBox(_("区分大小写"), self)
        self.count_label = plain_label("", self)
        self.count_label.setAccessibleName(_("查找结果"))
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("第 888 / 888 处") + 8)
        self.prev_button = self._button(_("上一个"), _("上一个 (Shift+F3)"), self.find_previous)
        self.next_button = self._button(_("下一个"), _("下一个 (F3)"), self.find_next)
        self.replace_button = self._button(_("替换"), _("替换当前选中的这一处，并找到下一处"), self.replace_current)
        self.replace_all_button = self._button(_("全部替换"), _("替换整份报告中的每一处（可用 Ctrl+Z 一次撤销）"),
                                               self.replace_everything)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip(_("关闭 (Esc)"))
        close.setAccessibleName(_("关闭查找"))
        close.clicked.connect(self.close_bar)
        self.find_label = plain_label(_("查找(&N)："), self)
        self.find_label.setBuddy(self.find_edit)
        self.replace_label = plain_label(_("替换为(&W)："), self)
        self.replace_label.setBuddy(self.replace_edit)

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 2, 0, 2)
        grid.addWidget(self.find_label, 0, 0)
        grid.addWidget(self.find_edit, 0, 1)
        row = QHBoxLayout()
        for widget in (self.prev_button, self.next_button, self.count_label, self.case_box):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close)
        grid.addLayout(row, 0, 2)
        grid.addWidget(self.replace_label, 1, 0)
        grid.addWidget(self.replace_edit, 1, 1)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_button)
        replace_row.addWidget(self.replace_all_button)
        replace_row.addStretch(1)
        grid.addLayout(replace_row, 1, 2)
        grid.setColumnStretch(1, 1)

        self._recount_timer = QTimer(self, singleShot=True, interval=RECOUNT_MS)
        self._recount_timer.timeout.connect(self._recount)
        self.find_edit.textChanged.connect(self._needle_changed)
        self.case_box.toggled.connect(self._needle_changed)
        self.session.changed.connect(self._report_changed)
        for edit in (self.find_edit, self.replace_edit):
            edit.installEventFilter(self)
        self.hide()

    def _button(self, text: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------ opening and closing
    def open(self, replace: bool) -> None:
        """Show the bar (with the replace row for Ctrl+H), seeded with the editor's selected text."""
        for widget in (self.replace_label, self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.set_read_only(self.wizard.read_only)
        selected = self._selected_text()
        if selected and "\u2029" not in selected and "\n" not in selected:
            self.find_edit.setText(selected)
        self.show()
        self._recount()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def run(self, how: str) -> None:
        """A menu command: "find" (Ctrl+F), "replace" (Ctrl+H), "next" (F3), "previous" (Shift+F3).
        F3 with nothing to look for opens the bar."""
        if how in ("find", "replace"):
            self.open(replace=how == "replace")
        elif not self.find_edit.text():
            self.open(replace=False)
        else:
            self.show()
            self._step(1 if how == "next" else -1)

    def close_bar(self) -> None:
        """Hide the bar; the keyboard goes back to the editor holding the match."""
        self.hide()
        target = self._editor_of(self.matches[self.current]) if 0 <= self.current < len(self.matches) else None
        if target is not None:
            target.setFocus()
        else:
            self.wizard.current_page().focus_first()

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.replace_edit, self.replace_button, self.replace_all_button):
            widget.setEnabled(not read_only)
        self.replace_edit.setToolTip(_("现在只能查看，不能替换。") if read_only else "")

    def _selected_text(self) -> str:
        from PySide6.QtWidgets import QApplication

        focus = QApplication.focusWidget()
        if isinstance(focus, UndoTextEdit):
            return focus.textCursor().selectedText()
        if isinstance(focus, UndoLineEdit):
            return focus.selectedText()
        return ""

    # ------------------------------------------------------------------ matches
    def _needle_changed(self) -> None:
        self.current = -1
        self._recount()

    def _report_changed(self) -> None:
        self._stale = True
        if self.isVisible():
            self._recount_timer.start()

    def _recount(self) -> None:
        """Find every match again, keeping the current one (or the next after it) current."""
        self._recount_timer.stop()
        previous = self.matches[self.current] if 0 <= self.current < len(self.matches) else None
        self.matches = find_all(self.session.draft, self.fields, self.find_edit.text(), self.case_box.isChecked())
        self._stale = False
        if previous is None:
            self.current = -1
        else:
            self.current = next((i for i, m in enumerate(self.matches)
                                 if (m.field, m.start) >= (previous.field, previous.start)), -1)
            if self.current >= 0 and (self.matches[self.current].field, self.matches[self.current].start) != (
                    previous.field, previous.start):
                self.current -= 1  # the old match is gone: 下一个 then lands on the one after it
        self._show_count()

    def _show_count(self) -> None:
        n = len(self.matches)
        if not self.find_edit.text():
            text = ""
        elif n == 0:
            text = _("未找到")
        elif 0 <= self.current < n:
            text = _("第 {i} / {n} 处", i=self.current + 1, n=n)
        else:
            text = _("共 {n} 处", n=n)
        self.count_label.setText(text)
        self.count_label.setStyleSheet("color:#c62828" if self.find_edit.text() and n == 0 else "")
        for button in (self.prev_button, self.next_button):
            button.setEnabled(n > 0)

    def _fresh(self) -> None:
        if self._stale or self._recount_timer.isActive():
            self._recount()

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        self._fresh()
        if not self.matches:
            self._show_count()
            return
        n = len(self.matches)
        if self.current < 0:
            index = self._first_from_page(step)
        else:
            index = self.current + step
        if index >= n or index < 0:
            self._status(_("已到报告末尾，从头继续查找") if step > 0 else _("已到报告开头，从末尾继续查找"))
        self.current = index % n
        self._show_count()
        self._select(self.matches[self.current])

    def _first_from_page(self, step: int) -> int:
        """The first match (or last, going back) counted from the page on screen."""
        order = [s.key for s in self.wizard.specs]
        here = order.index(self.wizard.current_key)
        pages = [order.index(self.fields[m.field].page) for m in self.matches]
        if step > 0:
            return next((i for i, p in enumerate(pages) if p >= here), len(self.matches))
        return next((i for i in range(len(pages) - 1, -1, -1) if pages[i] <= here), -1)

    def _editor_of(self, match: Match) -> UndoTextEdit | UndoLineEdit | None:
        field = self.fields[match.field]
        page = self.wizard.page(field.page)
        for widget in page.findChildren(UndoTextEdit) + page.findChildren(UndoLineEdit):
            if widget.binding.key == field.key:
                return widget
        return None

    def _select(self, match: Match) -> None:
        """Show the match's page and select the match in its editor; the keyboard stays in the bar."""
        field = self.fields[match.field]
        self.wizard.show_page(field.page)
        editor = self._editor_of(match)
        if editor is None:
            return
        if isinstance(editor, UndoTextEdit):
            text = editor.toPlainText()
            cursor = editor.textCursor()
            cursor.setPosition(_u16(text, match.start))
            cursor.setPosition(_u16(text, match.end), QTextCursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()
        else:
            text = editor.text()
            start = _u16(text, match.start)
            editor.setSelection(start, _u16(text, match.end) - start)
        _scroll_into_view(editor)

    # ------------------------------------------------------------------ replacing
    def _can_replace(self) -> bool:
        if self.wizard.read_only:
            self._status(_("现在只能查看，不能替换。"))
            return False
        return bool(self.find_edit.text())

    def replace_current(self) -> None:
        """Replace the selected match (select the next one first if none is), then go to the next."""
        if not self._can_replace():
            return
        self._fresh()
        if not (0 <= self.current < len(self.matches)):
            self.find_next()
            return
        match = self.matches[self.current]
        try:
            change = replace_one(self.session.draft, self.fields, match, self.replace_edit.text())
        except ReplaceRefused as exc:
            self._status(str(exc))
            return
        self._push(_("替换"), [change])
        self._recount()
        if self.matches:
            self.find_next()

    def replace_everything(self) -> None:
        if not self._can_replace():
            return
        try:
            changes, count = replace_all(self.session.draft, self.fields, self.find_edit.text(),
                                         self.replace_edit.text(), self.case_box.isChecked())
        except ReplaceRefused as exc:
            self._status(str(exc))
            return
        if not changes:
            self._status(_("未找到“{text}”", text=self.find_edit.text()))
            return
        self._push(_("全部替换"), changes)
        self.current = -1
        self._recount()
        self._status(_("已替换 {n} 处（Ctrl+Z 可撤销）", n=count))

    def _push(self, title: str, changes: list[tuple[str, str, str]]) -> None:
        self.session.stack.push(ReplaceCommand(title, self.session.draft, changes, self._refresh_pages))
        for edit in (self.find_edit, self.replace_edit):  # Ctrl+Z now undoes the replacement, not the typing here
            edit.setText(edit.text())

    def _refresh_pages(self, keys: list[str]) -> None:
        """Editors showing a changed field re-read the draft (after the replacement and after its undo)."""
        pages = {field.page for field in self.fields if field.key in keys}
        for key in pages:
            page = self.wizard.built.get(key)
            if page is not None:
                page.refresh()
        self._stale = True

    # ------------------------------------------------------------------ keys
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter finds the next match (Shift+Enter the previous); Esc closes; Ctrl+Z undoes the report's
        last change once nothing typed here is left to undo."""
        if isinstance(event, QKeyEvent):
            if event.type() == QEvent.Type.ShortcutOverride and event.matches(QKeySequence.StandardKey.Undo):
                if isinstance(watched, QLineEdit) and not watched.isUndoAvailable():
                    event.ignore()
                    return True
            if event.type() == QEvent.Type.KeyPress:
                key = event.key()
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    if watched is self.replace_edit and not shift:
                        self.replace_current()
                    else:
                        self._step(-1 if shift else 1)
                    return True
                if key == Qt.Key.Key_Escape:
                    self.close_bar()
                    return True
        return super().eventFilter(watched, event)

    def _status(self, text: str) -> None:
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 8000)


def _scroll_into_view(widget: QWidget) -> None:
    """Bring an editor inside a scrolling page into view (table pages scroll their intro and tables)."""
    from PySide6.QtWidgets import QScrollArea

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            parent.ensureWidgetVisible(widget)
            return
        parent = parent.parentWidget()
