"""The state icons in gui/icon_images.py are what tools/draw_state_icons.py draws (they never drift), at every size."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from gui.icon_images import PNG
from gui.icons import ICON_SIZES, STATE_NAMES, state_icon

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.draw_state_icons import draw  # noqa: E402


@pytest.mark.parametrize("state", STATE_NAMES)
def test_the_stored_icons_are_the_drawings(qapp, state):  # noqa: ANN001
    for size in ICON_SIZES:
        stored = QImage.fromData(PNG[(state, size)], "PNG").convertToFormat(QImage.Format.Format_ARGB32)
        assert stored.size() == QSize(size, size), (state, size)
        assert stored == draw(state, size), f"{state} at {size} px differs from its drawing: run python -m tools.draw_state_icons"


def test_states_differ_and_every_size_is_offered(qapp):  # noqa: ANN001
    images = {state: draw(state, 32) for state in STATE_NAMES}
    assert len({bytes(image.constBits()) for image in images.values()}) == len(STATE_NAMES)
    assert set(PNG) == {(state, size) for state in STATE_NAMES for size in ICON_SIZES}
    for state in STATE_NAMES:
        assert set(state_icon(state).availableSizes()) == {QSize(s, s) for s in ICON_SIZES}
        assert not state_icon(state).pixmap(16, 16).isNull()
