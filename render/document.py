"""The page template (page numbers, watermark), bookmarks, metadata, and ``render_report``."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from common.errors import AppError
from forms.draft import Draft
from render.cancel import CancelCheck, check
from render.fontset import FontSet, font_set
from render.output_file import write_output
from render.page_digest import DigestCanvas
from render.placements import Placement, RecordingFrame
from render.story import Heading, build_story
from render.styles import PAGE, build_styles


@dataclass
class RenderResult:
    page_count: int
    section_pages: dict[str, int]  # section id "1".."6" -> 1-based page where it starts
    text_pages: dict[str, int] = field(default_factory=dict)  # subsection text id ("s1.request") -> its page
    missing_glyphs: tuple[str, ...] = ()  # characters no font could draw (shown as boxes)
    substituted_fonts: tuple[str, ...] = ()  # roles where --fonts system found no system font
    font_files: dict[str, str] = field(default_factory=dict)  # role -> font file name used
    page_digests: tuple[str, ...] = ()  # per page: equal in two renders -> the page looks the same


class RenderError(AppError):
    """The PDF could not be produced. ``zh``/``en`` say why to the clerk; ``detail`` is ReportLab's own
    technical text, for the log only."""

    advice_zh = "请检查是否有特别长的表格内容或文字；如果问题仍然存在，请把草稿文件发给技术支持人员。"
    advice_en = "Look for very long table content or text; if it persists, send the draft file to support."

    def __init__(self, zh: str, en: str, detail: str = "") -> None:
        super().__init__(zh, en)
        self.detail = detail


class ReportDocTemplate(BaseDocTemplate):
    """A4 with the GB/T 9704 text block; records section pages and adds one bookmark per section.

    ``cancel`` is asked before every flowable and page; when it returns True the build stops with
    ``RenderCancelled``. ``placements`` lists where the paragraphs, tables and signature landed."""

    def __init__(
        self, output: BinaryIO, fonts: FontSet, watermark: str | None, cancel: CancelCheck | None = None, **kwargs: object
    ) -> None:
        super().__init__(
            output,
            pagesize=(PAGE.width, PAGE.height),
            leftMargin=PAGE.left,
            rightMargin=PAGE.right,
            topMargin=PAGE.top,
            bottomMargin=PAGE.bottom,
            initialFontName=fonts.names["body"],  # else ReportLab references an unembedded Helvetica
            **kwargs,
        )
        self.fonts = fonts
        self.watermark = (watermark or "").strip()
        self.section_pages: dict[str, int] = {}
        self.text_pages: dict[str, int] = {}
        self.cancel = cancel
        self.placements: list[Placement] = []
        frame = RecordingFrame(
            PAGE.left, PAGE.bottom, PAGE.frame_width, PAGE.frame_height, 0, 0, 0, 0, id="body", record=self.placements
        )
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        check(self.cancel)
        super().handle_flowable(flowables)

    def handle_pageBegin(self) -> None:
        check(self.cancel)
        super().handle_pageBegin()

    def afterFlowable(self, flowable: object) -> None:
        if isinstance(flowable, Heading) and flowable.section_id and flowable.section_id not in self.section_pages:
            self.section_pages[flowable.section_id] = self.page
            key = f"section-{flowable.section_id}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=0)
        elif isinstance(flowable, Heading) and flowable.text_id and flowable.text_id not in self.text_pages:
            self.text_pages[flowable.text_id] = self.page
            key = f"text-{flowable.text_id}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.plain, key, level=1)

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """Watermark under the page content, then the page number."""
        if self.watermark:
            draw_watermark(canv, self.fonts, self.watermark)
        draw_page_number(canv, self.fonts, doc.page)


def draw_runs(canv: Canvas, fonts: FontSet, text: str, role: str, size: float, x: float, y: float) -> None:
    """drawString with the role's fallback chain, so no character disappears."""
    for name, part in fonts.runs(text, role):
        canv.setFont(name, size)
        canv.drawString(x, y, part)
        x += canv.stringWidth(part, name, size)


def draw_page_number(canv: Canvas, fonts: FontSet, page: int) -> None:
    """"— N —" in 14 pt: odd pages right, even pages left, one character in from the text block."""
    text = f"— {page} —"
    size = PAGE.page_number_size
    width = fonts.text_width(text, "folio", size)
    y = PAGE.bottom - PAGE.page_number_gap - size * 0.8
    x = PAGE.width - PAGE.right - size - width if page % 2 else PAGE.left + size
    canv.saveState()
    draw_runs(canv, fonts, text, "folio", size, x, y)
    canv.restoreState()


def draw_watermark(canv: Canvas, fonts: FontSet, text: str) -> None:
    """Large light diagonal text across the page centre (草稿, 待审核 ...)."""
    size = 72.0
    width = fonts.text_width(text, "heading1", size)
    if width > PAGE.height * 0.9:
        size *= PAGE.height * 0.9 / width
        width = fonts.text_width(text, "heading1", size)
    canv.saveState()
    canv.translate(PAGE.width / 2, PAGE.height / 2)
    canv.rotate(45)
    canv.setFillColor(colors.Color(0.6, 0.6, 0.6))
    canv.setFillAlpha(0.25)
    draw_runs(canv, fonts, text, "heading1", size, -width / 2, -size / 3)
    canv.restoreState()


def render_report(
    draft: Draft,
    output: str | os.PathLike[str] | BinaryIO,
    *,
    watermark: str | None = None,
    fonts: str = "auto",
    reproducible: bool = False,
    cancel: CancelCheck | None = None,
    placements: list[Placement] | None = None,
    compress: bool = True,
) -> RenderResult:
    """Render ``draft`` as the official PDF to a path (written atomically) or a binary file object.

    ``fonts``: auto (official system fonts where installed, bundled otherwise), bundled, system.
    ``reproducible``: fixed dates and document id, so the same draft gives identical bytes.
    ``cancel``: asked between flowables and pages (from this thread); when it returns True the
    render stops with ``RenderCancelled`` and nothing is written to ``output``.
    ``placements``: a list that receives where every paragraph, table part and signature line
    landed (for checks of the page layout).
    ``compress``: False skips deflating streams (the same pages, a larger file, 40 % faster: the preview).
    """
    check(cancel)
    font_names = font_set(fonts)
    buffer = io.BytesIO()
    title = f"{draft.agency}{draft.year}年政府信息公开工作年度报告"
    doc = ReportDocTemplate(
        buffer,
        font_names,
        watermark,
        cancel,
        title=title,
        author=draft.agency,
        subject=f"政府信息公开工作年度报告（{draft.definition.name_zh}）",
        creator="nianbao",
        keywords=["政府信息公开", "年度报告", str(draft.year)],
        invariant=1 if reproducible else 0,
        pageCompression=1 if compress else 0,
        lang="zh-CN",
        displayDocTitle=1,
    )
    story = build_story(draft, font_names, build_styles(font_names))
    try:
        doc.build(story, canvasmaker=DigestCanvas)
    except LayoutError as exc:  # e.g. one table row taller than a page
        raise RenderError("排版失败：报告内容无法排入页面，请检查过长的内容",
                          "layout failed: the report content does not fit on the page; check very long content", repr(exc)) from exc
    check(cancel)
    if placements is not None:
        placements.extend(doc.placements)
    write_output(buffer.getvalue(), output, "PDF 文件", "PDF file")
    return RenderResult(
        page_count=doc.page,
        section_pages=dict(doc.section_pages),
        text_pages=dict(doc.text_pages),
        missing_glyphs=missing_glyphs(draft, font_names, watermark or ""),
        substituted_fonts=font_names.substituted,
        font_files={role: path.name for role, path in font_names.files.items()},
        page_digests=tuple(doc.canv.page_digests),
    )


def render_with_layout(
    draft: Draft, output: str | os.PathLike[str] | BinaryIO, **options: Any
) -> tuple[RenderResult, tuple[Placement, ...]]:
    """``render_report`` (same options), also returning where every block landed."""
    placements: list[Placement] = []
    result = render_report(draft, output, placements=placements, **options)
    return result, tuple(placements)


def missing_glyphs(draft: Draft, fonts: FontSet, watermark: str = "") -> tuple[str, ...]:
    """Characters of the draft's texts (and the watermark) that no font of the set has."""
    texts = [draft.agency, draft.signature.agency, watermark, *draft.texts.values(), *draft.headings.values()]
    used = set().union(*texts)
    return tuple(sorted(ch for ch in used if not fonts.has_glyph(ch)))
