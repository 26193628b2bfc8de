"""Count the files a program start opens from its install folder (a Windows virus scanner reads each one
on its first open, so fewer files is a faster first start).

    python packaging/count_opens.py [--root DIR ...] [--list] -- COMMAND ...

Runs COMMAND under ``strace -f`` with ``NIANBAO_BENCH_READY=1`` (the program prints READY at the first
paint of the wizard, then quits) and counts the distinct files opened successfully under each ``--root``
(default: this source tree and the Python installation with its site-packages) before READY was
written, by kind. Works for a Windows install under Wine too (``-- wine .../python.exe ...``: the
wineserver, which opens the files for Wine's processes, is traced as well if it is started by COMMAND,
so stop it first with ``wineserver -k``). Prints one line
``OPENS <total>`` for scripts. ``--before N`` prints the earlier figure beside it; ``--budget N`` exits 1
when more than N files were opened (the packaging tests use both). Linux only (strace).
"""

from __future__ import annotations

import argparse
import codecs
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPENED = re.compile(r'open(?:at)?\((?:AT_FDCWD|\d+), "([^"]+)", [^)]*\) = \d+')
# strace -f splits a call that another thread interrupts: "PID openat(..., "path", ... <unfinished ...>"
# and later "PID <... openat resumed>...) = FD"
UNFINISHED = re.compile(r'^(\d+) +open(?:at)?\((?:AT_FDCWD|\d+), "([^"]+)".*<unfinished \.\.\.>$')
RESUMED = re.compile(r"^(\d+) +<\.\.\. open(?:at)? resumed>.*\) += \d+")


def kind(path: str) -> str:
    name = Path(path).name.lower()
    library = ".so" in name or name.endswith((".dll", ".pyd", ".exe"))
    if "/plugins/" in path and library:
        return "Qt plugins"
    if name.endswith(".pyc"):
        return "Python bytecode"
    if name.endswith((".py", ".pyw")):
        return "Python sources"
    if library:
        return "shared libraries"
    if name.endswith((".ttf", ".otf", ".ttc")):
        return "fonts"
    if name.endswith(".qm"):
        return "translations"
    return "other files"


def _unescape(text: str) -> str:
    """strace writes bytes outside ASCII as octal escapes (a user folder named 张三): back to the path."""
    if "\\" not in text:
        return text
    return codecs.escape_decode(text.encode("ascii", "backslashreplace"))[0].decode("utf-8", "surrogateescape")


def count(command: list[str], roots: list[Path]) -> Counter[str]:
    if shutil.which("strace") is None:
        raise SystemExit("strace is not installed (apt-get install strace)")
    with tempfile.TemporaryDirectory(prefix="nianbao-opens-") as tmp:
        log = Path(tmp) / "trace.txt"
        env = dict(
            os.environ,
            NIANBAO_BENCH_READY="1",
            QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            NIANBAO_SETTINGS=str(Path(tmp) / "settings.ini"),
            NIANBAO_DATA_DIR=str(Path(tmp) / "data"),
        )
        # stdin a pipe, stdout a pipe: Wine's python.exe needs valid standard handles
        run = subprocess.run(
            ["strace", "-f", "-qq", "-s", "16", "-e", "trace=open,openat,write", "-o", str(log), *command],
            env=env,
            capture_output=True,
            input=b"",
            timeout=300,
            check=False,
        )
        seen: set[str] = set()
        later: set[str] = set()
        ready = False
        pending: dict[str, str] = {}
        for line in log.read_text(errors="replace").splitlines():
            if not ready and "write(" in line and '"READY ' in line:
                ready = True  # the first paint: what opens after it (work deferred past it) is not start-up
                continue
            match = OPENED.search(line)
            opened = match.group(1) if match else None
            unfinished = UNFINISHED.match(line)
            if unfinished:
                pending[unfinished.group(1)] = unfinished.group(2)
            resumed = RESUMED.match(line)
            if resumed and resumed.group(1) in pending:
                opened = pending.pop(resumed.group(1))
            if opened:
                path = os.path.realpath(_unescape(opened))
                if any(path == str(r) or path.startswith(str(r) + os.sep) for r in roots) and not os.path.isdir(path):
                    (later if ready else seen).add(path)
    kinds = Counter(kind(p) for p in seen)
    kinds["_files"] = 0
    kinds["_ready"] = int(ready or b"READY" in run.stdout)
    kinds["_later"] = len(later - seen)
    count.files = sorted(seen)  # type: ignore[attr-defined]
    return kinds


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[argv.index("--") + 1 :] if "--" in argv else [sys.executable, "-m", "nianbao", "--demo"]
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", action="append", default=[])
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--before", type=int, help="the count before the start-up was trimmed, printed beside the new one")
    ap.add_argument("--budget", type=int, help="exit 1 when the start-up opens more files than this")
    args = ap.parse_args(argv[: argv.index("--")] if "--" in argv else argv)
    roots = [Path(r).resolve() for r in args.root] or sorted(
        {ROOT, Path(sys.prefix).resolve(), Path(sysconfig.get_paths()["purelib"]).resolve()}
    )
    kinds = count(command, roots)
    total = sum(v for k, v in kinds.items() if not k.startswith("_"))
    if args.list:
        print("\n".join(count.files))  # type: ignore[attr-defined]
    detail = ", ".join(f"{k} {v}" for k, v in kinds.most_common() if not k.startswith("_"))
    print(f"files opened from the install folder during start-up: {total} ({detail})")
    print(f"after the first paint, until the program had quit: {kinds['_later']} more")
    if args.before is not None:
        print(f"before: {args.before}, now: {total} ({total - args.before:+d})")
    print(f"OPENS {total}")
    if kinds.get("_ready", 0) == 0:
        print("the program did not reach its first paint (no READY): the count is not a start-up")
        return 1
    if total == 0:
        print("no file was counted under the given --root: wrong folder?")
        return 1
    if args.budget is not None:
        verdict = "within" if total <= args.budget else "ABOVE"
        print(f"budget {args.budget}: {verdict}")
        return 0 if total <= args.budget else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
