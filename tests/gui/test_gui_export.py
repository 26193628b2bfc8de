"""The 导出为 menu: PDF, Word, web page, spreadsheet, and 复制为网页内容 (HTML + plain text on the clipboard)."""

from __future__ import annotations

import openpyxl
from bs4 import BeautifulSoup
from docx import Document
from gui_helpers import open_example
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog


def _menu_actions(window) -> dict[str, object]:
    return {a.text(): a for a in window.export_menu.actions() if a.text()}


def test_export_menu_offers_every_output_and_is_off_without_a_draft(make_window):
    window = make_window()
    assert list(_menu_actions(window)) == ["PDF…", "Word 文档…", "网页…", "电子表格…", "复制为网页内容"]
    assert not window.export_menu.menuAction().isEnabled()


def test_each_menu_item_writes_its_file(make_window, seed_path, tmp_path, monkeypatch):
    window = make_window()
    open_example(window, seed_path)
    assert window.export_menu.menuAction().isEnabled()
    asked: list[str] = []

    def save_as(parent, title, suggested, filters):
        asked.append(title)
        return str(tmp_path / f"out{suggested[suggested.rindex('.'):]}"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    actions = _menu_actions(window)
    for label in ("PDF…", "Word 文档…", "网页…", "电子表格…"):
        actions[label].trigger()
    assert asked == ["导出PDF", "导出Word文档", "导出网页", "导出电子表格"]
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")
    doc = Document(str(tmp_path / "out.docx"))
    assert doc.paragraphs[0].text == "深圳市龙岗区政务服务数据管理局"
    soup = BeautifulSoup((tmp_path / "out.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "zh-CN" and "1316.73万元" in soup.get_text()
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert sheet.sheetnames == ["二", "三", "四"]
    assert "已导出" in window.statusBar().currentMessage()


def test_cancelled_dialog_writes_nothing(make_window, seed_path, tmp_path, monkeypatch):
    window = make_window()
    open_example(window, seed_path)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    assert window.wizard.steps.export_as("docx") is False
    assert list(tmp_path.glob("*.docx")) == []


def test_unwritable_path_shows_a_plain_message(make_window, seed_path, tmp_path, dialogs):
    window = make_window()
    open_example(window, seed_path)
    target = tmp_path / "no-such-folder" / "report.docx"
    assert window.wizard.steps.export_as("docx", str(target)) is False
    assert not target.exists()
    assert dialogs and "文件夹不存在" in dialogs[-1][1] and "Traceback" not in dialogs[-1][1]
    from gui.errors import advice_text
    from render.output_file import OutputWriteError

    assert "换一个文件夹" in advice_text(OutputWriteError("x", "y"))  # the error's own advice, not the generic one


def test_copy_as_web_content_puts_html_and_text_on_the_clipboard(make_window, seed_path):
    window = make_window()
    open_example(window, seed_path)
    QGuiApplication.clipboard().clear()
    _menu_actions(window)["复制为网页内容"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    soup = BeautifulSoup(mime.html(), "html.parser")
    assert soup.h1.get_text(" ", strip=True) == "深圳市龙岗区政务服务数据管理局 2020年政府信息公开工作年度报告"
    assert len(soup.find_all("table")) == 7  # five clause blocks of 二, then 三 and 四
    text = mime.text()
    assert text.startswith("深圳市龙岗区政务服务数据管理局\n2020年政府信息公开工作年度报告\n")
    assert "政府集中采购\t19\t1316.73万元" in text
    assert text.rstrip().endswith("2021年1月14日")
    assert "<" not in text.split("\n")[0]


def test_fill_tables_from_a_spreadsheet_is_one_undo_step(make_window, seed_path, sample_path, tmp_path, dialogs, monkeypatch):
    import openpyxl

    import forms
    from render.sheet import write_sheet

    window = make_window()
    open_example(window, seed_path)
    seed = forms.load_draft_file(seed_path)
    sheet = tmp_path / "tables.xlsx"
    edited = seed.copy()
    edited.set_value("t3", "new", "commercial", 5)
    write_sheet(edited, sheet)
    wb = openpyxl.load_workbook(sheet)
    wb["三"]["F6"] = "很多"  # refused, and said so
    wb.save(sheet)
    window.wizard.show_page("tables:3")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(sheet), "")))
    window.fill_action.trigger()
    draft = window.session.draft
    assert draft.value("t3", "new", "commercial") == 5 and draft.value("t3", "new", "total") == 6
    summary = dialogs[-1][1]
    assert "未采用 1 个" in summary and "三!F6" in summary and "很多" in summary
    grid = window.wizard.current_page().grids["t3"]
    assert "6" in [grid.model.data(grid.model.index(r, c)) for r in range(grid.model.rowCount())
                   for c in range(grid.model.columnCount())]
    window.session.stack.undo()  # the whole fill is one step
    assert draft.value("t3", "new", "commercial") is None and draft.value("t3", "new", "total") == 1
    window.session.stack.redo()
    assert draft.value("t3", "new", "commercial") == 5


def test_fill_tables_refuses_an_unreadable_file(make_window, seed_path, tmp_path, dialogs):
    window = make_window()
    open_example(window, seed_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("not a workbook")
    before = dict(window.session.draft.values)
    assert window.wizard.steps.fill_tables_from_sheet(str(bad)) is False
    assert window.session.draft.values == before
    assert "不是可读取的 Excel 工作簿" in dialogs[-1][1]
