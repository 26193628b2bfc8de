"""One translation helper for every visible string: Chinese is the source text, English a dict.

A dict catalogue keeps the toolchain to plain Python (no .ts/.qm build step) while still letting a
tool extract every ``_("…")`` call later. Placeholders are named and filled after lookup, so a
translation can reorder them.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "_", "language", "set_language"]

LANGUAGES = ("zh", "en")
_current = "zh"


def set_language(lang: str | None) -> str:
    """Switch the UI language ("zh" or "en"; anything else means Chinese). Returns the language set."""
    global _current
    _current = lang if lang in LANGUAGES else "zh"
    return _current


def language() -> str:
    return _current


def _(text: str, /, **values: object) -> str:
    """The text in the current language, with ``{name}`` placeholders filled from ``values``."""
    if _current == "en":
        from gui.i18n_en import EN

        text = EN.get(text, text)
    return text.format(**values) if values else text
