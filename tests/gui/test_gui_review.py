"""The review flow end to end — submit, reviewer reads only and comments, return (needs a comment), approve."""

from __future__ import annotations

from gui_helpers import open_example


def test_review_return_and_approve(make_window, store, sample_path, dialogs, monkeypatch, qtbot):
    import gui.plain

    monkeypatch.setattr(gui.plain, "ask", lambda *_a, **_k: True)  # every confirmation answered 是
    window = make_window()
    window.set_identity("李填报", False)
    draft_id = open_example(window, sample_path)
    wizard = window.wizard
    assert wizard.review_bar.isHidden()
    wizard.show_page("review")
    review_page = wizard.current_page()
    assert review_page.submit.isVisible()

    def accept_submit() -> None:
        from PySide6.QtWidgets import QApplication

        QApplication.activeModalWidget().accept()

    from PySide6.QtCore import QTimer

    QTimer.singleShot(50, accept_submit)
    review_page.submit.click()
    assert store.review(draft_id).status == "submitted"
    # The clerk now only reads.
    wizard.show_page("text:s5")
    assert wizard.current_page().block.editor.isReadOnly()
    assert not wizard.review_bar.approve_button.isVisible()

    # The reviewer opens the 待审核 draft: read-only, a comment box per section, 退回 / 通过.
    window.set_identity("王审核", True)
    window.show_start()
    window.open_draft(draft_id)
    wizard = window.wizard
    assert wizard.review_bar.return_button.isVisible() and wizard.review_bar.approve_button.isVisible()
    wizard.show_page("text:s5")
    page = wizard.current_page()
    assert page.block.editor.isReadOnly()
    assert page.comments.editor.isVisible()
    page.comments.editor.setPlainText("问题写得太笼统，请写出具体整改措施。")
    page.comments.add.click()
    assert [c.text for c in store.review(draft_id).comments] == ["问题写得太笼统，请写出具体整改措施。"]
    assert "太笼统" in page.comments.shown.text()
    # 退回 needs a comment.
    assert wizard.steps.return_draft("  ") is False
    assert store.review(draft_id).status == "submitted"
    assert wizard.steps.return_draft("请修改第五部分。") is True
    assert store.review(draft_id).status == "returned"

    # The clerk sees the comments beside the section and can edit again.
    window.set_identity("李填报", False)
    window.show_start()
    window.open_draft(draft_id)
    wizard = window.wizard
    assert wizard.review_bar.isVisible() if window.isVisible() else not wizard.review_bar.isHidden()
    assert "请修改第五部分" in wizard.review_bar.message.text()
    wizard.show_page("text:s5")
    page = wizard.current_page()
    assert not page.block.editor.isReadOnly()
    assert page.comments.isVisibleTo(page) and "太笼统" in page.comments.shown.text()
    assert not page.comments.editor.isVisibleTo(page)  # clerks read comments, they do not add them
    wizard.show_page("review")
    assert wizard.steps.submit(note="") is True

    # The reviewer approves; the report is then read-only for everyone and prints without the watermark.
    window.set_identity("王审核", True)
    assert wizard.steps.approve() is True
    assert store.review(draft_id).status == "approved"
    assert wizard.steps.watermark() is None
    wizard.show_page("text:s6")
    assert wizard.current_page().block.editor.isReadOnly()
    assert wizard.review_bar.reopen_button.isVisibleTo(wizard)
