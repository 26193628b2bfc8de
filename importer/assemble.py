"""From extracted text to a draft plus import report: the import pipeline, start to finish.

The draft is built completely in memory and checked by a save/load round trip before it is
returned, so callers either get a draft that can be saved or a ReportImportError, never half.
"""

from __future__ import annotations

from dataclasses import dataclass

from forms import Draft, DraftFileError, FormatDefinition, Table, format_for_year, load_format, new_draft, to_storable
from forms.limits import year_in_range
from importer.detect import detect_format
from importer.document import Document
from importer.errors import ReportImportError
from importer.layout import Layout, find_layout, heading_section, is_portal_line, is_running_title, text_year
from importer.lines import Line, blank_lines_meaningless, clean_doc_lines, indents_mark_paragraphs, squeeze
from importer.positions import Columns, header_columns, tab_columns
from importer.prose import Style, prose
from importer.report import ImportReport
from importer.tables import fill_table, locate_rows
from importer.texts import prose_lines, section_one, table_start
from importer.tokens import _is_number, build_stream, find_label

MAX_TEXT_CHARS = 1_000_000
MIN_HEADINGS = 3


@dataclass
class ImportResult:
    draft: Draft
    report: ImportReport


def import_document(document: Document, report: ImportReport) -> ImportResult:
    """Map the document onto the format its tables are printed in: sections, texts, table cells."""
    raw = document.lines()
    size = sum(len(line.text) for line in raw)
    if size > MAX_TEXT_CHARS:
        raise ReportImportError(f"文字过长（{size} 字），不像一份年度报告", f"text too long ({size} characters) for an annual report")
    lines, dropped = clean_doc_lines(raw)
    for line in dropped:
        report.add("cover", "note", f"删除了分页残留“{line.text}”", f"dropped page-break debris '{line.text}'", line=line.number, source=line.text)
    lines = _drop_portal_lines(lines, report)
    layout = find_layout(lines)
    lines = _drop_running_titles(lines, layout, report)
    layout = find_layout(lines)
    if len(layout.headings) < MIN_HEADINGS:
        raise ReportImportError(
            "这不像政府信息公开工作年度报告：找不到“一、总体情况”“二、主动公开政府信息情况”等部分标题。请确认选择的文件",
            "this does not look like an annual government information disclosure report: the section headings were not found",
        )
    year = _year(lines, layout, report)
    definition = _format(lines, layout, year, report)
    report.format_id = definition.id
    draft = new_draft(layout.agency or layout.signature_agency, year, definition.id)
    _cover(draft, layout, report)
    style = Style(blank_lines_meaningless(lines), indents_mark_paragraphs(lines), document.explicit_paragraphs)
    _texts(draft, lines, layout, style, report)
    _tables(draft, lines, layout, report)
    return ImportResult(_checked(draft), report)


def _drop_portal_lines(lines: list[Line], report: ImportReport) -> list[Line]:
    """Web portals print date, source and view counts around the article: not part of the report."""
    first_heading = next((i for i, line in enumerate(lines) if heading_section(line.text)), len(lines))
    kept = []
    for index, line in enumerate(lines):
        if index < first_heading and len(line.text) <= 120 and is_portal_line(line.text):
            report.add("cover", "note", f"删除了网页栏目信息“{line.text[:40]}”", f"dropped the portal line '{line.text[:40]}'", line=line.number, source=line.text)
            continue
        kept.append(line)
    return kept


def _drop_running_titles(lines: list[Line], layout: Layout, report: ImportReport) -> list[Line]:
    """Page headers repeat the title on every page; keep only the title itself."""
    if layout.title_index is None:
        return lines
    kept = []
    for index, line in enumerate(lines):
        if index > layout.title_index and is_running_title(line.text):
            report.add("cover", "note", "删除了重复的页眉标题", "dropped a repeated page-header title", line=line.number, source=line.text)
            continue
        kept.append(line)
    return kept


def _year(lines: list[Line], layout: Layout, report: ImportReport) -> int:
    if layout.title_year and year_in_range(layout.title_year):
        return layout.title_year
    year = text_year(lines)
    if year is None and layout.signature_date:
        year = layout.signature_date.year - 1
    if year is None or not year_in_range(year):
        raise ReportImportError("找不到报告年度（标题中应有“XXXX年”）", "cannot find the report year (the title should name it)")
    report.add("cover", "guessed", f"标题中没有年度，按正文中最常出现的年份取 {year} 年", f"the title names no year; took {year}, the year the text mentions most")
    return year


def _format(lines: list[Line], layout: Layout, year: int, report: ImportReport) -> FormatDefinition:
    start = layout.headings.get("2", 0)
    end = layout.headings.get("4", len(lines))
    detection = detect_format(" ".join(line.text for line in lines[start:end]))
    if detection.format_id is None:
        definition = format_for_year(year)
        report.add("cover", "guessed", f"表头不足以判断格式，按年度 {year} 采用“{definition.name_zh}”",
                   f"the table headers do not tell the format; used the {definition.id} format for year {year}")
        return definition
    definition = load_format(detection.format_id)
    report.add("cover", "found", f"按表头（{'、'.join(detection.evidence[:4])}）识别为“{definition.name_zh}”",
               f"recognised the {definition.id} format from its table headers ({', '.join(detection.evidence[:4])})")
    if not definition.covers_year(year):
        report.add("cover", "note", f"{year} 年度的报告使用了 {definition.id} 年格式，按原文导入", f"a {year} report printed in the {definition.id} format; imported as printed")
    return definition


def _cover(draft: Draft, layout: Layout, report: ImportReport) -> None:
    if layout.agency:
        report.add("cover", "found", f"机关名称：{layout.agency}", f"agency: {layout.agency}")
    elif layout.signature_agency:
        report.add("cover", "guessed", "标题中没有机关名称，取落款单位", "no agency in the title; took the signing agency")
    else:
        report.add("cover", "missing", "找不到机关名称，请填写", "agency name not found; please fill it in")
    draft.signature.agency = layout.signature_agency or layout.agency
    draft.signature.date = layout.signature_date
    if layout.signature_date:
        report.add("cover", "found", f"落款：{draft.signature.agency} {layout.signature_date:%Y年%m月%d日}", f"signature: {draft.signature.agency}, {layout.signature_date}")
    elif layout.signature_agency:
        report.add("cover", "found", f"落款单位：{layout.signature_agency}（未印日期）", f"signing agency: {layout.signature_agency} (no date printed)")
        report.add("cover", "missing", "落款没有日期，请填写", "the signature has no date; please fill it in")
    else:
        report.add("cover", "missing", "找不到落款日期，请填写", "signature date not found; please fill it in")
    if len(draft.agency) > 200 or len(draft.signature.agency) > 200:
        draft.agency = draft.signature.agency = ""
        report.add("cover", "missing", "机关名称过长，未导入", "agency name too long; not imported")


def _region(lines: list[Line], layout: Layout, section: str) -> list[Line]:
    bounds = layout.region(section, len(lines))
    return lines[bounds[0] : bounds[1]] if bounds else []


def _texts(draft: Draft, lines: list[Line], layout: Layout, style: Style, report: ImportReport) -> None:
    definition = draft.definition
    first = min(layout.headings.values())
    start = (layout.title_index + 1) if layout.title_index is not None else 0
    if first > start:
        draft.texts["preface"] = prose(prose_lines(lines[start:first], report, "cover"), style)
    if "1" in layout.headings:
        texts, headings = section_one(_region(lines, layout, "1"), definition, style, report)
        draft.texts.update(texts)
        draft.headings.update(headings)
    for section in definition.sections[1:]:  # sections 二…六: one text each, before the tables if any
        region = _region(lines, layout, section.id)
        if section.tables:
            region = region[: table_start(section.id, region)]
        text = prose(prose_lines(region, report, section.id), style)
        if text and section.texts:
            draft.texts[section.texts[0]] = text
    for field in definition.texts:
        if draft.texts.get(field.id):
            report.add(field.section or "cover", "found", f"“{field.title}”：{len(draft.texts[field.id])} 字", f"'{field.en}': {len(draft.texts[field.id])} characters", text=field.id)
        elif field.required or field.section is None:
            report.add(field.section or "cover", "missing", f"没有找到“{field.title}”的文字", f"no text found for '{field.en}'", text=field.id)
    for section_id in "123456":
        if section_id not in layout.headings:
            heading = definition.section(section_id).heading
            report.add(section_id, "missing", f"没有找到标题“{heading}”，这一部分未导入", f"heading '{heading}' not found; this section was not imported")


def _tables(draft: Draft, lines: list[Line], layout: Layout, report: ImportReport) -> None:
    definition = draft.definition
    for section in ("2", "3", "4"):
        region = _region(lines, layout, section)
        region = region[table_start(section, region) :]
        stream = build_stream(region)
        tables = [definition.table(t) for t in definition.section(section).tables]
        if section != "2":
            for table in tables:
                fill_table(draft, table, locate_rows(table, stream), report, _columns(table, region))
            continue
        marks = [(find_label(stream, t.title, 0, whole=True), t) for t in tables]  # 第二十条第（X）项: all of it
        found = sorted((p, i) for i, (p, _) in enumerate(marks) if p >= 0)
        titles = [_title_line(region, tables[i].title) for _, i in found]
        for k, (position, index) in enumerate(found):
            end = found[k + 1][0] if k + 1 < len(found) else len(stream.text)
            part = region[titles[k] : titles[k + 1] if k + 1 < len(titles) else len(region)] if titles[k] is not None else []
            fill_table(draft, tables[index], locate_rows(tables[index], stream, position + 1, end), report, _columns(tables[index], part))
        for position, table in marks:
            if position < 0:
                report.add("2", "missing", f"没有找到表“{table.title}”", f"table '{table.title}' not found", table=table.id)


def _title_line(region: list[Line], title: str) -> int | None:
    key = squeeze(title)
    return next((i for i, line in enumerate(region) if key in squeeze(line.text)), None)


def _columns(table: Table, region: list[Line]) -> Columns | None:
    """The table's column boxes from its header: the lines before the first line printing a number."""
    units = next((line.units for line in region if line.units), None)
    if units is None:
        return None
    if units == "tab":
        return tab_columns(table)
    header = []
    for line in region:
        if any(_is_number(p.text) for p in line.pieces):
            break
        header.append(line)
    return header_columns(table, header)


def _checked(draft: Draft) -> Draft:
    """The draft, proven storable: anything the file format refuses is a bug, reported cleanly."""
    try:
        to_storable(draft)
        return draft
    except DraftFileError as exc:
        raise ReportImportError(f"导入结果无法保存为草稿（{exc.zh}）", f"the imported draft cannot be saved ({exc.en})") from None
