"""Take the README screenshots of every main screen from a real window (run under Xvfb).

    Xvfb :99 -screen 0 1366x768x24 -nolisten tcp &
    DISPLAY=:99 QT_QPA_PLATFORM=xcb python -m tools.shots docs/images

Uses a throw-away store and settings, so it never touches the user's drafts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def _spin(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _grab(out: Path, name: str) -> None:
    from PIL import ImageGrab

    _spin(700)
    ImageGrab.grab(xdisplay=os.environ.get("DISPLAY", ":99")).save(out / f"gui-{name}.png")
    print("saved", out / f"gui-{name}.png")


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-shots-"))
    os.environ["NIANBAO_SETTINGS"] = str(tmp / "settings.ini")
    import forms
    import storage
    from gui.app import create_app, demo_path
    from gui.main_window import MainWindow
    from gui.start.dialogs import HistoryDialog, NewDraftDialog

    app = create_app()
    store = storage.open_store(tmp / "data")
    examples = demo_path().parent
    seed_id = store.create(forms.load_draft_file(demo_path()))
    sample_id = store.create(forms.load_draft_file(examples / "sample-2021.json"))
    window = MainWindow(lambda: store)
    window.setGeometry(0, 0, 1366, 768)
    window.show()
    window.ensure_store()
    window.set_identity("李填报", False)
    _grab(out, "start")

    dialog = NewDraftDialog(window)
    dialog.agency.setText("某某市某某区政务服务数据管理局")
    dialog.year.setValue(2024)
    dialog.show()
    dialog.move(440, 280)
    _grab(out, "new")
    dialog.close()

    wizard = window.open_draft(seed_id)
    _spin(3000)  # first preview render
    _grab(out, "cover")
    wizard.show_page("text:s1.request")
    _grab(out, "text")
    wizard.show_page("tables:2")
    _grab(out, "tables-2")
    item = wizard.findings_panel.item_for("E_BALANCE")
    wizard.findings_panel.list.setCurrentItem(item)
    wizard.jump_to_finding(item.data(256))
    _grab(out, "tables-3-balance")
    wizard.show_page("review")
    _grab(out, "review")

    # The review flow on the clean 2021 sample.
    wizard = window.open_draft(sample_id)
    wizard.steps.submit()
    window.set_identity("王审核", True)
    wizard = window.open_draft(sample_id)
    wizard.show_page("text:s5")
    page = wizard.current_page()
    page.comments.editor.setPlainText("问题部分写得太笼统，请写出具体整改措施和完成时限。")
    page.comments.add.click()
    _spin(2500)
    _grab(out, "reviewer")
    wizard.steps.return_draft("请按第五部分的意见修改后重新提交。")
    window.set_identity("李填报", False)
    wizard = window.open_draft(sample_id)
    wizard.show_page("text:s5")
    _spin(2500)
    _grab(out, "returned")

    window.show_start()
    window.start.select_id(seed_id)
    history = HistoryDialog(store, seed_id, window)
    history.show()
    history.move(360, 120)
    history.list.setCurrentRow(0)
    _grab(out, "history")
    history.close()

    window.switch_language("en")
    wizard = window.open_draft(seed_id, "tables:3")
    _spin(2500)
    _grab(out, "english")
    window.switch_language("zh")
    window.close()
    store.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/images"))
