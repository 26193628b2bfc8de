"""The one file reader: anything that is not a regular file is refused before reading, with a Chinese
message naming the path, and no file is read past its cap."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from common.errors import AppError, FileMissingError, FileTooLargeError, NotARegularFileError, from_oserror
from common.reading import read_file

pytestmark = pytest.mark.timeout(30)  # a FIFO that is opened blocks forever: fail instead


def _refused(path: Path | str, kind: type[AppError] = NotARegularFileError) -> AppError:
    with pytest.raises(kind) as info:
        read_file(path, max_bytes=1024, what="草稿文件", what_en="draft file")
    assert str(path) in info.value.zh and str(path) in info.value.en
    return info.value


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "草稿 1.json"
    path.write_bytes(b"x" * 1024)
    assert read_file(path, max_bytes=1024) == b"x" * 1024


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "管道.json"
    os.mkfifo(fifo)
    assert "命名管道" in _refused(fifo).zh


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_an_endless_device_is_refused_before_reading() -> None:
    assert "设备" in _refused("/dev/zero").zh


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert "文件夹" in _refused(tmp_path).zh


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links")
def test_a_symbolic_link_loop_is_refused_in_chinese(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    error = _refused(loop)
    assert "符号链接循环" in error.zh and "Too many levels" not in error.zh


def test_missing_and_too_large(tmp_path: Path) -> None:
    assert "找不到" in _refused(tmp_path / "没有.json", FileMissingError).zh
    big = tmp_path / "big.json"
    big.write_bytes(b"x" * 1025)
    error = _refused(big, FileTooLargeError)
    assert "过大" in error.zh and "1 KB" in error.zh and error.size == 1025


@pytest.mark.parametrize(("code", "english"), [
    (errno.EISDIR, "Is a directory"),
    (errno.ENOSPC, "No space left on device"),
    (errno.ELOOP, "Too many levels of symbolic links"),
    (errno.EIO, "Input/output error"),
    (errno.EACCES, "Permission denied"),
])
def test_system_errors_are_worded_in_chinese_with_the_path(code: int, english: str) -> None:
    for writing in (True, False):
        error = from_oserror(OSError(code, english), "/某处/报告.json", writing=writing)
        assert "/某处/报告.json" in error.zh
        assert english not in error.zh and "Errno" not in error.zh
        assert any("\u4e00" <= ch <= "\u9fff" for ch in error.zh.replace("/某处/报告.json", ""))
