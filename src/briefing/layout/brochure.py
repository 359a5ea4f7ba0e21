"""The park brochure: a cover with the key figures, then one section per topic.

A section whose facts the sheet does not give is left out, heading and all. The park's own
sections (``Brochure.sections``) are also the park chapters of the zone overview.
"""

from __future__ import annotations

import typing
from typing import Optional

from reportlab.platypus import FrameBreak, Flowable, KeepInFrame, NextPageTemplate, PageBreak, Spacer

from briefing.layout import blocks, charts
from briefing.layout.cover import BottomAligned
from briefing.layout.document import Meta
from briefing.layout.edition import Edition
from briefing.pipeline.occasion import Dedication
from briefing.sheets.project import Project
from briefing.sheets.schema import Neighbour, Park
from briefing.layout.theme import Theme
from briefing.text.typeset import clean

MAX_COVER_FIGURES = 4
#: More bars than fit on a page (and more than a reader compares at a glance).
MAX_CHART_ROWS = 20
SIDES = typing.get_args(typing.get_type_hints(Neighbour)["side"])  # the order to list them in


class Brochure(Edition):
    """Builds the story of one park's brochure in one language."""

    def __init__(self, park: Park, project: Project, lang: str, theme: Theme,
                 dedication: Dedication | None = None, within: Optional[Edition] = None):
        super().__init__(project, lang, theme, within)
        self.park = park
        self.dedication = dedication

    # -- the document -------------------------------------------------------------------

    def meta(self, epoch: int) -> Meta:
        _, park, zone = self._, self.park, self.project.zone
        zone_name = self.short_name(zone) if zone else ""
        chain = self.chain_of(self.park)
        keywords = [zone_name, self.t(park.short_name), self.t(chain.name) if chain else ""]
        return self._meta(
            park.as_of, epoch,
            title=self.t(park.name),
            author=zone_name,
            subject=_("Investment briefing: {park}").format(park=self.t(park.name)),
            keywords=[k for k in keywords if k],
            header_left=f"{zone_name}  |  {self.short_name(park)}",
            header_right=self.t(zone.programme.name) if zone and zone.programme else "",
        )

    def story(self) -> list[Flowable]:
        body = self.sections() + self.zone() + self.sources()
        # The cover is made after the body, so that its note knows whether any text fell back.
        return self.cover() + body + self.untranslated()

    def sections(self) -> list[Flowable]:
        """The park's own sections, from its location to its outlook."""
        story = []
        for part in (self.location, self.positioning, self.operator, self.fund_and_targets,
                     self.companies, self.facilities, self.outlook):
            story += part()
        return story

    # -- cover --------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        """The cover is one page whatever the sheet holds: each frame's content shrinks to fit
        rather than spill onto a second cover page."""
        theme, space = self.theme, self.theme.space
        body = []
        figures = [self._figure_item(f) for f in self.headline_figures()]
        if figures:
            body += [blocks.key_figures(figures, theme, self.width), Spacer(0, space.cover_gap)]
        status = self.status_line()
        if status:
            body += [blocks.paragraph(status, theme, "h2"), Spacer(0, space.paragraph_gap)]
        body.append(blocks.paragraph(self.t(self.park.summary), theme, "lead"))
        glance = [(label, value) for label, value in self._at_a_glance() if value]
        if glance:
            body += [Spacer(0, space.cover_gap), blocks.fact_table(glance, theme, self.width)]
        title = BottomAligned(self._cover_title())  # before the note, which says if any text fell back
        note = blocks.paragraph(self._cover_note(self.park.as_of), theme, "cover_note")
        return [title, FrameBreak(), KeepInFrame(0, 0, body, mode="shrink"),
                FrameBreak(), KeepInFrame(0, 0, [note], mode="shrink"), NextPageTemplate("body"), PageBreak()]

    def _cover_title(self) -> list[Flowable]:
        _, park, theme, zone = self._, self.park, self.theme, self.project.zone
        kicker = " · ".join(x for x in (
            self.t(zone.name) if zone else "",
            self.t(zone.programme.name) if zone and zone.programme else "") if x)
        title = [blocks.paragraph(kicker, theme, "cover_kicker"),
                 blocks.paragraph(self.t(park.name), theme, "cover_title")]
        if park.tagline:
            title.append(blocks.paragraph(self.t(park.tagline), theme, "cover_subtitle"))
        if self.chain_of(park):
            title.append(blocks.paragraph(self.paired_with(park), theme, "cover_meta"))
        return title + self.dedication_line()

    def _at_a_glance(self) -> list[tuple[str, str]]:
        _, park = self._, self.park
        location = park.location
        where = ""
        if location:
            where = self.t(location.building) or self.t(location.address) or self._neighbours()
        contact = park.contact
        return [
            (_("Operator"), self.t(park.operator.name) if park.operator else ""),
            (_("Location"), where),
            (_("Focus"), _(", ").join(self.t(s) for s in park.segments)),
            (_("Fund"), self.fund_text()),
            (_("Telephone"), clean(contact.telephone or "") if contact else ""),
            (_("Web"), clean(contact.web or "") if contact else ""),
            (_("E-mail"), clean(contact.email or "") if contact else ""),
        ]

    def fund_text(self) -> str:
        """The fund in a line: its name, its size, and whether it is only planned."""
        _, fund = self._, self.park.fund
        if not fund:
            return ""
        text = self.t(fund.name)
        if fund.size:
            text = _("{fund} of {size}").format(fund=text, size=self.figure(fund.size))
        return text + (_(" (planned)") if fund.status == "planned" else "")

    def headline_figures(self) -> list:
        """The park's headline figures, as the cover shows them."""
        park = self.park
        candidates = [*park.facts, *(g.count for g in park.companies),
                      *([park.fund.size] if park.fund and park.fund.size else []), *park.targets,
                      *(g.target for g in park.goals if g.target)]
        # The operator picks the cover's figures; a sheet that picks none still gets its facts.
        chosen = [f for f in candidates if f.highlight] or park.facts
        return chosen[:MAX_COVER_FIGURES]

    def status_line(self) -> str:
        parts = (self.opening_text(), self.t(self.park.stage))
        return self.pgettext("status", ", ").join(part for part in parts if part)

    def opening_text(self) -> str:
        _, opening = self._, self.park.opening
        if not opening:
            return ""
        message = _("Expected to open in {date}") if opening.expected else _("Opens in {date}")
        return message.format(date=self.date(opening.date))

    # -- sections -----------------------------------------------------------------------

    def location(self) -> list[Flowable]:
        _, park = self._, self.park
        loc = park.location
        rows = []
        if loc:
            rows += [(_("Building"), self.t(loc.building)), (_("Address"), self.t(loc.address)),
                     (_("Corridor"), self.t(loc.corridor)), (_("Neighbours"), self._neighbours())]
        rows += [(self.t(f.label), self.figure(f)) for f in park.facts]
        rows.append((_("Stage of works"), self.t(park.stage)))
        rows.append((_("Opening"), self.opening_text()))
        body = []
        if loc and loc.description:
            body.append(blocks.paragraph(self.t(loc.description), self.theme))
            body.append(Spacer(0, self.theme.space.block_gap))
        rows = [(label, value) for label, value in rows if value]
        if rows:
            body.append(blocks.fact_table(rows, self.theme, self.width))
        return blocks.section(_("Location and building"), body, self.theme)

    def _neighbours(self) -> str:
        _, loc = self._, self.park.location
        ordered = sorted(loc.neighbours, key=lambda n: SIDES.index(n.side))
        side_words = {"north": _("{name} to the north"), "south": _("{name} to the south"),
                      "east": _("{name} to the east"), "west": _("{name} to the west")}
        return self.clauses(side_words[n.side].format(name=self.t(n.name)) for n in ordered)

    def positioning(self) -> list[Flowable]:
        _, park, theme = self._, self.park, self.theme
        body = blocks.bullets([self.t(p) for p in park.positioning], theme)
        if park.segments:
            body += [blocks.heading(_("Target segments"), theme, level=1),
                     blocks.tiles([self.t(s) for s in park.segments], theme, self.width)]
        return blocks.section(_("Positioning and target segments"), body, theme)

    def operator(self) -> list[Flowable]:
        _, park, theme = self._, self.park, self.theme
        body = []
        if park.operator:
            body += self._organisation(park.operator)
        if park.backers:
            body.append(blocks.heading(_("Backers and partners"), theme, level=1))
            for backer in park.backers:
                body += self._organisation(backer)
        formulas = [self.t(park.operating_model)] if park.operating_model else []
        formulas += [self.t(s) for s in park.slogans]
        if formulas:
            body.append(blocks.heading(_("Operating model"), theme, level=1))
            body.append(blocks.panel([blocks.paragraph(f, theme, "formula") for f in formulas],
                                     theme, self.width))
        return blocks.section(_("Operator and operating model"), body, theme)

    def _organisation(self, org) -> list[Flowable]:
        theme = self.theme
        body = [blocks.labelled(self.t(org.name), self.t(org.relation), theme)]
        if org.description:
            body.append(blocks.paragraph(self.t(org.description), theme))
        body += self._figure_row([self._figure_item(f) for f in org.record])
        body += [blocks.paragraph(self.t(fact), theme) for fact in org.facts]
        return body

    def fund_and_targets(self) -> list[Flowable]:
        _, park, theme = self._, self.park, self.theme
        body = []
        fund = park.fund
        if fund:
            status = _("Established") if fund.status == "established" else _("Planned")
            rows = [(_("Fund"), self.t(fund.name)), (_("Status"), status)]
            if fund.size:
                rows.append((_("Size"), self.figure(fund.size)))
            if fund.model:
                rows.append((_("How it works"), self.t(fund.model)))
            body.append(blocks.fact_table(rows, theme, self.width))
        if park.targets:
            body.append(blocks.heading(_("Targets"), theme, level=1))
            rows = [[self.t(f.label), self.figure(f)] for f in park.targets]
            body.append(blocks.grid_table([_("Indicator"), _("Target figure")], rows, theme,
                                          [self.width * 0.7, self.width * 0.3], numeric=(1,)))
        chart = self._company_chart()
        if chart:
            body += [blocks.heading(_("Companies: now and aimed for"), theme, level=1), chart]
        return blocks.section(_("Fund and targets"), body, theme)

    def _company_chart(self):
        park, _ = self.park, self._
        now = [(g.count, 0) for g in park.companies]
        aims = [(f, 1) for f in park.targets] + [(g.target, 1) for g in park.goals if g.target]
        rows = [(self.t(f.label), f.value, self.figure(f), series)
                for f, series in now + aims if f.unit == "company"]
        if len(rows) < 2 or not any(value > 0 for _, value, _, _ in rows):
            return None  # one bar compares nothing; all zero has no scale
        if len(rows) > MAX_CHART_ROWS:
            return None  # a drawing cannot break across pages; the tables above give every figure
        return charts.BarChart(rows, [_("Now"), _("Target")], self.theme, self.width)

    def companies(self) -> list[Flowable]:
        _, park = self._, self.park
        stages = self.stage_names()
        rows = [[stages[g.stage], self.figure(g.count), _(", ").join(self.t(n) for n in g.names) or "—"]
                for g in park.companies]
        body = []
        if rows:
            w = self.width
            body.append(blocks.grid_table([_("Stage"), _("Companies"), _("Named by the source")], rows,
                                          self.theme, [w * 0.25, w * 0.2, w * 0.55]))
        return blocks.section(_("Companies signed and in the pipeline"), body, self.theme)

    def facilities(self) -> list[Flowable]:
        _, park, theme = self._, self.park, self.theme
        body = []
        if park.amenities:
            body += [blocks.heading(_("On site"), theme, level=1),
                     blocks.tiles([self.t(a) for a in park.amenities], theme, self.width)]
        if park.platforms:
            body += [blocks.heading(_("Platforms and centres planned"), theme, level=1),
                     *blocks.bullets([self.t(p) for p in park.platforms], theme)]
        return blocks.section(_("Facilities and services"), body, theme)

    def outlook(self) -> list[Flowable]:
        _, park, theme = self._, self.park, self.theme
        body = []
        for event in park.events:
            title = self.t(event.name)
            if event.frequency:
                title = _("{name} ({frequency})").format(name=title, frequency=self.t(event.frequency))
            body += [blocks.paragraph(title, theme, "item"), blocks.paragraph(self.t(event.description), theme)]
        for goal in park.goals:
            body += [blocks.paragraph(self.t(goal.name), theme, "item"),
                     blocks.paragraph(self.t(goal.description), theme)]
            if goal.target:
                label = self.t(goal.target.label)
                if goal.by:
                    label += _(" by {date}").format(date=self.date(goal.by))
                body += self._figure_row([self._figure_item(goal.target, label)])
        for person in park.people:
            body += self._words_of(person)
        return blocks.section(_("Outlook and events"), body, theme)

    def _words_of(self, person) -> list[Flowable]:
        """A direct quotation as a pull quote; reported speech as reported speech."""
        _, theme = self._, self.theme
        name, role = self.t(person.name), self.t(person.role)
        body = []
        if person.statement:
            body.append(blocks.paragraph(_("According to {name}, {role}: {statement}").format(
                name=name, role=role, statement=self.t(person.statement)), theme))
        if person.quote:
            who = _("— {name}, {role}").format(name=name, role=role)
            body += [Spacer(0, theme.space.block_gap), blocks.quote(self.t(person.quote), who, theme, self.width)]
        return body

    def zone(self) -> list[Flowable]:
        """The zone and its programme: why this park exists, for a visitor new to Hengyang."""
        _, theme, zone = self._, self.theme, self.project.zone
        if not zone:
            return []
        programme = zone.programme
        # The programme's own description says what the zone's summary says, and more
        # precisely for this brochure; the summary stands in when there is no programme.
        texts = (programme.description, programme.park_concept) if programme else (zone.summary,)
        body = [blocks.paragraph(self.t(text), theme) for text in texts if text]
        chain = self.chain_of(self.park)
        rows = [(_("Programme"), self.t(programme.name) if programme else ""),
                (_("Pairing"), self.t(programme.pairing) if programme else ""),
                (_("City priority chains"), self._city_chains()),
                (_("Chain office"), self.t(chain.office) if chain else ""),
                (_("The zone's roles"), _(", ").join(self.t(r) for r in zone.roles)),
                (_("Corridor"), self.t(zone.corridor))]
        rows = [(label, value) for label, value in rows if value]
        if rows:
            body += [Spacer(0, theme.space.block_gap), blocks.fact_table(rows, theme, self.width)]
        title = _("About {zone}").format(zone=self.short_name(zone))
        return blocks.section(title, body, theme)

    def _city_chains(self) -> str:
        _, chains = self._, self.project.zone.city_chains
        if not chains:
            return ""
        return _("{count}, set at the {meeting} on {date}").format(
            count=self.figure(chains.count), meeting=self.t(chains.meeting), date=self.date(chains.decided_at))

    def sources(self) -> list[Flowable]:
        # The brochure's last section is about the zone, so the zone's sources are cited too.
        zone = [self.project.zone.id] if self.project.zone else []
        body = self.reference_list(self.cited([self.park.id, *zone]))
        return blocks.section(self._("Sources"), body, self.theme, back_matter=True)
