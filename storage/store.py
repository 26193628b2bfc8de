"""The Store: drafts, trash, history, review and exchange files on top of per-draft TinyDB files.

Layout and the reasons for it are in docs/storage.md. Rules kept by every method here:
nothing on disk changes unless the whole operation's main file write succeeds; the caller's Draft is
never modified; a failed save raises a typed StorageError and can simply be retried.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from common.paths import resolve_data_dir
from forms import Draft, DraftFileError, draft_from_dict, load_format, to_storable
from forms.draft_json import SCHEMA as DRAFT_SCHEMA
from storage import history
from storage import nianbao_file as exchange
from storage.atomic import atomic_write, replace_with_retry
from storage.carry import next_year_draft
from storage.draftfile import DraftFile, new_rev_id
from storage.errors import (
    DraftNotFoundError,
    ExchangeFileError,
    ImportConflict,
    InvalidDraftError,
    ReadOnlyDraftError,
    ReadOnlyStoreError,
    ReviewError,
    RevisionNotFoundError,
    SelfApprovalError,
    StorageError,
    StoreLockedError,
    UnserialisableError,
    from_oserror,
)
from storage.models import STATUS_ZH, Change, Comment, DraftSummary, OpenMessage, ReviewState, RevisionInfo, Submission
from storage.opening import open_folder, write_index
from storage.review import ACTION_ZH, next_status, same_person

logger = logging.getLogger(__name__)

__all__ = ["Store", "open_store"]


_Method = TypeVar("_Method", bound=Callable[..., Any])


def _serialised(method: _Method) -> _Method:
    """One call at a time per Store, so an autosave timer thread and the UI thread cannot interleave writes."""

    @functools.wraps(method)
    def wrapper(self: Store, *args: Any, **kwargs: Any) -> Any:
        with self._mutex:
            return method(self, *args, **kwargs)

    return cast(_Method, wrapper)


class Store:
    """One open store folder. Create with :func:`open_store`; close with :meth:`close` (or ``with``)."""

    #: Source of "now"; tests replace it to age revisions and the trash.
    clock: Callable[[], dt.datetime] = staticmethod(dt.datetime.now)

    def __init__(self, root: Path) -> None:
        self._mutex = threading.RLock()
        state = open_folder(root)
        self.root = state.root
        self._lock = state.lock
        #: What happened while opening (recovered from backup, migrated, read-only because locked, ...).
        self.open_report: list[OpenMessage] = state.report
        #: Why the store is read-only, in Chinese; None when writable.
        self.read_only_reason: str | None = state.read_only_reason
        self._locked = any(m.code == "locked" for m in state.report)
        self._summaries = state.summaries
        self._indexed = state.index_snapshot
        self._read_from = state.read_from

    @property
    def read_only(self) -> bool:
        """True when saving is impossible (another copy runs, a newer program wrote the store, no write access)."""
        return self.read_only_reason is not None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @_serialised
    def close(self) -> None:
        """Release the lock. Safe to call twice."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None
            if self.read_only_reason is None:
                self.read_only_reason = "草稿存放位置已关闭。"

    # ================================================================ internals
    def _writable(self) -> None:
        if self.read_only_reason is not None or self._lock is None:
            reason = self.read_only_reason or "只读"
            if self._locked:
                raise StoreLockedError(reason, "another copy of nianbao owns the store")
            raise ReadOnlyStoreError(reason, "the store is read-only")
        try:
            self._lock.verify()
        except StorageError as exc:
            self.read_only_reason = exc.zh
            self._locked = isinstance(exc, StoreLockedError)
            raise

    def _file(self, draft_id: str, *, trashed: bool | None = False) -> DraftFile:
        summary = self._summaries.get(draft_id)
        if summary is None or (trashed is not None and bool(summary["deleted_at"]) != trashed):
            where = "回收站中" if trashed else ""
            raise DraftNotFoundError(f"{where}找不到这份草稿（{draft_id}）。", f"no such draft: {draft_id}")
        folder = self.root / ("trash" if summary["deleted_at"] else "drafts") / draft_id
        return DraftFile(folder, recovered=self._read_from.get(draft_id))

    def _content(self, draft: Draft) -> dict[str, Any]:
        """The dict to store, refused now if it would not load back (bad values, unknown format)."""
        try:
            return to_storable(draft)
        except DraftFileError as exc:
            raise InvalidDraftError(f"草稿中有无法保存的内容：{exc.zh}", f"draft cannot be stored: {exc.en}") from None
        except (TypeError, AttributeError) as exc:  # not a Draft at all: a caller's bug, said plainly
            raise UnserialisableError("草稿中有无法保存的数据，未写入任何内容。", f"draft cannot be serialised: {exc!r}") from None

    @staticmethod
    def _person_text(by: str, text: str = "", *, text_required: bool = False) -> tuple[str, str]:
        """A reviewer's name and comment, checked by the rules the exchange file reads them back with."""
        by, text = by.strip(), text.strip()
        problem = (exchange.check_text(by, "填写人姓名", exchange.AUTHOR_MAX_CHARS)
                   or exchange.check_text(text, "意见", exchange.COMMENT_MAX_CHARS))
        if problem is not None:
            raise ReviewError(f"{problem}。", "name or comment too long or contains control characters")
        if not by or (text_required and not text):
            raise ReviewError("意见和填写人姓名都不能为空。", "comment and author must not be empty")
        return by, text

    def _now(self) -> str:
        return self.clock().isoformat(timespec="microseconds")

    def _set_summary(self, draft_id: str, **changes: Any) -> None:
        """Update the in-memory summary; rewrite index.json only when more than updated_at changed."""
        summary = dict(self._summaries.get(draft_id) or {"id": draft_id, "deleted_at": None})
        summary.update(changes)
        self._summaries[draft_id] = summary
        if draft_id not in self._indexed or _without_time(self._indexed[draft_id]) != _without_time(summary):
            try:
                write_index(self.root, self._summaries)
                self._indexed = {k: dict(v) for k, v in self._summaries.items()}
            except StorageError as exc:  # the draft folders are the truth; the index is rebuilt on next open
                logger.warning("index not updated: %s", exc.en)

    @staticmethod
    def _summary_fields(content: dict[str, Any]) -> dict[str, Any]:
        return {"agency": content["agency"], "year": content["year"], "format_id": content["format"]}

    def _revision(self, file: DraftFile, content: dict[str, Any], kind: str, note: str, when: str) -> dict[str, Any]:
        digest = file.write_snapshot(content)
        return {"rev_id": new_rev_id(dt.datetime.fromisoformat(when)), "time": when, "kind": kind, "note": note, "snap": digest}

    # ================================================================ drafts
    @_serialised
    def list_drafts(self) -> list[DraftSummary]:
        """Drafts not in the trash, newest change first."""
        return _summaries(s for s in self._summaries.values() if not s["deleted_at"])

    @_serialised
    def list_trash(self) -> list[DraftSummary]:
        """Drafts in the trash (kept 30 days), most recently deleted first."""
        items = _summaries(s for s in self._summaries.values() if s["deleted_at"])
        return sorted(items, key=lambda s: s.deleted_at or s.updated_at, reverse=True)

    @_serialised
    def create(self, draft: Draft, *, draft_id: str | None = None, status: str = "draft", comments: list[dict[str, Any]] | None = None,
               submissions: list[dict[str, Any]] | None = None,
               kind: str = "save", note: str = "新建", source: str = "") -> str:
        """Store a new draft (status 草稿, first revision); returns its id.

        ``source`` says where it came from ("" typed here, "import:<file>", "last_year:<year>", "copy"),
        shown in the list so that two drafts of one agency and year can be told apart.
        """
        self._writable()
        content = self._content(draft)
        draft_id = draft_id or uuid.uuid4().hex
        folder = self.root / "drafts" / draft_id
        try:
            folder.mkdir(parents=True, exist_ok=False)
        except OSError as exc:
            raise from_oserror(exc, folder) from exc
        file = DraftFile(folder)
        now = self._now()
        try:
            rev = self._revision(file, content, kind, note, now)
            file.write(current={"id": draft_id, "content": content, "updated_at": now, "last_rev_at": now, "last_snap": rev["snap"],
                                "source": source},
                       review={"status": status, "comments": comments or [], "submissions": submissions or []}, add_revision=rev)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._set_summary(draft_id, status=status, updated_at=now, deleted_at=None, source=source, **self._summary_fields(content))
        return draft_id

    @_serialised
    def load(self, draft_id: str) -> Draft:
        """The current content of a draft (also works for drafts in the trash)."""
        data = self._file(draft_id, trashed=None).read()
        try:
            return draft_from_dict(data["current"]["content"])
        except DraftFileError as exc:
            raise StorageError(f"草稿内容无法读取：{exc.zh}", f"stored draft unreadable: {exc.en}") from None

    @_serialised
    def save(self, draft_id: str, draft: Draft, *, explicit: bool = True) -> None:
        """Durably store ``draft``. explicit=False is an autosave: at most one revision per 10 minutes.

        Raises ReadOnlyDraftError if approved; DiskFullError / PermissionDeniedError / FileBusyError when
        the disk refuses (nothing changed: keep the draft in memory and call save again later).
        """
        self._writable()
        content = self._content(draft)
        file = self._file(draft_id)
        data = file.read()
        current, review = data["current"], data["review"]
        if review["status"] == "approved":
            raise ReadOnlyDraftError("这份报告已审核通过，不能修改。如需修改，请先“重新打开”。", "draft is approved; reopen it first")
        now = self._now()
        rev = None
        due = self.clock() - dt.datetime.fromisoformat(current.get("last_rev_at") or now) >= history.AUTOSAVE_REVISION_EVERY
        if explicit or (due and content != current["content"]) or (due and current.get("last_snap") is None):
            rev = self._revision(file, content, "save" if explicit else "autosave", "保存" if explicit else "自动保存", now)
        keep = None
        if explicit and data["revisions"]:
            kept = history.thin(data["revisions"], self.clock())
            if len(kept) != len(data["revisions"]):
                keep = [r["rev_id"] for r in kept]
        new_current = {**current, "content": content, "updated_at": now}
        if rev is not None:
            new_current.update(last_rev_at=now, last_snap=rev["snap"])
        file.write(current=new_current, add_revision=rev, keep_revisions=keep)
        if keep is not None:
            file.collect_garbage({r["snap"] for r in kept} | {rev["snap"] if rev else ""})
        self._set_summary(draft_id, updated_at=now, **self._summary_fields(content))

    @_serialised
    def duplicate(self, draft_id: str) -> str:
        """A copy as a new draft (status 草稿, fresh history)."""
        source = self.load(draft_id)
        return self.create(source, note="复制自另一份草稿", source="copy")

    @_serialised
    def delete(self, draft_id: str) -> None:
        """Move to the trash (recoverable with restore_from_trash for 30 days)."""
        self._writable()
        self._file(draft_id)
        self._move(draft_id, "drafts", "trash")
        self._set_summary(draft_id, deleted_at=self._now())

    @_serialised
    def restore_from_trash(self, draft_id: str) -> None:
        self._writable()
        self._file(draft_id, trashed=True)
        self._move(draft_id, "trash", "drafts")
        self._set_summary(draft_id, deleted_at=None)

    def _move(self, draft_id: str, src: str, dst: str) -> None:
        try:
            (self.root / dst).mkdir(exist_ok=True)
            replace_with_retry(self.root / src / draft_id, self.root / dst / draft_id, replace=os.rename)
        except OSError as exc:
            raise from_oserror(exc, self.root / src / draft_id) from exc

    @_serialised
    def new_from_last_year(self, draft_id: str, *, copy_texts: bool = False) -> str:
        """A draft for the following year: agency, signature and carried-forward cells from ``draft_id``."""
        last = self.load(draft_id)
        return self.create(next_year_draft(last, copy_texts=copy_texts), note=f"根据 {last.year} 年度草稿新建",
                           source=f"last_year:{last.year}")

    # ================================================================ history
    @_serialised
    def revisions(self, draft_id: str) -> list[RevisionInfo]:
        """Oldest first."""
        data = self._file(draft_id, trashed=None).read()
        return [RevisionInfo(r["rev_id"], dt.datetime.fromisoformat(r["time"]), r["kind"], r.get("note", "")) for r in data["revisions"]]

    def _rev(self, data: dict[str, Any], rev_id: str) -> dict[str, Any]:
        revisions: list[dict[str, Any]] = data["revisions"]
        for rev in revisions:
            if rev["rev_id"] == rev_id:
                return rev
        raise RevisionNotFoundError(f"找不到历史版本 {rev_id}。", f"no revision {rev_id}")

    @_serialised
    def diff(self, draft_id: str, rev_a: str, rev_b: str) -> list[Change]:
        """Cells, texts and fields that differ from revision ``rev_a`` to ``rev_b``."""
        file = self._file(draft_id, trashed=None)
        data = file.read()
        a = file.read_snapshot(self._rev(data, rev_a)["snap"])
        b = file.read_snapshot(self._rev(data, rev_b)["snap"])
        return history.diff_contents(a, b)

    @_serialised
    def restore_revision(self, draft_id: str, rev_id: str) -> None:
        """Make that revision's content current again; the restore is itself a new revision."""
        self._writable()
        file = self._file(draft_id)
        data = file.read()
        if data["review"]["status"] == "approved":
            raise ReadOnlyDraftError("这份报告已审核通过，不能修改。如需修改，请先“重新打开”。", "draft is approved; reopen it first")
        source = self._rev(data, rev_id)
        content = file.read_snapshot(source["snap"])
        now = self._now()
        when = dt.datetime.fromisoformat(source["time"]).strftime("%Y-%m-%d %H:%M")
        rev = {"rev_id": new_rev_id(self.clock()), "time": now, "kind": "restore", "note": f"恢复到 {when} 的版本", "snap": source["snap"]}
        file.write(current={**data["current"], "content": content, "updated_at": now, "last_rev_at": now, "last_snap": source["snap"]},
                   add_revision=rev)
        self._set_summary(draft_id, updated_at=now, **self._summary_fields(content))

    # ================================================================ review
    @_serialised
    def review(self, draft_id: str) -> ReviewState:
        data = self._file(draft_id, trashed=None).read()["review"]
        approved_at = data.get("approved_at") if data["status"] == "approved" else None
        return ReviewState(data["status"], [_comment(c) for c in data["comments"]],
                           [_submission(s) for s in data.get("submissions") or []],
                           dt.datetime.fromisoformat(approved_at) if approved_at else None)

    @_serialised
    def _transition(self, draft_id: str, action: str, by: str, comment: str = "", *, note: str = "",
                    self_approval_confirmed: bool = False) -> None:
        self._writable()
        file = self._file(draft_id)
        data = file.read()
        target = next_status(data["review"]["status"], action, comment=comment, by=by)
        by, comment = self._person_text(by, comment)
        _by, note = self._person_text(by, note)
        now = self._now()
        review = dict(data["review"])
        comments = list(review["comments"])
        submissions = list(review.get("submissions") or [])
        if comment:
            comments.append({"section": "", "author": by, "time": now, "text": comment})
        who = by
        if action == "approve":
            submitter = submissions[-1]["by"] if submissions else ""
            if same_person(submitter, by):
                if not self_approval_confirmed:
                    raise SelfApprovalError(
                        f"这份报告是“{by}”本人提交的，不能由同一人审核通过，除非明确确认本人审核。",
                        "the approver is the person who submitted the report; confirm self-approval explicitly")
                who = f"{by}，本人提交、本人审核，已确认"
        summary = f"{ACTION_ZH[action]}（{who}）：{STATUS_ZH[data['review']['status']]} → {STATUS_ZH[target]}"
        if comment:
            summary += f"。意见：{comment}"
        if note:
            summary += f"。提交说明：{note}"
        rev = self._revision(file, data["current"]["content"], "status", summary, now)
        if action == "submit":
            submissions.append({"by": by, "time": now, "note": note, "snap": rev["snap"]})
        review.update(status=target, comments=comments, submissions=submissions,
                      approved_at=now if target == "approved" else None)
        file.write(review=review, add_revision=rev,
                   current={**data["current"], "last_rev_at": now, "last_snap": rev["snap"]})
        self._set_summary(draft_id, status=target)

    def submit(self, draft_id: str, by: str, note: str = "") -> None:
        """草稿/已退回 -> 待审核, with an optional note to the reviewer (kept, shown, exported)."""
        self._transition(draft_id, "submit", by, note=note)

    def return_draft(self, draft_id: str, by: str, comment: str) -> None:
        """待审核 -> 已退回; the comment is required."""
        self._transition(draft_id, "return", by, comment)

    def approve(self, draft_id: str, by: str, *, self_approval_confirmed: bool = False) -> None:
        """待审核 -> 已通过; the draft becomes read-only.

        The person who submitted cannot approve under the same name (SelfApprovalError) unless
        ``self_approval_confirmed``; the history then says the submitter approved it.
        """
        self._transition(draft_id, "approve", by, self_approval_confirmed=self_approval_confirmed)

    def reopen(self, draft_id: str, by: str) -> None:
        """已通过 (or 待审核, to withdraw it) -> 草稿, editable again; recorded in the history."""
        self._transition(draft_id, "reopen", by)

    @_serialised
    def changes_since_submission(self, draft_id: str) -> tuple[Submission, list[Change]] | None:
        """What differs between the content the reviewer last saw and the content now.

        While the report waits for review (or is approved) that is the submission before the latest
        one; while the clerk is editing it is the latest submission. None when there is no such
        submission, or its snapshot is gone (thinned or imported without history).
        """
        file = self._file(draft_id, trashed=None)
        data = file.read()
        submissions = data["review"].get("submissions") or []
        waiting = data["review"]["status"] in ("submitted", "approved")
        base = submissions[-2] if waiting and len(submissions) >= 2 else (submissions[-1] if submissions and not waiting else None)
        if base is None or not base.get("snap"):
            return None
        try:
            old = file.read_snapshot(base["snap"])
        except StorageError:
            return None
        return _submission(base), history.diff_contents(old, data["current"]["content"])

    @_serialised
    def add_comment(self, draft_id: str, section: str, by: str, text: str) -> None:
        """A reviewer's comment on one section or text ("" = the whole report)."""
        self._writable()
        file = self._file(draft_id)
        data = file.read()
        definition = load_format(data["current"]["content"]["format"])
        known = {""} | {s.id for s in definition.sections} | {t.id for t in definition.texts} | {t.id for t in definition.tables}
        if section not in known:
            raise ReviewError(f"报告中没有“{section}”这一部分。", f"no section {section!r} in this format")
        by, text = self._person_text(by, text, text_required=True)
        comment = {"section": section, "author": by, "time": self._now(), "text": text}
        file.write(review={**data["review"], "comments": [*data["review"]["comments"], comment]})

    # ================================================================ exchange
    @_serialised
    def export_file(self, draft_id: str, path: str | os.PathLike[str]) -> None:
        """Write one ``.nianbao`` file: the draft, its status, comments and a history summary."""
        file = self._file(draft_id, trashed=None)
        data = file.read()
        record = exchange.ExchangeRecord(
            draft_id, draft_from_dict(data["current"]["content"]), data["review"]["status"],
            [_comment(c) for c in data["review"]["comments"]],
            [{"time": r["time"], "kind": r["kind"], "note": r.get("note", "")} for r in data["revisions"]],
            [_submission(s) for s in data["review"].get("submissions") or []],
        )
        atomic_write(Path(path), exchange.encode(record))

    @_serialised
    def import_file(self, path: str | os.PathLike[str], *, on_conflict: str = "ask") -> str:
        """Import a ``.nianbao`` exchange file or a draft ``.json`` (``nianbao new``/``import``); returns the draft id.

        The file's ``"schema"`` decides, not its name. A draft file becomes a new draft (status 草稿).
        on_conflict: "ask" raises ImportConflict(existing_id) if the draft exists, or (same_report=True) if
        another draft of the same agency and year exists; "replace" overwrites that draft (a new revision,
        so the old content stays in its history); "keep_both" stores the import as a further draft.
        """
        if on_conflict not in ("ask", "replace", "keep_both"):
            raise ValueError(f"on_conflict must be ask, replace or keep_both, not {on_conflict!r}")
        self._writable()
        obj = exchange.read_json(exchange.read_bytes(path))
        schema = obj.get("schema") if isinstance(obj, dict) else None
        name = Path(path).name
        if schema == DRAFT_SCHEMA:
            try:
                draft = draft_from_dict(obj)
            except DraftFileError as exc:
                raise ExchangeFileError(f"无法导入：{exc.zh}", f"cannot import: {exc.en}") from None
            return self.import_draft(draft, name, on_conflict=on_conflict, note=f"从草稿文件导入：{name}")
        if schema != exchange.SCHEMA:
            raise ExchangeFileError("无法导入：这个文件既不是 nianbao 交换文件（.nianbao），也不是草稿文件（.json）",
                                    "cannot import: neither a nianbao exchange file (.nianbao) nor a draft file (.json)")
        record = exchange.decode_obj(obj)
        comments = [{"section": c.section, "author": c.author, "time": c.time.isoformat(), "text": c.text} for c in record.comments]
        submissions = [{"by": s.by, "time": s.time.isoformat(), "note": s.note, "snap": None} for s in record.submissions]
        note = f"从文件导入：{name}"
        review = {"status": record.status, "comments": comments, "submissions": submissions}
        existing = self._summaries.get(record.draft_id)
        if existing is None:
            same = self._same_report(record.draft)
            if same is not None and on_conflict == "ask":
                raise self._conflict(same, same_report=True)
            if same is not None and on_conflict == "replace":
                return self._replace(same["id"], record.draft, review, note + "（替换）")
            return self.create(record.draft, draft_id=record.draft_id, status=record.status, comments=comments,
                               submissions=submissions, kind="import", note=note, source=f"import:{name}")
        if on_conflict == "ask":
            raise self._conflict(existing, same_report=False)
        if on_conflict == "keep_both":
            return self.create(record.draft, status=record.status, comments=comments, submissions=submissions,
                               kind="import", note=note + "（另存一份）", source=f"import:{name}")
        return self._replace(record.draft_id, record.draft, review, note + "（替换）")

    @_serialised
    def import_draft(self, draft: Draft, name: str, *, on_conflict: str = "ask", note: str = "") -> str:
        """Store a draft read from a file (a draft file, a published report) as a new draft with status 草稿.

        When a draft of the same agency and year exists, "ask" raises ImportConflict(same_report=True),
        "replace" makes the import that draft's content (its history keeps the old one, comments stay,
        status goes back to 草稿) and "keep_both" adds a new draft.
        """
        if on_conflict not in ("ask", "replace", "keep_both"):
            raise ValueError(f"on_conflict must be ask, replace or keep_both, not {on_conflict!r}")
        self._writable()
        note = note or f"从文件导入：{name}"
        same = self._same_report(draft)
        if same is not None and on_conflict == "ask":
            raise self._conflict(same, same_report=True)
        if same is not None and on_conflict == "replace":
            review = self._file(same["id"]).read()["review"]
            return self._replace(same["id"], draft, {**review, "status": "draft"}, note + "（替换）")
        return self.create(draft, kind="import", note=note, source=f"import:{name}")

    def _same_report(self, draft: Draft) -> dict[str, Any] | None:
        """The most recently changed draft (not in the trash) of the same agency and year, if any."""
        agency = "".join(draft.agency.split())
        same = [s for s in self._summaries.values()
                if not s["deleted_at"] and s.get("year") == draft.year and "".join(str(s.get("agency", "")).split()) == agency]
        return max(same, key=lambda s: s.get("updated_at") or "", default=None)

    @staticmethod
    def _conflict(existing: dict[str, Any], *, same_report: bool) -> ImportConflict:
        label = f"{existing['agency']} {existing['year']} 年度，{STATUS_ZH.get(existing['status'], existing['status'])}"
        if same_report:
            return ImportConflict(
                f"草稿库里已经有同一机关同一年度的报告（{label}）。请选择“替换”“两份都保留”或取消。",
                f"a report of the same agency and year already exists ({existing['id']}); choose replace or keep_both",
                existing["id"], same_report=True)
        return ImportConflict(
            f"这份草稿（{label}）已存在。请选择“替换”或“两份都保留”。",
            f"draft {existing['id']} already exists; choose replace or keep_both", existing["id"])

    def _replace(self, draft_id: str, draft: Draft, review: dict[str, Any], note: str) -> str:
        """Make ``draft`` the content of ``draft_id`` as an ``import`` revision, with ``review`` as its review record."""
        if self._summaries[draft_id]["deleted_at"]:
            self.restore_from_trash(draft_id)
        file = self._file(draft_id)
        data = file.read()
        content = self._content(draft)
        now = self._now()
        rev = self._revision(file, content, "import", note, now)
        file.write(current={**data["current"], "content": content, "updated_at": now, "last_rev_at": now, "last_snap": rev["snap"]},
                   review=review, add_revision=rev)
        self._set_summary(draft_id, status=review["status"], updated_at=now, **self._summary_fields(content))
        return draft_id


def _comment(raw: dict[str, Any]) -> Comment:
    return Comment(raw["section"], raw["author"], dt.datetime.fromisoformat(raw["time"]), raw["text"])


def _submission(raw: dict[str, Any]) -> Submission:
    return Submission(raw["by"], dt.datetime.fromisoformat(raw["time"]), raw.get("note", ""))


def _summaries(items: Any) -> list[DraftSummary]:
    out = [
        DraftSummary(s["id"], s["agency"], s["year"], s["format_id"], s["status"],
                     dt.datetime.fromisoformat(s["updated_at"]) if s.get("updated_at") else dt.datetime.min,
                     dt.datetime.fromisoformat(s["deleted_at"]) if s.get("deleted_at") else None, s.get("source") or "")
        for s in items
    ]
    return sorted(out, key=lambda s: s.updated_at, reverse=True)


def open_store(data_dir: str | Path | None = None) -> Store:
    """Open (creating if needed) the store in ``data_dir`` / $NIANBAO_DATA_DIR / the per-user folder.

    Never raises for a damaged or locked store: read ``store.open_report`` and ``store.read_only``.
    Raises StorageError only if the folder cannot be created or read at all.
    """
    return Store(resolve_data_dir(data_dir))


def _without_time(summary: dict[str, Any]) -> dict[str, Any]:
    """A summary without ``updated_at``, which alone does not make index.json worth rewriting."""
    return {k: v for k, v in summary.items() if k != "updated_at"}
