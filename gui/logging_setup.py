"""Logging for the desktop program: a rotating file in the per-user log folder, and a last-resort excepthook.

Done after the first paint (it imports platformdirs and touches the disk), so start-up stays fast.
"""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
from pathlib import Path

from gui.i18n import _

logger = logging.getLogger("nianbao")

__all__ = ["install_excepthook", "setup_logging"]


def setup_logging() -> Path | None:
    """Log to nianbao.log (rotated, 5 x 1 MB); returns the file, or None when the folder cannot be written."""
    try:
        import platformdirs

        folder = Path(platformdirs.user_log_dir("nianbao", appauthor=False))
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "nianbao.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    from nianbao import __version__ as version

    logger.info("nianbao %s, Python %s, %s; log %s", version, platform.python_version(), platform.platform(), path)
    return path


def install_excepthook() -> None:
    """Unexpected errors are logged and shown as one plain dialog instead of killing the window."""

    def hook(kind, value, tb) -> None:
        logger.critical("unexpected error", exc_info=(kind, value, tb))
        try:
            from PySide6.QtWidgets import QApplication, QMessageBox

            if QApplication.instance() is not None:
                QMessageBox.critical(None, _("程序错误"), _("程序出现错误，详情已写入日志。"))
        except Exception:  # noqa: BLE001 - never raise from the hook
            pass

    sys.excepthook = hook
