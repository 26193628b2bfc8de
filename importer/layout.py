"""Find the report's skeleton in the cleaned lines: title, section headings and signature.

Headings are searched in order (一 before 二 ...), and each must carry a word of its official
title, so table rows such as "四、结转下年度继续办理" are never taken for a section heading.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from importer.lines import Line, nfkc, squeeze

NUMERALS = ("一", "二", "三", "四", "五", "六")
#: Words one of which a section heading must contain (after the numeral).
HEADING_WORDS = {
    "1": ("总体情况", "总体", "概述"),
    "2": ("主动公开",),
    "3": ("申请",),
    "4": ("复议", "诉讼"),
    "5": ("问题", "改进"),
    "6": ("其他", "其它"),
}
_TITLE = re.compile(r"(\d{4})年度?(.{0,40}?)政府信息公开(?:工作)?年度?报告")
_TITLE_ANY = re.compile(r"政府信息公开(?:工作)?年度?报告")
#: Lines a web portal prints around an article (publication date, source, view counter, font size, print).
_PORTAL = re.compile(
    r"发布日期|发布时间|信息来源|来源[:：]|浏览次数|访问量|点击数|阅读次数|浏览量|字号[:：]|【?字体[:：]|打印本页|【打印】|【关闭】|关闭窗口|分享到|"
    r"^首页\s*[>＞»]|当前位置|索引号[:：]|发文日期|成文日期"
)
#: How the name of a signing agency ends (a line with one of these and no sentence punctuation is a signature).
_AGENCY_END = ("人民政府", "政府", "办公室", "办公厅", "局", "委员会", "委", "厅", "办", "中心", "办事处", "镇", "乡", "院", "署", "处", "所", "部", "站", "队", "馆", "会")
_DATE_AT_END = re.compile(r"(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇○零Ｏ一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$")
_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@dataclass
class Layout:
    title_index: int | None = None  # index into lines
    title_year: int | None = None
    agency: str = ""
    headings: dict[str, int] = field(default_factory=dict)  # section id -> index of its heading line
    signature_index: int | None = None  # first line of the signature block (agency or date)
    signature_agency: str = ""
    signature_date: dt.date | None = None

    def region(self, section: str, end_default: int) -> tuple[int, int] | None:
        """(start, end) line indexes of a section body, heading excluded; None if the heading is missing."""
        if section not in self.headings:
            return None
        start = self.headings[section] + 1
        later = [i for s, i in self.headings.items() if i > self.headings[section]]
        end = min(later) if later else (self.signature_index if self.signature_index is not None else end_default)
        return start, max(start, end)


def find_layout(lines: list[Line]) -> Layout:
    layout = Layout()
    _find_title(lines, layout)
    _find_headings(lines, layout)
    _find_signature(lines, layout)
    return layout


def _find_title(lines: list[Line], layout: Layout) -> None:
    """The first line (or pair of lines, when the title wraps) naming the report; the agency precedes the year."""
    for index in range(min(15, len(lines))):
        for span in (1, 2):
            if index + span > len(lines):
                break
            text = "".join(squeeze(x.text) for x in lines[index : index + span])
            match = _TITLE.search(text) or _TITLE_ANY.search(text)
            if not match:
                continue
            if span == 2 and title_has_agency(lines[index + 1].text):
                break  # the next line is the whole title on its own; this line is not part of it
            layout.title_index = index + span - 1
            layout.title_year = int(match.group(1)) if match.re is _TITLE else None
            before = text[: match.start()]
            if not before and match.re is _TITLE:
                before = match.group(2)  # "2020年度某某局政府信息公开工作年度报告": the agency follows the year
            if not before:
                above = [x for x in lines[max(0, index - 2) : index] if len(squeeze(x.text)) <= 40 and not is_portal_line(x.text)]
                before = "".join(squeeze(x.text) for x in above)
            layout.agency = before.strip("：:，, ")
            return


def is_title(text: str) -> bool:
    """A line that names the report (政府信息公开工作年度报告), short enough to be a title."""
    squeezed = squeeze(text)
    return len(squeezed) <= 80 and bool(_TITLE_ANY.search(squeezed))


def title_has_agency(text: str) -> bool:
    """The title names its agency (before the year, or between the year and 政府信息公开)."""
    squeezed = squeeze(text)
    match = _TITLE.search(squeezed)
    if match is None:
        match = _TITLE_ANY.search(squeezed)
        return bool(match and match.start() > 0)
    return bool(squeezed[: match.start()] or match.group(2))


def is_portal_line(text: str) -> bool:
    """Publication date, source, view counter, font-size or print links printed by a web portal."""
    return bool(_PORTAL.search(nfkc(text)))


def is_running_title(text: str) -> bool:
    """A page header repeating the report title (agency + year + 政府信息公开工作年度报告)."""
    squeezed = squeeze(text)
    return len(squeezed) <= 60 and bool(re.search(r"政府信息公开(?:工作)?年度?报告$", squeezed))


def heading_section(text: str) -> str | None:
    """The section id if ``text`` reads like a section heading ("三、收到和处理…"), else None."""
    squeezed = squeeze(text)
    if len(squeezed) > 40 or len(squeezed) < 3 or squeezed[1] not in "、.":
        return None
    if squeezed[0] not in NUMERALS:
        return None
    section = str(NUMERALS.index(squeezed[0]) + 1)
    return section if any(word in squeezed for word in HEADING_WORDS[section]) else None


def _find_headings(lines: list[Line], layout: Layout) -> None:
    start = (layout.title_index + 1) if layout.title_index is not None else 0
    for index in range(start, len(lines)):
        section = heading_section(lines[index].text)
        if section is None or section in layout.headings:
            continue
        if all(int(s) < int(section) for s in layout.headings):
            layout.headings[section] = index


def _find_signature(lines: list[Line], layout: Layout) -> None:
    last_heading = max(layout.headings.values(), default=-1)
    _find_dated_signature(lines, layout, last_heading)
    if layout.signature_index is None and lines and len(lines) - 1 > last_heading >= 0:
        last = lines[-1].text
        if looks_like_agency(last):  # a signature without a date: keep the signing agency out of section 六
            layout.signature_agency = squeeze(last)
            layout.signature_index = len(lines) - 1


def looks_like_agency(text: str) -> bool:
    squeezed = squeeze(text)
    return 4 <= len(squeezed) <= 40 and squeezed.endswith(_AGENCY_END) and not re.search(r"[。；，,;！？：:、]", squeezed)


def _find_dated_signature(lines: list[Line], layout: Layout, last_heading: int) -> None:
    for index in range(len(lines) - 1, max(last_heading, len(lines) - 6), -1):
        date = parse_date(lines[index].text)
        if date is None:
            match = _DATE_AT_END.search(lines[index].text)
            agency = lines[index].text[: match.start()].strip() if match else ""
            date = parse_date(match.group(0)) if match and looks_like_agency(agency) else None
            if date is not None:  # "某某局 2021年1月14日" on one line
                layout.signature_date, layout.signature_index, layout.signature_agency = date, index, squeeze(agency)
                return
            continue
        layout.signature_date = date
        layout.signature_index = index
        if index - 1 > last_heading:
            previous = lines[index - 1].text
            if len(squeeze(previous)) <= 40 and not re.search(r"[。；，,;！？]$", previous):
                layout.signature_agency = squeeze(previous)
                layout.signature_index = index - 1
        return


def parse_date(text: str) -> dt.date | None:
    """'2021 年 1 月 14 日', '2021年01月14日' or '二〇二一年一月十四日' as a date."""
    squeezed = _arabic(squeeze(text))
    match = _DATE.match(squeezed)
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _arabic(text: str) -> str:
    """Turn Chinese-numeral dates into digits: 二〇二一年一月十四日 -> 2021年1月14日."""
    if not re.fullmatch(r"[〇○零Ｏ一二三四五六七八九十]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日", text):
        return text
    year, rest = text.split("年", 1)
    month, day = rest.rstrip("日").split("月")
    return f"{''.join(str(_CN_DIGITS[c]) for c in year)}年{_small(month)}月{_small(day)}日"


def _small(numeral: str) -> int:
    if "十" not in numeral:
        return _CN_DIGITS.get(numeral, 0)
    tens, _, ones = numeral.partition("十")
    return (_CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)


def text_year(lines: list[Line]) -> int | None:
    """The most frequent 'YYYY 年' in the text: a fallback when the title names no year."""
    counts: dict[int, int] = {}
    for line in lines:
        for match in re.finditer(r"(20\d\d)\s*年", nfkc(line.text)):
            year = int(match.group(1))
            counts[year] = counts.get(year, 0) + 1
    return max(counts, key=lambda y: (counts[y], -y)) if counts else None
