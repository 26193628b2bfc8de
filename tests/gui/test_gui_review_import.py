"""Importing a report the store already holds (same agency and year): said, with replace / keep both / cancel;
and the list tells two drafts apart (status, last change, source)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

import forms
import storage


@pytest.fixture
def choose(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Answer the conflict question by clicking the button whose text is ``choice["button"]``."""
    choice: dict[str, object] = {"button": "取消", "seen": []}

    def exec_(box: QMessageBox) -> int:
        choice["seen"].append(f"{box.text()} {box.informativeText()}")
        for button in box.buttons():
            if button.text() == choice["button"]:
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return choice


def _other_pcs_file(tmp_path: Path, sample_path: Path, name: str = "科室报来的.nianbao") -> tuple[str, Path]:
    draft = forms.load_draft_file(sample_path)
    draft.texts["s6"] = "另一台电脑上写的。"
    with storage.open_store(tmp_path / "另一台") as other:
        draft_id = other.create(draft)
        path = tmp_path / name
        other.export_file(draft_id, path)
    return draft_id, path


def _column(start, header: str) -> list[str]:
    model = start.model
    column = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == header)
    return [model.item(r, column).text() for r in range(model.rowCount())]


def test_same_report_asks_and_cancel_keeps_one(make_window, store, sample_path, tmp_path, choose):
    window = make_window()
    mine = store.create(forms.load_draft_file(sample_path))
    store.submit(mine, "李填报")
    _theirs, path = _other_pcs_file(tmp_path, sample_path)
    assert window.actions_.do_import(str(path)) is None
    (asked,) = choose["seen"]
    assert "同一机关同一年度" in asked and "待审核" in asked and "最后修改" in asked and "本机填写" in asked
    assert [d.id for d in store.list_drafts()] == [mine]


def test_keep_both_and_the_list_tells_them_apart(make_window, store, sample_path, tmp_path, choose):
    window = make_window()
    mine = store.create(forms.load_draft_file(sample_path))
    theirs, path = _other_pcs_file(tmp_path, sample_path)
    choose["button"] = "两份都保留"
    assert window.actions_.do_import(str(path)) == theirs
    window.reload_drafts()
    start = window.start
    assert start.model.rowCount() == 2
    sources = _column(start, "来源")
    assert sorted(sources) == sorted(["本机填写", "导入：科室报来的.nianbao"])
    assert _column(start, "状态") and all(_column(start, "最后修改"))
    assert store.load(mine).texts.get("s6") != "另一台电脑上写的。"


def test_replace_keeps_one_draft_with_the_imported_content(make_window, store, sample_path, tmp_path, choose):
    window = make_window()
    mine = store.create(forms.load_draft_file(sample_path))
    _theirs, path = _other_pcs_file(tmp_path, sample_path)
    choose["button"] = "用导入的替换"
    assert window.actions_.do_import(str(path)) == mine
    assert [d.id for d in store.list_drafts()] == [mine]
    assert store.load(mine).texts["s6"] == "另一台电脑上写的。"
    assert store.revisions(mine)[-1].kind == "import"


def test_published_report_of_a_stored_year_asks_too(make_window, store, sample_path, tmp_path, choose):
    from render.web import render_html

    window = make_window()
    mine = store.create(forms.load_draft_file(sample_path))
    page = tmp_path / "网站上的年报.html"
    page.write_text(render_html(forms.load_draft_file(sample_path)), encoding="utf-8")

    def accept_report() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, accept_report)
        else:
            dialog.accept()

    QTimer.singleShot(20, accept_report)
    assert window.actions_.do_import_report(str(page)) is None  # 取消
    assert "同一机关同一年度" in choose["seen"][0] and len(store.list_drafts()) == 1
    choose["button"] = "两份都保留"
    QTimer.singleShot(20, accept_report)
    new_id = window.actions_.do_import_report(str(page))
    assert new_id and new_id != mine and len(store.list_drafts()) == 2
    assert {d.id: d.source for d in store.list_drafts()}[new_id] == "import:网站上的年报.html"
