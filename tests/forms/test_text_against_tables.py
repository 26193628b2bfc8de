"""Numbers stated in the texts against the tables: real-style sentences that must fire, and
sentences about other statistics that must never fire.

The draft is examples/sample-2021.json: 本年新收 40, 上年结转 3, 予以公开 16, 部分公开 5, 不予公开 2,
无法提供 11, 不予处理 4, 其他处理 1, （七）总计 39, 结转下年度 4; 行政复议 3 (维持 2, 尚未审结 1),
行政诉讼 1 (直接起诉, 维持), 复议后起诉 0.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from forms import load_draft_file, validate
from forms.draft import Draft

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# (text id, sentence, the stated number and the table's number quoted in the message)
FIRES = [
    ("s1.request", "2021年，我局共收到政府信息公开申请42件。", 42, 40),
    ("s3.intro", "本年度受理政府信息公开申请41件。", 41, 40),
    ("s1.request", "全年收办信息公开申请39件，均已按期答复。", 39, 40),
    ("s3.intro", "本年新收政府信息公开申请50件，上年结转3件。", 50, 40),
    ("s3.intro", "本年新收政府信息公开申请40件，上年结转2件。", 2, 3),
    ("s1.request", "共办理政府信息公开申请60件。", 60, 40),
    ("s1.request", "其中予以公开及部分公开20件。", 20, 21),
    ("s3.intro", "予以公开15件，部分公开5件。", 15, 16),
    ("s3.intro", "予以公开16件，部分公开6件。", 6, 5),
    ("s1.request", "不予公开3件。", 3, 2),
    ("s3.intro", "无法提供10件。", 10, 11),
    ("s3.intro", "不予处理5件。", 5, 4),
    ("s3.intro", "其他处理2件。", 2, 1),
    ("s1.request", "结转下年度继续办理5件。", 5, 4),
    ("s4.intro", "本年度发生政府信息公开行政复议案件2件。", 2, 3),
    ("s4.intro", "行政诉讼案件2件。", 2, 1),
    ("s4.intro", "因政府信息公开被提起诉讼3件。", 3, 1),
    ("s1.oversight", "因政府信息公开工作引发行政复议5件。", 5, 3),
    ("s6", "本年度共收到政府信息公开申请45件，已全部办结。", 45, 40),
    ("preface", "本机关本年度受理依申请公开45件。", 45, 40),
    ("s3.intro", "2021 年，我局共收到政府信息公开申请 44 件。", 44, 40),
    ("s4.intro", "未经复议直接起诉2件。", 2, 1),
    ("s4.intro", "复议后起诉1件。", 1, 0),
    ("s1.request", "全年共收到申请45件。", 45, 40),
    ("s1.request", "2021年，我局收到41件信息公开申请。", 41, 40),
    ("s1.oversight", "本年度涉及政府信息公开的行政复议案件4件，其中维持2件。", 4, 3),
]

# (text id, sentence, the cells the claim is contradicted by)
CLAIMS_THAT_FIRE = [
    ("s4.intro", "本年度行政复议3件，行政诉讼1件，均获维持。", "“行政复议·尚未审结”1 件"),
    ("s4.intro", "针对我局的政府信息公开行政复议案件均予维持。", "“行政复议·尚未审结”1 件"),
    ("s1.request", "2021年，我局未收到政府信息公开申请。", "“一、本年新收政府信息公开申请数量”“总计”40 件"),
    ("s1.oversight", "没有发生针对本单位有关政府信息公开事务的行政复议案。", "“行政复议·总计”3 件"),
    ("s4.intro", "本年度未发生政府信息公开方面的行政诉讼案件。", "“未经复议直接起诉·总计”1 件"),
]

SILENT = [
    ("s1.request", "2021年，我局共收到政府信息公开申请40件，上年结转3件。"),
    ("s1.active", "全年主动公开政府信息1286条。"),
    ("s1.active", "全年受理12345热线来电960件。"),
    ("s1.platform", "全年受理网民留言申请370件。"),
    ("s1.oversight", "开展规范性文件备案审查，办理行政复议案件134件。"),
    ("s4.intro", "规范性文件备案审查涉及行政复议134件。"),
    ("s1.request", "2020年，我局共收到政府信息公开申请35件。"),
    ("s1.request", "上年度收到政府信息公开申请35件。"),
    ("s1.request", "较上年，收到政府信息公开申请同比增加5件。"),
    ("s1.request", "受理信息公开申请40件，其中自然人申请30件，法人或其他组织申请10件。"),
    ("s1.active", "全年通过网上申请平台收到政府信息公开申请25件。"),
    ("s1.request", "共收到政府信息公开申请43件（含上年结转3件）。"),
    ("s1.request", "全年共办理政府信息公开申请39件。"),
    ("s6", "本年度发出收费通知0件，金额0元；实际收取信息处理费0元。"),
    ("s6", "本年度承办人大代表建议5件、政协委员提案7件。"),
    ("s1.oversight", "全年组织业务培训2次，参训80人次。"),
    ("s4.intro", "本年度行政复议3件，行政诉讼1件。"),
    ("s4.intro", "涉及我局的政府信息公开行政诉讼均获维持。"),
    ("s1.active", "行政处罚决定86件全部在作出之日起7个工作日内公开。"),
    ("s3.intro", "予以公开及部分公开21件。"),
    ("s3.intro", "不予公开2件，无法提供11件，不予处理4件，其他处理1件，结转下年度继续办理4件。"),
    ("s1.oversight", "全年办理行政复议案件134件，其中维持120件，均获维持率90%。"),
    ("s1.active", "收到群众来信申请50件。"),
    ("s1.request", "累计收到政府信息公开申请300件。"),
    ("s2.intro", "本年度收取行政事业性收费1.5万元。"),
    ("s1.request", "受理信息公开申请50件次。"),
    ("s4.intro", "2020年发生政府信息公开行政复议案件5件。"),
    ("s1.platform", "全年办理网民咨询申请1200件，好评率99%。"),
    ("s1.request", "全年受理行政许可申请5000件。"),
    ("s1.request", "全年受理各类申请3000件，其中政府信息公开申请40件。"),
    ("s1.active", "在政府信息公开专栏对涉及群众切身利益的信息予以公开86件。"),
    ("s1.oversight", "全年办理行政复议案件134件，其中涉及政府信息公开的3件。"),
    ("s4.intro", "另有民事诉讼2件。"),
    ("s1.request", "自2019年以来，共收到政府信息公开申请120件。"),
    ("s3.intro", "收到的申请中，通过当面方式提交5件。"),
    # a city's or district's summary: the text counts every agency, the table is the government's own
    (
        "s1.request",
        (
            "2021年，全市共收到政府信息公开申请3429件，较上年上升29.3%；答复申请3443件（含上年度转结）。"
            "予以公开及部分公开1053件，占30.6%。"
        ),
    ),
    ("s1.request", "全区各行政机关共受理政府信息公开申请267件，答复263件，其中同意公开或部分公开共81件。"),
    ("s4.intro", "全区共发生涉及政府信息公开的行政诉讼案件2件，被纠错0件。"),
    ("s4.intro", "全市涉及政府信息公开的行政复议案件均获维持。"),
    ("s4.intro", "本年度未发生行政复议被纠错的情况。"),
    ("s1.request", "2020年，我局未收到政府信息公开申请。"),
    ("s1.oversight", "全年未收到针对我局的行政复议申请。"),
    ("s1.request", "2021年，我局收到40件信息公开申请。"),
]


@pytest.fixture
def sample() -> Draft:
    return load_draft_file(EXAMPLES / "sample-2021.json")


def mismatches(draft: Draft) -> list:
    return [f for f in validate(draft) if f.code == "W_TEXT_TABLE_MISMATCH"]


def with_only(draft: Draft, text_id: str, sentence: str) -> Draft:
    """The sample with every text cleared but one, which holds ``sentence``."""
    for key in list(draft.texts):
        draft.texts[key] = "本年度工作情况良好。"
    draft.texts[text_id] = sentence
    return draft


def test_at_least_forty_sentences_half_fire() -> None:
    fire = len(FIRES) + len(CLAIMS_THAT_FIRE)
    assert fire + len(SILENT) >= 40 and fire >= 20 and len(SILENT) >= 20


@pytest.mark.parametrize("text_id, sentence, stated, table", FIRES, ids=[s for _, s, _, _ in FIRES])
def test_a_different_number_fires_and_quotes_both(sample: Draft, text_id: str, sentence: str, stated: int, table: int) -> None:
    found = mismatches(with_only(sample, text_id, sentence))
    assert len(found) == 1, [f.zh for f in found]
    assert found[0].location.text == text_id
    assert f"写的是 {stated} 件" in found[0].zh and f"为 {table} 件" in found[0].zh
    assert f"({stated})" in found[0].en and f"= {table}" in found[0].en


@pytest.mark.parametrize("text_id, sentence, contrary", CLAIMS_THAT_FIRE, ids=[s for _, s, _ in CLAIMS_THAT_FIRE])
def test_a_claim_the_table_contradicts_fires(sample: Draft, text_id: str, sentence: str, contrary: str) -> None:
    found = mismatches(with_only(sample, text_id, sentence))
    assert len(found) == 1, [f.zh for f in found]
    assert contrary in found[0].zh and "请核对" in found[0].zh


@pytest.mark.parametrize("text_id, sentence", SILENT, ids=[s for _, s in SILENT])
def test_other_statistics_never_fire(sample: Draft, text_id: str, sentence: str) -> None:
    assert [f.zh for f in mismatches(with_only(sample, text_id, sentence))] == []


def test_no_cases_claimed_while_the_table_has_both_kinds(sample: Draft) -> None:
    with_only(sample, "s4.intro", "本年度未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    found = mismatches(sample)
    assert [f.location.column for f in found] == ["review_total", "direct_total"]
    assert "未发生行政复议" in found[0].zh and "3 件" in found[0].zh and "未发生行政诉讼" in found[1].zh


def test_the_same_sentence_is_silent_once_the_table_agrees(sample: Draft) -> None:
    with_only(sample, "s3.intro", "本年新收政府信息公开申请50件。")
    assert len(mismatches(sample)) == 1
    sample.set_value("t3", "new", "natural", 40)  # 40 + 10 from the other columns = 50
    assert mismatches(sample) == []


def test_blank_table_says_nothing(sample: Draft) -> None:
    for key in [k for k in sample.values if k[0] == "t4"]:
        del sample.values[key]
    assert mismatches(with_only(sample, "s4.intro", "行政复议案件7件，均获维持。")) == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_no_false_alarm_on_the_examples(path: Path) -> None:
    draft = load_draft_file(path)
    assert json.loads(path.read_text(encoding="utf-8"))["texts"]
    assert mismatches(draft) == []
