"""Import a published report (PDF or text) into a draft, with a report of what was guessed.

Public API for the GUI and the command line::

    result = import_report(path)      # or import_text(text)
    result.draft                      # forms.Draft
    result.report                     # ImportReport: found / guessed / missing / unplaced per section

Failures raise ReportImportError (``.zh`` / ``.en``); nothing is half-imported.
"""

from __future__ import annotations

from pathlib import Path

from importer.assemble import ImportResult, import_extracted_text
from importer.errors import ReportImportError
from importer.report import ImportReport, ReportItem

__all__ = ["ImportReport", "ImportResult", "ReportImportError", "ReportItem", "import_report", "import_text"]


def import_text(text: str) -> ImportResult:
    """Import report text (as copied from a PDF or a web page)."""
    if not isinstance(text, str):
        raise ReportImportError("导入内容应为文字", "the text to import must be a string")
    return _guarded(text, ImportReport(source_kind="text"))


def import_report(path: Path | str) -> ImportResult:
    """Import a ``.pdf`` (its text layer) or a text file (UTF-8, UTF-16 or GB18030)."""
    from importer.source import read_source

    source = read_source(path)
    report = ImportReport(source_kind=source.kind, encoding=source.encoding)
    if source.encoding and source.encoding.startswith("gb"):
        report.add("cover", "note", "文件为 GB18030/GBK 编码，已正确转换", "the file is GB18030/GBK encoded and was decoded as such")
    return _guarded(source.text, report)


def _guarded(text: str, report: ImportReport) -> ImportResult:
    try:
        return import_extracted_text(text, report)
    except ReportImportError:
        raise
    except RecursionError:
        raise ReportImportError("文件结构过于复杂，无法导入", "the text is too deeply structured to import") from None
