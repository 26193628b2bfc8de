"""Plain records returned by the Store: what the GUI shows, with no TinyDB types leaking out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

__all__ = ["STATUSES", "STATUS_ZH", "Change", "Comment", "DraftSummary", "OpenMessage", "ReviewState", "RevisionInfo",
           "Submission"]

#: Review statuses in workflow order, with the words the clerk sees.
STATUSES = ("draft", "submitted", "returned", "approved")
STATUS_ZH = {"draft": "草稿", "submitted": "待审核", "returned": "已退回", "approved": "已通过"}


@dataclass(frozen=True)
class OpenMessage:
    """One thing that happened while opening the store (recovery, migration, read-only), for the GUI to say."""

    #: recovered | recovered_read_only | recovered_none | repaired | draft_missing | index_rebuilt | migrated |
    #: needs_migration | newer_schema | locked | lock_taken_over | lock_repaired | read_only_folder
    code: str
    zh: str
    en: str
    path: str = ""
    #: Recovery only: which copy was used ("backup" | "revision") and when that copy was saved (ISO time).
    source: str = ""
    saved_at: str = ""
    #: The draft the message is about ("" for the store as a whole).
    draft_id: str = ""


@dataclass(frozen=True)
class DraftSummary:
    id: str
    agency: str
    year: int
    format_id: str
    status: str
    updated_at: dt.datetime
    deleted_at: dt.datetime | None = None
    #: Where the draft came from, to tell two drafts of one agency and year apart: "" (typed here),
    #: "import:<file name>", "last_year:<year>" or "copy".
    source: str = ""


@dataclass(frozen=True)
class RevisionInfo:
    rev_id: str
    time: dt.datetime
    kind: str  # save | autosave | status | restore | import
    note: str = ""


@dataclass(frozen=True)
class Change:
    """One cell or text that differs between two revisions; ``zh`` is the sentence shown to the clerk."""

    kind: str  # cell | text | heading | field
    key: str  # "t3/carried_in/natural", "texts.s5", "agency", ...
    old: object
    new: object
    zh: str
    #: Texts and headings only: the difference as ("=" | "-" | "+", text) pieces, old to new.
    segments: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Comment:
    section: str  # a section or text id ("1", "s5", ...); "" = the report as a whole
    author: str
    time: dt.datetime
    text: str


@dataclass(frozen=True)
class Submission:
    """One 提交审核: who submitted, when, and the note they left for the reviewer ("" if none)."""

    by: str
    time: dt.datetime
    note: str = ""


@dataclass(frozen=True)
class ReviewState:
    status: str
    comments: list[Comment] = field(default_factory=list)
    #: Every submission, oldest first.
    submissions: list[Submission] = field(default_factory=list)
    #: When the report was last approved (None if it is not approved now).
    approved_at: dt.datetime | None = None

    @property
    def last_submission(self) -> Submission | None:
        return self.submissions[-1] if self.submissions else None

    @property
    def status_zh(self) -> str:
        return STATUS_ZH[self.status]
