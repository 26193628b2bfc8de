"""The preview pane renders in the background, shows every page, follows the current section."""

from __future__ import annotations

import io

from gui_helpers import give_focus, open_example, type_text

import forms


def test_preview_shows_the_report_pages(make_window, seed_path, qtbot):
    import render

    expected = render.render_report(forms.load_draft_file(seed_path), io.BytesIO(), watermark="草稿")
    window = make_window(preview=True)
    open_example(window, seed_path)
    wizard = window.wizard
    qtbot.waitUntil(lambda: wizard.preview is not None and wizard.preview.page_count > 0, timeout=20000)
    preview = wizard.preview
    assert preview.page_count == expected.page_count
    assert preview.document.pageCount() == expected.page_count
    assert preview.section_pages == {k: int(v) for k, v in {**expected.section_pages, **expected.text_pages}.items()}
    # The current section's page is shown, and for a subsection of 一 its own page.
    wizard.show_page("tables:3")
    qtbot.waitUntil(lambda: preview.current_page() == expected.section_pages["3"] - 1, timeout=3000)
    wizard.show_page("text:s1.oversight")
    assert expected.text_pages["s1.oversight"] != expected.section_pages["1"]
    qtbot.waitUntil(lambda: preview.current_page() == expected.text_pages["s1.oversight"] - 1, timeout=3000)
    # An edit re-renders in the background (debounced) without blocking the editor.
    wizard.show_page("text:s6")
    before = preview._job
    give_focus(wizard.current_page().block.editor)
    with qtbot.waitSignal(preview.rendered, timeout=20000):
        type_text("另外，本年度未收取信息处理费。")
    assert preview._job > before
    assert preview.page_count >= expected.page_count
    # Zoom and page buttons work.
    preview.zoom_by(1.25)
    preview.go_to(0)
    qtbot.waitUntil(lambda: preview.current_page() == 0, timeout=3000)


def test_watermark_follows_status(make_window, sample_path, monkeypatch):
    import gui.plain

    monkeypatch.setattr(gui.plain, "ask", lambda *_a, **_k: True)  # the approval's confirmation: 是
    window = make_window()
    window.set_identity("填报员", False)
    open_example(window, sample_path)
    actions = window.wizard.steps
    assert actions.watermark() == "草稿"
    assert actions.submit(note="")
    assert actions.watermark() == "待审核"
    window.set_identity("审核员", True)
    assert actions.approve()
    assert actions.watermark() is None
