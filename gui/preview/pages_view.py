"""The preview's page area: the pages of a PDF one below the other, painted from images that QtPdf
renders on its own thread.

Why not ``QPdfView``: handed a new document, it drops every page image and paints blank pages until the
new ones are rendered, a white flash on each keystroke while the preview follows typing; and it reads
the document (page sizes, the first page's links) on the UI thread. Here the previous document's pages
stay on screen until the new images arrive, and the UI thread never calls into PDFium: page sizes
come with the document from the render thread, images from ``QPdfPageRenderer``'s thread.

``QPdfPageRenderer.setDocument`` waits for the page it is rendering (it shares one lock with the
render), so a new document is handed over only when no page is under way; until then the old pages
stay. The previous document is closed at that moment, when nothing reads it.

The layout is QPdfView's (6 px document margins, 3 px between pages, pages centred, the current page
is the one under a line at 40 % of the height), so the pages look as they did.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, QSizeF, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions, QPdfPageRenderer
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

__all__ = ["MAX_ZOOM", "MIN_ZOOM", "PagesView", "close_document"]

MARGIN = 6  # around the pages, as QPdfView
SPACING = 3  # between pages, as QPdfView
MIN_ZOOM, MAX_ZOOM = 0.2, 5.0
#: Page images kept for the current document: the visible ones and the most recently shown (a page at
#: preview size is about 0.7 MB).
KEPT_IMAGES = 20
PAPER = QColor("white")
#: A new document waits at most this long for the page being rendered (normally one page, 5-20 ms).
SWAP_WAIT_MS = 300


class PagesView(QAbstractScrollArea):
    """Shows a QPdfDocument's pages fitted to the width or at a zoom factor; owns the documents it is given."""

    currentPageChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._renderer = QPdfPageRenderer(self)
        self._renderer.setRenderMode(QPdfPageRenderer.RenderMode.MultiThreaded)
        self._renderer.pageRendered.connect(self._page_rendered)
        self._options = QPdfDocumentRenderOptions()
        self._document: QPdfDocument | None = None
        self._sizes: list[QSizeF] = []  # page sizes in points
        self._pages: list[QRect] = []  # page rectangles in document coordinates (logical pixels)
        self._images: dict[int, QImage] = {}  # the current document's pages at the current size
        self._stale: dict[int, QImage] = {}  # the previous document's or size's pages, shown until replaced
        self._requests: dict[int, int] = {}  # request id -> page, for the current document and sizes
        self._outstanding: set[int] = set()  # renders under way, of any document or size
        self._incoming: tuple[QPdfDocument, list[QSizeF], int, tuple[str, ...]] | None = None  # waiting for the renderer
        self._digests: tuple[str, ...] = ()  # of the document on screen
        self._swap_timer = QTimer(self, singleShot=True, interval=SWAP_WAIT_MS)
        self._swap_timer.timeout.connect(self._swap)
        self._zoom: float | None = None  # None: fit to the width
        self._current = 0
        self._dpi_scale = self.logicalDpiX() / 72  # pixels per point at zoom 1, as QPdfView
        self.verticalScrollBar().setSingleStep(20)
        self.horizontalScrollBar().setSingleStep(20)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.horizontalScrollBar().valueChanged.connect(self.viewport().update)

    # ------------------------------------------------------------------ the document
    def set_document(self, document: QPdfDocument, page_sizes: list[tuple[float, float]], page: int = 0,
                     page_digests: tuple[str, ...] = ()) -> None:
        """Show ``document`` (``page_sizes`` in points, read on the render thread) at ``page``; the view owns it
        from now on. The previous one is closed when the new one takes its place. A page whose digest
        equals the previous document's keeps its image instead of being drawn again."""
        document.setParent(self)
        if self._incoming is not None:
            close_document(self._incoming[0])  # never shown: a newer one came first
        self._incoming = (document, [QSizeF(w, h) for w, h in page_sizes], page, page_digests)
        if self._outstanding:
            self._swap_timer.start()  # at the latest; normally the last page under way comes back first
        else:
            self._swap()

    def _swap(self) -> None:
        self._swap_timer.stop()
        if self._incoming is None:
            return
        document, sizes, page, digests = self._incoming
        self._incoming = None
        previous = self._document
        self._outstanding.clear()  # empty unless the wait timed out; then those results are ignored anyway
        self._renderer.setDocument(document)
        self._document = document
        if previous is not None:
            close_document(previous)
        unchanged = {p: image for p, image in self._images.items()
                     if p < min(len(digests), len(self._digests)) and digests[p] and digests[p] == self._digests[p]}
        before = [rect.size() for rect in self._pages]
        self._forget_images()
        self._stale = {p: image for p, image in self._stale.items() if p < len(sizes)}  # one image a page at most
        self._sizes, self._digests = sizes, digests
        self._layout()
        for p, image in unchanged.items():
            if p < len(before) and self._pages[p].size() == before[p]:
                self._images[p] = image
                self._stale.pop(p, None)
        if page != self._current:
            self.jump(page)

    def document(self) -> QPdfDocument | None:
        """The document on screen (a newer one may be waiting for the renderer)."""
        return self._document

    def page_count(self) -> int:
        return len(self._sizes)

    # ------------------------------------------------------------------ zoom and position
    def zoom_factor(self) -> float:
        """The zoom in effect (for fit-to-width, the factor that fits the first page)."""
        if self._zoom is not None:
            return self._zoom
        if not self._sizes:
            return 1.0
        return self._fit_width() / (self._sizes[0].width() * self._dpi_scale)

    def set_zoom(self, factor: float | None) -> None:
        """A zoom factor (1 = 72 points a logical inch), or None to fit the pages to the width."""
        self._zoom = None if factor is None else max(MIN_ZOOM, min(MAX_ZOOM, factor))
        page, bar = self._current, self.verticalScrollBar()
        before = self._pages[page] if page < len(self._pages) else None
        self._layout()
        if before is not None:  # the same place of the current page stays at the top
            after = self._pages[page]
            bar.setValue(after.top() + round((bar.value() - before.top()) * after.height() / max(1, before.height())))

    def fits_width(self) -> bool:
        return self._zoom is None

    def current_page(self) -> int:
        return self._current

    def jump(self, page: int) -> None:
        """Scroll so that ``page`` starts at the top."""
        if 0 <= page < len(self._pages):
            self.verticalScrollBar().setValue(self._pages[page].top())
            self._set_current(page)

    # ------------------------------------------------------------------ layout
    def _fit_width(self) -> float:
        return max(1.0, self.viewport().width() - 2 * MARGIN)

    def _page_size(self, size: QSizeF) -> QSize:
        if self._zoom is None:
            width = self._fit_width()
            return QSize(round(width), round(width * size.height() / max(size.width(), 1.0)))
        scale = self._dpi_scale * self._zoom
        return QSize(round(size.width() * scale), round(size.height() * scale))

    def _layout(self) -> None:
        sizes = [self._page_size(s) for s in self._sizes]
        old = [r.size() for r in self._pages]
        total_width = max((s.width() for s in sizes), default=0) + 2 * MARGIN
        x_space = max(total_width, self.viewport().width())
        pages, y = [], MARGIN
        for size in sizes:
            pages.append(QRect(QPoint((x_space - size.width()) // 2, y), size))
            y += size.height() + SPACING
        self._pages = pages
        height = y + MARGIN if pages else 0  # QPdfView's, with the spacing after the last page
        if [r.size() for r in pages] != old:  # other sizes: render again, show the old images scaled meanwhile
            self._forget_images()
        viewport = self.viewport().size()
        for bar, full, seen in ((self.horizontalScrollBar(), total_width, viewport.width()),
                                (self.verticalScrollBar(), height, viewport.height())):
            bar.setRange(0, max(0, full - seen))
            bar.setPageStep(seen)
        self._scrolled()
        self.viewport().update()

    def _forget_images(self) -> None:
        """The images on hand no longer fit (another document or size): shown until redrawn, not kept."""
        self._stale.update(self._images)
        self._images = {}
        self._requests.clear()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._layout()

    def _visible(self) -> QRect:
        return QRect(QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value()), self.viewport().size())

    def _scrolled(self) -> None:
        visible = self._visible()
        line = QRect(visible.left(), visible.top() + int(visible.height() * 0.4), max(1, visible.width()), 2)
        for page, rect in enumerate(self._pages):
            if rect.intersects(line):
                self._set_current(page)
                break
        self.viewport().update()

    def _set_current(self, page: int) -> None:
        if page != self._current:
            self._current = page
            self.currentPageChanged.emit(page)

    # ------------------------------------------------------------------ painting
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), self.palette().brush(QPalette.ColorRole.Dark))
        visible = self._visible()
        painter.translate(-visible.topLeft())
        ratio = self.viewport().devicePixelRatioF()
        for page, rect in enumerate(self._pages):
            if not rect.intersects(visible):
                continue
            wanted = rect.size() * ratio
            image = self._images.get(page)
            if image is not None and image.size() != wanted:  # the window moved to a screen of another scale
                self._stale[page] = self._images.pop(page)
                image = None
            if image is None:
                self._request(page, wanted)
                image = self._stale.get(page)
            painter.fillRect(rect, PAPER)  # the page images are transparent where the page is blank
            if image is not None:
                painter.drawImage(rect, image)
        painter.end()

    def _request(self, page: int, size: QSize) -> None:
        if self._document is None or self._incoming is not None or page in self._requests.values():
            return  # nothing to render, or a new document waits for the renderer to finish
        request = self._renderer.requestPage(page, size, self._options)
        if request:  # 0: the document is not ready (failed to open)
            self._requests[request] = page
            self._outstanding.add(request)

    def _page_rendered(self, page: int, size: QSize, image: QImage, options: object, request: int) -> None:
        self._outstanding.discard(request)
        if self._requests.pop(request, None) == page:  # else for a replaced document or an earlier size
            self._images[page] = image
            self._stale.pop(page, None)
            while len(self._images) > KEPT_IMAGES:
                self._images.pop(next(p for p in self._images if p != page))
            self.viewport().update()
        if self._incoming is not None and not self._outstanding:
            self._swap()


def close_document(document: QPdfDocument) -> None:
    """Close a preview document and delete it once the event loop runs."""
    document.close()  # frees PDFium's copy of the pages now; the object goes with the next event loop pass
    document.deleteLater()
