"""The cover page: agency, year, format, signature agency, date of issue and the optional preface."""

from __future__ import annotations

import datetime as dt
import re
from functools import partial

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QWidget

import forms
from forms import limits
from gui.i18n import _, language
from gui.pages.page_base import PageContext, WizardPage
from gui.pages.specs import PageSpec
from gui.pages.text_block import TextBlock
from gui.pages.text_undo import FieldBinding, UndoLineEdit
from gui.plain import plain_label

__all__ = ["CoverPage", "LevelCommand", "parse_date"]

_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> dt.date | None:
    """'2021-01-14', '2021/1/14' or '2021年1月14日'; raises ValueError for anything else."""
    if not text.strip():
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError(text)
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


class LevelCommand(QUndoCommand):
    """The clerk picked the agency's level: one undo step that also restores whether the level was
    still following the agency name."""

    def __init__(self, page: CoverPage, old: tuple[str, bool], new: tuple[str, bool]) -> None:
        super().__init__("level")
        self.page = page
        self.old = old
        self.new = new
        self._first = True

    def redo(self) -> None:
        self.page.apply_level(*self.new, show=not self._first)
        self._first = False

    def undo(self) -> None:
        self.page.apply_level(*self.old, show=True)


class CoverPage(WizardPage):
    def __init__(self, spec: PageSpec, ctx: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(spec, ctx, parent)
        self._typed_date: str | None = None
        draft = self.session.draft
        reveal = partial(ctx.reveal, spec.key)
        form = QFormLayout()
        stack = self.session.stack

        self.agency = UndoLineEdit(FieldBinding("agency", lambda: self.session.draft.agency, self._set_agency, reveal), stack, self,
                                   limit=limits.AGENCY_MAX_CHARS, what=_("机关名称"))
        self.agency.setAccessibleName(_("机关名称"))
        form.addRow(self._label(_("机关名称(&A)"), self.agency), self.agency)

        # The level follows the agency name (forms.infer_level) until the clerk picks one: a draft
        # whose stored level is neither the guess nor 未知 was picked by someone before.
        level = draft.level
        self._level_chosen = level not in ("unknown", forms.infer_level(draft.agency))
        self.level = QComboBox(self)
        for code in forms.LEVELS:
            self.level.addItem(forms.level_label(code, language()), code)
        self.level.setAccessibleName(_("机关层级"))
        self.level.setToolTip(_("按机关名称自动推断，可以修改。乡镇、街道不能制定规章，相关数字会被检查。"))
        self.level.activated.connect(self._level_picked)
        self.level_note = plain_label("", self)
        self.level_note.setStyleSheet("color:#555")
        level_row = QHBoxLayout()
        level_row.addWidget(self.level)
        level_row.addWidget(self.level_note, 1)
        form.addRow(self._label(_("机关层级(&L)"), self.level), level_row)
        self._show_level()

        year = plain_label(str(draft.year), self)
        year.setAccessibleName(_("报告年度"))
        form.addRow(plain_label(_("报告年度"), self), year)
        definition = self.definition
        name = definition.name_en if language() == "en" else definition.name_zh
        fmt = plain_label(_("{name}（{doc}）", name=name, doc=definition.issued_by), self, wrap=True)
        fmt.setAccessibleName(_("报告格式"))
        form.addRow(plain_label(_("报告格式"), self), fmt)

        self.signature = UndoLineEdit(
            FieldBinding("signature.agency", lambda: self.session.draft.signature.agency, self._set_signature, reveal), stack, self,
            limit=limits.AGENCY_MAX_CHARS, what=_("落款机关"))
        self.signature.setAccessibleName(_("落款机关"))
        form.addRow(self._label(_("落款机关(&S)"), self.signature), self.signature)

        self.date = UndoLineEdit(FieldBinding("signature.date", self._date_text, self._set_date, reveal), stack, self,
                                 limit=40, what=_("成文日期"))
        self.date.setAccessibleName(_("成文日期"))
        self.date.setPlaceholderText(_("例如 2021-01-14"))
        form.addRow(self._label(_("成文日期(&D)"), self.date), self.date)
        self.date_error = plain_label("", self)
        self.date_error.setStyleSheet("color: #c62828")
        self.date_error.setAccessibleName(_("成文日期错误"))
        self.date_error.hide()
        form.addRow(plain_label("", self), self.date_error)
        self.main.addLayout(form)
        self.preface: TextBlock | None = None
        for text_id in spec.texts:
            self.preface = TextBlock(self.session, text_id, reveal, parent=self)
            self.main.addWidget(self.preface, 1)
            field = definition.text(text_id)
            self.add_guidance(_("前言填写提示"), field.guidance_en if language() == "en" else field.guidance_zh)
        if definition.last_year is None:
            years = _("{first} 年度起的报告使用本格式。", first=definition.first_year)
        else:
            years = _("{first}—{last} 年度的报告使用本格式。", first=definition.first_year, last=definition.last_year)
        self.add_guidance(_("说明"), _("报告年度和格式在新建时确定。") + years)
        self.finish_side()

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = plain_label(text, self)
        label.setBuddy(buddy)
        return label

    def _set_agency(self, text: str) -> None:
        """Also on undo/redo of the name: a level that follows the name follows it both ways."""
        self.session.draft.agency = text
        if not self._level_chosen:
            self.session.draft.level = forms.infer_level(text)
            self._show_level()

    # ------------------------------------------------------------------ level
    def _level_picked(self, index: int) -> None:
        code = self.level.itemData(index)
        draft = self.session.draft
        if code == draft.level and self._level_chosen:
            return
        self.session.stack.push(LevelCommand(self, (draft.level, self._level_chosen), (str(code), True)))

    def apply_level(self, level: str, chosen: bool, show: bool) -> None:
        """Set the draft's level (from LevelCommand); ``show`` brings the cover page and the combo into view."""
        self.session.draft.level = level
        self._level_chosen = chosen
        self._show_level()
        if show:
            self.ctx.reveal(self.spec.key)
            self.level.setFocus()

    def _show_level(self) -> None:
        index = self.level.findData(self.session.draft.level)
        self.level.blockSignals(True)
        self.level.setCurrentIndex(index if index >= 0 else self.level.findData("unknown"))
        self.level.blockSignals(False)
        self.level_note.setText("" if self._level_chosen else _("（按机关名称推断）"))

    def _set_signature(self, text: str) -> None:
        self.session.draft.signature.agency = text

    def _date_text(self) -> str:
        if self._typed_date is not None:
            return self._typed_date
        date = self.session.draft.signature.date
        return date.isoformat() if date else ""

    def _set_date(self, text: str) -> None:
        """Keep what was typed on screen; the draft gets the date once it reads as one."""
        try:
            self.session.draft.signature.date = parse_date(text)
            self._typed_date = None
            self.date_error.hide()
        except ValueError:
            self._typed_date = text
            self.date_error.setText(_("请按“2021-01-14”的样式填写日期"))
            self.date_error.show()

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.agency, self.signature, self.date):
            edit.setReadOnly(read_only)
        self.level.setEnabled(not read_only)
        if self.preface is not None:
            self.preface.set_read_only(read_only)

    def focus_location(self, location: forms.Location) -> None:
        field = location.field or ""
        if field == "level":
            self.level.setFocus()
        elif field.startswith("signature.date"):
            self.date.setFocus()
        elif field.startswith("signature"):
            self.signature.setFocus()
        elif location.text and self.preface is not None:
            self.preface.editor.setFocus()
        else:
            self.agency.setFocus()

    def focus_first(self) -> None:
        self.agency.setFocus()

    def refresh(self) -> None:
        self.agency.show_value(self.session.draft.agency)
        self._show_level()
        self.signature.show_value(self.session.draft.signature.agency)
        self.date.show_value(self._date_text())
        if self.preface is not None:
            self.preface.refresh()
