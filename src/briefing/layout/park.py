"""A park as the documents present it, in one edition's language: its key figures, its status,
its cover title, its essentials at a glance, its web pages, and its own sections (from its
location to its outlook). The brochure, the flyer, the overview's park chapters and its
comparison all ask a ``ParkPresenter``, so each says the same thing the same way.

A section whose facts the sheet does not give is left out, heading and all.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Optional

from reportlab.platypus import Flowable, Spacer

from briefing.layout import blocks, charts, pictures, sketch
from briefing.layout.document import Meta
from briefing.layout.edition import Edition, FigureItem
from briefing.messages import msg
from briefing.sheets import facts
from briefing.sheets.schema import Figure, Neighbour, Organisation, Park, Person, Stated
from briefing.text.typeset import clean

MAX_COVER_FIGURES = 4
#: More bars than fit on a page (and more than a reader compares at a glance).
MAX_CHART_ROWS = 20
SIDES = typing.get_args(typing.get_type_hints(Neighbour)["side"])  # the order to list them in


class ParkPresenter:
    """One park in the words of one edition."""

    def __init__(self, edition: Edition, park: Park):
        self.edition, self.park = edition, park
        #: The checked images the sheets name, by path (photos, a QR image).
        self.images = edition.project.images

    # -- in a line ------------------------------------------------------------------------

    def name(self) -> str:
        return self.edition.t(self.park.name)

    def short_name(self) -> str:
        return self.edition.short_name(self.park)

    def headline_figures(self) -> list[Figure]:
        """The park's headline figures, as the cover shows them."""
        park = self.park
        candidates = [*park.facts, *(g.count for g in park.companies),
                      *([park.fund.size] if park.fund and park.fund.size else []), *park.targets,
                      *(g.target for g in park.goals if g.target)]
        # The operator picks the cover's figures; a sheet that picks none still gets its facts.
        chosen = [f for f in candidates if f.highlight] or park.facts
        return chosen[:MAX_COVER_FIGURES]

    def headline_items(self, limit: int = MAX_COVER_FIGURES) -> list[FigureItem]:
        return [self.edition.figure_item(f) for f in self.headline_figures()[:limit]]

    def status_line(self) -> str:
        """资料截至2021年4月，预计2021年5月开园，正在进行内部装修: the as-of date first, so that
        nobody reads an expected date years later as news."""
        parts = (self.opening_text(), self.edition.t(self.park.stage))
        if not any(parts):
            return ""
        return self.edition.pgettext("status", ", ").join(
            part for part in (self.edition.as_of_line(self.park.as_of), *parts) if part)

    def opening_text(self) -> str:
        _, opening = self.edition.gettext, self.park.opening
        if not opening:
            return ""
        message = _("Expected to open in {date}") if opening.expected else _("Opens in {date}")
        return message.format(date=self.edition.date(opening.date))

    def fund_text(self) -> str:
        """The fund in a line: its name, its size, and whether it is only planned."""
        edition, fund = self.edition, self.park.fund
        _ = edition.gettext
        if not fund:
            return ""
        text = edition.t(fund.name)
        if fund.size:
            text = _("{fund} of {size}").format(fund=text, size=edition.figure(fund.size))
        return text + (_(" (planned)") if fund.status == "planned" else "")

    def neighbours(self) -> str:
        """The roads on each side, north first: 北临曙光路，南临衡州大道."""
        edition, location = self.edition, self.park.location
        _ = edition.gettext
        if not location:
            return ""
        ordered = sorted(location.neighbours, key=lambda n: SIDES.index(n.side))
        side_words = {"north": _("{name} to the north"), "south": _("{name} to the south"),
                      "east": _("{name} to the east"), "west": _("{name} to the west")}
        return edition.clauses(side_words[n.side].format(name=edition.t(n.name)) for n in ordered)

    def rent_text(self) -> str:
        """25～40元/平方米·月, RMB 25–40 per m² a month: the rent as the sheet gives it."""
        leasing = self.park.leasing
        if not leasing or not leasing.rent:
            return ""
        return self.edition.gettext("{amount} per m² a month").format(amount=self.edition.figure(leasing.rent))

    def stated(self, fact: Stated) -> str:
        """A fact stated in words, with its own as-of date when it differs from the sheet's."""
        edition = self.edition
        text = edition.t(fact.text)
        if fact.as_of and fact.as_of != self.park.as_of:
            text = edition.gettext("{text} (as of {date})").format(text=text, date=edition.date(fact.as_of))
        return text

    def all_targets(self) -> list[Figure]:
        """Every target of the park: its own targets, then its goals' targets."""
        return [*self.park.targets, *(g.target for g in self.park.goals if g.target)]

    def targets(self, figures: Optional[list[Figure]] = None) -> tuple[str, list[tuple[str, Figure]]]:
        """The targets (all, or ``figures``) labelled with their deadlines, and who states them:
        once, as a line to set before them, when one speaker states them all (据运营方负责人刘浩
        介绍), else with each label. A target nobody is named for has no line of its own."""
        edition = self.edition
        figures = self.all_targets() if figures is None else figures
        speakers = {edition.t(f.said_by) for f in figures}
        shared = figures[0].said_by if figures and len(speakers) == 1 and figures[0].said_by else None
        lines = []
        for figure in figures:
            label = edition.target_label(dataclasses.replace(figure, said_by=None)) if shared else \
                edition.target_label(figure)
            lines.append((label, figure))
        return (_sentence(edition.according_to(shared)) if shared else ""), lines

    def at_a_glance(self) -> list[tuple[str, str]]:
        """The essentials as label and value, those the sheet gives."""
        edition, park = self.edition, self.park
        _, t = edition.gettext, edition.t
        location = park.location
        where = (t(location.building) or t(location.address) or self.neighbours()) if location else ""
        contact = park.contact
        rows = [
            (_("Operator"), t(park.operator.name) if park.operator else ""),
            (_("Location"), where),
            (_("Focus"), _(", ").join(t(s) for s in park.segments)),
            (_("Fund"), self.fund_text()),
            (_("Space available"), edition.figure(park.leasing.space_available)
             if park.leasing and park.leasing.space_available else ""),
            (_("Rent"), self.rent_text()),
            (_("Telephone"), clean(contact.telephone or "") if contact else ""),
            (_("Web"), clean(contact.web or "") if contact else ""),
            (_("E-mail"), clean(contact.email or "") if contact else ""),
        ]
        return [(label, value) for label, value in rows if value]

    def links(self) -> list[tuple[str, str]]:
        """(label, address) of every web page the sheet gives: its links, then its web site
        from the contact details unless a link already points there."""
        edition, park = self.edition, self.park
        links: list[tuple[str, str]] = [(edition.t(link.label), link.url) for link in park.links]
        web = clean(park.contact.web or "") if park.contact else ""
        if web and web not in {url for _, url in links}:
            links.append((edition.gettext("Web"), web))
        return links

    def sheet_keys(self) -> list[str]:
        """The sheets a document about the park draws on, as ``Edition.cited`` takes them: the
        park's, and the zone's (its name is on every cover, and a brochure ends on the zone)."""
        zone = self.edition.project.zone
        return [self.park.id, *([zone.id] if zone else [])]

    def meta(self, epoch: int) -> Meta:
        """What a document about the park (its brochure, its flyer) says about itself."""
        edition, park, zone = self.edition, self.park, self.edition.project.zone
        t = edition.t
        zone_name = edition.short_name(zone) if zone else ""
        chain = edition.chain_of(park)
        keywords = [zone_name, t(park.short_name), t(chain.name) if chain else ""]
        return edition.meta(
            park.as_of, epoch,
            title=t(park.name),
            author=zone_name,
            subject=edition.gettext("Investment briefing: {park}").format(park=t(park.name)),
            keywords=[k for k in keywords if k],
            header_left=f"{zone_name}  |  {self.short_name()}",
            header_right=t(zone.programme.name) if zone and zone.programme else "",
        )

    # -- blocks ---------------------------------------------------------------------------

    #: What a cover title leaves out first when the band has no room: the chain, then the kicker,
    #: then the aim; never the park's name.
    TITLE_ORDER = msg("the paired chain, the zone's name above the title, the park's aim")

    def cover_title(self, short: bool = False) -> list[tuple[str, int, Flowable]]:
        """The kicker (zone and programme; the zone's short name if ``short``, as a flyer has
        it), the park's name, its aim, its chain, each with its rank (``cover.BottomAligned``:
        the highest is left out first)."""
        edition, park, zone = self.edition, self.park, self.edition.project.zone
        theme, t = edition.theme, edition.t
        kicker = " · ".join(x for x in (
            (edition.short_name(zone) if short else t(zone.name)) if zone else "",
            t(zone.programme.name) if zone and zone.programme else "") if x)
        title: list[tuple[str, int, Flowable]] = [
            (msg("the zone's name above the title"), 2, blocks.paragraph(kicker, theme, "cover_kicker")),
            (msg("the park's name"), 0, blocks.paragraph(t(park.name), theme, "cover_title"))]
        if park.tagline:
            title.append((msg("the park's aim"), 1, blocks.paragraph(t(park.tagline), theme, "cover_subtitle")))
        if edition.chain_of(park):
            title.append((msg("the paired chain"), 3, blocks.paragraph(edition.paired_with(park), theme, "cover_meta")))
        return title

    def sections(self) -> list[Flowable]:
        """The park's own sections, from its location to its outlook."""
        story: list[Flowable] = []
        for part in (self.location, self.positioning, self.operator, self.fund_and_targets,
                     self.companies, self.facilities, self.leasing, self.outlook, self.pictures):
            story += part()
        return story

    def _illustrated(self, section: str, body: list[Flowable]) -> list[Flowable]:
        """The section's body with its photo beside it (``pictures.beside``), if the sheet
        gives one for it; a photo of a section the sheet has nothing for goes to the pictures."""
        photos = pictures.section_photos(self.park, self.images, section)
        if not photos or not body:
            return body
        photo, data = photos[0]
        return pictures.beside(photo, data, self.edition, body)

    # -- sections -------------------------------------------------------------------------

    def location(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _, t, theme = edition.gettext, edition.t, edition.theme
        loc = park.location
        rows = []
        if loc:
            rows += [(_("Building"), t(loc.building)), (_("Address"), t(loc.address)),
                     (_("Corridor"), t(loc.corridor)), (_("Neighbours"), self.neighbours())]
        rows += [(t(f.label), edition.figure(f)) for f in park.facts]
        rows.append((_("Stage of works"), t(park.stage)))
        rows.append((_("Opening"), self.opening_text()))
        body: list[Flowable] = []
        if loc and loc.description:
            body.append(blocks.paragraph(t(loc.description), theme))
            body.append(Spacer(0, theme.space.block_gap))
        rows = [(label, value) for label, value in rows if value]
        if rows:
            body.append(blocks.fact_table(rows, theme, edition.width))
        body = self._illustrated("location", body)
        drawn = sketch.sketch(loc, park.short_name or park.name, edition, edition.width)
        if drawn:
            body += [Spacer(0, theme.space.block_gap * 2), *drawn]
        return blocks.section(_("Location and building"), body, theme)

    def positioning(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _, t, theme = edition.gettext, edition.t, edition.theme
        body = blocks.bullets([t(p) for p in park.positioning], theme)
        if park.segments:
            body += [blocks.heading(_("Target segments"), theme, level=1),
                     *blocks.tiles([t(s) for s in park.segments], theme, edition.width)]
        # The heading names only what the park has: a park without segments has none to show.
        title = _("Positioning and target segments") if park.segments else _("Positioning")
        return blocks.section(title, self._illustrated("positioning", body), theme)

    def operator(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _, t, theme = edition.gettext, edition.t, edition.theme
        body: list[Flowable] = []
        if park.operator:
            body += self._organisation(park.operator)
        if park.backers:
            # Each organisation's own relation says how it is linked (运营方依托其资源, 运营方总部);
            # the heading claims no relation of its own (backing, partnership) that the source does not.
            body.append(blocks.heading(_("Related organisations"), theme, level=1))
            for backer in park.backers:
                body += self._organisation(backer)
        formulas = [t(park.operating_model)] if park.operating_model else []
        formulas += [t(s) for s in park.slogans]
        if formulas:
            body.append(blocks.heading(_("Operating model"), theme, level=1))
            body.append(blocks.panel([blocks.paragraph(f, theme, "formula") for f in formulas],
                                     theme, edition.width))
        return blocks.section(_("Operator and operating model"), self._illustrated("operator", body), theme)

    def _organisation(self, org: Organisation) -> list[Flowable]:
        edition = self.edition
        t, theme = edition.t, edition.theme
        body: list[Flowable] = [blocks.labelled(t(org.name), t(org.relation), theme)]
        if org.description:
            body.append(blocks.paragraph(t(org.description), theme))
        body += edition.figure_row([edition.figure_item(f) for f in org.record])
        body += [blocks.paragraph(t(fact), theme) for fact in org.facts]
        return body

    def fund_and_targets(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _, t, theme = edition.gettext, edition.t, edition.theme
        body: list[Flowable] = []
        fund = park.fund
        if fund:
            status = _("Established") if fund.status == "established" else _("Planned")
            rows = [(_("Fund"), t(fund.name)), (_("Status"), status)]
            if fund.size:
                rows.append((_("Size"), edition.figure(fund.size)))
            if fund.model:
                rows.append((_("How it works"), t(fund.model)))
            body.append(blocks.fact_table(rows, theme, edition.width))
        if park.targets:
            speaker, lines = self.targets(park.targets)
            body.append(blocks.heading(_("Targets"), theme, level=1))
            if speaker:
                body.append(blocks.paragraph(speaker, theme, "caption"))
            targets = [[label, edition.figure(f)] for label, f in lines]
            body.append(blocks.grid_table([_("Indicator"), _("Target figure")], targets, theme, edition.width,
                                          numeric=(1,)))
        return blocks.section(_("Fund and targets"), self._illustrated("fund", body), theme)

    def _company_chart(self) -> Optional[Flowable]:
        """The companies at each stage of moving in, on one scale: facts only, never beside a
        target (a target of headquarters companies is not the signed companies' future), and
        never a single bar, which compares nothing."""
        edition, park = self.edition, self.park
        rows = [(edition.stage_names()[g.stage], g.count.value, edition.figure(g.count), 0)
                for g in park.companies if not facts.is_target(g.count)]
        if len(rows) < 2 or not any(row[1] > 0 for row in rows):
            return None  # one bar compares nothing; all zero has no scale
        if len(rows) > MAX_CHART_ROWS:
            return None  # a drawing cannot break across pages; the table gives every figure
        return charts.BarChart(rows, [edition.as_of_line(park.as_of)], edition.theme, edition.width)

    def companies(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _ = edition.gettext
        stages = edition.stage_names()
        rows = [[stages[g.stage], edition.figure(g.count), _(", ").join(edition.t(n) for n in g.names) or "—"]
                for g in park.companies]
        body: list[Flowable] = []
        if rows:
            body.append(blocks.grid_table([_("Stage"), _("Companies"), _("Named companies")], rows,
                                          edition.theme, edition.width))
        chart = self._company_chart()
        if chart:
            body += [blocks.heading(_("Companies at each stage of moving in"), edition.theme, level=1), chart]
        signed = any(g.stage == "signed" for g in park.companies)
        title = _("Companies signed and in the pipeline") if signed else _("Companies in the pipeline")
        return blocks.section(title, self._illustrated("companies", body), edition.theme)

    def facilities(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _, t, theme = edition.gettext, edition.t, edition.theme
        body: list[Flowable] = []
        if park.amenities:
            body += [blocks.heading(_("On site"), theme, level=1),
                     *blocks.tiles([t(a) for a in park.amenities], theme, edition.width)]
        if park.platforms:
            body += [blocks.heading(_("Platforms and centres planned"), theme, level=1),
                     *blocks.bullets([t(p) for p in park.platforms], theme)]
        return blocks.section(_("Facilities and services"), self._illustrated("facilities", body), theme)

    def leasing(self) -> list[Flowable]:
        """Space to let, rent, fit-out and the incentives, each as the sheet states it; nothing
        when it states none."""
        edition, park = self.edition, self.park
        _, theme = edition.gettext, edition.theme
        leasing = park.leasing
        rows = []
        if leasing:
            rows = [(_("Space available"), edition.figure(leasing.space_available) if leasing.space_available else ""),
                    (_("Rent"), self.rent_text()),
                    (_("Fit-out"), self.stated(leasing.fit_out) if leasing.fit_out else "")]
        rows = [(label, value) for label, value in rows if value]
        body: list[Flowable] = [blocks.fact_table(rows, theme, edition.width)] if rows else []
        if park.incentives:
            body += [blocks.heading(_("Incentives"), theme, level=1),
                     *blocks.bullets([self.stated(item) for item in park.incentives], theme)]
        title = _("Space, rent and incentives") if rows else _("Incentives")
        return blocks.section(title, self._illustrated("leasing", body), theme)

    def pictures(self) -> list[Flowable]:
        """The photos no section shows (nor the cover), as a small gallery; a photo of a section
        the park has nothing for joins them."""
        edition = self.edition
        shown = [(photo, data) for photo, data in pictures.gallery_photos(self.park, self.images)]
        shown += [(photo, data) for photo, data in self._unplaced()]
        body = pictures.gallery(shown, edition, edition.width)
        return blocks.section(edition.gettext("Pictures"), body, edition.theme)

    def _unplaced(self) -> list:
        """Photos of sections the park has nothing for (their section is not shown)."""
        empty = {name for name, part in (("location", self.location), ("positioning", self.positioning),
                                         ("operator", self.operator), ("fund", self.fund_and_targets),
                                         ("companies", self.companies), ("facilities", self.facilities),
                                         ("leasing", self.leasing), ("outlook", self.outlook))
                 if any(p.section == name for p in self.park.photos) and not self._has(part)}
        return [(photo, data) for photo, data in ((p, self.images.get(p.image)) for p in self.park.photos)
                if data and photo.section in empty and not photo.cover
                and photo is pictures.section_photos(self.park, self.images, photo.section)[0][0]]

    def _has(self, part) -> bool:
        return bool(part())

    def outlook(self) -> list[Flowable]:
        edition, park = self.edition, self.park
        _, t, theme = edition.gettext, edition.t, edition.theme
        body: list[Flowable] = []
        for event in park.events:
            title = t(event.name)
            if event.frequency:
                title = _("{name} ({frequency})").format(name=title, frequency=t(event.frequency))
            body += [blocks.paragraph(title, theme, "item"), blocks.paragraph(t(event.description), theme)]
        for goal in park.goals:
            body += [blocks.paragraph(t(goal.name), theme, "item"),
                     blocks.paragraph(t(goal.description), theme)]
            if goal.target:
                body += edition.figure_row([edition.figure_item(goal.target)])
        for person in park.people:
            body += self._words_of(person)
        return blocks.section(_("Outlook and events"), self._illustrated("outlook", body), theme)

    def _words_of(self, person: Person) -> list[Flowable]:
        """A direct quotation as a pull quote; reported speech as reported speech, under a
        heading that says whose account it is (据运营方负责人杨章宏介绍), never as a quotation."""
        edition = self.edition
        _, t, theme = edition.gettext, edition.t, edition.theme
        name, role = t(person.name), t(person.role)
        body: list[Flowable] = []
        if person.statement:
            body += [blocks.paragraph(_("According to {name}, {role}").format(name=name, role=role), theme, "item"),
                     blocks.paragraph(t(person.statement), theme)]
        if person.quote:
            who = _("— {name}, {role}").format(name=name, role=role)
            body += [Spacer(0, theme.space.block_gap), blocks.quote(t(person.quote), who, theme, edition.width)]
        return body


def _sentence(text: str) -> str:
    """A clause set as a sentence of its own: its first letter capitalised (Chinese is as it is)."""
    return text[:1].upper() + text[1:]

