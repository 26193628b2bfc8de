"""The validator: every check the format states or a clerk's real reports show to be needed.

``validate`` never raises on a draft, however broken its contents: a value of the wrong type is
itself a finding and is left out of the arithmetic. Checks that come from the format definition
(balance, not-less, cross-checks with the text ...) are implemented once per rule *type* here and
parameterised by the JSON, so a new format needs no new code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

from forms.definition import FormatDefinition, Rule, Table, load_format
from forms.draft import Draft, cell_values
from forms.findings import Finding, Location, Severity
from forms.values import CellValue, CellValueError, check_value, format_value

Stage = str  # "draft" while filling in; "submit" when sending for review or exporting the final copy
GlyphCheck = Callable[[str], bool]  # True when some font can draw the character


def validate(
    draft: Draft,
    previous: Draft | None = None,
    stage: Stage = "draft",
    has_glyph: GlyphCheck | None = None,
) -> list[Finding]:
    """All findings for ``draft``; ``previous`` is last year's draft for the cross-year checks."""
    try:
        definition = load_format(draft.format_id)
    except (KeyError, TypeError):
        return [
            Finding(
                "error",
                "E_FORMAT_UNKNOWN",
                Location(field="format"),
                f"未知的报告格式“{draft.format_id}”",
                f"unknown report format '{draft.format_id}'",
            )
        ]
    context = _Context(draft, definition, stage)
    findings: list[Finding] = []
    findings += _cover_checks(context)
    findings += _cell_checks(context)
    for rule in definition.rules:
        findings += RULE_CHECKS[rule.type](context, rule)
    findings += _text_checks(context)
    if previous is not None:
        findings += _cross_year_checks(context, previous)
    if has_glyph is not None:
        findings += _glyph_checks(context, has_glyph)
    return findings


class _Context:
    """The draft plus its derived table values, computed once per validation."""

    def __init__(self, draft: Draft, definition: FormatDefinition, stage: Stage) -> None:
        self.draft = draft
        self.definition = definition
        self.stage = stage
        self.bad_cells: set[tuple[str, str, str]] = set()
        self.invalid: list[Finding] = []
        clean = draft.copy()
        for key, raw in list(draft.values.items()):
            kind = self._kind(key)
            try:
                if kind is None:
                    raise CellValueError("表格中没有这个单元格", "no such cell in the format")
                clean.values[key] = check_value(kind, raw)
            except (CellValueError, TypeError, ValueError, ArithmeticError) as exc:
                zh, en = (exc.zh, exc.en) if isinstance(exc, CellValueError) else ("数值无效", "invalid value")
                del clean.values[key]
                self.bad_cells.add(key)
                self.invalid.append(self._cell_finding("error", "E_CELL_VALUE", key, f"“{raw!s:.20}”{zh}", f"'{raw!s:.20}' {en}"))
        for key, text in (draft.invalid_inputs or {}).items():
            kind = self._kind(key)
            try:
                check = None if kind is None else _parse(kind, text)
                zh, en = ("不是有效的数值", "is not a valid value") if kind is None else (check.zh, check.en) if check else ("", "")
            except (TypeError, AttributeError):
                zh, en = "不是有效的数值", "is not a valid value"
            self.bad_cells.add(key)
            self.invalid.append(self._cell_finding("error", "E_CELL_VALUE", key, f"填写的“{text!s:.20}”无效：{zh}", f"'{text!s:.20}' {en}"))
        self.cells = {t.id: cell_values(clean, t) for t in definition.tables}

    def _kind(self, key: Any) -> str | None:
        try:
            table_id, row_id, column_id = key
            table = self.definition.table(table_id)
            table.row(row_id)
            if table.is_computed(row_id, column_id):
                return None
            return table.column(column_id).kind
        except (KeyError, TypeError, ValueError):
            return None

    def value(self, table: str, row: str, column: str) -> CellValue:
        return self.cells[table][(row, column)]

    def where(self, table_id: str, row_id: str | None = None, column_id: str | None = None) -> tuple[str, str]:
        """Human-readable place of a cell, (zh, en)."""
        table = self.definition.table(table_id)
        section = self.definition.section(table.section)
        zh = f"第{section.number}部分“{table.title}”表"
        en = f"section {section.id} table '{table.title}'"
        if row_id is not None:
            row = table.row(row_id)
            zh += f"“{''.join(row.labels[1:]) or row.label}”行" if row.labels else ""
            en += f", row '{row.en}'" if row.labels else ""
        if column_id is not None:
            column = table.column(column_id)
            zh += f"“{column.label}”列"
            en += f", column '{column.en}'"
        return zh, en

    def _cell_finding(self, severity: Severity, code: str, key: Any, zh: str, en: str) -> Finding:
        try:
            table_id, row_id, column_id = key
            self.definition.table(table_id).row(row_id)
            self.definition.table(table_id).column(column_id)
            where_zh, where_en = self.where(table_id, row_id, column_id)
            section = self.definition.table(table_id).section
        except (KeyError, TypeError, ValueError):
            table_id = row_id = column_id = None
            where_zh, where_en, section = f"未知单元格 {key!s:.40}", f"unknown cell {key!s:.40}", None
        return Finding(
            severity,
            code,
            Location(section=section, table=table_id, row=row_id, column=column_id),
            f"{where_zh}：{zh}",
            f"{where_en}: {en}",
        )

    def severity_for_missing(self) -> Severity:
        return "error" if self.stage == "submit" else "warning"


# --------------------------------------------------------------------------- cover data


def _parse(kind: str, text: str) -> CellValueError | None:
    """The reason typed text is refused (None when it would in fact parse)."""
    from forms.values import parse_cell_text

    try:
        parse_cell_text(kind, text)
    except CellValueError as exc:
        return exc
    return CellValueError("请重新填写", "please enter it again")


def _cover_checks(c: _Context) -> list[Finding]:
    out: list[Finding] = []
    draft, definition = c.draft, c.definition
    if not isinstance(draft.agency, str) or not draft.agency.strip():
        out.append(Finding(c.severity_for_missing(), "E_AGENCY_MISSING", Location(field="agency"), "未填写机关名称", "the agency name is missing"))
    if not isinstance(draft.year, int) or isinstance(draft.year, bool):
        out.append(Finding("error", "E_YEAR_INVALID", Location(field="year"), "报告年度无效", "the report year is invalid"))
        return out
    if not definition.covers_year(draft.year):
        last = definition.last_year or "今"
        out.append(
            Finding(
                "warning",
                "W_FORMAT_YEAR_MISMATCH",
                Location(field="format"),
                f"{draft.year}年度报告应使用对应年度的格式，本稿使用的是{definition.id}年格式（适用于{definition.first_year}—{last}年度）",
                f"a {draft.year} report should use that year's format; this draft uses the {definition.id} format "
                f"(for report years {definition.first_year}-{definition.last_year or 'now'})",
            )
        )
    date = draft.signature.date
    if date is None:
        out.append(
            Finding(c.severity_for_missing(), "E_DATE_MISSING", Location(field="signature.date"), "未填写成文日期", "the date of issue is missing")
        )
    elif isinstance(date, dt.date):
        if date <= dt.date(draft.year, 12, 31):
            out.append(
                Finding(
                    "error",
                    "E_DATE_BEFORE_YEAR_END",
                    Location(field="signature.date"),
                    f"成文日期 {date:%Y年%m月%d日} 早于报告年度结束（{draft.year}年12月31日），年度报告应在年度结束后成文",
                    f"the date of issue {date.isoformat()} is not after the end of report year {draft.year}",
                )
            )
        elif date > dt.date(draft.year + 1, 1, 31):
            out.append(
                Finding(
                    "warning",
                    "W_DATE_AFTER_DEADLINE",
                    Location(field="signature.date"),
                    f"成文日期 {date:%Y年%m月%d日} 晚于法定公布期限 {draft.year + 1}年1月31日（《条例》第四十九条）",
                    f"the date of issue {date.isoformat()} is after the legal deadline of 31 January {draft.year + 1}",
                )
            )
    if not draft.signature.agency.strip():
        out.append(
            Finding("warning", "W_SIGNATURE_AGENCY_MISSING", Location(field="signature.agency"), "未填写落款机关", "the signing agency is missing")
        )
    return out


# --------------------------------------------------------------------------- cells


def _cell_checks(c: _Context) -> list[Finding]:
    out = list(c.invalid)
    for table in c.definition.tables:
        out += _stated_total_checks(c, table)
        for row in table.rows:
            if row.computed:
                continue
            blanks = [
                col
                for col in table.columns
                if not col.computed
                and (table.id, row.id, col.id) not in c.draft.values
                and (table.id, row.id, col.id) not in c.draft.invalid_inputs
            ]
            if blanks:
                where_zh, where_en = c.where(table.id, row.id)
                names_zh = "、".join(col.label for col in blanks)
                names_en = ", ".join(col.en for col in blanks)
                out.append(
                    Finding(
                        "warning",
                        "W_BLANK_CELL",
                        Location(section=table.section, table=table.id, row=row.id, column=blanks[0].id if len(blanks) == 1 else None),
                        f"{where_zh}有 {len(blanks)} 个空白单元格（{names_zh}）。格式要求填写数字，没有的填 0；空白不会被当作 0 打印",
                        f"{where_en} has {len(blanks)} blank cell(s) ({names_en}); the format expects a number, 0 when none",
                    )
                )
    return out


def _stated_total_checks(c: _Context, table: Table) -> list[Finding]:
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
            out.append(c._cell_finding("error", "E_STATED_TOTAL", key, "印刷的合计数无效", "the printed total is invalid"))
            continue
        if stated_value != derived:
            row, column = table.row(row_id), table.column(column_id)
            parts = row.computed_from if row.computed else column.computed_from
            shown = format_value(kind, derived) or "空白"
            if row.computed:
                what_zh = f"应等于本列各办理结果之和 {shown}" if table.id == "t3" else f"应等于各项之和 {shown}"
            else:
                what_zh = f"应等于同一行各列之和 {shown}"
            out.append(
                c._cell_finding(
                    "error",
                    "E_STATED_TOTAL",
                    key,
                    f"合计为 {format_value(kind, stated_value)}，{what_zh}（由 {len(parts)} 项相加）",
                    f"the total is {format_value(kind, stated_value)} but its {len(parts)} parts add up to {format_value(kind, derived) or 'blank'}",
                )
            )
    return out


# --------------------------------------------------------------------------- rules from the definition


def _balance(c: _Context, rule: Rule) -> list[Finding]:
    p = rule.params
    table = c.definition.table(p["table"])
    out: list[Finding] = []
    left_rows = [table.row(r) for r in p["left"]]
    right_rows = [table.row(r) for r in p["right"]]
    for column in table.columns:
        operands = [c.value(table.id, r.id, column.id) for r in left_rows + right_rows]
        if all(v is None for v in operands):
            continue  # nothing entered in this column yet: the blank-cell warnings say so
        left = sum((c.value(table.id, r.id, column.id) or 0 for r in left_rows), 0)
        right = sum((c.value(table.id, r.id, column.id) or 0 for r in right_rows), 0)
        if left != right:
            lz = " + ".join(f"{r.rule_item or r.label}{c.value(table.id, r.id, column.id) or 0}" for r in left_rows)
            rz = " + ".join(f"{r.rule_item or r.label}{c.value(table.id, r.id, column.id) or 0}" for r in right_rows)
            le = " + ".join(f"{r.en} {c.value(table.id, r.id, column.id) or 0}" for r in left_rows)
            re_ = " + ".join(f"{r.en} {c.value(table.id, r.id, column.id) or 0}" for r in right_rows)
            out.append(
                Finding(
                    rule.severity,
                    "E_BALANCE",
                    Location(section=table.section, table=table.id, column=column.id),
                    f"“{column.label}”列不符合勾稽关系（第一项加第二项之和，等于第三项加第四项之和）：{lz} = {left}，而 {rz} = {right}",
                    f"column '{column.en}' breaks the balance rule (items 1+2 must equal items 3+4): {le} = {left}, but {re_} = {right}",
                )
            )
    return out


def _not_less(c: _Context, rule: Rule) -> list[Finding]:
    p = rule.params
    table = c.definition.table(p["table"])
    greater = table.column(p["greater"])
    lessers = [table.column(x) for x in (p["lesser"] if isinstance(p["lesser"], list) else [p["lesser"]])]
    out: list[Finding] = []
    for row in table.rows:
        big = c.value(table.id, row.id, greater.id)
        if big is None:
            continue
        for lesser in lessers:
            small = c.value(table.id, row.id, lesser.id)
            if small is not None and big < small:
                where_zh, where_en = c.where(table.id, row.id)
                out.append(
                    Finding(
                        rule.severity,
                        "W_TOTAL_BELOW_NEW",
                        Location(section=table.section, table=table.id, row=row.id, column=greater.id),
                        f"{where_zh}：“{greater.label}”为 {big}，小于“{lesser.label}” {small}",
                        f"{where_en}: '{greater.en}' is {big}, less than '{lesser.en}' {small}",
                    )
                )
    return out


def _change_not_negative(c: _Context, rule: Rule) -> list[Finding]:
    p = rule.params
    table = c.definition.table(p["table"])
    previous, change = table.column(p["previous"]), table.column(p["change"])
    out: list[Finding] = []
    for row in table.rows:
        before, delta = c.value(table.id, row.id, previous.id), c.value(table.id, row.id, change.id)
        if before is None or delta is None:
            continue
        if before + delta < 0:
            where_zh, where_en = c.where(table.id, row.id)
            out.append(
                Finding(
                    rule.severity,
                    "E_CHANGE_BELOW_ZERO",
                    Location(section=table.section, table=table.id, row=row.id, column=change.id),
                    f"{where_zh}：上一年项目数量 {before} 加本年增/减 {format_value('signed', delta)} 得 {before + delta}，项目数量不能为负",
                    f"{where_en}: last year's {before} plus the change {format_value('signed', delta)} gives {before + delta}, "
                    f"which cannot be negative",
                )
            )
    return out


def _substantive_text(c: _Context, rule: Rule) -> list[Finding]:
    text_id = rule.params["text"]
    text = _text(c.draft, text_id)
    stripped = re.sub(r"\s+", "", text)
    if stripped and stripped in set(rule.params["trivial"]):
        field = c.definition.text(text_id)
        section = c.definition.section(field.section) if field.section else None
        heading = section.heading if section else field.title
        return [
            Finding(
                rule.severity,
                "W_TEXT_TRIVIAL",
                Location(section=field.section, text=text_id),
                f"“{heading}”只写了“{stripped}”。格式要求写明存在的主要问题和具体改进措施",
                f"'{field.en}' only says '{stripped}'; the format asks for the main problems and concrete measures",
            )
        ]
    return []


def _fee_mentioned(c: _Context, rule: Rule) -> list[Finding]:
    p = rule.params
    amounts = [c.value(ref["table"], ref["row"], ref["column"]) for ref in p["cells"]]
    total = sum((a for a in amounts if a is not None), Decimal(0))
    if total <= 0:
        return []
    text = _text(c.draft, p["text"])
    if any(keyword in text for keyword in p["keywords"]):
        return []
    field = c.definition.text(p["text"])
    return [
        Finding(
            rule.severity,
            "W_FEE_NOT_EXPLAINED",
            Location(section=field.section, text=p["text"]),
            f"第二部分填写了收费金额 {format_value('money', total)} 万元，但“{field.title}”没有说明收费情况",
            f"section 2 reports fees of {format_value('money', total)} (10,000 yuan) but '{field.en}' says nothing about fees",
        )
    ]


def _text_count(c: _Context, rule: Rule) -> list[Finding]:
    p = rule.params
    pattern = re.compile(p["pattern"])
    values = [c.value(ref["table"], ref["row"], ref["column"]) for ref in p["cells"]]
    if all(v is None for v in values):
        return []
    table_value = sum(v or 0 for v in values)
    first = p["cells"][0]
    where_zh, where_en = c.where(first["table"], first["row"], first["column"] if len(p["cells"]) == 1 else None)
    out: list[Finding] = []
    for text_id in p["texts"]:
        text = _text(c.draft, text_id)
        for match in pattern.finditer(re.sub(r"[ \u3000]+", " ", text)):
            stated = int(match.group(1))
            if stated != table_value:
                field = c.definition.text(text_id)
                quote = match.group(0).strip()
                out.append(
                    Finding(
                        "warning",
                        "W_TEXT_TABLE_MISMATCH",
                        Location(section=field.section, table=first["table"], row=first["row"], column=first["column"], text=text_id),
                        f"正文“{quote}”写的是 {stated} 件，而{where_zh}的{p['what']['zh']}为 {table_value} 件，请核对",
                        f"the text says '{quote}' ({stated}) but {where_en} gives {p['what']['en']} = {table_value}",
                    )
                )
    return out


def _running_total(c: _Context, rule: Rule) -> list[Finding]:
    return []  # needs last year's draft: checked in _cross_year_checks


RULE_CHECKS: dict[str, Callable[[_Context, Rule], list[Finding]]] = {
    "balance": _balance,
    "not_less": _not_less,
    "change_not_negative": _change_not_negative,
    "substantive_text": _substantive_text,
    "fee_mentioned": _fee_mentioned,
    "text_count": _text_count,
    "running_total": _running_total,
}


# --------------------------------------------------------------------------- texts


def _text(draft: Draft, text_id: str) -> str:
    value = draft.texts.get(text_id, "") if isinstance(draft.texts, dict) else ""
    return value if isinstance(value, str) else ""


def _text_checks(c: _Context) -> list[Finding]:
    out: list[Finding] = []
    for field in c.definition.texts:
        if field.required and not _text(c.draft, field.id).strip():
            section = c.definition.section(field.section) if field.section else None
            if field.kind == "subsection" and section:
                name_zh = f"“{section.heading}”中的“{field.number or ''}{c.draft.headings.get(field.id) or field.title}”"
            else:
                name_zh = f"“{section.heading if section else field.title}”"
            out.append(
                Finding(
                    c.severity_for_missing(),
                    "E_TEXT_EMPTY",
                    Location(section=field.section, text=field.id),
                    f"{name_zh}还没有填写",
                    f"'{field.en}' is still empty",
                )
            )
    return out


# --------------------------------------------------------------------------- last year's draft


def _cross_year_checks(c: _Context, previous: Draft) -> list[Finding]:
    try:
        last = _Context(previous, load_format(previous.format_id), "draft")
    except (KeyError, TypeError):
        return []
    out: list[Finding] = []
    for carry, target, sources in carried_cells(c.definition, last.definition):
        expected_parts = [last.value(*s) for s in sources]
        if all(v is None for v in expected_parts):
            continue
        expected = sum(v or 0 for v in expected_parts)
        actual = c.value(*target)
        if actual != expected:
            where_zh, where_en = c.where(*target)
            src_table = last.definition.table(sources[0][0])
            names = "+".join(src_table.row(s[1]).label + "·" + src_table.column(s[2]).label for s in sources)
            out.append(
                Finding(
                    "warning",
                    "W_CARRY_FORWARD",
                    Location(section=c.definition.table(target[0]).section, table=target[0], row=target[1], column=target[2]),
                    f"{where_zh}为 {format_value('count', actual) or '空白'}，上一年度报告的{names}为 {expected}，两者应一致",
                    f"{where_en} is {actual if actual is not None else 'blank'} but last year's report gives {expected}",
                )
            )
    for rule in c.definition.rules:
        if rule.type == "running_total":
            out += _running_total_with(c, last, rule)
    return out


def carried_cells(
    this: FormatDefinition, last: FormatDefinition
) -> Iterator[tuple[Any, tuple[str, str, str], list[tuple[str, str, str]]]]:
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


def _running_total_with(c: _Context, last: _Context, rule: Rule) -> list[Finding]:
    p = rule.params
    table = c.definition.table(p["table"])
    out: list[Finding] = []
    for row in table.rows:
        key_last = (table.id, row.id, p["column"])
        if not _has_cell(last.definition, key_last):
            continue
        before = last.value(*key_last)
        now = c.value(table.id, row.id, p["column"])
        added = [c.value(table.id, row.id, x) for x in p["add"]]
        removed = [c.value(table.id, row.id, x) for x in p["subtract"]]
        if before is None or now is None:
            continue
        expected = before + sum(v or 0 for v in added) - sum(v or 0 for v in removed)
        if now != expected:
            where_zh, where_en = c.where(table.id, row.id, p["column"])
            out.append(
                Finding(
                    rule.severity,
                    "W_RUNNING_TOTAL",
                    Location(section=table.section, table=table.id, row=row.id, column=p["column"]),
                    f"{where_zh}为 {now}，而上一年度 {before} + 本年制发 {sum(v or 0 for v in added)} − 本年废止 "
                    f"{sum(v or 0 for v in removed)} = {expected}",
                    f"{where_en} is {now}, but last year's {before} + issued {sum(v or 0 for v in added)} - repealed "
                    f"{sum(v or 0 for v in removed)} = {expected}",
                )
            )
    return out


# --------------------------------------------------------------------------- fonts


def _glyph_checks(c: _Context, has_glyph: GlyphCheck) -> list[Finding]:
    pieces = [c.draft.agency, c.draft.signature.agency, *c.draft.headings.values(), *c.draft.texts.values()]
    missing = sorted({ch for piece in pieces if isinstance(piece, str) for ch in piece if not ch.isspace() and not has_glyph(ch)})
    if not missing:
        return []
    listed = "".join(missing[:40])
    codes = ", ".join(f"U+{ord(ch):04X}" for ch in missing[:40])
    return [
        Finding(
            "warning",
            "W_GLYPH_MISSING",
            Location(),
            f"以下 {len(missing)} 个字符没有任何字体能够显示，打印时会缺字：{listed}（{codes}）",
            f"{len(missing)} character(s) cannot be drawn by any font and would be missing from the PDF: {listed} ({codes})",
        )
    ]
