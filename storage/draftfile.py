"""One draft's folder: ``draft.json`` (a TinyDB: current content, review, revision list) and its snapshots.

Revision contents live in immutable, content-addressed, compressed files ``revs/<hash>.json.z``; a snapshot is written
before the ``draft.json`` that refers to it, so a crash leaves at most an unreferenced file (collected later).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets
import zlib
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from storage.atomic import atomic_write, dumps_strict, read_store_bytes, seal_serialised, unseal
from storage.errors import CorruptFileError, RevisionNotFoundError, from_oserror
from storage.jsonstore import open_db, transaction
from storage.models import STATUSES

__all__ = ["DraftFile", "DRAFT_FILE", "validate_draft_data", "content_hash"]

DRAFT_FILE = "draft.json"
SNAP_DIR = "revs"
SNAP_EXT = ".json.z"  # zlib-compressed envelope: revisions are many near-copies, compression saves ~80 %


def content_hash(content: dict[str, Any]) -> tuple[str, bytes]:
    body = dumps_strict(content)
    return hashlib.sha256(body).hexdigest()[:24], body


def validate_draft_data(data: Any) -> None:
    """Structure check used on open (the checksum already proved the bytes are what we wrote)."""
    if not isinstance(data, dict):
        raise CorruptFileError("内容结构无效", "not an object")
    current = (data.get("current") or {}).get("1")
    review = (data.get("review") or {}).get("1")
    if not isinstance(current, dict) or not isinstance(current.get("content"), dict) or not isinstance(current.get("id"), str):
        raise CorruptFileError("缺少草稿内容", "missing draft content")
    if not isinstance(review, dict) or review.get("status") not in STATUSES:
        raise CorruptFileError("缺少审核状态", "missing review status")


def new_rev_id(now: dt.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(2)


class DraftFile:
    """Reads and writes one draft folder. Every write is one atomic replacement of ``draft.json``."""

    def __init__(self, folder: Path, path: Path | None = None) -> None:
        self.folder = Path(folder)
        self.path = path or self.folder / DRAFT_FILE

    def db(self) -> TinyDB:
        return open_db(self.path)

    def read(self) -> dict[str, Any]:
        """{"current": ..., "review": ..., "revisions": [...] oldest first}."""
        db = self.db()
        with transaction(db):  # one read of the file for all three tables
            current = db.table("current").get(doc_id=1)
            review = db.table("review").get(doc_id=1)
            revs = sorted((dict(r) for r in db.table("revisions").all()), key=lambda r: (r["time"], r["rev_id"]))
        if current is None or review is None:
            raise CorruptFileError(f"草稿文件缺少内容（{self.path}）", f"draft file incomplete: {self.path}")
        return {"current": dict(current), "review": dict(review), "revisions": revs}

    # ---------------------------------------------------------------- snapshots
    def write_snapshot(self, content: dict[str, Any]) -> str:
        digest, body = content_hash(content)
        path = self.folder / SNAP_DIR / f"{digest}{SNAP_EXT}"
        if not path.exists():
            try:
                path.parent.mkdir(exist_ok=True)
            except OSError as exc:
                raise from_oserror(exc, path.parent) from exc
            atomic_write(path, zlib.compress(seal_body(body), 6))
        return digest

    def read_snapshot(self, digest: str) -> dict[str, Any]:
        path = self.folder / SNAP_DIR / f"{digest}{SNAP_EXT}"
        try:
            return unseal(zlib.decompress(read_store_bytes(path)), str(path))
        except zlib.error:
            raise CorruptFileError("该历史版本的内容已损坏。", f"revision content damaged: {path}") from None
        except FileNotFoundError:
            raise RevisionNotFoundError("该历史版本的内容已丢失。", f"revision content missing: {path}") from None
        except OSError as exc:
            raise from_oserror(exc, path) from exc

    def collect_garbage(self, keep: set[str]) -> None:
        """Remove snapshot files no revision refers to (after thinning, or left by a crash)."""
        try:
            names = os.listdir(self.folder / SNAP_DIR)
        except OSError:
            return
        for name in names:
            if name.endswith(SNAP_EXT) and name[: -len(SNAP_EXT)] not in keep:
                try:
                    (self.folder / SNAP_DIR / name).unlink()
                except OSError:
                    pass

    # ---------------------------------------------------------------- writes
    def write(self, *, current: dict[str, Any] | None = None, review: dict[str, Any] | None = None,
              add_revision: dict[str, Any] | None = None, keep_revisions: list[str] | None = None) -> None:
        """Apply the given changes to draft.json in one atomic write."""
        db = self.db()
        with transaction(db):
            if current is not None:
                db.table("current").upsert(Document(current, doc_id=1))
            if review is not None:
                db.table("review").upsert(Document(review, doc_id=1))
            revs = db.table("revisions")
            if keep_revisions is not None:
                keep = set(keep_revisions)
                revs.remove(lambda r: r["rev_id"] not in keep)  # type: ignore[arg-type,return-value]
            if add_revision is not None:
                revs.insert(add_revision)


def seal_body(body: bytes) -> bytes:
    """``seal`` for an already-serialised body (snapshots hash the same bytes they store)."""
    return seal_serialised(body)


__all__ += ["new_rev_id", "seal_body"]
