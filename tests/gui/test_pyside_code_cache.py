"""gui/pyside_code_cache.py: PySide's support modules compile once; later starts take the kept code,
and a damaged, foreign or switched-off cache changes nothing but the time."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from gui.pyside_code_cache import CACHE_FILE, _read

ROOT = Path(__file__).resolve().parents[2]

PROBE = textwrap.dedent(
    """
    import builtins, json, sys
    real = builtins.compile
    compiled = []
    def counting(source, filename, mode, *args, **kwargs):
        if str(filename).startswith("shibokensupport/"):
            compiled.append(filename)
        return real(source, filename, mode, *args, **kwargs)
    builtins.compile = counting
    import gui
    from PySide6.QtWidgets import QApplication, QWidget
    from shibokensupport.signature import get_signature
    app = QApplication([])
    try:
        QWidget().setWindowTitle(5)
    except TypeError as exc:
        error = str(exc)
    print(json.dumps({"compiled": len(compiled), "signature": str(get_signature(QWidget.setWindowTitle)),
                      "error": error}))
    """
)


def _start(cache: str, **more: str) -> dict[str, object]:
    env = {**os.environ, "NIANBAO_CACHE_DIR": cache, "QT_QPA_PLATFORM": "offscreen", **more}
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_second_start_compiles_none_of_them_and_works_the_same(tmp_path):  # type: ignore[no-untyped-def]
    first = _start(str(tmp_path))
    assert first["compiled"] >= 10 and (tmp_path / CACHE_FILE).is_file()
    kept = _read(tmp_path / CACHE_FILE)
    assert len(kept) == first["compiled"] and all(name.startswith("shibokensupport/") for name in kept)
    written = (tmp_path / CACHE_FILE).stat().st_mtime_ns
    second = _start(str(tmp_path))
    assert second["compiled"] == 0
    assert second["signature"] == first["signature"] == "(self, arg__1: str, /) -> None"
    assert second["error"] == first["error"] and "Supported signatures" in second["error"]
    assert (tmp_path / CACHE_FILE).stat().st_mtime_ns == written  # nothing new: not written again


def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(tmp_path):  # type: ignore[no-untyped-def]
    cache = tmp_path / CACHE_FILE
    cache.write_bytes(b"\x00garbage")
    assert _read(cache) == {}
    damaged = _start(str(tmp_path))
    assert damaged["compiled"] >= 10 and _read(cache)
    cache.write_bytes(marshal.dumps((b"\x00\x00\r\n", {"shibokensupport/x.py": (b"", compile("", "x", "exec"))})))
    assert _read(cache) == {}  # another interpreter's bytecode
    assert _start(str(tmp_path))["compiled"] >= 10


def test_with_caching_off_nothing_is_written(tmp_path):  # type: ignore[no-untyped-def]
    off = _start("", HOME=str(tmp_path), XDG_CACHE_HOME=str(tmp_path / "cache"), LOCALAPPDATA=str(tmp_path))
    assert off["compiled"] >= 10 and "Supported signatures" in off["error"]
    assert list(tmp_path.iterdir()) == []
