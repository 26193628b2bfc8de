"""``nianbao store ...`` as a script would run it, with --data-dir and the environment variable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def nianbao(*args: str, env_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env.pop("NIANBAO_DATA_DIR", None)
    if env_dir is not None:
        env["NIANBAO_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "nianbao", *args], capture_output=True, text=True, encoding="utf-8",
                          timeout=60, env=env)


def test_store_add_list_export_import(tmp_path: Path, seed_path: Path) -> None:
    clerk, reviewer = tmp_path / "填报 电脑", tmp_path / "审核 电脑"
    added = nianbao("--data-dir", str(clerk), "store", "add", str(seed_path))
    assert added.returncode == 0, added.stderr
    draft_id = added.stdout.strip()
    listed = nianbao("--data-dir", str(clerk), "store", "list", "--json")
    rows = json.loads(listed.stdout)
    assert [(r["id"], r["year"], r["status"]) for r in rows] == [(draft_id, 2020, "draft")]
    assert "龙岗" in rows[0]["agency"]
    out = tmp_path / "报告 2020.nianbao"
    assert nianbao("--data-dir", str(clerk), "store", "export", draft_id, str(out)).returncode == 0
    imported = nianbao("store", "import", str(out), env_dir=reviewer)  # the environment variable picks the folder
    assert imported.returncode == 0 and imported.stdout.strip() == draft_id
    conflict = nianbao("store", "import", str(out), env_dir=reviewer)
    assert conflict.returncode == 1 and "已存在" in conflict.stderr
    both = nianbao("store", "import", "--keep-both", str(out), env_dir=reviewer)
    assert both.returncode == 0 and both.stdout.strip() != draft_id
    text = nianbao("store", "list", env_dir=reviewer).stdout
    assert "共 2 份草稿" in text and "草稿" in text


def test_store_errors_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nianbao"
    bad.write_bytes(b"not json")
    result = nianbao("--data-dir", str(tmp_path / "s"), "store", "import", str(bad))
    assert result.returncode == 2 and "无法导入" in result.stderr
    missing = nianbao("--data-dir", str(tmp_path / "s"), "store", "export", "0" * 32, str(tmp_path / "x.nianbao"))
    assert missing.returncode == 2 and "找不到" in missing.stderr


def test_cli_parser_and_forms_do_not_import_tinydb() -> None:
    """Only storage/ imports TinyDB, and only when a store command runs."""
    code = ("import sys, forms, nianbao.cli; nianbao.cli.build_parser(); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('tinydb', 'storage')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
