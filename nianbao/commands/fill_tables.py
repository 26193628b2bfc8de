"""``nianbao fill-tables DRAFT.json --from TABLES.xlsx -o OUT.json``: take table values from a spreadsheet.

The spreadsheet is laid out like the one ``nianbao export --to xlsx`` writes (sheets 二, 三, 四).
Every cell taken and every cell refused is listed with its sheet!cell; the draft is written only
when the whole workbook was read. Exit 0 when written (refused cells are listed, not fatal), 2 when
the draft or the workbook cannot be read or the output cannot be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nianbao.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fill-tables", help="从电子表格填入报告表格 (fill the tables from a spreadsheet)")
    p.add_argument("file", help="草稿文件 (draft JSON)")
    p.add_argument("--from", dest="source", required=True, help="电子表格 .xlsx (spreadsheet laid out like ours)")
    p.add_argument("-o", "--output", required=True, help="输出的草稿文件 (draft JSON to write; may be the same file)")
    p.add_argument("--quiet", action="store_true", help="只列出未采用的单元格 (list refused cells only)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言 (message language)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from common.errors import AppError
    from forms import load_draft_file, save_draft_file
    from importer.spreadsheet import fill_tables

    en = args.lang == "en"
    out = Path(args.output)
    try:
        draft = load_draft_file(args.file)
        result = fill_tables(draft, args.source)
        save_draft_file(result.draft, out)
    except AppError as exc:  # DraftFileError, the workbook's errors, and the file errors of writing
        return fail(exc, args.lang)
    if not args.quiet:
        for note in result.taken:
            print(f"{'taken' if en else '采用'} {note.where}: {note.value or ('blank' if en else '空白')}")
    for note in result.refused:
        print(f"{'refused' if en else '未采用'} {note.message(args.lang)}")
    for zh, en_text in result.notes:
        print(f"note: {en_text}" if en else f"说明：{zh}")
    if en:
        print(f"{len(result.taken)} cell(s) taken ({result.filled} with a number), {len(result.refused)} refused; wrote {out}")
    else:
        print(f"采用 {len(result.taken)} 个单元格（其中 {result.filled} 个有数字），未采用 {len(result.refused)} 个；已写入 {out}")
    return 0
