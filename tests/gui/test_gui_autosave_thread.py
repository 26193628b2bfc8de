"""The autosave writes on a writer thread: a slow disk never stalls typing, and nothing is lost."""

from __future__ import annotations

import threading
import time

from gui_helpers import give_focus, open_example, spin, type_text
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QTextCursor

from gui.session import AUTOSAVE_MS


def _slow(store, monkeypatch, seconds: float, calls: list[str]):  # noqa: ANN001
    """The real store, its writes made as slow as a busy office PC's disk."""
    real = store.save

    def slow_save(draft_id, draft, *, explicit=True):  # noqa: ANN001
        calls.append(threading.current_thread().name)
        time.sleep(seconds)
        real(draft_id, draft, explicit=explicit)

    monkeypatch.setattr(store, "save", slow_save)


def _editor(window):  # noqa: ANN001
    window.wizard.show_page("text:s6")
    editor = window.wizard.current_page().block.editor
    give_focus(editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    return editor


def test_a_slow_autosave_does_not_stall_the_ui_thread(make_window, store, seed_path, qtbot, monkeypatch):  # noqa: ANN001
    window = make_window()
    draft_id = open_example(window, seed_path)
    editor = _editor(window)
    calls: list[str] = []
    _slow(store, monkeypatch, 0.4, calls)
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def beat() -> None:
        gaps.append(clock.elapsed() - last[0])
        last[0] = clock.elapsed()

    heartbeat = QTimer()
    heartbeat.timeout.connect(beat)
    heartbeat.start(5)
    type_text("慢盘也不卡。")
    qtbot.waitUntil(lambda: calls != [], timeout=AUTOSAVE_MS + 1000)
    spin(150)
    type_text("写的时候接着打字。")  # typed while the write is under way
    qtbot.waitUntil(lambda: store.load(draft_id).text("s6").endswith("写的时候接着打字。"), timeout=4000)
    heartbeat.stop()
    assert calls[0] == "nianbao-autosave"
    assert max(gaps) < 200, f"the UI thread stalled {max(gaps)} ms during a 400 ms write"
    assert editor.toPlainText().endswith("慢盘也不卡。写的时候接着打字。")
    qtbot.waitUntil(lambda: not window.session.dirty and window.save_label.text().startswith("已保存"), timeout=2000)


def test_closing_during_a_background_write_keeps_every_character(make_window, store, seed_path, qtbot, monkeypatch):  # noqa: ANN001
    window = make_window()
    draft_id = open_example(window, seed_path)
    _editor(window)
    calls: list[str] = []
    _slow(store, monkeypatch, 0.5, calls)
    type_text("第一句。")
    qtbot.waitUntil(lambda: calls != [], timeout=AUTOSAVE_MS + 1000)
    type_text("第二句。")  # after the writer took its copy
    assert window.session.flush()  # what closing, switching drafts and review steps call
    assert store.load(draft_id).text("s6").endswith("第一句。第二句。")
    assert not window.session.dirty and calls == ["nianbao-autosave", "MainThread"]


def test_a_failed_background_write_is_reported_once_and_the_draft_stays_unsaved(make_window, store, seed_path, qtbot,
                                                                                 monkeypatch):  # noqa: ANN001
    from storage import DiskFullError

    window = make_window()
    draft_id = open_example(window, seed_path)
    _editor(window)

    def full(*_args, **_kwargs):  # noqa: ANN002, ANN003
        raise DiskFullError("磁盘已满，无法保存。", "disk full")

    monkeypatch.setattr(store, "save", full)
    type_text("磁盘满了也不丢。")
    qtbot.waitUntil(lambda: window.save_label.text() == "未保存！", timeout=AUTOSAVE_MS + 1500)
    assert window.session.dirty and window.save_details.isVisible()
    monkeypatch.undo()
    assert window.session.flush()
    assert store.load(draft_id).text("s6").endswith("磁盘满了也不丢。")
