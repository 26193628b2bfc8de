"""Windows start-up for the installed program (copied into ``<install dir>\\pkgs`` by packaging/build.py).

The Start-menu / desktop shortcuts and the ``.nianbao`` file association run
``Python\\pythonw.exe nianbao.launch.pyw [FILE]`` (no console window); pynsist's launcher script
puts ``pkgs`` on sys.path, sends stdout/stderr to ``%APPDATA%\\nianbao.launch.pyw.log`` and calls
:func:`gui`. The console command ``nianbao`` (``<install dir>\\bin\\nianbao.exe``) calls
``nianbao.cli:main`` directly.
"""

from __future__ import annotations

import inspect
import os
import sys
import traceback

APP_USER_MODEL_ID = "nianbao.desktop"  # groups the taskbar button under our icon instead of pythonw's
OPEN_FILE_PARAMS = ("open_path", "path", "file", "filename")


def _windows_setup() -> None:
    if sys.platform != "win32":
        return
    import ctypes

    try:
        ctypes.windll.shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID)
    except (AttributeError, OSError):
        pass
    # High DPI: Qt 6 itself declares per-monitor-v2 DPI awareness at start-up and scales with the
    # Windows setting (125 %, 150 % ...); nothing to do here. Keep fractional factors unrounded.
    os.environ.setdefault("QT_SCALE_FACTOR_ROUNDING_POLICY", "PassThrough")


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
