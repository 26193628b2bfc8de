"""Titles for pages and sections in the UI language (format data carries Chinese and English)."""

from __future__ import annotations

from forms.definition import FormatDefinition
from gui.i18n import _, language
from gui.pages.specs import PageSpec

__all__ = ["nav_title", "number_label", "page_title", "section_title", "text_title"]


def section_title(definition: FormatDefinition, section_id: str) -> str:
    section = definition.section(section_id)
    if language() == "en":
        return f"{section.id}. {section.en}"
    return section.heading


_CHINESE_DIGITS = "一二三四五六七八九十"


def number_label(number: str | None) -> str:
    """A subsection number as the UI language writes it: "（三）" or "(3)"."""
    return _number_en(number).strip() if language() == "en" else (number or "")


def _number_en(number: str | None) -> str:
    """"（三）" -> "(3) ": the subsection's number written the English way."""
    digits = (number or "").strip("（）() ")
    if len(digits) == 1 and digits in _CHINESE_DIGITS:
        return f"({_CHINESE_DIGITS.index(digits) + 1}) "
    return f"{number} " if number else ""


def text_title(definition: FormatDefinition, text_id: str, headings: dict[str, str] | None = None) -> str:
    """A subsection's title, numbered: the agency's own wording when it has one (it stays in the report's
    language, Chinese, whatever the UI language), else the format's title in the UI language."""
    text = definition.text(text_id)
    own = (headings or {}).get(text_id, "").strip()
    if language() == "en":
        return f"{_number_en(text.number)}{own or text.en}"
    return f"{text.number or ''}{own or text.title}"


def nav_title(definition: FormatDefinition, page: PageSpec, headings: dict[str, str] | None = None) -> str:
    """The short label in the navigator."""
    if page.kind == "cover":
        return _("封面信息")
    if page.kind == "review":
        return _("检查与提交")
    if page.kind == "text" and len(definition.section(page.section or "").texts) > 1:
        return text_title(definition, page.texts[0], headings)
    return section_title(definition, page.section or "")


def page_title(definition: FormatDefinition, page: PageSpec) -> str:
    """The heading at the top of a page."""
    if page.kind in ("cover", "review"):
        return nav_title(definition, page)
    heading = section_title(definition, page.section or "")
    if page.kind == "text" and len(definition.section(page.section or "").texts) > 1:
        return f"{heading} — {text_title(definition, page.texts[0])}"
    return heading
