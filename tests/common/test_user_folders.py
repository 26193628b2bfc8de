"""Every per-user folder comes from ``common.paths``, each with its override; tests never touch the
user's own folders (the root conftest's ``user_dirs``), which a run with an empty HOME proves."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from common import paths

ROOT = Path(__file__).resolve().parents[2]

#: Tests that write to every kind of folder: the store, the font cache (a render in a subprocess and in
#: the preview thread), QSettings and the log file.
SUBSET = [
    "tests/storage/test_storage_lock_schema.py::test_data_dir_resolution",
    "tests/storage/test_storage_cli.py",
    "tests/render/test_render_cli.py::test_render_cli_fresh_process_exit_code_and_no_traceback",
    "tests/gui/test_gui_saving.py",
    "tests/gui/test_gui_preview.py::test_preview_shows_the_report_pages",
    "tests/common/test_user_folders.py::test_the_log_file_goes_to_the_log_folder",
    "tests/gui/test_gui_file_dialogs.py",  # Qt keeps the file dialog's history in its own settings file
]


def test_every_folder_follows_its_override(user_dirs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert paths.resolve_data_dir() == user_dirs.data
    assert paths.cache_dir() == user_dirs.cache and paths.font_cache_dir() == user_dirs.cache / "fonts"
    assert paths.log_dir() == user_dirs.logs and paths.settings_file() == user_dirs.settings
    assert paths.resolve_data_dir(tmp_path / "显式") == tmp_path / "显式"  # --data-dir wins
    monkeypatch.setenv(paths.CACHE_ENV, "")
    assert paths.cache_dir() is None and paths.font_cache_dir() is None  # empty: caching off


def test_the_log_file_goes_to_the_log_folder(user_dirs) -> None:
    from gui.logging_setup import program_version, setup_logging

    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    try:
        log = setup_logging()
        logging.getLogger("nianbao").info("一行日志")
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
        root.setLevel(level)
    assert log == user_dirs.logs / "nianbao.log"
    text = log.read_text(encoding="utf-8")
    assert "一行日志" in text and f"nianbao {program_version()}" in text


def _files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.mark.timeout(600)
def test_a_test_run_with_an_empty_home_creates_nothing_outside_its_temporary_folders(tmp_path: Path) -> None:
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NIANBAO_", "XDG_"))}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
               LOCALAPPDATA=str(home / "AppData" / "Local"), TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp),
               QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly",
                          f"--basetemp={temp / 'pytest'}", *SUBSET],
                         check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=580)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert " passed" in run.stdout
    assert _files_under(home) == []
    leftovers = sorted(p.name for p in temp.iterdir() if p.name != "pytest")
    assert not [name for name in leftovers if "nianbao" in name.lower()], leftovers  # only pytest's and Qt's own
