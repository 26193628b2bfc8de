"""Every visible string goes through gui.i18n._ and has an English translation."""

from __future__ import annotations

import ast
from pathlib import Path

import gui
from gui.i18n import _, set_language
from gui.i18n_en import EN

GUI = Path(gui.__file__).parent


def _source_strings() -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(GUI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, path.name)
    return found


def test_every_wizard_string_has_english() -> None:
    mine = {s: f for s, f in _source_strings().items() if not f.startswith(("table_", "grid_"))}
    missing = sorted(f"{f}: {s}" for s, f in mine.items() if s not in EN)
    assert not missing, "\n".join(missing)


def test_placeholders_survive_translation() -> None:
    set_language("en")
    try:
        assert _("第 {i} 步，共 {n} 步", i=2, n=12) == "Step 2 of 12"
        assert _("未知的中文") == "未知的中文"  # untranslated text falls back to Chinese
    finally:
        set_language("zh")
    assert _("第 {i} 步，共 {n} 步", i=2, n=12) == "第 2 步，共 12 步"
