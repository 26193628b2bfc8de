"""Read a PDF's text layer with positions: one Paragraph per printed line, its pieces with x extents.

pypdf's visitor reports every text run with its matrix; runs on one baseline form a line, runs that
touch form a piece (a word, a cell's text). Table columns are later decided from these x extents,
which is what keeps a number in its column when the cells before it were left blank.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass

from importer.document import Block, Document, Paragraph, Piece
from importer.errors import ReportImportError

MIN_TEXT_CHARS = 50  # fewer extracted CJK characters than this: the PDF has no usable text layer
MAX_PAGES = 300


@dataclass
class _Run:
    x0: float
    x1: float
    y: float  # top-down
    size: float
    text: str


def read_pdf(data: bytes) -> Document:
    from pypdf import PdfReader  # here, not at the top: only PDF imports pay for loading it
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _unlock(reader):
            raise ReportImportError(
                "PDF 文件已加密（需要密码才能打开），无法读取文字。请用 PDF 阅读器打开后复制全文，保存为 .txt 再导入",
                "the PDF is encrypted (needs a password); copy its text into a .txt file and import that instead",
            )
        pages = list(reader.pages)
        if len(pages) > MAX_PAGES:
            raise ReportImportError(f"PDF 有 {len(pages)} 页，不像一份年度报告", f"the PDF has {len(pages)} pages; too many for an annual report")
        blocks: list[Paragraph] = []
        for number, page in enumerate(pages, start=1):
            blocks += _page_lines(page, number)
    except ReportImportError:
        raise
    except RecursionError:
        raise ReportImportError("PDF 文件结构过于复杂，无法解析", "the PDF is too deeply nested to parse") from None
    except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files; all mean the same to a clerk
        raise ReportImportError(
            f"PDF 文件已损坏或无法解析（{type(exc).__name__}），请重新下载或导入文本文件",
            f"the PDF is damaged or cannot be parsed ({type(exc).__name__}); download it again or import text",
        ) from None
    cjk = sum(1 for block in blocks for ch in block.text if "\u4e00" <= ch <= "\u9fff")
    if cjk < MIN_TEXT_CHARS:
        raise ReportImportError(
            f"PDF 中没有可提取的文字（共 {len(pages)} 页，可能是扫描件或图片）。请找到网页版年报，复制全文保存为 .txt 再导入",
            f"the PDF has no text layer ({len(pages)} page(s); probably a scan); copy the report text from the web page instead",
        )
    return Document(list(_mark_indents(blocks)), kind="pdf", pages=len(pages))


def _page_lines(page: object, number: int) -> list[Paragraph]:
    runs: list[_Run] = []
    height = float(page.mediabox.height)  # type: ignore[attr-defined]

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if not text or not text.strip():
            return
        a, b = tm[0] * cm[0] + tm[1] * cm[2], tm[0] * cm[1] + tm[1] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (a * a + b * b) ** 0.5 or 1.0
        em = max(0.5, float(size or 1) * scale)
        for piece in text.split("\n"):
            if piece.strip():
                runs.append(_Run(x, x + _width(piece) * em, height - y, em, piece))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    rules = _vertical_rules(page, height)
    runs.sort(key=lambda r: (r.y, r.x0))
    lines: list[list[_Run]] = []
    for run in runs:
        if lines and abs(lines[-1][0].y - run.y) <= 0.3 * min(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    out = []
    for line in lines:
        pieces = _pieces(sorted(line, key=lambda r: r.x0))
        if rules:
            pieces = tuple(_in_cell(p, line[0].y, line[0].size, rules) for p in pieces)
        text = " ".join(p.text for p in pieces)
        out.append(Paragraph(text, pieces, page=number, y=line[0].y, indented=False))
    return out


def _pieces(runs: list[_Run]) -> tuple[Piece, ...]:
    """Runs that touch (or overlap) become one piece; a visible gap starts a new one."""
    pieces: list[Piece] = []
    text, x0, x1, size = runs[0].text, runs[0].x0, runs[0].x1, runs[0].size
    origin = runs[0].x0
    for run in runs[1:]:
        if abs(run.x0 - origin) < 0.01:  # pypdf reports a run that continues the last one at the same origin
            run = _Run(x1, x1 + (run.x1 - run.x0), run.y, run.size, run.text)
        else:
            origin = run.x0
        gap = run.x0 - x1
        if gap < 0.3 * size:
            joiner = " " if gap > 0.15 * size and text[-1:].isascii() and text[-1:].isalnum() and run.text[:1].isascii() else ""
            text += joiner + run.text
            x1 = max(x1, run.x1)
            continue
        pieces.append(Piece(text.strip(), x0, x1))
        text, x0, x1, size = run.text, run.x0, run.x1, run.size
    pieces.append(Piece(text.strip(), x0, x1))
    return tuple(p for p in pieces if p.text)


def _vertical_rules(page: object, height: float) -> list[tuple[float, float, float]]:
    """Vertical lines drawn on the page (table borders) as (x, top, bottom), top-down; [] if none or unreadable."""
    try:
        contents = page.get_contents()  # type: ignore[attr-defined]
        operations = contents.operations if contents is not None else []
    except Exception:  # noqa: BLE001 - a page whose drawing cannot be read simply has no known rules
        return []
    matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list[tuple[float, ...]] = []
    path: list[tuple[float, float, float, float]] = []  # segments (x0, y0, x1, y1) in page space
    rules: list[tuple[float, float, float]] = []
    start = current = (0.0, 0.0)
    for operands, operator in operations[:200_000]:
        try:
            if operator == b"q":
                stack.append(matrix)
            elif operator == b"Q":
                matrix = stack.pop() if stack else matrix  # type: ignore[assignment]
            elif operator == b"cm" and len(operands) == 6:
                a, b, c, d, e, f = (float(v) for v in operands)
                m = matrix
                matrix = (a * m[0] + b * m[2], a * m[1] + b * m[3], c * m[0] + d * m[2], c * m[1] + d * m[3],
                          e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5])
            elif operator == b"m" and len(operands) == 2:
                start = current = _apply(matrix, float(operands[0]), float(operands[1]))
            elif operator == b"l" and len(operands) == 2:
                point = _apply(matrix, float(operands[0]), float(operands[1]))
                path.append((*current, *point))
                current = point
            elif operator == b"h":
                path.append((*current, *start))
                current = start
            elif operator == b"re" and len(operands) == 4:
                x, y, w, h = (float(v) for v in operands)
                corners = [_apply(matrix, x, y), _apply(matrix, x + w, y), _apply(matrix, x + w, y + h), _apply(matrix, x, y + h)]
                path += [(*corners[i], *corners[(i + 1) % 4]) for i in range(4)]
                xs = sorted(p[0] for p in corners)
                if xs[-1] - xs[0] < 2.5:  # a thin filled bar drawn as a border
                    ys = sorted(p[1] for p in corners)
                    path.append(((xs[0] + xs[-1]) / 2, ys[0], (xs[0] + xs[-1]) / 2, ys[-1]))
            elif operator in (b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*", b"n"):
                if operator != b"n":
                    for x0, y0, x1, y1 in path:
                        if abs(x1 - x0) < 0.6 and abs(y1 - y0) > 3:
                            rules.append(((x0 + x1) / 2, height - max(y0, y1), height - min(y0, y1)))
                path = []
        except (TypeError, ValueError):
            path = []
    return rules


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


def _in_cell(piece: Piece, y: float, size: float, rules: list[tuple[float, float, float]]) -> Piece:
    """The piece with the borders of the table cell it stands in, when rules are drawn on both sides."""
    center = piece.center
    crossing = [x for x, top, bottom in rules if top - 0.5 * size <= y <= bottom + 0.5 * size]
    left = [x for x in crossing if x <= piece.x0 + 1.0]
    right = [x for x in crossing if x >= center]
    if not left or not right:
        return piece
    return Piece(piece.text, piece.x0, piece.x1, (max(left), min(right)))


def _width(text: str) -> float:
    """Advance of ``text`` in ems: CJK and full-width characters one em, others about half."""
    return sum(1.0 if ord(ch) > 0x2E80 else (0.3 if ch == " " else 0.55) for ch in text)


def _mark_indents(blocks: list[Paragraph]) -> list[Block]:
    """A line starting one to four characters right of the usual left margin carries a first-line indent."""
    starts = Counter(round(b.pieces[0].x0) for b in blocks if b.pieces and len(b.text) >= 15)
    if not starts:
        return list(blocks)
    margin = starts.most_common(1)[0][0]
    out: list[Block] = []
    for block in blocks:
        if not block.pieces:
            out.append(block)
            continue
        em = max(1.0, (block.pieces[0].x1 - block.pieces[0].x0) / max(0.5, _width(block.pieces[0].text)))
        shift = block.pieces[0].x0 - margin
        out.append(Paragraph(block.text, block.pieces, block.page, block.y, indented=0.8 * em <= shift <= 4.5 * em))
    return out


def _unlock(reader: object) -> bool:
    """Open PDFs that are encrypted only against editing (empty user password); others stay locked."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - any failure to decrypt means: locked
        return False
