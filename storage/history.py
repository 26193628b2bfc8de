"""Revision bookkeeping: coalescing autosaves, thinning old history, and a readable diff of two contents.

Contents are ``forms.draft_to_dict`` dicts; the diff walks them with the format definition for labels.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from forms import load_format
from storage.models import Change

__all__ = ["AUTOSAVE_REVISION_EVERY", "KEEP_ALL_FOR", "MAX_REVISIONS", "diff_contents", "diff_plain", "text_diff", "thin"]

#: Autosaves become at most one revision per this interval (the draft itself is saved every time).
AUTOSAVE_REVISION_EVERY = dt.timedelta(minutes=10)
#: Everything newer is kept; older autosave/save revisions are thinned to the last one per day.
KEEP_ALL_FOR = dt.timedelta(days=30)
#: Hard cap per draft; the oldest autosaves go first, status changes last.
MAX_REVISIONS = 300


def thin(revs: list[dict[str, Any]], now: dt.datetime) -> list[dict[str, Any]]:
    """The revisions to keep (input and output oldest first). Status changes survive day-thinning."""
    keep: set[str] = set()
    last_of_day: dict[dt.date, str] = {}
    for rev in revs:
        when = dt.datetime.fromisoformat(rev["time"])
        if now - when <= KEEP_ALL_FOR or rev["kind"] == "status":
            keep.add(rev["rev_id"])
        else:
            last_of_day[when.date()] = rev["rev_id"]
    keep.update(last_of_day.values())
    result = [r for r in revs if r["rev_id"] in keep]
    excess = len(result) - MAX_REVISIONS
    if excess > 0:  # drop the oldest, least important kinds first; never the newest revision
        order = {"autosave": 0, "save": 1, "restore": 2, "import": 3, "status": 4}
        candidates = sorted(range(len(result) - 1), key=lambda i: (order.get(result[i]["kind"], 1), i))
        drop = set(candidates[:excess])
        result = [r for i, r in enumerate(result) if i not in drop]
    return result


Segment = tuple[str, str]


def text_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The character-level difference of two texts as ("=" | "-" | "+", text) pieces, old to new.

    Chinese has no spaces between words, so characters are the unit; pieces shorter than three
    characters of unchanged text between two changes are folded into the change, so that a
    rewritten sentence reads as one deletion and one insertion instead of confetti.
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    pieces: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("=", old[i1:i2]))
            continue
        if i2 > i1:
            pieces.append(("-", old[i1:i2]))
        if j2 > j1:
            pieces.append(("+", new[j1:j2]))
    folded: list[Segment] = []
    for index, (mark, text) in enumerate(pieces):
        between_changes = 0 < index < len(pieces) - 1 and pieces[index - 1][0] != "=" and pieces[index + 1][0] != "="
        if mark == "=" and len(text) < 3 and between_changes:
            folded += [("-", text), ("+", text)]
        else:
            folded.append((mark, text))
    merged: list[Segment] = []
    # regroup: all deletions, then all insertions, within each run of changes
    run_del: list[str] = []
    run_add: list[str] = []
    for mark, text in folded + [("=", "")]:
        if mark == "-":
            run_del.append(text)
        elif mark == "+":
            run_add.append(text)
        else:
            if run_del:
                merged.append(("-", "".join(run_del)))
            if run_add:
                merged.append(("+", "".join(run_add)))
            run_del, run_add = [], []
            if text:
                merged.append(("=", text))
    return tuple(merged)


def diff_plain(segments: tuple[Segment, ...], context: int = 20) -> str:
    """A difference as plain text: [-deleted-] and {+inserted+}, unchanged text shortened to ``context``
    characters either side of a change."""
    out = []
    for index, (op, text) in enumerate(segments):
        if op == "-":
            out.append(f"[-{text}-]")
        elif op == "+":
            out.append(f"{{+{text}+}}")
        else:
            first, last = index == 0, index == len(segments) - 1
            keep_head = 0 if first else context
            keep_tail = 0 if last else context
            if len(text) > keep_head + keep_tail + 1:
                text = text[:keep_head] + "…" + (text[-keep_tail:] if keep_tail else "")
            out.append(text)
    return "".join(out)


def _fmt(value: Any) -> str:
    return "（空）" if value is None or value == "" else str(value)


def diff_contents(a: dict[str, Any], b: dict[str, Any]) -> list[Change]:
    """Every field, text, heading and cell that differs from ``a`` to ``b``, with a Chinese sentence."""
    changes: list[Change] = []
    for key, label in (("agency", "机关名称"), ("year", "报告年度"), ("format", "报告格式")):
        if a.get(key) != b.get(key):
            changes.append(Change("field", key, a.get(key), b.get(key), f"{label}：{_fmt(a.get(key))} → {_fmt(b.get(key))}"))
    for key, label in (("agency", "落款机关"), ("date", "落款日期")):
        old, new = (a.get("signature") or {}).get(key), (b.get("signature") or {}).get(key)
        if old != new:
            changes.append(Change("field", f"signature.{key}", old, new, f"{label}：{_fmt(old)} → {_fmt(new)}"))
    definition = load_format(b.get("format") or a["format"])
    titles = {t.id: t.title for t in definition.texts}
    for part, kind, word in (("texts", "text", "文字"), ("headings", "heading", "小标题")):
        old_t, new_t = a.get(part) or {}, b.get(part) or {}
        for tid in sorted(set(old_t) | set(new_t)):
            old, new = old_t.get(tid, ""), new_t.get(tid, "")
            if old != new:
                title = titles.get(tid, tid)
                zh = f"“{title}”{word}已修改（{len(old)} 字 → {len(new)} 字）"
                if not old:
                    zh = f"“{title}”{word}已填写（{len(new)} 字）"
                elif not new:
                    zh = f"“{title}”{word}已清空"
                changes.append(Change(kind, f"{part}.{tid}", old, new, zh, text_diff(old, new)))
    for part, prefix in (("tables", ""), ("stated_totals", "印刷合计 ")):
        changes.extend(_cell_changes(definition, a.get(part) or {}, b.get(part) or {}, prefix))
    return changes


def _cell_changes(definition: Any, old: dict[str, Any], new: dict[str, Any], prefix: str) -> list[Change]:
    out: list[Change] = []
    for table in definition.tables:
        for row in table.rows:
            for column in table.columns:
                before = (old.get(table.id) or {}).get(row.id, {}).get(column.id)
                after = (new.get(table.id) or {}).get(row.id, {}).get(column.id)
                if before != after:
                    where = f"{table.title} {'/'.join(label for label in row.labels if label) or row.id} / {column.label}"
                    out.append(Change("cell", f"{table.id}/{row.id}/{column.id}", before, after,
                                      f"{prefix}{where}：{_fmt(before)} → {_fmt(after)}"))
    return out
