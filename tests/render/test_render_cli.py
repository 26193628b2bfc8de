"""``nianbao render``: writes the PDF, exit 2 with a Chinese message (never a traceback) on bad input."""

from __future__ import annotations

import subprocess
import sys

import pypdf
import pytest
from render_helpers import SEED, flat, page_texts

from nianbao.cli import main


def test_render_cli_writes_pdf_with_watermark(tmp_path, capsys):
    out = tmp_path / "seed.pdf"
    code = main(["render", str(SEED), "-o", str(out), "--watermark", "草稿", "--fonts", "bundled", "--reproducible"])
    assert code == 0
    reader = pypdf.PdfReader(out)
    assert "草稿" in flat(reader.pages[0].extract_text())
    assert f"共 {len(reader.pages)} 页" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, expected",
    [(None, "找不到文件"), ("{broken", "JSON"), ('{"schema": "other"}', "错误")],
)
def test_render_cli_unreadable_draft_exits_2_in_chinese(tmp_path, capsys, content, expected):
    source = tmp_path / "draft.json"
    if content is not None:
        source.write_text(content, encoding="utf-8")
    code = main(["render", str(source), "-o", str(tmp_path / "out.pdf")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("错误：") and expected in err
    assert "Traceback" not in err
    assert not (tmp_path / "out.pdf").exists()


def test_render_cli_unwritable_output_exits_2(tmp_path, capsys):
    code = main(["render", str(SEED), "-o", str(tmp_path / "missing" / "out.pdf"), "--fonts", "bundled"])
    assert code == 2
    assert "文件夹不存在" in capsys.readouterr().err


def test_render_cli_fresh_process_exit_code_and_no_traceback(tmp_path):
    """The installed entry point, as a clerk's script would call it."""
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"\xff\xfe not json")
    proc = subprocess.run([sys.executable, "-m", "nianbao", "render", str(bad), "-o", str(tmp_path / "x.pdf")],
                          capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 2
    assert "错误" in proc.stderr and "Traceback" not in proc.stderr


def test_render_cli_rendered_text_matches_api(tmp_path, seed_pdf):
    out = tmp_path / "cli.pdf"
    assert main(["render", str(SEED), "-o", str(out), "--fonts", "bundled", "--reproducible"]) == 0
    assert out.read_bytes() == seed_pdf[0]
    assert flat("".join(page_texts(out.read_bytes())))


def test_render_cli_unexpected_failure_exits_2_without_traceback(tmp_path):
    """A bug inside the renderer still gives a clerk's script a message and exit 2 (fresh process,
    so no test-harness logging handler hides a traceback)."""
    code = (
        "import render\n"
        "def broken(*a, **k): raise ZeroDivisionError('boom')\n"
        "render.render_report = broken\n"
        "from nianbao.cli import main\n"
        f"raise SystemExit(main(['render', {str(SEED)!r}, '-o', {str(tmp_path / 'x.pdf')!r}]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("错误：") and "Traceback" not in proc.stderr
