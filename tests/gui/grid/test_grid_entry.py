"""Entering numbers on the tables pages with the keyboard only, as a clerk does: nothing typed is
lost or lands in the wrong cell, Tab and Enter run from table to table, the page shows the cell."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import give_focus, open_example, press, spin
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QLineEdit, QScrollArea

import forms
from gui.grid.table_grid import TableGrid

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "examples" / "sample-2021.json"
SHIFT = Qt.KeyboardModifier.ShiftModifier
#: messages the offscreen platform prints for window-manager calls it cannot do; anything else is a bug
PLATFORM_NOISE = ("This plugin does not support",)


def open_blank(window, year: int = 2021) -> str:
    draft_id = window.store.create(forms.new_draft("测试区政府办公室", year))
    window.reload_drafts(select=draft_id)
    assert window.open_draft(draft_id) is not None
    return draft_id


def tables_page(window, section: str):  # type: ignore[no-untyped-def]
    window.resize(1280, 720)
    window.wizard.show_page(f"tables:{section}")
    spin(50)
    return window.wizard.current_page()


def typed(text: str) -> None:
    """Characters as key presses to whatever has the focus now (the grid, then its editor)."""
    for ch in text:
        widget = QApplication.focusWidget()
        assert widget is not None
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))


def grid_with_focus(page) -> str | None:  # type: ignore[no-untyped-def]
    focus = QApplication.focusWidget()
    for table_id, grid in page.grids.items():
        if focus is not None and (focus is grid.view or grid.view.isAncestorOf(focus)):
            return table_id
    return None


@pytest.fixture
def qt_messages():  # type: ignore[no-untyped-def]
    """Every message Qt prints during the test (its own handler: the app may replace pytest-qt's)."""
    from PySide6.QtCore import qInstallMessageHandler

    messages: list[str] = []
    previous = qInstallMessageHandler(lambda _kind, _context, text: messages.append(text))
    yield messages
    qInstallMessageHandler(previous)


def qt_problems(messages: list[str]) -> list[str]:
    return [m for m in messages if not m.startswith(PLATFORM_NOISE)]


def selection_pixels(grid: TableGrid) -> int:
    """Pixels of the view painted in the selection colour."""
    image = grid.view.viewport().grab().toImage()
    highlight = grid.view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    inactive = grid.view.palette().color(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight)
    colours = {highlight.rgb(), inactive.rgb()}
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if QColor(image.pixel(x, y)).rgb() in colours
    )


# --------------------------------------------------------------------------- Tab across tables


def test_tab_lands_each_value_in_its_own_one_cell_table(make_window, qt_messages) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "2")
    draft = window.session.draft
    page.grids["t2_5"].focus_cell("licensing", "decisions")
    give_focus(page.grids["t2_5"].view)
    for text in ("5", "120", "6", "0"):
        typed(text)
        press(Qt.Key.Key_Tab)
    assert draft.values == {
        ("t2_5", "licensing", "decisions"): 5,
        ("t2_6", "penalty", "decisions"): 120,
        ("t2_6", "enforcement", "decisions"): 6,
        ("t2_8", "fees", "amount"): 0,
    }
    assert grid_with_focus(page) is None  # after the last table the focus leaves the grids
    assert qt_problems(qt_messages) == []  # no "commitData called with an editor that does not belong to this view"
    for grid in page.grids.values():  # no table keeps the look of a selection once the clerk left it
        assert selection_pixels(grid) == 0, grid.table.id


def test_shift_tab_goes_back_through_the_tables_without_overwriting(make_window, qt_messages) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "2")
    draft = window.session.draft
    page.grids["t2_8"].focus_cell("fees", "amount")
    give_focus(page.grids["t2_8"].view)
    typed("1.5")
    press(Qt.Key.Key_Backtab, SHIFT)
    assert grid_with_focus(page) == "t2_6" and page.grids["t2_6"].view.currentIndex().row() == 3  # 行政强制
    typed("7")
    press(Qt.Key.Key_Tab, SHIFT)  # Shift+Tab as some keyboards send it
    typed("8")
    press(Qt.Key.Key_Backtab, SHIFT)
    assert grid_with_focus(page) == "t2_5"
    typed("9")
    press(Qt.Key.Key_Backtab, SHIFT)
    assert grid_with_focus(page) == "t2_1"
    current = page.grids["t2_1"].view.currentIndex()
    assert page.grids["t2_1"].table_layout.cell(current.row(), current.column())[0].id == "normative"
    assert {k: v for k, v in draft.values.items()} == {
        ("t2_8", "fees", "amount"): forms.parse_cell_text("money", "1.5"),
        ("t2_6", "enforcement", "decisions"): 7,
        ("t2_6", "penalty", "decisions"): 8,
        ("t2_5", "licensing", "decisions"): 9,
    }
    assert qt_problems(qt_messages) == []


def test_enter_runs_down_the_columns_then_on_to_the_next_table(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "2")
    draft = window.session.draft
    page.grids["t2_1"].focus_cell("rules", "issued")
    give_focus(page.grids["t2_1"].view)
    for text in ("1", "2", "3", "4", "5", "6", "7"):
        typed(text)
        press(Qt.Key.Key_Return)
    assert [draft.values[("t2_1", r, c)] for c in ("issued", "repealed", "valid") for r in ("rules", "normative")] == [1, 2, 3, 4, 5, 6]
    assert draft.values[("t2_5", "licensing", "decisions")] == 7
    assert grid_with_focus(page) == "t2_6"


def test_the_page_scrolls_to_the_table_tab_goes_to(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "2")
    window.resize(1024, 600)  # the tables of 二 no longer fit: the page scrolls, not the tables
    spin(50)
    area = next(a for a in page.findChildren(QScrollArea) if a.widget() is page.content)
    for grid in page.grids.values():
        assert grid.view.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    page.grids["t2_1"].focus_cell("rules", "issued")
    give_focus(page.grids["t2_1"].view)
    for _ in range(8):  # six cells of t2_1, then 行政许可, then 行政处罚
        typed("1")
        press(Qt.Key.Key_Tab)
    view = page.grids["t2_6"].view
    assert grid_with_focus(page) == "t2_6"
    rect = view.visualRect(view.currentIndex())
    top_left = view.viewport().mapTo(area.viewport(), rect.topLeft())
    bottom_right = view.viewport().mapTo(area.viewport(), rect.bottomRight())
    assert area.viewport().rect().contains(top_left) and area.viewport().rect().contains(bottom_right)


def test_keyboard_only_entry_of_the_whole_of_section_three(make_window, qt_messages) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "3")
    draft = window.session.draft
    table = draft.definition.table("t3")
    grid = page.grids["t3"]
    inputs = table.input_cells()
    assert len(table.rows) * len(table.columns) == 175 and len(inputs) == 144
    expected = {(row.id, column.id): 1000 + i for i, (row, column) in enumerate(inputs)}
    grid.focus_cell(inputs[0][0].id, inputs[0][1].id)
    give_focus(grid.view)
    for row, column in inputs:
        typed(str(expected[(row.id, column.id)]))
        press(Qt.Key.Key_Tab)
    assert {(r, c): v for (t, r, c), v in draft.values.items() if t == "t3"} == expected
    assert draft.invalid_inputs == {}
    shown = forms.cell_values(draft, table)
    for row in table.rows:  # every one of the 175 cells shows what was typed, or the right total
        for column in table.columns:
            r, c = grid.table_layout.position(row.id, column.id)
            assert grid.model.index(r, c).data() == forms.format_value(column.kind, shown[(row.id, column.id)])
    assert shown[("new", "total")] == sum(expected[("new", c.id)] for c in table.columns if not c.computed)
    assert grid_with_focus(page) is None
    assert qt_problems(qt_messages) == []


# --------------------------------------------------------------------------- long text


def test_a_long_paste_is_cut_with_a_message_and_the_draft_still_saves(make_window, store) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    draft_id = open_blank(window)
    page = tables_page(window, "3")
    grid = page.grids["t3"]
    messages: list[str] = []
    grid.statusMessage.connect(messages.append)
    grid.focus_cell("new", "natural")
    give_focus(grid.view)
    pasted = "不是数字" * 37 + "xy"  # 150 characters
    assert len(pasted) == 150
    QGuiApplication.clipboard().setText(pasted)
    QTest.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    kept = window.session.draft.invalid_inputs[("t3", "new", "natural")]
    assert kept == pasted[: forms.limits.INVALID_INPUT_MAX_CHARS]
    assert any("100" in m and "前 100 个" in m for m in messages)
    assert window.session.save(explicit=True) and window.session.last_error is None
    assert store.load(draft_id).invalid_inputs[("t3", "new", "natural")] == kept


def test_typing_past_the_cell_limit_is_refused_with_a_message(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "3")
    grid = page.grids["t3"]
    messages: list[str] = []
    grid.statusMessage.connect(messages.append)
    grid.focus_cell("new", "natural")
    give_focus(grid.view)
    typed("x" * 120)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and len(editor.text()) == forms.limits.INVALID_INPUT_MAX_CHARS
    assert messages and "100" in messages[-1]
    press(Qt.Key.Key_Return)
    assert window.session.draft.invalid_inputs[("t3", "new", "natural")] == "x" * 100
    assert window.session.save(explicit=True)


# --------------------------------------------------------------------------- small screens


@pytest.mark.parametrize("size", [(1280, 720), (1024, 700)])
def test_section_three_shows_every_value_column_on_small_screens(make_window, size) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_example(window, SAMPLE)
    window.resize(*size)
    window.wizard.show_page("tables:3")
    spin(100)
    page = window.wizard.current_page()
    grid = page.grids["t3"]
    # one scroll area: the grid's own view; nothing around it on the page scrolls
    parent = grid.parentWidget()
    while parent is not None and parent is not page:
        assert not isinstance(parent, QAbstractScrollArea), parent
        parent = parent.parentWidget()
    view = grid.view
    assert grid.is_compact() and page.compact_box.isChecked()
    for c in range(view.model().columnCount()):  # every column, labels and numbers, is on screen
        left = view.columnViewportPosition(c)
        assert left >= 0 and left + view.columnWidth(c) <= view.viewport().width(), c
    body_rows = (view.viewport().height() - view.frozen.header_height()) // view.rowHeight(4)
    assert body_rows >= 5  # numbers to type into, under the frozen header


def test_jump_to_a_finding_scrolls_the_cell_into_view_and_focuses_it(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_example(window, SAMPLE)
    window.resize(1280, 720)
    wizard = window.wizard
    wizard.session.draft.set_invalid_input("t3", "carry_over", "legal", "十二")
    findings = wizard.session.validate_now()
    finding = next(f for f in findings if f.location.row == "carry_over" and f.location.column == "legal")
    wizard.show_page("cover")
    spin(50)
    wizard.jump_to_finding(finding)  # the tables page is built and laid out only now
    spin(50)
    grid = wizard.current_page().grids["t3"]
    view = grid.view
    index = view.model().index(*grid.table_layout.position("carry_over", "legal"))
    assert view.currentIndex() == index and QApplication.focusWidget() is view
    rect = view.visualRect(index)
    assert view.viewport().rect().contains(rect)
    assert rect.top() >= view.frozen.header_height()  # not under the frozen header
    labels = next((p for p in view.panes if p.part == "labels" and p.isVisible()), None)
    assert labels is None or rect.left() >= labels.labels_width()


# --------------------------------------------------------------------------- column widths


def border_point(grid: TableGrid, column: int, row: int) -> tuple[object, QPoint]:
    """Where the right border of ``column`` is, in the header row ``row``, on the pane drawn there."""
    pane = grid.view.frozen
    assert pane is not None and pane.isVisible()
    x = pane.columnViewportPosition(column) + pane.columnWidth(column)
    y = pane.rowViewportPosition(row) + pane.rowHeight(row) // 2
    return pane.viewport(), QPoint(x, y)


def test_column_widths_can_be_dragged_fitted_and_are_remembered(make_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QUndoStack

    window = make_window()
    open_example(window, SAMPLE)
    page = tables_page(window, "3")
    grid = page.grids["t3"]
    column = grid.table_layout.position("new", "research")[1]  # 科研机构, under 法人或其他组织
    before = grid.view.columnWidth(column)
    viewport, point = border_point(grid, column, 2)
    assert grid.resizer.border_at(grid.view.frozen, point) == column
    QTest.mouseMove(viewport, point)
    assert viewport.cursor().shape() == Qt.CursorShape.SplitHCursor
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseMove(viewport, point + QPoint(60, 0))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point + QPoint(60, 0))
    assert grid.view.columnWidth(column) == before + 60
    assert grid.view.frozen.columnWidth(column) == before + 60  # the frozen header follows
    # a border inside a merged header cell is not a border: nothing to drag there
    _viewport, inside = border_point(grid, column, 0)
    assert grid.resizer.border_at(grid.view.frozen, inside) is None
    # remembered for this table: a new grid (another session) opens with the clerk's width
    again = TableGrid(grid.table, QUndoStack())
    qtbot.addWidget(again)
    assert again.view.columnWidth(column) == before + 60
    # a double-click on the border fits the column to its content, and that is remembered too
    viewport, point = border_point(grid, column, 2)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    fm = grid.view.fontMetrics()
    fitted = grid.view.columnWidth(column)
    assert fm.horizontalAdvance("科研机构") < fitted < before + 60
    fresh = TableGrid(grid.table, QUndoStack())
    qtbot.addWidget(fresh)
    assert fresh.view.columnWidth(column) == fitted
    fresh.reset_column_widths()
    third = TableGrid(grid.table, QUndoStack())
    qtbot.addWidget(third)
    assert third.view.columnWidth(column) == before


def test_leaving_a_cell_for_the_text_commits_it_quietly(make_window, qt_messages) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_blank(window)
    page = tables_page(window, "3")
    grid = page.grids["t3"]
    grid.focus_cell("new", "natural")
    give_focus(grid.view)
    typed("5")
    give_focus(page.blocks[0].editor)  # as a click into the intro text would
    assert window.session.draft.values[("t3", "new", "natural")] == 5
    assert selection_pixels(grid) == 0
    give_focus(grid.view)
    assert selection_pixels(grid) > 0  # the current cell is painted as selected while the table has the focus
    typed("7")
    press(Qt.Key.Key_Return)
    assert window.session.draft.values[("t3", "new", "natural")] == 7
    assert qt_problems(qt_messages) == []


def test_the_clerk_can_turn_compact_headers_off_and_it_is_remembered(make_window, user_dirs) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_example(window, SAMPLE)
    window.resize(1024, 700)
    window.wizard.show_page("tables:3")
    spin(50)
    page = window.wizard.current_page()
    grid = page.grids["t3"]
    assert grid.is_compact()
    narrow = grid.view.columnWidth(0) + grid.view.columnWidth(1) + grid.view.columnWidth(2)
    QTest.mouseClick(page.compact_box, Qt.MouseButton.LeftButton)
    assert not grid.is_compact() and not page.compact_box.isChecked()
    assert grid.view.columnWidth(0) + grid.view.columnWidth(1) + grid.view.columnWidth(2) > narrow
    assert "compact_headers=off" in user_dirs.settings.read_text(encoding="utf-8")
    window.wizard.show_page("tables:4")
    spin(50)
    assert not window.wizard.current_page().grids["t4"].is_compact()  # the choice holds for every table page


def test_label_columns_can_be_widened_at_their_borders(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    open_example(window, SAMPLE)
    page = tables_page(window, "3")
    grid = page.grids["t3"]
    view = grid.view
    row = grid.table_layout.position("withheld_secret", "natural")[0]  # （三）不予公开 1.属于国家秘密
    target = next(p for p in view.panes if p.part == "labels") if any(
        p.part == "labels" and p.isVisible() for p in view.panes) else view
    x = target.columnViewportPosition(1) + target.columnWidth(1)  # between （三）不予公开 and 1.属于国家秘密
    y = target.rowViewportPosition(row) + target.rowHeight(row) // 2
    assert grid.resizer.border_at(target, QPoint(x, y)) == 1
    value_border = QPoint(view.columnViewportPosition(4) + view.columnWidth(4), y)
    assert grid.resizer.border_at(view, value_border) is None  # between two numbers: a click, not a drag
    before = view.columnWidth(1)
    QTest.mousePress(target.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))
    QTest.mouseMove(target.viewport(), QPoint(x + 30, y))
    QTest.mouseRelease(target.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x + 30, y))
    assert view.columnWidth(1) == before + 30
