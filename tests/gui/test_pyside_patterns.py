"""gui/pyside_patterns.py: the patterns PySide's signature support compiles at import are compiled
when first used instead, and PySide's signatures and error messages still come out the same."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gui.pyside_patterns import DeferredPattern, deferred_pyside_patterns

ROOT = Path(__file__).resolve().parents[2]
BRACES = r"\( ( [^()]* ) \)"


def test_a_deferred_pattern_compiles_on_first_use_and_answers_as_the_pattern():
    compiled: list[str] = []

    def counting(pattern, flags=0):  # type: ignore[no-untyped-def]
        compiled.append(pattern)
        return re.compile(pattern, flags)

    deferred = DeferredPattern(BRACES, re.VERBOSE, counting)
    finditer, split = deferred.finditer, deferred.split  # taken before use, as PySide's parser does
    assert compiled == []
    real = re.compile(BRACES, re.VERBOSE)
    text = "f(a, b) and g(c)"
    assert [m.group(1) for m in finditer(text)] == [m.group(1) for m in real.finditer(text)] == ["a, b", "c"]
    assert split(text) == real.split(text)
    assert deferred.sub("()", text) == real.sub("()", text)
    assert deferred.pattern == BRACES and deferred.flags == real.flags and deferred.groups == 1
    assert compiled == [BRACES]  # once


def test_only_shibokens_support_modules_get_deferred_patterns_and_only_inside():
    real = re.compile
    support = compile("pattern = re.compile('a+')", "shibokensupport/signature/x.py", "exec")
    ours = compile("pattern = re.compile('a+')", "gui/x.py", "exec")
    with deferred_pyside_patterns():
        from_support: dict[str, object] = {"re": re}
        from_ours: dict[str, object] = {"re": re}
        exec(support, from_support)
        exec(ours, from_ours)
        assert isinstance(from_support["pattern"], DeferredPattern)
        assert isinstance(from_ours["pattern"], re.Pattern)
    assert re.compile is real
    outside: dict[str, object] = {"re": re}
    exec(support, outside)
    assert isinstance(outside["pattern"], re.Pattern)


PROBE = textwrap.dedent(
    """
    import json, re, sys
    real = re._compile
    support = []
    def watch(pattern, flags):
        if sys._getframe(1).f_back and sys._getframe(2).f_code.co_filename.startswith("shibokensupport/"):
            support.append(str(pattern)[:30])
        return real(pattern, flags)
    re._compile = watch
    if sys.argv[1] == "gui":
        import gui
    else:
        import PySide6.QtCore
    at_import = list(support)
    from PySide6.QtWidgets import QApplication, QWidget
    from shibokensupport.signature import get_signature
    app = QApplication([])
    signature = str(get_signature(QWidget.setWindowTitle))
    try:
        QWidget().setWindowTitle(5)
        error = ""
    except TypeError as exc:
        error = str(exc)
    print(json.dumps({"at_import": at_import, "signature": signature, "error": error}))
    """
)


def _probe(how: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", PROBE, how], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_importing_gui_compiles_none_of_them_and_signatures_still_work():
    plain, ours = _probe("pyside"), _probe("gui")
    assert len(plain["at_import"]) >= 3  # what PySide6 alone compiles as it is imported
    assert ours["at_import"] == []
    assert ours["signature"] == plain["signature"] and "str" in ours["signature"]
    assert ours["error"] == plain["error"] and "Supported signatures" in ours["error"]
