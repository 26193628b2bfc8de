"""What a rule sees of a draft: its checked values, derived totals, texts and how to name a place."""

from __future__ import annotations

import copy
from typing import Any

from forms import limits
from forms.definition import CellRef, FormatDefinition
from forms.draft import Draft, cell_values
from forms.findings import Finding, Location, Severity
from forms.values import CellValue, CellValueError, check_value, parse_cell_text

Stage = str  # "draft" while filling in; "submit" when sending for review or exporting the final copy


class Context:
    """The draft plus its derived table values, computed once per validation.

    A stored value of the wrong type becomes an ``E_CELL_VALUE`` finding here and is left out of
    every sum, so no rule ever does arithmetic on it.
    """

    def __init__(self, draft: Draft, definition: FormatDefinition, stage: Stage = "draft", editing_table: str | None = None) -> None:
        self.draft = draft
        self.definition = definition
        self.stage = stage
        self.editing_table = editing_table
        self.bad_cells: set[tuple[str, str, str]] = set()
        self.invalid: list[Finding] = []
        clean = copy.copy(draft)  # shallow: only its values are replaced by the checked ones
        clean.values = dict(draft.values)
        for key, raw in list(draft.values.items()):
            kind = self.kind(key)
            try:
                if kind is None:
                    raise CellValueError("表格中没有这个单元格", "no such cell in the format")
                clean.values[key] = check_value(kind, raw)
            except (CellValueError, TypeError, ValueError, ArithmeticError) as exc:
                zh, en = (exc.zh, exc.en) if isinstance(exc, CellValueError) else ("数值无效", "invalid value")
                del clean.values[key]
                self.bad_cells.add(key)
                self.invalid.append(self.cell_finding("error", "E_CELL_VALUE", key, f"“{raw!s:.20}”{zh}", f"'{raw!s:.20}' {en}"))
        for key, text in (draft.invalid_inputs or {}).items():
            zh, en = self._why_refused(key, text)
            self.bad_cells.add(key)
            self.invalid.append(self.cell_finding("error", "E_CELL_VALUE", key, f"填写的“{text!s:.20}”无效：{zh}", f"'{text!s:.20}' {en}"))
            if isinstance(text, str) and len(text) > limits.INVALID_INPUT_MAX_CHARS:
                self.invalid.append(
                    self.cell_finding(
                        "error", "E_TEXT_TOO_LONG", key,
                        f"填写的文字过长（{len(text)} 字，最多 {limits.INVALID_INPUT_MAX_CHARS} 字），请只填写数字",
                        f"the text typed is too long ({len(text)} characters, at most {limits.INVALID_INPUT_MAX_CHARS}); enter a number",
                    )
                )
        self.cells = {t.id: cell_values(clean, t) for t in definition.tables}

    def _why_refused(self, key: Any, text: object) -> tuple[str, str]:
        """Why typed text was not taken as the cell's value."""
        kind = self.kind(key)
        if kind is None or not isinstance(text, str):
            return "不是有效的数值", "is not a valid value"
        try:
            parse_cell_text(kind, text)
        except CellValueError as exc:
            return exc.zh, exc.en
        return "未确认，请重新填写", "was not confirmed; please enter it again"

    def kind(self, key: Any) -> str | None:
        """The value kind of an input cell, None for a computed or unknown cell."""
        try:
            return self.definition.input_kinds.get(key)
        except TypeError:  # an unhashable key from a damaged draft
            return None

    def value(self, table: str, row: str, column: str) -> CellValue:
        return self.cells[table][(row, column)]

    def ref_value(self, ref: CellRef) -> CellValue:
        return self.value(ref.table, ref.row, ref.column)

    def is_blank_input(self, table: str, row: str, column: str) -> bool:
        key = (table, row, column)
        return key not in self.draft.values and key not in self.draft.invalid_inputs

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

    def cell_finding(self, severity: Severity, code: str, key: Any, zh: str, en: str) -> Finding:
        """A finding placed on one cell, its message prefixed with the cell's place."""
        try:
            table_id, row_id, column_id = key
            table = self.definition.table(table_id)
            table.row(row_id)
            table.column(column_id)
            where_zh, where_en = self.where(table_id, row_id, column_id)
            section: str | None = table.section
        except (KeyError, TypeError, ValueError):
            table_id = row_id = column_id = None
            where_zh, where_en, section = f"未知单元格 {key!s:.40}", f"unknown cell {key!s:.40}", None
        return Finding(severity, code, Location(section=section, table=table_id, row=row_id, column=column_id), f"{where_zh}：{zh}", f"{where_en}: {en}")

    def place_finding(
        self, severity: Severity, code: str, cell: tuple[str, str, str], zh: str, en: str, *, name_column: bool = True
    ) -> Finding:
        """A finding on a cell whose message starts with the place: ``zh``/``en`` go on from there
        ("为 14，…" / " is 14, …"); the column is named unless ``name_column`` is False."""
        table_id, row_id, column_id = cell
        where_zh, where_en = self.where(table_id, row_id, column_id if name_column else None)
        location = Location(section=self.definition.table(table_id).section, table=table_id, row=row_id, column=column_id)
        return Finding(severity, code, location, f"{where_zh}{zh}", f"{where_en}{en}")

    def text_finding(self, severity: Severity, code: str, text_id: str, zh: str, en: str) -> Finding:
        """A finding on one narrative text."""
        return Finding(severity, code, Location(section=self.definition.text(text_id).section, text=text_id), zh, en)

    def severity_for_missing(self) -> Severity:
        return "error" if self.stage == "submit" else "warning"

    def text(self, text_id: str) -> str:
        texts = self.draft.texts if isinstance(self.draft.texts, dict) else {}
        value = texts.get(text_id, "")
        return value if isinstance(value, str) else ""

    def text_name(self, text_id: str) -> tuple[str, str]:
        """How a text is named in a message: its section heading, or subsection title, (zh, en)."""
        field = self.definition.text(text_id)
        section = self.definition.section(field.section) if field.section else None
        if field.kind == "subsection" and section:
            headings = self.draft.headings if isinstance(self.draft.headings, dict) else {}
            heading = headings.get(field.id) or field.title
            return f"“{section.heading}”中的“{field.number or ''}{heading}”", f"'{field.en}'"
        if field.kind == "intro" and section:
            return f"“{section.heading}”的表前说明", f"the note before the tables of section {section.id}"
        return f"“{section.heading if section else field.title}”", f"'{field.en}'"
