"""One translation helper for every visible string: Chinese is the source text, English a dict.

A dict catalogue keeps the toolchain to plain Python (no .ts/.qm build step) while still letting a
tool extract every ``_("…")`` call later. Placeholders are named and filled after lookup, so a
translation can reorder them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

__all__ = ["LANGUAGES", "_", "install_qt_translations", "language", "sentence", "set_language"]

LANGUAGES = ("zh", "en")
_current = "zh"


def set_language(lang: str | None) -> str:
    """Switch the UI language ("zh" or "en"; anything else means Chinese). Returns the language set."""
    global _current
    _current = lang if lang in LANGUAGES else "zh"
    return _current


def language() -> str:
    return _current


def _(text: str, /, **values: object) -> str:
    """The text in the current language, with ``{name}`` placeholders filled from ``values``."""
    if _current == "en":
        from gui.i18n_en import EN

        text = EN.get(text, text)
    return text.format(**values) if values else text


_qt_translators: list[QTranslator] = []  # kept alive for the life of the application


def install_qt_translations(app: QApplication, lang: str) -> None:
    """Qt's own texts (OK/Cancel in standard dialogs, context menus of edit fields) in Chinese."""
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if lang != "zh":
        QLocale.setDefault(QLocale.system())
        return
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))  # file types in dialogs: "PDF 文档"
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
        _qt_translators.append(translator)
    overrides = _qt_overrides(app)  # installed last, so asked first
    app.installTranslator(overrides)
    _qt_translators.append(overrides)


#: Qt texts its Chinese catalogue lacks or words unlike Windows (which says 大小, not 体积), by (context, source).
QT_ZH_OVERRIDES: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileSystemModel", "Size"): "大小",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QFileDialog", "Alias for %1"): "%1 的别名",
}


def _qt_overrides(app: QApplication) -> QTranslator:
    from PySide6.QtCore import QTranslator

    class Overrides(QTranslator):
        """Answers only the texts in QT_ZH_OVERRIDES; anything else falls through to Qt's catalogue."""

        def translate(self, context: str, source: str, disambiguation: str | None = None,
                      n: int = -1) -> str | None:
            return QT_ZH_OVERRIDES.get((context, source))  # None: a null text, so Qt asks the next catalogue

        def isEmpty(self) -> bool:
            return False

    return Overrides(app)


def sentence(text: str) -> str:
    """A message from a lower layer as a sentence: English ones start with a capital letter."""
    return text[:1].upper() + text[1:] if _current == "en" else text
