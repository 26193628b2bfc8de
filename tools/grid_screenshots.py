"""Save pictures of the table grids for the docs: ``python -m tools.grid_screenshots [OUT_DIR]``.

Run it in a real window (e.g. under Xvfb with ``QT_QPA_PLATFORM=xcb``) so fonts and styles are the
ones a clerk sees; the pictures go to ``docs/images/grid-*.png``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

import forms
from gui.fonts import install_ui_font
from gui.grid.table_grid import TableGrid

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
        if name.endswith("-scrolled.png"):  # a small window: header and labels stay while the body scrolls
            page.setMinimumWidth(0)
            page.resize(720, 480)
        for _ in range(5):
            app.processEvents()
        if name.endswith("-scrolled.png"):
            grids[0].focus_cell("rejected_petition", "total")
            for _ in range(5):
                app.processEvents()
        page.grab().save(str(out_dir / name))
        page.close()


def invalid_cell_shot(out: Path) -> None:
    """A 2019 §二 table with signed values, an invalid typed text and its tooltip (grabs the screen)."""
    from PIL import ImageGrab
    from PySide6.QtWidgets import QToolTip

    app = QApplication.instance()
    draft = forms.load_draft_file(ROOT / "examples" / "longgang-2020.json")
    page = _page(draft, ("t2_5",), False, QUndoStack())
    grid = page.findChildren(TableGrid)[0]
    page.move(0, 0)
    page.show()
    grid.focus_cell("licensing", "change")
    grid.paste("+2\t1520\r\n-1\t12件a\r\n")
    grid.focus_cell("licensing", "prev_count")  # keep the selection off the red cell
    for _ in range(5):
        app.processEvents()
    page.setMinimumWidth(grid.sizeHint().width() + 200)
    page.resize(page.minimumWidth(), page.sizeHint().height() + 60)
    for _ in range(5):
        app.processEvents()
    index = grid.model.index(*grid.table_layout.position("other_services", "decisions"))
    rect = grid.view.visualRect(index)
    QToolTip.showText(grid.view.viewport().mapToGlobal(rect.bottomLeft()), str(index.data(Qt.ItemDataRole.ToolTipRole)), grid.view)
    for _ in range(20):
        app.processEvents()
    geo = page.frameGeometry()
    ImageGrab.grab(xdisplay=None).crop((geo.x(), geo.y(), geo.x() + geo.width(), geo.y() + geo.height())).save(str(out))
    page.close()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    main(target)
    if QApplication.platformName() == "xcb":  # a tooltip is its own window: only a screen grab shows it
        invalid_cell_shot(target / "grid-invalid-cell.png")
