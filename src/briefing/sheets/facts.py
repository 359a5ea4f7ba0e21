"""Facts across sheets: every figure a sheet holds, its status, and totals over the parks.

A total is computed here from the park sheets whenever a document shows one, so that no sum
is ever typed into a sheet beside the figures it adds up. A sum keeps what the figures' own
qualifiers allow it to claim, and no more; where only one park gives a figure, there is no
sum: the documents show that park's figure as its own (``sole``).

Every figure is a fact as of a date or a target (``settle``): the layouts print a target as
a target, with its deadline and its speaker, and never chart it beside a fact.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Optional

from briefing.sheets.schema import CompanyGroup, Figure, Park, PartialDate, Text, fields_of

#: Figure.status of a figure that states a fact, and of one that states a plan, aim or forecast.
CURRENT, TARGET = "current", "target"

#: Qualifiers that make a figure a lower bound (20多家, 10余家, 1亿元以上).
LOWER_BOUNDS = {"more-than", "over", "at-least"}


def figures_in(record) -> Iterator[Figure]:
    """Every figure in a sheet, in the order its fields are declared, nested records included."""
    if isinstance(record, Figure):
        yield record
    elif isinstance(record, list):
        for item in record:
            yield from figures_in(item)
    elif dataclasses.is_dataclass(record) and not isinstance(record, (Text, PartialDate)):
        for spec in fields_of(record):
            yield from figures_in(getattr(record, spec.name))


def settle(sheet) -> None:
    """Give each figure of a sheet the status its place implies, where the sheet gives none: a
    park's targets and its goals' targets are targets (a goal's deadline and speaker pass to its
    target), every other figure is a fact. Done once, when the sheet is loaded, so that every
    layout reads ``Figure.status`` alone."""
    if isinstance(sheet, Park):
        for figure in sheet.targets:
            figure.status = TARGET
        for goal in sheet.goals:
            if goal.target:
                goal.target.status = TARGET
                goal.target.by = goal.target.by or goal.by
                goal.target.said_by = goal.target.said_by or goal.said_by
    for figure in figures_in(sheet):
        figure.status = figure.status or CURRENT


def is_target(figure: Figure) -> bool:
    return figure.status == TARGET


def sole(figures: list[Optional[Figure]]) -> Optional[int]:
    """Where exactly one of the figures is given (one park's figure, the others giving none),
    its index: there is nothing to add up, and a "total" would relabel that park's figure as
    the zone's. None when none or several are given."""
    given = [index for index, figure in enumerate(figures) if figure is not None]
    return given[0] if len(given) == 1 else None


def total(figures: list[Optional[Figure]], label: Optional[Text] = None) -> Optional[Figure]:
    """The sum of the figures given (None stands for a park that gives none, which makes the
    sum a lower bound), or None when they cannot honestly be added up: none given, different
    units, or a forecast or an estimate added to something else or to an unknown.

    Exact figures add up to an exact total. One lower bound among exact figures keeps its
    word (20多 + 10 = 30多); two or more only say the total is at least their sum (20多 + 10余
    could be 40-odd, so the sum is 30以上, not 30多).
    """
    missing = any(f is None for f in figures)
    given = [f for f in figures if f is not None]
    if not given or len({f.unit for f in given}) > 1:
        return None
    qualifier = _sum_qualifier([f.qualifier for f in given])
    if qualifier is False:
        return None
    if missing:
        # A park that gives no figure has some unknown amount, at least none: the sum of the
        # others is only a lower bound (20多 and nothing known is 20以上, not 20多).
        if qualifier not in (None, *LOWER_BOUNDS):
            return None
        qualifier = "at-least"
    value = sum(f.value for f in given)
    ranged = any(f.max is not None for f in given) and not missing
    top = sum(f.value if f.max is None else f.max for f in given) if ranged else None
    return Figure(label=label or Text(""), value=value, unit=given[0].unit, max=top, qualifier=qualifier)


def _sum_qualifier(qualifiers: list[Optional[str]]):
    """The qualifier of a sum, None for exact, or False when the sum cannot be stated."""
    given = [q for q in qualifiers if q]
    kinds = set(given)
    if not kinds:
        return None
    if kinds <= LOWER_BOUNDS:
        return given[0] if len(given) == 1 else "at-least"
    if kinds == {"about"}:
        return "about"  # an estimate plus exact figures is an estimate
    if kinds == {"expected"} and len(given) == len(qualifiers):
        return "expected"  # forecasts add up to a forecast; a forecast plus facts is neither
    return False


def floor_area(park: Park) -> Optional[Figure]:
    """The park's floor area: its first headline fact counted in square metres."""
    return next((f for f in park.facts if f.unit == "m2"), None)


def companies_at(park: Park, stage: str) -> Optional[Figure]:
    """How many companies the park has at one stage of moving in (signed, reviewed, intent)."""
    group: Optional[CompanyGroup] = next((g for g in park.companies if g.stage == stage), None)
    return group.count if group else None


def latest(dates: list[PartialDate]) -> PartialDate:
    """The most recent of several as-of dates (a month counts as its first day)."""
    return max(dates, key=lambda d: (d.year, d.month, d.day or 0))
