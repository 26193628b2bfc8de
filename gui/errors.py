"""How an error the program raised on purpose looks to the clerk: its message and advice, as plain text.

Lower layers raise ``AppError`` subclasses that carry their own Chinese/English message and advice;
this module only picks the UI language and shows them. Anything that is not an ``AppError`` is a
programming error and is left to the excepthook (gui/logging_setup.py).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from common.errors import AppError
from gui.i18n import _, language, sentence
from gui.plain import message_box

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

logger = logging.getLogger(__name__)

__all__ = ["advice_text", "error_text", "show_error"]


def error_text(exc: AppError) -> str:
    """What went wrong, in the UI language."""
    return sentence(exc.message(language()))


def advice_text(exc: AppError) -> str:
    """What the clerk can do about it, in the UI language; a generic hint when the error has none."""
    return sentence(exc.advice(language())) or _("请重试一次；如果问题仍然存在，请把日志文件发给技术支持人员。")


def show_error(parent: QWidget | None, title: str, exc: AppError) -> None:
    """A modal dialog: what happened (title + message) and what to do (advice), all plain text."""
    from PySide6.QtWidgets import QMessageBox

    logger.error("%s: %s", title, exc.message("en"), exc_info=exc)
    box = message_box(parent, QMessageBox.Icon.Warning, title, error_text(exc), advice_text(exc))
    box.exec()
