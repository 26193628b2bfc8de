"""Where the store lives: --data-dir, else $NIANBAO_DATA_DIR, else the per-user local data folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "NIANBAO_DATA_DIR"
APP_NAME = "nianbao"


def default_data_dir() -> Path:
    """The per-user, per-machine folder (Windows: %LOCALAPPDATA%\\nianbao; not roaming, drafts stay on this PC)."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def resolve_data_dir(data_dir: str | os.PathLike[str] | None = None) -> Path:
    """An explicit folder wins, then the environment variable, then the default. Chinese and spaces are fine."""
    if data_dir is not None and str(data_dir) != "":
        return Path(data_dir).expanduser()
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return Path(env).expanduser()
    return default_data_dir()
