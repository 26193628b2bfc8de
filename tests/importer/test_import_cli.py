"""``nianbao import``: exit codes, messages and the written draft."""

from __future__ import annotations

import json
from pathlib import Path

from forms import load_draft_file
from nianbao.cli import main


def test_import_writes_draft(tmp_path: Path, seed_txt_path: Path, longgang, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "draft.json"
    assert main(["import", str(seed_txt_path), "-o", str(out)]) == 0
    assert load_draft_file(out).values == longgang.values
    printed = capsys.readouterr().out
    assert "推测 5 处" in printed and "第 231 行" in printed


def test_import_json_report(tmp_path: Path, seed_txt_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["import", str(seed_txt_path), "-o", str(tmp_path / "d.json"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format"] == "2019" and len(report["sections"]["3"]["guessed"]) == 5


def test_import_refuses_to_overwrite(tmp_path: Path, seed_txt_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "draft.json"
    out.write_text("keep me", encoding="utf-8")
    assert main(["import", str(seed_txt_path), "-o", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "keep me"
    assert "已存在" in capsys.readouterr().err
    assert main(["import", str(seed_txt_path), "-o", str(out), "--force"]) == 0


def test_import_bad_input_exit_2_without_output(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "letter.txt"
    source.write_text("会议通知\n请各科室准时参加。\n", encoding="utf-8")
    out = tmp_path / "draft.json"
    assert main(["import", str(source), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err
    assert not out.exists()
    assert main(["import", str(source), "-o", str(out), "--lang", "en"]) == 2
    assert "does not look like" in capsys.readouterr().err
