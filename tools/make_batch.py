"""Generate a realistic batch of units' reports for tests, benchmarks and demonstrations.

A prefecture-level city with counties, each with departments and townships (the shape of a real
roster), every unit's draft filled from the sample report with its own random but consistent
numbers (section 三 balances), plus the roster as CSV. ``python -m tools.make_batch OUT_DIR N``.
"""

from __future__ import annotations

import csv
import random
import sys
from decimal import Decimal
from pathlib import Path

import forms
from forms import Draft

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "examples" / "sample-2021.json"
DEPARTMENTS = ("教育局", "公安局", "民政局", "财政局", "人力资源和社会保障局", "自然资源局", "生态环境局", "住房和城乡建设局",
               "交通运输局", "水务局", "农业农村局", "商务局", "文化广电旅游体育局", "卫生健康委员会", "应急管理局",
               "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理和综合执法局")
TOWNSHIPS = ("东城街道办事处", "西城街道办事处", "南湖镇人民政府", "北山镇人民政府", "青石乡人民政府", "白沙镇人民政府",
             "桃源乡人民政府", "新华街道办事处", "长乐镇人民政府", "永安乡人民政府")
SENTENCES = ("本年度进一步完善了依申请公开办理流程，严格落实登记、审核、办理、答复、归档各环节要求。",
             "围绕重点领域信息公开，及时发布财政预决算、重大建设项目等信息。",
             "加强政策解读，通过图文、视频等多种形式解读政策文件。",
             "组织开展政务公开业务培训，提升工作人员业务能力。",
             "推进政务公开标准化规范化建设，更新完善公开目录。",
             "畅通政民互动渠道，认真办理群众留言并及时答复。")


def unit_names(count: int, city: str = "江南市") -> list[tuple[str, str, str]]:
    """(name, level, parent) for ``count`` units shaped like a city's roster."""
    units: list[tuple[str, str, str]] = [(f"{city}人民政府", "市", "")]
    county_number = 0
    while len(units) < count:
        county_number += 1
        county = f"{city}第{county_number}区人民政府"
        units.append((county, "县", f"{city}人民政府"))
        prefix = f"{city}第{county_number}区"
        for name in DEPARTMENTS:
            units.append((prefix + name, "部门", county))
        for name in TOWNSHIPS:
            units.append((prefix + name, "乡镇街道", county))
        for name in DEPARTMENTS:
            units.append((f"{city}{name}" if county_number == 1 else f"{city}{name}（第{county_number}批）", "部门", f"{city}人民政府"))
    return units[:count]


def random_draft(template: Draft, agency: str, rng: random.Random, year: int | None = None) -> Draft:
    """The template's texts and a fresh, consistent set of numbers for ``agency``."""
    draft = template.copy()
    draft.agency = agency
    draft.signature.agency = agency
    if year is not None:
        draft.year = year
    draft.values.clear()
    draft.stated.clear()
    definition = draft.definition
    for table in definition.tables:
        if table.id == "t3":
            continue
        for row, column in table.input_cells():
            if column.kind == "money":
                draft.values[(table.id, row.id, column.id)] = forms.check_value("money", Decimal(rng.choice(["0", "0", "1.5", "12.25"])))
            elif column.kind == "signed":
                draft.values[(table.id, row.id, column.id)] = rng.randint(0, 5)
            else:
                draft.values[(table.id, row.id, column.id)] = rng.randint(0, 40)
    _balanced_t3(draft, rng)
    texts = dict(draft.texts)
    for text_id, text in texts.items():
        if text and rng.random() < 0.5:
            draft.texts[text_id] = text + rng.choice(SENTENCES)
    return draft


def _balanced_t3(draft: Draft, rng: random.Random) -> None:
    table = draft.definition.table("t3")
    result_rows = [r for r in table.rows if not r.computed and r.id not in ("new", "carried_in", "carry_over")]
    for column in table.columns:
        if column.computed:
            continue
        results = 0
        for row in result_rows:
            value = rng.choice([0, 0, 0, 1, 2, rng.randint(0, 30)])
            draft.values[("t3", row.id, column.id)] = value
            results += value
        carry_over = rng.randint(0, 3)
        carried_in = rng.randint(0, min(3, results + carry_over))
        draft.values[("t3", "carry_over", column.id)] = carry_over
        draft.values[("t3", "carried_in", column.id)] = carried_in
        draft.values[("t3", "new", column.id)] = results + carry_over - carried_in


def make_batch(folder: Path, count: int, *, seed: int = 1, year: int = 2021) -> Path:
    """Write ``count`` drafts and ``roster.csv`` into ``folder``; returns the roster's path."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    template = forms.load_draft_file(TEMPLATE)
    units = unit_names(count)
    for number, (name, _level, _parent) in enumerate(units):
        forms.save_draft_file(random_draft(template, name, rng, year), folder / f"{number:04d}-{name}.json")
    roster = folder.parent / f"{folder.name}-roster.csv"
    with open(roster, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["单位名称", "层级", "上级单位", "联系人"])
        for name, level, parent in units:
            writer.writerow([name, level, parent, "张三 0755-00000000"])
    return roster


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "batch-demo")
    print(make_batch(out, int(sys.argv[2]) if len(sys.argv) > 2 else 60))
