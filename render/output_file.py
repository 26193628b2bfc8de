"""Writing an output file (Word, web page, spreadsheet): atomically, with a clear message on failure."""

from __future__ import annotations

import os
from pathlib import Path
from typing import BinaryIO

from common.errors import AppError
from forms.atomic_file import write_file_atomically


class OutputWriteError(AppError):
    """An output file could not be written; says which file and why, in words a clerk understands."""

    advice_zh = "请换一个文件夹（例如“桌面”或“文档”）保存，或先关闭正在打开这个文件的程序。"
    advice_en = "Save to another folder (e.g. Desktop or Documents), or close the program that has the file open."


def why(exc: OSError) -> tuple[str, str]:
    """(zh, en) reason for a failed write."""
    if isinstance(exc, FileNotFoundError):
        return "文件夹不存在", "the folder does not exist"
    if isinstance(exc, PermissionError):
        return "没有写入权限，或文件正被其他程序打开", "no permission to write there, or the file is open in another program"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹", "that is a folder"
    if isinstance(exc, NotADirectoryError):
        return "路径中有一部分不是文件夹", "part of the path is not a folder"
    text = exc.strerror or str(exc)
    return text, text


def write_output(data: bytes, output: str | os.PathLike[str] | BinaryIO, what_zh: str, what_en: str) -> None:
    """``data`` to a path (temporary file, fsync, rename: never half-written) or to a binary file object."""
    if hasattr(output, "write"):
        output.write(data)  # type: ignore[union-attr]
        return
    path = Path(output)  # type: ignore[arg-type]
    try:
        write_file_atomically(path, data)
    except OSError as exc:
        zh, en = why(exc)
        raise OutputWriteError(f"无法写入{what_zh} {path}：{zh}", f"cannot write the {what_en} {path}: {en}") from exc
