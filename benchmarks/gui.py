"""Benchmark of the wizard. One run measures, prints the figures and one summary line:

* start-up: process start to a usable wizard (``nianbao --demo``) against a bare PySide6 QWizard (goal <= 2x);
* preview refresh latency: from an edit to the new page on screen (goal <= 0.5 s);
* longest UI-thread stall while typing with the preview on (goal < 50 ms);
* resident memory with the preview open (goal <= 250 MB).

Exit 0 only when every goal is met. Runs offscreen; settings and drafts go to a temporary folder.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
# benchmarks/storage.py and benchmarks/render.py would shadow the packages of the same name.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))
RUNS = 5

BARE_WIZARD = textwrap.dedent(
    """
    import time
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWizard, QWizardPage
    app = QApplication([])
    wizard = QWizard()
    page = QWizardPage()
    page.setTitle("Cover")
    layout = QVBoxLayout(page)
    layout.addWidget(QLabel("Agency"))
    layout.addWidget(QLineEdit())
    wizard.addPage(page)
    class First(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and not getattr(self, "done", False):
                self.done = True
                print(f"READY {time.monotonic():.6f}", flush=True)
                QTimer.singleShot(0, app.quit)
            return False
    watcher = First()
    page.installEventFilter(watcher)
    wizard.show()
    app.exec()
    """
)


def _time_to_ready(args: list[str], env: dict[str, str]) -> float:
    start = time.monotonic()
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("READY "):
            return float(line.split()[1]) - start
    raise RuntimeError(f"no READY line from {args}: {done.stderr[-2000:]}")


def measure_startup(tmp: Path) -> tuple[float, float]:
    """Median of RUNS cold process starts each; bytecode cached in a temp prefix as an installed copy has it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NIANBAO_SETTINGS=str(tmp / "bench.ini"), NIANBAO_BENCH_READY="1",
               PYTHONPYCACHEPREFIX=str(tmp / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    _time_to_ready([sys.executable, "-c", BARE_WIZARD], env)  # warm-up: writes the bytecode cache
    _time_to_ready([sys.executable, "-m", "nianbao", "--demo", "--data-dir", str(tmp / "warm")], env)
    bare, app = [], []
    for i in range(RUNS):
        bare.append(_time_to_ready([sys.executable, "-c", BARE_WIZARD], env))
        app.append(_time_to_ready([sys.executable, "-m", "nianbao", "--demo", "--data-dir", str(tmp / f"data{i}")], env))
    return statistics.median(bare), statistics.median(app)


def _spin(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure_in_process(tmp: Path) -> dict[str, float]:
    """Preview latency, typing stalls and memory, in this process with a real window (offscreen)."""
    os.environ["NIANBAO_SETTINGS"] = str(tmp / "inproc.ini")
    from PySide6.QtCore import QElapsedTimer, QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    import storage
    from gui.app import create_app, demo_path
    from gui.main_window import MainWindow

    _app = create_app()  # keeps the QApplication alive
    window = MainWindow(lambda: storage.open_store(tmp / "inproc-data"), preview=True)
    window.resize(1366, 768)
    window.show()
    window.open_demo(str(demo_path()))
    wizard = window.wizard
    deadline = time.monotonic() + 30
    while (wizard.preview is None or wizard.preview.page_count == 0) and time.monotonic() < deadline:
        _spin(20)
    preview = wizard.preview
    wizard.show_page("text:s6")
    editor = wizard.current_page().block.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    _spin(500)

    def key(ch: str) -> None:
        QApplication.sendEvent(editor, QKeyEvent(QEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, ch))

    # Preview latency: one edit, then wait for the new page to be on screen.
    latencies = []
    for ch in "一二三四五":
        got: list[float] = []
        preview.rendered.connect(got.append)
        key(ch)
        end = time.monotonic() + 10
        while not got and time.monotonic() < end:
            _spin(5)
        preview.rendered.disconnect(got.append)
        latencies.append(got[0] if got else float("inf"))
        _spin(300)

    # Typing stalls: a heartbeat every 2 ms records gaps while a clerk types 8 characters a second
    # (so renders run in between) for about 6 seconds.
    text = "本年度我局认真落实政府信息公开工作要点，及时公开重点领域信息。" * 2
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def beat() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
    heartbeat.timeout.connect(beat)
    heartbeat.start(2)
    typing = iter(text[:48])
    typist = QTimer()
    typist.timeout.connect(lambda: key(next(typing, "。")))
    typist.start(125)
    _spin(6000)
    typist.stop()
    _spin(800)
    heartbeat.stop()
    stall = max(gaps) - 2 if gaps else float("inf")
    rss = _rss_mb()
    renders = preview._job
    window.close()
    return {"latency": statistics.median(latencies), "latency_max": max(latencies), "stall_ms": stall,
            "rss_mb": rss, "renders": renders, "render_s": preview.render_seconds}


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="nianbao-bench-") as tmp_name:
        tmp = Path(tmp_name)
        bare, app = measure_startup(tmp)
        inproc = measure_in_process(tmp)
    ratio = app / bare
    print(f"start-up, bare QWizard (median of {RUNS}):        {bare:.3f} s")
    print(f"start-up, nianbao --demo to usable wizard:     {app:.3f} s  ({ratio:.2f}x, goal <= 2x)")
    print(f"preview refresh after an edit (median / max):  {inproc['latency']:.3f} s / {inproc['latency_max']:.3f} s"
          f"  (goal <= 0.5 s; one render {inproc['render_s']:.3f} s)")
    print(f"longest UI-thread stall while typing:          {inproc['stall_ms']:.1f} ms  (goal < 50 ms;"
          f" {inproc['renders']} renders ran meanwhile)")
    print(f"resident memory with the preview open:         {inproc['rss_mb']:.0f} MB  (goal <= 250 MB)")
    ok = ratio <= 2.0 and inproc["latency"] <= 0.5 and inproc["stall_ms"] < 50 and inproc["rss_mb"] <= 250
    print(f"SUMMARY gui: startup {app:.3f}s = {ratio:.2f}x bare {bare:.3f}s; preview {inproc['latency']:.3f}s; "
          f"stall {inproc['stall_ms']:.1f}ms; rss {inproc['rss_mb']:.0f}MB -> {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
