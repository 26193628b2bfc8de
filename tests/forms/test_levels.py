"""The agency level: the guess from the name, the draft field and its migration, and the rule that
a township makes no 规章."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms import load_draft_file, loads_draft, new_draft, validate
from forms.draft_json import dumps_draft
from forms.levels import LEVELS, infer_level, level_label

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

NAMES = [
    ("微山县两城镇人民政府", "township"),
    ("两城镇人民政府", "township"),
    ("某某县某某乡人民政府", "township"),
    ("某某民族乡人民政府", "township"),
    ("深圳市龙岗区南湾街道办事处", "township"),
    ("南湾街道办事处", "township"),
    ("城关街道", "township"),
    ("某某镇", "township"),
    ("某某乡", "township"),
    ("某某旗某某苏木", "township"),
    ("深圳市龙岗区政务服务数据管理局", "department"),
    ("桃江县审计局", "department"),
    ("文登区住房和城乡建设局", "department"),
    ("某某市发展和改革委员会", "department"),
    ("某某市卫生健康委", "department"),
    ("某某县人民政府办公室", "department"),
    ("深圳市人民政府办公厅", "department"),
    ("广东省教育厅", "department"),
    ("某某市政务服务中心", "department"),
    ("某某镇人民政府办公室", "department"),
    ("某某区某某街道城市管理局", "department"),
    ("广东省人民政府", "province"),
    ("广西壮族自治区人民政府", "province"),
    ("上海市人民政府", "province"),
    ("深圳市人民政府", "city"),
    ("延边朝鲜族自治州人民政府", "city"),
    ("某某地区行政公署", "city"),
    ("龙岗区人民政府", "county"),
    ("桃江县人民政府", "county"),
    ("某某自治县人民政府", "county"),
    ("某某旗人民政府", "county"),
    ("某某有限公司", "unknown"),
    ("", "unknown"),
    ("  ", "unknown"),
]


@pytest.mark.parametrize("name, level", NAMES, ids=[n or "empty" for n, _ in NAMES])
def test_level_guessed_from_the_name(name: str, level: str) -> None:
    assert infer_level(name) == level


def test_every_level_has_a_label_in_both_languages() -> None:
    assert [level_label(x) for x in LEVELS] == ["省", "市", "县", "乡镇街道", "部门", "未知"]
    assert all(level_label(x, "en") for x in LEVELS)


def test_new_draft_guesses_the_level_and_the_file_keeps_it() -> None:
    draft = new_draft("某某县某某镇人民政府", 2022)
    assert draft.level == "township"
    draft.level = "county"  # edited by the clerk: kept, not guessed again
    assert loads_draft(dumps_draft(draft)).level == "county"


def test_a_version_1_file_gets_the_level_from_the_agency() -> None:
    data = json.loads((EXAMPLES / "longgang-2020.json").read_text(encoding="utf-8"))
    data["schema_version"] = 1
    del data["level"]
    data["agency"] = "深圳市龙岗区南湾街道办事处"
    draft = loads_draft(json.dumps(data, ensure_ascii=False))
    assert draft.level == "township"
    written = json.loads(dumps_draft(draft))
    assert written["schema_version"] == 2 and written["level"] == "township"


def test_a_version_2_file_needs_a_known_level() -> None:
    data = json.loads((EXAMPLES / "sample-2021.json").read_text(encoding="utf-8"))
    del data["level"]
    with pytest.raises(Exception, match="level"):
        loads_draft(json.dumps(data, ensure_ascii=False))


@pytest.mark.parametrize(
    "year, cells",
    [(2021, [("t2_1", "rules", "issued"), ("t2_1", "rules", "valid")]), (2020, [("t2_1", "rules", "new_made"), ("t2_1", "rules", "public_total")])],
)
def test_a_township_making_rules_is_a_warning(year: int, cells: list[tuple[str, str, str]]) -> None:
    draft = new_draft("某某县某某镇人民政府", year)
    for table, row, column in cells:
        draft.set_value(table, row, column, 0)
    assert [f for f in validate(draft) if f.code == "W_LEVEL_CELL"] == []
    for table, row, column in cells:
        draft.set_value(table, row, column, 2)
    found = [f for f in validate(draft) if f.code == "W_LEVEL_CELL"]
    assert [(f.location.row, f.location.column) for f in found] == [(r, c) for _, r, c in cells]
    assert all(f.severity == "warning" and "乡镇街道" in f.zh and "规章" in f.zh and "为 2" in f.zh for f in found)
    draft.level = "city"
    assert [f for f in validate(draft) if f.code == "W_LEVEL_CELL"] == []


def test_examples_are_departments() -> None:
    assert {load_draft_file(p).level for p in EXAMPLES.glob("*.json")} == {"department"}


def test_new_from_last_year_keeps_the_corrected_level() -> None:
    from storage.carry import next_year_draft

    last = new_draft("某某市某某区某某街道城市管理局", 2021)  # guessed: department
    last.level = "township"  # the clerk knows better
    assert next_year_draft(last).level == "township"
