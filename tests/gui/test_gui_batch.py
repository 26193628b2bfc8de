"""The 汇总审核 window on a generated batch: progress, sorting, filtering, a unit's report and
comparison, the checklist export read back, and the roll-up handed over as a new draft."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from gui_helpers import spin
from PySide6.QtCore import Qt

import forms

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.make_batch import make_batch  # noqa: E402


@pytest.fixture
def batch_window(qtbot, tmp_path):  # type: ignore[no-untyped-def]
    from gui.batch.window import BatchWindow

    folder = tmp_path / "units"
    roster = make_batch(folder, 10, seed=11)
    last = tmp_path / "last"
    last.mkdir()
    for path in sorted(folder.glob("*.json"))[:2]:
        draft = forms.load_draft_file(path)
        draft.year = 2020
        forms.save_draft_file(draft, last / path.name)
    sorted(folder.glob("*.json"))[4].unlink()
    (folder / "坏文件.json").write_text("{", encoding="utf-8")
    created: list[forms.Draft] = []
    window = BatchWindow(created.append)
    qtbot.addWidget(window)
    window.folder.setText(str(folder))
    window.roster.setText(str(roster))
    window.previous.setText(str(last))
    window.show()
    return window, created


def _run(window) -> None:  # type: ignore[no-untyped-def]
    window.start()
    for _ in range(600):
        if window.batch_result is not None:
            break
        spin(50)
    assert window.batch_result is not None


def test_batch_window_lists_every_unit_and_filters(batch_window) -> None:  # type: ignore[no-untyped-def]
    window, _created = batch_window
    _run(window)
    assert window.progress.value() == window.progress.maximum() == 10  # 9 drafts + the broken file
    model = window.proxy
    states = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert states.count("未收到") == 1 and states.count("无法读取") == 1 and states.count("已收到") == 9
    window.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    sorted_states = [model.index(r, 1).data() for r in range(model.rowCount())]
    assert sorted_states == sorted(sorted_states)
    window.only_problems.setChecked(True)
    remaining = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert {"未收到", "无法读取"} <= remaining
    window.only_problems.setChecked(False)
    window.filter.setText("坏文件")
    assert model.rowCount() == 1 and "JSON" in model.index(0, 2).data()
    copied = [window.model.index(r, 10).data() for r in range(window.model.rowCount())]
    assert copied.count("100%") == 2  # the two units whose last year's report is the same text


def test_unit_dialog_shows_findings_report_and_comparison(batch_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from gui.batch.unit_dialog import UnitDialog

    window, _created = batch_window
    _run(window)
    unit = next(u for u in window.batch_result.units if u.previous is not None)
    dialog = UnitDialog(unit)
    qtbot.addWidget(dialog)
    assert dialog.findings.count() == len(unit.findings) > 0
    assert dialog.document.pageCount() >= 5
    assert dialog.compare_button.isEnabled()
    dialog.show_comparison()
    assert dialog.document.pageCount() >= 1


def test_export_and_rollup(batch_window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    window, created = batch_window
    _run(window)
    out = tmp_path / "清单.xlsx"
    assert window.export_to(str(out))
    rows = list(openpyxl.load_workbook(out)["单位"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(window.batch_result.units)
    original = QMessageBox.exec
    QMessageBox.exec = lambda self: QMessageBox.StandardButton.Ok  # type: ignore[method-assign]
    try:
        window.create_rollup()
    finally:
        QMessageBox.exec = original  # type: ignore[method-assign]
    [draft] = created
    key = ("t3", "new", "natural")
    drafts = [u.draft for u in window.batch_result.units if u.usable]
    assert draft.values[key] == sum(d.values[key] for d in drafts)
    shutil.rmtree(tmp_path / "units")  # the window keeps no file open
