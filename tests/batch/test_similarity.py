"""Copied-text share on hand-made cases."""

from __future__ import annotations

import pytest

from batch.similarity import copied_share, sentences


def test_identical_text_is_fully_copied() -> None:
    text = "本年度严格落实公开制度。加强政策解读工作。"
    assert copied_share(text, text).share == 1.0


def test_only_the_year_changed_still_counts_as_copied() -> None:
    last = "2021年共收到申请12件，全部按时答复。"
    this = "2022年共收到申请15件，全部按时答复。"
    assert copied_share(this, last).share == 1.0


def test_share_is_weighted_by_characters() -> None:
    copied = "围绕重点领域信息公开及时发布财政预决算信息。"  # 21 characters of content
    new = "新建成政务公开专区。"
    similarity = copied_share(copied + new, copied + "另一句完全不同的旧文字。")
    expected = len("围绕重点领域信息公开及时发布财政预决算信息") / (
        len("围绕重点领域信息公开及时发布财政预决算信息") + len("新建成政务公开专区"))
    assert similarity.share == pytest.approx(expected)
    assert similarity.copied == (copied,)


def test_new_text_shares_nothing_and_punctuation_does_not_matter() -> None:
    assert copied_share("今年新设立了政务服务热线。", "去年重点推进了档案数字化。").share == 0.0
    assert copied_share("加强政策解读，提升群众满意度。", "加强政策解读提升群众满意度").share == 1.0


def test_trivial_sentences_and_empty_text_are_ignored() -> None:
    assert sentences("无。\n暂无。") == []
    assert copied_share("", "任何文字都可以。").share == 0.0
