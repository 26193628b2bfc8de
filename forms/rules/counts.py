"""Rules that compare what the texts say with the tables: a count stated in any text
("收到政府信息公开申请40件") and a claim ("均获维持", "未收到申请") the table contradicts.

The phrases, the words that mark another statistic and the words that name the subject all come from
the format file; this module only knows how to read sentences, clauses and years. When unsure, the
rules say nothing: a false alarm on a real report costs the clerk's trust in every other finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from forms.definition import CellRef, Table
from forms.findings import Finding, Location
from forms.format_reader import ParamReader, Words
from forms.rules.base import Rule
from forms.rules.wording import squeeze
from forms.values import CellValue

if TYPE_CHECKING:
    from forms.rules.context import Context

_SENTENCE_END = re.compile(r"(?<=[。！？!?])")
_CLAUSE_MARK = "，,；;：:"
_YEAR = re.compile(r"((?:19|20)\d\d)年")


def sentences(text: str) -> Iterator[tuple[str, str]]:
    """(what the paragraph said before it, the sentence) for every sentence, spaces squeezed out
    (PDF extraction puts them around numbers)."""
    for paragraph in squeeze(text).split("\n"):
        before = 0
        for piece in _SENTENCE_END.split(paragraph):
            sentence = piece.rstrip("。！？!?")
            if sentence:
                yield paragraph[:before], sentence
            before += len(piece)


def clause_around(sentence: str, start: int, end: int) -> str:
    """The clause (between commas, semicolons, colons) holding sentence[start:end]."""
    left = max(sentence.rfind(mark, 0, start) for mark in _CLAUSE_MARK)
    rights = [i for i in (sentence.find(mark, end) for mark in _CLAUSE_MARK) if i >= 0]
    return sentence[left + 1 : min(rights) if rights else len(sentence)]


def this_year(ctx: Context, before: str) -> bool:
    """False when the nearest year named before a statement is not the report year."""
    years = _YEAR.findall(before)
    return not years or int(years[-1]) == ctx.draft.year


def _total(values: list[CellValue]) -> CellValue:
    present = [v for v in values if v is not None]
    return sum(present[1:], present[0]) if present else None


@dataclass(frozen=True)
class Quantity:
    """One statistic a sentence can state, and the table cells that hold it."""

    what: Words
    patterns: tuple[re.Pattern[str], ...]
    cells: tuple[CellRef, ...]
    accept: tuple[tuple[CellRef, ...], ...]  # other cell sums the same words may truthfully mean
    context: re.Pattern[str] | None  # outside the home texts, the sentence must name this before the number
    home: tuple[str, ...]


@dataclass(frozen=True)
class TextCountParams:
    texts: tuple[str, ...]
    number: re.Pattern[str]  # how a count is written ("40件"); a sentence without one is skipped
    ignore: re.Pattern[str]  # a clause matching this states some other statistic: never compared
    scope: re.Pattern[str] | None  # named earlier in the paragraph ("全市"): the numbers are not this agency's
    quantities: tuple[Quantity, ...]


class TextCountRule(Rule[TextCountParams]):
    """A count stated in the text ("收到政府信息公开申请40件") must equal the table.

    Only a sentence that is clearly about the same statistic is compared: the pattern must match,
    the clause must not name a different statistic (``ignore``), a year named before the number must
    be the report year, and outside its home texts the sentence must name its subject (``context``).
    When unsure, say nothing.
    """

    type_name = "text_count"

    @classmethod
    def read_params(cls, reader: ParamReader) -> TextCountParams:
        number = reader.string("number")
        try:
            if re.compile(number).groups != 1:
                raise reader.fail("number", "needs exactly one capturing group (the number)")
        except re.error as exc:
            raise reader.fail("number", f"invalid regular expression: {exc}") from exc
        texts = reader.texts("texts")
        ignore = reader.required_regex("ignore")
        quantities = []
        for sub in reader.children("quantities"):
            patterns = []
            for i, pattern in enumerate(sub.strings("patterns")):
                if "{N}" not in pattern:
                    raise sub.fail(f"patterns[{i}]", "must hold {N} where the number stands")
                try:
                    compiled = re.compile(pattern.replace("{N}", number))
                except re.error as exc:
                    raise sub.fail(f"patterns[{i}]", f"invalid regular expression: {exc}") from exc
                if compiled.groups != 1:
                    raise sub.fail(f"patterns[{i}]", "must not add capturing groups; use (?:...)")
                patterns.append(compiled)
            accept = sub.cell_lists("accept")
            home = sub.texts("home") if sub.has("home") else ()
            quantities.append(
                Quantity(sub.required_words("what"), tuple(patterns), sub.cells("cells"), accept, sub.regex("context", optional=True), home)
            )
            sub.finish()
        return TextCountParams(texts, re.compile(number), ignore, reader.regex("scope", optional=True), tuple(quantities))

    def check(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        for text_id in self.params.texts:
            for before, sentence in sentences(ctx.text(text_id)):
                if self.params.number.search(sentence) is None:
                    continue  # no count in this sentence: nothing to compare
                claimed: set[int] = set()
                for quantity in self.params.quantities:
                    out += self._compare(ctx, text_id, before, sentence, quantity, claimed)
        return out

    def _compare(self, ctx: Context, text_id: str, before: str, sentence: str, q: Quantity, claimed: set[int]) -> list[Finding]:
        needs_context = q.context is not None and text_id not in q.home
        out: list[Finding] = []
        for pattern in q.patterns:
            for match in pattern.finditer(sentence):
                if match.start(1) in claimed:
                    continue
                claimed.add(match.start(1))
                if needs_context and q.context is not None and not q.context.search(sentence, 0, match.end()):
                    continue  # the subject must be named before the number, not in a later aside
                clause = clause_around(sentence, match.start(), match.end())
                if self.params.ignore.search(clause) or not this_year(ctx, sentence[: match.start(1)]):
                    continue
                scope = self.params.scope
                if scope is not None and (scope.search(before) or scope.search(sentence, 0, match.start(1))):
                    continue  # a count for a whole city or district, not the agency's own table
                expected = _total([ctx.ref_value(ref) for ref in q.cells])
                if expected is None:
                    continue
                stated = int(match.group(1))
                if stated == expected or any(stated == _total([ctx.ref_value(r) for r in alt]) for alt in q.accept):
                    continue
                out.append(self._finding(ctx, text_id, clause, stated, expected, q))
        return out

    def _finding(self, ctx: Context, text_id: str, clause: str, stated: int, expected: object, q: Quantity) -> Finding:
        first = q.cells[0]
        if len(q.cells) == 1:
            where_zh, where_en = ctx.where(first.table, first.row, first.column)
        else:
            where_zh, where_en = ctx.where(first.table)
        name_zh, name_en = ctx.text_name(text_id)
        quote = clause if len(clause) <= 60 else clause[:58] + "……"
        return Finding(
            self.severity,
            "W_TEXT_TABLE_MISMATCH",
            Location(section=ctx.definition.table(first.table).section, table=first.table, row=first.row, column=first.column, text=text_id),
            f"{name_zh}中“{quote}”写的是 {stated} 件，而{where_zh}的{q.what.zh}为 {expected} 件，请核对",
            f"{name_en} says '{quote}' ({stated}) but {where_en} gives {q.what.en} = {expected}",
        )


@dataclass(frozen=True)
class Claim:
    pattern: re.Pattern[str]
    about: re.Pattern[str] | None  # the sentence must also match this
    cells: tuple[CellRef, ...]  # the claim is false when any of these is above 0
    what: Words


@dataclass(frozen=True)
class TextClaimParams:
    texts: tuple[str, ...]
    context: re.Pattern[str] | None
    home: tuple[str, ...]
    ignore: re.Pattern[str] | None
    scope: re.Pattern[str] | None  # named earlier in the paragraph: the claim is not about this agency
    claims: tuple[Claim, ...]


class TextClaimRule(Rule[TextClaimParams]):
    """A sentence that claims something the table contradicts ("均获维持" while a case was corrected)."""

    type_name = "text_claim"

    @classmethod
    def read_params(cls, reader: ParamReader) -> TextClaimParams:
        texts = reader.texts("texts")
        home = reader.texts("home") if reader.has("home") else ()
        claims = []
        for sub in reader.children("claims"):
            claims.append(Claim(sub.required_regex("pattern"), sub.regex("about", optional=True), sub.cells("cells"), sub.required_words("what")))
            sub.finish()
        return TextClaimParams(
            texts, reader.regex("context", optional=True), home, reader.regex("ignore", optional=True),
            reader.regex("scope", optional=True), tuple(claims),
        )

    def check(self, ctx: Context) -> list[Finding]:
        p = self.params
        out: list[Finding] = []
        for text_id in p.texts:
            for before, sentence in sentences(ctx.text(text_id)):
                if p.context is not None and text_id not in p.home and not p.context.search(sentence):
                    continue
                if p.ignore is not None and p.ignore.search(sentence):
                    continue
                if p.scope is not None and (p.scope.search(before) or p.scope.search(sentence)):
                    continue
                for claim in p.claims:
                    match = claim.pattern.search(sentence)
                    if match is None or (claim.about is not None and not claim.about.search(sentence)):
                        continue
                    if not this_year(ctx, sentence[: match.start()]):
                        continue
                    contrary = [(ref, v) for ref in claim.cells if (v := ctx.ref_value(ref)) is not None and v > 0]
                    if contrary:
                        out.append(self._finding(ctx, text_id, sentence, claim, contrary))
        return out

    def _finding(self, ctx: Context, text_id: str, sentence: str, claim: Claim, contrary: list[tuple[CellRef, int | Decimal]]) -> Finding:
        first = contrary[0][0]
        table = ctx.definition.table(first.table)
        section = ctx.definition.section(table.section)
        listed_zh = "、".join(f"{_cell_label(table, ref)}{v} 件" for ref, v in contrary)
        listed_en = ", ".join(f"{_cell_label(table, ref, 'en')} {v}" for ref, v in contrary)
        name_zh, name_en = ctx.text_name(text_id)
        quote = sentence if len(sentence) <= 60 else sentence[:58] + "……"
        return Finding(
            self.severity,
            "W_TEXT_TABLE_MISMATCH",
            Location(section=table.section, table=first.table, row=first.row, column=first.column, text=text_id),
            f"{name_zh}中“{quote}”说{claim.what.zh}，而第{section.number}部分表中{listed_zh}，请核对",
            f"{name_en} says '{quote}' ({claim.what.en}) but the table of section {section.id} has {listed_en}",
        )


def _cell_label(table: Table, ref: CellRef, language: str = "zh") -> str:
    """A cell named for a message: “row”“column” where the table has row labels, else “column”."""
    row, column = table.row(ref.row), table.column(ref.column)
    if language == "en":
        return f"'{row.en}, {column.en}'" if row.labels else f"'{column.en}'"
    return f"“{row.label}”“{column.label}”" if row.labels else f"“{column.label}”"


