"""Save pictures of the table grids for the docs: ``python -m gui.grid_screenshots [OUT_DIR]``.

Run it in a real window (e.g. under Xvfb with ``QT_QPA_PLATFORM=xcb``) so fonts and styles are the
ones a clerk sees; the pictures go to ``docs/images/grid-*.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

import forms
from gui.fonts import install_ui_font
from gui.table_grid import TableGrid

ROOT = Path(__file__).resolve().parent.parent
SHOTS = (  # (file name, example, table ids, whether to show the validator's findings)
    ("grid-t3-2019.png", "longgang-2020.json", ("t3",), True),
    ("grid-t4-2019.png", "longgang-2020.json", ("t4",), False),
    ("grid-t2-2021.png", "sample-2021.json", ("t2_1", "t2_5", "t2_6", "t2_8"), False),
    ("grid-t3-2021.png", "sample-2021.json", ("t3",), False),
    ("grid-t3-2021-scrolled.png", "sample-2021.json", ("t3",), False),
)


def _page(draft: forms.Draft, table_ids: tuple[str, ...], findings: bool, stack: QUndoStack) -> QWidget:
    page = QWidget()
    page.setStyleSheet("background: white;")
    lay = QVBoxLayout(page)
    found = forms.validate(draft) if findings else []
    for tid in table_ids:
        table = draft.definition.table(tid)
        lay.addWidget(QLabel(table.title))
        grid = TableGrid(table, stack, page)
        grid.set_draft(draft)
        grid.set_findings(found)
        lay.addWidget(grid)
    lay.addStretch(1)
    return page


def main(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    install_ui_font(app)  # type: ignore[arg-type]
    out_dir.mkdir(parents=True, exist_ok=True)
    stack = QUndoStack()
    for name, example, table_ids, findings in SHOTS:
        draft = forms.load_draft_file(ROOT / "examples" / example)
        page = _page(draft, table_ids, findings, stack)
        page.show()
        for _ in range(5):
            app.processEvents()
        grids = page.findChildren(TableGrid)
        page.setMinimumWidth(max(g.sizeHint().width() for g in grids) + 24)  # after polish: final fonts
        page.resize(page.sizeHint())  # not adjustSize(): that caps a window at 2/3 of the screen
        if name.endswith("-scrolled.png"):  # a short window: the header stays while the body scrolls
            page.resize(page.width(), 480)
            grids[0].focus_cell("rejected_petition", "research")
        for _ in range(5):
            app.processEvents()
        page.grab().save(str(out_dir / name))
        page.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images")
