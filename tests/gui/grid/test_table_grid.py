"""The official-table grid: layout, spreadsheet keys, paste, undo, findings."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

import forms
from forms.layout import table_grid
from gui.grid.table_qtfix import make_singletons_immortal

make_singletons_immortal()  # PySide6 6.12 on Python 3.11 drops references to True/None (see the module)

from gui.grid.grid_clipboard import parse_tsv, to_tsv  # noqa: E402 - after make_singletons_immortal(), as that requires
from gui.grid.table_grid import TableGrid  # noqa: E402 - after make_singletons_immortal(), as that requires
from gui.grid.table_model import COMPUTED_BG, ERROR_BG, INVALID_FG, WARNING_BG, CellKindRole  # noqa: E402 - after make_singletons_immortal(), as that requires

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "examples" / "longgang-2020.json"
SAMPLE = ROOT / "examples" / "sample-2021.json"
ROLE = Qt.ItemDataRole


# --------------------------------------------------------------------------- helpers


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def make_grid(qtbot, stack):  # type: ignore[no-untyped-def]
    """Build a shown, focused grid for table ``tid`` of ``draft``."""
    hosts: list[QWidget] = []  # qtbot keeps only weak references

    def make(draft: forms.Draft, tid: str) -> TableGrid:
        host = QWidget()
        layout = QVBoxLayout(host)
        grid = TableGrid(draft.definition.table(tid), stack, host)
        grid.set_draft(draft)
        layout.addWidget(grid)
        qtbot.addWidget(host)
        hosts.append(host)
        host.show()
        qtbot.waitExposed(host)
        host.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
        grid.view.setFocus()
        return grid

    return make


def blank_2021() -> forms.Draft:
    return forms.new_draft("测试区政府办公室", 2021)


def seed() -> forms.Draft:
    return forms.load_draft_file(SEED)


def focus(grid: TableGrid) -> QWidget:
    return QApplication.focusWidget() or grid.window().focusWidget() or grid.view


def type_text(grid: TableGrid, text: str) -> None:
    """Type like a keyboard, one QKeyEvent per character (safe for Chinese, unlike keyClicks)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(focus(grid), QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def key(grid: TableGrid, k: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(focus(grid), k, mods)


def shown(grid: TableGrid, row: str, column: str, role: int = ROLE.DisplayRole) -> object:
    r, c = grid.table_layout.position(row, column)
    return grid.model.index(r, c).data(role)


def current(grid: TableGrid) -> tuple[str, str]:
    cell = grid.table_layout.cell(grid.view.currentIndex().row(), grid.view.currentIndex().column())
    assert cell is not None, "the cursor must never rest on a header or label"
    return cell[0].id, cell[1].id


def select(grid: TableGrid, top_left: tuple[str, str], bottom_right: tuple[str, str]) -> None:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    a, b = grid.table_layout.position(*top_left), grid.table_layout.position(*bottom_right)
    grid.focus_cell(*top_left)
    sel = QItemSelection(grid.model.index(*a), grid.model.index(*b))
    grid.view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)


# --------------------------------------------------------------------------- layout


def test_grid_t3_header_spans_match_the_official_table(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(seed(), "t3")
    v, m = grid.view, grid.model
    note = m.index(0, 0).data()
    assert note.startswith("（本列数据的勾稽关系为") and (v.rowSpan(0, 0), v.columnSpan(0, 0)) == (3, 3)
    assert m.index(0, 3).data() == "申请人情况" and v.columnSpan(0, 3) == 7
    assert m.index(1, 3).data() == "自然人" and v.rowSpan(1, 3) == 2
    assert m.index(1, 4).data() == "法人或其他组织" and v.columnSpan(1, 4) == 5
    assert m.index(1, 9).data() == "总计" and v.rowSpan(1, 9) == 2
    assert [m.index(2, c).data() for c in range(4, 9)] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    # labels: a one-level row spans all three label columns; groups merge vertically
    assert m.index(3, 0).data() == "一、本年新收政府信息公开申请数量" and v.columnSpan(3, 0) == 3
    assert m.index(5, 0).data() == "三、本年度办理结果" and v.rowSpan(5, 0) == 20  # （一）…（七）总计 in 2019
    assert m.index(7, 1).data() == "（三）不予公开" and v.rowSpan(7, 1) == 8
    assert m.index(5, 1).data() == "（一）予以公开" and v.columnSpan(5, 1) == 2
    assert m.index(7, 2).data() == "1.属于国家秘密"
    assert m.index(3, 0).data(CellKindRole) == "label" and m.index(0, 3).data(CellKindRole) == "header"
    assert not m.flags(m.index(0, 3)) & Qt.ItemFlag.ItemIsSelectable


def test_grid_t3_2021_other_processing_has_three_sub_rows(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    r, _ = grid.table_layout.position("other_no_correction", "natural")
    assert grid.model.index(r, 1).data() == "（六）其他处理" and grid.view.rowSpan(r, 1) == 3
    assert grid.view.rowSpan(5, 0) == 22


def test_grid_t4_has_no_label_column(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(seed(), "t4")
    v, m = grid.view, grid.model
    assert m.columnCount() == 15 and m.rowCount() == 4
    assert m.index(0, 0).data() == "行政复议" and (v.rowSpan(0, 0), v.columnSpan(0, 0)) == (2, 5)
    assert m.index(0, 5).data() == "行政诉讼" and v.columnSpan(0, 5) == 10
    assert m.index(1, 5).data() == "未经复议直接起诉" and m.index(1, 10).data() == "复议后起诉"
    assert current(grid) == ("cases", "review_upheld")


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_grid_layout_covers_every_header_cell_of_every_table(fid: str) -> None:
    for table in forms.load_format(fid).tables:
        lay = table_grid(table, {})
        for r, grid_row in enumerate(table.header_grid()):
            for c, slot in enumerate(grid_row):
                assert slot is not None
                region = lay.region_at(r, c)
                assert region is not None and (region.top, region.left, region.text) == (slot[1], slot[2], slot[0].text)
        for i, _row in enumerate(table.rows):  # every label position is covered by exactly one label region
            for c in range(table.label_columns):
                region = lay.region_at(lay.header_rows + i, c)
                assert region is not None and region.kind == "label"


def test_grid_columns_fit_their_labels(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(seed(), "t3")
    fm = grid.view.fontMetrics()
    for c in range(3, 10):  # a four-character header fits on one line; numbers always fit
        assert grid.view.columnWidth(c) >= fm.horizontalAdvance("商业企业")
    label_width = sum(grid.view.columnWidth(c) for c in range(3))
    assert label_width >= fm.horizontalAdvance("一、本年新收政府信息公开申请数量")


# --------------------------------------------------------------------------- typing


def test_typing_a_number_updates_draft_and_totals(make_grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("public", "natural")
    with qtbot.waitSignal(grid.cellEdited) as signal:
        type_text(grid, "7")
        key(grid, Qt.Key.Key_Return)
    assert signal.args == ["t3", "public", "natural"]
    assert draft.values[("t3", "public", "natural")] == 7
    assert shown(grid, "public", "total") == "7"
    assert shown(grid, "results_total", "natural") == "7" and shown(grid, "results_total", "total") == "7"
    assert shown(grid, "public", "commercial") == ""  # blank stays blank, never 0
    assert current(grid) == ("partial", "natural")  # Enter moves down


def test_totals_update_live_while_the_editor_is_open(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "commercial")
    type_text(grid, "12")
    assert isinstance(focus(grid), QLineEdit)
    assert shown(grid, "new", "total") == "12" and ("t3", "new", "commercial") not in draft.values
    key(grid, Qt.Key.Key_Escape)  # cancel: the preview goes away with the editor
    assert shown(grid, "new", "total") == "" and draft.values == {}


def test_typing_overwrites_and_f2_edits(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    draft.set_value("t3", "new", "natural", 30)
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    type_text(grid, "5")
    key(grid, Qt.Key.Key_Return)
    assert draft.values[("t3", "new", "natural")] == 5  # replaced, not "305"
    grid.focus_cell("new", "natural")
    key(grid, Qt.Key.Key_F2)
    editor = focus(grid)
    assert isinstance(editor, QLineEdit) and editor.text() == "5"
    type_text(grid, "1")
    key(grid, Qt.Key.Key_Tab)
    assert draft.values[("t3", "new", "natural")] == 51
    assert current(grid) == ("new", "commercial")


def test_full_width_and_chinese_input(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    type_text(grid, "１２件")
    key(grid, Qt.Key.Key_Return)
    assert draft.values[("t3", "new", "natural")] == 12
    type_text(grid, "十二")
    key(grid, Qt.Key.Key_Return)
    assert draft.invalid_inputs[("t3", "carried_in", "natural")] == "十二"


def test_invalid_text_is_kept_red_with_message_and_cleared_by_valid_retype(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("public", "natural")
    type_text(grid, "12a")
    key(grid, Qt.Key.Key_Return)
    assert draft.invalid_inputs == {("t3", "public", "natural"): "12a"}
    assert ("t3", "public", "natural") not in draft.values
    assert shown(grid, "public", "natural") == "12a"
    assert shown(grid, "public", "natural", ROLE.ForegroundRole) == INVALID_FG
    assert shown(grid, "public", "natural", ROLE.BackgroundRole) == ERROR_BG
    tip = str(shown(grid, "public", "natural", ROLE.ToolTipRole))
    try:
        forms.parse_cell_text("count", "12a")
    except forms.CellValueError as exc:
        assert exc.zh in tip
    assert shown(grid, "public", "total") == ""  # an invalid cell counts as blank
    grid.focus_cell("public", "natural")
    type_text(grid, "12")
    key(grid, Qt.Key.Key_Return)
    assert draft.invalid_inputs == {} and draft.values[("t3", "public", "natural")] == 12
    assert shown(grid, "public", "natural", ROLE.ForegroundRole) is None


def test_computed_cells_cannot_be_edited(make_grid, qtbot, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("public", "total")
    with qtbot.waitSignal(grid.statusMessage):
        type_text(grid, "5")
    assert not isinstance(focus(grid), QLineEdit)
    key(grid, Qt.Key.Key_F2)
    assert not isinstance(focus(grid), QLineEdit)
    r, c = grid.table_layout.position("results_total", "natural")
    assert not grid.model.flags(grid.model.index(r, c)) & Qt.ItemFlag.ItemIsEditable
    assert grid.model.setData(grid.model.index(r, c), "3") is False
    assert shown(grid, "results_total", "natural", ROLE.BackgroundRole) == COMPUTED_BG
    assert draft.values == {} and stack.count() == 0


def test_money_and_signed_display(make_grid) -> None:  # type: ignore[no-untyped-def]
    d2021 = blank_2021()
    grid = make_grid(d2021, "t2_8")
    grid.focus_cell("fees", "amount")
    type_text(grid, "12.5")
    key(grid, Qt.Key.Key_Return)
    assert d2021.values[("t2_8", "fees", "amount")] == Decimal("12.50")
    assert shown(grid, "fees", "amount") == "12.50"
    d2019 = seed()
    grid = make_grid(d2019, "t2_5")
    grid.focus_cell("licensing", "change")
    type_text(grid, "2")
    key(grid, Qt.Key.Key_Return)
    type_text(grid, "-1")
    key(grid, Qt.Key.Key_Return)
    assert shown(grid, "licensing", "change") == "+2" and shown(grid, "other_services", "change") == "-1"


# --------------------------------------------------------------------------- paste, copy, clear


def test_paste_excel_block_lands_in_place_as_one_undo_step(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("public", "natural")
    QGuiApplication.clipboard().setText("1\t2\r\n3\t4\r\n5\t6\r\n")  # 3 rows x 2 columns, as Excel copies
    key(grid, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    got = {k[1:]: v for k, v in draft.values.items()}
    assert got == {
        ("public", "natural"): 1, ("public", "commercial"): 2,
        ("partial", "natural"): 3, ("partial", "commercial"): 4,
        ("withheld_secret", "natural"): 5, ("withheld_secret", "commercial"): 6,
    }  # fmt: skip
    assert shown(grid, "results_total", "total") == "21"
    assert stack.count() == 1
    key(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert draft.values == {} and shown(grid, "results_total", "total") == ""
    key(grid, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert {k[1:]: v for k, v in draft.values.items()} == got


def test_paste_ignores_and_reports_values_on_totals_and_keeps_invalid(make_grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("other_misc", "other")
    with qtbot.waitSignal(grid.statusMessage) as message:
        result = grid.paste("1\t9\r\nx\t9\r\n2\t9\r\n3\t9\r\n")  # 9s on 总计 column, x on 总计 row
    assert result is not None
    assert draft.values[("t3", "other_misc", "other")] == 1
    assert draft.invalid_inputs == {}  # "x" fell on the （七）总计 row: ignored, not stored
    assert result.on_computed == [("other_misc", "total"), ("results_total", "other"), ("results_total", "total"), ("carry_over", "total")]
    assert draft.values[("t3", "carry_over", "other")] == 2
    assert result.outside == 2  # the last line is below the table
    assert "忽略" in message.args[0]


def test_paste_invalid_value_is_kept_as_invalid_input(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    result = grid.paste("3\tabc\n")
    assert result is not None and result.invalid == [("new", "commercial")]
    assert draft.values[("t3", "new", "natural")] == 3 and draft.invalid_inputs[("t3", "new", "commercial")] == "abc"


def test_undo_redo_restore_exact_values(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    draft.set_value("t2_8", "fees", "amount", Decimal("1316.73"))
    grid = make_grid(draft, "t2_8")
    grid.focus_cell("fees", "amount")
    type_text(grid, "0.5")
    key(grid, Qt.Key.Key_Return)
    grid.focus_cell("fees", "amount")
    type_text(grid, "zz")
    key(grid, Qt.Key.Key_Return)
    assert draft.invalid_inputs == {("t2_8", "fees", "amount"): "zz"}
    stack.undo()
    assert draft.values[("t2_8", "fees", "amount")] == Decimal("0.50") and draft.invalid_inputs == {}
    stack.undo()
    assert draft.values[("t2_8", "fees", "amount")] == Decimal("1316.73")
    assert shown(grid, "fees", "amount") == "1316.73"
    stack.redo()
    stack.redo()
    assert draft.invalid_inputs == {("t2_8", "fees", "amount"): "zz"} and shown(grid, "fees", "amount") == "zz"


def test_undo_works_across_text_and_cells(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")

    class TextEdit(QUndoCommand):
        def redo(self) -> None:
            draft.texts["s1"] = "新"

        def undo(self) -> None:
            draft.texts["s1"] = "旧"

    stack.push(TextEdit("text"))
    grid.focus_cell("new", "natural")
    type_text(grid, "4")
    key(grid, Qt.Key.Key_Return)
    key(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert draft.values == {} and draft.texts["s1"] == "新"
    key(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert draft.texts["s1"] == "旧"


def test_grid_keys_win_over_window_shortcuts(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    fired: list[str] = []
    window = grid.window()
    for seq in (QKeySequence.StandardKey.Undo, QKeySequence.StandardKey.Paste, QKeySequence("Delete")):
        action = QAction(window)
        action.setShortcut(seq) if isinstance(seq, QKeySequence) else action.setShortcuts(seq)
        action.triggered.connect(lambda *_a, s=seq: fired.append(str(s)))
        window.addAction(action)
    grid.focus_cell("new", "natural")
    type_text(grid, "4")
    key(grid, Qt.Key.Key_Up)
    key(grid, Qt.Key.Key_Delete)
    assert draft.values == {}
    key(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert draft.values[("t3", "new", "natural")] == 4 and fired == []


def test_delete_clears_the_selection_in_one_step(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = forms.load_draft_file(SAMPLE)
    grid = make_grid(draft, "t3")
    before = dict(draft.values)
    select(grid, ("new", "natural"), ("carried_in", "total"))
    count = stack.count()
    key(grid, Qt.Key.Key_Delete)
    assert stack.count() == count + 1
    for column in ("natural", "commercial", "research", "nonprofit", "legal", "other"):
        assert ("t3", "new", column) not in draft.values and ("t3", "carried_in", column) not in draft.values
    assert shown(grid, "new", "total") == "" and shown(grid, "new", "natural") == ""
    assert draft.values[("t3", "public", "natural")] == before[("t3", "public", "natural")]
    stack.undo()
    assert draft.values == before


def test_copy_produces_tsv(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    for column, value in (("natural", 30), ("commercial", 6), ("research", 0)):
        draft.set_value("t3", "new", column, value)
    draft.set_value("t3", "carried_in", "natural", 2)
    grid = make_grid(draft, "t3")
    select(grid, ("new", "other"), ("carried_in", "total"))
    key(grid, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "\t36\r\n\t2\r\n"
    select(grid, ("new", "natural"), ("new", "research"))
    assert grid.copy() == "30\t6\t0\r\n"
    assert parse_tsv(grid.copy()) == [["30", "6", "0"]]


def test_tsv_round_trip_and_excel_quirks() -> None:
    assert parse_tsv("1\t2\r\n3\t4\r\n") == [["1", "2"], ["3", "4"]]
    assert parse_tsv("1\t\t3") == [["1", "", "3"]]
    assert parse_tsv('"a\tb"\tc\n') == [["a\tb", "c"]]
    assert parse_tsv("") == []
    assert parse_tsv(to_tsv([["1", ""], ["", "+2"]])) == [["1", ""], ["", "+2"]]


# --------------------------------------------------------------------------- keyboard


def test_keyboard_navigation(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(blank_2021(), "t3")
    grid.focus_cell("new", "natural")
    key(grid, Qt.Key.Key_Up)  # the header is never current
    assert current(grid) == ("new", "natural")
    key(grid, Qt.Key.Key_Left)  # nor the labels
    assert current(grid) == ("new", "natural")
    key(grid, Qt.Key.Key_Right)
    key(grid, Qt.Key.Key_Down)
    assert current(grid) == ("carried_in", "commercial")
    key(grid, Qt.Key.Key_Return)
    assert current(grid) == ("public", "commercial")
    grid.focus_cell("new", "other")
    key(grid, Qt.Key.Key_Tab)  # Tab skips the computed 总计 and goes on to the start of the next row
    assert current(grid) == ("carried_in", "natural")
    key(grid, Qt.Key.Key_Backtab)
    assert current(grid) == ("new", "other")
    key(grid, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert current(grid) == ("carry_over", "total")
    key(grid, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert current(grid) == ("new", "natural")


def test_arrows_commit_a_typed_cell_and_move(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    type_text(grid, "8")
    key(grid, Qt.Key.Key_Right)
    assert draft.values[("t3", "new", "natural")] == 8 and current(grid) == ("new", "commercial")


def test_tab_on_last_cell_leaves_the_grid(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(blank_2021(), "t2_5")
    after = QLineEdit(grid.parentWidget())
    grid.parentWidget().layout().addWidget(after)
    after.show()
    grid.focus_cell("licensing", "decisions")
    key(grid, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is after


# --------------------------------------------------------------------------- modes, findings, a11y


def test_read_only_blocks_all_edits(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = forms.load_draft_file(SAMPLE)
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    type_text(grid, "1")
    key(grid, Qt.Key.Key_Return)
    before, count = dict(draft.values), stack.count()
    grid.set_read_only(True)
    grid.focus_cell("new", "natural")
    type_text(grid, "9")
    key(grid, Qt.Key.Key_F2)
    assert not isinstance(focus(grid), QLineEdit)
    key(grid, Qt.Key.Key_Delete)
    assert grid.paste("5\t5\n") is None
    key(grid, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert draft.values == before and stack.count() == count and stack.index() == count
    r, c = grid.table_layout.position("new", "natural")
    assert not grid.model.flags(grid.model.index(r, c)) & Qt.ItemFlag.ItemIsEditable
    grid.set_read_only(False)
    type_text(grid, "9")
    key(grid, Qt.Key.Key_Return)
    assert draft.values[("t3", "new", "natural")] == 9


def test_set_findings_marks_the_balance_rule_column(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = seed()  # the seed breaks the balance rule in 自然人 and 总计
    grid = make_grid(draft, "t3")
    findings = forms.validate(draft)
    balance = [f for f in findings if f.code == "E_BALANCE"]
    assert {f.location.column for f in balance} == {"natural", "total"}
    grid.set_findings(findings)
    for row in ("new", "carried_in", "results_total", "carry_over"):
        assert shown(grid, row, "natural", ROLE.BackgroundRole) == ERROR_BG
        assert balance[0].zh in str(shown(grid, row, "natural", ROLE.ToolTipRole))
    # a blank-cell warning marks the blank cells of its row yellow, not the filled ones
    assert shown(grid, "new", "commercial", ROLE.BackgroundRole) == WARNING_BG
    assert shown(grid, "results_total", "commercial", ROLE.BackgroundRole) == COMPUTED_BG
    grid.set_findings([])
    assert shown(grid, "new", "natural", ROLE.BackgroundRole) is None


def test_focus_cell_selects_and_scrolls(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    grid.view.setFixedHeight(200)
    grid.focus_cell("carry_over", "legal")
    assert current(grid) == ("carry_over", "legal")
    r, c = grid.table_layout.position("carry_over", "legal")
    assert grid.view.selectionModel().isSelected(grid.model.index(r, c))
    assert grid.view.viewport().rect().intersects(grid.view.visualRect(grid.model.index(r, c)))
    grid.focus_cell(None, "total")
    assert current(grid) == ("new", "total")


def test_accessible_names(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(seed(), "t3")
    assert "收到和处理政府信息公开申请情况" in grid.accessibleName()
    assert grid.view.accessibleName()
    text = str(shown(grid, "withheld_secret", "research", ROLE.AccessibleTextRole))
    assert "（三）不予公开" in text and "1.属于国家秘密" in text and "科研机构" in text
    assert shown(grid, "results_total", "total", ROLE.AccessibleDescriptionRole)


def test_refresh_and_set_draft(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    draft.set_value("t3", "new", "natural", 3)
    grid.refresh()
    assert shown(grid, "new", "total") == "3"
    other = blank_2021()
    grid.set_draft(other)
    assert shown(grid, "new", "total") == ""
    with pytest.raises(ValueError):
        grid.set_draft(seed())  # a 2019 draft has a different section 三 table


def test_undo_after_the_grid_is_gone_still_restores_the_draft(qtbot, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = TableGrid(draft.definition.table("t3"), stack)
    grid.set_draft(draft)
    grid.focus_cell("new", "natural")
    grid.paste("5")
    grid.deleteLater()
    qtbot.wait(10)
    del grid
    stack.undo()
    assert draft.values == {}


def test_header_stays_visible_while_the_body_scrolls(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    grid.view.setFixedHeight(260)
    grid.focus_cell("carry_over", "natural")
    frozen = grid.view.frozen
    assert frozen is not None and frozen.isVisible()
    assert grid.view.verticalScrollBar().value() > 0
    assert (frozen.rowSpan(0, 0), frozen.columnSpan(0, 3)) == (3, 7)
    assert frozen.geometry().height() == sum(grid.view.rowHeight(r) for r in range(3)) == frozen.header_height()
    grid.focus_cell("public", "natural")  # scrolling back up stops below the frozen header
    rect = grid.view.visualRect(grid.model.index(*grid.table_layout.position("public", "natural")))
    assert rect.top() >= frozen.geometry().height()


def test_row_labels_stay_visible_while_scrolling_sideways(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    grid.view.setFixedSize(grid.view.sizeHint().width() - 200, 400)
    labels = next(p for p in grid.view.panes if p.part == "labels")
    corner = next(p for p in grid.view.panes if p.part == "corner")
    grid.focus_cell("carry_over", "total")
    assert grid.view.horizontalScrollBar().value() > 0
    assert labels.isVisible() and corner.isVisible()
    assert labels.verticalScrollBar().value() == grid.view.verticalScrollBar().value() > 0
    assert labels.model().index(27, 0).data() == "四、结转下年度继续办理" and not labels.isColumnHidden(2)
    assert labels.isColumnHidden(3) and corner.isRowHidden(3) and (corner.rowSpan(0, 0), corner.columnSpan(0, 0)) == (3, 3)
    grid.focus_cell("carry_over", "natural")  # a cell under the frozen labels is scrolled out from under them
    rect = grid.view.visualRect(grid.model.index(*grid.table_layout.position("carry_over", "natural")))
    assert rect.left() >= labels.labels_width()


def test_labels_do_not_freeze_where_a_header_straddles_them_or_room_is_short(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t2_1")  # 第二十条第（一）项 spans label and values
    assert [p.part for p in grid.view.panes] == ["header"]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    labels = next(p for p in grid.view.panes if p.part == "labels")
    value_column = grid.view.columnWidth(grid.model.columnCount() - 1)
    roomy = labels.labels_width() + 3 * value_column  # measured, so any UI font gives the same answer
    grid.view.setFixedSize(roomy, 300)
    grid.focus_cell("new", "natural")
    assert labels.isVisible()
    grid.view.setFixedSize(labels.labels_width() + value_column, 300)  # under two value columns beside them
    grid.focus_cell("new", "total")
    assert not labels.isVisible()  # the labels scroll away rather than hide every number


def test_shift_arrows_select_a_block_and_ctrl_a_copies_the_table(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = forms.load_draft_file(SAMPLE)
    grid = make_grid(draft, "t2_1")
    grid.focus_cell("rules", "issued")
    key(grid, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    key(grid, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert parse_tsv(grid.copy()) == [["0", "0"], ["3", "1"]]
    key(grid, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert parse_tsv(grid.copy()) == [["0", "0", "0"], ["3", "1", "12"]]  # cells only, no header or labels
    key(grid, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)  # cut = copy + clear
    assert QGuiApplication.clipboard().text() == "0\t0\t0\r\n3\t1\t12\r\n"
    assert not any(k[0] == "t2_1" for k in draft.values)


def test_wheel_over_the_frozen_header_scrolls_the_body(make_grid, qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    grid.view.setFixedHeight(260)
    qtbot.waitUntil(lambda: grid.view.verticalScrollBar().maximum() > 0)
    frozen = grid.view.frozen
    pos = QPointF(20, 20)
    event = QWheelEvent(
        pos, QPointF(frozen.mapToGlobal(pos.toPoint())), QPoint(), QPoint(0, -120),
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(frozen.viewport(), event)
    assert grid.view.verticalScrollBar().value() > 0


def test_focus_cell_keeps_row_labels_in_view_when_it_can(make_grid) -> None:  # type: ignore[no-untyped-def]
    grid = make_grid(forms.load_draft_file(SAMPLE), "t3")
    grid.view.setFixedSize(grid.view.sizeHint().width() - 150, 300)
    grid.focus_cell("carry_over", "total")  # the rightmost column: must scroll sideways
    assert grid.view.horizontalScrollBar().value() > 0
    grid.focus_cell("new", "natural")  # fits with the labels: scroll back to the left edge
    assert grid.view.horizontalScrollBar().value() == 0


@given(
    st.lists(
        st.lists(st.text(alphabet=st.characters(blacklist_characters="\r", blacklist_categories=("Cs",))), min_size=1, max_size=4),
        min_size=1,
        max_size=4,
    ).filter(lambda rows: len({len(r) for r in rows}) == 1)
)
def test_tsv_round_trips_any_rectangular_block(rows: list[list[str]]) -> None:
    assert parse_tsv(to_tsv(rows)) == rows


def test_input_method_text_starts_editing(make_grid) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QInputMethodEvent

    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    event = QInputMethodEvent("", [])
    event.setCommitString("１２")  # full-width digits committed by a Chinese input method
    QApplication.sendEvent(grid.view, event)
    assert isinstance(focus(grid), QLineEdit) and focus(grid).text() == "１２"
    key(grid, Qt.Key.Key_Return)
    assert draft.values[("t3", "new", "natural")] == 12


def test_pasting_one_value_fills_the_selection(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    select(grid, ("new", "natural"), ("carried_in", "total"))
    grid.paste("0\r\n")
    assert stack.count() == 1
    assert {k[1:] for k in draft.values} == {(r, c) for r in ("new", "carried_in") for c in
                                             ("natural", "commercial", "research", "nonprofit", "legal", "other")}
    assert shown(grid, "carried_in", "total") == "0"  # 0 is a value, shown as 0; blank would stay blank


def test_context_menu_copies_cuts_and_respects_read_only(make_grid, stack) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    draft.set_value("t3", "new", "natural", 7)
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "natural")
    menu = grid.context_menu()
    actions = {a.text(): a for a in menu.actions()}
    assert set(actions) - {""} == {"复制", "剪切", "粘贴", "清除", "恢复默认列宽"}
    assert not actions["恢复默认列宽"].isEnabled()  # no width chosen yet
    actions["剪切"].trigger()
    assert QGuiApplication.clipboard().text().strip() == "7"
    assert ("t3", "new", "natural") not in draft.values
    stack.undo()
    assert draft.values[("t3", "new", "natural")] == 7
    grid.set_read_only(True)
    enabled = {a.text(): a.isEnabled() for a in grid.context_menu().actions() if a.text() in actions}
    assert {k: v for k, v in enabled.items() if k not in ("", "恢复默认列宽")} == {"复制": True, "剪切": False, "粘贴": False, "清除": False}


def test_enter_after_a_run_of_tabs_returns_to_the_column_it_started_in(make_grid) -> None:  # type: ignore[no-untyped-def]
    draft = blank_2021()
    grid = make_grid(draft, "t3")
    grid.focus_cell("new", "commercial")
    for text in ("1", "2", "3"):
        type_text(grid, text)
        key(grid, Qt.Key.Key_Tab if text != "3" else Qt.Key.Key_Return)
    assert [draft.values[("t3", "new", c)] for c in ("commercial", "research", "nonprofit")] == [1, 2, 3]
    assert current(grid) == ("carried_in", "commercial")  # as in a spreadsheet
    type_text(grid, "4")
    key(grid, Qt.Key.Key_Return)  # no Tab run now: straight down
    assert current(grid) == ("public", "commercial")
    key(grid, Qt.Key.Key_Tab)
    key(grid, Qt.Key.Key_Right)  # an arrow ends the run
    key(grid, Qt.Key.Key_Return)
    assert current(grid) == ("partial", "nonprofit")
