"""Logging for the desktop program: a rotating file in the per-user log folder, and a last-resort excepthook.

Done after the first paint (it may import platformdirs and touches the disk), so start-up stays fast.
The folder comes from ``common.paths.log_dir`` ($NIANBAO_LOG_DIR overrides it).
"""

from __future__ import annotations

import importlib.metadata
import logging
import logging.handlers
import platform
import sys
from pathlib import Path

from common.paths import log_dir
from gui.i18n import _

logger = logging.getLogger("nianbao")

__all__ = ["install_excepthook", "setup_logging"]


def setup_logging() -> Path | None:
    """Log to nianbao.log (rotated, 5 x 1 MB); returns the file, or None when the folder cannot be written."""
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "nianbao.log"
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logger.info("nianbao %s, Python %s, %s; log %s", program_version(), platform.python_version(), platform.platform(), path)
    return path


def program_version() -> str:
    """The installed version (the package metadata), or "unknown" in a bare source tree."""
    try:
        return importlib.metadata.version("nianbao")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


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
