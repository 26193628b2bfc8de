"""A TinyDB storage that never leaves a half-written file, plus a transaction to batch several table edits.

Stock ``JSONStorage`` overwrites its file in place (seek, write, truncate), so a kill mid-write loses
every document (msiemens/tinydb #467, #144, #89, #91). This one writes through ``atomic.atomic_write``.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb import TinyDB
from tinydb.storages import Storage

from storage.atomic import atomic_write, read_store_bytes, seal, unseal
from storage.backups import DEFAULT_POLICY, BackupPolicy, backup_before_replace

__all__ = ["AtomicJSONStorage", "open_db", "transaction"]


class AtomicJSONStorage(Storage):
    """Checksummed JSON file, replaced atomically on every write; optional rotating backups.

    ``read()`` returns None for a missing file (TinyDB's contract for an empty store) and raises
    CorruptFileError for a damaged one; recovery is the Store's job (storage.backups.recover).
    """

    def __init__(self, path: str | Path, backups: BackupPolicy | None = DEFAULT_POLICY) -> None:
        self.path = Path(path)
        self.backups = backups
        self._pending: dict[str, Any] | None = None  # inside batch(): the data as read/changed so far
        self._dirty = False
        self._in_tx = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._in_tx and self._pending is not None:
            return self._pending
        try:
            raw = read_store_bytes(self.path)
        except FileNotFoundError:
            return None
        data = unseal(raw, str(self.path))
        if self._in_tx:
            self._pending = data
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._in_tx:
            self._pending, self._dirty = data, True
        else:
            self._commit(data)

    def _commit(self, data: dict[str, Any]) -> None:
        payload = seal(data)  # refuses unserialisable values before the disk is touched
        hook = (lambda p: backup_before_replace(p, self.backups)) if self.backups else None  # type: ignore[arg-type]
        atomic_write(self.path, payload, before_replace=hook)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """The file is read once; all writes inside become one atomic replacement at the end
        (none if nothing was written or an error escapes)."""
        if self._in_tx:
            yield
            return
        self._in_tx, self._pending, self._dirty = True, None, False
        try:
            yield
            if self._dirty and self._pending is not None:
                self._commit(self._pending)
        finally:
            self._in_tx, self._pending, self._dirty = False, None, False


def open_db(path: str | Path, backups: BackupPolicy | None = DEFAULT_POLICY) -> TinyDB:
    """A TinyDB on an AtomicJSONStorage (cheap: nothing is read until a query runs)."""
    return TinyDB(path, storage=AtomicJSONStorage, backups=backups)


@contextmanager
def transaction(db: TinyDB) -> Iterator[TinyDB]:
    """``with transaction(db): db.table("a").insert(...); db.table("b").update(...)`` -> one write."""
    storage: AtomicJSONStorage = db.storage  # type: ignore[assignment]
    with storage.batch():
        try:
            yield db
        finally:
            db.clear_cache()
