"""Where the UI remembers things (window size, splitters, language, who is using it).

One factory so tests and benchmarks can point QSettings at a throw-away file through
``NIANBAO_SETTINGS`` and never touch the real user profile.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from common.paths import SETTINGS_ENV, settings_file

__all__ = ["SETTINGS_ENV", "app_settings"]


def app_settings() -> QSettings:
    """The app's settings store: the file named by $NIANBAO_SETTINGS, else the per-user INI file."""
    path = settings_file()
    if path is not None:
        return QSettings(str(path), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "nianbao", "nianbao")
