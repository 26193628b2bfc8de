"""Rewrite the table of finding codes in docs/draft-format.md from forms/finding_codes.py.

Run ``python -m tools.finding_codes_doc`` after changing a code's meaning; a test fails while the
docs and the list (which the wizard's F1 help shows) disagree.
"""

from __future__ import annotations

import re
from pathlib import Path

from common.atomic import atomic_write
from forms.finding_codes import markdown_table

DOC = Path(__file__).resolve().parent.parent / "docs" / "draft-format.md"
START = "<!-- finding codes: generated from forms/finding_codes.py by `python -m tools.finding_codes_doc` -->"
END = "<!-- end of finding codes -->"
_BLOCK = re.compile(re.escape(START) + r"\n.*?\n" + re.escape(END), re.S)


def documented_table(text: str) -> str | None:
    """The generated table as it stands in the docs, or None when the markers are missing."""
    match = _BLOCK.search(text)
    return match.group()[len(START) + 1: -len(END) - 1] if match else None


def main() -> None:
    text = DOC.read_text(encoding="utf-8")
    if documented_table(text) is None:
        raise SystemExit(f"{DOC}: the markers of the finding-code table are missing")
    new = _BLOCK.sub(lambda _m: f"{START}\n{markdown_table()}\n{END}", text)
    atomic_write(DOC, new.encode("utf-8"))


if __name__ == "__main__":
    main()
