"""The zone news digest: each news item the zone sheet lists, with what its sheet gives and
nothing more (a field left empty leaves its line out)."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer

from briefing.layout import blocks
from briefing.layout.edition import Edition
from briefing.sheets.schema import NewsItem, Source


def digest(edition: Edition, items: list[NewsItem], sources: list[Source]) -> list[Flowable]:
    """The news section of a document, citing ``sources`` (the document's numbered list)."""
    body: list[Flowable] = []
    for item in items:
        body += _item(edition, item, sources)
    return blocks.section(edition.gettext("Zone news"), body, edition.theme)


def _item(edition: Edition, item: NewsItem, sources: list[Source]) -> list[Flowable]:
    _, t, theme = edition.gettext, edition.t, edition.theme
    body = [blocks.heading(t(item.title), theme, level=1),
            blocks.paragraph(_dateline(edition, item, sources), theme, "meta")]
    rows = [(_("Event"), t(item.name)), (_("Organiser and participants"), t(item.who)), (_("Purpose"), t(item.purpose))]
    rows = [(label, value) for label, value in rows if value]
    if rows:
        body += [blocks.fact_table(rows, theme, edition.width), Spacer(0, theme.space.block_gap)]
    body.append(blocks.paragraph(t(item.what), theme))
    body += edition.figure_row([edition.figure_item(f) for f in item.figures])
    for title, texts in ((_("Activities"), item.activities), (_results_title(edition, item), item.results),
                         (_plans_title(edition, item), item.plans)):
        body += _listing(edition, title, [t(text) for text in texts])
    return body


def _results_title(edition: Edition, item: NewsItem) -> str:
    """"Results", or the period they belong to when the report gives last year's (2020年工作成效)."""
    _ = edition.gettext
    return _("Results reported for {period}").format(period=edition.t(item.results_of)) if item.results_of \
        else _("Results")


def _plans_title(edition: Edition, item: NewsItem) -> str:
    """Who asked for the plans, when the source says (高新区负责人提出的要求): a requirement
    without its speaker reads as the document's own."""
    _ = edition.gettext
    return _("Requirements set out by {speaker}").format(speaker=edition.t(item.plans_by)) if item.plans_by \
        else _("Work planned")


def _dateline(edition: Edition, item: NewsItem, sources: list[Source]) -> str:
    """When, where and the source: 2021年4月25日下午 · 衡东县罗荣桓故居 · 资料来源[2]. With no
    date, the source's wording (日前) and the date of the report say when; a report whose date
    is only inferred is said to be undated, never given the inferred date as its own."""
    _, t = edition.gettext, edition.t
    when = t(item.when)
    report = edition.project.sources[item.source]
    if item.date:
        when = _("{date}, {time}").format(date=edition.date(item.date), time=when) if when else edition.date(item.date)
    elif report.date_inferred:
        when = _("{when} (the report is undated)").format(when=when) if when else _("The report is undated")
    else:
        reported = edition.date(report.date)
        when = _("{when} (reported {date})").format(when=when, date=reported) if when else \
            _("Reported {date}").format(date=reported)
    number = edition.source_number(sources, item.source)
    cited = _("Source {number}").format(number=number) if number else ""
    return " · ".join(part for part in (when, t(item.place), cited) if part)


def _listing(edition: Edition, title: str, texts: list[str]) -> list[Flowable]:
    """A small heading, then the items as tiles when each fits one, else as a list."""
    if not texts:
        return []
    theme, width = edition.theme, edition.width
    items = blocks.tiles(texts, theme, width) if blocks.fit_tiles(texts, theme, width) else \
        blocks.bullets(texts, theme)
    return [blocks.paragraph(title, theme, "h3"), *items]
