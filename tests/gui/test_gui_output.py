"""导出PDF / 导出定稿 / 打印, and the window remembering its size and splitters."""

from __future__ import annotations

from gui_helpers import open_example
from pypdf import PdfReader


def _text(path) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def test_export_pdf_and_final(make_window, sample_path, seed_path, tmp_path):
    window = make_window()
    open_example(window, seed_path)
    actions = window.wizard.steps
    draft_pdf = tmp_path / "draft.pdf"
    assert actions.export_pdf(str(draft_pdf))
    assert len(PdfReader(str(draft_pdf)).pages) >= 5
    # The seed has balance errors: 导出定稿 is refused, no file written.
    final = tmp_path / "final-seed.pdf"
    assert actions.export_final(str(final)) is False and not final.exists()
    # The clean sample exports its final copy.
    open_example(window, sample_path)
    final = tmp_path / "final.pdf"
    assert window.wizard.steps.export_final(str(final))
    assert "政府信息公开" in _text(final)


def test_print_document_paints_every_page(make_window, seed_path, tmp_path):
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from gui.wizard_actions import print_document

    window = make_window()
    open_example(window, seed_path)
    source = tmp_path / "report.pdf"
    assert window.wizard.steps.export_pdf(str(source))
    document = QPdfDocument()
    document.load(str(source))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert print_document(document, printer)
    assert len(PdfReader(str(printed)).pages) == document.pageCount()


def test_window_remembers_size_and_splitters(make_window, seed_path, qtbot):
    window = make_window()
    draft_id = open_example(window, seed_path)
    window.resize(760, 560)
    window.wizard.main_split.setSizes([230, 500])
    sizes = window.wizard.main_split.sizes()
    window.close()
    again = make_window()
    assert (again.width(), again.height()) == (760, 560)
    again.open_draft(draft_id)
    assert again.wizard.main_split.sizes() == sizes
