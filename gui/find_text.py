"""Finding and replacing text across a whole draft: its searchable fields in page order, the matches,
and the one undo command a replacement is.

Searches the draft itself, not the widgets, so pages never built yet are searched too; the editors
are refreshed from the draft after a replacement or its undo.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QUndoCommand

import forms
from forms import limits
from gui.i18n import _, language
from gui.pages.specs import PageSpec

__all__ = ["Field", "Match", "ReplaceCommand", "ReplaceRefused", "find_all", "read_field", "replace_all",
           "replace_one", "searchable_fields", "write_field"]


@dataclass(frozen=True)
class Field:
    """One text of the draft a clerk can search: its editor's binding key, page, limit and name."""

    key: str  # "agency", "signature.agency", "heading:<text id>", "text:<text id>"
    page: str
    limit: int
    name: str


@dataclass(frozen=True)
class Match:
    field: int  # index into the field list
    start: int
    end: int


class ReplaceRefused(Exception):
    """A replacement the draft could not hold (too long, forbidden characters); the message says why."""


def searchable_fields(definition: forms.FormatDefinition, specs: Sequence[PageSpec]) -> list[Field]:
    """Every free text of the report in the order the wizard's pages show them (the date is not one)."""
    fields: list[Field] = []
    en = language() == "en"
    for spec in specs:
        if spec.kind == "cover":
            fields.append(Field("agency", spec.key, limits.AGENCY_MAX_CHARS, _("机关名称")))
            fields.append(Field("signature.agency", spec.key, limits.AGENCY_MAX_CHARS, _("落款机关")))
        for text_id in spec.texts:
            text = definition.text(text_id)
            title = text.en if en else text.title
            if text.kind == "subsection":
                fields.append(Field(f"heading:{text_id}", spec.key, limits.HEADING_MAX_CHARS,
                                    _("“{title}”的小标题", title=title)))
            fields.append(Field(f"text:{text_id}", spec.key, limits.TEXT_MAX_CHARS, title))
    return fields


def read_field(draft: forms.Draft, key: str) -> str:
    if key == "agency":
        return draft.agency
    if key == "signature.agency":
        return draft.signature.agency
    kind, _sep, text_id = key.partition(":")
    if kind == "heading":
        return draft.headings.get(text_id, "")
    return draft.text(text_id)


def write_field(draft: forms.Draft, key: str, value: str) -> None:
    """Store ``value`` the way the editors do: an empty heading or text is absent from the draft."""
    if key == "agency":
        draft.agency = value
    elif key == "signature.agency":
        draft.signature.agency = value
    else:
        kind, _sep, text_id = key.partition(":")
        target = draft.headings if kind == "heading" else draft.texts
        if value.strip() if kind == "heading" else value:
            target[text_id] = value
        else:
            target.pop(text_id, None)


def _pattern(needle: str, match_case: bool) -> re.Pattern[str]:
    return re.compile(re.escape(needle), 0 if match_case else re.IGNORECASE)


def find_all(draft: forms.Draft, fields: Sequence[Field], needle: str, match_case: bool = False) -> list[Match]:
    """Every occurrence of ``needle``, field by field in page order, left to right, not overlapping."""
    if not needle:
        return []
    pattern = _pattern(needle, match_case)
    return [Match(i, m.start(), m.end()) for i, field in enumerate(fields)
            for m in pattern.finditer(read_field(draft, field.key))]


def _check(field: Field, new: str, replacement: str) -> None:
    bad = limits.FORBIDDEN_CHARS.search(replacement)
    if bad is not None:
        raise ReplaceRefused(_("替换内容含有不能保存的控制字符（U+{code:04X}），没有替换。", code=ord(bad.group())))
    if len(new) > field.limit:
        raise ReplaceRefused(_("替换后“{name}”将有 {n} 字，超过上限 {limit} 字，没有替换。",
                               name=field.name, n=len(new), limit=field.limit))


def replace_one(draft: forms.Draft, fields: Sequence[Field], match: Match, replacement: str) -> tuple[str, str, str]:
    """(field key, old text, new text) for replacing one match; ReplaceRefused when it cannot be held."""
    field = fields[match.field]
    old = read_field(draft, field.key)
    new = old[: match.start] + replacement + old[match.end:]
    _check(field, new, replacement)
    return field.key, old, new


def replace_all(draft: forms.Draft, fields: Sequence[Field], needle: str, replacement: str,
                match_case: bool = False) -> tuple[list[tuple[str, str, str]], int]:
    """The changes (field key, old, new) replacing every match, and how many matches that is.
    All or nothing: ReplaceRefused when any field could not hold its result."""
    if not needle:
        return [], 0
    pattern = _pattern(needle, match_case)
    changes: list[tuple[str, str, str]] = []
    count = 0
    for field in fields:
        old = read_field(draft, field.key)
        new, n = pattern.subn(lambda _m: replacement, old)
        if n:
            _check(field, new, replacement)
            changes.append((field.key, old, new))
            count += n
    return changes, count


class ReplaceCommand(QUndoCommand):
    """One replacement, or all of them: one step on the draft's shared undo stack.

    ``changed(keys)`` runs after every redo and undo so the editors showing those fields re-read them.
    """

    def __init__(self, title: str, draft: forms.Draft, changes: list[tuple[str, str, str]],
                 changed: Callable[[list[str]], None]) -> None:
        super().__init__(title)
        self.draft = draft
        self.changes = changes
        self.changed = changed

    def _apply(self, index: int) -> None:
        for change in self.changes:
            write_field(self.draft, change[0], change[index])
        self.changed([key for key, _old, _new in self.changes])

    def redo(self) -> None:
        self._apply(2)

    def undo(self) -> None:
        self._apply(1)
