"""Roll-up along the roster's tree: department → county → city.

A unit with units under it is summed from them: each child contributes its own report when it has
one (that is what it published, and it already includes its own units), else the roll-up of its
children. A parent that has its own report is checked against that sum, cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from batch.names import normal_name
from batch.rollup import CellDifference, Contribution, RollUp, check_against_units, roll_up
from batch.roster import Roster, RosterUnit
from batch.run import BatchResult
from forms import Draft


@dataclass
class NodeRollUp:
    unit: RosterUnit
    summed: RollUp
    own: Draft | None
    differences: list[CellDifference] = field(default_factory=list)
    missing_children: list[str] = field(default_factory=list)  # children with neither a report nor units


@dataclass
class TreeRollUp:
    nodes: dict[str, NodeRollUp]  # by normalised unit name, for every unit that has units under it
    figures: dict[str, Draft]  # the figure each unit contributes upwards
    roots: list[RosterUnit]

    def top(self, agency: str, year: int | None = None) -> RollUp:
        """The whole region: the sum of the roots' figures."""
        contributions = [Contribution(r.name, self.figures[r.key]) for r in self.roots if r.key in self.figures]
        return roll_up(contributions, agency=agency, year=year)

    def lines(self) -> list[str]:
        out: list[str] = []
        for node in self.nodes.values():
            state = "与下级合计一致" if node.own is not None and not node.differences else (
                f"与下级合计有 {len(node.differences)} 处不一致" if node.own is not None else "本级无报告，按下级合计")
            out.append(f"{node.unit.name}：{len(node.summed.sources)} 个下级单位，{state}")
            if node.missing_children:
                out.append(f"  缺少：{'、'.join(node.missing_children)}")
        return out


def roll_up_tree(result: BatchResult, roster: Roster) -> TreeRollUp:
    reports = {normal_name(name): draft for name, draft in result.drafts()}
    children = roster.children()
    tree = TreeRollUp({}, {}, roster.roots())

    def figure(unit: RosterUnit, visiting: frozenset[str]) -> Draft | None:
        if unit.key in tree.figures:
            return tree.figures[unit.key]
        kids = children.get(unit.key, [])
        own = reports.get(unit.key)
        result_draft: Draft | None
        if kids and unit.key not in visiting:
            contributions: list[Contribution] = []
            missing: list[str] = []
            for kid in kids:
                drafted = figure(kid, visiting | {unit.key})
                if drafted is None:
                    missing.append(kid.name)
                else:
                    contributions.append(Contribution(kid.name, drafted))
            year = own.year if own is not None else None
            summed = roll_up(contributions, agency=unit.name, year=year, format_id=own.format_id if own else None)
            node = NodeRollUp(unit, summed, own, missing_children=missing)
            if own is not None:
                node.differences = check_against_units(own, summed)
            tree.nodes[unit.key] = node
            result_draft = own if own is not None else summed.draft
        else:
            result_draft = own
        if result_draft is not None:
            tree.figures[unit.key] = result_draft
        return result_draft

    for root in tree.roots:
        figure(root, frozenset())
    return tree
