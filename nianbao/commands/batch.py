"""``nianbao batch check|rollup``: the collecting office's batch of units' reports.

``batch check FOLDER... [--roster R.xlsx|.csv] [--previous LAST_YEAR_FOLDER] -o checklist.xlsx|.json``
``batch rollup FOLDER... -o region.json [--agency 名称] [--year Y] [--roster R] [--own REGION.json]``

Exit 0 when every expected unit is found and no report has an error, 1 otherwise, 2 when the
command itself cannot run (unreadable roster, unwritable output). The units' files are only read.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from common.errors import AppError
from nianbao.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batch", help="汇总审核各单位的年报 (check and roll up a batch of units' reports)")
    actions = p.add_subparsers(dest="batch_action", metavar="ACTION", required=True)
    check = actions.add_parser("check", help="检查一批报告并生成清单 (check a batch, write the checklist)")
    check.add_argument("sources", nargs="+", help="文件夹或文件 (folders or files)")
    check.add_argument("--roster", help="应报单位名单 .xlsx/.csv (expected units)")
    check.add_argument("--previous", nargs="+", help="上一年度的报告文件夹或文件 (last year's batch)")
    check.add_argument("--threshold", type=float, default=0.8, help="文字重复率阈值，默认 0.8 (copied-text threshold)")
    check.add_argument("-o", "--output", required=True, help="清单 .xlsx 或 .json (checklist to write)")
    check.add_argument("--workers", type=int, help="并行进程数 (worker processes; default: all cores)")
    check.add_argument("--quiet", action="store_true", help="不显示进度 (no progress line)")
    check.set_defaults(run=run_check)
    rollup = actions.add_parser("rollup", help="把各单位的表格合计为新草稿 (sum the units' tables into a new draft)")
    rollup.add_argument("sources", nargs="+", help="文件夹或文件 (folders or files)")
    rollup.add_argument("-o", "--output", required=True, help="汇总草稿 .json (draft to write)")
    rollup.add_argument("--agency", default="全县汇总", help="汇总报告的单位名称 (agency of the roll-up draft)")
    rollup.add_argument("--year", type=int, help="报告年度，默认取各单位最多的年度 (report year)")
    rollup.add_argument("--roster", help="应报单位名单，按上下级逐级汇总 (roster: roll up along its tree)")
    rollup.add_argument("--own", help="本级已有的报告，与各单位合计核对 (the region's own report, checked against the sum)")
    rollup.add_argument("--quiet", action="store_true", help="不显示进度 (no progress line)")
    rollup.set_defaults(run=run_rollup)


def _progress(quiet: bool) -> Callable[[int, int, Path], None]:
    last = [0.0]

    def show(done: int, total: int, path: Path) -> None:
        now = time.monotonic()
        if quiet or (now - last[0] < 0.5 and done != total):
            return
        last[0] = now
        print(f"\r已读取 {done}/{total}：{path.name[:40]}\033[K", end="" if done != total else "\n", file=sys.stderr, flush=True)

    return show


def run_check(args: argparse.Namespace) -> int:
    from batch import check_batch, read_roster
    from batch.checklist import ChecklistWorkbook, unit_result_summary, write_json
    from batch.rollup import contributions_from, roll_up
    from batch.run import unit_namer

    try:
        roster = read_roster(args.roster) if args.roster else None
        # The workbook takes each file's findings while the workers check the rest.
        book = None if args.output.lower().endswith(".json") else ChecklistWorkbook(unit_namer(roster))
        result = check_batch(args.sources, roster=roster, previous=args.previous, threshold=args.threshold,
                             progress=_progress(args.quiet), workers=args.workers,
                             on_loaded=book.add_file if book is not None else None)
        drafts = result.drafts()
        rollup = roll_up(contributions_from(drafts)) if drafts else None
        if book is None:
            write_json(args.output, result, rollup)
        else:
            book.finish(args.output, result, rollup)
    except AppError as exc:
        return fail(exc)
    for unit in result.units:
        print(unit_result_summary(unit))
    counts = result.counts()
    errors = sum(u.loaded.errors for u in result.units if u.loaded and u.draft)
    print(f"共 {len(result.units)} 个单位：" + "，".join(f"{k} {v}" for k, v in sorted(counts.items())) + f"；错误 {errors} 个。已写入 {args.output}")
    clean = set(counts) <= {"found"} and errors == 0
    return 0 if clean else 1


def run_rollup(args: argparse.Namespace) -> int:
    import forms
    from batch import check_batch, read_roster
    from batch.rollup import check_against_units, contributions_from, roll_up
    from batch.tree import roll_up_tree

    try:
        roster = read_roster(args.roster) if args.roster else None
        result = check_batch(args.sources, roster=roster, progress=_progress(args.quiet))
        if roster is not None:
            tree = roll_up_tree(result, roster)
            summed = tree.top(args.agency, args.year)
            for line in tree.lines():
                print(line)
        else:
            summed = roll_up(contributions_from(result.drafts()), agency=args.agency, year=args.year)
        differences = []
        if args.own:
            own = forms.load_draft_file(args.own)
            differences = check_against_units(own, summed)
        forms.save_draft_file(summed.draft, args.output)
    except AppError as exc:
        return fail(exc)
    for gap in summed.gaps:
        if gap.blank or gap.not_converted:
            print(f"{gap.unit}：空白 {len(gap.blank)} 格" + (f"，另一格式中无法换算 {len(gap.not_converted)} 格" if gap.not_converted else ""))
    for difference in differences:
        parts = "、".join(f"{unit} {'空白' if value is None else value}" for unit, value in difference.units)
        reported = "空白" if difference.reported is None else difference.reported
        summed_value = "空白" if difference.summed is None else difference.summed
        print(f"不一致：{difference.label}：本级报告 {reported}，各单位合计 {summed_value}（{parts}）")
    print(f"已汇总 {len(summed.sources)} 个单位，写入 {args.output}")
    return 1 if differences else 0
