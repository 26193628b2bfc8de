"""Tell the 2019 format from the 2021 format by what the tables print, not by the year.

Reports for 2022 and 2023 were still published in the 2019 layout, so the year alone is not
evidence. Each format has header and row wording found only in its own tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from importer.lines import squeeze

#: Wording printed only in one format's tables (squeezed: no spaces, half-width brackets).
MARKERS: dict[str, tuple[str, ...]] = {
    "2019": ("新制作数量", "制作数量", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "采购总金额", "政府集中采购", "其他对外管理服务事项", "新制作", "增/减"),
    "2021": ("本年制发件数", "制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正", "逾期未按收费通知", "缴纳费用", "制发", "现行有效"),
}


@dataclass(frozen=True)
class Detection:
    format_id: str | None
    evidence: tuple[str, ...]


def detect_format(table_text: str) -> Detection:
    """Pick the format whose markers occur in ``table_text`` (sections 二 and 三); None if undecided."""
    text = squeeze(table_text)
    found = {fid: tuple(m for m in markers if m in text) for fid, markers in MARKERS.items()}
    ranked = sorted(found, key=lambda fid: len(found[fid]), reverse=True)
    best, other = ranked[0], ranked[1]
    if len(found[best]) == len(found[other]):
        return Detection(None, ())
    return Detection(best, found[best])
