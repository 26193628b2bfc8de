"""File dialogs: Qt's own dialog entirely in Chinese, opening in Documents or the folder used last."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from gui_helpers import open_example, spin
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QTreeView,
    QWidget,
)


@pytest.fixture
def chinese_qt(qapp):
    """Qt's own texts in Chinese, as the program installs them at start; removed afterwards."""
    from gui.i18n import install_qt_translations

    install_qt_translations(qapp, "zh")
    yield qapp
    install_qt_translations(qapp, "en")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in home folder with a Documents folder (no real user folder is looked at)."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return home


def visible_texts(dialog: QWidget) -> list[str]:
    texts = []
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        texts += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QTreeView):
            model = widget.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
            for row in range(model.rowCount(widget.rootIndex())):
                texts.append(str(model.index(row, 2, widget.rootIndex()).data()))  # the type column
    return [t for t in texts if t]


@pytest.mark.parametrize("mode", ["save", "open", "folder"])
def test_qts_file_dialog_speaks_chinese(chinese_qt, tmp_path: Path, mode: str) -> None:
    (tmp_path / "子文件夹").mkdir()
    dialog = QFileDialog(None, "导出PDF", str(tmp_path), "PDF 文件 (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    elif mode == "folder":
        dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.resize(900, 560)
    dialog.show()
    spin(600)  # the folder is read in the background
    texts = visible_texts(dialog)
    joined = "\n".join(texts)
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert ["名称", "大小", "类型", "修改日期"] == [t for t in texts if t in ("名称", "大小", "类型", "修改日期", "体积")]
    assert "文件夹" in texts  # the type of the sub-folder
    assert "取消" in texts and ("保存(&S)" in texts if mode == "save" else True)
    leftovers = [t for t in texts if re.search(r"[A-Za-z]{3,}", t.replace("PDF", "").replace(str(tmp_path), ""))]
    assert not leftovers, f"English left in the file dialog: {leftovers}"
    for combo in dialog.findChildren(QComboBox):
        assert all(not re.search(r"[A-Za-z]{4,}", combo.itemText(i).replace(str(tmp_path), "").replace("PDF", ""))
                   for i in range(combo.count()))
    dialog.close()
    assert "Look in" not in joined and "Files of type" not in joined


def answer_file_dialog(seen: list[str], choose: str | None) -> None:
    """When the next file dialog is up: note the folder it opened in, then pick ``choose`` (None: cancel)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, act)
            return
        seen.append(dialog.directory().absolutePath())
        seen.append(dialog.selectedFiles()[0] if dialog.selectedFiles() else "")
        if choose is None:
            dialog.reject()
        else:  # go to the folder, type the name, press 保存/打开 as a clerk would
            dialog.setDirectory(str(Path(choose).parent))
            name = dialog.findChild(QLineEdit, "fileNameEdit")
            name.setText(Path(choose).name)
            QTest.keyClick(name, Qt.Key.Key_Return)

    QTimer.singleShot(100, act)


def test_export_opens_in_documents_then_in_the_folder_used_last(make_window, seed_path, home: Path, tmp_path: Path):
    from gui.file_dialogs import LAST_FOLDER_KEY
    from gui.settings import app_settings

    window = make_window()
    open_example(window, seed_path)
    out = tmp_path / "导出 文件夹"
    out.mkdir()
    seen: list[str] = []
    answer_file_dialog(seen, str(out / "年报.pdf"))
    assert window.wizard.steps.export_pdf()
    folder, offered = seen
    assert Path(folder) == home / "Documents"
    assert Path(offered).name == "深圳市龙岗区政务服务数据管理局2020年政府信息公开工作年度报告.pdf"
    exported = out / "年报.pdf"
    assert exported.read_bytes().startswith(b"%PDF")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(exported.stat().st_mode) == 0o666 & ~mask  # the user's usual permissions
    assert Path(str(app_settings().value(LAST_FOLDER_KEY))) == out

    seen.clear()
    answer_file_dialog(seen, None)  # the next dialog, of another kind, opens where the clerk saved last
    assert window.actions_.do_import() is None
    assert Path(seen[0]) == out
    seen.clear()
    answer_file_dialog(seen, None)
    assert not window.wizard.steps.export_as("docx")
    assert Path(seen[0]) == out


def test_a_vanished_last_folder_falls_back_to_documents_then_home(home: Path, tmp_path: Path):
    from gui.file_dialogs import LAST_FOLDER_KEY, remember_folder, safe_file_name, start_folder
    from gui.settings import app_settings

    gone = tmp_path / "usb-stick"
    gone.mkdir()
    remember_folder(str(gone / "x.pdf"))
    assert start_folder() == str(gone)
    gone.rmdir()
    assert Path(start_folder()) == home / "Documents"
    (home / "Documents").rmdir()
    assert Path(start_folder()) == home
    assert app_settings().value(LAST_FOLDER_KEY) == str(gone)
    assert safe_file_name("某市/某区:局*?2024年报.pdf") == "某市_某区_局__2024年报.pdf"
