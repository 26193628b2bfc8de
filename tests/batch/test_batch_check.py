"""A batch with every bad case: rows with reasons, nothing stops, nothing written into the units' files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

import forms
from batch import check_batch, read_roster
from batch.checklist import write_json, write_workbook
from batch.rollup import contributions_from, roll_up
from batch.roster import roster_from_rows

ROOT = Path(__file__).resolve().parents[2]


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def messy_batch(small_batch, tmp_path):  # type: ignore[no-untyped-def]
    folder, roster_path = small_batch
    files = sorted(folder.glob("*.json"))
    shutil.copy(files[3], folder / "copy-of-the-same-unit.json")  # two files for one unit
    files[5].unlink()  # a unit that sent nothing
    (folder / "broken.json").write_text('{"schema": "nianbao-draft", "year": ', encoding="utf-8")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4\n%garbage that is no PDF\n")
    (folder / "notes.txt").write_text("会议纪要：本周安排。", encoding="utf-8")
    (folder / "readme.md").write_text("not a report", encoding="utf-8")  # skipped: not a report file type
    outsider = forms.load_draft_file(ROOT / "examples" / "sample-2021.json")
    outsider.agency = "不在名单上的办公室"
    forms.save_draft_file(outsider, folder / "outsider.json")
    rows = [r.split(",") for r in roster_path.read_text(encoding="utf-8-sig").splitlines()]
    rows.append([rows[2][0], "部门", rows[2][2], ""])  # duplicate roster name
    rows.append(["甲单位", "部门", "乙单位", ""])  # a cycle
    rows.append(["乙单位", "部门", "甲单位", ""])
    roster = roster_from_rows(rows)
    return folder, roster, files


def test_every_bad_case_is_a_row_with_a_reason(messy_batch) -> None:  # type: ignore[no-untyped-def]
    folder, roster, files = messy_batch
    before = _digest(folder)
    seen: list[int] = []
    result = check_batch([folder], roster=roster, workers=2, progress=lambda done, total, path: seen.append(done))
    assert _digest(folder) == before  # only read
    states = {(u.unit, u.state) for u in result.units}
    by_state: dict[str, list] = {}
    for unit in result.units:
        by_state.setdefault(unit.state, []).append(unit)
    missing_name = files[5].stem.split("-", 1)[1]
    assert (missing_name, "missing") in states
    duplicate_name = files[3].stem.split("-", 1)[1]
    assert [u.unit for u in by_state["duplicate"]] == [duplicate_name, duplicate_name]
    assert "2 份报告" in by_state["duplicate"][0].reason_zh
    assert ("不在名单上的办公室", "not_in_roster") in states
    unreadable = {u.unit: u.reason_zh for u in by_state["unreadable"]}
    assert set(unreadable) == {"broken.json", "scan.pdf", "notes.txt"}
    assert all(reason for reason in unreadable.values())
    problems = [u.reason_zh for u in by_state["roster_problem"]]
    assert any("重复" in p for p in problems) and sum("循环" in p for p in problems) == 2
    assert [p.name for p in result.skipped] == ["readme.md"]
    assert seen[-1] == len(list(folder.glob("*"))) - 1 and seen == sorted(seen)
    assert len(by_state["found"]) == 12 - 1 - 1  # 12 units: one missing, one sent twice, the rest found once


def test_checklist_workbook_reads_back(messy_batch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, roster, _ = messy_batch
    result = check_batch([folder], roster=roster, workers=1)
    rollup = roll_up(contributions_from(result.drafts()))
    out = tmp_path / "清单.xlsx"
    write_workbook(out, result, rollup)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["单位", "问题", "汇总"]
    units = list(book["单位"].iter_rows(values_only=True))
    assert units[0][:3] == ("单位", "状态", "原因")
    assert len(units) - 1 == len(result.units)
    first = next(u for u in result.units if u.state == "found")
    row = next(r for r in units if r[0] == first.unit)
    assert row[1] == "已收到" and row[7] == first.loaded.errors and row[8] == first.loaded.warnings and row[5] == 2021
    findings = list(book["问题"].iter_rows(values_only=True))
    assert len(findings) - 1 == sum(len(u.findings) for u in result.units)
    totals = {(r[0], r[1], r[2]): r[3] for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
    t3 = rollup.draft.definition.table("t3")
    new_natural = rollup.draft.values[("t3", "new", "natural")]
    assert totals[(t3.title, "/".join(t3.row("new").labels), t3.column("natural").label)] == new_natural
    write_json(tmp_path / "清单.json", result, rollup)
    data = json.loads((tmp_path / "清单.json").read_text(encoding="utf-8"))
    assert data["counts"] == result.counts() and len(data["units"]) == len(result.units)


def test_previous_year_flags_copied_sections_and_carry_over(small_batch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, roster_path = small_batch
    last_year = tmp_path / "last"
    last_year.mkdir()
    for path in sorted(folder.glob("*.json"))[:3]:
        draft = forms.load_draft_file(path)
        draft.year = 2020
        forms.save_draft_file(draft, last_year / path.name)
    result = check_batch([folder], roster=read_roster(roster_path), previous=[last_year], workers=1)
    compared = [u for u in result.units if u.copied_share is not None]
    assert len(compared) == 3
    assert all(u.copied_share == 1.0 and u.flagged_sections for u in compared)
    assert all(any(f.code == "W_CARRY_FORWARD" for f in u.cross_year) for u in compared)


def test_cancel_stops_between_files(small_batch) -> None:  # type: ignore[no-untyped-def]
    folder, _ = small_batch
    calls = {"n": 0}

    def cancel() -> bool:
        calls["n"] += 1
        return calls["n"] > 3

    result = check_batch([folder], cancel=cancel, workers=1)
    assert result.cancelled and len(result.units) == 3


def test_checklist_written_while_checking_equals_the_one_written_after(messy_batch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from batch.checklist import ChecklistWorkbook
    from batch.run import unit_namer

    folder, roster, _ = messy_batch
    book = ChecklistWorkbook(unit_namer(roster))
    result = check_batch([folder], roster=roster, workers=2, on_loaded=book.add_file)
    rollup = roll_up(contributions_from(result.drafts()))
    book.finish(tmp_path / "streamed.xlsx", result, rollup)
    write_workbook(tmp_path / "after.xlsx", result, rollup)
    streamed, after = openpyxl.load_workbook(tmp_path / "streamed.xlsx"), openpyxl.load_workbook(tmp_path / "after.xlsx")
    for name in ("单位", "问题", "汇总"):
        rows = sorted(map(repr, streamed[name].iter_rows(values_only=True)))
        assert rows == sorted(map(repr, after[name].iter_rows(values_only=True))), name
    assert streamed["问题"].max_row > 1 + len(result.units)  # findings were really written


def test_a_defect_in_a_reader_is_that_files_reason_in_chinese(small_batch, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import importer

    folder, _ = small_batch
    (folder / "网页版.html").write_text("<html><body>年报</body></html>", encoding="utf-8")

    def broken(path):  # type: ignore[no-untyped-def]
        raise TypeError("a bug in a reader")

    monkeypatch.setattr(importer, "import_report", broken)
    result = check_batch([folder], workers=1)
    [row] = [u for u in result.units if u.state == "unreadable"]
    assert row.unit == "网页版.html" and "技术支持" in row.reason_zh and "TypeError" not in row.reason_zh
    assert "TypeError" in row.reason_en
    assert sum(u.state == "found" for u in result.units) == 12  # the batch went on
