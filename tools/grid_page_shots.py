"""Pictures of the tables pages at office screen sizes: ``python -m tools.grid_page_shots [OUT_DIR]``.

Works offscreen (``QT_QPA_PLATFORM=offscreen``; the app installs its own UI font) and writes
``grid-page-<section>-<width>x<height>[-<what>].png``. 1280×720 is 1920×1080 at 150 %, the smallest
logical screen the wizard is built for; 1024×700 must stay usable. Uses a throw-away store and
settings, so it never touches the user's drafts.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: (section, width, height, cell to jump to as "table:row:column" or "")
SHOTS = (
    ("3", 1280, 720, ""),
    ("3", 1280, 720, "t3:carry_over:legal"),
    ("3", 1024, 700, ""),
    ("2", 1280, 720, ""),
    ("4", 1024, 700, ""),
)


def _spin(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-grid-shots-"))
    os.environ["NIANBAO_SETTINGS"] = str(tmp / "settings.ini")
    os.environ["NIANBAO_DATA_DIR"] = str(tmp / "data")
    import forms
    import storage
    from gui.app import create_app
    from gui.main_window import MainWindow

    create_app()
    store = storage.open_store(tmp / "store")
    for section, width, height, jump in SHOTS:
        window = MainWindow(lambda: store, preview=False)
        window.show()
        window.ensure_store()
        window.resize(width, height)
        draft_id = store.create(forms.load_draft_file(ROOT / "examples" / "sample-2021.json"))
        window.reload_drafts(select=draft_id)
        wizard = window.open_draft(draft_id)
        assert wizard is not None
        wizard.show_page(f"tables:{section}")
        _spin(300)
        name = f"grid-page-{section}-{width}x{height}"
        if jump:
            table, row, column = jump.split(":")
            wizard.current_page().grids[table].focus_cell(row, column)
            _spin(200)
            name += "-jump"
        path = out / f"{name}.png"
        window.grab().save(str(path))
        print("saved", path)
        window.store = None
        window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "images")))
