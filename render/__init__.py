"""Draft -> PDF in the official document layout (GB/T 9704), with embedded Chinese fonts.

The only package that imports ReportLab. Public API (used by the GUI and ``nianbao render``):
``render_report`` (cancellable: ``RenderCancelled``), ``RenderResult``, ``has_glyph``, ``preload_fonts``.
"""

from __future__ import annotations

from render.rl_import import import_reportlab

import_reportlab()  # before any module below imports ReportLab

from render.cancel import RenderCancelled  # noqa: E402
from render.document import RenderError, RenderResult, render_report  # noqa: E402
from render.fontset import FONT_MODES, FontMissingError, FontSet, font_set, preload_fonts  # noqa: E402

__all__ = [
    "FONT_MODES", "FontMissingError", "FontSet", "RenderCancelled", "RenderError", "RenderResult", "font_set", "has_glyph",
    "preload_fonts", "render_report",
]


def has_glyph(ch: str, fonts: str = "auto") -> bool:
    """True when the font set used for ``fonts`` can draw ``ch``; pass to ``forms.validate``."""
    return font_set(fonts).has_glyph(ch)
