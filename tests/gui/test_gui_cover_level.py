"""The agency level on the cover page: guessed from the name until the clerk picks one, undoable, saved."""

from __future__ import annotations

from gui_helpers import give_focus, press, shortcut, spin, type_text
from PySide6.QtCore import Qt

import forms
from gui.i18n import set_language
from gui.session import AUTOSAVE_MS

CTRL = Qt.KeyboardModifier.ControlModifier


def _open(window, agency: str = "测试区人民政府办公室", level: str | None = None):  # type: ignore[no-untyped-def]
    draft = forms.new_draft(agency, 2021)
    if level is not None:
        draft.level = level
    draft_id = window.store.create(draft)
    wizard = window.open_draft(draft_id)
    assert wizard is not None
    wizard.show_page("cover")
    return draft_id, wizard.current_page()


def _retype_agency(page, text: str) -> None:  # type: ignore[no-untyped-def]
    give_focus(page.agency)
    page.agency.selectAll()
    type_text(text)


def test_the_level_follows_the_agency_name_and_undo(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    draft_id, page = _open(window)
    draft = window.session.draft
    assert draft.level == "department"
    assert page.level.currentText() == "部门" and page.level_note.text() == "（按机关名称推断）"
    assert [page.level.itemText(i) for i in range(page.level.count())] == ["省", "市", "县", "乡镇街道", "部门", "未知"]

    _retype_agency(page, "某某县某某镇人民政府")
    assert draft.agency == "某某县某某镇人民政府"
    assert draft.level == "township" and page.level.currentText() == "乡镇街道"
    shortcut(Qt.Key.Key_Z, CTRL)  # the name's change and the level it brought undo together
    assert draft.agency == "测试区人民政府办公室" and draft.level == "department"
    assert page.level.currentText() == "部门"
    shortcut(Qt.Key.Key_Y, CTRL)
    assert draft.level == "township" and page.level.currentText() == "乡镇街道"
    spin(AUTOSAVE_MS + 200)
    assert window.store.load(draft_id).level == "township"


def test_a_level_the_clerk_picks_stays_when_the_name_changes(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    draft_id, page = _open(window)
    draft = window.session.draft
    give_focus(page.level)
    press(Qt.Key.Key_Down)  # 部门 -> 未知, chosen with the keyboard
    assert draft.level == "unknown" and page.level.currentText() == "未知"
    assert page.level_note.text() == ""
    _retype_agency(page, "某某街道办事处")
    assert draft.level == "unknown"  # an explicit choice is never overwritten by a guess
    spin(AUTOSAVE_MS + 200)
    assert window.store.load(draft_id).level == "unknown"

    stack = window.session.stack
    stack.undo()  # the name
    stack.undo()  # the choice: the level follows the name again
    assert draft.agency == "测试区人民政府办公室" and draft.level == "department"
    assert page.level.currentText() == "部门" and page.level_note.text() == "（按机关名称推断）"
    _retype_agency(page, "某某乡人民政府")
    assert draft.level == "township"


def test_a_stored_level_unlike_the_guess_counts_as_chosen(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _draft_id, page = _open(window, agency="某某县人民政府", level="city")
    assert page.level.currentText() == "市" and page.level_note.text() == ""
    _retype_agency(page, "某某镇人民政府")
    assert window.session.draft.level == "city"


def test_the_level_is_read_only_with_the_draft_and_english(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _draft_id, page = _open(window)
    page.set_read_only(True)
    assert not page.level.isEnabled()
    page.set_read_only(False)
    assert page.level.isEnabled()
    set_language("en")
    try:
        _draft_id, page = _open(window, agency="某某镇人民政府")
        assert page.level.currentText() == "township or street office"
        assert page.level_note.text() == "(guessed from the agency name)"
    finally:
        set_language("zh")


def test_a_level_finding_jumps_to_the_combo(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window()
    _draft_id, page = _open(window)
    give_focus(page.agency)
    window.wizard.jump_to_finding(forms.Finding("error", "E_LEVEL_INVALID", forms.Location(field="level"), "机关层级无效", "x"))
    spin(20)
    assert page.level.hasFocus()
