"""Text from files, from the clerk and from error details is shown as plain text, never as HTML.

Every widget that shows outside text gets an agency name, comment, heading, host name or error
detail holding ``<img src="PROBE">``. Qt would open PROBE to lay out rich text; a kernel inotify
watch on the file (which sees Qt's own C++ file access) and a Python audit hook record every open.
A control label with rich text proves the spy sees Qt's access.
"""

from __future__ import annotations

import ctypes
import json
import os
import sys
from pathlib import Path

import pytest
import shiboken6
from gui_helpers import spin
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QToolTip, QWidget

import forms

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the file-open spy uses inotify")

IN_OPEN, IN_ACCESS = 0x20, 0x01


class OpenSpy:
    """Counts opens of one file, by any code in this process (inotify) and by Python (audit hook)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._libc = ctypes.CDLL("libc.so.6", use_errno=True)
        self._fd = self._libc.inotify_init1(os.O_NONBLOCK)
        assert self._fd >= 0 and self._libc.inotify_add_watch(self._fd, str(path).encode(), IN_OPEN | IN_ACCESS) >= 0
        self.python_opens: list[str] = []
        self.kernel_events = 0
        sys.addaudithook(self._audit)

    def _audit(self, event: str, args: tuple) -> None:
        if event == "open" and args and str(self.path) in str(args[0]):
            self.python_opens.append(str(args[0]))

    def opened(self) -> int:
        """Opens seen since the last call."""
        QApplication.processEvents()
        try:
            self.kernel_events += len(os.read(self._fd, 65536)) // 16  # no file name: 16-byte events
        except BlockingIOError:
            pass
        count, self.kernel_events = self.kernel_events + len(self.python_opens), 0
        self.python_opens.clear()
        return count

    def close(self) -> None:
        os.close(self._fd)


@pytest.fixture
def probe(tmp_path: Path):
    from PIL import Image

    path = tmp_path / "p.png"
    Image.new("RGB", (8, 8), "red").save(path)
    spy = OpenSpy(path)
    yield spy
    spy.close()


@pytest.fixture
def shown_boxes(monkeypatch):
    """Message boxes are really laid out and painted (not only recorded), then closed."""
    texts: list[str] = []

    def show(box: QMessageBox) -> int:
        texts.append(f"{box.text()} {box.informativeText()}")
        box.show()
        box.grab()
        box.close()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", show)
    return texts


def _paint_everything(root: QWidget) -> None:
    """Lay out and paint ``root`` and show every tooltip it carries (tooltips are rich text by default)."""
    root.grab()
    spin(20)
    for widget in [root, *root.findChildren(QWidget)]:
        if shiboken6.isValid(widget) and widget.toolTip():
            QToolTip.showText(QPoint(10, 10), widget.toolTip(), widget)
    from PySide6.QtWidgets import QListWidget, QTreeWidget

    for tree in root.findChildren(QTreeWidget):
        for item in _tree_items(tree):
            if item.toolTip(0):
                QToolTip.showText(QPoint(10, 10), item.toolTip(0), tree)
    for listing in root.findChildren(QListWidget):
        for i in range(listing.count()):
            if listing.item(i).toolTip():
                QToolTip.showText(QPoint(10, 10), listing.item(i).toolTip(), listing)
    QToolTip.hideText()
    spin(10)


def _tree_items(tree):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))


def _rich_labels(root: QWidget) -> list[str]:
    return [f"{type(label.parent()).__name__}: {label.text()[:40]!r}" for label in root.findChildren(QLabel)
            if shiboken6.isValid(label) and label.text() and label.metaObject().className() != "QTipLabel"
            and label.textFormat() != Qt.TextFormat.PlainText]


def test_the_spy_sees_qt_open_an_image_from_rich_text(qapp, probe):
    label = QLabel(f'<img src="{probe.path}">')  # the default AutoText: rich text
    label.show()
    label.grab()
    assert probe.opened() >= 1
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(f'<img src="{probe.path}"> 2')
    label.grab()
    assert probe.opened() == 0


def test_no_widget_opens_a_file_named_in_outside_text(make_window, store, probe, shown_boxes, tmp_path, monkeypatch):
    import storage
    from common.errors import AppError
    from gui.errors import show_error
    from gui.start.dialogs import CopyTextsDialog, HistoryDialog, ImportReportDialog, NewDraftDialog, TrashDialog

    markup = f'<img src="{probe.path}">'
    assert len(markup) <= forms.limits.HEADING_MAX_CHARS
    draft = forms.new_draft(f"{markup}局", 2024)
    draft.signature.agency = markup
    subsection = next(t for t in draft.definition.texts if t.kind == "subsection").id
    draft.headings[subsection] = markup
    draft.texts["s5"] = f"第一段{markup}"
    draft_id = store.create(draft)
    other = store.create(forms.new_draft(f"另一个{markup}", 2023))
    store.submit(draft_id, markup)
    store.add_comment(draft_id, "5", markup, f"意见{markup}")
    store.return_draft(draft_id, markup, f"退回{markup}")

    # start screen, read-only note with another PC's host name, delete notice, trash, history
    window = make_window(preview=True)
    window.start.set_read_only(f"计算机 {markup} 正在使用这些草稿")
    window.start.select_id(other)
    assert window.actions_.do_delete()
    _paint_everything(window)
    assert probe.opened() == 0, "start screen"
    assert "<img" in window.start.notice.text.text()
    for dialog in (TrashDialog(store, window), HistoryDialog(store, draft_id, window), NewDraftDialog(window, markup),
                   CopyTextsDialog(window, markup, 2023), ImportReportDialog(_report_with(markup), window)):
        dialog.show()
        _paint_everything(dialog)
        assert probe.opened() == 0, type(dialog).__name__
        assert not _rich_labels(dialog), _rich_labels(dialog)
        dialog.close()

    # the store's open report (a lock file naming another PC) and an import refused for an unknown key
    monkeypatch.setattr(store, "open_report", [storage.OpenMessage("locked", f"被 {markup} 锁定", f"locked by {markup}")])
    window.store = None
    window.ensure_store()
    bad = tmp_path / "bad.nianbao"
    bad.write_text(json.dumps({"schema": "nianbao-exchange", "schema_version": 1, markup: 1}), encoding="utf-8")
    window.actions_.do_import(str(bad))
    show_error(window, markup, AppError(f"错误{markup}", f"error {markup}", advice_zh=markup))
    assert any("<img" in text for text in shown_boxes) and len(shown_boxes) >= 3
    assert probe.opened() == 0, "message boxes"

    # every wizard page, with the returned comment in the review bar and the comment boxes
    window.open_draft(draft_id)
    wizard = window.wizard
    assert wizard is not None
    for spec in wizard.specs:
        wizard.show_page(spec.key)
        _paint_everything(window)
    assert "<img" in wizard.review_bar.message.text()
    finding = forms.Finding("error", "X", forms.Location(section="5"), f"问题{markup}", f"problem {markup}")
    wizard.findings_panel.set_findings([finding])
    window.save_label.setText(markup)
    window.session.last_error = AppError(markup, markup)
    window.show_save_error()
    _paint_everything(window)
    if wizard.preview is not None:
        from common.errors import AppError as Error

        wizard.preview._failed(0, Error(markup, markup))
        _paint_everything(window)
    assert probe.opened() == 0, "wizard"
    assert not _rich_labels(window), _rich_labels(window)

    # a store another PC holds: the banner names that PC
    monkeypatch.setattr(type(store), "read_only_reason", property(lambda self: f"{markup} 正在使用"), raising=False)
    wizard.apply_review_state()
    window.show_start()
    _paint_everything(window)
    assert "<img" in window.start.read_only_note.text()
    window.open_draft(draft_id)
    _paint_everything(window)
    assert window.wizard is not None and "<img" in window.wizard.review_bar.message.text()
    assert probe.opened() == 0, "read-only store"


def _report_with(markup: str):
    import importer

    report = importer.ImportReport()
    report.add("cover", "note", f"读到{markup}", f"read {markup}")
    return report
