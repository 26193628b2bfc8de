"""Reading the file: size limits, PDF text extraction, and text decoding (UTF-8, UTF-16, GB18030).

Everything that can go wrong with the file itself becomes a ReportImportError here, before any
parsing starts.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from common.errors import FileIOError, FileMissingError, FileTooLargeError, NotARegularFileError
from common.reading import read_file
from importer.errors import ReportImportError

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_TEXT_BYTES = 2 * 1024 * 1024
MIN_TEXT_CHARS = 50  # fewer extracted CJK characters than this: the PDF has no usable text layer


@dataclass(frozen=True)
class SourceText:
    text: str
    kind: str  # "pdf" or "text"
    encoding: str | None = None
    pages: int | None = None


def read_source(path: Path | str) -> SourceText:
    """The report's text. Only a regular file is read, and never more than the PDF cap (a pipe or a
    device such as /dev/zero is refused before reading)."""
    path = Path(path)
    try:
        data = read_file(path, max_bytes=MAX_PDF_BYTES, what="年报文件", what_en="report file")
    except FileTooLargeError as exc:
        raise _too_large(exc.size, path.suffix.lower() == ".pdf") from None
    except FileMissingError:
        raise ReportImportError(f"找不到文件 {path}", f"file not found: {path}") from None
    except NotARegularFileError as exc:
        raise ReportImportError(f"{exc.zh}。请选择年报的 PDF 或文本文件", f"{exc.en}; choose the report's PDF or text file") from None
    except FileIOError as exc:
        raise ReportImportError(exc.zh, exc.en) from None
    head = data[:8]
    is_pdf = head.startswith(b"%PDF") or (path.suffix.lower() == ".pdf" and len(data) > 1024 and b"%PDF" in data[:1024])
    if len(data) > (MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES):
        raise _too_large(len(data), is_pdf)
    if not data:
        raise ReportImportError("文件是空的", "the file is empty")
    if is_pdf:
        return pdf_text(data)
    if head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise ReportImportError(
            "这是 Word/Excel 等办公文档，请先在办公软件中另存为 PDF 或纯文本（.txt）再导入",
            "this is an office document (Word/Excel); save it as PDF or plain text first",
        )
    text, encoding = decode_text(data)
    return SourceText(text, "text", encoding)


def _too_large(size: int, is_pdf: bool) -> ReportImportError:
    limit = MAX_PDF_BYTES if is_pdf else MAX_TEXT_BYTES
    mb = size / (1024 * 1024)
    return ReportImportError(
        f"文件过大（{mb:.1f} MB），{'PDF' if is_pdf else '文本文件'}最大 {limit // (1024 * 1024)} MB。"
        "请确认选择的是年度报告本身",
        f"file too large ({mb:.1f} MB; at most {limit // (1024 * 1024)} MB for a {'PDF' if is_pdf else 'text file'})",
    )


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs first, then strict UTF-8, then GB18030 (which covers GBK and GB2312)."""
    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:4096]:
        raise ReportImportError("这不是文本文件（含有二进制内容），请选择 PDF 或 .txt 文件", "not a text file (binary content)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise ReportImportError(
            "无法识别文件的文字编码（既不是 UTF-8 也不是 GB18030/GBK），请在记事本中另存为 UTF-8 后再导入",
            "cannot tell the text encoding (neither UTF-8 nor GB18030/GBK); save it as UTF-8 and try again",
        ) from None
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk < len(text) * 0.05:
        raise ReportImportError(
            "无法识别文件的文字编码，请在记事本中另存为 UTF-8 后再导入",
            "cannot tell the text encoding; save the file as UTF-8 and try again",
        )
    return text, "gb18030"


def pdf_text(data: bytes) -> SourceText:
    """Extract the text layer of a PDF with pypdf; refuse encrypted and image-only files clearly."""
    import io

    try:
        from pypdf import PdfReader
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise ReportImportError("缺少 PDF 组件 pypdf，无法读取 PDF；请导入文本文件", "pypdf is not installed; import a text file instead") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlock(reader):
            raise ReportImportError(
                "PDF 文件已加密（需要密码才能打开），无法读取文字。请用 PDF 阅读器打开后复制全文，保存为 .txt 再导入",
                "the PDF is encrypted (needs a password); copy its text into a .txt file and import that instead",
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except ReportImportError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files; all mean the same to a clerk
        raise ReportImportError(
            "PDF 文件已损坏或无法解析，请重新下载或导入文本文件",
            f"the PDF is damaged or cannot be parsed ({type(exc).__name__}); download it again or import text",
        ) from None
    text = "\n".join(pages)
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    if cjk < MIN_TEXT_CHARS:
        raise ReportImportError(
            f"PDF 中没有可提取的文字（共 {len(pages)} 页，可能是扫描件或图片）。请找到网页版年报，复制全文保存为 .txt 再导入",
            f"the PDF has no text layer ({len(pages)} page(s); probably a scan); copy the report text from the web page instead",
        )
    return SourceText(text, "pdf", None, len(pages))


def _unlock(reader: object) -> bool:
    """Open PDFs that are encrypted only against editing (empty user password); others stay locked."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any failure to decrypt means: locked
        return False
