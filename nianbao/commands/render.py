"""``nianbao render FILE -o OUT.pdf [--watermark TEXT] [--fonts auto|bundled|system] [--reproducible]``.

Exit 0 when the PDF was written, 2 when the draft cannot be read or the PDF cannot be produced.
"""

from __future__ import annotations

import argparse
import logging
import sys

from nianbao.commands import fail

FONT_CHOICES = ("auto", "bundled", "system")
ROLE_ZH = {"body": "仿宋", "heading1": "黑体", "heading2": "楷体", "title": "小标宋", "folio": "页码", "fallback": "宋体"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("render", help="生成 PDF 报告 (render the report as PDF)")
    p.add_argument("file", help="草稿文件 (draft JSON)")
    p.add_argument("-o", "--output", required=True, help="输出 PDF 文件 (PDF to write)")
    p.add_argument("--watermark", help="水印文字，如“草稿”“待审核” (diagonal watermark text)")
    p.add_argument("--fonts", choices=FONT_CHOICES, default="auto",
                   help="字体：auto 优先使用系统公文字体，bundled 仅用内置字体，system 使用系统字体 (font set)")
    p.add_argument("--reproducible", action="store_true", help="固定日期和文档编号，输出逐字节一致 (byte-identical output)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from common.errors import AppError, FileIOError
    from forms import DraftFileError, load_draft_file

    try:
        draft = load_draft_file(args.file)
    except DraftFileError as exc:
        message = exc.zh if str(args.file) in exc.zh else f"无法读取草稿文件 {args.file}：{exc.zh}"
        print(f"错误：{message}", file=sys.stderr)
        return 2

    from render import render_report

    try:
        result = render_report(draft, args.output, watermark=args.watermark, fonts=args.fonts, reproducible=args.reproducible)
    except FileIOError as exc:
        print(f"错误：无法写入 PDF：{exc.zh}", file=sys.stderr)
        return 2
    except AppError as exc:  # RenderError, FontMissingError: Chinese for the clerk, the detail in the log
        logging.getLogger(__name__).debug("render failed: %s", getattr(exc, "detail", ""))
        return fail(exc)
    except Exception as exc:  # a clerk's script gets a message and exit 2, not a traceback
        logging.getLogger(__name__).debug("render failed", exc_info=True)
        print("错误：生成 PDF 时程序出错，请把草稿文件和下面一行技术信息发给技术支持人员。", file=sys.stderr)
        print(f"technical detail: {exc!r}", file=sys.stderr)
        return 2
    for role in result.substituted_fonts:
        print(f"提示：未找到系统{ROLE_ZH.get(role, role)}字体，已使用内置字体 {result.font_files[role]}", file=sys.stderr)
    if result.missing_glyphs:
        print(f"警告：以下字符没有可用字体，显示为方框：{'、'.join(result.missing_glyphs)}", file=sys.stderr)
    print(f"已生成 {args.output}（共 {result.page_count} 页）")
    return 0
