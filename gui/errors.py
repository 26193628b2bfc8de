"""Turn storage and rendering failures into plain Chinese dialogs that say what to do next.

Only this module decides how an error looks to the clerk; lower layers just raise typed errors
carrying ``zh``/``en`` messages.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from gui.i18n import _, language

logger = logging.getLogger(__name__)

__all__ = ["advice_for", "error_text", "show_error"]

# Advice by error class name, so this module needs no import of storage or render.
_ADVICE = {
    "DiskFullError": "请清理磁盘空间（例如清空回收站）后点“保存”重试。已填写的内容仍在窗口中，不要关闭程序。",
    "PermissionDeniedError": "请检查存放草稿的文件夹是否允许写入，或请单位的电脑管理员帮助处理。",
    "ReadOnlyFolderError": "存放草稿的文件夹不能写入。请电脑管理员把它改为可写，或换一个文件夹存放草稿。",
    "FileBusyError": "文件正被其他程序（如杀毒软件）占用。请稍等几秒后再点“保存”。",
    "StoreLockedError": "另一个窗口或另一台电脑正在使用这些草稿。请先关闭那边的程序，再重新打开本程序。",
    "ReadOnlyStoreError": "现在只能查看，不能修改。请关闭其他正在运行的本程序后重新打开。",
    "ReadOnlyDraftError": "这份报告已通过审核，不能再修改。如需修改，请先点“重新打开修改”。",
    "ReviewError": "请刷新草稿列表后再试；报告的审核状态可能已被别人改变。",
    "ExchangeFileError": "请确认选择的是本程序导出的交换文件（.nianbao）或保存的草稿文件（.json），且文件没有被其他软件改动过。",
    "CorruptFileError": "草稿文件已损坏。请在“历史版本”中恢复较早的版本。",
    "DraftFileError": "请确认选择的是本程序导出的草稿文件，且文件没有被其他软件改动过。",
    "RenderError": "请检查程序安装是否完整（字体文件是否缺失），必要时重新安装本程序。",
    "FontMissingError": "程序缺少打印用的字体文件，请重新安装本程序。",
}
_GENERIC = "请重试一次；如果问题仍然存在，请把日志文件发给技术支持人员。"


def advice_for(exc: BaseException) -> str:
    own = exc.advice(language()) if callable(getattr(exc, "advice", None)) else ""  # an AppError's own advice
    if isinstance(own, str) and own:
        return own
    for cls in type(exc).__mro__:
        if cls.__name__ in _ADVICE:
            return _(_ADVICE[cls.__name__])
    return _(_GENERIC)


def error_text(exc: BaseException) -> str:
    """The message of a typed error in the UI language, else the exception text."""
    zh = getattr(exc, "zh", None)
    en = getattr(exc, "en", None)
    if language() == "en" and en:
        return str(en)
    if zh:
        return str(zh)
    return str(exc) or type(exc).__name__


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """A modal dialog: what happened (title + message) and what to do (advice)."""
    logger.error("%s: %r", title, exc, exc_info=exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(exc), QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(advice_for(exc))
    box.setAccessibleName(title)
    box.exec()
