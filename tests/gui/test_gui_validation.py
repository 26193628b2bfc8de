"""Live validation — an invalid cell shows its error and blocks 提交审核 but not saving; findings jump."""

from __future__ import annotations

from gui_helpers import enter_cell, open_example, spin
from PySide6.QtCore import Qt


def test_invalid_cell_blocks_submit_not_saving(make_window, store, sample_path, dialogs, qtbot):
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    wizard = window.wizard
    wizard.show_page("tables:2")
    page = wizard.current_page()
    grid = page.grids["t2_1"]
    enter_cell(grid, "rules", "issued", "12a")
    assert window.session.draft.invalid_inputs[("t2_1", "rules", "issued")] == "12a"
    # Live validation marks the cell and lists the finding.
    qtbot.waitUntil(lambda: any(f.location.table == "t2_1" and f.is_error for f in window.session.findings), timeout=2000)
    r, c = grid.table_layout.position("rules", "issued")
    tip = grid.model.data(grid.model.index(r, c), Qt.ItemDataRole.ToolTipRole) or ""
    assert "12a" in tip or "整数" in tip
    assert wizard.findings_panel.list.count() >= 1
    assert wizard.states["tables:2"] == "errors"
    # Saving is not blocked: the autosave writes the typed text as it is.
    qtbot.waitUntil(lambda: not window.session.dirty, timeout=3000)
    assert store.load(draft_id).invalid_inputs[("t2_1", "rules", "issued")] == "12a"
    assert "已保存" in window.save_label.text()
    # 提交审核 is blocked, with a message, and the clerk lands on the bad cell.
    assert wizard.steps.submit() is False
    assert any("提交审核" in text for _kind, text in dialogs)
    assert store.review(draft_id).status == "draft"
    assert wizard.current_key == "tables:2"
    # 导出定稿 is blocked too.
    assert wizard.steps.export_final() is False
    # Fixing the cell lets the report go to review.
    enter_cell(grid, "rules", "issued", "1")
    assert wizard.steps.submit(note="") is True
    assert store.review(draft_id).status == "submitted"


def test_balance_finding_jumps_to_its_cell(make_window, seed_path, qtbot):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    assert wizard.current_key == "cover"
    item = wizard.findings_panel.item_for("E_BALANCE")
    assert item is not None
    wizard.findings_panel.list.setCurrentItem(item)
    wizard.findings_panel._activated(item)  # what a click or Enter does
    assert wizard.current_key == "tables:3"
    grid = wizard.current_page().grids["t3"]
    finding = item.data(Qt.ItemDataRole.UserRole)
    row, column = grid.table_layout.position("new", finding.location.column)
    current = grid.view.currentIndex()
    assert (current.row(), current.column()) == (row, column)
    assert grid.view.hasFocus() or grid.view.isAncestorOf(grid.window().focusWidget())
    # The navigator shows section 三 with errors.
    assert wizard.states["tables:3"] == "errors"
    spin(10)
