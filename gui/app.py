"""Start the desktop program: ``nianbao`` (start screen) or ``nianbao --demo`` (wizard on the seed report).

Start-up imports only Qt widgets and ``forms``; storage is opened after the first paint, and the
renderer (ReportLab, fonts) only when the preview first renders, on its own thread.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

__all__ = ["create_app", "demo_path", "run_app"]

logger = logging.getLogger(__name__)

BENCH_ENV = "NIANBAO_BENCH_READY"  # benchmark hook: print the time the wizard is first painted, then quit


def demo_path() -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / "longgang-2020.json"


def create_app(argv: list[str] | None = None):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("nianbao")
        app.setOrganizationName("nianbao")
        app.setApplicationDisplayName("政府信息公开工作年度报告")
    from gui.fonts import install_ui_font

    install_ui_font(app)
    return app


def run_app(demo: bool = False, data_dir: str | None = None, language: str | None = None) -> int:
    """Run the program until its window closes; returns the exit code."""
    from PySide6.QtCore import QTimer

    from gui.i18n import set_language
    from gui.settings import app_settings

    app = create_app()
    settings = app_settings()
    set_language(language or str(settings.value("ui/language", "zh") or "zh"))
    from gui.main_window import MainWindow

    def open_store():
        import storage

        return storage.open_store(data_dir)

    window = MainWindow(open_store)
    app.commitDataRequest.connect(lambda _manager: window.flush())  # logging off
    app.aboutToQuit.connect(window.flush)
    if os.environ.get(BENCH_ENV):
        _bench_hook(window)
    window.show()
    if not os.environ.get(BENCH_ENV):  # benchmarks must not write the user's log folder
        QTimer.singleShot(300, _after_first_paint)
    if demo:
        QTimer.singleShot(0, lambda: window.open_demo(str(demo_path())))
    else:
        QTimer.singleShot(0, window.ensure_store)
    return app.exec()


def _after_first_paint() -> None:
    from gui.logging_setup import install_excepthook, setup_logging

    setup_logging()
    install_excepthook()


def _bench_hook(window) -> None:
    """Print time.monotonic() at the first paint of a wizard page, then quit (benchmarks/gui.py)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _FirstPaint(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                print(f"READY {time.monotonic():.6f}", flush=True)
                QTimer.singleShot(0, window.close)
            return False

    watcher = _FirstPaint(window)

    def attach(wizard) -> None:
        wizard.current_page().installEventFilter(watcher)

    window.wizardReady.connect(attach)
