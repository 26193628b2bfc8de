"""How errors reach the clerk: an AppError's own message and advice in a plain dialog; anything else
(a programming error) goes to the excepthook, which saves the draft, logs the traceback and says so."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from gui_helpers import give_focus, open_example, type_text
from PySide6.QtCore import QRect

ROOT = Path(__file__).resolve().parents[2]


def test_a_render_error_shows_its_chinese_message_not_the_layout_detail(make_window, sample_path, dialogs, monkeypatch,
                                                                         tmp_path):
    import render

    def fail(*_args, **_kwargs):
        raise render.RenderError("排版失败：第三部分的表格放不进一页。", "layout failed: table 3 does not fit on a page",
                                 "LayoutError('Flowable <Table@0x7f> too large on page 3')")

    window = make_window()
    open_example(window, sample_path)
    monkeypatch.setattr(render, "render_report", fail)
    assert window.wizard.steps.export_pdf(str(tmp_path / "out.pdf")) is False
    assert len(dialogs) == 1
    shown = dialogs[0][1]
    assert "生成PDF失败" in shown and "排版失败：第三部分的表格放不进一页。" in shown
    assert render.RenderError.advice_zh in shown  # the RenderError's own advice, not the generic one
    assert "LayoutError" not in shown and "Flowable" not in shown


def test_an_unwritable_pdf_path_is_explained_in_chinese(make_window, sample_path, dialogs, tmp_path):
    window = make_window()
    open_example(window, sample_path)
    folder = tmp_path / "a-folder.pdf"
    folder.mkdir()  # writing a file where a folder is
    assert window.wizard.steps.export_pdf(str(folder)) is False
    assert len(dialogs) == 1 and "生成PDF失败" in dialogs[0][1] and "Errno" not in dialogs[0][1]


def test_a_programming_error_is_not_turned_into_a_save_failure(make_window, store, sample_path, monkeypatch, dialogs):
    window = make_window()
    open_example(window, sample_path)
    window.session.dirty = True

    def broken(*_args, **_kwargs):
        raise TypeError("save() got an unexpected keyword argument")

    with monkeypatch.context() as patch:
        patch.setattr(store, "save", broken)
        with pytest.raises(TypeError):
            window.session.save()
    assert dialogs == [] and window.save_label.text() != "未保存！"


def test_the_excepthook_saves_the_draft_logs_the_traceback_and_says_so(make_window, store, sample_path, dialogs,
                                                                        monkeypatch, caplog):
    from gui.logging_setup import install_excepthook

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    window = make_window()
    draft_id = open_example(window, sample_path)
    window.wizard.show_page("text:s6")
    editor = window.wizard.current_page().block.editor
    give_focus(editor)
    type_text("出错前写的")
    assert window.session.dirty
    install_excepthook(window.flush)
    try:
        raise AttributeError("'NoneType' object has no attribute 'rows'")
    except AttributeError as exc:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(type(exc), exc, exc.__traceback__)
    assert "出错前写的" in store.load(draft_id).text("s6") and not window.session.dirty
    assert len(dialogs) == 1
    message = dialogs[0][1]
    assert "程序内部出错" in message and "您的草稿已保存" in message and "AttributeError" not in message
    logged = [r for r in caplog.records if r.levelno == logging.CRITICAL]
    assert logged and logged[0].exc_info and logged[0].exc_info[0] is AttributeError


def test_english_messages_start_with_a_capital_letter():
    from common.errors import AppError
    from gui.errors import error_text
    from gui.i18n import set_language

    set_language("en")
    assert error_text(AppError("磁盘空间已满", "disk full, draft not saved")) == "Disk full, draft not saved"
    set_language("zh")
    assert error_text(AppError("磁盘空间已满", "disk full")) == "磁盘空间已满"


def test_watermark_and_own_headings_stay_in_the_report_language_under_the_english_ui(make_window, sample_path):
    from gui.i18n import set_language
    from gui.pages.page_titles import text_title

    window = make_window()
    open_example(window, sample_path)
    window.switch_language("en")
    wizard = window.wizard
    assert wizard.steps.watermark() == "草稿"  # the PDF is a Chinese document
    definition = wizard.definition
    assert text_title(definition, "s1.active") == "(1) Proactive disclosure"
    assert text_title(definition, "s1.active", {"s1.active": "我局主动公开情况"}) == "(1) 我局主动公开情况"
    labels = [wizard.navigator._items[s.key].text(0) for s in wizard.specs if s.key.startswith("text:s1.")]
    assert labels and all(label.startswith(f"({i}) ") for i, label in enumerate(labels, 1)), labels
    set_language("zh")
    assert text_title(definition, "s1.active") == "（一）主动公开"


def test_windows_fit_the_available_screen():
    from gui.screen import fitted_size

    size = fitted_size(1280, 760, QRect(0, 0, 1280, 680))  # 1920x1080 at 150 % with a taskbar
    assert (size.width(), size.height()) == (1216, 646)
    size = fitted_size(1280, 760, QRect(0, 0, 2560, 1400))
    assert (size.width(), size.height()) == (1280, 760)


def test_start_window_at_150_percent_fits_its_screen(tmp_path):
    code = textwrap.dedent(
        """
        import os
        from gui.app import create_app
        from gui.main_window import MainWindow
        app = create_app()
        window = MainWindow(lambda: None, preview=False)
        window.show()
        area = window.screen().availableGeometry()
        frame = window.frameGeometry()
        print(area.width(), area.height(), window.width(), window.height(), area.contains(frame), flush=True)
        os._exit(0)
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_SCALE_FACTOR": "1.5",
           "NIANBAO_SETTINGS": str(tmp_path / "settings.ini")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
                          check=False)
    area_w, area_h, width, height, inside = done.stdout.split()
    assert inside == "True", done.stdout
    assert int(width) == min(1280, int(int(area_w) * 0.95)) and int(height) == min(760, int(int(area_h) * 0.95))
