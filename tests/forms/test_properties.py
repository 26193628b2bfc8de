"""Property tests: the validator never raises, and a table built to balance validates clean."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forms import load_format, new_draft, validate
from forms.draft import Draft, Signature

FORMATS = ["2019", "2021"]
ANY_VALUE = st.one_of(
    st.none(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.decimals(allow_nan=True, allow_infinity=True, places=None),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=5),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


def cell_keys(format_id: str) -> list[tuple[str, str, str]]:
    definition = load_format(format_id)
    return [(t.id, r.id, c.id) for t in definition.tables for r in t.rows for c in t.columns]


@st.composite
def arbitrary_drafts(draw) -> Draft:
    format_id = draw(st.sampled_from(FORMATS + ["1999"]))
    keys = cell_keys(format_id if format_id in FORMATS else "2019")
    key = st.one_of(st.sampled_from(keys), st.tuples(st.text(max_size=3), st.text(max_size=3), st.text(max_size=3)), st.text(max_size=3))
    sentences = st.sampled_from(
        ["收到政府信息公开申请7件。", "2020年行政复议2件，均获维持。", "全市予以公开5件", "未收到政府信息公开申请",
         "国办公开办函〔2019〕60号", "统计期限自2030年1月1日起", "不予公开\n3件", "诉讼9999999999999件"]
    )
    texts = draw(
        st.dictionaries(
            st.sampled_from(["preface", "s1.active", "s1.request", "s3.intro", "s4.intro", "s5", "s6", "x"]),
            st.one_of(st.text(max_size=60), sentences),
        )
    )
    draft = Draft(
        agency=draw(st.one_of(st.text(max_size=10), st.none())),
        year=draw(st.one_of(st.integers(min_value=1900, max_value=2200), st.none(), st.text(max_size=2))),
        format_id=format_id,
        texts=texts,
        headings=draw(st.dictionaries(st.sampled_from(["s1.active", "zz"]), st.text(max_size=10))),
        values=draw(st.dictionaries(key, ANY_VALUE, max_size=30)),
        stated=draw(st.dictionaries(key, ANY_VALUE, max_size=5)),
        invalid_inputs=draw(st.dictionaries(key, st.text(max_size=5), max_size=5)),
        signature=Signature(
            agency=draw(st.text(max_size=5)),
            date=draw(st.one_of(st.none(), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 1, 1)))),
        ),
        level=draw(st.sampled_from(["township", "city", "unknown", "x"])),
    )
    return draft


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    arbitrary_drafts(),
    st.one_of(st.none(), arbitrary_drafts()),
    st.sampled_from(["draft", "submit"]),
    st.sampled_from([None, "t3", "t4", "zz"]),
)
def test_validator_never_raises(draft: Draft, previous: Draft | None, stage: str, editing: str | None) -> None:
    findings = validate(draft, previous=previous, stage=stage, has_glyph=lambda ch: ch != "\x00", editing_table=editing)
    for finding in findings:
        assert finding.severity in ("error", "warning")
        assert finding.code and finding.zh and finding.en
        assert not finding.en[0].islower()  # English messages start with a capital letter


RESULT_ROWS = {fid: list(load_format(fid).table("t3").row("results_total").computed_from) for fid in FORMATS}
APPLICANTS = ["natural", "commercial", "research", "nonprofit", "legal", "other"]


@st.composite
def balanced_drafts(draw) -> Draft:
    format_id = draw(st.sampled_from(FORMATS))
    draft = new_draft("某某县人民政府办公室", 2020 if format_id == "2019" else 2021, format_id)
    draft.signature.date = dt.date(draft.year + 1, 1, 20)
    counts = st.integers(min_value=0, max_value=10_000_000)
    for column in APPLICANTS:
        results = {row: draw(counts) for row in RESULT_ROWS[format_id]}
        carry_over = draw(counts)
        handled = sum(results.values()) + carry_over
        carried_in = draw(st.integers(min_value=0, max_value=handled))
        for row, value in results.items():
            draft.set_value("t3", row, column, value)
        draft.set_value("t3", "carry_over", column, carry_over)
        draft.set_value("t3", "carried_in", column, carried_in)
        draft.set_value("t3", "new", column, handled - carried_in)
    for table in draft.definition.tables:
        if table.id == "t3":
            continue
        for row, column in table.input_cells():
            kind = column.kind
            if kind == "money":
                value = Decimal(draw(st.integers(min_value=0, max_value=99_999_999))) / 100
            elif kind == "signed":
                value = draw(st.integers(min_value=0, max_value=1000))
            else:
                value = draw(st.integers(min_value=0, max_value=10**6))
            draft.set_value(table.id, row.id, column.id, value)
    # keep the not-less rule satisfied: totals at least what was newly made
    t21 = draft.definition.table("t2_1")
    big = t21.columns[-1].id
    for row in t21.rows:
        draft.set_value("t2_1", row.id, big, sum(draft.value("t2_1", row.id, c.id) or 0 for c in t21.columns[:-1]))
    for text in draft.definition.texts:
        draft.texts[text.id] = "本年度工作情况说明，包括信息处理费收费情况。"
    return draft


@settings(max_examples=150, deadline=None)
@given(balanced_drafts())
def test_balanced_tables_validate_clean(draft: Draft) -> None:
    assert validate(draft, stage="submit") == []
