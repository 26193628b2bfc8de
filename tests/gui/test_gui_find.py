"""Find and replace over the whole report (Ctrl+F / Ctrl+H), driven by real key events."""

from __future__ import annotations

import pytest
from gui_helpers import focus_widget, give_focus, open_example, press, type_text
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def keys(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key as the keyboard sends it to the focused widget, shortcuts included."""
    QTest.keyClick(focus_widget(), key, modifiers)


def selected(wizard) -> tuple[str, str]:
    """(binding key, selected text) of the editor holding the current match."""
    bar = wizard.find_bar
    editor = bar._editor_of(bar.matches[bar.current])
    text = editor.textCursor().selectedText() if hasattr(editor, "textCursor") else editor.selectedText()
    return editor.binding.key, text


def every_text(draft) -> dict[str, str]:
    return {"agency": draft.agency, "signature": draft.signature.agency, **{f"h:{k}": v for k, v in draft.headings.items()},
            **draft.texts}


def test_ctrl_f_finds_across_pages_with_a_count_and_wraps(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    bar = wizard.find_bar
    assert not bar.isVisible()
    give_focus(wizard.current_page().agency)
    keys(Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and focus_widget() is bar.find_edit
    assert not bar.replace_edit.isVisible()  # Ctrl+F: find only
    type_text("龙岗")
    draft = window.session.draft
    expected = sum(v.count("龙岗") for v in every_text(draft).values())
    assert expected == 8
    assert bar.count_label.text() == "共 8 处"

    press(Qt.Key.Key_Return)  # Enter in the search box: the first match, on the cover
    assert bar.count_label.text() == "第 1 / 8 处"
    assert selected(wizard) == ("agency", "龙岗")
    keys(Qt.Key.Key_F3)
    assert bar.count_label.text() == "第 2 / 8 处"
    assert selected(wizard) == ("signature.agency", "龙岗")
    keys(Qt.Key.Key_F3)  # the next one is on another page: it is shown, the match selected in its editor
    assert wizard.current_key == "text:s1.platform"
    assert selected(wizard) == ("text:s1.platform", "龙岗")
    editor = wizard.current_page().block.editor
    cursor = editor.textCursor()
    assert editor.toPlainText()[cursor.selectionStart():cursor.selectionEnd()] == "龙岗"
    assert focus_widget() is bar.find_edit  # the keyboard stays in the bar for the next Enter

    keys(Qt.Key.Key_F3, SHIFT)
    keys(Qt.Key.Key_F3, SHIFT)
    assert bar.count_label.text() == "第 1 / 8 处"
    keys(Qt.Key.Key_F3, SHIFT)  # before the first: wraps to the last
    assert bar.count_label.text() == "第 8 / 8 处"
    assert wizard.current_key == "text:s1.platform"
    assert "末尾" in window.statusBar().currentMessage()
    keys(Qt.Key.Key_F3)  # after the last: wraps to the first, on the cover
    assert bar.count_label.text() == "第 1 / 8 处"
    assert wizard.current_key == "cover"
    bar.prev_button.click()
    assert bar.count_label.text() == "第 8 / 8 处"
    bar.next_button.click()
    assert bar.count_label.text() == "第 1 / 8 处"

    bar.find_edit.clear()
    type_text("没有这个词")
    assert bar.count_label.text() == "未找到"
    assert not bar.next_button.isEnabled()
    press(Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert draft.agency == "深圳市龙岗区政务服务数据管理局"  # searching changed nothing


def test_headings_are_searched_and_the_search_starts_at_the_page_on_screen(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    wizard.show_page("text:s1.oversight")
    give_focus(wizard.current_page().block.editor)
    keys(Qt.Key.Key_F, CTRL)
    type_text("监督保障")  # in the custom heading of 1(5) and its text
    press(Qt.Key.Key_Return)
    assert wizard.current_key == "text:s1.oversight"
    assert selected(wizard) == ("heading:s1.oversight", "监督保障")


def test_replace_one_and_replace_all_is_one_undo_step(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    bar = wizard.find_bar
    draft = window.session.draft
    before = every_text(draft)
    total = sum(v.count("我局") for v in before.values())
    fields = [k for k, v in before.items() if "我局" in v]
    assert total >= 8 and len(fields) >= 6  # cover, texts of 一, intro texts of the table pages, 五, 六

    give_focus(wizard.current_page().agency)
    keys(Qt.Key.Key_H, CTRL)
    assert bar.replace_edit.isVisible()
    type_text("我局")
    give_focus(bar.replace_edit)
    type_text("本局")
    bar.replace_button.click()  # nothing selected yet: selects the first match
    first = selected(wizard)
    assert first == ("text:preface", "我局")
    bar.replace_button.click()  # replaces it and moves on
    assert draft.text("preface") == before["preface"].replace("我局", "本局", 1)
    assert bar.count_label.text() == f"第 1 / {total - 1} 处"
    editor = wizard.page("cover").preface.editor
    assert editor.toPlainText() == draft.text("preface")  # the editor shows the replacement

    bar.replace_all_button.click()
    after = every_text(draft)
    assert all("我局" not in v for v in after.values())
    assert after == {k: v.replace("我局", "本局") for k, v in before.items()}
    assert bar.count_label.text() == "未找到"
    assert f"已替换 {total - 1} 处" in window.statusBar().currentMessage()
    wizard.show_page("text:s5")
    assert wizard.current_page().block.editor.toPlainText() == draft.text("s5")

    give_focus(bar.replace_edit)
    keys(Qt.Key.Key_Z, CTRL)  # one Ctrl+Z: every text replaced by 全部替换 comes back
    assert every_text(draft) == {**before, "preface": before["preface"].replace("我局", "本局", 1)}
    assert wizard.current_page().block.editor.toPlainText() == before["s5"]
    keys(Qt.Key.Key_Z, CTRL)  # the single replacement
    assert every_text(draft) == before
    assert window.session.dirty or window.session.last_saved is not None


def test_replacements_the_draft_cannot_hold_are_refused(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    bar = wizard.find_bar
    draft = window.session.draft
    before = every_text(draft)
    bar.run("replace")
    bar.find_edit.setText("龙岗")
    bar.replace_edit.setText("长" * 190)  # the agency name would pass 200 characters
    depth = window.session.stack.count()
    bar.replace_all_button.click()
    assert "超过上限 200 字" in window.statusBar().currentMessage()
    assert every_text(draft) == before and window.session.stack.count() == depth
    bar.replace_edit.setText("坏\x07字")
    assert bar.replace_edit.text() == "坏字"  # the box itself never holds a character the draft refuses
    from gui.find_text import ReplaceRefused, replace_all

    with pytest.raises(ReplaceRefused, match="控制字符"):  # nor does a replacement that bypasses the box
        replace_all(draft, bar.fields, "龙岗", "坏\x07字")
    assert every_text(draft) == before


def test_a_report_under_review_can_be_searched_not_changed(make_window, seed_path):
    window = make_window()
    draft_id = open_example(window, seed_path)
    window.store.submit(draft_id, "张三")
    window.session.reload_review()
    wizard = window.wizard
    assert wizard.read_only
    bar = wizard.find_bar
    give_focus(wizard.current_page().agency)
    keys(Qt.Key.Key_H, CTRL)
    assert not bar.replace_edit.isEnabled() and not bar.replace_all_button.isEnabled()
    type_text("龙岗")
    press(Qt.Key.Key_Return)
    assert bar.count_label.text() == "第 1 / 8 处"
    bar.replace_edit.setText("x")
    bar.replace_everything()
    assert window.session.draft.agency == "深圳市龙岗区政务服务数据管理局"
    assert "只能查看" in window.statusBar().currentMessage()
