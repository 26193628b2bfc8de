"""Reading one unit's file into a draft and checking it: the work done per file, in a worker process.

A unit's report arrives as a ``.nianbao`` exchange file, a draft ``.json``, or a published report
(PDF, web page, Word, text) that goes through the importer. Whatever happens, the result is a
``LoadedUnit``: a file that cannot be read becomes a reason, never an exception, so one broken file
never stops the batch. Files are only read.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

import forms
from common.errors import AppError
from forms import Draft, Finding

#: Suffixes read as reports; anything else in a folder is ignored (and listed as skipped).
DRAFT_SUFFIXES = (".nianbao", ".json")
PUBLISHED_SUFFIXES = (".pdf", ".txt", ".html", ".htm", ".mhtml", ".mht", ".docx", ".doc", ".wps")
REPORT_SUFFIXES = DRAFT_SUFFIXES + PUBLISHED_SUFFIXES


@dataclass
class LoadedUnit:
    """One file after reading and checking. ``draft`` is None when the file could not be used."""

    path: Path
    source_kind: str  # nianbao | json | published
    draft: Draft | None = None
    status: str = ""  # review status from a .nianbao (draft/submitted/returned/approved); "" otherwise
    reason_zh: str = ""
    reason_en: str = ""
    findings: list[Finding] = field(default_factory=list)
    import_notes: int = 0  # guesses and missing items reported by the importer

    @property
    def readable(self) -> bool:
        return self.draft is not None

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def issued(self) -> dt.date | None:
        return self.draft.signature.date if self.draft is not None else None

    @property
    def late(self) -> bool:
        """Published after the 31 January deadline of the year after the report year."""
        if self.draft is None or self.issued is None:
            return False
        return self.issued > dt.date(self.draft.year + 1, 1, 31)


def load_unit(path: Path) -> LoadedUnit:
    """Read and validate one file; never raises for a bad file (nor for a defect in a reader)."""
    suffix = path.suffix.lower()
    kind = "nianbao" if suffix == ".nianbao" else "json" if suffix == ".json" else "published"
    unit = LoadedUnit(path=path, source_kind=kind)
    try:
        if kind == "nianbao":
            _read_exchange(path, unit)
        elif kind == "json":
            unit.draft = forms.load_draft_file(path)
        else:
            _read_published(path, unit)
    except AppError as exc:
        unit.reason_zh, unit.reason_en = exc.zh, exc.en
        return unit
    except Exception as exc:  # noqa: BLE001 - a reader's defect: logged, and this file's reason, never the batch's end
        # (an exception escaping a worker process could also fail to unpickle and break the whole pool)
        logging.getLogger(__name__).exception("reading %s failed", path)
        unit.reason_zh = "读取这个文件时程序出错，请把文件发给技术支持人员"
        unit.reason_en = f"internal error while reading the file: {exc!r}"[:300]
        return unit
    assert unit.draft is not None
    unit.findings = forms.validate(unit.draft, stage="submit")
    return unit


def _read_exchange(path: Path, unit: LoadedUnit) -> None:
    from storage import nianbao_file

    record = nianbao_file.decode(nianbao_file.read_bytes(path))
    unit.draft = record.draft
    unit.status = record.status


def _read_published(path: Path, unit: LoadedUnit) -> None:
    import importer

    result = importer.import_report(path)
    unit.draft = result.draft
    unit.status = "published"
    unit.import_notes = sum(1 for item in result.report.items if item.kind in ("guessed", "missing", "unplaced"))
