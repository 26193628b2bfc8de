"""Office screens: the page keeps the room on a small screen, and no splitter position can hide it."""

from __future__ import annotations

import pytest
from gui_helpers import spin

import forms


def _open(window, size: tuple[int, int]):  # type: ignore[no-untyped-def]
    window.resize(*size)
    spin(50)
    draft_id = window.store.create(forms.new_draft("测试区人民政府办公室", 2021))
    wizard = window.open_draft(draft_id, "tables:3")
    assert wizard is not None
    for _ in range(100):  # the preview is attached after the first paint
        if wizard.preview is not None:
            break
        spin(20)
    spin(50)
    return wizard


@pytest.mark.parametrize("size", [(1280, 720), (1024, 700), (1920, 1080)])
def test_first_start_gives_the_page_most_of_the_width(make_window, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window = make_window(preview=True)
    wizard = _open(window, size)
    navigator, page, preview = wizard.main_split.sizes()
    assert wizard.preview is not None and wizard.preview.isVisible()
    assert page >= (0.45 if size[0] < 1280 else 0.52) * size[0], wizard.main_split.sizes()
    assert preview >= 300 and navigator >= 150
    grid = wizard.current_page().grids["t3"]
    assert grid.view.viewport().width() > 250  # data columns show next to the row labels


def test_no_splitter_position_hides_the_page(make_window) -> None:  # type: ignore[no-untyped-def]
    window = make_window(preview=True)
    wizard = _open(window, (1280, 720))
    wizard.main_split.setSizes([0, 0, 1280])
    wizard.centre_split.setSizes([0, 700])
    spin(20)
    assert wizard.main_split.sizes()[0] > 0 and wizard.main_split.sizes()[1] > 100
    assert wizard.centre_split.sizes()[0] > 100
    window._remember_splitters()  # a remembered state like that one cannot hide the page next time either
    window.open_draft(window.session.draft_id, "tables:3")
    spin(100)
    wizard = window.wizard
    assert wizard.centre_split.sizes()[0] > 100 and wizard.main_split.sizes()[1] > 100
