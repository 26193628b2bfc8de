"""The page template (page numbers, watermark), bookmarks, metadata, and ``render_report``."""

from __future__ import annotations

import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from common.errors import AppError
from forms.atomic_file import write_file_atomically
from forms.draft import Draft
from render.fontset import FontSet, font_set
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


class RenderError(AppError, RuntimeError):
    """The PDF could not be produced; ``user_message`` (Chinese) says why."""

    advice_zh = "请检查程序安装是否完整（字体文件是否缺失），必要时重新安装本程序。"
    advice_en = "Check that the program is installed completely (font files present); reinstall it if needed."

    def __init__(self, user_message: str, detail: str = "") -> None:
        super().__init__(user_message, detail or user_message)
        self.user_message = user_message
        self.detail = detail


class ReportDocTemplate(BaseDocTemplate):
    """A4 with the GB/T 9704 text block; records section pages and adds one bookmark per section."""

    def __init__(self, output: BinaryIO, fonts: FontSet, watermark: str | None, **kwargs: object) -> None:
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
        frame = Frame(PAGE.left, PAGE.bottom, PAGE.frame_width, PAGE.frame_height, 0, 0, 0, 0, id="body")
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

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

    def _decorate(self, canv, doc) -> None:  # type: ignore[no-untyped-def]
        """Watermark under the page content, then the page number."""
        if self.watermark:
            draw_watermark(canv, self.fonts, self.watermark)
        draw_page_number(canv, self.fonts, doc.page)


def draw_runs(canv, fonts: FontSet, text: str, role: str, size: float, x: float, y: float) -> None:  # type: ignore[no-untyped-def]
    """drawString with the role's fallback chain, so no character disappears."""
    for name, part in fonts.runs(text, role):
        canv.setFont(name, size)
        canv.drawString(x, y, part)
        x += canv.stringWidth(part, name, size)


def draw_page_number(canv, fonts: FontSet, page: int) -> None:  # type: ignore[no-untyped-def]
    """"— N —" in 14 pt: odd pages right, even pages left, one character in from the text block."""
    text = f"— {page} —"
    size = PAGE.page_number_size
    width = fonts.text_width(text, "folio", size)
    y = PAGE.bottom - PAGE.page_number_gap - size * 0.8
    x = PAGE.width - PAGE.right - size - width if page % 2 else PAGE.left + size
    canv.saveState()
    draw_runs(canv, fonts, text, "folio", size, x, y)
    canv.restoreState()


def draw_watermark(canv, fonts: FontSet, text: str) -> None:  # type: ignore[no-untyped-def]
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
) -> RenderResult:
    """Render ``draft`` as the official PDF to a path (written atomically) or a binary file object.

    ``fonts``: auto (official system fonts where installed, bundled otherwise), bundled, system.
    ``reproducible``: fixed dates and document id, so the same draft gives identical bytes.
    """
    font_names = font_set(fonts)
    buffer = io.BytesIO()
    title = f"{draft.agency}{draft.year}年政府信息公开工作年度报告"
    doc = ReportDocTemplate(
        buffer,
        font_names,
        watermark,
        title=title,
        author=draft.agency,
        subject=f"政府信息公开工作年度报告（{draft.definition.name_zh}）",
        creator="nianbao",
        keywords=["政府信息公开", "年度报告", str(draft.year)],
        invariant=1 if reproducible else 0,
        lang="zh-CN",
        displayDocTitle=1,
    )
    story = build_story(draft, font_names, build_styles(font_names))
    try:
        doc.build(story)
    except LayoutError as exc:  # e.g. one table row taller than a page
        raise RenderError("排版失败：报告内容无法排入页面，请检查过长的内容", repr(exc)) from exc
    _write(buffer.getvalue(), output)
    return RenderResult(
        page_count=doc.page,
        section_pages=dict(doc.section_pages),
        text_pages=dict(doc.text_pages),
        missing_glyphs=missing_glyphs(draft, font_names, watermark or ""),
        substituted_fonts=font_names.substituted,
        font_files={role: path.name for role, path in font_names.files.items()},
    )


def missing_glyphs(draft: Draft, fonts: FontSet, watermark: str = "") -> tuple[str, ...]:
    """Characters of the draft's texts (and the watermark) that no font of the set has."""
    texts = [draft.agency, draft.signature.agency, watermark, *draft.texts.values(), *draft.headings.values()]
    return tuple(sorted({ch for text in texts for ch in text if not fonts.has_glyph(ch)}))


def _write(data: bytes, output: str | os.PathLike[str] | BinaryIO) -> None:
    if hasattr(output, "write"):
        output.write(data)  # type: ignore[union-attr]
        return
    write_file_atomically(Path(output), data)  # type: ignore[arg-type]
