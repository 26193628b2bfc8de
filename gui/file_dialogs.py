"""Every file dialog of the program: where it opens and what it remembers.

A dialog opens in the folder the clerk used last (remembered in the settings), else in their
Documents folder, else their home folder, so an export does not land in the program's own folder.
The dialogs are Qt's static ones: the system's own dialog where there is one (Windows), Qt's
dialog elsewhere, whose texts gui.i18n translates.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.settings import app_settings

__all__ = ["LAST_FOLDER_KEY", "choose_folder", "open_file", "remember_folder", "safe_file_name", "save_file",
           "start_folder"]

LAST_FOLDER_KEY = "files/last_folder"

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def start_folder() -> str:
    """The last folder used when it still exists, else Documents, else the home folder."""
    last = str(app_settings().value(LAST_FOLDER_KEY, "") or "")
    if last and os.path.isdir(last):
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and os.path.isdir(documents):
        return documents
    return str(Path.home())


def remember_folder(path: str) -> None:
    """Remember the folder of ``path`` (a file, or a folder itself) for the next dialog."""
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    if folder:
        settings = app_settings()
        settings.setValue(LAST_FOLDER_KEY, os.path.abspath(folder))
        settings.sync()


def safe_file_name(name: str) -> str:
    """A suggested file name without characters Windows refuses (an agency name may hold a "/")."""
    return _UNSAFE.sub("_", name).strip() or "报告"


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """Ask where to save; ``suggested`` is a file name, offered in the start folder. None when cancelled."""
    path, _filter = QFileDialog.getSaveFileName(parent, title, os.path.join(start_folder(), safe_file_name(suggested)),
                                                filters)
    if not path:
        return None
    remember_folder(path)
    return path


def open_file(parent: QWidget | None, title: str, filters: str, start: str = "") -> str | None:
    """Ask for a file to read, starting at ``start`` (a path the clerk typed) or the start folder."""
    path, _filter = QFileDialog.getOpenFileName(parent, title, start or start_folder(), filters)
    if not path:
        return None
    remember_folder(path)
    return path


def choose_folder(parent: QWidget | None, title: str, start: str = "") -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, start or start_folder())
    if not path:
        return None
    remember_folder(path)
    return path
