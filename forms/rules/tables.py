"""Rules on table values: the balance note of section 三, totals not below their parts, item counts
that cannot go negative, documents in force carried from year to year, and cells an agency of a
given level cannot have."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from forms.definition import CellRef, Row, Table
from forms.findings import Finding, Location
from forms.format_reader import ParamReader, Words
from forms.levels import LEVELS, level_label
from forms.rules.base import Rule
from forms.rules.wording import fmt_number
from forms.values import CellValue, format_value

if TYPE_CHECKING:
    from forms.rules.context import Context


def _sum(values: list[CellValue]) -> int | Decimal:
    """The sum of the filled values (blanks count as nothing; the blank warnings name them)."""
    return sum((v for v in values if v is not None), 0)


@dataclass(frozen=True)
class BalanceParams:
    table: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    statement: Words  # the note as the format prints it, e.g. 第一项加第二项之和，等于第三项加第四项之和


class BalanceRule(Rule[BalanceParams]):
    """Per column: the sum of the left rows equals the sum of the right rows.

    Blank operands are named 空白, never 0. While the clerk is still typing into the table
    (``editing_table``), a column is judged only once all its rows are filled.
    """

    type_name = "balance"
    default_severity = "error"

    @classmethod
    def read_params(cls, reader: ParamReader) -> BalanceParams:
        table = reader.table()
        return BalanceParams(table.id, reader.rows(table, "left"), reader.rows(table, "right"), reader.required_words("statement"))

    def check(self, ctx: Context) -> list[Finding]:
        p = self.params
        table = ctx.definition.table(p.table)
        left_rows = [table.row(r) for r in p.left]
        right_rows = [table.row(r) for r in p.right]
        out: list[Finding] = []
        carried = _carried_rows(ctx, table)
        for column in table.columns:
            typed = [ctx.value(table.id, r.id, column.id) for r in left_rows + right_rows if r.id not in carried]
            if all(v is None for v in typed):
                continue  # nothing entered this year (at most last year's carried-over count): the blank warnings say so
            if ctx.editing_table == table.id and _column_has_blanks(ctx, table, column.id):
                continue  # still being typed: judged once the column is full or the clerk moves on
            left = _sum([ctx.value(table.id, r.id, column.id) for r in left_rows])
            right = _sum([ctx.value(table.id, r.id, column.id) for r in right_rows])
            if left == right:
                continue

            out.append(
                Finding(
                    self.severity,
                    "E_BALANCE",
                    Location(section=table.section, table=table.id, column=column.id),
                    f"“{column.label}”列不符合勾稽关系（{p.statement.zh}）：{_terms(ctx, table, left_rows, column.id, False)} = {left}，"
                    f"而 {_terms(ctx, table, right_rows, column.id, False)} = {right}",
                    f"column '{column.en}' breaks the balance rule ({p.statement.en}): {_terms(ctx, table, left_rows, column.id, True)} = {left}, "
                    f"but {_terms(ctx, table, right_rows, column.id, True)} = {right}",
                )
            )
        return out


def _terms(ctx: Context, table: Table, rows: list[Row], column_id: str, en: bool) -> str:
    """ "第一项1 + 第二项空白": each row's number in the rule, a blank said to be blank."""
    values = [ctx.value(table.id, r.id, column_id) for r in rows]
    if en:
        return " + ".join(f"{r.en} {'blank' if v is None else v}" for r, v in zip(rows, values, strict=True))
    return " + ".join(f"{r.rule_item or r.label}{fmt_number(v)}" for r, v in zip(rows, values, strict=True))


def _carried_rows(ctx: Context, table: Table) -> set[str]:
    """Rows "new from last year" fills in (上年结转): they alone do not make a column worth judging."""
    return {c.to.row for c in ctx.definition.carry_forward if c.to.table == table.id and c.to.row != "*"}


def _column_has_blanks(ctx: Context, table: Table, column_id: str) -> bool:
    column = table.column(column_id)
    columns = column.computed_from or (column.id,)
    return any(ctx.is_blank_input(table.id, r.id, c) for r in table.rows if not r.computed for c in columns)


@dataclass(frozen=True)
class NotLessParams:
    table: str
    greater: str
    lesser: tuple[str, ...]


class NotLessRule(Rule[NotLessParams]):
    """In every row, one column is not below the others (e.g. 现行有效 ≥ 本年制发)."""

    type_name = "not_less"

    @classmethod
    def read_params(cls, reader: ParamReader) -> NotLessParams:
        table = reader.table()
        return NotLessParams(table.id, reader.column(table, "greater"), reader.columns(table, "lesser"))

    def check(self, ctx: Context) -> list[Finding]:
        table = ctx.definition.table(self.params.table)
        greater = table.column(self.params.greater)
        out: list[Finding] = []
        for row in table.rows:
            big = ctx.value(table.id, row.id, greater.id)
            if big is None:
                continue
            for lesser in (table.column(x) for x in self.params.lesser):
                small = ctx.value(table.id, row.id, lesser.id)
                if small is not None and big < small:
                    out.append(
                        ctx.place_finding(
                            self.severity, "W_TOTAL_BELOW_NEW", (table.id, row.id, greater.id),
                            f"：“{greater.label}”为 {big}，小于“{lesser.label}” {small}",
                            f": '{greater.en}' is {big}, less than '{lesser.en}' {small}",
                            name_column=False,
                        )
                    )
        return out


@dataclass(frozen=True)
class ChangeParams:
    table: str
    previous: str
    change: str


class ChangeNotNegativeRule(Rule[ChangeParams]):
    """Last year's count plus this year's signed change cannot fall below zero."""

    type_name = "change_not_negative"
    default_severity = "error"

    @classmethod
    def read_params(cls, reader: ParamReader) -> ChangeParams:
        table = reader.table()
        return ChangeParams(table.id, reader.column(table, "previous"), reader.column(table, "change"))

    def check(self, ctx: Context) -> list[Finding]:
        table = ctx.definition.table(self.params.table)
        previous, change = table.column(self.params.previous), table.column(self.params.change)
        out: list[Finding] = []
        for row in table.rows:
            before, delta = ctx.value(table.id, row.id, previous.id), ctx.value(table.id, row.id, change.id)
            if before is None or delta is None or before + delta >= 0:
                continue
            shown = format_value(change.kind, delta)
            out.append(
                ctx.place_finding(
                    self.severity, "E_CHANGE_BELOW_ZERO", (table.id, row.id, change.id),
                    f"：{previous.label} {before} 加{change.label} {shown} 得 {before + delta}，项目数量不能为负",
                    f": '{previous.en}' {before} plus '{change.en}' {shown} gives {before + delta}, which cannot be negative",
                    name_column=False,
                )
            )
        return out


@dataclass(frozen=True)
class RunningTotalParams:
    table: str
    column: str
    add: tuple[str, ...]
    subtract: tuple[str, ...]


class RunningTotalRule(Rule[RunningTotalParams]):
    """This year's column = last year's + the added columns − the subtracted ones (documents in force)."""

    type_name = "running_total"

    @classmethod
    def read_params(cls, reader: ParamReader) -> RunningTotalParams:
        table = reader.table()
        return RunningTotalParams(
            table.id, reader.column(table, "column"), reader.columns(table, "add"), reader.columns(table, "subtract", optional=True)
        )

    def check_cross_year(self, ctx: Context, last: Context) -> list[Finding]:
        p = self.params
        table = ctx.definition.table(p.table)
        try:
            last_table = last.definition.table(p.table)
            last_table.column(p.column)
        except KeyError:
            return []
        out: list[Finding] = []
        for row in table.rows:
            if row.id not in {r.id for r in last_table.rows}:
                continue
            before, now = last.value(table.id, row.id, p.column), ctx.value(table.id, row.id, p.column)
            if before is None or now is None:
                continue
            added = sum((v for v in (ctx.value(table.id, row.id, x) for x in p.add) if v is not None), 0)
            removed = sum((v for v in (ctx.value(table.id, row.id, x) for x in p.subtract) if v is not None), 0)
            expected = before + added - removed
            if now == expected:
                continue
            add_zh = "、".join(table.column(x).label for x in p.add)
            sub_zh = "、".join(table.column(x).label for x in p.subtract)
            add_en = ", ".join(table.column(x).en for x in p.add)
            sub_en = ", ".join(table.column(x).en for x in p.subtract)
            out.append(
                ctx.place_finding(
                    self.severity, "W_RUNNING_TOTAL", (table.id, row.id, p.column),
                    f"为 {now}，而上一年度 {before} + {add_zh} {added} − {sub_zh} {removed} = {expected}",
                    f" is {now}, but last year's {before} + {add_en} {added} - {sub_en} {removed} = {expected}",
                )
            )
        return out


@dataclass(frozen=True)
class LevelParams:
    levels: tuple[str, ...]
    cells: tuple[CellRef, ...]
    reason: Words  # why the level cannot have these, e.g. 乡镇人民政府和街道办事处不能制定规章


class LevelExcludesRule(Rule[LevelParams]):
    """An agency of these levels should have nothing in these cells (a township makes no 规章)."""

    type_name = "level_excludes"

    @classmethod
    def read_params(cls, reader: ParamReader) -> LevelParams:
        levels = reader.strings("levels")
        for level in levels:
            if level not in LEVELS:
                raise reader.fail("levels", f"unknown level '{level}' (known: {', '.join(LEVELS)})")
        return LevelParams(levels, reader.cells("cells"), reader.required_words("reason"))

    def check(self, ctx: Context) -> list[Finding]:
        level = getattr(ctx.draft, "level", "unknown")
        if level not in self.params.levels:
            return []
        out: list[Finding] = []
        for ref in self.params.cells:
            value = ctx.ref_value(ref)
            if value is None or value <= 0:
                continue
            out.append(
                ctx.place_finding(
                    self.severity, "W_LEVEL_CELL", (ref.table, ref.row, ref.column),
                    f"为 {value}，但本机关层级为“{level_label(level)}”：{self.params.reason.zh}。请核对数字或机关层级",
                    f" is {value}, but the agency's level is {level_label(level, 'en')}: {self.params.reason.en}. "
                    f"Check the number or the agency level",
                )
            )
        return out
