"""One draft's folder: ``draft.json`` (a TinyDB: current content, review, revision list) and its snapshots.

Revision contents live in immutable, content-addressed, compressed files ``revs/<hash>.json.z``; a snapshot is written
before the ``draft.json`` that refers to it, so a crash leaves at most an unreferenced file (collected later).

``revisions.log`` repeats each revision's record (time, kind, note, snapshot, review status) one checksummed line
at a time. It is never read in normal use: it lets recovery rebuild a draft from its history when ``draft.json``
and all its backups are damaged, and find the last save, which no backup holds yet (a backup is the file
as it was before a save).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
import zlib
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from storage.atomic import atomic_write, dumps_strict, read_store_bytes, seal_serialised, unseal
from storage.backups import move_aside
from storage.errors import CorruptFileError, RevisionNotFoundError, StorageError, from_oserror
from storage.jsonstore import open_db, transaction
from storage.models import STATUSES

logger = logging.getLogger(__name__)

__all__ = [
    "DRAFT_FILE",
    "LOG_FILE",
    "SNAP_DIR",
    "SNAP_EXT",
    "DraftFile",
    "content_hash",
    "parse_draft_data",
    "read_log",
    "validate_draft_data",
]

DRAFT_FILE = "draft.json"
SNAP_DIR = "revs"
SNAP_EXT = ".json.z"  # zlib-compressed envelope: revisions are many near-copies, compression saves ~80 %
LOG_FILE = "revisions.log"  # beside draft.json


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


def parse_draft_data(data: dict[str, Any], where: Path | str = "") -> dict[str, Any]:
    """{"current", "review", "revisions" oldest first} from the TinyDB tables of a draft file."""
    current = (data.get("current") or {}).get("1")
    review = (data.get("review") or {}).get("1")
    if current is None or review is None:
        raise CorruptFileError(f"草稿文件缺少内容（{where}）", f"draft file incomplete: {where}")
    revs = sorted((dict(r) for r in (data.get("revisions") or {}).values()), key=lambda r: (r["time"], r["rev_id"]))
    return {"current": dict(current), "review": dict(review), "revisions": revs}


def _log_line(entry: dict[str, Any]) -> bytes:
    """One record; the leading newline ends any line a crash left torn, so it cannot swallow this one."""
    body = dumps_strict(entry)
    return b"\n" + hashlib.sha256(body).hexdigest()[:16].encode("ascii") + b" " + body


def read_log(folder: Path) -> list[dict[str, Any]]:
    """The intact records of ``revisions.log`` (damaged or torn lines are skipped), in file order."""
    try:
        raw = read_store_bytes(Path(folder) / LOG_FILE)
    except (OSError, StorageError):
        return []
    entries = []
    for line in raw.split(b"\n"):
        digest, _, body = line.partition(b" ")
        if len(digest) != 16 or hashlib.sha256(body).hexdigest()[:16].encode("ascii") != digest:
            continue
        try:
            entry = json.loads(body.decode("utf-8"))
        except ValueError:
            continue
        if isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("rev_id", "time", "snap")):
            entries.append(entry)
    return entries


def new_rev_id(now: dt.datetime) -> str:
    return now.strftime("%Y%m%dT%H%M%S%f") + "-" + secrets.token_hex(2)


class DraftFile:
    """Reads and writes one draft folder. Every write is one atomic replacement of ``draft.json``."""

    def __init__(self, folder: Path, recovered: dict[str, Any] | None = None) -> None:
        self.folder = Path(folder)
        self.path = self.folder / DRAFT_FILE
        #: Read-only stores: the content recovery found for a damaged file (shown, never written back).
        self.recovered = recovered

    def db(self) -> TinyDB:
        return open_db(self.path)

    def read(self) -> dict[str, Any]:
        """{"current": ..., "review": ..., "revisions": [...] oldest first}."""
        if self.recovered is not None:
            return parse_draft_data(self.recovered, self.path)
        data = self.db().storage.read() or {}  # one read of the file for all three tables
        return parse_draft_data(data, self.path)

    # ---------------------------------------------------------------- snapshots
    def write_snapshot(self, content: dict[str, Any]) -> str:
        """Store ``content`` once per distinct content. An existing copy is reused only if it is intact
        (a damaged one is set aside and rewritten), and is touched so its time says when it was last saved."""
        digest, body = content_hash(content)
        path = self.folder / SNAP_DIR / f"{digest}{SNAP_EXT}"
        if os.path.lexists(path):
            try:
                self.read_snapshot(digest)
                os.utime(path)
                return digest
            except (StorageError, OSError):
                move_aside(path)
        try:
            path.parent.mkdir(exist_ok=True)
        except OSError as exc:
            raise from_oserror(exc, path.parent) from exc
        atomic_write(path, zlib.compress(seal_body(body), 6))
        return digest

    def read_snapshot(self, digest: str) -> dict[str, Any]:
        path = self.folder / SNAP_DIR / f"{digest}{SNAP_EXT}"
        try:
            content = unseal(zlib.decompress(read_store_bytes(path)))
        except (zlib.error, CorruptFileError):
            raise CorruptFileError("该历史版本的内容已损坏。", f"revision content damaged: {path}") from None
        except FileNotFoundError:
            raise RevisionNotFoundError("该历史版本的内容已丢失。", f"revision content missing: {path}") from None
        except OSError as exc:
            raise from_oserror(exc, path) from exc
        if not isinstance(content, dict):
            raise CorruptFileError("该历史版本的内容已损坏。", f"revision content damaged: {path}")
        return content

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
        """Apply the given changes to draft.json in one atomic write (then note a new revision in the log)."""
        db = self.db()
        logged: dict[str, Any] | None = None
        history: list[dict[str, Any]] | None = None
        with transaction(db):
            if current is not None:
                db.table("current").upsert(Document(current, doc_id=1))
            if review is not None:
                db.table("review").upsert(Document(review, doc_id=1))
            revs = db.table("revisions")
            if keep_revisions is not None:
                keep = set(keep_revisions)
                revs.remove(lambda r: r["rev_id"] not in keep)
            if add_revision is not None:
                review_now = db.table("review").get(doc_id=1)
                status = review_now.get("status") if isinstance(review_now, dict) else None
                logged = {**add_revision, "status": status}
                if keep_revisions is not None or not os.path.lexists(self.folder / LOG_FILE):
                    history = [dict(r) for r in revs.all()]
                revs.insert(add_revision)
        if logged is not None:
            self._log(logged, history)

    def _log(self, entry: dict[str, Any], history: list[dict[str, Any]] | None) -> None:
        """Append ``entry`` to the revision log after the save is durable; with ``history``, rewrite the log
        first (it is missing, or thinning dropped revisions). Never fails the save: the log is a second copy."""
        path = self.folder / LOG_FILE
        try:  # the snapshot's file time then says when it was last saved (found again without the log)
            os.utime(self.folder / SNAP_DIR / f"{entry['snap']}{SNAP_EXT}")
        except OSError:
            pass
        try:
            if history is not None:
                status = {e["rev_id"]: e.get("status") for e in read_log(self.folder)}
                lines = [_log_line({**r, "status": status.get(r["rev_id"])}) for r in history]
                atomic_write(path, b"".join(lines + [_log_line(entry)]))
                return
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0), 0o644)
            try:
                os.write(fd, _log_line(entry))
            finally:
                os.close(fd)
        except (OSError, StorageError) as exc:
            logger.warning("revision log of %s not updated: %s", self.folder, exc)


def seal_body(body: bytes) -> bytes:
    """``seal`` for an already-serialised body (snapshots hash the same bytes they store)."""
    return seal_serialised(body)


__all__ += ["new_rev_id", "seal_body"]
