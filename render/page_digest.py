"""A digest of each page as it is finished: equal digests in two renders mean equal-looking pages.

The preview renders the whole report after every edit, but usually one page changed; with these
digests it keeps the images of the pages that did not, instead of drawing them again.

A page's look is decided by its drawing operators, by what the names in them (fonts, graphics
states) stand for, and by which character each code of an embedded font subset stands for. ReportLab
hands out those codes in the order characters first appear in the document, so the same operators
can draw another character when an edit brought in a new one: the digest covers the subsets as
filled up to the end of the page (all the codes the page can use), which makes it change on every
page from the first one that uses a new character.
"""

from __future__ import annotations

import hashlib
from array import array

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

__all__ = ["DigestCanvas"]


class DigestCanvas(Canvas):
    """A Canvas that notes a digest per page in ``page_digests`` (hex strings, in page order)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.page_digests: list[str] = []

    def showPage(self) -> None:
        self.page_digests.append(self._digest())
        super().showPage()

    def _digest(self) -> str:
        digest = hashlib.blake2b(digest_size=16)
        digest.update("\n".join(self._code).encode("utf-8", "surrogatepass"))
        digest.update(repr(sorted(self._doc.fontMapping.items())).encode("utf-8", "surrogatepass"))
        digest.update(repr(sorted(vars(self._extgstate).get("_c", {}).items())).encode())  # graphics-state names
        for name in sorted(pdfmetrics.getRegisteredFontNames()):  # registered only: none is loaded here
            state = getattr(pdfmetrics.getFont(name), "state", {}).get(self._doc)
            if state is not None:  # a font with subsets in this document: its characters in code order
                digest.update(name.encode("utf-8", "surrogatepass"))
                digest.update(array("I", state.assignments).tobytes())
        return digest.hexdigest()
