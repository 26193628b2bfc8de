"""Balance while typing: a column of table 三 is judged once the clerk leaves the table or fills the column.

Typing the first row of 三 must not turn the table red; leaving the table shows the balance error,
naming the blank cells 空白 (never 0).
"""

from __future__ import annotations

from gui_helpers import give_focus, press, spin
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import forms
from gui.session import VALIDATE_MS

INPUT_COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal", "other")


def _open_table_three(window):  # type: ignore[no-untyped-def]
    draft_id = window.store.create(forms.new_draft("测试区政府办公室", 2021))
    window.reload_drafts(select=draft_id)
    wizard = window.open_draft(draft_id)
    assert wizard is not None
    window.resize(1280, 720)
    wizard.show_page("tables:3")
    spin(50)
    return wizard, wizard.current_page()


def _typed(text: str) -> None:
    for ch in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))


def _balance(window) -> list[forms.Finding]:  # type: ignore[no-untyped-def]
    return [f for f in window.session.findings if f.code == "E_BALANCE"]


def _red_cells(grid) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(row.id, column) for row in grid.table.rows for column in INPUT_COLUMNS
            if any(f.severity == "error" for f in grid.model.findings_at(row.id, column))]


def _type_first_row(page) -> None:  # type: ignore[no-untyped-def]
    grid = page.grids["t3"]
    grid.focus_cell("new", "natural")
    give_focus(grid.view)
    for value in ("5", "3", "0", "1", "2", "4"):
        _typed(value)
        press(Qt.Key.Key_Tab)
    spin(VALIDATE_MS + 100)


def test_first_row_of_three_shows_no_balance_error_until_the_clerk_leaves_the_table(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    wizard, page = _open_table_three(window)
    _type_first_row(page)
    grid = page.grids["t3"]
    draft = window.session.draft
    assert [draft.values[("t3", "new", c)] for c in INPUT_COLUMNS] == [5, 3, 0, 1, 2, 4]
    assert grid.view.isAncestorOf(QApplication.focusWidget())  # still typing in the table
    assert _balance(window) == []
    assert _red_cells(grid) == []
    assert any(f.code == "W_BLANK_CELL" for f in window.session.findings)  # blanks are still warned about
    assert wizard.findings_panel.item_for("E_BALANCE") is None

    # Click into the section's intro text: the clerk has left the table.
    editor = page.blocks[0].editor
    QTest.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(10, 10))
    if QApplication.focusWidget() is not editor:  # some platforms do not move focus on a synthetic click
        give_focus(editor)
    spin(50)
    errors = _balance(window)
    assert errors, [f.code for f in window.session.findings]
    natural = next(f for f in errors if f.location.column == "natural")
    assert "第一项5 + 第二项空白" in natural.zh and "第三项空白 + 第四项空白" in natural.zh, natural.zh
    assert ("new", "natural") in _red_cells(grid)
    assert wizard.findings_panel.item_for("E_BALANCE") is not None


def test_tab_out_of_the_last_cell_shows_the_balance_error(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _wizard, page = _open_table_three(window)
    _type_first_row(page)
    assert _balance(window) == []
    grid = page.grids["t3"]
    grid.focus_cell("carry_over", "other")
    give_focus(grid.view)
    _typed("1")
    press(Qt.Key.Key_Tab)  # the last cell of the last table on the page: the focus leaves the grid
    spin(VALIDATE_MS + 100)
    focus = QApplication.focusWidget()
    assert focus is None or not grid.isAncestorOf(focus)
    assert window.session.draft.values[("t3", "carry_over", "other")] == 1
    assert {f.location.column for f in _balance(window)} >= {"natural", "other"}


def test_a_column_filled_to_the_end_is_judged_while_still_in_the_table(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _wizard, page = _open_table_three(window)
    grid = page.grids["t3"]
    grid.focus_cell("new", "natural")
    give_focus(grid.view)
    inputs = [row.id for row in grid.table.rows if not row.computed]
    for row in inputs:  # down the 自然人 column with Enter: 5 new, everything else 0 -> 5 != 0
        _typed("5" if row == "new" else "0")
        press(Qt.Key.Key_Return)
    spin(VALIDATE_MS + 100)
    assert all(window.session.draft.values[("t3", row, "natural")] == (5 if row == "new" else 0) for row in inputs)
    assert grid.isAncestorOf(QApplication.focusWidget())
    columns = {f.location.column for f in _balance(window)}
    assert columns == {"natural"}  # the filled column is judged, the others wait
