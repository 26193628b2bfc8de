"""The import report: per section, what was found, guessed, left missing or could not be placed.

The GUI shows it before the clerk accepts the draft, so every entry is data (section, kind,
location, source line) with a Chinese and an English sentence, not pre-formatted text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["found", "guessed", "missing", "unplaced", "note"]
KINDS: tuple[Kind, ...] = ("found", "guessed", "missing", "unplaced", "note")

#: Report sections: "cover" (title, agency, year, format, signature) and the six sections "1".."6".
SECTIONS = ("cover", "1", "2", "3", "4", "5", "6")
SECTION_NAMES = {
    "cover": ("封面与落款", "Title and signature"),
    "1": ("一、总体情况", "1. Overview"),
    "2": ("二、主动公开政府信息情况", "2. Proactive disclosure"),
    "3": ("三、收到和处理政府信息公开申请情况", "3. Requests"),
    "4": ("四、行政复议、行政诉讼情况", "4. Reconsideration and litigation"),
    "5": ("五、存在的主要问题及改进情况", "5. Problems and improvements"),
    "6": ("六、其他需要报告的事项", "6. Other matters"),
}
_KIND_NAMES = {
    "found": ("已识别", "found"),
    "guessed": ("推测", "guessed"),
    "missing": ("缺失", "missing"),
    "unplaced": ("未能放入", "not placed"),
    "note": ("说明", "note"),
}


@dataclass(frozen=True)
class ReportItem:
    section: str
    kind: Kind
    zh: str
    en: str
    table: str | None = None
    row: str | None = None
    columns: tuple[str, ...] = ()
    text: str | None = None  # text field id
    line: int | None = None  # 1-based line number in the extracted text
    source: str | None = None  # that line, as extracted

    def message(self, language: str = "zh") -> str:
        return self.en if language == "en" else self.zh

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"section": self.section, "kind": self.kind, "zh": self.zh, "en": self.en}
        for key in ("table", "row", "text", "line", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        if self.columns:
            out["columns"] = list(self.columns)
        return out


@dataclass
class ImportReport:
    source_kind: str = "text"  # pdf | docx | html | mhtml | text
    encoding: str | None = None
    format_id: str | None = None
    items: list[ReportItem] = field(default_factory=list)

    def add(self, section: str, kind: Kind, zh: str, en: str, **where: Any) -> None:
        self.items.append(ReportItem(section, kind, zh, en, **where))

    def by_section(self, section: str, kind: Kind | None = None) -> list[ReportItem]:
        return [i for i in self.items if i.section == section and (kind is None or i.kind == kind)]

    def of_kind(self, kind: Kind) -> list[ReportItem]:
        return [i for i in self.items if i.kind == kind]

    @property
    def guesses(self) -> list[ReportItem]:
        return self.of_kind("guessed")

    def counts(self) -> dict[str, dict[str, int]]:
        """Per section, how many items of each kind (for badges next to each section in the GUI)."""
        return {s: {k: len(self.by_section(s, k)) for k in KINDS} for s in SECTIONS}

    def to_dict(self) -> dict[str, Any]:
        return {
            "source_kind": self.source_kind,
            "encoding": self.encoding,
            "format": self.format_id,
            "sections": {
                s: {k: [i.to_dict() for i in self.by_section(s, k)] for k in KINDS} for s in SECTIONS
            },
        }

    def lines(self, language: str = "zh") -> list[str]:
        """The report as plain lines, section by section (for the command line)."""
        out: list[str] = []
        index = 1 if language == "en" else 0
        for section in SECTIONS:
            items = self.by_section(section)
            if not items:
                continue
            out.append(SECTION_NAMES[section][index])
            for kind in KINDS:
                for item in (i for i in items if i.kind == kind):
                    where = f"（第 {item.line} 行：{item.source}）" if item.line and language != "en" else ""
                    if item.line and language == "en":
                        where = f" (line {item.line}: {item.source})"
                    out.append(f"  [{_KIND_NAMES[kind][index]}] {item.message(language)}{where}")
        return out
