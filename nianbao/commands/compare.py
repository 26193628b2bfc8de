"""``nianbao compare LAST THIS [-o compare.pdf]``: one unit's report beside last year's.

Prints the changed cells, the cross-year findings and each section's share of text copied from last
year; with ``-o`` also writes the comparison PDF. Either file may be a draft .json, a .nianbao or a
published report. Exit 0 when nothing is flagged, 1 when a cross-year finding or a copied section is
reported, 2 when a file cannot be read or the PDF cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from common.errors import AppError
from nianbao.commands import fail


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("compare", help="与上一年度报告对比 (compare a report with last year's)")
    p.add_argument("last", help="上一年度的报告 (last year's report)")
    p.add_argument("this", help="本年度的报告 (this year's report)")
    p.add_argument("-o", "--output", help="对比 PDF (comparison PDF to write)")
    p.add_argument("--threshold", type=float, default=0.8, help="文字重复率阈值，默认 0.8 (copied-text threshold)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from batch.compare import compare_drafts, comparison_sheet
    from batch.units import load_unit

    drafts = []
    for name in (args.last, args.this):
        unit = load_unit(Path(name))
        if unit.draft is None:
            print(f"错误：无法读取 {name}：{unit.reason_zh}", file=sys.stderr)
            return 2
        drafts.append(unit.draft)
    comparison = compare_drafts(drafts[0], drafts[1], args.threshold)
    for cell in comparison.cells:
        if cell.changed:
            change = "" if cell.change is None else f"（{'+' if cell.change > 0 else ''}{cell.change}）"
            last = "空白" if cell.last is None else cell.last
            this = "空白" if cell.this is None else cell.this
            print(f"{cell.label}：{last} → {this}{change}")
    for finding in comparison.cross_year:
        print(f"[{'错误' if finding.is_error else '警告'}] {finding.code}: {finding.zh}")
    for text in comparison.texts:
        flag = "  ← 超过阈值" if text.flagged else ""
        print(f"{text.title}：与上年相同 {text.similarity.share:.0%}{flag}")
    if args.output:
        from render.comparison import render_comparison

        try:
            pages = render_comparison(comparison_sheet(comparison), args.output)
        except AppError as exc:
            return fail(exc)
        print(f"已生成 {args.output}（共 {pages} 页）")
    return 1 if comparison.cross_year or comparison.flagged_texts else 0
