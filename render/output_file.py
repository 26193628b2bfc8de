"""Writing an output file (PDF, Word, web page, spreadsheet): atomically, with a clear message on failure.

Every output goes through ``common.atomic.atomic_write`` (temporary file, fsync, rename, the Windows
retry), so a failed or interrupted export leaves the old file and no half-written one.
"""

from __future__ import annotations

import os
from typing import BinaryIO

from common.atomic import atomic_write
from common.errors import FileIOError


class OutputWriteError(FileIOError):
    """An output file could not be written; says which file and why, in words a clerk understands."""

    advice_zh = "请换一个文件夹（例如“桌面”或“文档”）保存，或先关闭正在打开这个文件的程序。"
    advice_en = "Save to another folder (e.g. Desktop or Documents), or close the program that has the file open."


def write_output(data: bytes, output: str | os.PathLike[str] | BinaryIO, what_zh: str, what_en: str) -> None:
    """``data`` to a path (never half-written) or to a binary file object."""
    if not isinstance(output, (str, os.PathLike)):
        output.write(data)
        return
    try:
        atomic_write(output, data)
    except FileIOError as exc:
        raise OutputWriteError(f"无法写入{what_zh}：{exc.zh}", f"cannot write the {what_en}: {exc.en}", path=exc.path) from exc
