"""Kill test: a child saving in a loop is SIGKILLed at random moments >= 100 times; after each
kill the store opens cleanly and holds at least the last save the child reported as done."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

CRASH = Path(__file__).resolve().parents[2] / "benchmarks" / "crash.py"


def _harness():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("nianbao_crash_harness", CRASH)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules[spec.name] = module  # type: ignore[union-attr]  # dataclasses look their module up
    saved = list(sys.path)
    try:
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    finally:
        sys.path[:] = saved
    return module


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")
def test_sigkill_during_saves_loses_nothing_acknowledged(tmp_path: Path) -> None:
    result = _harness().run_kills(120, tmp_path / "杀进程 测试", seed=20240301)
    assert result.kills == 120
    assert result.problems == []
    assert (result.corrupt, result.lost, result.child_failures) == (0, 0, 0)
    assert result.max_acknowledged >= 120  # the children really were saving when killed
