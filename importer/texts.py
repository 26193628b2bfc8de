"""Split the free-text parts of the report into the draft's text fields and custom headings."""

from __future__ import annotations

import re

from forms import FormatDefinition
from importer.lines import Line, squeeze
from importer.prose import Style, join_words, prose
from importer.report import ImportReport

_SUBSECTION = re.compile(r"^[（(]\s*([一二三四五六七八九十]{1,2})\s*[）)]\s*(.*)$")
_LONE_NUMBER = re.compile(r"^\d{1,3}$")
#: Lines that start a table, by section: the intro is what comes before the first of them.
TABLE_STARTS = {
    "2": ("第二十条",),
    "3": ("勾稽关系", "本列数据", "申请人情况", "法人或其他组织", "自然人", "本年新收政府信息公开申请数量"),
    "4": ("结果维持", "未经复议", "复议后起诉", "尚未审结"),
}
_T4_HEADER = re.compile(r"^(?:行政复议|行政诉讼)+$")


def table_start(section: str, lines: list[Line]) -> int:
    """Index of the first line of the section's table (len(lines) if there is none)."""
    for index, line in enumerate(lines):
        text = squeeze(line.text)
        if any(marker in text for marker in TABLE_STARTS.get(section, ())):
            return index
        if section == "4" and _T4_HEADER.match(text):
            return index
    return len(lines)


def prose_lines(lines: list[Line], report: ImportReport, section: str) -> list[Line]:
    """Drop lone page numbers ("3") that only occur in running text at page breaks."""
    kept = []
    for line in lines:
        if _LONE_NUMBER.match(line.text):
            report.add(section, "note", f"删除了单独成行的数字“{line.text}”（页码）", f"dropped a line with only '{line.text}' (page number)",
                       line=line.number, source=line.text)
        else:
            kept.append(line)
    return kept


def section_one(lines: list[Line], definition: FormatDefinition, style: Style, report: ImportReport) -> tuple[dict[str, str], dict[str, str]]:
    """Texts and custom headings of section 一, split at its （一）…（五） subheadings."""
    fields = {t.number: t for t in definition.texts if t.kind == "subsection" and t.section == "1" and t.number}
    texts: dict[str, str] = {}
    headings: dict[str, str] = {}
    current: str | None = None
    chunks: dict[str | None, list[Line]] = {None: []}
    for line in lines:
        match = _SUBSECTION.match(line.text)
        number = f"（{match.group(1)}）" if match else None
        if number in fields and _is_next_subheading(list(fields), number, len(chunks) - 1, fields[number].title, match.group(2)):  # type: ignore[union-attr]
            field = fields[number]
            current = field.id
            title, rest = _split_heading(match.group(2))  # type: ignore[union-attr]
            chunks[current] = [Line(line.number, rest, indented=True, starts_paragraph=True)] if rest else []
            if title and squeeze(title) != squeeze(field.title):
                headings[field.id] = join_words(title)[:200]
            continue
        chunks[current].append(line)
    if chunks[None]:
        target = next(iter(fields.values())).id if fields else None
        if len(chunks) == 1:
            report.add("1", "guessed", "第一部分没有（一）至（五）小标题，全文放入“（一）主动公开情况”，请分拆",
                       "section 1 has no (1)-(5) subheadings; all of it was put into 'Proactive disclosure'; please split it",
                       text=target)
        else:
            report.add("1", "guessed", "第一部分小标题前的文字并入了“（一）”", "text before the first subheading was added to (1)",
                       text=target, line=chunks[None][0].number, source=chunks[None][0].text)
        if target:
            chunks[target] = chunks[None] + chunks.get(target, [])
    for field in fields.values():
        if chunks.get(field.id):
            texts[field.id] = prose(prose_lines(chunks[field.id], report, "1"), style)
    return texts, headings


def _is_next_subheading(order: list[str], number: str, seen: int, official: str, title: str) -> bool:
    """The next subheading in order; one further on only if it names its topic (a skipped subsection)."""
    index = order.index(number)
    if index == seen:
        return True
    return index > seen and squeeze(official).removesuffix("情况")[:4] in squeeze(title)


def _split_heading(text: str) -> tuple[str, str]:
    """'主动公开情况。2020年…' -> ('主动公开情况', '2020年…'); a plain heading has no rest."""
    text = text.strip()
    match = re.search(r"[。：:]", text)
    if match and match.start() <= 30:
        return text[: match.start()], text[match.end() :].strip()
    return text, ""
