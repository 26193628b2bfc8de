"""``nianbao export`` and ``nianbao fill-tables`` as a clerk's script calls them."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from bs4 import BeautifulSoup
from docx import Document
from render_helpers import SEED

from forms import load_draft_file, new_draft, save_draft_file
from nianbao.cli import main


@pytest.mark.parametrize("fmt", ["docx", "html", "xlsx", "pdf"])
def test_export_each_format(fmt, tmp_path, capsys):
    out = tmp_path / f"seed.{fmt}"
    assert main(["export", str(SEED), "--to", fmt, "-o", str(out)]) == 0
    assert f"：{out}" in capsys.readouterr().out
    data = out.read_bytes()
    assert data.startswith({"docx": b"PK", "xlsx": b"PK", "html": b"<!DOCTYPE html>", "pdf": b"%PDF"}[fmt])


def test_format_from_the_extension_and_contents(tmp_path):
    assert main(["export", str(SEED), "-o", str(tmp_path / "a.docx")]) == 0
    assert Document(str(tmp_path / "a.docx")).paragraphs[1].text == "2020年政府信息公开工作年度报告"
    assert main(["export", str(SEED), "-o", str(tmp_path / "a.html")]) == 0
    soup = BeautifulSoup((tmp_path / "a.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h2.get_text() == "一、总体情况"


def test_export_errors_exit_2_with_a_message(tmp_path, capsys):
    assert main(["export", str(SEED), "-o", str(tmp_path / "a.odt")]) == 2
    assert "--to" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "none.json"), "--to", "docx", "-o", str(tmp_path / "a.docx")]) == 2
    assert "找不到文件" in capsys.readouterr().err
    assert main(["export", str(SEED), "--to", "xlsx", "-o", str(tmp_path / "no" / "a.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：无法写入电子表格") and "文件夹不存在" in err and "Traceback" not in err
    assert main(["export", str(SEED), "--to", "html", "-o", str(tmp_path / "no" / "a.html"), "--lang", "en"]) == 2
    assert "the folder does not exist" in capsys.readouterr().err


def test_fill_tables_round_trip_and_listing(tmp_path, capsys):
    sheet = tmp_path / "seed.xlsx"
    assert main(["export", str(SEED), "--to", "xlsx", "-o", str(sheet)]) == 0
    wb = openpyxl.load_workbook(sheet)
    wb["三"]["E6"] = "两件"
    wb.save(sheet)
    seed = load_draft_file(SEED)
    empty = tmp_path / "empty.json"
    save_draft_file(new_draft(seed.agency, seed.year, seed.format_id), empty)
    out = tmp_path / "filled.json"
    capsys.readouterr()
    assert main(["fill-tables", str(empty), "--from", str(sheet), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "采用 二!C5: 0" in printed and "未采用 三!E6: “两件”不是整数" in printed
    assert "未采用 1 个" in printed
    filled = load_draft_file(out)
    assert {k: v for k, v in filled.values.items()} == seed.values


def test_fill_tables_bad_workbook_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    out = tmp_path / "out.json"
    assert main(["fill-tables", str(SEED), "--from", str(bad), "-o", str(out)]) == 2
    assert "不是可读取的 Excel 工作簿" in capsys.readouterr().err
    assert not out.exists()


def test_fill_tables_to_a_missing_folder_exits_2_with_the_reason(tmp_path, capsys):
    sheet = tmp_path / "seed.xlsx"
    assert main(["export", str(SEED), "--to", "xlsx", "-o", str(sheet)]) == 0
    capsys.readouterr()
    assert main(["fill-tables", str(SEED), "--from", str(sheet), "-o", str(tmp_path / "no" / "out.json")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "文件夹不存在" in err and "Traceback" not in err
    assert main(["fill-tables", str(SEED), "--from", str(sheet), "-o", str(tmp_path / "no" / "out.json"), "--lang", "en"]) == 2
    assert "the folder does not exist" in capsys.readouterr().err


def test_fresh_process_help_lists_the_commands():
    proc = subprocess.run([sys.executable, "-m", "nianbao", "--help"], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "export" in proc.stdout and "fill-tables" in proc.stdout


def test_the_command_offers_every_output_format_and_no_other() -> None:
    """The command keeps its own list (parsing must not import ReportLab); it must match the writer's."""
    from nianbao.commands.export import FORMATS
    from render.exports import OUTPUT_FORMATS

    assert FORMATS == OUTPUT_FORMATS
