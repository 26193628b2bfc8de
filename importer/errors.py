"""The one exception the importer raises: a message for the clerk in Chinese and English."""

from __future__ import annotations


class ReportImportError(Exception):
    """The file cannot be imported; ``zh``/``en`` say why and what to do instead.

    Raised before any draft exists, so a failed import never leaves a half-filled draft behind.
    """

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en

    def message(self, language: str = "zh") -> str:
        return self.en if language == "en" else self.zh
