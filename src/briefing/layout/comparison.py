"""The parks side by side: a comparison table with a total column, and a chart.

Every cell comes from a park sheet through its ``ParkPresenter`` (the same wording as the
brochure), and every total is added up by ``facts.total``; nothing here is typed twice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Optional

from reportlab.platypus import Flowable

from briefing.layout import blocks, charts
from briefing.layout.park import ParkPresenter
from briefing.sheets import facts
from briefing.sheets.schema import Figure, Park

#: Stages of moving in, in the order a company goes through them.
STAGES = ("signed", "reviewed", "intent")
EMPTY = "—"
#: Parks a table sets side by side at most; a larger zone gets one table per so many parks (the
#: totals in the last), fewer where the columns could not hold a word, a figure or a date.
PARKS_PER_TABLE = 4
#: Parks a chart can show: its legend and bars must fit one page (a drawing cannot break).
MAX_CHART_PARKS = 8


def section(overview) -> list[Flowable]:
    """The comparison section of the zone overview (an ``Overview``: its ``edition`` and its
    parks' presenters, ``parks``); none for a single park."""
    _, theme = overview.edition.gettext, overview.theme
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
    """The comparison, as many parks to a table as its columns can hold without splitting a
    word, a number with its unit or a date (``PARKS_PER_TABLE`` at most: fewer on A5), the
    totals over every park in the last table's own column; columns sized from what they hold."""
    rows = [row for row in _rows(overview) if any(cell != EMPTY for cell in row[1:-1])]
    parks = len(overview.parks)
    for per_table in range(min(PARKS_PER_TABLE, parks), 0, -1):
        chunks = [(start, min(start + per_table, parks)) for start in range(0, parks, per_table)]
        parts = [[[row[0], *row[1 + start:1 + end], row[-1] if end == parks else ""] for row in rows]
                 for start, end in chunks]
        if per_table == 1 or all(_fits(overview, overview.parks[start:end], part)
                                 for (start, end), part in zip(chunks, parts)):
            return [_table(overview, overview.parks[start:end], part) for (start, end), part in zip(chunks, parts)]
    return []


def _fits(overview, parks: list[ParkPresenter], rows: list[list]) -> bool:
    header, rows, numeric = _layout(overview, parks, rows)
    return blocks.fits_columns(header, rows, overview.theme, overview.width, numeric, row_heads=True)


def _layout(overview, parks: list[ParkPresenter], rows: list[list]) -> tuple[list, list, tuple]:
    """The header, the rows (without the total column where no row has a total) and the
    numeric columns of a comparison table."""
    _ = overview.edition.gettext
    with_totals = any(row[-1] for row in rows)
    if not with_totals:
        rows = [row[:-1] for row in rows]
    header = ["", *(park.short_name() for park in parks)]
    header += [_("Total")] if with_totals else []
    return header, rows, ((len(header) - 1,) if with_totals else ())


def _table(overview, parks: list[ParkPresenter], rows: list[list]) -> Flowable:
    header, rows, numeric = _layout(overview, parks, rows)
    return blocks.grid_table(header, rows, overview.theme, overview.width, numeric=numeric, row_heads=True,
                             alike=range(1, 1 + len(parks)))


def _rows(overview) -> list[list]:
    """Label, one cell per park, and the total (empty where a total means nothing)."""
    edition = overview.edition
    _, t = edition.gettext, edition.t

    def text_row(label: str, cell: Callable) -> list:
        return [label, *(cell(park) or EMPTY for park in overview.parks), ""]

    def chain(park: ParkPresenter) -> str:
        found = edition.chain_of(park.park)
        return t(found.name) if found else ""

    def targets(park: ParkPresenter) -> list[str]:
        return [_("{label}: {value}").format(label=label, value=edition.figure(f)) for label, f in park.targets()]

    rows = [
        text_row(_("Industrial chain"), chain),
        _figure_row(overview, _("Floor area"), facts.floor_area),
        text_row(_("Opening"), lambda park: park.opening_text()),
        text_row(_("Stage of works"), lambda park: t(park.park.stage)),
        text_row(_("Operator"), lambda park: t(park.park.operator.name) if park.park.operator else ""),
        text_row(_("Focus"), lambda park: _(", ").join(t(s) for s in park.park.segments)),
        text_row(_("Platforms and centres planned"), lambda park: _(", ").join(t(p) for p in park.park.platforms)),
        text_row(_("Fund"), lambda park: park.fund_text()),
        text_row(_("Targets"), targets),
    ]
    names = edition.stage_names()
    rows += [_figure_row(overview, names[stage], functools.partial(facts.companies_at, stage=stage))
             for stage in STAGES]
    return rows


def _figure_row(overview, label: str, get: Callable[[Park], Optional[Figure]]) -> list:
    figure = overview.edition.figure
    figures = [get(park.park) for park in overview.parks]
    total = facts.total(figures)
    return [label, *(figure(f) if f else EMPTY for f in figures), figure(total) if total else ""]


def _chart(overview) -> Optional[Flowable]:
    """Floor area, fund and companies at each stage, a bar per park."""
    edition = overview.edition
    _ = edition.gettext
    measures: list[tuple[str, Callable[[Park], Optional[Figure]]]] = [
        (_("Floor area"), facts.floor_area), (_("Fund size"), lambda park: park.fund.size if park.fund else None)]
    names = edition.stage_names()
    measures += [(names[stage], functools.partial(facts.companies_at, stage=stage)) for stage in STAGES]
    groups = []
    for label, get in measures:
        bars = [get(park.park) for park in overview.parks]
        if any(f and f.value for f in bars):
            groups.append((label, [(f.value, edition.figure(f)) if f else None for f in bars]))
    if not groups:
        return None
    legend = [park.short_name() for park in overview.parks]
    return charts.GroupedBars(groups, legend, overview.theme, overview.width)
