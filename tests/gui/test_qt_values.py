"""gui/qt_values.py: the Qt values the first page sets by number are Qt's own, and the widgets built with
them behave as with the enums (plain-text labels, a vertical splitter, the navigator's item data)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

from gui import qt_values
from gui.plain import plain_label


def test_each_value_is_qts_own():
    assert qt_values.USER_ROLE == Qt.ItemDataRole.UserRole.value
    assert qt_values.ACCESSIBLE_DESCRIPTION_ROLE == Qt.ItemDataRole.AccessibleDescriptionRole.value
    assert qt_values.PLAIN_TEXT == Qt.TextFormat.PlainText.value
    assert qt_values.VERTICAL == Qt.Orientation.Vertical.value


def test_a_plain_label_shows_markup_as_text(qtbot):  # noqa: ANN001
    label = plain_label("<b>机关</b>")
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == "<b>机关</b>"


def test_orientation_set_through_the_property_is_the_enums(qtbot):  # noqa: ANN001
    splitter = QSplitter()
    qtbot.addWidget(splitter)
    splitter.setProperty("orientation", qt_values.VERTICAL)
    assert splitter.orientation() == Qt.Orientation.Vertical


def test_the_wizard_keeps_its_layout_and_the_navigator_its_item_data(make_window, seed_path, qtbot):  # noqa: ANN001
    from gui_helpers import open_example

    window = make_window()
    open_example(window, seed_path)
    wizard = window.wizard
    assert wizard.centre_split.orientation() == Qt.Orientation.Vertical
    assert wizard.main_split.orientation() == Qt.Orientation.Horizontal
    assert wizard.centre_split.parentWidget() is wizard.main_split
    assert wizard.main_split.parentWidget() is wizard
    navigator = wizard.navigator
    item = navigator.topLevelItem(0)
    assert item.data(0, Qt.ItemDataRole.UserRole) == "cover"
    assert item.data(0, Qt.ItemDataRole.AccessibleDescriptionRole)  # the page's state, read out after its title
    window.show()
    qtbot.waitExposed(window)
    groups = list(navigator._groups.values())
    assert groups, "the seed's section 一 has subsections"
    qtbot.waitUntil(lambda: all(g.flags() == Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable for g in groups),
                    timeout=2000)
