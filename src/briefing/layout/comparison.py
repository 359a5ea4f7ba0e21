"""The parks side by side: a comparison table with a total column, and charts.

Every cell comes from a park sheet through its ``ParkPresenter`` (the same wording as the
brochure), and every total is added up by ``facts.total``; nothing here is typed twice. Where
only one park gives a figure there is nothing to add up: the total column names that park's
figure as its own. A chart draws one kind of measure (one unit) on one scale, facts only.
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
    found = _charts(overview) if len(overview.parks) <= MAX_CHART_PARKS else []
    if found:
        body.append(blocks.heading(_("In figures"), theme, level=1))
        for title, chart in found:
            body += ([blocks.paragraph(title, theme, "h3")] if title else []) + [chart]
        as_of = overview.edition.as_of_line(overview.as_of)
        body.append(blocks.paragraph(_("{as_of}. One scale in each chart; “—”: the park’s sheet gives no figure. "
                                       "Targets are not drawn.").format(as_of=as_of), theme, "caption"))
    return blocks.section(_("The parks side by side"), body, theme)


def _tables(overview) -> list[Flowable]:
    """The comparison, as many parks to a table as its columns can hold without splitting a
    word, a number with its unit or a date (``PARKS_PER_TABLE`` at most: fewer on A5), the
    totals over every park in the last table's own column, or, where even one park beside
    them would split a word, in a table of their own; columns sized from what they hold."""
    rows = [row for row in _rows(overview) if any(cell != EMPTY for cell in row[1:-1])]
    parks = len(overview.parks)
    for totals_beside in (True, False):
        for per_table in range(min(PARKS_PER_TABLE, parks), 0, -1):
            chunks = [(start, min(start + per_table, parks)) for start in range(0, parks, per_table)]
            parts = [[[row[0], *row[1 + start:1 + end], row[-1] if end == parks and totals_beside else ""]
                      for row in rows] for start, end in chunks]
            last_resort = per_table == 1 and not totals_beside
            if last_resort or all(_fits(overview, overview.parks[start:end], part)
                                  for (start, end), part in zip(chunks, parts)):
                tables = [_table(overview, overview.parks[start:end], part)
                          for (start, end), part in zip(chunks, parts)]
                totals = [[row[0], row[-1]] for row in rows if row[-1]]
                return tables + ([_table(overview, [], totals)] if totals and not totals_beside else [])
    return []


def _fits(overview, parks: list[ParkPresenter], rows: list[list]) -> bool:
    header, rows, numeric = _layout(overview, parks, rows)
    return blocks.fits_columns(header, rows, overview.theme, overview.width, numeric, row_heads=True,
                               alike=range(1, 1 + len(parks)))


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
        speaker, lines = park.targets()
        items = [_("{label}: {value}").format(label=label, value=edition.figure(f)) for label, f in lines]
        return [speaker, *items] if speaker and items else items

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
    figures = [get(park.park) for park in overview.parks]
    return [label, *(overview.edition.figure(f) if f else EMPTY for f in figures), total_cell(overview, figures)]


def total_cell(overview, figures: list[Optional[Figure]]) -> str:
    """The sum of the parks' figures; where only one park gives the figure, that park's figure
    named as its own (20多家（仅移动互联网产业园）), with its own qualifier; "" where a sum
    means nothing."""
    edition = overview.edition
    only = facts.sole(figures)
    if only is not None:
        figure = figures[only]
        assert figure is not None  # sole() names a given figure
        return edition.gettext("{figure} ({park} only)").format(figure=edition.figure(figure),
                                                               park=overview.parks[only].short_name())
    total = facts.total(figures)
    return edition.figure(total) if total else ""


def _charts(overview) -> list[tuple[str, Flowable]]:
    """Floor area, fund size, and the companies at each stage of moving in, a bar per park: a
    chart for each unit, each on one scale, so that a longer bar is always a larger number
    (over 10 is never drawn as long as more than 30). A chart with fewer than two bars
    compares nothing and is left out."""
    edition = overview.edition
    _ = edition.gettext
    names = edition.stage_names()
    kinds: list[tuple[str, list[tuple[str, Callable[[Park], Optional[Figure]]]]]] = [
        (_("Floor area"), [(_("Floor area"), facts.floor_area)]),
        (_("Fund size"), [(_("Fund size"), lambda park: park.fund.size if park.fund else None)]),
        (_("Companies at each stage of moving in"),
         [(names[stage], functools.partial(facts.companies_at, stage=stage)) for stage in STAGES]),
    ]
    legend = [park.short_name() for park in overview.parks]
    found = []
    for title, measures in kinds:
        groups = []
        for label, get in measures:
            bars = [_current(get(park.park)) for park in overview.parks]
            if any(f and f.value for f in bars):
                groups.append((label, [(f.value, edition.figure(f)) if f else None for f in bars]))
        if sum(bar is not None for _, bars in groups for bar in bars) >= 2:
            # A chart of one measure is titled by its bars' label; one of several measures by its kind.
            found.append((title if len(measures) > 1 else "",
                          charts.GroupedBars(groups, legend, overview.theme, overview.width, shared_scale=True)))
    return found


def _current(figure: Optional[Figure]) -> Optional[Figure]:
    """A fact to draw, or None for a target: charts of the parks compare what is, not what is planned."""
    return figure if figure is not None and not facts.is_target(figure) else None
