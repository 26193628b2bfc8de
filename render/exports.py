"""Every output format behind one call: ``nianbao export`` and the GUI's 导出为 both write through here."""

from __future__ import annotations

from forms.draft import Draft

#: the formats ``write_report`` knows, by file extension
OUTPUT_FORMATS = ("docx", "html", "xlsx", "pdf")


def write_report(draft: Draft, fmt: str, output: str) -> None:
    """Write ``draft`` as ``fmt`` to ``output`` (atomically; AppError when it cannot be written)."""
    if fmt == "docx":
        from render.word import write_docx

        write_docx(draft, output)
    elif fmt == "html":
        from render.web import write_html

        write_html(draft, output)
    elif fmt == "xlsx":
        from render.sheet import write_sheet

        write_sheet(draft, output)
    elif fmt == "pdf":
        from render.document import render_report

        render_report(draft, output)
    else:
        raise ValueError(fmt)
