#!/usr/bin/env bash
# Smoke test of the Linux one-folder bundle (python packaging/build.py linux).
#
#   bash packaging/test-linux-bundle.sh [dist/nianbao-<version>-linux]
#
# Headless: the bundle's command line validates and renders examples/longgang-2020.json to a PDF
# (paths with Chinese and spaces, data folder under a fresh HOME), pdftotext/pdffonts check the PDF.
# With Xvfb installed it also starts the GUI on the example report (nianbao --demo, xcb platform) and saves docs/images/linux-bundle-gui.png.
# It counts the files the start-up opens from the bundle (strace) and fails above a budget (see below).
# Needs: poppler-utils, strace; for the GUI part xvfb libxcb-icccm4 libxcb-keysyms1. About 30 s.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUNDLE="${1:-$(ls -dt "$ROOT"/dist/nianbao-*-linux 2>/dev/null | head -1)}"
[ -x "$BUNDLE/nianbao" ] || { echo "no bundle: run python packaging/build.py linux first" >&2; exit 2; }
BUNDLE="$(cd "$BUNDLE" && pwd)"
SHOT="${NIANBAO_SCREENSHOT:-$ROOT/docs/images/linux-bundle-gui.png}"
W="$(mktemp -d /tmp/nianbao-linux-test.XXXX)"
PASS=0; FAIL=0
check() { local what="$1"; shift; if "$@"; then PASS=$((PASS + 1)); echo "PASS: $what"; else FAIL=$((FAIL + 1)); echo "FAIL: $what"; fi; }

# a user with nothing installed: own HOME, no project on PYTHONPATH, started from another folder
export HOME="$W/home" XDG_DATA_HOME="$W/home/.local/share" XDG_CONFIG_HOME="$W/home/.config"
unset PYTHONPATH NIANBAO_DATA_DIR
mkdir -p "$HOME/年报 草稿"
cp "$ROOT/examples/longgang-2020.json" "$HOME/年报 草稿/龙岗 2020.json"
cd "$W"
echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"

QT_QPA_PLATFORM=offscreen "$BUNDLE/nianbao" --help > help.txt 2>&1
check "nianbao --help" grep -q render help.txt
QT_QPA_PLATFORM=offscreen "$BUNDLE/nianbao" validate "$HOME/年报 草稿/龙岗 2020.json" > validate.txt 2>&1; rc=$?
check "nianbao validate runs (exit 0 or 1 = findings)" [ "$rc" -le 1 ]
t0=$(date +%s.%N)
env -u DISPLAY QT_QPA_PLATFORM=offscreen "$BUNDLE/nianbao" render "$HOME/年报 草稿/龙岗 2020.json" -o "$HOME/年报 草稿/龙岗 2020.pdf" > render.txt 2>&1; rc=$?
echo "render: exit $rc in $(echo "$(date +%s.%N) - $t0" | bc) s"; tail -3 render.txt
PDF="$HOME/年报 草稿/龙岗 2020.pdf"
check "render wrote a PDF" [ -s "$PDF" ]
if [ -s "$PDF" ]; then
    pdftotext -layout "$PDF" out.txt
    echo "PDF: $(pdfinfo "$PDF" | grep '^Pages'), $(stat -c %s "$PDF") bytes"
    check "PDF text has the agency name" grep -q "深圳市龙岗区政务服务数据管理局" out.txt
    check "PDF text has 政府信息公开" grep -q "政府信息公开" out.txt
    check "all PDF fonts embedded" bash -c "pdffonts '$PDF' | awk 'NR>2 && \$(NF-4)!=\"yes\"{bad=1} END{exit bad}'"
fi
QT_QPA_PLATFORM=offscreen "$BUNDLE/nianbao" new --year 2021 --agency 测试局 -o "$HOME/年报 草稿/新 草稿.json" > new.txt 2>&1
check "nianbao new writes a draft" [ -s "$HOME/年报 草稿/新 草稿.json" ]

# Files the start-up opens from the bundle, up to the wizard's first paint (a virus scanner reads each file
# on its first open; fewer files is a quicker first start). Headless (offscreen) here, the real X11 start
# (xcb) below. Before: the counts of the bundle as built until the start-up was trimmed (PyInstaller 6.22,
# PySide6 6.12); budget: the trimmed count measured when it was set plus a small margin. A rise above the
# budget (a new import, plugin or library at start) fails the test: look at `count_opens.py --list`.
OPENS_BEFORE_OFFSCREEN=82; OPENS_BUDGET_OFFSCREEN=48
OPENS_BEFORE_XCB=100; OPENS_BUDGET_XCB=66
if command -v strace >/dev/null; then
    env -u DISPLAY QT_QPA_PLATFORM=offscreen python3 "$ROOT/packaging/count_opens.py" --root "$BUNDLE" \
        --before "$OPENS_BEFORE_OFFSCREEN" --budget "$OPENS_BUDGET_OFFSCREEN" -- "$BUNDLE/nianbao" --demo > opens.txt 2>&1; rc=$?
    grep -E "install folder|before:|budget|did not" opens.txt || tail -3 opens.txt
    check "files opened at start (offscreen) within the budget of $OPENS_BUDGET_OFFSCREEN" [ "$rc" = 0 ]
else
    echo "strace not installed (apt-get install strace): files opened at start not counted"
fi

if command -v Xvfb >/dev/null; then
    n=$(( 90 + RANDOM % 20 )); while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$(( n + 1 )); done
    DISP=":$n"   # a free display of our own (other Xvfb may run on this machine)
    Xvfb "$DISP" -screen 0 1366x900x24 -nolisten tcp >/dev/null 2>&1 & XP=$!
    sleep 1
    if command -v strace >/dev/null; then
        DISPLAY="$DISP" QT_QPA_PLATFORM=xcb python3 "$ROOT/packaging/count_opens.py" --root "$BUNDLE" \
            --before "$OPENS_BEFORE_XCB" --budget "$OPENS_BUDGET_XCB" -- "$BUNDLE/nianbao" --demo > opens-xcb.txt 2>&1; rc=$?
        grep -E "install folder|before:|budget|did not" opens-xcb.txt || tail -3 opens-xcb.txt
        check "files opened at start (xcb) within the budget of $OPENS_BUDGET_XCB" [ "$rc" = 0 ]
    fi
    DISPLAY="$DISP" QT_QPA_PLATFORM=xcb "$BUNDLE/nianbao" --demo > gui.txt 2>&1 & GP=$!   # the example report (bundled examples/)
    sleep 8
    alive=no; kill -0 "$GP" 2>/dev/null && alive=yes
    check "GUI is running after 8 s" [ "$alive" = yes ]
    mkdir -p "$(dirname "$SHOT")"
    "$ROOT/packaging/screenshot.py" "$DISP" "$SHOT" 2>/dev/null || python3 "$ROOT/packaging/screenshot.py" "$DISP" "$SHOT"
    kill "$GP" 2>/dev/null; wait "$GP" 2>/dev/null; kill "$XP" 2>/dev/null
    check "no traceback from the GUI" bash -c "! grep -q Traceback gui.txt"
    tail -5 gui.txt
fi
echo "work folder: $W"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" = 0 ]
