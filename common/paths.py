"""Every per-user folder the program writes, in one place, each with its environment override.

==========  ========================  ==========================================================
folder      override                  default
==========  ========================  ==========================================================
data        ``NIANBAO_DATA_DIR``      per-user local data folder (Windows: %LOCALAPPDATA%\\nianbao)
cache       ``NIANBAO_CACHE_DIR``     per-user cache folder; an empty value turns caching off
font cache  (inside the cache)        ``<cache>/fonts``
logs        ``NIANBAO_LOG_DIR``       per-user log folder
settings    ``NIANBAO_SETTINGS``      a file; unset means Qt's per-user INI file (``None`` here)
==========  ========================  ==========================================================

Tests point every override at a temporary folder (tests/conftest.py), so a test run never
touches the user's own folders. The defaults come from ``platformdirs``, imported only when a
default is actually needed, so importing this module costs nothing.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "APP_NAME", "CACHE_ENV", "DATA_ENV", "ENV_VARS", "LOG_ENV", "SETTINGS_ENV",
    "cache_dir", "default_data_dir", "font_cache_dir", "log_dir", "resolve_data_dir", "settings_file",
]

APP_NAME = "nianbao"
DATA_ENV = "NIANBAO_DATA_DIR"
CACHE_ENV = "NIANBAO_CACHE_DIR"
LOG_ENV = "NIANBAO_LOG_DIR"
SETTINGS_ENV = "NIANBAO_SETTINGS"
#: Every variable that moves a folder the program writes (tests set them all).
ENV_VARS = (DATA_ENV, CACHE_ENV, LOG_ENV, SETTINGS_ENV)


def _env(name: str) -> str | None:
    """The variable's value stripped; None when unset."""
    value = os.environ.get(name)
    return None if value is None else value.strip()


def default_data_dir() -> Path:
    """The per-user, per-machine folder (Windows: %LOCALAPPDATA%\\nianbao; not roaming, drafts stay on this PC)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """Where the store lives: an explicit folder (``--data-dir``), then $NIANBAO_DATA_DIR, then the default."""
    if data_dir is not None and str(data_dir) != "":
        return Path(data_dir).expanduser()
    env = _env(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def cache_dir() -> Path | None:
    """The per-user cache folder; None when $NIANBAO_CACHE_DIR is set to an empty value (caching off)."""
    env = _env(CACHE_ENV)
    if env is not None:
        return Path(env).expanduser() if env else None
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def font_cache_dir() -> Path | None:
    """Where parsed font metrics are kept; None when caching is off."""
    folder = cache_dir()
    return None if folder is None else folder / "fonts"


def log_dir() -> Path:
    """The folder of nianbao.log: $NIANBAO_LOG_DIR, else the per-user log folder."""
    env = _env(LOG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def settings_file() -> Path | None:
    """The INI file named by $NIANBAO_SETTINGS; None means the platform's per-user default (chosen by Qt)."""
    env = _env(SETTINGS_ENV)
    return Path(env).expanduser() if env else None
