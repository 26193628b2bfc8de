"""The ``nianbao`` command: subcommands for scripts and tests, the desktop app when run bare.

Each subcommand lives in ``nianbao/commands/<name>.py`` with ``register(subparsers)``; heavy
imports (ReportLab, Qt) happen inside the command, so ``nianbao validate`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

#: Subcommand modules under nianbao.commands, in the order ``--help`` lists them.
COMMANDS = ("new", "validate", "render", "export", "import_report", "fill_tables", "store")
#: The words that select a subcommand; without one of them, ``nianbao`` starts the app.
COMMAND_WORDS = frozenset({"new", "validate", "render", "export", "import", "fill-tables", "store", "-h", "--help"})

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
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"nianbao.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"nianbao.commands.{name}":
                raise
            continue  # that part of the program is not built yet
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    _utf8_console()
    # Starting the app must not pay for importing every subcommand (start-up time is measured).
    parser = build_parser(with_commands=bool(COMMAND_WORDS.intersection(argv)))
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
    try:
        from gui.app import run_app
    except ImportError as exc:
        print(f"桌面程序无法启动：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    return run_app(demo=args.demo, data_dir=args.data_dir, language=args.lang, open_path=getattr(args, "file", None))


def _utf8_console() -> None:
    """Windows consoles default to a legacy code page; Chinese messages must not crash printing."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
        except (AttributeError, ValueError):
            pass
