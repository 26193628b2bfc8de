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
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from common.paths import log_dir
from gui.i18n import _

logger = logging.getLogger("nianbao")

__all__ = ["install_excepthook", "internal_error_text", "setup_logging"]


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


def install_excepthook(save_draft: Callable[[], bool | None] | None = None) -> None:
    """Errors nobody expected (programming errors, not ``AppError``) are logged with their traceback,
    the open draft is saved, and the clerk sees one plain message instead of a dead window.

    ``save_draft`` writes whatever is unsaved and returns True when everything is saved.
    """
    showing = False

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        logger.critical("unexpected error", exc_info=(kind, value, tb))
        if showing or not issubclass(kind, Exception):
            return  # one message at a time; KeyboardInterrupt/SystemExit are not internal errors
        saved = _save_quietly(save_draft)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is None:
            return
        from gui.plain import message_box

        showing = True
        try:
            message_box(None, QMessageBox.Icon.Critical, _("程序错误"), internal_error_text(saved)).exec()
        finally:
            showing = False

    sys.excepthook = hook
    threading.excepthook = lambda args: logger.critical(
        "unexpected error in thread %s", args.thread.name if args.thread else "?",
        exc_info=(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback))


def internal_error_text(saved: bool | None) -> str:
    """The clerk's message for an internal error: what happened to the draft, and that the log has the details."""
    if saved is None:
        draft = ""
    elif saved:
        draft = _("您的草稿已保存。")
    else:
        draft = _("最近的修改没能保存，请不要关闭程序，先点“保存”重试。")
    return _("程序内部出错，这不是您的操作造成的。") + draft + _("详情已写入日志文件，可发给技术支持人员。")


def _save_quietly(save_draft: Callable[[], bool | None] | None) -> bool | None:
    """Save the open draft from inside the hook; None when there is nothing to save."""
    if save_draft is None:
        return None
    try:
        return save_draft()
    except Exception:  # the hook must never raise; the failure is logged
        logger.exception("saving the draft from the excepthook failed")
        return False
