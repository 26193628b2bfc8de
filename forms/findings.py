"""What the validator reports: a finding with a severity, a stable code, a location and a message.

Codes are stable identifiers (tests, the GUI and other tools key on them); messages are for people,
in Chinese first and English on request.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Location:
    section: str | None = None  # section id "1".."6"
    table: str | None = None
    row: str | None = None
    column: str | None = None
    text: str | None = None  # text field id, e.g. "s5"
    field: str | None = None  # a cover field: "agency", "signature.date", "format"


@dataclass(frozen=True)
class Finding:
    severity: Severity
    code: str
    location: Location
    zh: str
    en: str

    def __post_init__(self) -> None:
        # English messages start with a capital letter, whatever place or word they open with.
        if self.en[:1].islower():
            object.__setattr__(self, "en", self.en[0].upper() + self.en[1:])

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def message(self, language: str = "zh") -> str:
        return self.en if language == "en" else self.zh

    def to_dict(self, language: str = "zh") -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "location": {k: v for k, v in asdict(self.location).items() if v is not None},
            "message": self.message(language),
            "message_zh": self.zh,
            "message_en": self.en,
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.is_error for f in findings)
