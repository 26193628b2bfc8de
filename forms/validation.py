"""The validator: every check the format states or a clerk's real reports show to be needed.

``validate`` never raises on a draft, however broken its contents: a value of the wrong type is
itself a finding and is left out of the arithmetic. The checks a format states (balance, not-less,
cross-checks with the text ...) are rule objects read from the format file (``forms.rules``); this
module holds the checks every format shares: cover data, cells, printed totals, texts and limits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from forms import limits
from forms.catalog import load_format
from forms.definition import CarryForward, FormatDefinition, Table
from forms.draft import Draft
from forms.findings import Finding, Location
from forms.levels import LEVELS
from forms.rules.context import Context, Stage
from forms.values import CellValueError, check_value, format_value

GlyphCheck = Callable[[str], bool]  # True when some font can draw the character

__all__ = ["GlyphCheck", "Stage", "carried_cells", "validate"]


def validate(
    draft: Draft,
    previous: Draft | None = None,
    stage: Stage = "draft",
    has_glyph: GlyphCheck | None = None,
    editing_table: str | None = None,
) -> list[Finding]:
    """All findings for ``draft``; ``previous`` is last year's draft for the cross-year checks.

    ``editing_table`` is the table the clerk is typing into: a balance error on one of its columns
    waits until every row of that column is filled (the blank-cell warnings still show).
    """
    try:
        definition = load_format(draft.format_id)
    except (KeyError, TypeError):
        return [
            Finding(
                "error", "E_FORMAT_UNKNOWN", Location(field="format"),
                f"未知的报告格式“{draft.format_id}”", f"unknown report format '{draft.format_id}'",
            )
        ]
    ctx = Context(draft, definition, stage, editing_table)
    findings: list[Finding] = []
    findings += _cover_checks(ctx)
    findings += _cell_checks(ctx)
    for rule in definition.rules:
        findings += rule.check(ctx)
    findings += _text_checks(ctx)
    if previous is not None:
        findings += _cross_year_checks(ctx, previous)
    if has_glyph is not None:
        findings += _glyph_checks(ctx, has_glyph)
    return findings


# --------------------------------------------------------------------------- cover data


def _too_long(where: Location, name_zh: str, name_en: str, value: object, limit: int) -> list[Finding]:
    if not isinstance(value, str) or len(value) <= limit:
        return []
    return [
        Finding(
            "error", "E_TEXT_TOO_LONG", where,
            f"{name_zh}过长：{len(value)} 字，最多 {limit} 字，请删减",
            f"{name_en} is too long: {len(value)} characters, at most {limit}",
        )
    ]


def _cover_checks(c: Context) -> list[Finding]:
    out: list[Finding] = []
    draft, definition = c.draft, c.definition
    if not isinstance(draft.agency, str) or not draft.agency.strip():
        out.append(Finding(c.severity_for_missing(), "E_AGENCY_MISSING", Location(field="agency"), "未填写机关名称", "the agency name is missing"))
    out += _too_long(Location(field="agency"), "机关名称", "The agency name", draft.agency, limits.AGENCY_MAX_CHARS)
    if getattr(draft, "level", "unknown") not in LEVELS:
        out.append(Finding("error", "E_LEVEL_INVALID", Location(field="level"), "机关层级无效", "the agency level is invalid"))
    if not isinstance(draft.year, int) or isinstance(draft.year, bool):
        out.append(Finding("error", "E_YEAR_INVALID", Location(field="year"), "报告年度无效", "the report year is invalid"))
        return out
    if not limits.year_in_range(draft.year):
        out.append(
            Finding(
                "error", "E_YEAR_RANGE", Location(field="year"),
                f"报告年度 {draft.year} 不在 {limits.YEAR_MIN}—{limits.YEAR_MAX} 之间",
                f"the report year {draft.year} is not between {limits.YEAR_MIN} and {limits.YEAR_MAX}",
            )
        )
        return out
    if not definition.covers_year(draft.year):
        out.append(
            Finding(
                "warning", "W_FORMAT_YEAR_MISMATCH", Location(field="format"),
                f"{draft.year}年度报告应使用对应年度的格式，本稿使用的是{definition.id}年格式（适用于{definition.years_label()}年度）",
                f"a {draft.year} report should use that year's format; this draft uses the {definition.id} format "
                f"(for report years {definition.years_label('en')})",
            )
        )
    out += _date_checks(c)
    signing = draft.signature.agency
    if not isinstance(signing, str) or not signing.strip():
        out.append(Finding("warning", "W_SIGNATURE_AGENCY_MISSING", Location(field="signature.agency"), "未填写落款机关", "the signing agency is missing"))
    out += _too_long(Location(field="signature.agency"), "落款机关", "The signing agency", signing, limits.AGENCY_MAX_CHARS)
    return out


def _date_checks(c: Context) -> list[Finding]:
    year, date = c.draft.year, c.draft.signature.date
    if date is None:
        return [Finding(c.severity_for_missing(), "E_DATE_MISSING", Location(field="signature.date"), "未填写成文日期", "the date of issue is missing")]
    if not isinstance(date, dt.date):
        return []
    if date <= dt.date(year, 12, 31):
        return [
            Finding(
                "error", "E_DATE_BEFORE_YEAR_END", Location(field="signature.date"),
                f"成文日期 {date:%Y年%m月%d日} 早于报告年度结束（{year}年12月31日），年度报告应在年度结束后成文",
                f"the date of issue {date.isoformat()} is not after the end of report year {year}",
            )
        ]
    if date > dt.date(year + 1, 1, 31):
        return [
            Finding(
                "warning", "W_DATE_AFTER_DEADLINE", Location(field="signature.date"),
                f"成文日期 {date:%Y年%m月%d日} 晚于法定公布期限 {year + 1}年1月31日（《条例》第四十九条）",
                f"the date of issue {date.isoformat()} is after the legal deadline of 31 January {year + 1}",
            )
        ]
    return []


# --------------------------------------------------------------------------- cells


def _cell_checks(c: Context) -> list[Finding]:
    out = list(c.invalid)
    for table in c.definition.tables:
        out += _stated_total_checks(c, table)
        for row in table.rows:
            if row.computed:
                continue
            blanks = [col for col in table.columns if not col.computed and c.is_blank_input(table.id, row.id, col.id)]
            if not blanks:
                continue
            where_zh, where_en = c.where(table.id, row.id)
            names_zh = "、".join(col.label for col in blanks)
            names_en = ", ".join(col.en for col in blanks)
            out.append(
                Finding(
                    "warning", "W_BLANK_CELL",
                    Location(section=table.section, table=table.id, row=row.id, column=blanks[0].id if len(blanks) == 1 else None),
                    f"{where_zh}有 {len(blanks)} 个空白单元格（{names_zh}）。格式要求填写数字，没有的填 0；空白不会被当作 0 打印",
                    f"{where_en} has {len(blanks)} blank cell(s) ({names_en}); the format expects a number, 0 when none",
                )
            )
    return out


def _stated_total_checks(c: Context, table: Table) -> list[Finding]:
    """Totals a source document printed: blank while its parts are filled, or not their sum."""
    out: list[Finding] = []
    for key, stated in c.draft.stated.items():
        if not isinstance(key, tuple) or len(key) != 3 or key[0] != table.id:
            continue
        _, row_id, column_id = key
        try:
            derived = c.value(table.id, row_id, column_id)
            kind = table.column(column_id).kind
            stated_value = check_value(kind, stated)
        except (KeyError, CellValueError, TypeError, ValueError, ArithmeticError):
            out.append(c.cell_finding("error", "E_STATED_TOTAL", key, "印刷的合计数无效", "the printed total is invalid"))
            continue
        if stated_value == derived:
            continue
        row, column = table.row(row_id), table.column(column_id)
        parts = row.computed_from if row.computed else column.computed_from
        if row.computed:
            named_zh, named_en = row.parts_named or ("各项之和", "its parts")
        else:
            named_zh, named_en = "同一行各列之和", "the columns of its row"
        shown = format_value(kind, derived) or "空白"
        if stated_value is None:
            out.append(
                c.cell_finding(
                    "warning", "W_STATED_TOTAL_BLANK", key,
                    f"原文印刷的合计为空白，而{named_zh}为 {shown}（由 {len(parts)} 项相加）",
                    f"the printed total is blank, but {named_en} add up to {shown} ({len(parts)} parts)",
                )
            )
            continue
        out.append(
            c.cell_finding(
                "error", "E_STATED_TOTAL", key,
                f"合计为 {format_value(kind, stated_value)}，应等于{named_zh} {shown}（由 {len(parts)} 项相加）",
                f"the total is {format_value(kind, stated_value)} but {named_en} add up to {format_value(kind, derived) or 'blank'} "
                f"({len(parts)} parts)",
            )
        )
    return out


# --------------------------------------------------------------------------- texts


def _text_checks(c: Context) -> list[Finding]:
    out: list[Finding] = []
    headings = c.draft.headings if isinstance(c.draft.headings, dict) else {}
    for field in c.definition.texts:
        name_zh, name_en = c.text_name(field.id)
        where = Location(section=field.section, text=field.id)
        text = c.text(field.id)
        if field.required and not text.strip():
            out.append(Finding(c.severity_for_missing(), "E_TEXT_EMPTY", where, f"{name_zh}还没有填写", f"{name_en} is still empty"))
        out += _too_long(where, name_zh, name_en, text, limits.TEXT_MAX_CHARS)
        out += _too_long(where, f"{name_zh}的标题", f"The heading of {name_en}", headings.get(field.id), limits.HEADING_MAX_CHARS)
    return out


# --------------------------------------------------------------------------- last year's draft


def _cross_year_checks(c: Context, previous: Draft) -> list[Finding]:
    try:
        last = Context(previous, load_format(previous.format_id))
    except (KeyError, TypeError):
        return []
    out: list[Finding] = []
    for _carry, target, sources in carried_cells(c.definition, last.definition):
        expected_parts = [last.value(*s) for s in sources]
        if all(v is None for v in expected_parts):
            continue
        expected = sum((v for v in expected_parts if v is not None), 0)
        actual = c.value(*target)
        if actual == expected:
            continue
        where_zh, where_en = c.where(*target)
        src_table = last.definition.table(sources[0][0])
        names = "+".join(src_table.row(s[1]).label + "·" + src_table.column(s[2]).label for s in sources)
        out.append(
            Finding(
                "warning", "W_CARRY_FORWARD",
                Location(section=c.definition.table(target[0]).section, table=target[0], row=target[1], column=target[2]),
                f"{where_zh}为 {format_value('count', actual) or '空白'}，上一年度报告的{names}为 {expected}，两者应一致",
                f"{where_en} is {actual if actual is not None else 'blank'} but last year's report gives {expected}",
            )
        )
    for rule in c.definition.rules:
        out += rule.check_cross_year(c, last)
    return out


def carried_cells(
    this: FormatDefinition, last: FormatDefinition
) -> Iterator[tuple[CarryForward, tuple[str, str, str], list[tuple[str, str, str]]]]:
    """Expand the format's carry_forward entries into concrete (target cell, last year's source cells).

    Used by the cross-year check and by storage's "new from last year". Pairs whose source does not
    exist in last year's format (e.g. a 2019-format draft followed by a 2021 one) are skipped.
    """
    for carry in this.carry_forward:
        target_table = this.table(carry.to.table)
        rows = [r.id for r in target_table.rows] if carry.to.row == "*" else [carry.to.row]
        columns = [col.id for col in target_table.columns] if carry.to.column == "*" else [carry.to.column]
        for row in rows:
            for column in columns:
                if target_table.is_computed(row, column):
                    continue
                sources = []
                for src in carry.sources:
                    key = (src.table, row if src.row == "*" else src.row, column if src.column == "*" else src.column)
                    if not _has_cell(last, key):
                        break
                    sources.append(key)
                else:
                    yield carry, (target_table.id, row, column), sources


def _has_cell(definition: FormatDefinition, key: tuple[str, str, str]) -> bool:
    try:
        table = definition.table(key[0])
        table.row(key[1])
        table.column(key[2])
    except KeyError:
        return False
    return True


# --------------------------------------------------------------------------- fonts


def _glyph_checks(c: Context, has_glyph: GlyphCheck) -> list[Finding]:
    pieces = [c.draft.agency, c.draft.signature.agency, *c.draft.headings.values(), *c.draft.texts.values()]
    missing = sorted({ch for piece in pieces if isinstance(piece, str) for ch in piece if not ch.isspace() and not has_glyph(ch)})
    if not missing:
        return []
    listed = "".join(missing[:40])
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in missing[:40])
    return [
        Finding(
            "warning", "W_GLYPH_MISSING", Location(),
            f"以下 {len(missing)} 个字符没有任何字体能够显示，打印时会缺字：{listed}（{codes}）",
            f"{len(missing)} character(s) cannot be drawn by any font and would be missing from the PDF: {listed} ({codes})",
        )
    ]
