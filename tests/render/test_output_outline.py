"""The outline every output is built from holds the PDF's texts in the PDF's order."""

from __future__ import annotations

import re

from output_helpers import outline_texts
from render_helpers import flat, page_texts

from forms import cell_values
from render.outline import Heading, Paragraph, Signature, TableBlock, Title, build_outline, cell_keys


def test_outline_follows_the_pdf_text_in_order(seed_draft, seed_pdf):
    pdf_text = flat("".join(page_texts(seed_pdf[0])))
    position = 0
    texts = outline_texts(seed_draft)
    assert len(texts) > 25
    for text in texts:
        found = pdf_text.find(flat(text), position)
        assert found >= position, f"not found in order in the PDF: {text[:40]}"
        position = found + len(flat(text))


def test_outline_blocks_of_the_seed(seed_draft):
    outline = build_outline(seed_draft)
    kinds = [type(b).__name__ for b in outline.blocks]
    assert kinds[0] == "Title" and kinds[-1] == "Signature"
    assert outline.blocks[0] == Title(("深圳市龙岗区政务服务数据管理局", "2020年政府信息公开工作年度报告"))
    headings = [b.text for b in outline.blocks if isinstance(b, Heading)]
    assert headings[:4] == ["一、总体情况", "（一）主动公开情况", "（二）依申请公开情况", "（三）政府信息规范化、标准化管理情况"]
    assert [b.section_id for b in outline.blocks if isinstance(b, TableBlock)] == ["2", "3", "4"]
    assert outline.blocks[-1] == Signature("深圳市龙岗区政务服务数据管理局", "2021年1月14日")
    assert outline.title == "深圳市龙岗区政务服务数据管理局2020年政府信息公开工作年度报告"


def test_cell_keys_place_every_value_of_every_table(seed_draft, sample_draft):
    for draft in (seed_draft, sample_draft):
        for block in build_outline(draft).blocks:
            if not isinstance(block, TableBlock):
                continue
            keys = cell_keys(block)
            values = {(r.top, r.left): r.value for r in block.grid.regions if r.kind == "value"}
            assert set(keys) == set(values)
            for position, (table, row, column) in keys.items():
                assert cell_values(draft, table)[(row, column)] == values[position]


def test_blank_lines_and_indentation_as_the_pdf_keeps_them(seed_draft):
    draft = seed_draft.copy()
    draft.texts["s5"] = "\n\n　　第一段\u0007\n\n  第二段\n\n"
    paragraphs = [b.text for b in build_outline(draft).blocks if isinstance(b, Paragraph) and b.text_id == "s5"]
    assert paragraphs == ["第一段", "", "第二段"]
    assert all(not re.search(r"[\x00-\x08]", b.text) for b in build_outline(draft).blocks if isinstance(b, Paragraph))
