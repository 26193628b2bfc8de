"""Windows start-up for the installed program (copied into ``<install dir>\\pkgs`` by packaging/build.py).

The Start-menu / desktop shortcuts and the ``.nianbao`` file association run
``Python\\pythonw.exe nianbao.launch.pyw [FILE]`` (no console window); pynsist's launcher script
puts ``pkgs`` on sys.path, sends stdout/stderr to ``%APPDATA%\\nianbao.launch.pyw.log`` and calls
:func:`gui`. The console command ``nianbao`` (``<install dir>\\bin\\nianbao.exe``) calls
``nianbao.cli:main`` directly.
"""

from __future__ import annotations

import _imp
import importlib.util
import inspect
import os
import sys
import traceback
import types
import zipimport
from importlib.machinery import ModuleSpec

APP_USER_MODEL_ID = "nianbao.desktop"  # groups the taskbar button under our icon instead of pythonw's
OPEN_FILE_PARAMS = ("open_path", "path", "file", "filename")
MODULE_ARCHIVE = "nianbao-modules.zip"  # written by packaging/build.py next to this file


class _ArchiveLoader:
    """Runs a module's bytecode from the archive as if it had been read from its loose file.

    ``__file__``, the code's file names and tracebacks name the loose ``.py`` (which stays installed), so
    code that finds its data next to itself (``Path(__file__).parent / "formats"``) works unchanged."""

    def __init__(self, importer: zipimport.zipimporter, path: str) -> None:
        self._importer = importer
        self.path = path

    def create_module(self, spec: ModuleSpec) -> None:
        return None

    def exec_module(self, module: types.ModuleType) -> None:
        exec(self.get_code(module.__name__), module.__dict__)

    def get_code(self, fullname: str) -> types.CodeType:
        code = self._importer.get_code(fullname)
        _imp._fix_co_filename(code, self.path)
        return code

    def is_package(self, fullname: str) -> bool:
        return self._importer.is_package(fullname)

    def get_source(self, fullname: str) -> str | None:
        try:
            with open(self.path, "rb") as f:
                return importlib.util.decode_source(f.read())
        except OSError:
            return None

    def get_resource_reader(self, fullname: str) -> object:
        from importlib.readers import FileReader

        return FileReader(self)  # the package's loose folder


class _ArchiveFinder:
    """Finds the modules of the top-level names the archive holds; everything else (.pyd, stdlib) as usual."""

    def __init__(self, archive: str, pkgs: str) -> None:
        self._archive = archive
        self._pkgs = pkgs
        self._importers = {"": zipimport.zipimporter(archive)}
        files = self._importers[""]._files  # type: ignore[attr-defined]
        self.tops = {name.replace("\\", "/").split("/")[0].removesuffix(".pyc") for name in files}

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        parts = fullname.split(".")
        if parts[0] not in self.tops:
            return None
        prefix = os.sep.join(parts[:-1])
        importer = self._importers.get(prefix)
        if importer is None:
            importer = self._importers[prefix] = zipimport.zipimporter(os.path.join(self._archive, prefix) + os.sep)
        try:
            is_package = importer.is_package(fullname)
        except zipimport.ZipImportError:
            return None  # a binary module or data: the normal finders look in the package's loose folder
        where = os.path.join(self._pkgs, *parts)
        origin = os.path.join(where, "__init__.py") if is_package else where + ".py"
        spec = ModuleSpec(fullname, _ArchiveLoader(importer, origin), origin=origin, is_package=is_package)
        spec.has_location = True
        if is_package:
            spec.submodule_search_locations = [where]
        return spec


def _use_module_archive() -> None:
    """Import the program's pure-Python modules from one archive: fewer files opened (and virus-scanned) at start."""
    pkgs = os.path.dirname(os.path.abspath(__file__))
    archive = os.path.join(pkgs, MODULE_ARCHIVE)
    if not os.path.isfile(archive) or any(isinstance(f, _ArchiveFinder) for f in sys.meta_path):
        return
    try:
        finder = _ArchiveFinder(archive, pkgs)
    except (OSError, zipimport.ZipImportError, AttributeError):
        return  # unreadable archive: the loose files serve
    if not finder.tops & set(sys.modules):
        sys.meta_path.insert(0, finder)


def _windows_setup() -> None:
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
    except (AttributeError, OSError):
        pass
    # High DPI: Qt 6 itself declares per-monitor-v2 DPI awareness at start-up and scales with the
    # Windows setting (125 %, 150 % ...); gui.app.create_app keeps fractional factors unrounded.


def _message_box(text: str) -> None:
    if sys.platform == "win32":
        import ctypes

        try:
            ctypes.windll.user32.MessageBoxW(None, text, "政府信息公开年报", 0x10)
            return
        except (AttributeError, OSError):
            pass
    print(text, file=sys.stderr)


def _log_path() -> str:
    """Where pynsist's launcher sends the GUI's stdout/stderr."""
    return os.path.join(os.environ.get("APPDATA") or os.path.expanduser("~"), "nianbao.launch.pyw.log")


def _open_file(argv: list[str]) -> int | None:
    """Double-clicked ``.nianbao`` file: start the app on it if the app's run_app accepts a path."""
    path = argv[0]
    from gui.app import run_app  # type: ignore[import-not-found]

    params = inspect.signature(run_app).parameters
    for name in OPEN_FILE_PARAMS:
        if name in params:
            return int(run_app(**{name: path}) or 0)
    print(f"note: gui.app.run_app has no parameter for a file to open; starting without {path!r}", file=sys.stderr)
    return int(run_app() or 0)


def gui() -> None:
    _use_module_archive()
    _windows_setup()
    argv = sys.argv[1:]
    try:
        if argv and not argv[0].startswith("-") and os.path.isfile(argv[0]):
            code = _open_file(argv)
        else:
            from nianbao.cli import main

            code = main(argv)
            if code and not argv:
                _message_box(f"程序未能启动 (exit code {code})。\n\n详细信息见 {_log_path()}")
    except SystemExit:
        raise
    except BaseException:
        tail = traceback.format_exc().strip().splitlines()[-6:]
        _message_box("程序启动失败 (the program could not start)：\n\n" + "\n".join(tail) + f"\n\n详细信息见 {_log_path()}")
        raise
    sys.exit(code)


if __name__ == "__main__":
    gui()
