"""Accessible names everywhere, plain dialogs for storage errors, read-only stores, lazy heavy imports."""

from __future__ import annotations

import os
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


# Modules the start (``nianbao --demo``) must leave until the wizard's page is on screen: each costs
# start-up time (the validator and its rule patterns, the store, the renderer, dialogs, grids, exports).
NOT_BEFORE_FIRST_PAINT = ("reportlab", "render", "tinydb", "storage", "forms.rules", "forms.validation",
                          "gui.start.start_actions", "gui.start.dialogs", "gui.start.start_screen", "gui.find_replace",
                          "gui.wizard_actions", "gui.file_dialogs", "gui.grid.table_grid", "gui.preview.pane",
                          "gui.pages.last_year")


def test_start_up_path_leaves_what_the_first_page_does_not_need():
    code = textwrap.dedent(
        """
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from gui.app import create_app, demo_path
        from gui.main_window import MainWindow
        app = create_app()
        window = MainWindow(lambda: None, preview=False)
        window.open_demo(str(demo_path()), at_start=True)  # as run_app does: the wizard before the window shows
        window.show()
        window.wizard.current_page().repaint()  # first paint
        print(sorted(m for m in sys.argv[1:] if m in sys.modules), flush=True)
        os._exit(0)
        """
    )
    done = subprocess.run([sys.executable, "-c", code, *NOT_BEFORE_FIRST_PAINT], capture_output=True, text=True, cwd=ROOT,
                          timeout=60, check=False)
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stderr


def test_start_up_paints_before_the_collector_and_pysides_qt_namespace(tmp_path):
    """``nianbao --demo`` as clerks start it: no collector passes before the page is painted, the
    collector back on (with start-up's objects frozen out of its passes) right after; and PySide's Qt
    namespace (31 ms of enums) not yet built at that paint (gui/qt_values.py)."""
    code = textwrap.dedent(
        """
        import builtins, gc, os, sys
        seen = {}
        def record(*args, **kwargs):
            if args and str(args[0]).startswith("READY"):
                seen["at_paint"] = gc.isenabled()
                seen["qt_namespace"] = "Qt" in vars(sys.modules["PySide6.QtCore"])
        builtins.print = record
        from nianbao.cli import main
        code = main(["--demo", "--data-dir", sys.argv[1]])
        sys.stdout.write(repr((code, seen.get("at_paint"), seen.get("qt_namespace"), gc.isenabled(),
                               gc.get_freeze_count() > 1000)) + "\\n")
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NIANBAO_BENCH_READY": "1",
           "NIANBAO_SETTINGS": str(tmp_path / "s.ini"), "NIANBAO_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data")], capture_output=True, text=True, cwd=ROOT,
                          timeout=120, check=False, env=env)
    assert done.stdout.strip().splitlines()[-1] == "(0, False, False, True, True)", done.stderr[-2000:]


def test_after_the_first_paint_the_demo_is_checked_and_stored(make_window, store, qtbot):  # noqa: ANN001
    """At start the findings, the store and the preview wait for the page's first paint, then follow."""
    from gui.app import demo_path

    window = make_window()
    wizard = window.open_demo(str(demo_path()), at_start=True)
    assert wizard is not None and window.session is not None
    assert window.session.findings == [] and window.session.draft_id is None  # nothing yet: the page comes first
    window.show()
    qtbot.waitUntil(lambda: window.session.draft_id is not None, timeout=3000)
    assert any(f.code == "E_BALANCE" for f in window.session.findings)  # the seed's section-3 table does not balance
    assert window.session.draft_id in {d.id for d in store.list_drafts()}


def test_when_painted_runs_once_after_the_paint_or_at_the_latest(qtbot):  # noqa: ANN001
    from PySide6.QtWidgets import QLabel

    from gui.first_paint import AT_LATEST_MS, when_painted

    shown, hidden = QLabel("shown"), QLabel("never shown")
    qtbot.addWidget(shown)
    qtbot.addWidget(hidden)
    calls: list[str] = []
    when_painted(shown, lambda: calls.append("a"), lambda: calls.append("b"))
    when_painted(hidden, lambda: calls.append("late"))
    shown.show()
    qtbot.waitUntil(lambda: calls[:2] == ["a", "b"], timeout=AT_LATEST_MS // 2)
    shown.repaint()
    qtbot.waitUntil(lambda: "late" in calls, timeout=AT_LATEST_MS * 2)  # a window never painted still gets its work done
    shown.repaint()
    qtbot.wait(50)
    assert calls == ["a", "b", "late"]


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
