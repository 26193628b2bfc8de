"""Review steps as a clerk and a reviewer meet them: confirmations, names, notes, self-approval, what changed
since the last submission, the check page's words, and resolved comments."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from gui_helpers import open_example, spin
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QWidget


def type_into(widget: QWidget, text: str) -> None:
    """Key events with the text, as a keyboard (and an input method for Chinese) would deliver them."""
    for ch in text:
        QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))


def on_next_modal(handler: Callable[[QWidget], None]) -> None:
    """Run ``handler`` on the next modal dialog once it is on screen (exec() blocks the test until then)."""

    def tick() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(20, tick)
        else:
            handler(widget)

    QTimer.singleShot(20, tick)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """gui.plain.ask answered from ``answers["replies"]`` (default 是), every question recorded."""
    import gui.plain

    record: dict[str, list] = {"asked": [], "replies": []}

    def ask(_parent, title: str, text: str) -> bool:
        record["asked"].append(f"{title}: {text}")
        return record["replies"].pop(0) if record["replies"] else True

    monkeypatch.setattr(gui.plain, "ask", ask)
    return record


def _submit_by_click(wizard, qtbot, note: str) -> None:
    """Click 提交审核 on the check page, type a note in the dialog and click its 提交审核."""
    wizard.show_page("review")
    page = wizard.current_page()

    def fill(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "提交审核"
        type_into(dialog.note, note)
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    on_next_modal(fill)
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)


def test_submit_with_a_note_and_the_reviewer_reads_it(make_window, store, sample_path, answers, qtbot):
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    _submit_by_click(window.wizard, qtbot, "第五部分已补充整改措施")
    state = store.review(draft_id)
    assert state.status == "submitted" and state.last_submission.note == "第五部分已补充整改措施"
    assert state.last_submission.by == "李填报"
    assert "提交说明：第五部分已补充整改措施" in store.revisions(draft_id)[-1].note
    page = window.wizard.current_page()
    assert "可以提交审核" not in page.summary.text() and "等待审核人" in page.summary.text()
    window.set_identity("王审核", True)
    window.show_start()
    window.open_draft(draft_id)
    bar = window.wizard.review_bar.message.text()
    assert "提交人：李填报" in bar and "提交说明：第五部分已补充整改措施" in bar


def test_cancelling_the_submit_dialog_changes_nothing(make_window, store, sample_path, answers, qtbot):
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    window.wizard.show_page("review")
    page = window.wizard.current_page()
    on_next_modal(lambda dialog: qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
                                                  Qt.MouseButton.LeftButton))
    qtbot.mouseClick(page.submit, Qt.MouseButton.LeftButton)
    assert store.review(draft_id).status == "draft"


def test_a_name_is_asked_for_not_taken_from_the_login(make_window, store, sample_path, answers, qtbot, monkeypatch):
    monkeypatch.setenv("USER", "administrator")
    window = make_window()
    assert window.identity.name == ""
    draft_id = open_example(window, sample_path)
    asked: list[str] = []

    def give_name(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        asked.append(dialog.labelText())
        dialog.setTextValue("  赵科员 ")
        dialog.accept()
        on_next_modal(lambda submit: submit.accept())

    on_next_modal(give_name)
    window.wizard.show_page("review")
    qtbot.mouseClick(window.wizard.current_page().submit, Qt.MouseButton.LeftButton)
    assert asked and "姓名" in asked[0]
    assert store.review(draft_id).last_submission.by == "赵科员"
    assert window.identity.name == "赵科员"
    from gui.settings import app_settings

    assert app_settings().value("user/name") == "赵科员"  # remembered for the next time


def test_no_name_no_step(make_window, store, sample_path, answers, dialogs):
    window = make_window()
    draft_id = open_example(window, sample_path)
    on_next_modal(lambda dialog: dialog.reject())
    assert window.wizard.steps.submit(note="") is False
    assert store.review(draft_id).status == "draft"
    assert any("姓名" in text for _kind, text in dialogs)


def test_approve_and_return_ask_first(make_window, store, sample_path, answers, qtbot):
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    assert window.wizard.steps.submit(note="") is True
    window.set_identity("王审核", True)
    bar = window.wizard.review_bar
    answers["replies"] = [False]
    qtbot.mouseClick(bar.approve_button, Qt.MouseButton.LeftButton)
    assert store.review(draft_id).status == "submitted"
    assert answers["asked"][-1].startswith("审核通过: 以“王审核”的名义审核通过")

    def write_reason(dialog: QWidget) -> None:
        dialog.setTextValue("第三部分数字与上年结转不一致。")
        dialog.accept()

    answers["replies"] = [False]
    on_next_modal(write_reason)
    qtbot.mouseClick(bar.return_button, Qt.MouseButton.LeftButton)
    assert store.review(draft_id).status == "submitted"  # said 否 to the confirmation
    on_next_modal(write_reason)
    qtbot.mouseClick(bar.return_button, Qt.MouseButton.LeftButton)
    state = store.review(draft_id)
    assert state.status == "returned"
    assert (state.comments[-1].author, state.comments[-1].text) == ("王审核", "第三部分数字与上年结转不一致。")
    assert "退回修改（王审核）" in store.revisions(draft_id)[-1].note


def test_self_approval_needs_a_deliberate_yes(make_window, store, sample_path, answers, qtbot):
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    assert window.wizard.steps.submit(note="") is True
    window.set_identity("李填报", True)  # the same person switches to 审核人
    bar = window.wizard.review_bar
    answers["replies"] = [True, False]  # yes to approving, no to approving one's own report
    qtbot.mouseClick(bar.approve_button, Qt.MouseButton.LeftButton)
    assert store.review(draft_id).status == "submitted"
    assert "本人提交" in answers["asked"][-1]
    answers["replies"] = [True, True]
    qtbot.mouseClick(bar.approve_button, Qt.MouseButton.LeftButton)
    assert store.review(draft_id).status == "approved"
    assert "本人提交、本人审核，已确认" in store.revisions(draft_id)[-1].note


def test_check_page_and_comments_after_approval(make_window, store, sample_path, answers, qtbot):
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    wizard = window.wizard
    wizard.show_page("review")
    review_page = wizard.current_page()
    assert "可以提交审核" in review_page.summary.text() or "错误" in review_page.summary.text()
    assert wizard.steps.submit(note="") is True
    assert "可以提交审核" not in review_page.summary.text()
    window.set_identity("王审核", True)
    wizard.show_page("text:s5")
    page = wizard.current_page()
    page.comments.editor.setPlainText("请写出具体整改措施。")
    qtbot.mouseClick(page.comments.add, Qt.MouseButton.LeftButton)
    assert wizard.steps.return_draft("请修改第五部分。") is True
    window.set_identity("李填报", False)
    assert wizard.steps.submit(note="已修改") is True
    window.set_identity("王审核", True)
    qtbot.mouseClick(wizard.review_bar.approve_button, Qt.MouseButton.LeftButton)
    assert store.review(draft_id).status == "approved"
    wizard.show_page("review")
    assert "可以提交审核" not in review_page.summary.text() and "已审核通过" in review_page.summary.text()
    assert not review_page.submit.isVisible()
    assert "退回意见（已解决）：请修改第五部分。" in wizard.review_bar.message.text()
    wizard.show_page("text:s5")
    assert "［已解决］王审核" in wizard.current_page().comments.shown.text()


def test_reviewer_sees_what_changed_since_the_last_submission(make_window, store, sample_path, answers, qtbot):
    window = make_window()
    window.resize(1280, 720)
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    wizard = window.wizard
    old_text = window.session.draft.texts["s5"]
    assert wizard.steps.submit(note="") is True
    window.set_identity("王审核", True)
    wizard.show_page("text:s5")
    page = wizard.current_page()
    page.comments.editor.setPlainText("太笼统。")
    qtbot.mouseClick(page.comments.add, Qt.MouseButton.LeftButton)
    assert wizard.navigator.comment_count("text:s5") == 1
    item = wizard.navigator._items["text:s5"]
    assert "1 条意见" in item.text(0) and item.font(0).bold()
    assert wizard.steps.return_draft("请修改。") is True
    # The clerk rewrites part of 五 and changes one number of 二.
    window.set_identity("李填报", False)
    draft = window.session.draft
    draft.texts["s5"] = old_text + "整改措施：建立发布台账。"
    draft.set_value("t2_1", "rules", "issued", 1)
    window.session.mark_changed()
    window.save_now()
    assert wizard.steps.submit(note="补充了整改措施") is True
    window.set_identity("王审核", True)
    window.show_start()
    window.open_draft(draft_id)
    wizard = window.wizard
    wizard.show_page("review")
    marked = wizard.current_page().changes.marked_text()
    assert "{+整改措施：建立发布台账。+}" in marked and "：0 → 1" in marked
    wizard.show_page("text:s5")
    text_page = wizard.current_page()
    assert text_page.changes_box.isVisibleTo(text_page)
    assert "{+整改措施：建立发布台账。+}" in text_page.changes.marked_text()
    wizard.show_page("tables:2")
    grid = wizard.current_page().grids["t2_1"]
    from gui.grid.table_model import ChangedRole

    r, c = grid.table_layout.position("rules", "issued")
    assert grid.model.data(grid.model.index(r, c), ChangedRole) == "0"
    unchanged = grid.model.index(*grid.table_layout.position("rules", "repealed"))
    assert grid.model.data(unchanged, ChangedRole) is None
    assert "原为" in grid.model.data(grid.model.index(r, c), Qt.ItemDataRole.ToolTipRole)
    # The blue corner is painted in that cell and in no unchanged one.
    spin(50)
    view = grid.view
    image = view.viewport().grab().toImage()
    rect = view.visualRect(grid.model.index(r, c))
    corner = image.pixelColor(rect.left() + 1, rect.top() + 1)
    assert corner.blue() > 150 and corner.red() < 80, corner.name()
    other = view.visualRect(unchanged)
    plain = image.pixelColor(other.left() + 1, other.top() + 1)
    assert not (plain.blue() > 150 and plain.red() < 80), plain.name()


def test_history_dialog_shows_the_text_difference(make_window, store, sample_path):
    window = make_window()
    draft_id = open_example(window, sample_path)
    old = window.session.draft.texts.get("s6", "")
    new = "今年没有其他需要报告的事项。"
    window.session.draft.texts["s6"] = new
    window.session.mark_changed()
    window.save_now()
    from gui.start.dialogs import HistoryDialog

    dialog = HistoryDialog(store, draft_id, window)
    dialog.list.setCurrentRow(dialog.list.count() - 1)  # the oldest, compared with the newest
    marked = dialog.changes.marked_text()
    assert "{+" in marked and ("[-" in marked or not old)
    # Deleted text is struck through, inserted text underlined: formats, not markup in the text itself.
    struck, underlined = [], []
    for fragment in _fragments(dialog.changes.document()):
        if fragment.charFormat().fontStrikeOut():
            struck.append(fragment.text())
        elif fragment.charFormat().fontUnderline():
            underlined.append(fragment.text())
    assert underlined and all(piece in new for piece in underlined)
    assert all(piece in old for piece in struck) and (struck or not old)
    assert "{+" not in dialog.changes.toPlainText()
    dialog.close()


def _fragments(document):
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            yield it.fragment()
            it += 1
        block = block.next()
