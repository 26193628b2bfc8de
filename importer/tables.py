"""Read the numbers of one table from its stream into the draft, reporting every guess.

Input cells go to ``draft.values``; printed totals (computed cells) go to ``draft.stated`` so the
validator can compare them with the derived totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from forms import CellValue, Draft, Table, cell_values, format_value
from forms.definition import Row
from importer.columns import Resolution, resolve
from importer.lines import squeeze
from importer.positions import Columns, aligned, place
from importer.readings import PLACEHOLDERS, Reading, parse_printed, read_row
from importer.report import ImportReport
from importer.tokens import Number, Stream, find_label

MAX_UNPLACED_LINES = 30  # beyond this the report lists a count, not every line


@dataclass
class Located:
    rows: dict[str, list[Number]] = field(default_factory=dict)
    unplaced: list[Number] = field(default_factory=list)
    missing_labels: list[Row] = field(default_factory=list)
    split: dict[str, str] = field(default_factory=dict)  # row id -> the group label printed as one row in its place
    header: str = ""  # the table's header text (squeezed), before its first row label


def locate_rows(table: Table, stream: Stream, start: int = 0, end: int | None = None) -> Located:
    """Which numbers belong to which row: each row's numbers follow its label's first characters."""
    end = len(stream.text) if end is None else end
    located = Located()
    if table.label_columns == 0:  # section 四: one unlabelled row
        located.rows[table.rows[0].id] = [n for n in stream.numbers if start <= n.offset <= end]
        return located
    starts: list[int] = []  # label offset per row of table.rows, -1 if not found
    cursor = start
    for row in table.rows:
        position = find_label(stream, row.label, cursor, end)
        starts.append(position)
        if position < 0:
            located.missing_labels.append(row)
        else:
            cursor = position + 1
    found = [i for i, p in enumerate(starts) if p >= 0]
    if not found:
        return located
    located.unplaced += [n for n in stream.numbers if start <= n.offset <= starts[found[0]]]
    located.header = stream.text[start : starts[found[0]]]
    for k, index in enumerate(found):
        following = found[k + 1] if k + 1 < len(found) else len(starts)
        row = table.rows[index]
        numbers = stream.between(starts[index], starts[following] if following < len(starts) else end)
        if following > index + 1:
            # rows in between were not recognised: keep only the numbers printed within this row's own label
            own_end = starts[index] + len(squeeze(row.label))
            rest = [n for n in numbers if n.offset > own_end]
            numbers = [n for n in numbers if n.offset <= own_end]
            between = list(table.rows[index + 1 : following])
            end_of_gap = starts[following] if following < len(starts) else end
            rest = _one_row_group(table, stream, between, rest, own_end, end_of_gap, located)
            located.unplaced += rest
        located.rows[row.id] = numbers
    return located


def _one_row_group(
    table: Table, stream: Stream, between: list[Row], numbers: list[Number], start: int, end: int, located: Located
) -> list[Number]:
    """A group printed as one row where the format has sub-rows (（六）其他处理 in the older layout).

    Its numbers go to the group's catch-all row ("3.其他"), reported as needing a split; the numbers
    left over are returned (unplaced). Groups without a catch-all row stay unplaced: nothing is guessed.
    """
    groups = {r.labels[-2] for r in between if len(r.labels) >= 2}
    for group in groups:
        rows = [r for r in table.rows if len(r.labels) >= 2 and r.labels[-2] == group]
        catch_all = next((r for r in rows if squeeze(r.label).endswith("其他")), None)
        if catch_all is None or any(r not in between for r in rows):
            continue
        position = find_label(stream, group, start, end, whole=True)
        if position < 0:
            continue
        mine = [n for n in numbers if n.offset > position]
        if not mine:
            continue
        located.rows[catch_all.id] = mine
        located.split[catch_all.id] = group
        located.missing_labels = [r for r in located.missing_labels if r not in rows]
        numbers = [n for n in numbers if n.offset <= position]
    return numbers


def fill_table(draft: Draft, table: Table, located: Located, report: ImportReport, columns: Columns | None = None) -> None:
    section = table.section
    where = {"table": table.id}
    for row_id, group_label in located.split.items():
        row = table.row(row_id)
        printed = located.rows.get(row_id, [])
        line = printed[0].line if printed else None
        report.add(section, "guessed", f"{_name(table)}：“{group_label}”印为一行（旧格式），数字放在“{row.label}”下，请按实际情况拆分到各小项",
                   f"{table.id}: '{group_label}' is printed as one row (older layout); its numbers were put under '{row.en}'; please split them",
                   row=row_id, line=line.number if line else None, source=line.text if line else None, **where)
    by_line: dict[int, list[Number]] = {}
    for number in located.unplaced:
        by_line.setdefault(number.line.number, []).append(number)
    for group in list(by_line.values())[:MAX_UNPLACED_LINES]:
        shown = " ".join(n.text for n in group)
        report.add(section, "unplaced", f"{_name(table)}：数字“{shown}”无法确定属于哪一行，未导入",
                   f"{table.id}: could not tell which row the number(s) '{shown}' belong to; not imported",
                   line=group[0].line.number, source=group[0].line.text, **where)
    if len(by_line) > MAX_UNPLACED_LINES:
        report.add(section, "unplaced", f"{_name(table)}：另有 {len(by_line) - MAX_UNPLACED_LINES} 行数字未导入",
                   f"{table.id}: numbers on {len(by_line) - MAX_UNPLACED_LINES} more line(s) not imported", **where)
    for row in located.missing_labels:
        report.add(section, "missing", f"{_name(table)}：没有找到“{row.label}”这一行", f"{table.id}: row '{row.en}' not found",
                   row=row.id, **where)
    blank_rows = [r for r in table.rows if r.id in located.rows and all(n.text in PLACEHOLDERS for n in located.rows[r.id])]
    numbers = {r.id: located.rows[r.id] for r in table.rows if located.rows.get(r.id) and r not in blank_rows}
    placed = {r.id: p for r in table.rows if r.id in numbers and (p := _positional(table, r, numbers[r.id], columns)) is not None}
    if placed and columns is not None and not aligned(columns, [numbers[r] for r in placed]):
        report.add(section, "note", f"{_name(table)}：各行数字与表头的列对不齐（没有表格线），按顺序读取",
                   f"{table.id}: the numbers do not line up under the header's columns (no ruling); read by order", **where)
        placed = {}
    for row_id in list(placed):
        numbers[row_id] = [n for n in numbers[row_id] if n.box is None or (n.box[0] + n.box[1]) / 2 >= columns.left]  # type: ignore[union-attr]
        if not numbers[row_id]:  # only numbers inside its label: nothing printed in the columns
            del numbers[row_id], placed[row_id]
    yuan = columns is None and _header_in_yuan(table, located.header)
    if yuan:
        report.add(section, "note", f"{_name(table)}：表头单位为元，金额已换算为万元", f"{table.id}: the header gives yuan; amounts converted to 10,000 yuan", **where)
        numbers = {k: [replace(n, text=n.text + "元") if n.text not in PLACEHOLDERS and not n.text.endswith("元") else n for n in v]
                   for k, v in numbers.items()}
    readings = {r.id: placed.get(r.id) or read_row(table, r, [n.text for n in numbers[r.id]]) for r in table.rows if r.id in numbers}
    for row_id in [k for k, v in readings.items() if v is None]:
        _store(draft, table, table.row(row_id), numbers.pop(row_id), None, report)
    resolution = resolve(draft.definition, table, {k: v.candidates for k, v in readings.items() if v is not None})
    for computed in (False, True):
        expected = cell_values(draft, table) if computed and resolution is None else None
        for row in (r for r in table.rows if r.computed == computed and r.id in numbers):
            reading = readings[row.id]
            if row.id in placed:
                pass
            elif resolution is not None and reading is not None:  # rows read as None left `numbers` above
                reading = replace(reading, cells=resolution.chosen[row.id])
            elif expected is not None:
                sums = {c.id: expected[(row.id, c.id)] for c in table.columns}
                reading = read_row(table, row, [n.text for n in numbers[row.id]], sums)
            _store(draft, table, row, numbers[row.id], reading, report, resolution, columns)
    if columns is not None:
        _printed_blank_totals(draft, table, located, placed, report)
    if blank_rows:
        labels = "、".join(f"“{r.label or r.en}”" for r in blank_rows)
        report.add(section, "missing", f"{_name(table)}：{len(blank_rows)} 行没有印出数字（或只印了“—”），保持空白：{labels}",
                   f"{table.id}: {len(blank_rows)} row(s) print no numbers and stay blank: {', '.join(r.en for r in blank_rows)}",
                   **where)


def _positional(table: Table, row: Row, numbers: list[Number], columns: Columns | None) -> Reading | None:
    """The row read by where its numbers stand; None when positions do not decide every number."""
    if columns is None:
        return None
    placement = place(columns, numbers)
    if placement is None:
        return None
    cells: dict[str, CellValue] = {}
    for index, number in placement.cells.items():
        column = table.columns[index]
        if number.text in PLACEHOLDERS:
            continue
        text = number.text
        if index in columns.yuan and not text.endswith("元"):
            text += "元"
        value = parse_printed(column, text)
        if value is None:
            return None
        cells[column.id] = value
    if columns.units == "pt" and not columns.ruled and not _totals_agree(table, cells):
        return None  # positions from header text alone, and the printed total disagrees: do not trust them
    return Reading(cells, 0, True, (cells,), positional=True)


def _header_in_yuan(table: Table, header: str) -> bool:
    """The printed header gives a money column in 元 (单位：元, （元）), not 万元."""
    money = any(c.kind == "money" for c in table.columns)
    return money and any(mark in header for mark in ("单位:元", "(元)")) and "万元" not in header


def _totals_agree(table: Table, cells: dict[str, CellValue]) -> bool:
    for column in table.columns:
        if column.computed and column.id in cells:
            parts = [cells[c] for c in column.computed_from if c in cells]
            if sum(parts) != cells[column.id]:  # type: ignore[arg-type]
                return False
    return True


def _printed_blank_totals(draft: Draft, table: Table, located: Located, placed: dict[str, Reading], report: ImportReport) -> None:
    """A total printed blank while its parts are filled: kept apart from "not printed" as a stated blank."""
    values = cell_values(draft, table)
    for row in table.rows:
        if row.id not in located.rows:
            continue
        if row.id not in placed and located.rows[row.id] and not all(n.text in PLACEHOLDERS for n in located.rows[row.id]):
            continue  # read by order: where its blanks are is not known
        cells = placed[row.id].cells if row.id in placed else {}
        for column in table.columns:
            if not table.is_computed(row.id, column.id) or column.id in cells:
                continue
            derived = values[(row.id, column.id)]
            if derived is None:
                continue
            draft.stated[(table.id, row.id, column.id)] = None
            name = row.label or table.title
            report.add(table.section, "note", f"“{name}”的{column.label}印为空白，而各项之和为 {format_value(column.kind, derived)}；按原样记为“印为空白”，请核对",
                       f"'{row.en}': {column.en} is printed blank while its parts add up to {format_value(column.kind, derived)}; kept as printed blank",
                       table=table.id, row=row.id, columns=(column.id,))


def _store(
    draft: Draft, table: Table, row: Row, numbers: list[Number], reading: Reading | None, report: ImportReport,
    resolution: Resolution | None = None, columns: Columns | None = None,
) -> None:
    line = numbers[0].line
    shown = " ".join(n.text for n in numbers)
    label = f"“{row.label}”" if row.label else _name(table)
    where = {"table": table.id, "row": row.id, "line": line.number, "source": line.text}
    if reading is None:
        report.add(table.section, "unplaced",
                   f"{label}印有 {len(numbers)} 个数字“{shown}”，无法与 {len(table.columns)} 列对应，未导入",
                   f"'{row.en}' prints {len(numbers)} number(s) '{shown}' that fit none of the {len(table.columns)} columns; not imported",
                   **where)
        return
    for column_id, value in reading.cells.items():
        key = (table.id, row.id, column_id)
        if table.is_computed(row.id, column_id):
            draft.stated[key] = value
        else:
            draft.values[key] = value
    _note_wrong_totals(table, row, reading, report, where)
    placed_zh = "、".join(f"{table.column(c).label}={format_value(table.column(c).kind, v)}" for c, v in reading.cells.items())
    placed_en = ", ".join(f"{table.column(c).en}={format_value(table.column(c).kind, v)}" for c, v in reading.cells.items())
    for number in numbers:
        if number.text.endswith("元") and not number.text.endswith("万元"):
            report.add(table.section, "note", f"{label}印为“{number.text}”（单位元），已换算为万元", f"'{row.en}' prints '{number.text}' in yuan; converted to 10,000 yuan",
                       **where)
    if reading.positional and columns is not None and columns.yuan:
        report.add(table.section, "note", f"{label}：表头单位为元，金额已换算为万元", f"'{row.en}': the header gives yuan; amounts converted to 10,000 yuan", **where)
    placed_columns = tuple(reading.cells)
    if reading.positional:
        report.add(table.section, "found", f"{label}：{placed_zh or '（全部空白）'}（按各数字所在的列）",
                   f"'{row.en}': {placed_en or '(all blank)'} (by the column each number stands in)", columns=placed_columns, **where)
        return
    if not reading.guessed:
        report.add(table.section, "found", f"{label}：{placed_zh}", f"'{row.en}': {placed_en}", columns=placed_columns, **where)
        return
    why_zh = f"印有 {len(numbers)} 个数字“{shown}”（共 {len(table.columns)} 列，空白单元格未印出）"
    why_en = f"prints {len(numbers)} number(s) '{shown}' for {len(table.columns)} columns (blank cells not printed)"
    alt_zh = f"，另有 {reading.alternatives} 种同样成立的读法" if reading.alternatives else ""
    alt_en = f"; {reading.alternatives} other reading(s) fit as well" if reading.alternatives else ""
    rule_zh, rule_en = ("与上面各行之和相符", "to agree with the sums of the rows above") if row.computed else ("按行合计规则", "by the row-total rule")
    if resolution is not None and reading.alternatives:
        rule_zh, rule_en = "按各列合计与勾稽关系", "by the column sums and the balance rule"
        if resolution.solutions == 1:
            alt_zh, alt_en = "（整表唯一成立的读法）", " (the only reading of the whole table that adds up)"
        else:
            alt_zh, alt_en = f"（整表有 {resolution.solutions} 种成立的读法，取第一种）", f" (first of {resolution.solutions} readings of the whole table that add up)"
    report.add(table.section, "guessed", f"{label}{why_zh}，{rule_zh}，读作 {placed_zh}{alt_zh}，请核对",
               f"'{row.en}' {why_en}; read {rule_en} as {placed_en}{alt_en}; please check",
               columns=placed_columns, **where)


def _note_wrong_totals(table: Table, row: Row, reading: Reading, report: ImportReport, where: dict[str, Any]) -> None:
    """A printed total that is not the sum of its printed parts is imported as printed, and said so."""
    for column in table.columns:
        if not column.computed or column.id not in reading.cells:
            continue
        parts = [reading.cells[c] for c in column.computed_from if c in reading.cells]
        if parts and sum(parts) != reading.cells[column.id]:  # type: ignore[arg-type]
            total = reading.cells[column.id]
            report.add(table.section, "note", f"“{row.label or table.title}”印出的{column.label}为 {total}，而各项之和为 {sum(parts)}；按原样导入，请核对",  # type: ignore[arg-type]
                       f"'{row.en}' prints {column.en} = {total} but its parts add up to {sum(parts)}; imported as printed", columns=(column.id,), **where)  # type: ignore[arg-type]


def _name(table: Table) -> str:
    return f"表“{table.title}”"
