"""A clerk walks the whole wizard typing the seed report, and the stored draft equals the seed file."""

from __future__ import annotations

from gui_helpers import enter_cell, give_focus, spin, type_text
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import forms
from forms.values import format_value


def _fill_new_dialog(agency: str, year: int, seen: list[str]) -> None:
    from gui.start.dialogs import NewDraftDialog

    dialog = QApplication.activeModalWidget()
    try:
        assert isinstance(dialog, NewDraftDialog)
        dialog.year.setValue(2022)
        seen.append(dialog.format_label.text())
        dialog.year.setValue(year)
        seen.append(dialog.format_label.text())  # the format follows the year
        give_focus(dialog.agency)
        type_text(agency)
        dialog.accept()
    finally:
        if dialog is not None and dialog.isVisible():
            dialog.reject()


def _type_into(editor, text: str) -> None:
    give_focus(editor)
    type_text(text)


def test_walk_whole_wizard_matches_seed(make_window, store, seed_path, qtbot):
    seed = forms.load_draft_file(seed_path)
    window = make_window()
    seen: list[str] = []
    QTimer.singleShot(50, lambda: _fill_new_dialog(seed.agency, seed.year, seen))
    draft_id = window.actions_.do_new()
    assert "试行" not in seen[0] and "〔2021〕30号" in seen[0]
    assert "试行" in seen[1] and "〔2019〕60号" in seen[1]
    wizard = window.wizard
    assert wizard is not None and window.session.draft_id == draft_id
    definition = wizard.definition
    pasted = False
    for _step in range(len(wizard.specs)):
        page = wizard.current_page()
        spec = page.spec
        if spec.kind == "cover":
            assert page.agency.text() == seed.agency
            assert page.signature.text() == seed.signature.agency
            _type_into(page.date, seed.signature.date.isoformat())
            _type_into(page.preface.editor, seed.texts["preface"])
        elif spec.kind == "text":
            block = page.block
            if block.heading_edit is not None and spec.texts[0] in seed.headings:
                _type_into(block.heading_edit, seed.headings[spec.texts[0]])
            _type_into(block.editor, seed.text(spec.texts[0]))
            expected = str(forms_count(seed.text(spec.texts[0])))
            qtbot.waitUntil(lambda: expected in block.count.text(), timeout=2000)  # noqa: B023 - waited for here
        elif spec.kind == "tables":
            for block in page.blocks:
                if seed.text(block.text_id):
                    _type_into(block.editor, seed.text(block.text_id))
            for table_id in spec.tables:
                table = definition.table(table_id)
                grid = page.grids[table_id]
                cells = [(r, c) for r, c in table.input_cells() if (table_id, r.id, c.id) in seed.values]
                if table_id == "t2_1" and not pasted:
                    # The first block of 二 is pasted from "Excel": two rows, three columns, tab-separated.
                    grid.focus_cell("rules", "new_made")
                    result = grid.paste("0\t0\t0\n0\t0\t0")
                    assert result is not None and len(result.written) == 6
                    pasted = True
                    continue
                for row, column in cells:
                    enter_cell(grid, row.id, column.id, format_value(column.kind, seed.values[(table_id, row.id, column.id)]))
        if spec.kind != "review":
            assert wizard.next_button.isEnabled()
            wizard.next_button.click()
    assert wizard.current_key == "review"
    spin(50)
    window.save_now()
    stored = store.load(draft_id)
    expected = forms.draft_to_dict(seed)
    actual = forms.draft_to_dict(stored)
    expected.pop("stated_totals", None)  # totals printed by the source document; the wizard computes them
    actual.pop("stated_totals", None)
    assert actual == expected
    assert stored.invalid_inputs == {}
    # Computed totals are shown and follow the inputs.
    assert stored.value("t3", "results_total", "natural") == 1


def forms_count(text: str) -> int:
    from gui.pages.text_block import count_chars

    return count_chars(text)
