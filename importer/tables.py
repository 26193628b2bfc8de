"""Read the numbers of one table from its stream into the draft, reporting every guess.

Input cells go to ``draft.values``; printed totals (computed cells) go to ``draft.stated`` so the
validator can compare them with the derived totals.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from forms import Draft, Table, cell_values, format_value
from forms.definition import Row
from importer.columns import Resolution, resolve
from importer.lines import squeeze
from importer.readings import PLACEHOLDERS, Reading, read_row
from importer.report import ImportReport
from importer.tokens import Number, Stream, find_label

MAX_UNPLACED_LINES = 30  # beyond this the report lists a count, not every line


@dataclass
class Located:
    rows: dict[str, list[Number]] = field(default_factory=dict)
    unplaced: list[Number] = field(default_factory=list)
    missing_labels: list[Row] = field(default_factory=list)


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
    for k, index in enumerate(found):
        following = found[k + 1] if k + 1 < len(found) else len(starts)
        row = table.rows[index]
        numbers = stream.between(starts[index], starts[following] if following < len(starts) else end)
        if following > index + 1:
            # rows in between were not recognised: keep only the numbers printed within this row's own label
            own_end = starts[index] + len(squeeze(row.label))
            located.unplaced += [n for n in numbers if n.offset > own_end]
            numbers = [n for n in numbers if n.offset <= own_end]
        located.rows[row.id] = numbers
    return located


def fill_table(draft: Draft, table: Table, located: Located, report: ImportReport) -> None:
    section = table.section
    where = {"table": table.id}
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
    readings = {r.id: read_row(table, r, [n.text for n in numbers[r.id]]) for r in table.rows if r.id in numbers}
    for row_id in [k for k, v in readings.items() if v is None]:
        _store(draft, table, table.row(row_id), numbers.pop(row_id), None, report)
    resolution = resolve(draft.definition, table, {k: v.candidates for k, v in readings.items() if v is not None})
    for computed in (False, True):
        expected = cell_values(draft, table) if computed and resolution is None else None
        for row in (r for r in table.rows if r.computed == computed and r.id in numbers):
            reading = readings[row.id]
            if resolution is not None:
                reading = replace(reading, cells=resolution.chosen[row.id])  # type: ignore[arg-type]
            elif expected is not None:
                sums = {c.id: expected[(row.id, c.id)] for c in table.columns}
                reading = read_row(table, row, [n.text for n in numbers[row.id]], sums)
            _store(draft, table, row, numbers[row.id], reading, report, resolution)
    if blank_rows:
        labels = "、".join(f"“{r.label or r.en}”" for r in blank_rows)
        report.add(section, "missing", f"{_name(table)}：{len(blank_rows)} 行没有印出数字（或只印了“—”），保持空白：{labels}",
                   f"{table.id}: {len(blank_rows)} row(s) print no numbers and stay blank: {', '.join(r.en for r in blank_rows)}",
                   **where)


def _store(
    draft: Draft, table: Table, row: Row, numbers: list[Number], reading: Reading | None, report: ImportReport, resolution: Resolution | None = None
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
    columns = tuple(reading.cells)
    if not reading.guessed:
        report.add(table.section, "found", f"{label}：{placed_zh}", f"'{row.en}': {placed_en}", columns=columns, **where)
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
               columns=columns, **where)


def _note_wrong_totals(table: Table, row: Row, reading: Reading, report: ImportReport, where: dict) -> None:
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
