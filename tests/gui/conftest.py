"""GUI test fixtures: offscreen Qt, a real store, helpers to type like a person.

The root conftest points settings, data, cache and logs at temporary folders (``user_dirs``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))  # for gui_helpers, whatever the import mode


@pytest.fixture(autouse=True)
def _chinese_ui():
    from gui.i18n import set_language

    set_language("zh")
    yield
    set_language("zh")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path):
    import storage

    opened = storage.open_store(data_dir)
    yield opened
    try:
        opened.close()
    except Exception:  # noqa: BLE001 - the window may have closed it already
        pass


@pytest.fixture
def make_window(qtbot, store):
    """A MainWindow on the test store; preview off unless asked for (it spawns the render thread)."""
    from gui.app import create_app
    from gui.main_window import MainWindow

    create_app()
    windows = []

    def make(preview: bool = False) -> MainWindow:
        window = MainWindow(lambda: store, preview=preview)
        qtbot.addWidget(window)
        window.show()
        window.ensure_store()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.store = None  # the store fixture closes it
        window.close()


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes would block offscreen; record them instead (tests read ``dialogs``)."""
    from PySide6.QtWidgets import QMessageBox

    shown: list[tuple[str, str]] = []

    def record(kind: str):
        def fake(parent, title, text, *args, **kwargs):
            shown.append((kind, f"{title}: {text}"))
            return QMessageBox.StandardButton.Ok

        return fake

    for kind in ("warning", "information", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(record(kind)))
    def record_box(self: QMessageBox) -> int:
        shown.append(("box", f"{self.windowTitle()}: {self.text()} {self.informativeText()}"))
        boxes.append(self)
        return 0

    boxes: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", record_box)
    return shown


@pytest.fixture
def dialogs(_no_modal_dialogs):
    return _no_modal_dialogs
