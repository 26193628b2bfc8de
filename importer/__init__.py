"""Import a published report (PDF, web page, Word file or text) into a draft, with a report of what was guessed.

Public API for the GUI and the command line::

    result = import_report(path)      # or import_text(text)
    result.draft                      # forms.Draft
    result.report                     # ImportReport: found / guessed / missing / unplaced per section

Failures raise ReportImportError (``.zh`` / ``.en``); nothing is half-imported.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from importer.assemble import ImportResult, import_document
from importer.document import Document
from importer.errors import ReportImportError
from importer.report import ImportReport, ReportItem

__all__ = ["ImportReport", "ImportResult", "ReportImportError", "ReportItem", "import_report", "import_text"]


def import_text(text: str) -> ImportResult:
    """Import report text (as copied from a PDF or a web page)."""
    if not isinstance(text, str):
        raise ReportImportError("导入内容应为文字", "the text to import must be a string")
    from importer.source import text_document

    return _guarded(lambda: text_document(text))


def import_report(path: Path | str) -> ImportResult:
    """Import a ``.pdf``, ``.docx``, ``.html``/``.htm``, ``.mhtml``/``.mht`` or text file (UTF-8, UTF-16 or GB18030)."""
    from importer.source import read_document

    return _guarded(lambda: read_document(path))


def _guarded(read: Callable[[], Document]) -> ImportResult:
    try:
        document = read()
        report = ImportReport(source_kind=document.kind, encoding=document.encoding)
        for zh, en in document.notes:
            report.add("cover", "note", zh, en)
        return import_document(document, report)
    except ReportImportError:
        raise
    except RecursionError:
        raise ReportImportError("文件结构过于复杂，无法导入", "the file is too deeply structured to import") from None
    except MemoryError:
        raise ReportImportError("文件过大，内存不足，无法导入", "the file is too large to import (out of memory)") from None
