"""The parks side by side: a comparison table with a total column, and a chart.

Every cell comes from a park sheet through the park's brochure (the same wording as the
brochure), and every total is added up by ``facts.total``; nothing here is typed twice.
"""

from __future__ import annotations

from typing import Callable, Optional

from reportlab.platypus import Flowable

from briefing.sheets import facts
from briefing.layout import blocks, charts
from briefing.sheets.schema import Figure, Park

#: Stages of moving in, in the order a company goes through them.
STAGES = ("signed", "reviewed", "intent")
EMPTY = "—"
#: Parks a table sets side by side; a larger zone gets one table per so many parks (the
#: totals in the last), as columns narrower than this cannot hold an operator's name.
PARKS_PER_TABLE = 4
#: Parks a chart can show: its legend and bars must fit one page (a drawing cannot break).
MAX_CHART_PARKS = 8


def section(overview) -> list[Flowable]:
    """The comparison section of the zone overview (an ``Overview``); none for a single park."""
    _, theme = overview._, overview.theme
    if len(overview.parks) < 2:
        return []
    body = _tables(overview)
    chart = _chart(overview) if len(overview.parks) <= MAX_CHART_PARKS else None
    if chart:
        body += [blocks.heading(_("In figures"), theme, level=1), chart,
                 blocks.paragraph(_("Each measure has its own scale: the bars compare the parks, "
                                    "not one measure with another."), theme, "caption")]
    return blocks.section(_("The parks side by side"), body, theme)


def _tables(overview) -> list[Flowable]:
    """The comparison, ``PARKS_PER_TABLE`` parks to a table (each park's column as wide in
    every table), the totals over every park in the last table's own column."""
    rows = [row for row in _rows(overview) if any(cell != EMPTY for cell in row[1:-1])]
    parks, w = len(overview.parks), overview.width
    if parks <= PARKS_PER_TABLE:
        return [_table(overview, overview.parks, rows)]
    column = w * (1 - LABEL_SHARE - TOTAL_SHARE) / PARKS_PER_TABLE
    tables = []
    for start in range(0, parks, PARKS_PER_TABLE):
        end = min(start + PARKS_PER_TABLE, parks)
        last = end == parks
        part = [[row[0], *row[1 + start:1 + end], row[-1] if last else ""] for row in rows]
        tables.append(_table(overview, overview.parks[start:end], part, column))
    return tables


LABEL_SHARE, TOTAL_SHARE = 0.16, 0.14  # of the text width, for the row labels and the totals


def _table(overview, brochures: list, rows: list[list], column: Optional[float] = None) -> Flowable:
    _, w = overview._, overview.width
    with_totals = any(row[-1] for row in rows)
    if not with_totals:
        rows = [row[:-1] for row in rows]
    label, total = w * LABEL_SHARE, (w * TOTAL_SHARE if with_totals else 0)
    column = column or (w - label - total) / len(brochures)
    widths = [label] + [column] * len(brochures) + ([total] if with_totals else [])
    header = ["", *(overview.short_name(b.park) for b in brochures)]
    header += [_("Total")] if with_totals else []
    numeric = (len(header) - 1,) if with_totals else ()
    return blocks.grid_table(header, rows, overview.theme, widths, numeric=numeric, row_heads=True)


def _rows(overview) -> list[list]:
    """Label, one cell per park, and the total (empty where a total means nothing)."""
    _, t = overview._, overview.t
    brochures = overview.parks

    def text_row(label: str, cell: Callable) -> list:
        return [label, *(cell(b) or EMPTY for b in brochures), ""]

    def chain(b):
        found = overview.chain_of(b.park)
        return t(found.name) if found else ""

    rows = [
        text_row(_("Industrial chain"), chain),
        _figure_row(overview, _("Floor area"), facts.floor_area),
        text_row(_("Opening"), lambda b: b.opening_text()),
        text_row(_("Stage of works"), lambda b: t(b.park.stage)),
        text_row(_("Operator"), lambda b: t(b.park.operator.name) if b.park.operator else ""),
        text_row(_("Focus"), lambda b: _(", ").join(t(s) for s in b.park.segments)),
        text_row(_("Platforms and centres planned"), lambda b: _(", ").join(t(p) for p in b.park.platforms)),
        text_row(_("Fund"), lambda b: b.fund_text()),
        text_row(_("Targets"), lambda b: _targets(overview, b.park)),
    ]
    names = overview.stage_names()
    rows += [_figure_row(overview, names[stage], lambda park, stage=stage: facts.companies_at(park, stage))
             for stage in STAGES]
    return rows


def _figure_row(overview, label: str, get: Callable[[Park], Optional[Figure]]) -> list:
    figures = [get(b.park) for b in overview.parks]
    total = facts.total(figures)
    return [label, *(overview.figure(f) if f else EMPTY for f in figures), overview.figure(total) if total else ""]


def _targets(overview, park: Park) -> list[str]:
    """Every target of the park, a line each: its own targets, then its goals' targets."""
    _ = overview._
    lines = [(overview.t(f.label), f) for f in park.targets]
    for goal in park.goals:
        if goal.target:
            label = overview.t(goal.target.label)
            if goal.by:
                label += _(" by {date}").format(date=overview.date(goal.by))
            lines.append((label, goal.target))
    return [_("{label}: {value}").format(label=label, value=overview.figure(f)) for label, f in lines]


def _chart(overview) -> Optional[Flowable]:
    """Floor area, fund and companies at each stage, a bar per park."""
    _ = overview._
    measures = [(_("Floor area"), facts.floor_area),
                (_("Fund size"), lambda park: park.fund.size if park.fund else None)]
    names = overview.stage_names()
    measures += [(names[stage], lambda park, stage=stage: facts.companies_at(park, stage)) for stage in STAGES]
    groups = []
    for label, get in measures:
        bars = [get(b.park) for b in overview.parks]
        if any(f and f.value for f in bars):
            groups.append((label, [(f.value, overview.figure(f)) if f else None for f in bars]))
    if not groups:
        return None
    legend = [overview.short_name(b.park) for b in overview.parks]
    return charts.GroupedBars(groups, legend, overview.theme, overview.width)
