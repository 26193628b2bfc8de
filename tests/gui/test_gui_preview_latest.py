"""An edit made while the preview renders cancels that stale render; the page shown ends up with the last edit,
and only one preview document is kept."""

from __future__ import annotations

import pypdf
from gui_helpers import give_focus, open_example, type_text
from PySide6.QtPdf import QPdfDocument


def _text(path) -> str:  # type: ignore[no-untyped-def]
    return "".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def test_edit_during_render_cancels_it_and_the_last_edit_is_shown(make_window, seed_path, qtbot):
    window = make_window(preview=True)
    open_example(window, seed_path)
    wizard = window.wizard
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.page_count > 0, timeout=20000)
    preview = wizard.preview
    wizard.show_page("text:s6")
    give_focus(wizard.current_page().block.editor)
    type_text("甲")
    qtbot.waitUntil(lambda: preview._inflight is not None, timeout=5000)  # a render of "甲" is under way
    stale = preview._inflight
    type_text("乙丙")
    assert stale.cancelled.is_set()
    qtbot.waitUntil(lambda: not preview._running and not preview._timer.isActive() and preview._inflight is None
                    and "甲乙丙" in _text(preview.last_pdf), timeout=20000)
    assert preview.document.pageCount() == preview.page_count > 0
    # the previous documents were closed and released (deleteLater: gone once the event loop has run)
    qtbot.waitUntil(lambda: len(preview.findChildren(QPdfDocument)) <= 1, timeout=2000)
    assert len(preview.findChildren(QPdfDocument)) == 1
