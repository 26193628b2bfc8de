"""How much of a section was copied from last year's report.

Evaluations of these reports criticise copy-paste, so the office wants the share of each section
that reappears unchanged. A sentence counts as copied when, after normalising, it also occurs in
last year's text of the same section; digits are normalised too, so that "2021年" copied as "2022年"
still counts (changing only the year is the typical copy). The share is weighted by characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

#: Sections above this share are flagged.
DEFAULT_THRESHOLD = 0.8
#: Sentences shorter than this (after normalising) carry no information ("无。") and are ignored.
MIN_SENTENCE_CHARS = 6

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])|\n+")
_NOISE = re.compile(r"[\s，,、：:“”\"'（）()《》〈〉【】\[\]—\-－…·]+")
_DIGITS = re.compile(r"[0-9零〇一二三四五六七八九十百千万]+")


@dataclass(frozen=True)
class Sentence:
    text: str  # as written, for marking in the comparison
    key: str  # normalised, for matching

    @property
    def weight(self) -> int:
        return len(self.key)


def sentences(text: str, *, keep_trivial: bool = False) -> list[Sentence]:
    """The sentences of ``text`` that carry content (all of them with ``keep_trivial``), each with
    its matching key."""
    out: list[Sentence] = []
    for piece in _SENTENCE_END.split(text or ""):
        written = piece.strip()
        key = normalise(written)
        if len(key) >= MIN_SENTENCE_CHARS or (keep_trivial and written):
            out.append(Sentence(written, key))
    return out


def marked_sentences(this_year: str, last_year: str) -> list[tuple[str, bool]]:
    """Every sentence of ``this_year`` as written, with True where it was copied from ``last_year``."""
    previous = {s.key for s in sentences(last_year)}
    return [(s.text, len(s.key) >= MIN_SENTENCE_CHARS and s.key in previous) for s in sentences(this_year, keep_trivial=True)]


def normalise(sentence: str) -> str:
    folded = unicodedata.normalize("NFKC", sentence)
    return _DIGITS.sub("#", _NOISE.sub("", folded)).rstrip("。！？；!?;")


@dataclass(frozen=True)
class Similarity:
    share: float  # copied characters / all characters of this year's sentences (0 when empty)
    copied: tuple[str, ...]  # this year's sentences found in last year's text, as written
    total_sentences: int


def copied_share(this_year: str, last_year: str) -> Similarity:
    """Share of ``this_year``'s text (by characters) made of sentences that occur in ``last_year``."""
    previous = {s.key for s in sentences(last_year)}
    current = sentences(this_year)
    total = sum(s.weight for s in current)
    copied = [s for s in current if s.key in previous]
    share = sum(s.weight for s in copied) / total if total else 0.0
    return Similarity(share, tuple(s.text for s in copied), len(current))
