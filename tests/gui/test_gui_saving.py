"""Autosave within about two seconds; a crash loses nothing older than that; reopening shows it all."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from gui_helpers import give_focus, open_example, type_text
from PySide6.QtGui import QTextCursor

import forms

ROOT = Path(__file__).resolve().parents[2]


def test_autosave_writes_within_two_seconds(make_window, store, seed_path, qtbot):
    window = make_window()
    draft_id = open_example(window, seed_path)
    wizard = window.wizard
    wizard.show_page("text:s6")
    editor = wizard.current_page().block.editor
    give_focus(editor)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    start = time.monotonic()
    type_text("补充一句。")
    qtbot.waitUntil(lambda: store.load(draft_id).text("s6").endswith("补充一句。"), timeout=2000)
    assert time.monotonic() - start < 2.0
    qtbot.waitUntil(lambda: window.save_label.text().startswith("已保存"), timeout=500)  # told once the write is done
    assert not window.session.dirty


CRASHER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    sys.path.insert(0, {tests!r})
    import storage, forms
    from gui.app import create_app
    from gui.main_window import MainWindow
    from gui_helpers import give_focus, spin, type_text
    app = create_app()
    window = MainWindow(lambda: storage.open_store({data!r}), preview=False)
    window.show()
    window.ensure_store()
    draft_id = window.store.create(forms.load_draft_file({seed!r}))
    window.open_draft(draft_id)
    window.wizard.show_page("text:s5")
    editor = window.wizard.current_page().block.editor
    give_focus(editor)
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text("崩溃前写下的话。")
    spin(2000)                      # autosave has run
    print(draft_id, flush=True)
    os._exit(9)                     # like a crash or a killed process: no close, no flush
    """
)


def test_reopen_after_crash(tmp_path, seed_path, qtbot):
    data = tmp_path / "crash-data"
    script = CRASHER.format(tests=str(Path(__file__).parent), data=str(data), seed=str(seed_path))
    env = dict(os.environ, NIANBAO_SETTINGS=str(tmp_path / "crash.ini"))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=ROOT, env=env, check=False)
    assert done.returncode == 9, done.stderr
    draft_id = done.stdout.strip().splitlines()[-1]

    import storage
    from gui.app import create_app
    from gui.main_window import MainWindow

    create_app()
    window = MainWindow(lambda: storage.open_store(data), preview=False)
    qtbot.addWidget(window)
    window.show()
    assert window.ensure_store()
    assert window.open_draft(draft_id) is not None
    window.wizard.show_page("text:s5")
    seed = forms.load_draft_file(seed_path)
    assert window.wizard.current_page().block.editor.toPlainText() == seed.text("s5") + "崩溃前写下的话。"
    window.close()
