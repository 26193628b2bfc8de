"""The format is told from the table wording, even when PDF extraction scrambles the header lines."""

from __future__ import annotations

import pytest

from importer.detect import detect_format


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第二十条第（一）项 信息内容 本年新 制作数量 本年新 公开数量 对外公开总数量 规章 0 0 0", "2019"),
        ("本年新 对外公开 本年新 制作数量 公开数量 总数量", "2019"),  # header cells broken and out of order
        ("信息内容 上一年项目数量 本年增/减 处理决定数量", "2019"),
        ("信息内容 本年制发件数 本年废止件数 现行有效件数", "2021"),
        ("信息内容 本年制 现行有 本年废 发件数 效件数 止件数 第二十条第（五）项 信息内容 本年处理 决定数量", "2021"),
        ("（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "2021"),
        ("这里没有表格。", None),
    ],
)
def test_detect_format(text: str, expected: str | None) -> None:
    assert detect_format(text).format_id == expected
