"""The preview's page view: pages laid out as QPdfView did, no blank flash when a new document comes,
the old document closed once the renderer is done with it, zoom and page jumps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QImage, QKeyEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QApplication
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from gui.preview.pages_view import MARGIN, SPACING, PagesView


def _pdf(path: Path, pages: int, band: str) -> Path:
    """A4 pages, each with a black band at the top (``band`` = "top") or the bottom."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(pages):
        c.rect(50, 700 if band == "top" else 50, 495, 100, fill=1)
        c.showPage()
    c.save()
    return path


def _open(path: Path) -> tuple[QPdfDocument, list[tuple[float, float]]]:
    document = QPdfDocument()
    document.load(str(path))
    sizes = [(document.pagePointSize(i).width(), document.pagePointSize(i).height()) for i in range(document.pageCount())]
    return document, sizes


def _dark_rows(view: PagesView) -> tuple[int, int]:
    """Dark pixels in the upper and the lower half of the first page on screen."""
    image = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
    page = view._pages[0].translated(0, -view.verticalScrollBar().value())
    x = page.center().x()
    halves = [0, 0]
    for y in range(max(0, page.top()), min(image.height(), page.bottom())):
        if image.pixelColor(x, y).value() < 80:
            halves[0 if y < page.center().y() else 1] += 1
    return halves[0], halves[1]


@pytest.fixture
def view(qtbot):  # type: ignore[no-untyped-def]
    widget = PagesView()
    qtbot.addWidget(widget)
    widget.resize(400, 600)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _settled(view: PagesView) -> bool:
    return view._incoming is None and not view._outstanding and 0 in view._images


def test_pages_are_laid_out_as_qpdfview_did_and_fit_the_width(view, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    document, sizes = _open(_pdf(tmp_path / "a.pdf", 3, "top"))
    view.set_document(document, sizes)
    width = view.viewport().width() - 2 * MARGIN
    assert [r.width() for r in view._pages] == [width] * 3
    assert view._pages[0].top() == MARGIN
    assert view._pages[1].top() == view._pages[0].bottom() + 1 + SPACING
    assert view.verticalScrollBar().maximum() == 3 * (view._pages[0].height() + SPACING) + 2 * MARGIN - view.viewport().height()
    qtbot.waitUntil(lambda: _settled(view), timeout=5000)
    top, bottom = _dark_rows(view)
    assert top > 50 and bottom == 0  # the band is where the PDF has it


def test_a_new_document_replaces_the_pages_without_a_blank_page_between(view, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    first = _open(_pdf(tmp_path / "a.pdf", 2, "top"))
    view.set_document(*first)
    qtbot.waitUntil(lambda: _settled(view), timeout=5000)
    second = _open(_pdf(tmp_path / "b.pdf", 2, "bottom"))
    view.set_document(*second)
    view.viewport().repaint()
    assert _dark_rows(view)[0] > 50  # still the old page, not a white one, until the new image is there
    qtbot.waitUntil(lambda: _settled(view), timeout=5000)
    view.viewport().repaint()
    top, bottom = _dark_rows(view)
    assert top == 0 and bottom > 50
    # the old document is closed and released: only the shown one remains
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert view.findChildren(QPdfDocument) == [second[0]]
    assert first[0] not in view.findChildren(QPdfDocument)


def test_a_new_document_waits_for_the_page_being_rendered(view, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    first = _open(_pdf(tmp_path / "a.pdf", 2, "top"))
    view.set_document(*first)
    view.viewport().repaint()  # asks the renderer for the visible pages
    assert view._outstanding
    second = _open(_pdf(tmp_path / "b.pdf", 2, "bottom"))
    third = _open(_pdf(tmp_path / "c.pdf", 4, "bottom"))
    view.set_document(*second)
    assert view.document() is first[0]  # the renderer is still busy with the first one
    view.set_document(*third)  # a newer one comes first: the second is never shown and is closed
    qtbot.waitUntil(lambda: view.document() is third[0], timeout=5000)
    assert view.page_count() == 4
    qtbot.waitUntil(lambda: _settled(view), timeout=5000)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert view.findChildren(QPdfDocument) == [third[0]]


def test_zoom_jump_and_keys(view, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    document, sizes = _open(_pdf(tmp_path / "a.pdf", 5, "top"))
    view.set_document(document, sizes)
    pages: list[int] = []
    view.currentPageChanged.connect(pages.append)
    view.jump(3)
    assert view.current_page() == 3 and pages == [3]
    assert view.verticalScrollBar().value() == view._pages[3].top()
    view.set_zoom(2.0)
    assert view._pages[0].width() == round(sizes[0][0] * view.logicalDpiX() / 72 * 2.0)
    assert view.current_page() == 3 and view.verticalScrollBar().value() == view._pages[3].top()  # the page stays
    assert view.horizontalScrollBar().maximum() > 0
    view.set_zoom(100)
    assert view.zoom_factor() == 5.0
    view.set_zoom(None)
    assert view.fits_width() and view._pages[0].width() == view.viewport().width() - 2 * MARGIN
    before = view.verticalScrollBar().value()
    view.setFocus()
    QApplication.sendEvent(view, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_PageDown, Qt.KeyboardModifier.NoModifier))
    assert view.verticalScrollBar().value() == min(view.verticalScrollBar().maximum(), before + view.viewport().height())


def test_a_page_with_the_same_digest_keeps_its_image(view, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    view.resize(400, 1200)  # both pages in view
    first = _open(_pdf(tmp_path / "a.pdf", 2, "top"))
    view.set_document(*first, 0, ("page-1", "page-2"))
    qtbot.waitUntil(lambda: _settled(view) and 1 in view._images, timeout=5000)
    kept = view._images[0]
    second = _open(_pdf(tmp_path / "b.pdf", 2, "bottom"))
    view.set_document(*second, 0, ("page-1", "page-2 changed"))
    assert view.document() is second[0]
    assert view._images == {0: kept}  # page 1 is not drawn again; page 2 is
    view.viewport().repaint()
    assert sorted(view._requests.values()) == [1]
    qtbot.waitUntil(lambda: 1 in view._images, timeout=5000)
    # without digests (or at another size) nothing is kept
    view.set_document(*_open(_pdf(tmp_path / "c.pdf", 2, "top")))
    assert view._images == {}


def test_an_image_of_another_size_is_drawn_again(view, qtbot, tmp_path):  # type: ignore[no-untyped-def]
    """As after the window moved to a screen with another scale: the image on hand is shown until the
    right one is drawn."""
    view.set_document(*_open(_pdf(tmp_path / "a.pdf", 1, "top")))
    qtbot.waitUntil(lambda: _settled(view), timeout=5000)
    small = view._images[0].scaled(10, 14)
    view._images[0] = small
    view.viewport().repaint()
    assert list(view._requests.values()) == [0] and view._stale[0] is small
    qtbot.waitUntil(lambda: 0 in view._images, timeout=5000)
    assert view._images[0].size() == view._pages[0].size() * view.viewport().devicePixelRatioF()
