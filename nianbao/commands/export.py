"""``nianbao export FILE --to docx|html|xlsx|pdf -o OUT``: the report as Word, web page or spreadsheet.

One command for every output (``render`` stays the PDF command with its font and watermark
options). Exit 0 when the file was written, 2 (message in Chinese, or English with ``--lang en``,
never a traceback) when the draft cannot be read or the output cannot be written.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from nianbao.commands import fail

FORMATS = ("docx", "html", "xlsx", "pdf")  # render.exports.OUTPUT_FORMATS, without importing ReportLab to parse
NAMES = {"docx": ("Word 文档", "Word document"), "html": ("网页", "web page"), "xlsx": ("电子表格", "spreadsheet"),
         "pdf": ("PDF", "PDF")}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="导出为 Word、网页或电子表格 (export as Word, web page or spreadsheet)")
    p.add_argument("file", help="草稿文件 (draft JSON)")
    p.add_argument("--to", choices=FORMATS, help="输出格式；省略时按输出文件的扩展名 (output format; default: from -o's extension)")
    p.add_argument("-o", "--output", required=True, help="输出文件 (file to write)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言 (message language)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    en = args.lang == "en"
    fmt = args.to or Path(args.output).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        return fail("say --to docx, html, xlsx or pdf" if en else "请用 --to 指定 docx、html、xlsx 或 pdf", args.lang)
    from forms import DraftFileError, load_draft_file

    try:
        draft = load_draft_file(args.file)
    except DraftFileError as exc:
        return fail(exc, args.lang)
    from common.errors import AppError

    try:
        from render.exports import write_report

        write_report(draft, fmt, args.output)
    except AppError as exc:
        return fail(exc, args.lang, advice=True)
    except Exception as exc:
        logging.getLogger(__name__).debug("export failed", exc_info=True)
        return fail(f"{'the export failed' if en else '导出时程序出错'}（{exc!r}）", args.lang)
    zh_name, en_name = NAMES[fmt]
    print(f"Wrote the {en_name} {args.output}" if en else f"已生成{zh_name}：{args.output}")
    return 0
