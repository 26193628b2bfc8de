"""Unit names as written by people: one normal form, so that a roster's "区 教育局" matches a report's
"区教育局" and full-width characters match half-width ones."""

from __future__ import annotations

import unicodedata

_DROP = set(" \t\r\n\u3000·•")


def normal_name(name: str) -> str:
    """The name with NFKC width folding, no spaces, and no surrounding quotes/brackets."""
    folded = unicodedata.normalize("NFKC", name or "")
    return "".join(ch for ch in folded if ch not in _DROP).strip("\"'“”《》")
