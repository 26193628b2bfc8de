"""Load the bundled Chinese UI font so the program shows hanzi on PCs without a CJK font."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from common.resources import resource_path

logger = logging.getLogger(__name__)

__all__ = ["bundled_font_path", "install_ui_font"]


def bundled_font_path() -> Path:
    """render/fonts/NotoSansSC-GBK.ttf, found through the resource helper (without importing ``render``)."""
    return resource_path("render", "fonts", "NotoSansSC-GBK.ttf")


def install_ui_font(app: QApplication) -> str | None:
    """Register the bundled font and make it the application font; returns its family or None."""
    path = bundled_font_path()
    if not path.is_file():
        logger.info("bundled UI font not found at %s; using system fonts", path)
        return None
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        logger.warning("could not load UI font %s", path)
        return None
    font = QFont(app.font())
    font.setFamilies([families[0], *font.families()])
    app.setFont(font)
    return families[0]
