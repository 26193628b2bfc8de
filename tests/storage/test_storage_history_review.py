"""History (revisions, coalesced autosaves, diff, restore, thinning) and the review workflow."""

from __future__ import annotations

import datetime as dt

import pytest

import storage
from storage import history
from storage.review import TRANSITIONS

CELL = ("t3", "carried_in", "natural")


class Clock:
    def __init__(self) -> None:
        self.now = dt.datetime(2024, 3, 1, 9, 0)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += dt.timedelta(**kw)


@pytest.fixture
def clock(store) -> Clock:
    c = Clock()
    store.clock = c
    return c


def test_explicit_saves_are_revisions_autosaves_are_coalesced(store, clock: Clock, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    for n in range(2, 12):  # ten autosaves a minute apart: one revision when 10 minutes have passed
        clock.advance(minutes=1)
        store.save(draft_id, make_draft(n), explicit=False)
    kinds = [r.kind for r in store.revisions(draft_id)]
    assert kinds == ["save", "autosave"]
    assert store.load(draft_id).values[CELL] == 11  # every autosave is stored even if not a revision
    clock.advance(minutes=1)
    store.save(draft_id, make_draft(12))
    revs = store.revisions(draft_id)
    assert [r.kind for r in revs] == ["save", "autosave", "save"]
    assert revs[0].time < revs[1].time < revs[2].time and revs[0].note == "新建"


def test_unchanged_autosaves_make_no_revision(store, clock: Clock, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    for _ in range(5):
        clock.advance(minutes=11)
        store.save(draft_id, make_draft(1), explicit=False)
    assert [r.kind for r in store.revisions(draft_id)] == ["save"]


def test_diff_names_changed_cells_and_texts_in_chinese(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    changed = make_draft(5)
    changed.texts["s5"] = "存在问题：人员不足。"
    changed.texts["s6"] = "无。"
    store.save(draft_id, changed)
    a, b = [r.rev_id for r in store.revisions(draft_id)]
    changes = {c.key: c for c in store.diff(draft_id, a, b)}
    assert set(changes) == {"t3/carried_in/natural", "texts.s5", "texts.s6"}
    cell = changes["t3/carried_in/natural"]
    assert (cell.old, cell.new) == (1, 5) and "1 → 5" in cell.zh and "上年结转" in cell.zh
    assert "存在的主要问题" in changes["texts.s5"].zh and "已填写" in changes["texts.s6"].zh
    assert store.diff(draft_id, a, a) == []
    with pytest.raises(storage.RevisionNotFoundError):
        store.diff(draft_id, a, "nope")


def test_restore_is_a_new_revision(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    store.save(draft_id, make_draft(2))
    first = store.revisions(draft_id)[0]
    store.restore_revision(draft_id, first.rev_id)
    assert store.load(draft_id).values[CELL] == 1
    revs = store.revisions(draft_id)
    assert [r.kind for r in revs] == ["save", "save", "restore"]
    assert store.diff(draft_id, revs[1].rev_id, revs[2].rev_id)[0].new == 1


def test_history_is_thinned_and_bounded(store, clock: Clock, make_draft) -> None:
    draft_id = store.create(make_draft(0))
    for day in range(60):
        for n in range(3):
            clock.advance(minutes=30)
            store.save(draft_id, make_draft(day * 10 + n + 1))
        clock.advance(hours=22, minutes=30)
    revs = store.revisions(draft_id)
    last_save = revs[-1].time  # thinning happens on explicit saves
    old = [r for r in revs if last_save - r.time > history.KEEP_ALL_FOR]
    recent = [r for r in revs if last_save - r.time <= history.KEEP_ALL_FOR]
    assert len({r.time.date() for r in old}) == len(old)  # at most one old revision per day
    assert len(recent) >= 3 * 29
    assert len(revs) <= history.MAX_REVISIONS
    snaps = list((store.root / "drafts" / draft_id / "revs").iterdir())
    assert len(snaps) <= len(revs)  # thinned revisions' contents were collected
    store.restore_revision(draft_id, old[0].rev_id)  # what is kept still restores


def test_thin_respects_the_cap() -> None:
    now = dt.datetime(2024, 1, 1)
    revs = [{"rev_id": str(i), "time": (now - dt.timedelta(minutes=i)).isoformat(), "kind": "autosave" if i % 2 else "status"}
            for i in range(history.MAX_REVISIONS + 50)][::-1]
    kept = history.thin(revs, now)
    assert len(kept) == history.MAX_REVISIONS
    assert all(r in kept for r in revs if r["kind"] == "status")


# ---------------------------------------------------------------- review

ACTIONS = {
    "submit": lambda s, i: s.submit(i, "填报人"),
    "return": lambda s, i: s.return_draft(i, "审核人", "第二部分数字有误"),
    "approve": lambda s, i: s.approve(i, "审核人"),
    "reopen": lambda s, i: s.reopen(i, "审核人"),
}
PATHS = {"draft": [], "submitted": ["submit"], "returned": ["submit", "return"], "approved": ["submit", "approve"]}


@pytest.mark.parametrize("start", list(PATHS))
@pytest.mark.parametrize("action", list(ACTIONS))
def test_every_transition_allowed_or_refused(store, make_draft, start: str, action: str) -> None:
    draft_id = store.create(make_draft(1))
    for step in PATHS[start]:
        ACTIONS[step](store, draft_id)
    assert store.review(draft_id).status == start
    allowed, target = TRANSITIONS[action]
    n_revs = len(store.revisions(draft_id))
    if start in allowed:
        ACTIONS[action](store, draft_id)
        assert store.review(draft_id).status == target
        assert store.list_drafts()[0].status == target
        last = store.revisions(draft_id)[-1]
        assert last.kind == "status" and len(store.revisions(draft_id)) == n_revs + 1
    else:
        with pytest.raises(storage.ReviewError) as info:
            ACTIONS[action](store, draft_id)
        assert "不能" in info.value.zh
        assert store.review(draft_id).status == start
        assert len(store.revisions(draft_id)) == n_revs


def test_return_needs_a_comment_and_records_it(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    store.submit(draft_id, "张三")
    with pytest.raises(storage.ReviewError) as info:
        store.return_draft(draft_id, "李四", "  ")
    assert "意见" in info.value.zh and store.review(draft_id).status == "submitted"
    store.return_draft(draft_id, "李四", "请补充第五部分")
    state = store.review(draft_id)
    assert state.status == "returned" and state.status_zh == "已退回"
    assert [(c.author, c.text, c.section) for c in state.comments] == [("李四", "请补充第五部分", "")]
    assert "李四" in store.revisions(draft_id)[-1].note and "请补充第五部分" in store.revisions(draft_id)[-1].note


def test_approved_is_read_only_until_reopened(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    store.submit(draft_id, "张三")
    store.approve(draft_id, "李四")
    with pytest.raises(storage.ReadOnlyDraftError) as info:
        store.save(draft_id, make_draft(2))
    assert "重新打开" in info.value.zh
    with pytest.raises(storage.ReadOnlyDraftError):
        store.save(draft_id, make_draft(2), explicit=False)
    with pytest.raises(storage.ReadOnlyDraftError):
        store.restore_revision(draft_id, store.revisions(draft_id)[0].rev_id)
    assert store.load(draft_id).values[CELL] == 1
    store.reopen(draft_id, "李四")
    assert "重新打开（李四）" in store.revisions(draft_id)[-1].note
    store.save(draft_id, make_draft(2))
    assert store.load(draft_id).values[CELL] == 2 and store.review(draft_id).status == "draft"


def test_section_comments_with_name_and_time(store, clock: Clock, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    store.add_comment(draft_id, "s5", "审核人王五", "问题写得太简略")
    store.add_comment(draft_id, "t3", "审核人王五", "核对结转数")
    comments = store.review(draft_id).comments
    assert [(c.section, c.author, c.text, c.time) for c in comments] == [
        ("s5", "审核人王五", "问题写得太简略", clock.now), ("t3", "审核人王五", "核对结转数", clock.now)]
    with pytest.raises(storage.ReviewError):
        store.add_comment(draft_id, "no-such-section", "王五", "x")
    with pytest.raises(storage.ReviewError):
        store.add_comment(draft_id, "s5", "", "x")


def test_review_needs_a_name(store, make_draft) -> None:
    draft_id = store.create(make_draft(1))
    with pytest.raises(storage.ReviewError):
        store.submit(draft_id, " ")
