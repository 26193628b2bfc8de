"""The command line as a clerk's script or CI would run it: exit codes, messages, JSON output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def nianbao(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nianbao", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, timeout=60, check=False
    )


def test_validate_seed_exits_1_and_names_the_balance_violation(seed_path) -> None:
    result = nianbao("validate", str(seed_path))
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "E_BALANCE" in line]
    assert len(lines) == 2
    assert "“自然人”列" in lines[0] and "第一项1 + 第二项0 = 1，而 第三项1 + 第四项1 = 2" in lines[0]
    assert "“总计”列" in lines[1]
    assert "共 2 个错误" in result.stdout


def test_validate_sample_exits_0(sample_path) -> None:
    result = nianbao("validate", str(sample_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "共 0 个错误，0 个警告" in result.stdout


def test_validate_json_output(seed_path) -> None:
    result = nianbao("validate", "--json", str(seed_path))
    assert result.returncode == 1
    findings = json.loads(result.stdout)
    balance = [f for f in findings if f["code"] == "E_BALANCE"]
    assert balance[0]["severity"] == "error"
    assert balance[0]["location"] == {"section": "3", "table": "t3", "column": "natural"}
    assert "勾稽关系" in balance[0]["message"] and "balance rule" in balance[0]["message_en"]
    assert {f["severity"] for f in findings} == {"error", "warning"}


def test_validate_english(seed_path) -> None:
    result = nianbao("validate", "--lang", "en", str(seed_path))
    assert "2 error(s)" in result.stdout and "breaks the balance rule" in result.stdout


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "文件是空的"),
        (b'{"schema": "nianbao-draft", "schema_version": 1, "format": "2019", "agen', "JSON 格式错误"),
        ('{"x": "龙岗"}'.encode("gb18030"), "UTF-8"),
        (
            b'{"schema": "nianbao-draft", "schema_version": 1, "format": "1999", "agency": "a", "year": 2020}',
            "format：未知的报告格式",
        ),
        (
            (
                b'{"schema": "nianbao-draft", "schema_version": 1, "format": "2021", "agency": "a", "year": 2021,'
                b' "tables": {"t3": {"new": {"natural": -1}}}}'
            ),
            "tables.t3.new.natural：数值 -1 无效：不能为负数",
        ),
        (
            (
                b'{"schema": "nianbao-draft", "schema_version": 1, "format": "2021", "agency": "a", "year": 2021,'
                b' "tables": {"t3": {"new": {"natural": 99999999999}}}}'
            ),
            "tables.t3.new.natural：数值 99999999999 无效：数值过大",
        ),
        (
            b'{"schema": "nianbao-draft", "schema_version": 1, "format": "2021", "agency": 5, "year": 2021}',
            "agency：应为文字",
        ),
    ],
)
def test_bad_files_exit_2_with_a_message_and_no_traceback(tmp_path, content: bytes, words: str) -> None:
    bad = tmp_path / "坏 文件.json"
    bad.write_bytes(content)
    result = nianbao("validate", str(bad))
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_huge_file_exit_2(tmp_path) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b"{" + b" " * (6 * 1024 * 1024) + b"}")
    result = nianbao("validate", str(big))
    assert result.returncode == 2 and "文件过大" in result.stderr


def test_missing_file_exit_2(tmp_path) -> None:
    result = nianbao("validate", str(tmp_path / "none.json"))
    assert result.returncode == 2 and "找不到文件" in result.stderr


def test_new_creates_a_blank_draft_in_the_right_format(tmp_path) -> None:
    out = tmp_path / "草稿 2021.json"
    result = nianbao("new", "--year", "2021", "--agency", "某某区教育局", "-o", str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format"] == "2021" and data["agency"] == "某某区教育局" and data["tables"] == {}
    assert data["signature"] == {"agency": "某某区教育局", "date": None}
    old = tmp_path / "old.json"
    assert nianbao("new", "--year", "2020", "--agency", "x", "-o", str(old)).returncode == 0
    assert json.loads(old.read_text(encoding="utf-8"))["format"] == "2019"
    # a fresh draft has errors only once submitted; while drafting it warns
    assert nianbao("validate", str(out)).returncode == 0
    assert nianbao("validate", "--submit", str(out)).returncode == 1


def test_new_refuses_to_overwrite(tmp_path) -> None:
    out = tmp_path / "d.json"
    out.write_text("keep me", encoding="utf-8")
    result = nianbao("new", "--year", "2021", "--agency", "x", "-o", str(out))
    assert result.returncode == 2 and "已存在" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"


def test_forms_imports_no_gui_pdf_or_database_library() -> None:
    code = "import sys, forms, forms.validation, forms.draft_json; print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6','reportlab','tinydb','pypdf')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize("year", ["1990", "2007", "2101", "20211"])
def test_new_refuses_a_year_out_of_range_and_writes_nothing(tmp_path, year: str) -> None:
    out = tmp_path / "x.json"
    result = nianbao("new", "--year", year, "--agency", "某某区教育局", "-o", str(out))
    assert result.returncode == 2
    assert "报告年度应为 2008—2100" in result.stderr and year in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_new_writes_the_agency_level(tmp_path) -> None:
    out = tmp_path / "town.json"
    assert nianbao("new", "--year", "2022", "--agency", "某某县某某镇人民政府", "-o", str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] == 2 and data["level"] == "township"
