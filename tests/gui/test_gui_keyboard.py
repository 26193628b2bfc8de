"""The wizard works from the keyboard — page keys, pane cycling, Enter on a finding, Enter on a draft."""

from __future__ import annotations

from gui_helpers import give_focus, open_example, press, shortcut
from PySide6.QtCore import Qt

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_keyboard_paging_and_panes(make_window, seed_path, qtbot):  # noqa: ANN001
    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    give_focus(wizard.current_page().agency)
    qtbot.keyClick(wizard.current_page().agency, Qt.Key.Key_PageDown, CTRL)
    assert wizard.current_key == "text:s1.active"
    qtbot.keyClick(window.focusWidget() or wizard, Qt.Key.Key_Right, ALT)
    assert wizard.current_key == "text:s1.request"
    qtbot.keyClick(window.focusWidget() or wizard, Qt.Key.Key_Left, ALT)
    assert wizard.current_key == "text:s1.active"
    # F6 goes from the page to the findings list; Enter on a finding jumps to it.
    focused = window.focusWidget()
    qtbot.keyClick(focused, Qt.Key.Key_F6)
    assert window.focusWidget() is wizard.findings_panel.list
    wizard.findings_panel.list.setCurrentRow(0)
    press(Qt.Key.Key_Return)
    assert wizard.current_key == "tables:3"
    # The navigator takes arrow keys.
    wizard.navigator.setFocus()
    give_focus(wizard.navigator)
    qtbot.keyClick(wizard.navigator, Qt.Key.Key_Down)
    assert wizard.current_key == "tables:4"


def test_enter_opens_a_draft(make_window, store, seed_path):  # noqa: ANN001
    import forms

    window = make_window()
    draft_id = store.create(forms.load_draft_file(seed_path))
    window.reload_drafts(select=draft_id)
    give_focus(window.start.table)
    shortcut(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    assert window.session is not None and window.session.draft_id == draft_id
