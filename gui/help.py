"""F1: help for the page on screen — the format's guidance for its texts, the keys that work there,
and what each check that can report on it means.

Everything shown comes from data the program already has (the format definition, the list of
finding codes that the docs' table is also made from, the shortcut list below), escaped as text.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from forms.definition import FormatDefinition
from forms.finding_codes import CODES, CodeInfo
from gui.i18n import _, language
from gui.pages.page_titles import page_title, text_title
from gui.pages.specs import PageSpec
from gui.screen import fit_to_screen

if TYPE_CHECKING:
    from gui.wizard import WizardView

__all__ = ["GENERAL_KEYS", "TABLE_KEYS", "TEXT_KEYS", "HelpDialog", "help_html", "page_codes", "show_help"]

#: (keys, what they do) — the Chinese is the source text, translated by gui.i18n like every UI string
GENERAL_KEYS: tuple[tuple[str, str], ...] = (
    ("F1", "本页帮助"),
    ("Ctrl+S", "保存（修改也会自动保存）"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做（文字和表格共用一个撤销记录）"),
    ("Ctrl+F / Ctrl+H", "在整份报告中查找 / 查找并替换"),
    ("F3 / Shift+F3", "查找下一个 / 上一个"),
    ("Alt+→ / Alt+←", "下一步 / 上一步（也可用 Ctrl+PgDown / Ctrl+PgUp）"),
    ("F6 / Shift+F6", "在目录、本页、检查结果和预览之间切换"),
    ("F9", "显示或隐藏打印预览"),
    ("Tab / Shift+Tab", "移到下一个 / 上一个输入框"),
    ("Enter", "按下有焦点的按钮；在检查结果上按 Enter 跳到出错的地方"),
    ("Ctrl+P", "打印"),
)
TEXT_KEYS: tuple[tuple[str, str], ...] = (
    ("Ctrl+V", "粘贴（只保留文字，去掉格式）"),
)
TABLE_KEYS: tuple[tuple[str, str], ...] = (
    ("Tab / Shift+Tab", "在表格中沿行移动，到表尾进入下一张表"),
    ("Enter / Shift+Enter", "沿列移动"),
    ("F2", "修改格子里的数"),
    ("Delete", "清空选中的格子"),
    ("Ctrl+C / Ctrl+V", "复制 / 粘贴一块数据（可从 Excel、WPS 粘贴）"),
)


def page_codes(definition: FormatDefinition, spec: PageSpec) -> list[CodeInfo]:
    """The checks that can report on this page: the ones every format has for its kind of content,
    and those of the format's rules that concern its tables or texts. The review page lists all."""
    if spec.kind == "review":
        return list(CODES)
    kinds = {spec.kind} | ({"text"} if spec.texts else set())
    ids = set(spec.tables) | set(spec.texts)
    rule_types = {rule.type_name for rule in definition.rules if _concerns(rule.params, ids, bool(spec.texts))}
    if any(carry.to.table in spec.tables for carry in definition.carry_forward):
        rule_types.add("carry_forward")
    required = any(definition.text(t).required for t in spec.texts)
    return [info for info in CODES
            if kinds & set(info.where) and (not info.rules or rule_types & set(info.rules))
            and (info.code != "E_TEXT_EMPTY" or required)]


def _concerns(params: Any, ids: set[str], has_texts: bool) -> bool:
    """True when a rule's parameters name a table or text of the page ("*" names every text)."""
    for value in _strings(params):
        if value in ids or (value == "*" and has_texts):
            return True
    return False


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _strings(getattr(value, field.name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)


def _guidance(definition: FormatDefinition, spec: PageSpec) -> list[tuple[str, str]]:
    """(title, guidance) for each part of the page, in the UI language."""
    en = language() == "en"
    parts: list[tuple[str, str]] = []
    if spec.kind == "cover":
        parts += [(_("机关名称"), _("填写机关的全称，将印在报告标题中。")),
                  (_("落款机关"), _("报告末尾落款处的机关名称，一般与机关名称相同。")),
                  (_("成文日期"), _("报告的成文日期，例如 2021-01-14；应在报告年度结束之后，法定公布期限为次年1月31日。"))]
    for text_id in spec.texts:
        field = definition.text(text_id)
        parts.append((text_title(definition, text_id), field.guidance_en if en else field.guidance_zh))
    for table_id in spec.tables:
        table = definition.table(table_id)
        parts.append((table.title, _("填写本年度的数字；没有发生的请填 0，空白不会当作 0。灰色的合计格自动计算。")))
    if spec.kind == "review":
        parts.append((_("检查与提交"), _("这里列出整份报告的检查结果。改正全部错误后才能提交审核或导出定稿；"
                                      "提醒不妨碍提交，但请逐条看过。")))
    return parts


def _keys(spec: PageSpec) -> tuple[tuple[str, str], ...]:
    extra = TABLE_KEYS if spec.kind == "tables" else TEXT_KEYS if spec.texts else ()
    return extra + GENERAL_KEYS


def help_html(definition: FormatDefinition, spec: PageSpec | None) -> str:
    """The help text for ``spec`` (None: the start screen) as escaped HTML."""
    lang = language()
    esc = html.escape
    out = [f"<h2>{esc(_('帮助：{title}', title=page_title(definition, spec)) if spec else _('帮助'))}</h2>"]
    if spec is not None:
        out.append(f"<h3>{esc(_('填写要求'))}</h3>")
        for title, text in _guidance(definition, spec):
            out.append(f"<p><b>{esc(title)}</b><br>{esc(text)}</p>")
        out.append(f"<h3>{esc(_('本页的检查'))}</h3>")
        out.append(f"<p>{esc(_('错误必须改正后才能提交；提醒请核对，确实无误可以保留。'))}</p><ul>")
        for info in page_codes(definition, spec):
            meaning = info.meaning(lang)
            meaning = meaning[:1].upper() + meaning[1:] if lang == "en" else meaning
            colon = ": " if lang == "en" else "："
            severity = info.severity_text(lang)
            severity = severity[:1].upper() + severity[1:]
            out.append(f"<li><b>{esc(severity)}</b>{colon}{esc(meaning)} "
                       f"<span style='color:#777'>({esc(info.code)})</span></li>")
        out.append("</ul>")
    out.append(f"<h3>{esc(_('键盘操作'))}</h3><table cellspacing='0' cellpadding='3'>")
    for keys, what in (_keys(spec) if spec is not None else GENERAL_KEYS):
        out.append(f"<tr><td style='white-space:nowrap'><b>{esc(keys)}</b></td><td>{esc(_(what))}</td></tr>")
    out.append("</table>")
    return "".join(out)


class HelpDialog(QDialog):
    """A window beside the wizard (not modal: the clerk can keep typing while reading)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_("帮助"))
        self.setAccessibleName(_("帮助"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setAccessibleName(_("帮助内容"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        fit_to_screen(self, 620, 640)
        self._wizard: WizardView | None = None

    def set_page(self, definition: FormatDefinition | None, spec: PageSpec | None) -> None:
        self.browser.setHtml(_general_html() if definition is None else help_html(definition, spec))

    def follow(self, wizard: WizardView | None) -> None:
        """Keep the help on the wizard's page while it stays open."""
        if wizard is None or wizard is self._wizard:
            return
        self._wizard = wizard

        def page_shown(key: str) -> None:
            if self.isVisible():
                self.set_page(wizard.definition, wizard.by_key[key])

        wizard.pageShown.connect(page_shown)

    def show_for(self, definition: FormatDefinition | None, spec: PageSpec | None) -> None:
        self.set_page(definition, spec)
        self.show()
        self.raise_()
        self.activateWindow()


def _general_html() -> str:
    esc = html.escape
    rows = "".join(f"<tr><td style='white-space:nowrap'><b>{esc(k)}</b></td><td>{esc(_(w))}</td></tr>"
                   for k, w in GENERAL_KEYS)
    intro = _("先在草稿列表中新建或打开一份报告；向导按报告的顺序逐页填写，每页按 F1 可看该页的填写要求和检查说明。")
    return f"<h2>{esc(_('帮助'))}</h2><p>{esc(intro)}</p><h3>{esc(_('键盘操作'))}</h3><table cellpadding='3'>{rows}</table>"


def show_help(window: QWidget, wizard: WizardView | None) -> HelpDialog:
    """Open (or bring forward and update) the help window for the page on screen."""
    dialog = window.findChild(HelpDialog, "helpDialog")
    if dialog is None:
        dialog = HelpDialog(window)
    if wizard is None:
        dialog.show_for(None, None)
    else:
        dialog.follow(wizard)
        dialog.show_for(wizard.definition, wizard.by_key[wizard.current_key])
    return dialog
