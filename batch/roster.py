"""The roster: the units an office expects reports from, with their level and parent unit.

Read from ``.xlsx`` (first sheet) or ``.csv`` (UTF-8 with or without BOM, or GB18030 as Excel saves
it in China). The header row names the columns; accepted names are listed in ``_COLUMNS``. Problems in
the roster (a duplicate name, a parent that is not in the roster, a cycle) never stop anything: they
become ``problems`` that the batch shows as rows with a reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from batch.names import normal_name
from common.errors import AppError
from common.reading import read_file

_COLUMNS = {
    "name": ("单位名称", "单位", "名称", "name", "unit"),
    "level": ("层级", "级别", "level"),
    "parent": ("上级单位", "上级", "parent"),
    "contact": ("联系人", "联系方式", "contact"),
}
MAX_ROSTER_BYTES = 20 * 1024 * 1024
MAX_ROSTER_ROWS = 20_000


class RosterError(AppError):
    """The roster file as a whole cannot be read (not a roster problem in one row)."""


@dataclass(frozen=True)
class RosterUnit:
    name: str
    level: str = ""
    parent: str = ""
    contact: str = ""
    row: int = 0  # 1-based row in the file, for messages

    @property
    def key(self) -> str:
        return normal_name(self.name)


@dataclass(frozen=True)
class RosterProblem:
    kind: str  # duplicate | unknown_parent | cycle
    name: str
    row: int
    zh: str
    en: str


@dataclass
class Roster:
    units: list[RosterUnit] = field(default_factory=list)
    problems: list[RosterProblem] = field(default_factory=list)

    def by_key(self) -> dict[str, RosterUnit]:
        """First unit per normalised name (duplicates are reported in ``problems``)."""
        out: dict[str, RosterUnit] = {}
        for unit in self.units:
            out.setdefault(unit.key, unit)
        return out

    def children(self) -> dict[str, list[RosterUnit]]:
        """Units per parent key; units in a cycle or under an unknown parent are left out."""
        known = self.by_key()
        broken = {normal_name(p.name) for p in self.problems if p.kind in ("unknown_parent", "cycle")}
        out: dict[str, list[RosterUnit]] = {}
        for unit in known.values():
            parent = normal_name(unit.parent)
            if parent and parent in known and unit.key not in broken:
                out.setdefault(parent, []).append(unit)
        return out

    def roots(self) -> list[RosterUnit]:
        """Units with no (usable) parent: the tops of the tree."""
        known = self.by_key()
        below = {u.key for kids in self.children().values() for u in kids}
        return [u for k, u in known.items() if k not in below]


def read_roster(path: Path | str) -> Roster:
    """Read a roster file; raises RosterError only when the file as a whole is unusable."""
    path = Path(path)
    rows = _rows_xlsx(path) if path.suffix.lower() == ".xlsx" else _rows_csv(path)
    return roster_from_rows(rows)


def roster_from_rows(rows: list[list[str]]) -> Roster:
    """Build a roster from a header row and data rows (cells as text)."""
    if not rows:
        raise RosterError("名单是空的", "the roster is empty")
    header = [normal_name(h).lower() for h in rows[0]]
    index: dict[str, int] = {}
    for field_name, names in _COLUMNS.items():
        for position, title in enumerate(header):
            if title in {n.lower() for n in names}:
                index[field_name] = position
                break
    if "name" not in index:
        raise RosterError("名单第一行应有“单位名称”列", "the roster's first row must have a '单位名称' (unit name) column")
    roster = Roster()
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        name = _cell(row, index, "name")
        if not name:
            continue
        unit = RosterUnit(name, _cell(row, index, "level"), _cell(row, index, "parent"), _cell(row, index, "contact"), number)
        if unit.key in seen:
            roster.problems.append(RosterProblem("duplicate", name, number, f"名单中重复（与第 {seen[unit.key]} 行同名）",
                                                 f"duplicate in the roster (same name as row {seen[unit.key]})"))
            continue
        seen[unit.key] = number
        roster.units.append(unit)
    _check_tree(roster)
    return roster


def _cell(row: Sequence[str], index: dict[str, int], field_name: str) -> str:
    """The row's text in the named column; empty when the roster has no such column or the row is short."""
    position = index.get(field_name)
    return (row[position] if position is not None and position < len(row) else "").strip()


def _check_tree(roster: Roster) -> None:
    known = roster.by_key()
    for unit in roster.units:
        parent = normal_name(unit.parent)
        if parent and parent not in known:
            roster.problems.append(RosterProblem("unknown_parent", unit.name, unit.row, f"上级单位不在名单中：{unit.parent}",
                                                 f"parent unit not in the roster: {unit.parent}"))
    for unit in roster.units:
        chain: list[str] = []
        key = unit.key
        while key and key in known and key not in chain:
            chain.append(key)
            key = normal_name(known[key].parent)
        if key and key == unit.key:
            path = " → ".join(known[k].name for k in chain) + f" → {unit.name}"
            roster.problems.append(RosterProblem("cycle", unit.name, unit.row, f"上级单位形成循环：{path}",
                                                 f"parent units form a cycle: {path}"))


def _rows_csv(path: Path) -> list[list[str]]:
    raw = _read(path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes every byte sequence
        raise RosterError("名单文件的编码无法识别", "cannot tell the roster file's encoding")
    rows = list(csv.reader(io.StringIO(text)))
    return [[c for c in r] for r in rows[: MAX_ROSTER_ROWS + 1]]


def _rows_xlsx(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    _read(path)  # size and kind checks before openpyxl opens it
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RosterError(f"名单文件不是有效的 Excel 工作簿：{path.name}", f"not a valid .xlsx workbook: {path.name} ({exc})") from None
    try:
        sheet = book.worksheets[0]
        rows: list[list[str]] = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v) for v in values])
            if len(rows) > MAX_ROSTER_ROWS:
                break
        return rows
    finally:
        book.close()


def _read(path: Path) -> bytes:
    try:
        return read_file(path, max_bytes=MAX_ROSTER_BYTES, what="名单文件", what_en="roster file")
    except AppError as exc:
        raise RosterError(exc.zh, exc.en) from None
