"""``nianbao validate FILE [--json]``: exit 0 no errors, 1 errors, 2 file unreadable or invalid."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from forms import Finding


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="检查草稿 (check a draft)")
    p.add_argument("file", help="草稿文件 (draft JSON)")
    p.add_argument("--json", action="store_true", help="以 JSON 列表输出检查结果 (findings as JSON)")
    p.add_argument("--previous", help="上一年度草稿，用于跨年核对 (last year's draft for cross-year checks)")
    p.add_argument("--submit", action="store_true", help="按提交审核的标准检查 (check as for submission: missing texts are errors)")
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="消息语言 (message language)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from forms import DraftFileError, has_errors, load_draft_file, validate  # the rules: only when checking

    try:
        draft = load_draft_file(args.file)
        previous = load_draft_file(args.previous) if args.previous else None
    except DraftFileError as exc:
        message = exc.en if args.lang == "en" else exc.zh
        if args.json:
            print(json.dumps({"error": message, "field": exc.where}, ensure_ascii=False))
        print(f"{'error' if args.lang == 'en' else '错误'}：{message}", file=sys.stderr)
        return 2
    findings = validate(draft, previous=previous, stage="submit" if args.submit else "draft")
    if args.json:
        print(json.dumps([f.to_dict(args.lang) for f in findings], ensure_ascii=False, indent=2))
    else:
        _print_report(findings, args.lang, draft.definition.name_zh if args.lang == "zh" else draft.definition.name_en)
    return 1 if has_errors(findings) else 0


def _print_report(findings: Sequence[Finding], lang: str, format_name: str) -> None:
    errors = [f for f in findings if f.is_error]
    warnings = [f for f in findings if not f.is_error]
    label = {"error": "错误" if lang == "zh" else "error", "warning": "警告" if lang == "zh" else "warning"}
    for finding in errors + warnings:
        print(f"[{label[finding.severity]}] {finding.code}: {finding.message(lang)}")
    if lang == "zh":
        print(f"格式：{format_name}。共 {len(errors)} 个错误，{len(warnings)} 个警告。")
    else:
        print(f"Format: {format_name}. {len(errors)} error(s), {len(warnings)} warning(s).")
