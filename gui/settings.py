"""Where the UI remembers things (window size, splitters, language, who is using it).

One factory so tests and benchmarks can point QSettings at a throw-away file through
``NIANBAO_SETTINGS`` and never touch the real user profile.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QSettings

__all__ = ["SETTINGS_ENV", "app_settings"]

SETTINGS_ENV = "NIANBAO_SETTINGS"


def app_settings() -> QSettings:
    """The app's settings store: the file named by $NIANBAO_SETTINGS, else the per-user INI file."""
    path = os.environ.get(SETTINGS_ENV, "").strip()
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "nianbao", "nianbao")
