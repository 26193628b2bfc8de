"""Where each paragraph, table part and signature line lands on the pages, recorded while the
document is laid out, so that pagination rules can be checked from measured positions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus.frames import Frame

from render.pagination import body_rows


@dataclass(frozen=True)
class Placement:
    """Where one paragraph, table part or signature line landed: page (1-based) and its top and
    bottom in points from the page's bottom edge; ``rows`` counts a table part's body rows."""

    page: int
    kind: str  # "title", "heading", "body", "signature", "table:<section id>"
    top: float
    bottom: float
    rows: int = 0


class RecordingFrame(Frame):
    """The text frame, noting where each flowable that names its ``layout_kind`` is drawn."""

    def __init__(self, *args: object, record: list[Placement], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.record = record

    def _add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> Any:
        y, at_top, prev_after = self._y, self._atTop, self._prevASpace
        kind = getattr(flowable, "layout_kind", "")
        # the frame's own spacing rule: space before is dropped at a frame top and overlaps the
        # space after the previous flowable
        space_before = 0.0 if at_top or not kind else max(flowable.getSpaceBefore() - prev_after, 0.0)
        space_after = flowable.getSpaceAfter() if kind else 0.0
        placed = super()._add(flowable, canv, trySplit)
        if placed and kind and self._y != y:
            rows = body_rows(flowable) if kind.startswith("table:") else 0
            self.record.append(Placement(canv.getPageNumber(), kind, y - space_before, self._y + space_after, rows))
        return placed

    add = _add

