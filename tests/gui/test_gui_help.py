"""F1 help per wizard page, shortcuts shown in menus and tooltips, Enter on buttons, a visible focus
ring, and where the keyboard rests after a page turn."""

from __future__ import annotations

import re
from pathlib import Path

from gui_helpers import focus_widget, give_focus, open_example, press, spin, type_text
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu

ROOT = Path(__file__).resolve().parents[2]
ALT = Qt.KeyboardModifier.AltModifier


def help_text(window) -> str:
    from gui.help import HelpDialog

    dialog = window.findChild(HelpDialog, "helpDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog.browser.toPlainText()


def test_f1_shows_the_page_guidance_keys_and_checks(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    definition = wizard.definition
    wizard.show_page("text:s5")
    give_focus(wizard.current_page().block.editor)
    QTest.keyClick(focus_widget(), Qt.Key.Key_F1)
    text = help_text(window)
    assert definition.text("s5").guidance_zh in text  # the format's own guidance for this part
    assert "Ctrl+F / Ctrl+H" in text and "在整份报告中查找 / 查找并替换" in text
    assert "W_TEXT_TRIVIAL" in text and "只写了“无”" in text  # the 五 rule of this format
    assert "W_TEXT_TABLE_MISMATCH" in text  # texts are compared with the tables
    assert "E_BALANCE" not in text and "W_BLANK_CELL" not in text  # table checks are not about this page

    wizard.show_page("tables:3")  # the open help follows the page
    text = help_text(window)
    assert "E_BALANCE" in text and "第一项 + 第二项 ≠ 第三项 + 第四项" in text
    assert "W_BLANK_CELL" in text and "F2" in text
    assert "W_TEXT_TRIVIAL" not in text and "W_FEE_NOT_EXPLAINED" not in text
    assert "E_TEXT_EMPTY" not in text  # the note before the table is optional
    assert definition.text("s3.intro").guidance_zh in text

    wizard.show_page("cover")
    text = help_text(window)
    assert "E_DATE_BEFORE_YEAR_END" in text and "W_YEAR_STATED" in text  # the preface's year rule
    assert "E_BALANCE" not in text


def test_help_of_every_page_of_both_formats_has_guidance_and_checks(make_window, seed_path, sample_path):
    """Every page of the 2019 and the 2021 format: a heading, its texts' guidance, keys and at least one check."""
    import forms
    from gui.help import help_html, page_codes
    from gui.pages.specs import build_pages

    for path in (seed_path, sample_path):
        definition = forms.load_draft_file(path).definition
        for spec in build_pages(definition):
            page = help_html(definition, spec)
            assert "<h2>" in page and "键盘操作" in page
            assert page_codes(definition, spec), spec.key
            for text_id in spec.texts:
                guidance = definition.text(text_id).guidance_zh
                assert guidance.replace("“", "").split("。")[0][:10] in page.replace("“", ""), (spec.key, text_id)


def test_one_list_of_finding_codes_for_the_validator_the_docs_and_the_help():
    from forms.finding_codes import CODES, markdown_table
    from tools.finding_codes_doc import DOC, documented_table

    raised = set()
    for path in (ROOT / "forms").rglob("*.py"):
        raised |= set(re.findall(r"\"([EW]_[A-Z_]+)\"", path.read_text(encoding="utf-8")))
    listed = {info.code for info in CODES}
    assert raised - listed == set(), "codes the validator raises but the help cannot explain"
    assert listed - raised == set(), "codes explained but never raised"
    assert documented_table(DOC.read_text(encoding="utf-8")) == markdown_table(), \
        "docs/draft-format.md is out of date: run python -m tools.finding_codes_doc"
    for info in CODES:
        assert info.zh and info.en and info.where and info.severity in ("error", "warning", "submit")


def test_shortcuts_are_shown_in_menus_and_tooltips(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    actions = {a.text(): a for a in window.findChildren(type(window.save_action))}
    for text, keys in (("查找(&F)…", "Ctrl+F"), ("替换(&H)…", "Ctrl+H"), ("查找下一个", "F3"),
                       ("查找上一个", "Shift+F3"), ("本页帮助(&H)", "F1"), ("保存(&S)", "Ctrl+S")):
        action = actions[text]
        assert action.shortcut().toString(QKeySequence.SequenceFormat.PortableText) == keys
        assert any(isinstance(o, QMenu) for o in action.associatedObjects())  # in a menu, the keys beside the text
        assert action.isEnabled()
    wizard = window.wizard
    assert "Alt+→" in wizard.next_button.toolTip() and "下一步" in wizard.next_button.toolTip()
    assert "(F3)" in wizard.find_bar.next_button.toolTip()


def test_enter_presses_the_focused_button(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    give_focus(wizard.next_button)
    press(Qt.Key.Key_Return)
    spin(250)  # animateClick releases after a moment
    assert wizard.current_key == "text:s1.active"
    give_focus(wizard.prev_button)
    press(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    spin(250)
    assert wizard.current_key == "cover"


def test_after_a_page_turn_a_stray_key_changes_nothing(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    draft = window.session.draft
    give_focus(wizard.current_page().agency)
    QTest.keyClick(focus_widget(), Qt.Key.Key_Right, ALT)
    assert wizard.current_key == "text:s1.active"
    page = wizard.current_page()
    assert focus_widget() is page.title
    before = draft.text("s1.active")
    type_text("x")
    press(Qt.Key.Key_Space)
    assert draft.text("s1.active") == before and wizard.current_key == "text:s1.active"
    press(Qt.Key.Key_Tab)  # Tab goes on into the page
    assert focus_widget() is page.block.heading_edit
    wizard.go_next()  # the 下一步 button as well
    assert focus_widget() is wizard.current_page().title


def test_the_focused_text_box_has_a_clear_ring(make_window, seed_path):
    from gui.focus_aids import FOCUS_COLOR, RING

    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    wizard.show_page("text:s5")
    editor = wizard.current_page().block.editor
    give_focus(editor)
    spin(50)
    ring = window.focus_ring.ring
    assert ring is not None and ring.isVisible()
    assert ring.geometry() == editor.geometry().adjusted(-RING, -RING, RING, RING)
    image = editor.parentWidget().grab().toImage()
    top_left = editor.geometry().topLeft()
    ring_pixel = image.pixelColor(top_left.x() + editor.width() // 2, top_left.y() - 1)
    assert ring_pixel.name() == FOCUS_COLOR.name()

    wizard.show_page("tables:3")  # a table cell has the table's own highlight, not the ring
    grid = wizard.current_page().grids["t3"]
    grid.focus_cell("new", "natural")
    give_focus(grid.view)
    spin(50)
    assert not window.focus_ring.ring.isVisible()


def test_help_in_english(make_window, seed_path):
    from gui.help import GENERAL_KEYS, TABLE_KEYS, TEXT_KEYS
    from gui.i18n import set_language
    from gui.i18n_en import EN

    assert all(what in EN for _keys, what in GENERAL_KEYS + TABLE_KEYS + TEXT_KEYS)
    set_language("en")
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    wizard.show_page("tables:3")
    window._help()
    text = help_text(window)
    assert "Keyboard" in text and "Checks on this page" in text
    assert "Items 1 + 2 ≠ items 3 + 4" in text
    assert "Warning: " in text and "Error: " in text
    for table_id in wizard.by_key["tables:3"].tables:  # the official tables keep their Chinese titles
        text = text.replace(wizard.definition.table(table_id).title, "")
    assert not re.search(r"[\u4e00-\u9fff]{8,}", text), "long Chinese runs in the English help"


def test_f1_on_the_start_screen_explains_how_to_begin(make_window):
    window = make_window()
    give_focus(window.start.table)
    QTest.keyClick(focus_widget(), Qt.Key.Key_F1)
    text = help_text(window)
    assert "草稿列表" in text and "F1" in text and "Ctrl+F / Ctrl+H" in text
    assert not any(a.isEnabled() for a in window.find_actions)  # nothing to search before a report is open


def test_buttons_that_do_a_menu_command_show_its_keys(make_window):
    window = make_window()
    assert window.start.buttons["new"].toolTip() == "新建 (Ctrl+N)"
    assert "Ctrl" not in window.start.buttons["delete"].toolTip()  # no command key for this one
