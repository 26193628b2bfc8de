"""Rules on the narrative texts: texts that say nothing, fees left unexplained, numbers in the text
that differ from the tables, claims the tables contradict, and citations or years that belong to
another report. Every phrase they look for comes from the format file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from forms.definition import CellRef, Table
from forms.findings import Finding, Location
from forms.rules.base import Rule
from forms.rules.params import ParamReader, Words
from forms.rules.wording import squeeze
from forms.values import CellValue, format_value

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
class SubstantiveParams:
    text: str
    trivial: tuple[str, ...]
    asks: Words  # what the format asks for instead


class SubstantiveTextRule(Rule[SubstantiveParams]):
    """A required text that only says "无" or the like."""

    type_name = "substantive_text"

    @classmethod
    def read_params(cls, reader: ParamReader) -> SubstantiveParams:
        return SubstantiveParams(reader.text("text"), reader.strings("trivial"), reader.required_words("asks"))

    def check(self, ctx: Context) -> list[Finding]:
        stripped = re.sub(r"\s+", "", ctx.text(self.params.text))
        if not stripped or stripped not in self.params.trivial:
            return []
        name_zh, name_en = ctx.text_name(self.params.text)
        return [
            ctx.text_finding(
                self.severity, "W_TEXT_TRIVIAL", self.params.text,
                f"{name_zh}只写了“{stripped}”。{self.params.asks.zh}",
                f"{name_en} only says '{stripped}'; {self.params.asks.en}",
            )
        ]


@dataclass(frozen=True)
class FeeParams:
    cells: tuple[CellRef, ...]
    text: str
    keywords: tuple[str, ...]


class FeeMentionedRule(Rule[FeeParams]):
    """Fees in the tables should be explained in the text."""

    type_name = "fee_mentioned"

    @classmethod
    def read_params(cls, reader: ParamReader) -> FeeParams:
        return FeeParams(reader.cells("cells"), reader.text("text"), reader.strings("keywords"))

    def check(self, ctx: Context) -> list[Finding]:
        p = self.params
        total = sum((v for v in (ctx.ref_value(ref) for ref in p.cells) if v is not None), Decimal(0))
        if total <= 0 or any(keyword in ctx.text(p.text) for keyword in p.keywords):
            return []
        first = p.cells[0]
        table = ctx.definition.table(first.table)
        column = table.column(first.column)
        section = ctx.definition.section(table.section)
        unit = column.unit or ""
        shown = format_value(column.kind, total)
        name_zh, name_en = ctx.text_name(p.text)
        return [
            ctx.text_finding(
                self.severity, "W_FEE_NOT_EXPLAINED", p.text,
                f"第{section.number}部分填写了{column.label} {shown}{'' if unit in column.label else unit}，但{name_zh}没有说明收费情况",
                f"section {section.id} reports '{column.en}' of {shown} but {name_en} says nothing about fees",
            )
        ]


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


@dataclass(frozen=True)
class CitationParams:
    texts: tuple[str, ...]
    pattern: re.Pattern[str]
    cited: Words  # what the matched citation is, e.g. the 2019 format notice


class CitesOtherFormatRule(Rule[CitationParams]):
    """A text cites the notice of another format than the one the draft uses."""

    type_name = "cites_other_format"

    @classmethod
    def read_params(cls, reader: ParamReader) -> CitationParams:
        return CitationParams(reader.texts("texts"), reader.required_regex("pattern"), reader.required_words("cited"))

    def check(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        definition = ctx.definition
        for text_id in self.params.texts:
            match = self.params.pattern.search(squeeze(ctx.text(text_id)))
            if match is None:
                continue
            name_zh, name_en = ctx.text_name(text_id)
            out.append(
                ctx.text_finding(
                    self.severity, "W_CITES_OTHER_FORMAT", text_id,
                    f"{name_zh}引用了“{match.group(0)}”（{self.params.cited.zh}），但本报告使用的是“{definition.name_zh}”"
                    f"（{definition.issued_by}），请核对",
                    f"{name_en} cites '{match.group(0)}' ({self.params.cited.en}), but this report uses the {definition.id} format "
                    f"({definition.issued_by})",
                )
            )
        return out


@dataclass(frozen=True)
class StatedYearParams:
    texts: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]


class StatedYearRule(Rule[StatedYearParams]):
    """The report year a text states ("统计期限自2020年1月1日起") differs from the draft's year."""

    type_name = "stated_year"

    @classmethod
    def read_params(cls, reader: ParamReader) -> StatedYearParams:
        patterns = []
        for i, pattern in enumerate(reader.strings("patterns")):
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise reader.fail(f"patterns[{i}]", f"invalid regular expression: {exc}") from exc
            if compiled.groups != 1:
                raise reader.fail(f"patterns[{i}]", "needs exactly one capturing group (the year)")
            patterns.append(compiled)
        return StatedYearParams(reader.texts("texts"), tuple(patterns))

    def check(self, ctx: Context) -> list[Finding]:
        out: list[Finding] = []
        for text_id in self.params.texts:
            text = squeeze(ctx.text(text_id))
            for pattern in self.params.patterns:
                match = next((m for m in pattern.finditer(text) if int(m.group(1)) != ctx.draft.year), None)
                if match is None:
                    continue
                name_zh, name_en = ctx.text_name(text_id)
                out.append(
                    ctx.text_finding(
                        self.severity, "W_YEAR_STATED", text_id,
                        f"{name_zh}写的“{match.group(0)}”是 {match.group(1)} 年，而本报告是 {ctx.draft.year} 年度报告，请核对",
                        f"{name_en} says '{match.group(0)}' ({match.group(1)}), but this is the report for {ctx.draft.year}",
                    )
                )
                break
        return out
