"""Page setup and paragraph styles as data (GB/T 9704-2012 conventions), checked when built.

Styles name a font *role* (body, heading1, ...) rather than a font, so the bundled and the
official system fonts are interchangeable; ``build_styles`` resolves roles for one font set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm

from render import linebreak  # noqa: F401  (installs the Chinese line-breaking rules)
from render.fontset import ROLES, FontSet


@dataclass(frozen=True)
class PageSetup:
    width: float = A4[0]
    height: float = A4[1]
    top: float = 37 * mm
    bottom: float = 35 * mm
    left: float = 28 * mm
    right: float = 26 * mm
    page_number_size: float = 14.0  # 四号
    page_number_gap: float = 7 * mm  # the number's line sits 7 mm below the text block

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


PAGE = PageSetup()
BODY_SIZE = 16.0  # 三号
#: 22 lines per page: the text block is 637.8 pt high
BODY_LEADING = 28.95

STYLE_DATA: dict[str, dict[str, Any]] = {
    "body": {"role": "body", "fontSize": BODY_SIZE, "leading": BODY_LEADING, "firstLineIndent": 2 * BODY_SIZE,
             "alignment": TA_JUSTIFY, "wordWrap": "CJK", "allowOrphans": 0, "allowWidows": 0},
    "title": {"parent": "body", "role": "title", "fontSize": 22.0, "leading": 36.0, "firstLineIndent": 0,
              "alignment": TA_CENTER},
    "h1": {"parent": "body", "role": "heading1"},  # kept with what follows by CondPageBreak, see story.py
    "h2": {"parent": "body", "role": "heading2"},
    "signature": {"parent": "body", "firstLineIndent": 0, "alignment": TA_LEFT},
    "cell": {"role": "body", "fontSize": 10.5, "leading": 13.0, "alignment": TA_CENTER, "wordWrap": "CJK"},
    "cell_label": {"parent": "cell", "alignment": TA_LEFT},
    "cell_large": {"parent": "cell", "fontSize": 12.0, "leading": 15.0},
    "cell_large_label": {"parent": "cell_large", "alignment": TA_LEFT},
}

#: table geometry in points
CELL_PADDING = 2.5
LINE_WIDTH = 0.6
MIN_NUMBER_SIZE = 4.0  # a 10-digit total (four 9-digit inputs) still fits the 15-column table 四


def build_styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    """ParagraphStyles for ``fonts``; parents are built first, unknown roles are rejected."""
    built: dict[str, ParagraphStyle] = {}

    def make(name: str) -> ParagraphStyle:
        if name in built:
            return built[name]
        spec = dict(STYLE_DATA[name])
        parent = make(spec.pop("parent")) if "parent" in spec else None
        role = spec.pop("role", None)
        if role is not None:
            if role not in ROLES:
                raise ValueError(f"style {name}: unknown font role {role!r}")
            spec["fontName"] = fonts.names[role]
        style = ParagraphStyle(name, parent=parent, **spec)
        style.role = role or getattr(parent, "role", "body")
        built[name] = style
        return style

    for key in STYLE_DATA:
        make(key)
    return built


def sized(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """A copy of ``style`` at another font size, leading scaled with it."""
    copy = ParagraphStyle(f"{style.name}@{size:.2f}", parent=style, fontSize=size, leading=style.leading * size / style.fontSize)
    copy.role = style.role
    return copy
