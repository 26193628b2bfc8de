"""Shared test fixtures: paths of the repository and its examples, and the one fixture that keeps
every test away from the user's own folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from common import paths

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Test modules import gui when they are collected, before any fixture runs, and importing gui reads and
# writes the cache folder (gui/pyside_code_cache.py): caching is off until user_dirs points it at a
# temporary folder.
os.environ[paths.CACHE_ENV] = ""

ROOT = Path(__file__).resolve().parent.parent
SEED_EXAMPLE = ROOT / "examples" / "longgang-2020.json"
SAMPLE_2021 = ROOT / "examples" / "sample-2021.json"


@dataclass(frozen=True)
class UserDirs:
    """The temporary stand-ins for the per-user folders of ``common.paths``."""

    data: Path
    cache: Path
    logs: Path
    settings: Path


@pytest.fixture(scope="session")
def _session_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the whole run: font metrics are parsed once, not once per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def user_dirs(tmp_path: Path, _session_cache: Path, monkeypatch: pytest.MonkeyPatch) -> UserDirs:
    """Every folder the program writes (data, cache and font cache, logs, settings) in a temporary
    folder, for this process and every subprocess a test starts. The data folder's name has
    Chinese characters and a space, as a clerk's may."""
    dirs = UserDirs(data=tmp_path / "用户 数据", cache=_session_cache, logs=tmp_path / "logs", settings=tmp_path / "settings.ini")
    monkeypatch.setenv(paths.DATA_ENV, str(dirs.data))
    monkeypatch.setenv(paths.CACHE_ENV, str(dirs.cache))
    monkeypatch.setenv(paths.LOG_ENV, str(dirs.logs))
    monkeypatch.setenv(paths.SETTINGS_ENV, str(dirs.settings))
    # Qt's own settings (the file dialog's history in QtProject.conf) follow XDG_CONFIG_HOME.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    return dirs


@pytest.fixture
def seed_path() -> Path:
    return SEED_EXAMPLE


@pytest.fixture
def sample_path() -> Path:
    return SAMPLE_2021
