"""Check a batch of units' reports: read every file (in parallel), match them to the roster, and
say per unit whether it is found, missing, duplicate or unreadable, with its findings.

Reading runs in worker processes (the importer and validator are pure Python, so threads would not
use the second core); ``progress`` is called in the caller's thread after each file, ``cancel`` is
polled between files. A file that cannot be read is a row with its reason; nothing stops the batch,
and the units' files are only ever read.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from batch.compare import compare_drafts
from batch.names import normal_name
from batch.roster import Roster, RosterUnit
from batch.similarity import DEFAULT_THRESHOLD
from batch.units import REPORT_SUFFIXES, LoadedUnit, load_unit
from forms import Draft, Finding

Progress = Callable[[int, int, Path], None]  # (done, total, file just finished or still being read)
Cancel = Callable[[], bool]

#: Files per task sent to a worker: large enough that process overhead is small, small enough
#: that progress moves at least once a second for slow (PDF) files.
_CHUNK_DRAFTS = 64
_CHUNK_PUBLISHED = 1
#: Longest silence of the progress callback while files are being read (seconds).
HEARTBEAT_S = 0.8


@dataclass
class UnitResult:
    """One row of the checklist."""

    unit: str  # the roster's name, else the agency in the file, else the file name
    state: str  # found | missing | duplicate | unreadable | not_in_roster | roster_problem
    reason_zh: str = ""
    reason_en: str = ""
    loaded: LoadedUnit | None = None
    roster: RosterUnit | None = None
    copied_share: float | None = None  # highest share of copied text in a section (with last year's batch)
    flagged_sections: list[str] = field(default_factory=list)
    cross_year: list[Finding] = field(default_factory=list)
    previous: Draft | None = None  # the unit's report of last year, when last year's batch was given

    @property
    def path(self) -> Path | None:
        return self.loaded.path if self.loaded else None

    @property
    def draft(self) -> Draft | None:
        return self.loaded.draft if self.loaded else None

    @property
    def findings(self) -> list[Finding]:
        return (self.loaded.findings if self.loaded else []) + self.cross_year

    @property
    def usable(self) -> bool:
        """Counts in the roll-up: read, and the only file of its unit."""
        return self.state in ("found", "not_in_roster") and self.draft is not None


@dataclass
class BatchResult:
    units: list[UnitResult] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)  # files in the folder that are not reports
    cancelled: bool = False

    def drafts(self) -> list[tuple[str, Draft]]:
        """(unit, draft) of every usable unit, for the roll-up."""
        return [(u.unit, u.draft) for u in self.units if u.usable and u.draft is not None]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for unit in self.units:
            out[unit.state] = out.get(unit.state, 0) + 1
        return out


def report_files(sources: Iterable[Path | str]) -> tuple[list[Path], list[Path]]:
    """Files to read from folders (searched recursively) and single files; and files that were skipped."""
    files: list[Path] = []
    skipped: list[Path] = []
    for source in sources:
        path = Path(source)
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for candidate in candidates:
            (files if candidate.suffix.lower() in REPORT_SUFFIXES else skipped).append(candidate)
    return files, skipped


def load_all(files: list[Path], *, progress: Progress | None = None, cancel: Cancel | None = None,
             workers: int | None = None, on_loaded: Callable[[LoadedUnit], None] | None = None) -> tuple[list[LoadedUnit], bool]:
    """Read and validate every file; returns the units (in file order) and whether it was cancelled.

    ``on_loaded`` is called in this thread with each unit as it arrives (the checklist writes its rows
    then, while the workers go on checking)."""
    workers = workers or os.cpu_count() or 1
    loaded: dict[Path, LoadedUnit] = {}
    if workers <= 1 or len(files) <= 2:
        for number, path in enumerate(files, start=1):
            if cancel is not None and cancel():
                return [loaded[p] for p in files if p in loaded], True
            loaded[path] = load_unit(path)
            if on_loaded is not None:
                on_loaded(loaded[path])
            if progress is not None:
                progress(number, len(files), path)
        return [loaded[p] for p in files], False
    cancelled = False
    with ProcessPoolExecutor(max_workers=workers) as pool:
        in_flight: dict[Future[list[LoadedUnit]], list[Path]] = {pool.submit(_load_chunk, chunk): chunk for chunk in _chunks(files)}
        last_report = time.monotonic()
        while in_flight:
            done, _pending = wait(in_flight, timeout=HEARTBEAT_S / 2, return_when=FIRST_COMPLETED)
            for future in done:
                in_flight.pop(future)
                for unit in future.result():
                    loaded[unit.path] = unit
                    if on_loaded is not None:
                        on_loaded(unit)
                    if progress is not None:
                        progress(len(loaded), len(files), unit.path)
                        last_report = time.monotonic()
            if progress is not None and in_flight and time.monotonic() - last_report >= HEARTBEAT_S:
                progress(len(loaded), len(files), next(iter(in_flight.values()))[0])  # still reading this one
                last_report = time.monotonic()
            if cancel is not None and cancel():
                cancelled = True
                pool.shutdown(wait=True, cancel_futures=True)
                break
    return [loaded[p] for p in files if p in loaded], cancelled


def _chunks(files: list[Path]) -> Iterator[list[Path]]:
    drafts = [p for p in files if p.suffix.lower() in (".json", ".nianbao")]
    published = [p for p in files if p.suffix.lower() not in (".json", ".nianbao")]
    for start in range(0, len(published), _CHUNK_PUBLISHED):
        yield published[start:start + _CHUNK_PUBLISHED]
    for start in range(0, len(drafts), _CHUNK_DRAFTS):
        yield drafts[start:start + _CHUNK_DRAFTS]


def _load_chunk(paths: list[Path]) -> list[LoadedUnit]:
    return [load_unit(p) for p in paths]


def check_batch(sources: Iterable[Path | str], *, roster: Roster | None = None,
                previous: Iterable[Path | str] | None = None, threshold: float = DEFAULT_THRESHOLD,
                progress: Progress | None = None, cancel: Cancel | None = None, workers: int | None = None,
                on_loaded: Callable[[LoadedUnit], None] | None = None) -> BatchResult:
    """Check every report found in ``sources`` (folders or files) against ``roster``.

    ``previous``: last year's batch (folders or files); each unit is compared with its own report of
    last year (carry-over and running totals, copied text). ``on_loaded``: see ``load_all``.
    """
    files, skipped = report_files(sources)
    loaded, cancelled = load_all(files, progress=progress, cancel=cancel, workers=workers, on_loaded=on_loaded)
    result = BatchResult(skipped=skipped, cancelled=cancelled)
    result.units = _match(loaded, roster)
    if previous is not None and not cancelled:
        last_files, _ = report_files(previous)
        last_loaded, _ = load_all(last_files, workers=workers)
        _compare_years(result, last_loaded, threshold)
    return result


def _unit_name(unit: LoadedUnit) -> str:
    if unit.draft is not None and unit.draft.agency.strip():
        return unit.draft.agency.strip()
    return unit.path.stem


def unit_namer(roster: Roster | None) -> Callable[[LoadedUnit], str]:
    """Names a file's unit as the result will: the roster's spelling where it matches, else the agency
    in the file, else the file name (an unreadable file)."""
    known = roster.by_key() if roster is not None else {}

    def name(unit: LoadedUnit) -> str:
        if unit.draft is None:
            return unit.path.name
        member = known.get(normal_name(_unit_name(unit)))
        return member.name if member else _unit_name(unit)

    return name


def _match(loaded: list[LoadedUnit], roster: Roster | None) -> list[UnitResult]:
    by_name: dict[str, list[LoadedUnit]] = {}
    unreadable: list[UnitResult] = []
    for unit in loaded:
        if unit.draft is None:
            unreadable.append(UnitResult(unit.path.name, "unreadable", unit.reason_zh, unit.reason_en, loaded=unit))
            continue
        by_name.setdefault(normal_name(_unit_name(unit)), []).append(unit)
    rows: list[UnitResult] = []
    expected = roster.by_key() if roster is not None else {}
    for key, units in by_name.items():
        member = expected.get(key)
        name = member.name if member else _unit_name(units[0])
        if len(units) > 1:
            files = "、".join(u.path.name for u in units)
            for unit in units:
                rows.append(UnitResult(name, "duplicate", f"同一单位有 {len(units)} 份报告：{files}",
                                       f"{len(units)} reports for one unit: {files}", loaded=unit, roster=member))
        elif roster is not None and member is None:
            rows.append(UnitResult(name, "not_in_roster", "单位不在名单中", "unit not in the roster", loaded=units[0]))
        else:
            rows.append(UnitResult(name, "found", loaded=units[0], roster=member))
    if roster is not None:
        for key, member in expected.items():
            if key not in by_name:
                rows.append(UnitResult(member.name, "missing", "未收到报告", "no report received", roster=member))
        for problem in roster.problems:
            rows.append(UnitResult(problem.name, "roster_problem", f"名单第 {problem.row} 行：{problem.zh}",
                                   f"roster row {problem.row}: {problem.en}"))
    return rows + unreadable


def _compare_years(result: BatchResult, last_loaded: list[LoadedUnit], threshold: float) -> None:
    last_by_name: dict[str, Draft] = {}
    for unit in last_loaded:
        if unit.draft is not None:
            last_by_name.setdefault(normal_name(_unit_name(unit)), unit.draft)
    for row in result.units:
        draft = row.draft
        if draft is None:
            continue
        last = last_by_name.get(normal_name(row.unit)) or last_by_name.get(normal_name(draft.agency))
        if last is None:
            continue
        comparison = compare_drafts(last, draft, threshold)
        row.previous = last
        row.copied_share = comparison.max_copied_share
        row.flagged_sections = [t.title for t in comparison.flagged_texts]
        row.cross_year = comparison.cross_year
