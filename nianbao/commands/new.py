"""``nianbao new --year Y --agency NAME -o FILE``: a blank draft in the right format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common.errors import AppError
from forms import LimitError, available_formats, new_draft, save_draft_file
from nianbao.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="新建空白草稿 (create a blank draft)")
    p.add_argument("--year", type=int, required=True, help="报告年度 (report year)")
    p.add_argument("--agency", required=True, help="机关名称 (agency name)")
    p.add_argument("--format", choices=available_formats(), help="报告格式，默认按年度自动选择 (format; default from the year)")
    p.add_argument("-o", "--output", required=True, help="输出文件 (draft JSON file to write)")
    p.add_argument("--force", action="store_true", help="覆盖已有文件 (overwrite an existing file)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.exists() and not args.force:
        print(f"错误：{out} 已存在，未覆盖（如需覆盖请加 --force）", file=sys.stderr)
        return 2
    try:
        draft = new_draft(args.agency, args.year, args.format)
    except LimitError as exc:
        print(f"错误：{exc.zh}（{exc.en}）", file=sys.stderr)
        return 2
    try:
        save_draft_file(draft, out)  # the one atomic writer; its errors name the file in Chinese
    except AppError as exc:
        return fail(exc)
    print(f"已新建 {args.year} 年度草稿（{draft.definition.name_zh}）：{out}")
    return 0
