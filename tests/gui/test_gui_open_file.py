"""A double-clicked .nianbao file opens in the wizard; the app has its icon and Qt speaks Chinese."""

from __future__ import annotations

import forms


def test_opening_an_exchange_file_imports_and_shows_it(make_window, store, seed_path, tmp_path) -> None:
    import storage
    from gui.app import open_file

    other_pc = storage.open_store(tmp_path / "另一台电脑")  # the clerk's PC that sent the file
    exchange = tmp_path / "龙岗 2020.nianbao"
    other_pc.export_file(other_pc.create(forms.load_draft_file(seed_path)), exchange)
    other_pc.close()
    window = make_window()
    draft_id = open_file(window, str(exchange))
    assert draft_id is not None
    assert window.wizard is not None and window.session.draft_id == draft_id
    assert window.session.draft.agency == "深圳市龙岗区政务服务数据管理局"
    assert store.load(draft_id).value("t3", "new", "natural") == 1


def test_window_icon_and_chinese_qt_dialog_texts(qtbot) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from gui.app import create_app
    from gui.i18n import install_qt_translations

    app = create_app()
    assert not QApplication.windowIcon().isNull()
    install_qt_translations(app, "zh")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    install_qt_translations(app, "en")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
