"""Small helpers shared by the rule types for reading texts and quoting numbers."""

from __future__ import annotations

import re


def fmt_number(value: object) -> str:
    """A number as quoted in a message; blank cells are said to be blank, never 0."""
    return "空白" if value is None else str(value)


def squeeze(text: str) -> str:
    """Text with the spaces PDF extraction puts around numbers removed, line breaks kept."""
    return re.sub(r"[ \t\u3000\u00a0]+", "", text)
