"""A paragraph whose lines are broken once, however many pages it runs across.

ReportLab splits a paragraph at a page end into the lines that fit and a new paragraph holding the
rest of the text, which it breaks into lines again on the next page. For a paragraph of N pages
that is N line-breakings of ever shorter remainders: time grows with the square of the length
(a legal 200,000-character paragraph took 50 s). Here the part carried to the next page keeps the
lines already broken, so every character is measured once. Lines do not change: a remainder
starts at a line start and every later line has the same width, so breaking it again would give
the same lines (for text in one font; with mixed fonts ReportLab's remainder gets a space added at
every former line end, which these kept lines avoid).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import Flowable, Paragraph

_FUZZ = 1e-6


class BodyParagraph(Paragraph):
    """``Paragraph`` whose split-off remainder reuses the lines broken for the whole paragraph."""

    #: (line width, broken lines) handed over by ``split``; used while the width is the same
    _carried: tuple[float, object] | None = None

    def breakLinesCJK(self, maxWidths: float | list[float]) -> Any:
        carried = self._carried
        if carried is not None:
            widths = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
            if all(abs(w - carried[0]) < _FUZZ for w in widths):
                return carried[1]
        return super().breakLinesCJK(maxWidths)

    def _get_split_blParaFunc(self) -> Callable[[Any, int, int], list[Any]]:
        if self.style.wordWrap == "CJK":
            return _split_cjk_lines if self.blPara.kind == 0 else _split_cjk_frag_lines
        inherited: Callable[[Any, int, int], list[Any]] = super()._get_split_blParaFunc()
        return inherited

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for part in parts:
            part.layout_kind = getattr(self, "layout_kind", "")
        if len(parts) != 2 or not isinstance(parts[1], BodyParagraph):
            return parts
        whole = self.blPara
        shown = len(parts[0].blPara.lines)
        # the remainder has no first-line indent: all its lines are as wide as the later lines here
        width = self._wrapWidths[1]
        parts[1]._carried = (width, whole.clone(lines=whole.lines[shown:]))
        return parts


def _split_cjk_lines(blPara: Any, start: int, stop: int) -> list[Any]:
    """ReportLab's ``_split_blParaSimple`` for one-font CJK lines: the text of lines start..stop as
    one fragment. The lines come from ``linebreak.dumb_split`` and hold plain strings, so the
    per-word checks for hyphenated Latin words there (a generator step per line, run over the whole
    remainder at every page) are not needed."""
    frag = blPara.clone()
    for name in ("lines", "kind", "text"):
        if hasattr(frag, name):
            delattr(frag, name)
    frag.words = [word for line in blPara.lines[start:stop] for word in line[1]]
    return [frag]


def _split_cjk_frag_lines(blPara: Any, start: int, stop: int) -> list[Any]:
    """ReportLab's ``_split_blParaHard`` for CJK lines mixing fonts, without its space: that one
    appends a space to the last fragment of every line, in place, so the lines drawn on the page
    gained a trailing space (and lost their character-spacing justification). A CJK line break
    is not a space."""
    return [word.clone() for line in blPara.lines[start:stop] for word in line.words]
