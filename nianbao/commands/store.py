"""``nianbao [--data-dir D] store list|add|export|import``: the draft store from scripts and tests.

Exit codes: 0 done; 1 import conflict (choose --replace or --keep-both); 2 error (message on stderr).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from nianbao.commands import fail

if TYPE_CHECKING:
    from storage import Store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("store", help="管理草稿存放位置 (list, add, export, import drafts in the store)")
    actions = p.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    ls = actions.add_parser("list", help="列出草稿 (list drafts, newest first)")
    ls.add_argument("--trash", action="store_true", help="列出回收站 (list the trash instead)")
    ls.add_argument("--json", action="store_true", help="以 JSON 输出 (JSON output)")
    add = actions.add_parser("add", help="把草稿文件存入 (store a draft JSON file as a new draft)")
    add.add_argument("file", help="草稿文件 (draft JSON, see `nianbao new`)")
    exp = actions.add_parser("export", help="导出交换文件 (export one draft to a .nianbao file)")
    exp.add_argument("id", help="草稿编号 (draft id, see `store list`)")
    exp.add_argument("file", help="输出文件 (.nianbao)")
    imp = actions.add_parser("import", help="导入交换文件或草稿 (import a .nianbao file or a draft .json)")
    imp.add_argument("file", help=".nianbao 交换文件或 .json 草稿文件")
    mode = imp.add_mutually_exclusive_group()
    mode.add_argument("--replace", action="store_true", help="已存在时替换 (replace the existing draft)")
    mode.add_argument("--keep-both", action="store_true", help="已存在时两份都保留 (keep both)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import storage  # TinyDB only when the store is used
    from common.errors import AppError

    try:
        with storage.open_store(getattr(args, "data_dir", None)) as store:
            for message in store.open_report:
                print(f"注意：{message.zh}", file=sys.stderr)
            return _dispatch(store, args)
    except storage.ImportConflict as exc:
        print(f"{exc.zh}（已有草稿编号 {exc.existing_id}；请加 --replace 或 --keep-both）", file=sys.stderr)
        return 1
    except AppError as exc:  # StorageError, and the file errors of reading or writing
        return fail(exc)


def _dispatch(store: Store, args: argparse.Namespace) -> int:
    import forms
    import storage

    if args.store_command == "list":
        items = store.list_trash() if args.trash else store.list_drafts()
        if args.json:
            print(json.dumps([{"id": d.id, "agency": d.agency, "year": d.year, "format": d.format_id, "status": d.status,
                               "updated_at": d.updated_at.isoformat(timespec="seconds")} for d in items], ensure_ascii=False, indent=2))
        else:
            for d in items:
                print(f"{d.id}  {d.year}  {storage.STATUS_ZH[d.status]}  {d.updated_at:%Y-%m-%d %H:%M}  {d.agency}")
            print(f"共 {len(items)} 份草稿。存放位置：{store.root}")
        return 0
    if args.store_command == "add":
        try:
            draft = forms.load_draft_file(args.file)
        except forms.DraftFileError as exc:
            return fail(exc)
        print(store.create(draft))
        return 0
    if args.store_command == "export":
        store.export_file(args.id, args.file)
        print(f"已导出：{args.file}")
        return 0
    on_conflict = "replace" if args.replace else "keep_both" if args.keep_both else "ask"
    draft_id = store.import_file(args.file, on_conflict=on_conflict)
    print(draft_id)
    return 0
