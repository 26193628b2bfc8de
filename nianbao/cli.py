"""The ``nianbao`` command: subcommands for scripts and tests, the desktop app when run bare.

Each subcommand lives in ``nianbao/commands/<name>.py`` with ``register(subparsers)``; heavy
imports (ReportLab, Qt) happen inside the command, so ``nianbao validate`` stays fast.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import io
import sys

#: The word that selects each subcommand and its module under nianbao.commands, in ``--help`` order.
#: Without one of these words (or -h), ``nianbao`` starts the desktop program.
COMMANDS = {"new": "new", "validate": "validate", "render": "render", "export": "export", "import": "import_report",
            "fill-tables": "fill_tables", "store": "store", "batch": "batch", "compare": "compare"}
HELP_WORDS = frozenset({"-h", "--help"})

EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE = 0, 1, 2


def build_parser(with_commands: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nianbao",
        description="政府信息公开工作年度报告：填写、检查、打印。不带参数运行时打开桌面程序。",
    )
    parser.add_argument("--demo", action="store_true", help="打开桌面程序并载入示例报告 (open the app on the example report)")
    parser.add_argument("--data-dir", help="草稿存放目录 (folder for drafts; default: per-user data folder)")
    parser.add_argument("--lang", choices=("zh", "en"), help="界面语言 (UI language)")
    if not with_commands:
        parser.add_argument("file", nargs="?", help="要打开的交换文件 (.nianbao) 或草稿 (.json)")
        parser.set_defaults(command=None)
        return parser
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        importlib.import_module(f"nianbao.commands.{module_name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    if argv is None:  # the program itself (not a call from a test or script): the process ends next
        code = _main(sys.argv[1:])
        gc.freeze()  # nothing is left to collect: spares the collections of interpreter shutdown (20-30 ms)
        return code
    return _main(argv)


def _main(argv: list[str]) -> int:
    _utf8_console()
    # Starting the app must not pay for importing every subcommand (start-up time is measured).
    parser = build_parser(with_commands=bool(HELP_WORDS.union(COMMANDS).intersection(argv)))
    args = parser.parse_args(argv)
    if args.command is None:
        return _start_app(args)
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _start_app(args: argparse.Namespace) -> int:
    # No cyclic garbage collection until the first page is painted (gui.app.run_app turns it back on):
    # nearly everything made during start-up lives as long as the program, so the collector's passes
    # over it find almost nothing (374 unreachable objects of 41,000 at the first paint) and cost
    # about 20 million instructions, 5 % of the start.
    gc.disable()
    try:
        from gui.app import run_app
    except ImportError as exc:
        print(f"桌面程序无法启动：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return run_app(demo=args.demo, data_dir=args.data_dir, language=args.lang, open_path=args.file)


def _utf8_console() -> None:
    """Windows consoles default to a legacy code page; Chinese messages must not crash printing."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):  # a replaced stream (a StringIO) has nothing to reconfigure
            try:
                stream.reconfigure(errors="replace")
            except ValueError:
                pass
