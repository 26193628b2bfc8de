"""What the store found and did while opening is told to the clerk: every kind of message, each damaged
draft named by agency and year (never by its folder's hex id), as plain text; healthy drafts stay listed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import forms
import storage
from gui.i18n import set_language

A, B, C = ("甲县人民政府办公室", 2023), ("乙市教育局", 2024), ("丙镇人民政府", 2022)


def _draft(agency: str, year: int, value: int) -> forms.Draft:
    draft = forms.new_draft(agency, year)
    draft.set_value("t3", "carried_in", "natural", value)
    return draft


def _store_with_three(root: Path) -> dict[tuple[str, int], str]:
    ids = {}
    with storage.open_store(root) as s:
        for value, who in enumerate((A, B, C), start=1):
            ids[who] = s.create(_draft(*who, value))
            s.save(ids[who], _draft(*who, value * 10))
    return ids


def _window(qtbot, root: Path):  # type: ignore[no-untyped-def]
    from gui.app import create_app
    from gui.main_window import MainWindow

    create_app()
    window = MainWindow(lambda: storage.open_store(root), preview=False)
    qtbot.addWidget(window)
    window.show()
    window.ensure_store()
    return window


def _close(window) -> None:  # type: ignore[no-untyped-def]
    window.close()


def _listed(window) -> set[str]:  # type: ignore[no-untyped-def]
    return {d.id for d in window.store.list_drafts()}


def test_every_damage_is_told_by_agency_and_year(qtbot, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "草稿"
    ids = _store_with_three(root)
    folder = root / "drafts"
    draft_file = folder / ids[A] / "draft.json"
    draft_file.unlink()
    draft_file.mkdir()  # a folder where the draft file belongs -> recovered from its revisions
    backups = folder / ids[B] / "backups"
    shutil.rmtree(backups)
    backups.write_text("x")  # a file where a folder belongs -> repaired
    shutil.rmtree(folder / ids[C])  # -> draft_missing
    (root / "store.lock").mkdir()  # an old folder as the lock -> lock_repaired

    window = _window(qtbot, root)
    codes = {m.code for m in window.store.open_report}
    assert codes == {"recovered", "repaired", "draft_missing", "lock_repaired"}, codes
    [(kind, text)] = dialogs
    assert kind == "box" and text.startswith("草稿库: 打开草稿库时发现并处理了以下情况")
    for message in window.store.open_report:
        assert message.zh in text
    assert "甲县人民政府办公室 2023 年度" in text and "历史版本" in text
    assert "乙市教育局 2024 年度" in text and "备份文件夹" in text
    assert "丙镇人民政府 2022 年度" in text and "不见了" in text
    assert "store.lock" in text
    assert not any(draft_id[:8] in text for draft_id in ids.values())
    assert _listed(window) == {ids[A], ids[B]}  # healthy and recovered drafts stay reachable
    assert window.store.load(ids[A]).values[("t3", "carried_in", "natural")] == 10
    assert window.open_draft(ids[B]) is not None
    _close(window)


def test_the_message_box_is_plain_text(qtbot, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    root = tmp_path / "草稿"
    ids = {}
    with storage.open_store(root) as s:
        ids["x"] = s.create(_draft("<b>粗体</b>局", 2023, 1))
        s.save(ids["x"], _draft("<b>粗体</b>局", 2023, 2))
    path = root / "drafts" / ids["x"] / "draft.json"
    path.write_bytes(b"")
    boxes: list[QMessageBox] = []
    original = QMessageBox.exec

    def keep(self: QMessageBox) -> int:
        boxes.append(self)
        return original(self)

    QMessageBox.exec = keep  # type: ignore[method-assign]
    try:
        window = _window(qtbot, root)
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
    assert len(boxes) == 1 and boxes[0].textFormat() == Qt.TextFormat.PlainText
    assert "<b>粗体</b>局 2023 年度" in boxes[0].text()
    _close(window)


def test_a_read_only_store_tells_the_damage_it_left_alone(qtbot, tmp_path: Path, dialogs) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "草稿"
    ids = _store_with_three(root)
    backups = root / "drafts" / ids[B] / "backups"
    with storage.open_store(root):  # another program holds the store (and the damage comes after it opened)
        shutil.rmtree(backups)
        backups.write_text("x")
        window = _window(qtbot, root)
        codes = [m.code for m in window.store.open_report]
        assert codes[0] == "locked" and "damaged_read_only" in codes
        [(_kind, text)] = dialogs
        assert "只能查看" in text and "乙市教育局 2024 年度" in text and "尚未修复" in text
        window.close()


@pytest.mark.parametrize("lang", ["en"])
def test_english_report(qtbot, tmp_path: Path, dialogs, lang: str) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "草稿"
    ids = _store_with_three(root)
    shutil.rmtree(root / "drafts" / ids[C])
    set_language(lang)
    try:
        window = _window(qtbot, root)
        [(_kind, text)] = dialogs
        assert "While opening the drafts" in text and "丙镇人民政府 2022" in text and "folder missing" in text
        window.close()
    finally:
        set_language("zh")
