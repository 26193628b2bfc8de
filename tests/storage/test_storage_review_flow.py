"""Review steps that mean something: names, submission notes, self-approval, changes since submission, imports
of the same report, and where a draft came from."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storage
from storage.history import diff_plain, text_diff


def test_submission_note_is_kept_shown_and_in_history(store, make_draft) -> None:
    draft_id = store.create(make_draft())
    store.submit(draft_id, "李填报", note="第五部分按上次意见改写了。")
    state = store.review(draft_id)
    assert state.last_submission is not None
    assert (state.last_submission.by, state.last_submission.note) == ("李填报", "第五部分按上次意见改写了。")
    last = store.revisions(draft_id)[-1]
    assert last.kind == "status" and "提交说明：第五部分按上次意见改写了。" in last.note and "李填报" in last.note


def test_note_with_a_control_character_is_refused_like_a_comment(store, make_draft) -> None:
    draft_id = store.create(make_draft())
    with pytest.raises(storage.ReviewError):
        store.submit(draft_id, "李填报", note="坏\x07字符")
    assert store.review(draft_id).status == "draft"


def test_submitter_cannot_approve_without_confirming(store, make_draft) -> None:
    draft_id = store.create(make_draft())
    store.submit(draft_id, "李 填报")
    with pytest.raises(storage.SelfApprovalError) as info:
        store.approve(draft_id, " 李填报 ")  # spaces do not make another person
    assert "本人" in info.value.zh
    assert store.review(draft_id).status == "submitted"
    store.approve(draft_id, "李填报", self_approval_confirmed=True)
    assert store.review(draft_id).status == "approved"
    note = store.revisions(draft_id)[-1].note
    assert "本人提交、本人审核，已确认" in note


def test_another_person_approves_without_confirmation(store, make_draft) -> None:
    draft_id = store.create(make_draft())
    store.submit(draft_id, "李填报")
    store.approve(draft_id, "王审核")
    state = store.review(draft_id)
    assert state.status == "approved" and state.approved_at is not None
    assert "本人" not in store.revisions(draft_id)[-1].note
    store.reopen(draft_id, "王审核")
    assert store.review(draft_id).approved_at is None


def test_changes_since_the_last_submission(store, make_draft) -> None:
    draft = make_draft(1)
    draft.texts["s5"] = "存在问题：信息发布不及时。"
    draft_id = store.create(draft)
    assert store.changes_since_submission(draft_id) is None  # never submitted
    store.submit(draft_id, "李填报")
    assert store.changes_since_submission(draft_id) is None  # the reviewer sees it for the first time
    store.return_draft(draft_id, "王审核", "请写整改措施")
    draft.texts["s5"] = "存在问题：信息发布不及时。整改措施：建立发布台账。"
    draft.set_value("t3", "carried_in", "natural", 4)
    store.save(draft_id, draft)
    submission, changes = store.changes_since_submission(draft_id)  # the clerk: since what was returned
    assert submission.by == "李填报" and {c.key for c in changes} == {"texts.s5", "t3/carried_in/natural"}
    store.submit(draft_id, "李填报", note="已补充")
    submission, changes = store.changes_since_submission(draft_id)  # the reviewer: since the first submission
    text = next(c for c in changes if c.key == "texts.s5")
    assert text.segments == (("=", "存在问题：信息发布不及时。"), ("+", "整改措施：建立发布台账。"))
    cell = next(c for c in changes if c.kind == "cell")
    assert (cell.old, cell.new) == (1, 4)


def test_text_diff_marks_insertions_and_deletions() -> None:
    segments = text_diff("本机关2024年受理申请12件。", "本机关2025年受理申请15件。")
    assert diff_plain(segments) == "本机关202[-4-]{+5+}年受理申请1[-2-]{+5+}件。"
    old = "".join(t for op, t in segments if op != "+")
    new = "".join(t for op, t in segments if op != "-")
    assert (old, new) == ("本机关2024年受理申请12件。", "本机关2025年受理申请15件。")
    assert text_diff("同样", "同样") == (("=", "同样"),)


def test_history_diff_carries_the_text_difference(store, make_draft) -> None:
    draft = make_draft()
    draft_id = store.create(draft)
    draft.texts["s5"] = "存在问题：发布不够及时。"
    store.save(draft_id, draft)
    first, second = store.revisions(draft_id)
    (change,) = [c for c in store.diff(draft_id, first.rev_id, second.rev_id) if c.kind == "text"]
    assert diff_plain(change.segments) == "存在问题：[-无-]{+发布不够及时+}。"


def test_export_carries_submissions_and_reads_back(store, make_draft, tmp_path: Path) -> None:
    draft_id = store.create(make_draft())
    store.submit(draft_id, "李填报", note="请重点看第三部分")
    path = tmp_path / "报告.nianbao"
    store.export_file(draft_id, path)
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert obj["schema_version"] == 2 and obj["submissions"][0]["note"] == "请重点看第三部分"
    with storage.open_store(tmp_path / "另一台") as other:
        other.import_file(path)
        state = other.review(draft_id)
        assert state.last_submission.note == "请重点看第三部分" and state.last_submission.by == "李填报"
        with pytest.raises(storage.SelfApprovalError):  # the submitter's name travels with the file
            other.approve(draft_id, "李填报")


def test_export_without_submissions_stays_version_1(store, make_draft, tmp_path: Path) -> None:
    draft_id = store.create(make_draft())
    path = tmp_path / "报告.nianbao"
    store.export_file(draft_id, path)
    obj = json.loads(path.read_text(encoding="utf-8"))
    assert obj["schema_version"] == 1 and "submissions" not in obj


@pytest.mark.parametrize("bad", [[{"by": "", "time": "2025-01-01T00:00:00", "note": ""}],
                                 [{"by": "甲", "time": "昨天", "note": ""}],
                                 [{"by": "甲", "time": "2025-01-01T00:00:00"}], "x"])
def test_bad_submissions_are_refused(store, make_draft, tmp_path: Path, bad) -> None:
    draft_id = store.create(make_draft())
    path = tmp_path / "报告.nianbao"
    store.export_file(draft_id, path)
    obj = json.loads(path.read_text(encoding="utf-8"))
    obj["submissions"] = bad
    obj["schema_version"] = 2
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    with storage.open_store(tmp_path / "另一台") as other:
        with pytest.raises(storage.ExchangeFileError) as info:
            other.import_file(path)
        assert "submissions" in info.value.zh and other.list_drafts() == []


def test_same_agency_and_year_from_another_pc_asks(store, make_draft, tmp_path: Path) -> None:
    mine = store.create(make_draft(1))
    with storage.open_store(tmp_path / "另一台") as other:
        theirs = other.create(make_draft(7, agency=" 某某县人民政府办公室"))
        path = tmp_path / "他们的.nianbao"
        other.export_file(theirs, path)
    with pytest.raises(storage.ImportConflict) as info:
        store.import_file(path)
    assert info.value.same_report and info.value.existing_id == mine and "同一机关同一年度" in info.value.zh
    assert len(store.list_drafts()) == 1
    both = store.import_file(path, on_conflict="keep_both")
    assert both == theirs and len(store.list_drafts()) == 2
    summaries = {s.id: s for s in store.list_drafts()}
    assert summaries[theirs].source == "import:他们的.nianbao" and summaries[mine].source == ""


def test_replace_same_report_keeps_the_old_content_in_history(store, make_draft, tmp_path: Path) -> None:
    mine = store.create(make_draft(1))
    with storage.open_store(tmp_path / "另一台") as other:
        theirs = other.create(make_draft(7))
        path = tmp_path / "他们的.nianbao"
        other.export_file(theirs, path)
    assert store.import_file(path, on_conflict="replace") == mine
    assert store.load(mine).values[("t3", "carried_in", "natural")] == 7 and len(store.list_drafts()) == 1
    revs = store.revisions(mine)
    assert revs[-1].kind == "import" and "替换" in revs[-1].note


def test_import_draft_of_a_published_report_asks_then_replaces(store, make_draft) -> None:
    mine = store.create(make_draft(1))
    store.submit(mine, "李填报")
    published = make_draft(9)
    with pytest.raises(storage.ImportConflict) as info:
        store.import_draft(published, "年报.pdf")
    assert info.value.existing_id == mine and "待审核" in info.value.zh
    assert store.import_draft(published, "年报.pdf", on_conflict="replace") == mine
    assert store.review(mine).status == "draft" and store.load(mine).values[("t3", "carried_in", "natural")] == 9
    other_year = store.import_draft(make_draft(2, year=2022), "年报2022.pdf")  # no conflict: just stored
    assert {s.id: s.source for s in store.list_drafts()}[other_year] == "import:年报2022.pdf"


def test_source_survives_reopening_and_index_rebuild(store, root: Path, make_draft) -> None:
    last = store.create(make_draft())
    new = store.new_from_last_year(last)
    copy = store.duplicate(last)
    store.close()
    (root / "index.json").unlink()
    with storage.open_store(root) as again:
        sources = {s.id: s.source for s in again.list_drafts()}
    assert sources == {last: "", new: "last_year:2023", copy: "copy"}
