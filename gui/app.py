"""Start the desktop program: ``nianbao`` (start screen) or ``nianbao --demo`` (wizard on the seed report).

Start-up imports only Qt widgets and ``forms``; storage is opened after the first paint, and the
renderer (ReportLab, fonts) only when the preview first renders, on its own thread.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

__all__ = ["create_app", "demo_path", "run_app"]

logger = logging.getLogger(__name__)

BENCH_ENV = "NIANBAO_BENCH_READY"  # benchmark hook: print the time the wizard is first painted, then quit


def demo_path() -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / "longgang-2020.json"


def create_app(argv: list[str] | None = None) -> QApplication:
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # 125 % / 150 % screens get exactly that scale, not a rounded one. Qt's environment variable, not
        # setHighDpiScaleFactorRoundingPolicy(): naming that enum would build PySide's whole Qt namespace
        # before the first paint (gui/qt_values.py). A value the user set is kept.
        os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setApplicationName("nianbao")
        app.setOrganizationName("nianbao")
        app.setApplicationDisplayName("政府信息公开工作年度报告")
    from gui.fonts import install_ui_font

    install_ui_font(app)
    _install_window_icon(app)
    return app


def _install_window_icon(app) -> None:
    """The program's icon on every window and the taskbar (found the same way in every install)."""
    from PySide6.QtGui import QIcon

    from common.resources import resource_path

    icon = resource_path("icons", "nianbao.png")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))


def run_app(demo: bool = False, data_dir: str | None = None, language: str | None = None, open_path: str | None = None) -> int:
    """Run the program until its window closes; returns the exit code.

    ``open_path``: a ``.nianbao`` / draft ``.json`` file to import and open (a double-clicked file).
    """
    from PySide6.QtCore import QTimer

    from gui.i18n import install_qt_translations, set_language
    from gui.settings import app_settings

    app = create_app()
    settings = app_settings()
    set_language(language or str(settings.value("ui/language", "zh") or "zh"))
    install_qt_translations(app, language or str(settings.value("ui/language", "zh") or "zh"))
    from gui.main_window import MainWindow

    def open_store():
        import storage

        return storage.open_store(data_dir)

    window = MainWindow(open_store)
    app.commitDataRequest.connect(lambda _manager: window.flush())  # logging off
    app.aboutToQuit.connect(window.flush)
    if os.environ.get(BENCH_ENV):
        _bench_hook(window)
    if demo:  # built before the window shows, so the first paint is the wizard's page
        window.open_demo(str(demo_path()), at_start=True)
    else:
        window.stack.setCurrentWidget(window.start)
        QTimer.singleShot(0, (lambda: open_file(window, open_path)) if open_path else window.ensure_store)
    window.show()
    from gui.first_paint import when_painted

    when_painted(window, resume_garbage_collection)
    if not os.environ.get(BENCH_ENV):  # benchmarks must not write the user's log folder
        QTimer.singleShot(300, lambda: _after_first_paint(window.flush))
    return app.exec()


def resume_garbage_collection() -> None:
    """After the first paint: what start-up made is kept out of later full collections (it lives as
    long as the program) and the collector runs again. Does nothing if it was never switched off."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def open_file(window, path: str) -> str | None:
    """Import a ``.nianbao`` exchange file (asking before replacing an existing draft) or a draft ``.json``
    written by ``nianbao new``/``nianbao import`` (a new draft), and open it in the wizard."""
    if not window.ensure_store():
        return None
    draft_id = window.actions_.do_import(path)
    if draft_id:
        window.open_draft(draft_id)
    return draft_id


def _after_first_paint(save_draft: Callable[[], bool | None]) -> None:
    from gui.logging_setup import install_excepthook, setup_logging

    setup_logging()
    install_excepthook(save_draft)


def _bench_hook(window) -> None:
    """Print time.monotonic() at the first paint of a wizard page, then quit (benchmarks/gui.py)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _FirstPaint(QObject):
        done = False

        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not self.done:
                self.done = True
                print(f"READY {time.monotonic():.6f}", flush=True)
                QTimer.singleShot(0, window.close)
            return False

    watcher = _FirstPaint(window)

    def attach(wizard) -> None:
        wizard.current_page().installEventFilter(watcher)

    window.wizardReady.connect(attach)
