"""The GUI opens both members of the draft-file family and names exports for what they hold."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import forms
from nianbao.cli import main


def test_open_file_opens_a_draft_json_written_by_nianbao_new(make_window, store, tmp_path: Path, capsys) -> None:
    from gui.app import open_file

    path = tmp_path / "草稿.json"
    assert main(["new", "--year", "2023", "--agency", "某某县人民政府办公室", "-o", str(path)]) == 0
    window = make_window()
    draft_id = open_file(window, str(path))
    assert draft_id is not None and window.session.draft_id == draft_id
    assert window.session.draft.agency == "某某县人民政府办公室" and window.session.draft.year == 2023
    assert store.review(draft_id).status == "draft"


def test_export_is_named_nianbao_and_reads_back(make_window, store, seed_path: Path, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    draft_id = store.create(forms.load_draft_file(seed_path))
    window = make_window()
    window.reload_drafts(select=draft_id)
    asked: list[tuple[str, str]] = []

    def save_as(parent, title, suggested, filters):  # type: ignore[no-untyped-def]
        asked.append((suggested, filters))
        return str(tmp_path / Path(suggested).name), filters  # the dialog offers the name in the start folder

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    assert window.actions_.do_export()
    (suggested, filters), = asked
    assert suggested.endswith("年度报告.nianbao") and "*.nianbao" in filters and "*.json" not in filters
    assert main(["store", "import", "--keep-both", str(tmp_path / Path(suggested).name)]) == 0  # reads back as an exchange file


@pytest.mark.timeout(60)
def test_opening_a_pipe_shows_a_message_and_does_not_hang(make_window, store, tmp_path: Path, dialogs) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are POSIX")
    from gui.app import open_file

    fifo = tmp_path / "管道.nianbao"
    os.mkfifo(fifo)
    window = make_window()
    assert open_file(window, str(fifo)) is None
    assert any("命名管道" in text for _kind, text in dialogs), dialogs
    assert store.list_drafts() == []


def test_a_render_error_is_shown_in_chinese_without_reportlab_details(qtbot, dialogs) -> None:
    from PySide6.QtWidgets import QWidget

    from gui.errors import show_error
    from render import RenderError

    parent = QWidget()
    qtbot.addWidget(parent)
    error = RenderError("排版失败：报告内容无法排入页面，请检查过长的内容", "layout failed",
                        "LayoutError('Flowable <Table@0x7f> too large on page 3')")
    show_error(parent, "导出失败", error)
    (_kind, text), = dialogs
    assert text.startswith("导出失败: 排版失败：报告内容无法排入页面，请检查过长的内容")
    assert "LayoutError" not in text and "Flowable" not in text and "layout failed" not in text
