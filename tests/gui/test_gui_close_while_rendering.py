"""Closing the window, going back to the list or opening another draft while the preview renders a very
long report never aborts the process (Qt aborts with exit 134 when a running QThread is destroyed).

Each case runs the real program in a child process, so an abort shows as its exit code.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import forms, storage
    from PySide6.QtCore import QTimer
    from gui.app import create_app
    from gui.main_window import MainWindow

    how = sys.argv[1]
    app = create_app()
    store = storage.open_store(sys.argv[2])
    long = forms.load_draft_file("examples/sample-2021.json")
    long.texts["s6"] = ("政府信息公开工作依法有序开展。" * 14000)[:199_000]  # one paragraph
    first = store.create(long)
    second = store.create(forms.load_draft_file("examples/sample-2021.json"))
    window = MainWindow(lambda: store, preview=True)
    window.show()
    window.ensure_store()
    window.open_draft(first)

    def act():
        pane = window.wizard.preview if window.wizard else None
        if pane is None or pane.worker._current is None:
            QTimer.singleShot(20, act)  # wait until the render of the long draft is under way
            return
        started = time.perf_counter()
        if how == "close":
            window.close()
        elif how == "list":
            window.show_start()
        else:
            window.open_draft(second)
        print(f"ACTED {time.perf_counter() - started:.3f}", flush=True)
        QTimer.singleShot(100, app.quit)

    QTimer.singleShot(0, act)
    code = app.exec()
    window.close()
    store.close()
    print("EXIT", code, flush=True)
    sys.exit(code)
    """
)


@pytest.mark.parametrize("how", ["close", "list", "other"])
def test_no_abort_when_leaving_a_draft_during_a_long_render(how: str, tmp_path: Path) -> None:
    env = {**os.environ, "NIANBAO_SETTINGS": str(tmp_path / "settings.ini"), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, how, str(tmp_path / "data")], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, (done.returncode, done.stdout[-2000:], done.stderr[-4000:])
    acted = [line for line in done.stdout.splitlines() if line.startswith("ACTED")]
    assert acted and float(acted[0].split()[1]) < 2.0, done.stdout  # waits a moment, never for the render
    assert "Destroyed while thread" not in done.stderr
