"""Accessible names everywhere, plain dialogs for storage errors, read-only stores, lazy heavy imports."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from gui_helpers import give_focus, open_example, type_text
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QAbstractItemView, QAbstractSpinBox, QComboBox)
ROOT = Path(__file__).resolve().parents[2]


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(root):
            continue
        if widget.metaObject().className().startswith("QtPrivate") or widget.objectName().startswith("qt_"):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface is not None else ""
        if not (widget.accessibleName() or name):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return missing


def test_every_control_has_an_accessible_name(make_window, seed_path):
    window = make_window(preview=True)
    assert not _unnamed(window), _unnamed(window)
    open_example(window, seed_path)
    wizard = window.wizard
    for spec in wizard.specs:
        wizard.show_page(spec.key)
        missing = _unnamed(window)
        assert not missing, f"{spec.key}: {missing}"


def test_autosave_failure_is_told_once_in_the_status_bar_and_keeps_the_text(make_window, store, seed_path, dialogs,
                                                                            monkeypatch, qtbot):
    import storage

    window = make_window()
    draft_id = open_example(window, seed_path)
    attempts = []

    def full(*_args, **_kwargs):
        attempts.append(1)
        raise storage.DiskFullError("磁盘空间已满，草稿未能保存。", "disk full")

    monkeypatch.setattr(store, "save", full)
    window.wizard.show_page("text:s6")
    editor = window.wizard.current_page().block.editor
    give_focus(editor)
    type_text("不会丢")
    qtbot.waitUntil(lambda: len(attempts) >= 1, timeout=3000)
    type_text("也不会")
    qtbot.waitUntil(lambda: len(attempts) >= 2, timeout=3000)
    assert dialogs == []  # autosave failures never open a dialog, however often they repeat
    assert window.save_label.text() == "未保存！" and window.save_details.isVisible()
    assert "磁盘空间已满" in window.statusBar().currentMessage()
    window.save_details.click()  # the way to the details: one dialog, with the advice
    assert len(dialogs) == 1 and "磁盘空间已满" in dialogs[0][1] and "清理磁盘空间" in dialogs[0][1]
    assert window.session.dirty and "不会丢也不会" in window.session.draft.text("s6")
    monkeypatch.undo()
    window.save_now()
    assert "不会丢也不会" in store.load(draft_id).text("s6")
    assert window.save_label.text().startswith("已保存") and not window.save_details.isVisible()


def test_read_only_store_shows_why_and_blocks_editing(make_window, store, sample_path, monkeypatch):
    window = make_window()
    draft_id = open_example(window, sample_path)
    window.show_start()
    monkeypatch.setattr(type(store), "read_only", property(lambda self: True), raising=False)
    monkeypatch.setattr(type(store), "read_only_reason", property(lambda self: "另一台电脑正在使用这些草稿"), raising=False)
    window.open_draft(draft_id)
    wizard = window.wizard
    assert "另一台电脑" in wizard.review_bar.message.text()
    wizard.show_page("text:s5")
    assert wizard.current_page().block.editor.isReadOnly()


def test_import_published_report_shows_the_report_first(make_window, store, monkeypatch, seed_path):
    from PySide6.QtWidgets import QDialog

    import forms
    import importer

    class Result:
        draft = forms.load_draft_file(seed_path)
        report = importer.ImportReport()

    monkeypatch.setattr(importer, "import_report", lambda path: Result())
    shown = []
    monkeypatch.setattr("gui.start.dialogs.ImportReportDialog.exec", lambda self: shown.append(self) or QDialog.DialogCode.Accepted)
    window = make_window()
    draft_id = window.actions_.do_import_report("published.pdf")
    assert shown and draft_id in {d.id for d in store.list_drafts()}
    assert window.session.draft_id == draft_id


def test_start_up_path_keeps_reportlab_and_storage_history_out():
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from gui.app import create_app, demo_path
        from gui.main_window import MainWindow
        app = create_app()
        window = MainWindow(lambda: None, preview=False)
        window.show()
        window.open_demo(str(demo_path()))     # the wizard is built and shown on the in-memory seed
        window.wizard.current_page().repaint()  # first paint
        print(sorted(m for m in ("reportlab", "render", "tinydb", "storage") if m in sys.modules), flush=True)
        os._exit(0)
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_bundled_chinese_font_is_the_ui_font(qapp):  # noqa: ANN001
    import pytest

    from gui.fonts import bundled_font_path, install_ui_font

    if not bundled_font_path().is_file():
        pytest.skip("render/fonts/NotoSansSC-GBK.ttf not built")
    family = install_ui_font(qapp)
    assert family and "Noto Sans" in family
    assert qapp.font().families()[0] == family


def test_icons_have_high_dpi_pixmaps():  # noqa: D103
    from PySide6.QtCore import QSize

    from gui.icons import state_icon

    sizes = state_icon("errors").availableSizes()
    assert QSize(16, 16) in sizes and QSize(32, 32) in sizes


def test_navigator_shows_the_agencys_own_subsection_titles(qtbot, seed_path) -> None:
    """The seed calls （三） '政府信息规范化、标准化管理情况': the navigator must say so, and follow edits."""
    from forms import load_draft_file, load_format
    from gui.pages.navigator import Navigator
    from gui.pages.specs import build_pages

    draft = load_draft_file(seed_path)
    definition = load_format(draft.format_id)
    navigator = Navigator(definition, build_pages(definition), headings=draft.headings)
    qtbot.addWidget(navigator)
    titles = [navigator._items[key].text(0) for key in navigator._items]
    assert "（三）政府信息规范化、标准化管理情况" in titles
    assert "（一）主动公开情况" in titles
    navigator.set_headings({**draft.headings, "s1.active": "主动公开工作"})
    titles = [navigator._items[key].text(0) for key in navigator._items]
    assert "（一）主动公开工作" in titles and "（一）主动公开情况" not in titles
