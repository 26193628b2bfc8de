"""Screenshots of every screen at the office screen sizes, to look at (and for docs/images).

    python -m tools.shots [OUT_DIR]                   # every size below, under Xvfb when it is installed
    python -m tools.shots OUT_DIR --one 1280x720 [--scale 1.5] [--name 150pct]

Every wizard page (cover, each subsection of 一, 二, 三, 四, 五, 六, 检查与提交), the start screen and the
汇总审核 window, at 1280×720 (1920×1080 at 150 %), 1366×768, 1024×700 and 1920×1080 with
QT_SCALE_FACTOR=1.5. Files are ``gui-<size>-<screen>.png``, reduced to a small palette so they stay
light in the repository. Uses a throw-away store and settings, so it never touches the user's drafts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import forms

ROOT = Path(__file__).resolve().parent.parent
#: (logical width, logical height, QT_SCALE_FACTOR, file name part)
SIZES = (
    (1280, 720, "1", "1280x720"),
    (1366, 768, "1", "1366x768"),
    (1024, 700, "1", "1024x700"),
    (1280, 720, "1.5", "150pct"),  # 1920×1080 pixels at 150 %: the smallest logical screen of an office PC
)
COLOURS = 96


def _spin(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget, out: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    """Grab ``widget`` and write it as a palette PNG (text stays crisp, files stay small)."""
    from PIL import Image

    _spin(150)
    path = out / f"{name}.png"
    raw = out / f".{name}.raw.png"
    widget.grab().save(str(raw))
    with Image.open(raw) as image:
        image.convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
    raw.unlink()
    print("saved", path, flush=True)
    return path


def _wait_for_preview(wizard, seconds: float = 8.0) -> None:  # type: ignore[no-untyped-def]
    """Let the preview pane draw the current page (it renders in a thread)."""
    _spin(800)
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pane = wizard.preview
        if pane is not None and not (pane._running or pane._pending or pane._timer.isActive()):
            break
        _spin(100)
    _spin(300)


def _example_draft() -> forms.Draft:
    """The 2021 sample with one slip in table 三, so the findings panel and the page states show."""
    import forms  # noqa: F811 - the real import, after the settings folders are set

    draft = forms.load_draft_file(ROOT / "examples" / "sample-2021.json")
    key = ("t3", "public", "natural")
    draft.values[key] = int(draft.values.get(key) or 0) + 3
    return draft


def one_size(out: Path, width: int, height: int, tag: str) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-shots-"))
    os.environ["NIANBAO_SETTINGS"] = str(tmp / "settings.ini")
    os.environ["NIANBAO_DATA_DIR"] = str(tmp / "data")
    import storage
    from gui.app import create_app
    from gui.batch.window import BatchWindow
    from gui.main_window import MainWindow
    from tools.make_batch import make_batch

    app = create_app()
    store = storage.open_store(tmp / "store")
    draft_id = store.create(_example_draft())
    window = MainWindow(lambda: store)
    window.show()
    window.resize(width, height)
    window.move(0, 0)
    window.ensure_store()
    window.reload_drafts(select=draft_id)
    _spin(500)
    _save(window, out, f"gui-{tag}-start")

    wizard = window.open_draft(draft_id)
    assert wizard is not None
    _spin(500)
    for spec in wizard.specs:
        wizard.show_page(spec.key)
        wizard.current_page().focus_first()
        _wait_for_preview(wizard, 6.0 if spec is wizard.specs[0] else 3.0)
        _save(window, out, f"gui-{tag}-{spec.key.replace(':', '-').replace('.', '-')}")
    item = wizard.findings_panel.item_for("E_BALANCE")
    if item is not None:  # a click on an error in the findings list: the cell must come into view
        wizard.findings_panel.list.setCurrentItem(item)
        wizard.jump_to_finding(item.data(256))
        _wait_for_preview(wizard, 2.0)
        _save(window, out, f"gui-{tag}-tables-3-jump")

    units = tmp / "units"
    roster = make_batch(units, 8, seed=5)
    batch = BatchWindow(lambda _draft: None)
    batch.folder.setText(str(units))
    batch.roster.setText(str(roster))
    batch.show()
    batch.resize(width, height)
    batch.move(0, 0)
    batch.start()
    for _ in range(400):
        if batch.result is not None:
            break
        _spin(50)
    _save(batch, out, f"gui-{tag}-batch")
    batch.close()

    if tag == "1280x720":
        _review_and_english(window, store, out, tag, draft_id)
    window.close()
    store.close()
    app.quit()
    return 0


def _review_and_english(window, store, out: Path, tag: str, draft_id: str) -> None:  # type: ignore[no-untyped-def]
    """The review flow (through the store, so no confirmation dialog stops the tool) and the English UI."""
    import forms

    clean = store.create(forms.load_draft_file(ROOT / "examples" / "sample-2021.json"))
    store.submit(clean, "李填报")
    window.set_identity("王审核", True)
    wizard = window.open_draft(clean, "text:s5")
    _wait_for_preview(wizard, 4.0)
    _save(window, out, f"gui-{tag}-reviewer")
    store.add_comment(clean, "s5", "王审核", "问题部分写得太笼统，请写出具体整改措施和完成时限。")
    store.return_draft(clean, "王审核", "请按第五部分的意见修改后重新提交。")
    window.set_identity("李填报", False)
    wizard = window.open_draft(clean, "text:s5")
    _wait_for_preview(wizard, 4.0)
    _save(window, out, f"gui-{tag}-returned")
    window.switch_language("en")
    wizard = window.open_draft(draft_id, "tables:3")
    _wait_for_preview(wizard, 4.0)
    _save(window, out, f"gui-{tag}-english")
    window.switch_language("zh")
    window.show_start()
    from gui.start.dialogs import HistoryDialog, NewDraftDialog

    dialog = NewDraftDialog(window)
    dialog.agency.setText("某某市某某区政务服务数据管理局")
    dialog.year.setValue(2024)
    dialog.show()
    _save(dialog, out, f"gui-{tag}-new")
    dialog.close()
    history = HistoryDialog(store, clean, window)
    history.show()
    history.list.setCurrentRow(0)
    _save(history, out, f"gui-{tag}-history")
    history.close()


def all_sizes(out: Path) -> int:
    """Each size in its own process (the scale factor is read once, at start-up), under Xvfb if there is one."""
    xvfb = None
    env = dict(os.environ)
    if shutil.which("Xvfb") and not os.environ.get("NIANBAO_SHOTS_OFFSCREEN"):
        number = next(n for n in range(120, 400) if not Path(f"/tmp/.X{n}-lock").exists())  # a free display
        xvfb = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.5)
        env.update(DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb")
    else:
        env.update(QT_QPA_PLATFORM="offscreen")
    failed = 0
    try:
        for width, height, scale, tag in SIZES:
            child = dict(env, QT_SCALE_FACTOR=scale)
            command = [sys.executable, "-m", "tools.shots", str(out), "--one", f"{width}x{height}", "--name", tag]
            failed |= subprocess.run(command, env=child, cwd=ROOT, check=False).returncode
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)
    return failed


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv and not argv[0].startswith("--") else ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    if "--one" not in argv:
        return all_sizes(out)
    width, height = (int(v) for v in argv[argv.index("--one") + 1].split("x"))
    tag = argv[argv.index("--name") + 1] if "--name" in argv else f"{width}x{height}"
    return one_size(out, width, height, tag)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
