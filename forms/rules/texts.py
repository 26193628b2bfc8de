"""Rules on the narrative texts themselves: texts that say nothing, fees left unexplained, and
citations or years that belong to another report. Every phrase they look for comes from the format
file. Numbers and claims in the texts compared with the tables are in ``forms.rules.counts``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from forms.definition import CellRef
from forms.findings import Finding
from forms.format_reader import ParamReader, Words
from forms.rules.base import Rule
from forms.rules.wording import squeeze
from forms.values import format_value

if TYPE_CHECKING:
    from forms.rules.context import Context


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
