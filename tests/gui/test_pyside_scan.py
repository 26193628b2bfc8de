"""gui/pyside_scan.py: PySide6's per-module "does it use PySide6?" check, done cheaply, gives PySide's answers."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
import sysconfig
import textwrap
import types
from pathlib import Path

import pytest

import gui  # noqa: F401  (installs the cheap check)
from gui.pyside_scan import mentions_pyside

ROOT = Path(__file__).resolve().parents[2]


def _pyside_answer(module: types.ModuleType) -> bool:
    """PySide6 6.12's own check (shibokensupport.feature._mod_uses_pyside), restated."""
    try:
        source = inspect.getsource(module)
    except (TypeError, OSError, SyntaxError):
        return False
    return "PySide6" in source


def _must_not_be_called(module: types.ModuleType) -> bool:
    raise AssertionError(f"fallback used for {module.__name__}")


@pytest.mark.parametrize("name", ["gui.wizard", "gui.pages.page_cover", "forms.definition", "common.strictjson",
                                  "gui.pyside_scan", "storage"])
def test_our_modules_get_the_same_answer_as_pysides_check(name):
    module = sys.modules.get(name) or __import__(name, fromlist=["_"])
    assert mentions_pyside(module, _must_not_be_called) == _pyside_answer(module)


def test_a_module_without_a_source_file_falls_back_to_pysides_check():
    compiled_only = types.ModuleType("made_up_module")
    compiled_only.__file__ = "/nowhere/made_up_module.cpython-311.pyc"
    asked = []
    assert mentions_pyside(compiled_only, lambda m: asked.append(m.__name__) or True) is True
    assert asked == ["made_up_module"]


def test_a_source_file_that_vanished_counts_as_not_using_pyside(tmp_path):
    gone = types.ModuleType("gone_module")
    gone.__file__ = str(tmp_path / "gone_module.py")
    assert mentions_pyside(gone, _must_not_be_called) is False


def test_no_module_of_the_standard_library_names_pyside6():
    """The cheap check answers "no" for the standard library without reading it: it must stay true."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    named = [str(path) for path in stdlib.rglob("*.py")
             if "site-packages" not in path.parts and "dist-packages" not in path.parts and b"PySide6" in path.read_bytes()]
    assert named == []


def test_after_import_gui_pyside_uses_the_cheap_check_and_reads_no_sources_into_the_line_cache():
    """In a fresh process: the check is swapped, the answers recorded for our modules are PySide's, and
    importing the wizard leaves none of its sources in linecache (PySide's check kept them all)."""
    script = textwrap.dedent(
        """
        import json, linecache, sys
        import gui
        import shibokensupport.feature as feature
        from gui.main_window import MainWindow
        from forms.definition import Table
        print(json.dumps({
            "cheap": getattr(feature._mod_uses_pyside, "_nianbao_cheap", False),
            "main_window": feature.pyside_feature_dict.get("gui.main_window"),
            "definition": feature.pyside_feature_dict.get("forms.definition"),
            "cached": [name for name in linecache.cache if "/gui/" in name.replace("\\\\", "/")],
        }))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"cheap": True, "main_window": 0, "definition": -1, "cached": []}
