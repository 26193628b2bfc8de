"""The one error base. Every error the program raises on purpose carries a message for the clerk
(Chinese), the same for the log and the English UI, and optional advice on what to do next.

The GUI catches ``AppError`` and shows ``message()`` plus ``advice()``; anything else is a
programming error and goes to the excepthook, never into a "save failed" dialog.
"""

from __future__ import annotations


class AppError(Exception):
    """A problem the user can understand. ``zh`` is shown to the clerk, ``en`` in the English UI
    and the log; ``advice_zh``/``advice_en`` (class attributes, overridable per instance) say
    what to do about it."""

    advice_zh: str = ""
    advice_en: str = ""

    def __init__(self, zh: str, en: str, *, advice_zh: str | None = None, advice_en: str | None = None) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en
        if advice_zh is not None:
            self.advice_zh = advice_zh
        if advice_en is not None:
            self.advice_en = advice_en

    def message(self, language: str = "zh") -> str:
        """The message in ``language`` ("zh" or "en")."""
        return self.en if language == "en" else self.zh

    def advice(self, language: str = "zh") -> str:
        """What the user can do about it, in ``language``; "" when there is nothing to add."""
        return self.advice_en if language == "en" else self.advice_zh
