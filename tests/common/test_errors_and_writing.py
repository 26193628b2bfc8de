"""One error base for every error raised on purpose, and one atomic writer for every file written
(drafts, the store, the PDF): Windows' sharing violations are waited out, failures are typed."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import forms
from common import atomic
from common.errors import AppError, DiskFullError, FileBusyError, FileIOError


def test_every_error_raised_on_purpose_is_an_app_error() -> None:
    import importer
    import render
    import storage
    from forms.definition import FormatDefinitionError

    for kind in (forms.CellValueError, forms.DraftFileError, FormatDefinitionError, storage.StorageError,
                 importer.ReportImportError, render.RenderError, render.FontMissingError, storage.DiskFullError):
        assert issubclass(kind, AppError), kind
    # storage's I/O errors are both: what storage's callers catch, and the common kind
    assert issubclass(storage.DiskFullError, DiskFullError) and issubclass(storage.FileBusyError, FileBusyError)


def test_render_errors_carry_chinese_for_the_clerk_and_the_detail_for_the_log() -> None:
    from render import FontMissingError, RenderError

    error = RenderError("排版失败：报告内容无法排入页面", "layout failed", "LayoutError('Flowable too large')")
    assert error.message("zh") == "排版失败：报告内容无法排入页面" and "LayoutError" in error.detail
    assert error.advice("zh") and "LayoutError" not in error.message("en")
    font = FontMissingError("找不到可用的字体文件：x.ttf", "no usable font file: x.ttf", "/opt/fonts/x.ttf")
    assert font.zh.startswith("找不到") and "重新安装" in font.advice("zh") and font.detail == "/opt/fonts/x.ttf"


def _windows_sharing_violation() -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


def test_pdf_export_waits_out_a_scanner_holding_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_path: Path) -> None:
    from render import render_report

    real, refusals = os.replace, []

    def held_twice(src, dst):  # type: ignore[no-untyped-def]
        if len(refusals) < 2:
            refusals.append(dst)
            raise _windows_sharing_violation()
        real(src, dst)

    monkeypatch.setattr(os, "replace", held_twice)
    out = tmp_path / "报告.pdf"
    render_report(forms.load_draft_file(seed_path), out, fonts="bundled")
    assert len(refusals) == 2 and out.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["报告.pdf"]  # no temporary file left behind


def test_new_draft_file_is_written_by_the_one_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "草稿.json"
    out.write_text("old", encoding="utf-8")

    def full(fd, data):  # type: ignore[no-untyped-def]
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(DiskFullError) as info:
        forms.save_draft_file(forms.new_draft("某某局", 2023), out)
    assert "磁盘空间已满" in info.value.zh and str(out) in info.value.zh and "No space" not in info.value.zh
    assert out.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["草稿.json"]


def test_a_scanner_that_never_lets_go_is_a_typed_error(tmp_path: Path) -> None:
    def locked(src, dst):  # type: ignore[no-untyped-def]
        raise _windows_sharing_violation()

    with pytest.raises(FileBusyError) as info:
        atomic.replace_with_retry(tmp_path / "a", tmp_path / "b", replace=locked, sleep=lambda s: None)
    assert isinstance(info.value, FileIOError) and "占用" in info.value.zh
