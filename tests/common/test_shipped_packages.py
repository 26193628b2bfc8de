"""Every application package is shipped: in the wheel (pyproject.toml) and in the Windows installer."""

from __future__ import annotations

import ast
import importlib.util
import tomllib
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
NOT_SHIPPED = {"tests", "tools", "benchmarks", "packaging", "examples", "docs"}


def _app_packages() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/__init__.py") if p.parent.name not in NOT_SHIPPED}


def test_the_wheel_includes_every_package() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {pattern.rstrip("*") for pattern in include} == _app_packages()


def test_the_installer_includes_every_package() -> None:
    tree = ast.parse((ROOT / "packaging" / "build.py").read_text(encoding="utf-8"))
    listed = next(
        ast.literal_eval(node.value) for node in tree.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "APP_PACKAGES" for t in node.targets)
    )
    assert set(listed) == _app_packages()


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("packaging_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundles_keep_every_qt_module_the_program_imports(tmp_path: Path) -> None:
    build = _build_script()
    used = build.qt_modules_used(ROOT)
    assert {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets"} <= used
    assert used <= set(build.QT_MODULES)
    # Each way of importing is seen, and an import on one line is not read together with the next.
    (tmp_path / "gui").mkdir()
    (tmp_path / "gui" / "x.py").write_text(
        "from PySide6 import QtCore\nfrom PySide6 import (QtGui,\n    QtSvg)\nimport PySide6.QtNetwork\n"
        "from PySide6.QtPdf import QPdfDocument\nname = 'PySide6.QtMultimedia'\n", encoding="utf-8")
    assert build.qt_modules_used(tmp_path) == {"QtCore", "QtGui", "QtSvg", "QtNetwork", "QtPdf", "QtMultimedia"}
