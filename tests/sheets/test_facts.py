"""Facts across sheets: totals keep only what their figures' qualifiers allow; figures found
wherever a sheet holds them."""

import pytest
import yaml

from briefing.sheets.facts import figures_in, is_target, latest, sole, total
from briefing.sheets.project import load_project
from briefing.sheets.schema import Deadline, Figure, PartialDate, Text

from helpers import DATA


def fig(value, qualifier=None, unit="company", top=None):
    return Figure(Text("x"), value, unit, max=top, qualifier=qualifier)


@pytest.mark.parametrize("figures, expected", [
    ([fig(42000, unit="m2"), fig(17000, unit="m2")], (59000, None, None)),
    ([fig(20, "more-than"), fig(10)], (30, None, "more-than")),  # 20多 + 10 = 30多
    ([fig(10, "over"), None], (10, None, "at-least")),  # a park that gives none: a lower bound
    ([fig(20), None], (20, None, "at-least")),
    ([fig(9, top=16), None], (9, None, "at-least")),  # the range's top is unknown
    ([fig(20, "more-than"), fig(10, "over")], (30, None, "at-least")),  # 20多 + 10余 may be 40-odd
    ([fig(20, "at-least"), fig(10, "more-than")], (30, None, "at-least")),
    ([fig(5, "about"), fig(5)], (10, None, "about")),
    ([fig(100, "expected"), fig(10, "expected")], (110, None, "expected")),
    ([fig(9, top=16), fig(1)], (10, 17, None)),  # a range stays a range
    ([fig(0), fig(0)], (0, None, None)),
])
def test_total(figures, expected):
    result = total(figures)
    assert (result.value, result.max, result.qualifier) == expected
    assert result.unit == next(f for f in figures if f).unit


@pytest.mark.parametrize("figures", [
    [],
    [None, None],
    [fig(1, unit="m2"), fig(1, unit="company")],  # different units
    [fig(100, "expected"), fig(10)],  # a forecast plus a fact
    [fig(5, "about"), fig(5, "more-than")],  # an estimate plus a lower bound
    [fig(5, "about"), fig(5, "expected")],
    [fig(100, "expected"), None],  # a forecast plus an unknown
])
def test_no_honest_total(figures):
    assert total(figures) is None


def test_total_takes_the_label_given():
    assert total([fig(1), fig(2)], Text("合计")).label == Text("合计")


def yaml_figures(node) -> list:
    """The value of every mapping in a sheet's YAML that has a value and a unit: a figure,
    found without the schema."""
    if isinstance(node, list):
        return [value for item in node for value in yaml_figures(item)]
    if isinstance(node, dict):
        own = [node["value"]] if {"value", "unit"} <= set(node) else []
        return own + [value for item in node.values() for value in yaml_figures(item)]
    return []


def test_figures_found_in_nested_records():
    """Every figure of the shipped smart-medical sheet, field by field (the facts, the
    operator's record, the parent company's, company groups, goal targets), read from its YAML."""
    park = load_project(DATA).parks["smart-medical"]
    sheet = yaml.safe_load((DATA / "parks" / "smart-medical.yaml").read_text(encoding="utf-8"))
    expected = {field: sorted(yaml_figures(value)) for field, value in sheet.items() if yaml_figures(value)}
    assert len(expected) >= 4 and any(len(values) > 1 for values in expected.values())  # nested, in several fields
    found = {field: sorted(f.value for f in figures_in(getattr(park, field))) for field in sheet}
    assert {field: values for field, values in found.items() if values} == expected


def test_latest_date():
    dates = [PartialDate(2021, 4), PartialDate(2021, 4, 25), PartialDate(2020, 12, 31)]
    assert latest(dates) == PartialDate(2021, 4, 25)


@pytest.mark.parametrize("figures, index", [
    ([fig(20, "more-than"), None], 0),  # only one park gives it: that park's figure, not a total
    ([None, fig(10, "over"), None], 1),
    ([fig(20), fig(10)], None),  # two parks: a sum
    ([None, None], None),
    ([fig(5)], 0),
])
def test_sole(figures, index):
    assert sole(figures) == index


def test_statuses_follow_the_figures_places():
    """Loading settles each figure's status: a park's targets and its goals' targets are
    targets (a goal's deadline and speaker pass to its target); the rest are facts."""
    park = load_project(DATA).parks["smart-medical"]
    assert [f.status for f in park.facts] == ["current"]
    alliance, start_ups = (goal.target for goal in park.goals[:2])
    assert is_target(alliance) and is_target(start_ups)
    assert alliance.by == Deadline(2021, year_end=True) and alliance.said_by.zh == "运营方负责人杨章宏"
    assert start_ups.by is None and start_ups.said_by.en == "Yang Zhanghong, head of the operator"
    mobile = load_project(DATA).parks["mobile-internet"]
    assert {f.status for f in mobile.targets} == {"target"}
    assert {f.said_by.zh for f in mobile.targets} == {"运营方负责人刘浩"}
    assert [group.count.status for group in mobile.companies] == ["current", "current"]
