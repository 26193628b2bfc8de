"""List the Windows installer's payload with 7-Zip and check that everything needed is inside.

    python packaging/check_payload.py [dist/nianbao-<version>-setup.exe]

Needs ``7z`` (Debian: apt-get install p7zip-full, or 7zip). Checks: embedded CPython, Qt core, QtPdf,
the windows platform plugin, the application packages, fonts, format definitions, icon, launchers;
and that trimmed or test-only files are NOT inside (QtQuick/QML, WebEngine, opengl32sw.dll,
the Wine stub DLLs). Prints the installer size and the installed size; exit 1 on any failure.
Takes a few seconds (7-Zip reads only the headers).
"""

from __future__ import annotations

import fnmatch
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_MB = 100

REQUIRED = {
    "embedded CPython (python.exe, pythonw.exe, python3X.dll, stdlib zip)": [
        "Python/python.exe",
        "Python/pythonw.exe",
        "Python/python3*.dll",
        "Python/python3*.zip",
    ],
    "Qt core (Qt6Core/Gui/Widgets + bindings)": [
        "pkgs/PySide6/Qt6Core.dll",
        "pkgs/PySide6/Qt6Gui.dll",
        "pkgs/PySide6/Qt6Widgets.dll",
        "pkgs/PySide6/QtCore.pyd",
        "pkgs/PySide6/QtWidgets.pyd",
        "pkgs/shiboken6/*.pyd",
    ],
    "QtPdf (+ widgets)": [
        "pkgs/PySide6/Qt6Pdf.dll",
        "pkgs/PySide6/QtPdf.pyd",
        "pkgs/PySide6/Qt6PdfWidgets.dll",
        "pkgs/PySide6/QtPdfWidgets.pyd",
    ],
    "Qt windows platform plugin": ["pkgs/PySide6/plugins/platforms/qwindows.dll"],
    "Qt Chinese translations": ["pkgs/PySide6/translations/qtbase_zh_CN.qm"],
    "ReportLab, TinyDB, platformdirs, pypdf": [
        "pkgs/reportlab/__init__.py",
        "pkgs/tinydb/__init__.py",
        "pkgs/platformdirs/__init__.py",
        "pkgs/pypdf/__init__.py",
    ],
    "the application (nianbao, forms, render, gui, storage; bytecode, build.py write_module_archive)": [
        "pkgs/nianbao/cli.pyc",
        "pkgs/common/resources.pyc",
        "pkgs/forms/__init__.pyc",
        "pkgs/render/__init__.pyc",
        "pkgs/gui/__init__.pyc",
        "pkgs/storage/__init__.pyc",
    ],
    "the module archive read at start (nianbao_launch.py)": ["pkgs/nianbao-modules.zip"],
    "fonts (render/fonts/*.ttf)": ["pkgs/render/fonts/*.ttf"],
    "format definitions next to forms/ (forms/formats/*.json)": ["pkgs/forms/formats/2019.json", "pkgs/forms/formats/2021.json"],
    "application icon": ["nianbao.ico", "pkgs/icons/nianbao.png", "pkgs/icons/nianbao.ico"],
    "example report for nianbao --demo (examples/ next to the packages)": ["pkgs/examples/longgang-2020.json"],
    "GUI launcher (no console) and console command": ["nianbao.launch.pyw", "pkgs/nianbao_launch.py", "bin/nianbao.exe"],
}
FORBIDDEN = {
    "QtQuick / QML": ["pkgs/PySide6/qml/*", "pkgs/PySide6/Qt6Quick*.dll", "pkgs/PySide6/Qt6Qml*.dll"],
    "WebEngine": ["*WebEngine*"],
    "virtual keyboard": ["*VirtualKeyboard*", "*virtualkeyboard*"],
    "software OpenGL (opengl32sw.dll)": ["*opengl32sw.dll"],
    "Qt tools (designer, linguist, ...)": ["pkgs/PySide6/*.exe"],
    "Wine test stubs": ["*icuuc.dll", "*mscms.dll", "*bcryptprimitives.dll"],
    "Qt plugins the program does not use (every file of a plugin folder is opened at start)": [
        "pkgs/PySide6/plugins/platforms/qoffscreen.dll",
        "pkgs/PySide6/plugins/platforms/qminimal.dll",
        "pkgs/PySide6/plugins/imageformats/*",
    ],
}
WANTED_IF_PRESENT = {  # checked only when the source has them
    "gui/app.py (the desktop program)": ("gui/app.py", "pkgs/gui/app.pyc"),
    "nianbao/commands/render.py (render command)": ("nianbao/commands/render.py", "pkgs/nianbao/commands/render.pyc"),
}


def list_payload(installer: Path) -> tuple[dict[str, int], int]:
    seven = shutil.which("7z") or shutil.which("7zz") or shutil.which("7za")
    if not seven:
        raise SystemExit("7z not found: apt-get install p7zip-full")
    out = subprocess.run([seven, "l", "-slt", "-ba", str(installer)], capture_output=True, text=True, check=True).stdout
    files: dict[str, int] = {}
    for block in out.split("\n\n"):
        path = re.search(r"^Path = (.*)$", block, re.MULTILINE)
        size = re.search(r"^Size = (\d+)$", block, re.MULTILINE)
        if path:
            files[path.group(1).replace("\\", "/")] = int(size.group(1)) if size else 0
    return files, sum(files.values())


def main(argv: list[str]) -> int:
    if argv:
        installer = Path(argv[0])
    else:
        found = sorted((ROOT / "dist").glob("nianbao-*-setup.exe"), key=lambda p: p.stat().st_mtime)
        if not found:
            raise SystemExit("no dist/nianbao-*-setup.exe: run python packaging/build.py windows")
        installer = found[-1]
    files, installed = list_payload(installer)
    names = list(files)
    failed = 0

    def match(pattern: str) -> list[str]:
        return [n for n in names if fnmatch.fnmatchcase(n, pattern)]

    for what, patterns in REQUIRED.items():
        missing = [p for p in patterns if not match(p)]
        failed += bool(missing)
        print(f"{'ok ' if not missing else 'MISSING'} {what}" + (f": {missing}" if missing else ""))
    for what, patterns in FORBIDDEN.items():
        found = [n for p in patterns for n in match(p)]
        failed += bool(found)
        print(f"{'ok ' if not found else 'UNWANTED'} no {what}" + (f": {found[:5]}" if found else ""))
    for what, (src, inside) in WANTED_IF_PRESENT.items():
        if (ROOT / src).exists():
            ok = inside in files
            failed += not ok
            print(f"{'ok ' if ok else 'MISSING'} {what}")
        else:
            print(f"--  {what}: not in the source tree yet, not checked")
    ttf = {n: s for n, s in files.items() if n.startswith("pkgs/render/fonts/") and n.endswith(".ttf")}
    print(f"fonts: {', '.join(f'{Path(n).name} ({s / 1e6:.1f} MB)' for n, s in sorted(ttf.items()))}")
    size = installer.stat().st_size
    print(
        f"{installer.name}: {size:,} bytes = {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB); "
        f"installs {installed / 1e6:.1f} MB in {len(files)} files"
    )
    if size > MAX_MB * 1_000_000:
        print(f"TOO BIG: more than {MAX_MB} MB")
        failed += 1
    print("payload check: " + ("passed" if not failed else f"{failed} problem(s)"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
