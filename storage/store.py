"""The Store: drafts, trash, history, review and exchange files on top of per-draft TinyDB files.

SKELETON: signatures are final, bodies are being written (issue 4).
"""

from __future__ import annotations

import os
from pathlib import Path

from forms import Draft
from storage.models import Change, DraftSummary, OpenMessage, ReviewState, RevisionInfo


class Store:
    """One open store folder. Create with :func:`open_store`; close with :meth:`close` (or ``with``)."""

    #: What happened while opening (recovered from backup, migrated, read-only because locked, ...).
    open_report: list[OpenMessage]
    #: True when saving is impossible (another copy runs, or a newer program wrote the store).
    read_only: bool
    #: Why the store is read-only, in Chinese; None when writable.
    read_only_reason: str | None

    # -- drafts
    def list_drafts(self) -> list[DraftSummary]:
        """Drafts not in the trash, newest change first."""
        raise NotImplementedError

    def create(self, draft: Draft) -> str:
        """Store a new draft (status 草稿, first revision); returns its id."""
        raise NotImplementedError

    def load(self, draft_id: str) -> Draft:
        """The current content of a draft."""
        raise NotImplementedError

    def save(self, draft_id: str, draft: Draft, *, explicit: bool = True) -> None:
        """Durably store ``draft``. explicit=False is an autosave (coalesced into history).

        Raises ReadOnlyDraftError if approved, DiskFullError/PermissionDeniedError (nothing changed; retry later).
        """
        raise NotImplementedError

    def duplicate(self, draft_id: str) -> str:
        raise NotImplementedError

    def delete(self, draft_id: str) -> None:
        """Move to the trash (recoverable with restore_from_trash)."""
        raise NotImplementedError

    def list_trash(self) -> list[DraftSummary]:
        raise NotImplementedError

    def restore_from_trash(self, draft_id: str) -> None:
        raise NotImplementedError

    def new_from_last_year(self, draft_id: str, *, copy_texts: bool = False) -> str:
        """A draft for year+1: agency, signature and carried-forward cells from ``draft_id``."""
        raise NotImplementedError

    # -- history
    def revisions(self, draft_id: str) -> list[RevisionInfo]:
        """Oldest first."""
        raise NotImplementedError

    def diff(self, draft_id: str, rev_a: str, rev_b: str) -> list[Change]:
        raise NotImplementedError

    def restore_revision(self, draft_id: str, rev_id: str) -> None:
        """Make that revision's content current again; the restore is itself a new revision."""
        raise NotImplementedError

    # -- review
    def review(self, draft_id: str) -> ReviewState:
        raise NotImplementedError

    def submit(self, draft_id: str, by: str) -> None:
        raise NotImplementedError

    def return_draft(self, draft_id: str, by: str, comment: str) -> None:
        raise NotImplementedError

    def approve(self, draft_id: str, by: str) -> None:
        raise NotImplementedError

    def reopen(self, draft_id: str, by: str) -> None:
        raise NotImplementedError

    def add_comment(self, draft_id: str, section: str, by: str, text: str) -> None:
        raise NotImplementedError

    # -- exchange
    def export_file(self, draft_id: str, path: str | os.PathLike[str]) -> None:
        raise NotImplementedError

    def import_file(self, path: str | os.PathLike[str], *, on_conflict: str = "ask") -> str:
        """on_conflict: "ask" raises ImportConflict(existing_id); "replace"; "keep_both". Returns the id."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the lock. Safe to call twice."""
        raise NotImplementedError


def open_store(data_dir: str | Path | None = None) -> Store:
    """Open (creating if needed) the store in ``data_dir`` / $NIANBAO_DATA_DIR / the per-user folder."""
    raise NotImplementedError
