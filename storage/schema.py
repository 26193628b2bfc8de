"""Store schema version and migrations.

``MIGRATIONS[v]`` upgrades a store folder from version v to v+1. Before the first migration the whole
store is copied to ``migration-backup-v<old>-<time>/`` so a failed or wrong migration loses nothing.
A store written by a newer program is never migrated or written: it opens read-only.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Callable

__all__ = ["SCHEMA_VERSION", "MIGRATIONS", "backup_for_migration"]

#: Version written by this program. 1: index.json + one TinyDB file per draft (docs/storage.md).
SCHEMA_VERSION = 1

#: from-version -> function(store folder) that upgrades it by one version, in place.
MIGRATIONS: dict[int, Callable[[Path], None]] = {}


def backup_for_migration(root: Path, version: int) -> Path:
    """Copy everything except older backups and the lock, so migration can be undone by hand."""
    target = root / f"migration-backup-v{version}-{dt.datetime.now().strftime('%Y%m%dT%H%M%S')}"
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("migration-backup-*", "store.lock", "*.tmp"))
    return target
