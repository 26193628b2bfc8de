"""``nianbao batch check|rollup`` and ``nianbao compare`` as a clerk's script runs them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
from pypdf import PdfReader

import forms

ROOT = Path(__file__).resolve().parents[2]


def nianbao(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "nianbao", *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_batch_check_writes_the_checklist_and_exits_1_on_a_missing_unit(small_batch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, roster = small_batch
    sorted(folder.glob("*.json"))[2].unlink()
    out = tmp_path / "清单.xlsx"
    done = nianbao("batch", "check", str(folder), "--roster", str(roster), "-o", str(out), "--quiet")
    assert done.returncode == 1, done.stderr
    assert "未收到" in done.stdout and "Traceback" not in done.stderr
    states = [r[1] for r in openpyxl.load_workbook(out)["单位"].iter_rows(min_row=2, values_only=True)]
    assert states.count("未收到") == 1 and states.count("已收到") == 11


def test_batch_check_with_an_unreadable_roster_exits_2(small_batch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, _ = small_batch
    bad = tmp_path / "名单.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    done = nianbao("batch", "check", str(folder), "--roster", str(bad), "-o", str(tmp_path / "x.xlsx"))
    assert done.returncode == 2 and "名单" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_batch_rollup_follows_the_roster_and_writes_a_loadable_draft(small_batch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder, roster = small_batch
    out = tmp_path / "全市汇总.json"
    done = nianbao("batch", "rollup", str(folder), "--roster", str(roster), "--agency", "江南市汇总", "-o", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    region = forms.load_draft_file(out)
    assert region.agency == "江南市汇总" and region.year == 2021
    assert "个下级单位" in done.stdout


def test_compare_prints_changes_and_writes_a_pdf(tmp_path) -> None:
    last = forms.load_draft_file(ROOT / "examples" / "sample-2021.json")
    this = last.copy()
    this.year = 2022
    this.values[("t3", "new", "natural")] = (this.values.get(("t3", "new", "natural")) or 0) + 7
    this.texts["s5"] = "本年度新设立了依申请公开受理窗口，群众可现场查询办理进度。"
    forms.save_draft_file(last, tmp_path / "2021.json")
    forms.save_draft_file(this, tmp_path / "2022.json")
    pdf = tmp_path / "对比.pdf"
    done = nianbao("compare", str(tmp_path / "2021.json"), str(tmp_path / "2022.json"), "-o", str(pdf))
    assert done.returncode == 1, done.stderr  # copied sections and carry-over findings are reported
    assert "（+7）" in done.stdout and "超过阈值" in done.stdout
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "2021 与 2022 年度报告对比" in text and "依申请公开受理窗口" in text


def test_compare_with_an_unreadable_file_exits_2(tmp_path) -> None:
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    shutil.copy(ROOT / "examples" / "sample-2021.json", tmp_path / "ok.json")
    done = nianbao("compare", str(tmp_path / "bad.json"), str(tmp_path / "ok.json"))
    assert done.returncode == 2 and "无法读取" in done.stderr and "Traceback" not in done.stderr
