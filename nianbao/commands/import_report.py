"""``nianbao import FILE -o DRAFT.json``: start a draft from a published report (PDF, web page, Word file or text).

Exit 0 on success (the import report is printed), 2 when the file cannot be imported or the
output cannot be written; the draft file is written only after a complete import.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from nianbao.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="导入已发布的年报（PDF、网页、Word 或文本）为草稿 (import a published report into a draft)")
    p.add_argument("file", help="已发布的年报：.pdf .txt .html .htm .mhtml .mht .docx (published report)")
    p.add_argument("-o", "--output", required=True, help="输出的草稿文件 (draft JSON file to write)")
    p.add_argument("--force", action="store_true", help="覆盖已有文件 (overwrite an existing file)")
    p.add_argument("--json", action="store_true", help="以 JSON 输出导入报告 (print the import report as JSON)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言 (message language)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from common.errors import AppError
    from forms import save_draft_file
    from importer import import_report

    out = Path(args.output)
    if out.exists() and not args.force:
        return fail(f"{out} exists; not overwritten (use --force)" if args.lang == "en" else f"{out} 已存在，未覆盖（如需覆盖请加 --force）", args.lang)
    try:
        result = import_report(args.file)
        save_draft_file(result.draft, out)
    except AppError as exc:
        return fail(exc, args.lang)
    if args.json:
        print(json.dumps(result.report.to_dict(), ensure_ascii=False, indent=2))
    else:
        for line in result.report.lines(args.lang):
            print(line)
        guesses, missing = len(result.report.guesses), len(result.report.of_kind("missing")) + len(result.report.of_kind("unplaced"))
        if args.lang == "en":
            print(f"Imported {result.draft.year} ({result.draft.format_id} format) into {out}: {guesses} guess(es), {missing} gap(s) to check.")
        else:
            print(f"已导入 {result.draft.year} 年度报告（{result.draft.definition.name_zh}）：{out}。推测 {guesses} 处，缺失或未放入 {missing} 处，请在向导中核对。")
    return 0
