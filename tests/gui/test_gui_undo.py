"""One undo history per draft across text editors and table cells (Ctrl+Z / Ctrl+Y)."""

from __future__ import annotations

from gui_helpers import enter_cell, give_focus, open_example, shortcut, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

CTRL = Qt.KeyboardModifier.ControlModifier


def test_undo_redo_across_text_and_cells(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    draft = window.session.draft
    original_s6 = draft.text("s6")
    wizard.show_page("text:s6")
    editor = wizard.current_page().block.editor
    give_focus(editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text("新增内容")
    assert draft.text("s6") == original_s6 + "新增内容"

    wizard.show_page("tables:3")
    grid = wizard.current_page().grids["t3"]
    enter_cell(grid, "public", "natural", "5")
    assert draft.values[("t3", "public", "natural")] == 5
    assert draft.value("t3", "results_total", "natural") == 6  # the total follows

    grid.focus_cell("public", "natural")
    give_focus(grid.view)
    shortcut(Qt.Key.Key_Z, CTRL)  # undo the cell
    assert ("t3", "public", "natural") not in draft.values
    shortcut(Qt.Key.Key_Z, CTRL)  # undo the typing: the text page comes back into view
    assert draft.text("s6") == original_s6
    assert wizard.current_key == "text:s6"
    assert editor.toPlainText() == original_s6
    shortcut(Qt.Key.Key_Y, CTRL)  # redo from inside the text editor
    assert draft.text("s6") == original_s6 + "新增内容"
    assert editor.toPlainText() == original_s6 + "新增内容"
    shortcut(Qt.Key.Key_Y, CTRL)  # redo the cell
    assert draft.values[("t3", "public", "natural")] == 5
    # The menu actions drive the same history.
    window.undo_action.trigger()
    assert ("t3", "public", "natural") not in draft.values
    window.redo_action.trigger()
    assert draft.values[("t3", "public", "natural")] == 5
