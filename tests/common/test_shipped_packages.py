"""Every application package is shipped: in the wheel (pyproject.toml) and in the Windows installer."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

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
