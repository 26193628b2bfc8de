"""Find the program's read-only files the same way from source, the PyInstaller bundle and the Windows install.

    from common.resources import resource_path
    resource_path("render", "fonts", "FandolFang-Regular.ttf")   # fonts
    resource_path("forms", "formats", "2021.json")                # format definitions
    resource_path("gui", "translations", "nianbao_en.qm")         # translations
    resource_path("icons", "nianbao.png")                         # application icon (.png / .ico)

Paths are given relative to the *package root*: the folder that holds the packages ``common``,
``nianbao``, ``forms``, ``render``, ``gui``, ``storage``, ``importer``. That folder is

* the repository root when running from a source checkout or an editable install,
* ``sys._MEIPASS`` (``<bundle>/_internal``) in the PyInstaller one-folder bundle,
* ``<install dir>\\pkgs`` in the pynsist install on Windows (``Python\\pythonw.exe`` sits beside it).

The bundles keep every package's data files at the same place relative to the package, so code that
looks next to its own module (``Path(__file__).parent / "fonts"``) keeps working there too; use this
helper for anything that is *not* inside the calling package, and for the application icon, which in
a source checkout lives in ``packaging/`` (the bundles copy it to ``<package root>/icons/``).

Writable data (drafts, backups, settings, caches, logs) never goes here: see ``common.paths``.
Only the standard library is imported, so ``nianbao validate`` stays fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

__all__ = [
    "app_icon_path",
    "install_kind",
    "package_root",
    "resource_path",
    "resource_roots",
    "windows_font_dirs",
]

#: Environment variable naming an extra folder searched first (tests, or fonts a site adds itself).
ENV_OVERRIDE = "NIANBAO_RESOURCE_DIR"

#: In a source checkout some resources live outside the package tree; the bundles put them at the key.
_SOURCE_ALIASES: dict[str, tuple[str, ...]] = {
    "icons": ("packaging",),
}


def package_root() -> Path:
    """The folder that holds the ``common`` package (and its sibling packages)."""
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        return Path(meipass)
    return Path(__file__).resolve().parent.parent


def install_kind() -> str:
    """``"pyinstaller"``, ``"pynsist"`` (Windows installer) or ``"source"`` (checkout / editable / wheel)."""
    if getattr(sys, "frozen", False) and getattr(sys, "_MEIPASS", None):
        return "pyinstaller"
    root = package_root()
    if root.name.lower() == "pkgs" and (root.parent / "Python").is_dir():
        return "pynsist"
    return "source"


def resource_roots() -> list[Path]:
    """Folders searched by :func:`resource_path`, first match wins."""
    roots: list[Path] = []
    extra = os.environ.get(ENV_OVERRIDE)
    if extra:
        roots.append(Path(extra))
    roots.append(package_root())
    if install_kind() == "pynsist":
        roots.append(package_root().parent)  # the install dir itself (nianbao.ico sits there)
    return roots


def resource_path(*parts: str | os.PathLike[str]) -> Path:
    """Absolute path of a bundled read-only file or folder, given relative to the package root.

    Returns the first existing candidate; when none exists, the candidate under the package root
    (so the caller's error message names a sensible path).
    """
    rel = Path(*parts) if parts else Path()
    if rel.is_absolute():
        return rel
    roots = resource_roots()
    for root in roots:
        candidate = root / rel
        if candidate.exists():
            return candidate
    if rel.parts and rel.parts[0] in _SOURCE_ALIASES and install_kind() == "source":
        for alias in _SOURCE_ALIASES[rel.parts[0]]:
            candidate = package_root().joinpath(alias, *rel.parts[1:])
            if candidate.exists():
                return candidate
    return package_root() / rel


def app_icon_path(ext: str = "png") -> Path:
    """The application icon: ``ext`` is ``"png"`` (256 px, for Qt windows) or ``"ico"`` (Windows)."""
    return resource_path("icons", f"nianbao.{ext}")


def windows_font_dirs() -> list[Path]:
    """Folders where Windows keeps installed fonts (for the official 仿宋_GB2312 / 方正小标宋 etc.).

    The system folder ``%WINDIR%\\Fonts`` and, since Windows 10 1809, fonts a user installed without
    administrator rights in ``%LOCALAPPDATA%\\Microsoft\\Windows\\Fonts``. Only existing folders are
    returned; on other systems the list is empty. (Font *discovery* — which file is which face — is
    render's business; this only says where to look.)
    """
    if sys.platform != "win32":
        return []
    dirs: list[Path] = []
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
    dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    return [d for d in dirs if d.is_dir()]
