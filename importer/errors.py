"""The one exception the importer raises: a message for the clerk in Chinese and English."""

from __future__ import annotations

from common.errors import AppError


class ReportImportError(AppError):
    """The file cannot be imported; ``zh``/``en`` say why and what to do instead.

    Raised before any draft exists, so a failed import never leaves a half-filled draft behind.
    """

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(zh, en)
