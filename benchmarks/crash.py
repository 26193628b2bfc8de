"""Crash benchmark: kill a process with SIGKILL at random moments while it saves, then check.

A forked child opens the store and saves one draft in a loop (autosaves, explicit saves, review steps,
duplicates sent to the trash), reporting each value after ``save`` returned. After each kill the parent
opens the store: it must open without any recovery (no corrupt file) and hold at least the last value
the child reported. Prints corrupt stores and lost acknowledged saves; goal 0 and 0.
Run: python benchmarks/crash.py [kills]   (POSIX only: needs fork and SIGKILL)
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import forms  # noqa: E402
import storage  # noqa: E402

CELL = ("t3", "carried_in", "natural")


@dataclass
class KillResult:
    kills: int = 0
    corrupt: int = 0
    lost: int = 0
    max_acknowledged: int = 0
    child_failures: int = 0
    problems: list[str] = field(default_factory=list)


def _child(root: Path, draft_id: str, start: int, seed: int, wfd: int) -> None:
    """Runs in the forked child; never returns."""
    code = 0
    try:
        rng = random.Random(seed)
        store = storage.open_store(root)
        if store.read_only:
            os._exit(3)
        draft = store.load(draft_id)
        if store.review(draft_id).status != "draft":  # a previous child was killed between submit and reopen
            store.reopen(draft_id, "填报人")
        n = start
        while True:
            n += 1
            draft.set_value(*CELL, n)
            store.save(draft_id, draft, explicit=rng.random() < 0.3)
            os.write(wfd, f"{n}\n".encode())
            roll = rng.random()
            if roll < 0.05:
                store.submit(draft_id, "填报人")
                store.reopen(draft_id, "填报人")
            elif roll < 0.08:
                store.delete(store.duplicate(draft_id))
    except BaseException as exc:  # noqa: BLE001 - report through the exit code only
        os.write(2, f"child: {exc!r}\n".encode())
        code = 4
    os._exit(code)


def _read_lines(fd: int, until: float, buffer: bytearray) -> bool:
    """Collect child output until ``until`` (monotonic) or EOF; False on EOF."""
    import select

    while True:
        remaining = until - time.monotonic()
        if remaining <= 0:
            return True
        ready, _, _ = select.select([fd], [], [], remaining)
        if ready:
            chunk = os.read(fd, 65536)
            if not chunk:
                return False
            buffer.extend(chunk)


def run_kills(kills: int, root: Path, seed: int = 0, max_delay: float = 0.12) -> KillResult:
    """Kill ``kills`` children at random moments in the store at ``root`` and check it after each."""
    rng = random.Random(seed)
    result = KillResult()
    with storage.open_store(root) as store:
        draft_id = store.create(forms.new_draft("崩溃测试局", 2023))
    acknowledged = 0
    for k in range(kills):
        rfd, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(rfd)
            _child(root, draft_id, acknowledged, rng.randrange(1 << 30), wfd)
        os.close(wfd)
        buffer = bytearray()
        _read_lines(rfd, time.monotonic() + rng.uniform(0, max_delay), buffer)
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):  # the child stopped by itself: an exception in the save loop
            result.problems.append(f"kill {k}: child exited with code {os.WEXITSTATUS(status)} before the kill")
            result.child_failures += 1
        while chunk := os.read(rfd, 65536):
            buffer.extend(chunk)
        os.close(rfd)
        lines = [line for line in buffer.decode().split("\n")[:-1] if line]
        if lines:
            acknowledged = int(lines[-1])
        result.kills += 1
        _check(root, draft_id, acknowledged, result, k)
        acknowledged = max(acknowledged, result.max_acknowledged)
    return result


def _check(root: Path, draft_id: str, acknowledged: int, result: KillResult, k: int) -> None:
    try:
        store = storage.open_store(root)
    except storage.StorageError as exc:
        result.corrupt += 1
        result.problems.append(f"kill {k}: store does not open: {exc.en}")
        return
    try:
        damaged = [m for m in store.open_report if m.code not in ("lock_taken_over",)]
        if damaged or store.read_only:
            result.corrupt += 1
            result.problems.append(f"kill {k}: {[m.en for m in damaged]} read_only={store.read_only_reason}")
        value = store.load(draft_id).values.get(CELL) or 0
        if value < acknowledged:
            result.lost += 1
            result.problems.append(f"kill {k}: acknowledged {acknowledged}, stored {value}")
        result.max_acknowledged = max(acknowledged, int(value))
        for summary in store.list_drafts() + store.list_trash():
            store.load(summary.id)
    except storage.StorageError as exc:
        result.corrupt += 1
        result.problems.append(f"kill {k}: {exc.en}")
    finally:
        store.close()


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    tmp = Path(tempfile.mkdtemp(prefix="nianbao-crash-"))
    try:
        t0 = time.perf_counter()
        result = run_kills(kills, tmp / "崩溃 测试", seed=int(time.time()))
        elapsed = time.perf_counter() - t0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for problem in result.problems[:20]:
        print("  " + problem)
    print(f"kills: {result.kills} in {elapsed:.0f} s; last acknowledged save: {result.max_acknowledged}")
    print(f"corrupt stores: {result.corrupt}")
    print(f"lost acknowledged saves: {result.lost}")
    print(f"children that failed on their own: {result.child_failures}")
    ok = result.corrupt == 0 and result.lost == 0 and result.kills == kills and result.child_failures == 0
    print(f"SUMMARY crash: {result.kills} kills, {result.corrupt} corrupt stores, {result.lost} lost acknowledged saves (goal 0 and 0): "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
