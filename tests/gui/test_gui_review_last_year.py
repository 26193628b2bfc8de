"""以上一年为基础新建 with texts: each copied text is marked as last year's until the clerk edits or confirms it,
and last year's years and figures are highlighted."""

from __future__ import annotations

from gui_helpers import give_focus, open_example, spin, type_text
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

import forms


def _new_from_last_year(window, store, sample_path) -> str:
    last_id = store.create(forms.load_draft_file(sample_path))
    window.reload_drafts(select=last_id)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.copy_texts.setChecked(True)
        dialog.accept()

    QTimer.singleShot(50, answer)
    window.start.buttons["from_last_year"].click()
    return window.session.draft_id


def _formats(editor) -> list[tuple[int, int, str]]:
    """(start, length, background) of every highlight the editor shows, over the whole document."""
    out = []
    block = editor.document().begin()
    while block.isValid():
        for fmt in block.layout().formats():
            out.append((block.position() + fmt.start, fmt.length, fmt.format.background().color().name()))
        block = block.next()
    return out


def test_copied_texts_are_marked_until_confirmed(make_window, store, sample_path, qtbot):
    window = make_window()
    new_id = _new_from_last_year(window, store, sample_path)
    draft = window.session.draft
    assert draft.year == 2022 and "s5" in draft.carried_texts and "s1.active" in draft.carried_texts
    wizard = window.wizard
    words = lambda key: wizard.navigator._items[key].data(0, Qt.ItemDataRole.AccessibleDescriptionRole)  # noqa: E731
    assert words("text:s5") == "沿用上年，尚未确认"  # not 已完成 (no green tick)
    group = wizard.navigator._groups["1"]
    assert "沿用上年" in group.toolTip(0)  # the section above carried subsections is not ticked either
    wizard.show_page("text:s5")
    page = wizard.current_page()
    assert page.block.carried_bar.isVisibleTo(page)
    # Last year's years and figures are highlighted: "2021年" (a year before 2022) in orange, 50 in yellow.
    text = page.block.editor.toPlainText()
    spin(20)
    highlights = {text[start:start + length]: colour for start, length, colour in _formats(page.block.editor)}
    assert highlights["2021"] == "#ffcc80" and highlights["50"] == "#fff3c4"
    assert highlights["2022"] == "#fff3c4"  # this year's number: a figure, not last year's year
    qtbot.mouseClick(page.block.confirm_button, Qt.MouseButton.LeftButton)
    assert not page.block.carried_bar.isVisibleTo(page)
    assert words("text:s5") != "沿用上年，尚未确认"
    assert _formats(page.block.editor) == []  # confirmed: no more highlights
    window.save_now()
    stored = store.load(new_id)
    assert "s5" not in stored.carried_texts and "s1.active" in stored.carried_texts


def test_editing_a_copied_text_ends_its_mark(make_window, store, sample_path):
    window = make_window()
    new_id = _new_from_last_year(window, store, sample_path)
    wizard = window.wizard
    wizard.show_page("text:s6")
    page = wizard.current_page()
    if not page.block.carried:  # the sample may have no 六: use 五 then
        wizard.show_page("text:s5")
        page = wizard.current_page()
    text_id = page.spec.texts[0]
    give_focus(page.block.editor)
    type_text("本年度")
    assert text_id not in window.session.draft.carried_texts
    assert not page.block.carried_bar.isVisibleTo(page)
    window.save_now()
    assert text_id not in store.load(new_id).carried_texts


def test_carried_mark_survives_reopening(make_window, store, sample_path):
    window = make_window()
    new_id = _new_from_last_year(window, store, sample_path)
    window.show_start()
    window.open_draft(new_id)
    item = window.wizard.navigator._items["text:s5"]
    assert item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole) == "沿用上年，尚未确认"


def test_a_typed_draft_has_no_marks(make_window, store, sample_path):
    window = make_window()
    open_example(window, sample_path)
    window.wizard.show_page("text:s5")
    page = window.wizard.current_page()
    assert not page.block.carried_bar.isVisibleTo(page) and page.block.highlighter is None
