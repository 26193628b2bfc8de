"""Roll-up sums against independently computed ones; blanks per unit; the other format; the tree."""

from __future__ import annotations

import random
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import forms
from batch import read_roster
from batch.rollup import Contribution, check_against_units, input_keys, roll_up
from batch.run import check_batch
from batch.tree import roll_up_tree
from tools.make_batch import TEMPLATE, random_draft

TEMPLATE_DRAFT = forms.load_draft_file(TEMPLATE)


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=6), st.integers(min_value=0, max_value=10_000), st.floats(0.0, 0.5))
def test_sum_of_random_drafts_equals_cell_by_cell_sum(units: int, seed: int, blank_share: float) -> None:
    rng = random.Random(seed)
    drafts = []
    for number in range(units):
        draft = random_draft(TEMPLATE_DRAFT, f"单位{number}", rng)
        for key in list(draft.values):
            if rng.random() < blank_share:
                del draft.values[key]
        drafts.append(draft)
    summed = roll_up([Contribution(d.agency, d) for d in drafts], agency="全县汇总")
    for key in input_keys(summed.draft.definition):
        present = [d.values[key] for d in drafts if key in d.values]
        expected = sum(present) if present else None
        assert summed.draft.values.get(key) == expected, key
        assert summed.blank_units(key) == [d.agency for d in drafts if key not in d.values]
    table = summed.draft.definition.table("t3")
    totals = forms.cell_values(summed.draft, table)
    for column in table.columns:
        values = [forms.cell_values(d, table)[("results_total", column.id)] for d in drafts]
        present = [v for v in values if v is not None]
        assert totals[("results_total", column.id)] == (sum(present) if present else None)


def test_a_unit_in_the_other_format_contributes_only_shared_cells() -> None:
    rng = random.Random(3)
    modern = random_draft(TEMPLATE_DRAFT, "甲局", rng)
    older = forms.load_draft_file(Path(TEMPLATE).parent / "longgang-2020.json")
    summed = roll_up([Contribution("甲局", modern), Contribution("乙局", older)], agency="汇总", year=2021)
    gap = next(g for g in summed.gaps if g.unit == "乙局")
    assert gap.wrong_format and gap.not_converted  # 2019-only cells are listed, not guessed
    shared = set(input_keys(modern.definition)) & set(input_keys(older.definition))
    key = ("t3", "new", "natural")
    assert key in shared
    assert summed.draft.values[key] == modern.values[key] + older.values[key]
    only_2019 = next(k for k in gap.not_converted)
    assert only_2019 not in set(input_keys(summed.draft.definition))


def test_own_report_is_checked_against_its_units() -> None:
    rng = random.Random(5)
    units = [random_draft(TEMPLATE_DRAFT, f"局{n}", rng) for n in range(3)]
    summed = roll_up([Contribution(d.agency, d) for d in units], agency="区政府")
    own = summed.draft.copy()
    assert check_against_units(own, summed) == []
    key = ("t3", "new", "natural")
    own.values[key] = own.values[key] + 2
    [difference] = check_against_units(own, summed)
    assert difference.key == key and difference.reported == difference.summed + 2
    assert [name for name, _ in difference.units] == ["局0", "局1", "局2"]


def test_tree_rolls_departments_into_districts_and_districts_into_the_city(small_batch) -> None:  # type: ignore[no-untyped-def]
    folder, roster_path = small_batch
    roster = read_roster(roster_path)
    result = check_batch([folder], roster=roster, workers=1)
    tree = roll_up_tree(result, roster)
    drafts = dict(result.drafts())
    city = next(u for u in roster.units if not u.parent)
    district = next(u for u in roster.units if u.parent == city.name)
    node = tree.nodes[district.key]
    children = [u.name for u in roster.units if u.parent == district.name]
    key = ("t3", "new", "natural")
    assert node.summed.draft.values[key] == sum(drafts[name].values[key] for name in children)
    assert node.own is drafts[district.name]
    assert node.differences  # random numbers: the district's own report does not add up
    assert tree.nodes[city.key].summed.units == [u.name for u in roster.units if u.parent == city.name]
