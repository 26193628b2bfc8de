"""The format definitions hold every row and column of the official tables.

The expected lists below are written independently from the JSON files (from the format documents,
shared/formats.md), so a typo or a dropped row in a definition file fails here.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from forms.catalog import FORMATS_DIR, available_formats, format_for_year, load_format, parse_format
from forms.definition import FormatDefinitionError

ROOT = Path(__file__).resolve().parents[2]

T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T3_ROWS_COMMON_HEAD = [
    ("一、本年新收政府信息公开申请数量",),
    ("二、上年结转政府信息公开申请数量",),
    ("三、本年度办理结果", "（一）予以公开"),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"),
    ("三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("三、本年度办理结果", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("三、本年度办理结果", "（三）不予公开", "4.保护第三方合法权益"),
    ("三、本年度办理结果", "（三）不予公开", "5.属于三类内部事务信息"),
    ("三、本年度办理结果", "（三）不予公开", "6.属于四类过程性信息"),
    ("三、本年度办理结果", "（三）不予公开", "7.属于行政执法案卷"),
    ("三、本年度办理结果", "（三）不予公开", "8.属于行政查询事项"),
    ("三、本年度办理结果", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("三、本年度办理结果", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("三、本年度办理结果", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("三、本年度办理结果", "（五）不予处理", "1.信访举报投诉类申请"),
    ("三、本年度办理结果", "（五）不予处理", "2.重复申请"),
    ("三、本年度办理结果", "（五）不予处理", "3.要求提供公开出版物"),
    ("三、本年度办理结果", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("三、本年度办理结果", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
]
T3_ROWS_TAIL = [("三、本年度办理结果", "（七）总计"), ("四、结转下年度继续办理",)]
T3_OTHER_2019 = [("三、本年度办理结果", "（六）其他处理")]
T3_OTHER_2021 = [
    ("三、本年度办理结果", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("三、本年度办理结果", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("三、本年度办理结果", "（六）其他处理", "3.其他"),
]
T4_LEAVES = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3

SECTION_2 = {
    "2019": [
        ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "规范性文件"]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政许可", "其他对外管理服务事项"]),
        ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"], ["行政事业性收费"]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["政府集中采购"]),
    ],
    "2021": [
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "行政规范性文件"]),
        ("第二十条第（五）项", ["本年处理决定数量"], ["行政许可"]),
        ("第二十条第（六）项", ["本年处理决定数量"], ["行政处罚", "行政强制"]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["行政事业性收费"]),
    ],
}
SECTION_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def leaf_header_texts(table) -> list[str]:
    grid = table.header_grid()
    return [grid[-1][c][0].text for c in range(table.label_columns, table.label_columns + len(table.columns))]


def test_both_formats_are_shipped() -> None:
    assert available_formats() == ["2019", "2021"]


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_six_sections_with_printed_headings(fid: str) -> None:
    assert [s.heading for s in load_format(fid).sections] == SECTION_HEADINGS


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_section_3_rows_and_columns(fid: str) -> None:
    t3 = load_format(fid).table("t3")
    other = T3_OTHER_2019 if fid == "2019" else T3_OTHER_2021
    assert [r.labels for r in t3.rows] == T3_ROWS_COMMON_HEAD + other + T3_ROWS_TAIL
    assert leaf_header_texts(t3) == T3_COLUMNS
    assert len(t3.rows) * len(t3.columns) == (23 if fid == "2019" else 25) * 7
    grid = t3.header_grid()
    note = grid[0][0][0]
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (note.rowspan, note.colspan) == (3, 3)
    assert grid[0][3][0].text == "申请人情况" and grid[0][3][0].colspan == 7
    assert grid[1][4][0].text == "法人或其他组织" and grid[1][4][0].colspan == 5


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_section_3_computed_cells(fid: str) -> None:
    t3 = load_format(fid).table("t3")
    assert [c.id for c in t3.columns if c.computed] == ["total"]
    assert set(t3.column("total").computed_from) == {"natural", "commercial", "research", "nonprofit", "legal", "other"}
    total_row = t3.row("results_total")
    result_rows = [r.id for r in t3.rows if r.labels[0] == "三、本年度办理结果" and r.id != "results_total"]
    assert list(total_row.computed_from) == result_rows
    assert len(result_rows) == (19 if fid == "2019" else 21)


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_section_4_header_and_totals(fid: str) -> None:
    t4 = load_format(fid).table("t4")
    assert t4.label_columns == 0 and len(t4.rows) == 1
    assert leaf_header_texts(t4) == T4_LEAVES
    grid = t4.header_grid()
    assert grid[0][0][0].text == "行政复议" and grid[0][0][0].rowspan == 2 and grid[0][0][0].colspan == 5
    assert grid[0][5][0].text == "行政诉讼" and grid[0][5][0].colspan == 10
    assert [grid[1][c][0].text for c in (5, 10)] == ["未经复议直接起诉", "复议后起诉"]
    computed = [c for c in t4.columns if c.computed]
    assert [c.id for c in computed] == ["review_total", "direct_total", "after_total"]
    assert all(len(c.computed_from) == 4 for c in computed)


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_section_2_blocks(fid: str) -> None:
    definition = load_format(fid)
    tables = [definition.table(t) for t in definition.section("2").tables]
    got = [(t.title, leaf_header_texts(t), [r.label for r in t.rows]) for t in tables]
    assert got == SECTION_2[fid]
    for t in tables:
        assert t.header_grid()[-1][0][0].text == "信息内容"


def test_cell_kinds() -> None:
    f19, f21 = load_format("2019"), load_format("2021")
    assert f19.table("t2_5").column("change").kind == "signed"
    assert f19.table("t2_9").column("amount").kind == "money" and f19.table("t2_9").column("amount").unit == "万元"
    assert f21.table("t2_8").column("amount").kind == "money"
    assert all(c.kind == "count" for c in f21.table("t3").columns)


def test_format_chosen_from_year() -> None:
    assert [format_for_year(y).id for y in (2019, 2020, 2021, 2025)] == ["2019", "2019", "2021", "2021"]


def test_format_for_year_and_covers_year_are_one_notion() -> None:
    from forms.limits import YEAR_MAX, YEAR_MIN

    for year in range(YEAR_MIN, YEAR_MAX + 1):
        chosen = format_for_year(year)
        covering = [f for f in available_formats() if load_format(f).covers_year(year)]
        assert covering == ([chosen.id] if year >= 2019 else [])
    assert format_for_year(YEAR_MIN).id == "2019"  # before the first format: the oldest layout


def test_subsections_of_section_1_have_guidance() -> None:
    for fid in ("2019", "2021"):
        definition = load_format(fid)
        subs = [t for t in definition.texts if t.kind == "subsection"]
        assert [t.number for t in subs] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
        assert all(len(t.guidance_zh) > 10 and t.guidance_en for t in definition.texts)
    assert "信息处理费" in load_format("2021").text("s6").guidance_zh


# --------------------------------------------------------------------------- malformed definitions


def raw_2019() -> dict:
    return json.loads((FORMATS_DIR / "2019.json").read_text(encoding="utf-8"))


def mutate(change) -> str:
    raw = copy.deepcopy(raw_2019())
    change(raw)
    with pytest.raises(FormatDefinitionError) as info:
        parse_format(raw, source="broken.json")
    return str(info.value)


def test_unmodified_definition_parses() -> None:
    assert parse_format(raw_2019()).id == "2019"


@pytest.mark.parametrize(
    "change, expected",
    [
        (lambda r: r["tables"][5]["columns"][0].update(kind="float"), "unknown cell kind 'float'"),
        (lambda r: r["tables"][5]["columns"][6]["computed"]["sum"].append("nope"), "'nope' is not an input column"),
        (lambda r: r["tables"][5]["header"][0][1].update(colspan=8), "does not fit"),
        (lambda r: r["tables"][5]["header"][2].pop(), "does not cover"),
        (lambda r: r["sections"].pop(), "six sections"),
        (lambda r: r["sections"][2]["tables"].append("t9"), "unknown table 't9'"),
        (lambda r: r["rules"][0].update(left=["new", "ghost"]), "unknown row 'ghost'"),
        (lambda r: r["rules"][0].update(type="magic"), "unknown rule type 'magic'"),
        (lambda r: r["rules"][9]["quantities"][1]["patterns"].append("收到(申请{N}"), "invalid regular expression"),
        (lambda r: r["rules"][9]["quantities"][1]["patterns"].append("收到申请"), "must hold {N}"),
        (lambda r: r["rules"][9]["quantities"][1]["cells"][0].update(row="ghost"), "unknown row 'ghost'"),
        (lambda r: r["rules"][0].update(statment={"zh": "x", "en": "x"}), "unknown parameter"),
        (lambda r: r["rules"][0].pop("statement"), "missing 'statement'"),
        (lambda r: r["rules"][6].update(levels=["village"]), "unknown level 'village'"),
        (lambda r: r["rules"][8].update(texts=["nowhere"]), "unknown text 'nowhere'"),
        (lambda r: r["rules"][8]["patterns"].append("(\\d+)年(\\d+)"), "exactly one capturing group"),
        (lambda r: r["tables"][5]["rows"].append(dict(r["tables"][5]["rows"][0])), "duplicate id 'new'"),
        (lambda r: r.pop("texts"), "missing 'texts'"),
        (lambda r: r["texts"][0].update(required="yes"), "expected true/false"),
        (lambda r: r["tables"][4]["columns"][1].pop("unit"), "money column needs a unit"),
        (lambda r: r["carry_forward"][0]["from"][0].update(row="nowhere"), "unknown row 'nowhere'"),
    ],
)
def test_malformed_definition_fails_loudly(change, expected: str) -> None:
    message = mutate(change)
    assert message.startswith("broken.json: $")
    assert expected in message


def test_unreadable_definition_file(tmp_path) -> None:
    from forms.catalog import load_format_file

    bad = tmp_path / "2030.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(FormatDefinitionError, match="2030.json: cannot read"):
        load_format_file(bad)


def test_a_new_rule_type_is_one_class_plus_the_json() -> None:
    """Defining a Rule subclass is all the code a new rule type needs; the format file uses it."""
    from dataclasses import dataclass

    from forms import new_draft, validate
    from forms.findings import Finding, Location
    from forms.rules import ParamReader, Rule

    @dataclass(frozen=True)
    class AtMostParams:
        table: str
        column: str
        most: int

    class AtMostRule(Rule[AtMostParams]):
        type_name = "at_most_for_this_test"

        @classmethod
        def read_params(cls, reader: ParamReader) -> AtMostParams:
            table = reader.table()
            return AtMostParams(table.id, reader.column(table, "column"), reader.integer("most", 0))

        def check(self, ctx) -> list[Finding]:  # type: ignore[no-untyped-def]
            table = ctx.definition.table(self.params.table)
            return [
                Finding(self.severity, "W_AT_MOST", Location(table=table.id, row=r.id), "太多", "too many")
                for r in table.rows
                if (ctx.value(table.id, r.id, self.params.column) or 0) > self.params.most
            ]

    try:
        raw = raw_2019()
        raw["rules"].append({"type": "at_most_for_this_test", "table": "t2_5", "column": "decisions", "most": 10})
        definition = parse_format(raw)
        rule = definition.rules[-1]
        assert isinstance(rule, AtMostRule) and rule.params == AtMostParams("t2_5", "decisions", 10)
        assert rule.severity == "warning"
        draft = new_draft("某局", 2020)
        draft.set_value("t2_5", "licensing", "decisions", 11)
        from forms.rules.context import Context

        assert [f.location.row for f in rule.check(Context(draft, definition))] == ["licensing"]
        raw["rules"][-1]["column"] = "nope"
        with pytest.raises(FormatDefinitionError, match="unknown column 'nope'"):
            parse_format(raw)
        assert [f.code for f in validate(draft) if f.code == "W_AT_MOST"] == []  # the shipped format does not use it
    finally:
        Rule.registry.pop("at_most_for_this_test", None)


@pytest.mark.parametrize("fid", ["2019", "2021"])
def test_shipped_rules_are_read_at_first_use_and_all_check_out(fid: str) -> None:
    """A shipped format leaves its rules (the costly part: patterns, rule classes) to the first check,
    so showing a draft at start-up needs none; every rule still reads as the eager parse would."""
    from forms.catalog import load_format_file

    definition = load_format_file(FORMATS_DIR / f"{fid}.json", rules_now=False)
    assert "rules" not in vars(definition)
    eager = parse_format(json.loads((FORMATS_DIR / f"{fid}.json").read_text(encoding="utf-8")))
    assert [repr(r) for r in definition.rules] == [repr(r) for r in eager.rules] and len(eager.rules) >= 10


def test_no_exported_name_is_hidden_by_a_submodule() -> None:
    """``forms`` loads its names on first use; a submodule named like an exported function would replace
    the function by the module once imported (as ``forms.validate`` did)."""
    import importlib
    import pkgutil

    import forms

    submodules = {m.name for m in pkgutil.iter_modules(forms.__path__)}
    assert not submodules & set(forms.__all__)
    assert set(forms._HOME) == set(forms.__all__)  # the lazy table and the public names agree
    for name in forms.__all__:
        assert getattr(importlib.import_module(forms._HOME[name]), name) is getattr(forms, name)
    assert callable(forms.validate) and callable(forms.load_draft_file)


def test_showing_a_draft_needs_no_rule_and_no_validator() -> None:
    code = ("import sys, forms; d = forms.load_draft_file(sys.argv[1]); assert d.agency; "
            "print(sorted(m for m in sys.modules if m.startswith(('forms.rules', 'forms.validation'))))")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "examples" / "longgang-2020.json")],
                          capture_output=True, text=True, cwd=ROOT, timeout=60, check=False)
    assert done.stdout.strip() == "[]", done.stderr
