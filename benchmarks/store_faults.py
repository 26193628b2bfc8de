"""Fault injection: damage each file and folder of a store in turn, and check that nothing is lost.

A store with several drafts (explicit saves, a last autosave, a status change, one in the trash) and their
revisions is built once. Then, for every file in it, a copy of the store gets that file replaced by a folder,
by an empty file, and by itself with flipped bytes; every folder is replaced by a file; and each draft gets its
file and all its backups damaged at once. For each case:

- the store opens, writable (one bad entry never closes it);
- every draft that still has an intact copy anywhere (draft file, backup or revision snapshot) is listed in the
  right list and loads as the NEWEST of those copies, found here independently by reading every file;
- a second open reports nothing (the repair was written, not redone each time).

Prints the counts and exits 1 if any draft was lost, recovered to an older copy than the newest intact one,
or the store did not open. Run: python benchmarks/store_faults.py [--drafts N] [--saves N] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

# benchmarks/storage.py is named like the package: keep this folder off the path, put the project first.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [str(_HERE.parent)] + [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import forms  # noqa: E402 - project put first on sys.path above
import storage  # noqa: E402 - project put first on sys.path above
from storage.atomic import unseal  # noqa: E402 - project put first on sys.path above

CELL = ("t3", "carried_in", "natural")


@dataclass
class Baseline:
    root: Path
    versions: dict[str, list[str]]  # draft id -> every saved content (canonical JSON), oldest first
    trashed: set[str]


@dataclass
class Tally:
    cases: int = 0
    last_save: int = 0
    older_copy: int = 0
    lost: int = 0
    not_newest: int = 0
    not_open: int = 0
    not_repaired: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.not_newest or self.not_open or self.not_repaired)


def _canonical(content: dict) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True)


def build(root: Path, n_drafts: int = 4, saves: int = 4) -> Baseline:
    """Drafts whose last step differs: explicit save, autosave, status change, deletion; plus an old lock."""
    versions: dict[str, list[str]] = {}
    trashed: set[str] = set()
    with storage.open_store(root) as store:
        for d in range(n_drafts):
            draft = forms.new_draft(f"第{d + 1}测试局", 2021 + d % 4)
            draft.texts["s5"] = "存在问题：无。" * (d + 1)
            draft_id = store.create(draft)
            versions[draft_id] = [_canonical(forms.draft_to_dict(draft))]
            for n in range(1, saves + 1):
                draft.set_value(*CELL, 10 * d + n)
                last = n == saves
                store.save(draft_id, draft, explicit=not (last and d % 4 == 1))  # draft 2 ends on an autosave
                versions[draft_id].append(_canonical(forms.draft_to_dict(draft)))
            if d % 4 == 2:
                store.submit(draft_id, "审核人")
                store.add_comment(draft_id, "", "审核人", "请核对第三部分。")
            if d % 4 == 3:
                store.delete(draft_id)
                trashed.add(draft_id)
    lock = root / "store.lock"  # a lock another PC left two days ago
    lock.write_text(json.dumps({"pid": 4242, "host": f"另一台电脑-{socket.gethostname()}", "time": "2000-01-01T08:00:00",
                                "token": "0" * 16}, ensure_ascii=False), encoding="utf-8")
    old = time.time() - 2 * 86400
    os.utime(lock, (old, old))
    return Baseline(root, versions, trashed)


def _contents_on_disk(folder: Path) -> set[str]:
    """Every content an intact file in a draft folder holds, read without the store's recovery code."""
    found: set[str] = set()
    for path in folder.rglob("*"):
        try:
            if not path.is_file():
                continue
            raw = path.read_bytes()
            if path.name.endswith(".json.z"):
                found.add(_canonical(unseal(zlib.decompress(raw))))
            elif path.name == "draft.json" or (path.parent.name == "backups" and path.name.endswith(".bak")):
                found.add(_canonical(unseal(raw)["current"]["1"]["content"]))
        except Exception:  # noqa: BLE001, S112 - damaged: not an intact copy
            continue
    return found


def _expected(base: Baseline, root: Path) -> dict[str, int]:
    """Per draft still present in any form: the index of the newest saved version with an intact copy."""
    expected = {}
    for draft_id, versions in base.versions.items():
        area = "trash" if draft_id in base.trashed else "drafts"
        on_disk = _contents_on_disk(root / area / draft_id) if (root / area / draft_id).is_dir() else set()
        hits = [i for i, v in enumerate(versions) if v in on_disk]
        if hits:
            expected[draft_id] = max(hits)
    return expected


def cases(base: Baseline) -> list[tuple[str, str]]:
    """(relative path, damage) for every file (folder / empty / flip) and every folder (file); plus, per draft,
    its draft file and every backup flipped at once (only the revisions are left intact)."""
    out = []
    for path in sorted(base.root.rglob("*")):
        rel = path.relative_to(base.root).as_posix()
        if path.is_dir():
            out.append((rel, "file"))
        else:
            out += [(rel, "folder"), (rel, "empty"), (rel, "flip")]
    for draft_id in base.versions:
        area = "trash" if draft_id in base.trashed else "drafts"
        out.append((f"{area}/{draft_id}", "flip file and backups"))
    return out


def damage(path: Path, how: str, rng: random.Random, aside: Path) -> None:
    if how == "flip file and backups":
        for target in [path / "draft.json", *sorted((path / "backups").iterdir())]:
            damage(target, "flip", rng, aside)
    elif how == "file":  # a folder replaced by a file: its contents leave the store
        shutil.move(str(path), str(aside / path.name))
        path.write_bytes(b"not a folder")
    elif how == "folder":
        path.unlink()
        path.mkdir()
        (path / "stray.txt").write_text("x")
    elif how == "empty":
        path.write_bytes(b"")
    else:
        raw = bytearray(path.read_bytes())
        for _ in range(rng.randint(1, 3)):
            if raw:
                raw[rng.randrange(len(raw))] ^= rng.randrange(1, 256)
        path.write_bytes(bytes(raw))


def run_case(base: Baseline, work: Path, rel: str, how: str, rng: random.Random, tally: Tally, verbose: bool) -> None:
    root, aside = work / "store", work / "aside"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(base.root, root)
    aside.mkdir(parents=True)
    damage(root / rel, how, rng, aside)
    expected = _expected(base, root)
    tally.cases += 1
    label = f"{rel} -> {how}"
    try:
        store = storage.open_store(root)
    except Exception as exc:  # noqa: BLE001 - exactly what must never happen
        tally.not_open += 1
        tally.problems.append(f"{label}: store does not open: {exc!r}")
        return
    outcome = "last_save"
    try:
        if store.read_only:
            tally.not_open += 1
            tally.problems.append(f"{label}: opened read-only: {store.read_only_reason}")
        listed = {d.id for d in store.list_drafts()}
        trash = {d.id for d in store.list_trash()}
        for draft_id, want in expected.items():
            where = trash if draft_id in base.trashed else listed
            if draft_id not in where:
                tally.lost += 1
                outcome = "lost"
                tally.problems.append(f"{label}: draft {draft_id[:8]} has an intact copy but is not listed")
                continue
            got = _canonical(forms.draft_to_dict(store.load(draft_id)))
            versions = base.versions[draft_id]
            if got != versions[want]:
                tally.not_newest += 1
                outcome = "not_newest"
                index = versions.index(got) if got in versions else None
                tally.problems.append(f"{label}: draft {draft_id[:8]} loads version {index}, newest intact is {want}")
            elif want < len(versions) - 1 and outcome == "last_save":
                outcome = "older_copy"
        if verbose:
            print(f"  {label:<70} {outcome:<10} {[m.code for m in store.open_report]}")
    finally:
        store.close()
    if outcome == "last_save":
        tally.last_save += 1
    elif outcome == "older_copy":
        tally.older_copy += 1
    try:
        with storage.open_store(root) as again:
            left = [m for m in again.open_report if m.code not in ("lock_taken_over",)]
            if left:
                tally.not_repaired += 1
                tally.problems.append(f"{label}: reported again on the next open: {[m.en for m in left]}")
    except Exception as exc:  # noqa: BLE001
        tally.not_open += 1
        tally.problems.append(f"{label}: second open fails: {exc!r}")


def run(n_drafts: int = 4, saves: int = 4, seed: int = 1, verbose: bool = False, tmp: Path | None = None,
        select: Callable[[str, str], bool] | None = None) -> Tally:
    """Build the store and run every case (or those ``select(rel, damage)`` keeps) on a fresh copy each."""
    own_tmp = tmp is None
    tmp = Path(tmp or tempfile.mkdtemp(prefix="nianbao-faults-"))
    try:
        base = build(tmp / "基准 存放", n_drafts, saves)
        rng = random.Random(seed)
        tally = Tally()
        for rel, how in cases(base):
            if select is None or select(rel, how):
                run_case(base, tmp / "case", rel, how, rng, tally, verbose)
        return tally
    finally:
        if own_tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=4)
    parser.add_argument("--saves", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args()
    t0 = time.perf_counter()
    tally = run(args.drafts, args.saves, args.seed, args.verbose)
    for problem in tally.problems[:30]:
        print("  " + problem)
    print(f"cases: {tally.cases} in {time.perf_counter() - t0:.1f} s")
    print(f"  every draft at its last save:          {tally.last_save}")
    print(f"  damaged draft at an older copy (newest intact; the last save existed only in the damaged file): {tally.older_copy}")
    print(f"  lost (an intact copy exists, not listed): {tally.lost}")
    print(f"  older than the newest intact copy:      {tally.not_newest}")
    print(f"  store did not open (or read-only):      {tally.not_open}")
    print(f"  damage reported again at the next open: {tally.not_repaired}")
    print(f"SUMMARY store_faults: {tally.cases} cases, {tally.last_save} at the last save, {tally.older_copy} at an older copy, "
          f"{tally.lost} lost, {tally.not_newest} not the newest copy, {tally.not_open} did not open: {'PASS' if tally.ok else 'FAIL'}")
    return 0 if tally.ok else 1


if __name__ == "__main__":
    sys.exit(main())
