"""The zone overview: one document about the whole zone for a visiting delegation.

A cover; the contents; the zone and its programme; the parks side by side; a chapter per
park made of that park's brochure sections; the zone news the zone sheet lists; and where
every figure came from. It is built from the same sheets as the brochures, and every total
in it is computed from the park sheets (``facts.py``), so the two can never disagree.
"""

from __future__ import annotations

import weakref
from typing import Optional

from reportlab.platypus import CondPageBreak, Flowable, FrameBreak, NextPageTemplate, PageBreak, Spacer

from briefing.layout import blocks, comparison, contact, news, pictures
from briefing.layout.cover import BottomAligned
from briefing.layout.document import DeferredContents, Entry, Meta, OutlineDepth
from briefing.layout.edition import Edition
from briefing.layout.park import ParkPresenter
from briefing.layout.theme import Theme, paper_name
from briefing.messages import msg
from briefing.pipeline.occasion import Dedication
from briefing.sheets import facts
from briefing.sheets.project import Project
from briefing.sheets.schema import Figure, Park, Text
from briefing.text import hooks

#: Outline levels the contents list: the sections, and the parts of each (a park's sections).
CONTENTS_DEPTH = 1
#: A park's chapter and the news start on a page of their own, unless that would leave the page
#: before less full than this: then they follow on the same page.
FULL_ENOUGH = 0.42


class Overview:
    """Builds the story of the zone overview in one language."""

    def __init__(self, project: Project, lang: str, theme: Theme, dedication: Optional[Dedication] = None):
        assert project.zone is not None, "an overview is made only of a zone sheet that validates"
        self.edition = edition = Edition(project, lang, theme)
        self.project, self.theme, self.width = project, theme, edition.width
        self.t, self._ = edition.t, edition.gettext
        self.dedication = dedication
        #: The story's last blocks that start a page of their own (``Brochure.push``).
        self.push = 0
        self.zone = project.zone
        # The parks' chapters are their brochures' sections, written into this document.
        self.parks = [ParkPresenter(edition, park) for park in _park_order(project)]
        self.news = project.news_for(lang)
        #: The newest sheet's as-of date: the overview is as recent as its latest facts.
        self.as_of = facts.latest([self.zone.as_of, *(p.park.as_of for p in self.parks)])
        #: The oldest, when the sheets' dates differ: the cover gives the range, not only the newest.
        self.earliest = min([self.zone.as_of, *(p.park.as_of for p in self.parks)],
                            key=lambda d: (d.year, d.month, d.day or 0))
        self.sheet_keys = [self.zone.id, *(p.park.id for p in self.parks), *(f"news/{item.id}" for item in self.news)]
        self.sources = edition.cited(self.sheet_keys)
        #: The last story given, and its body, to give again to a pass that follows one that
        #: never reached it (``_unreached_body``). The body by weak references: a pass that
        #: lays it out lets each flowable go once drawn, as ReportLab does (held, the 300-park
        #: overview kept every laid-out chapter to its end: 67 MB more at its peak).
        self._told: Optional[list[Flowable]] = None
        self._paginated: Optional[list[weakref.ref]] = None

    def zone_name(self) -> str:
        return self.edition.short_name(self.zone)

    def programme_name(self) -> str:
        return self.t(self.zone.programme.name) if self.zone.programme else ""

    def meta(self, epoch: int) -> Meta:
        _ = self._
        keywords = [self.zone_name(), self.programme_name(), *(self.t(p.park.short_name) for p in self.parks),
                    *(self.t(c.name) for c in self.zone.chains)]
        return self.edition.meta(
            self.as_of, epoch,
            title=_("{zone}: overview").format(zone=self.zone_name()),
            author=self.zone_name(),
            subject=_("Investment overview: {zone}").format(zone=self.zone_name()),
            keywords=[k for k in keywords if k],
            header_left=self.zone_name() + "  |  " + _("Overview"),
            header_right=self.programme_name(),
        )

    def story(self, headings: Optional[list[Entry]]) -> list[Flowable]:
        """The whole document; ``headings`` are where the previous pass put each heading
        (None on the first pass), for the contents' page numbers."""
        head = self.cover() + self.contents(headings) + [self._carry] + self.programme() + comparison.section(self)
        body = self._unreached_body()
        if body is None:
            made = self._body()
            if not (made and isinstance(made[0], CondPageBreak)):
                self._paginated = None
                return self._tell(blocks.paginate(head + made, self.theme))
            # Paginated apart: the page break between the parts ends every group either keeps.
            body = blocks.paginate(made, self.theme)
            self._paginated = [weakref.ref(flowable) for flowable in body]
        return self._tell(blocks.paginate(head, self.theme) + body)

    def _tell(self, story: list[Flowable]) -> list[Flowable]:
        self._told = story = blocks.push_to_last_page(story, self.push)
        return story

    def _body(self) -> list[Flowable]:
        """The parks' chapters, the news and the sources, then the untranslated fields (made last)."""
        body: list[Flowable] = []
        for park in self.parks:
            body += self.park_chapter(park)
        digest = news.digest(self.edition, self.news, self.sources)
        body += ([self._fresh_page(), *digest] if digest else []) + self.figure_sources()
        return body + self.edition.untranslated_section()

    def _unreached_body(self) -> Optional[list[Flowable]]:
        """The body (``_body``, paginated) given to the previous pass, if that pass never
        reached any of it; else None, to make it afresh. A pass that stops early
        (``render_with_contents``) stops on the first pages, at the cover's carried table:
        the chapters of a large zone, most of the time the story takes to make, are then made
        once instead of twice. A flowable still in the list a pass was given was never laid
        out: ReportLab's ``build`` takes each from the front of that list, and leaves it empty."""
        refs, told = self._paginated, self._told
        if refs is None or told is None:
            return None
        body = [ref() for ref in refs]
        left = {id(flowable) for flowable in told}
        return body if all(flowable is not None and id(flowable) in left for flowable in body) else None

    def _fresh_page(self) -> Flowable:
        """A new page, unless this one is less than ``FULL_ENOUGH`` full (a chapter's last
        lines): a page is never left that empty for a new part to start on the next."""
        return CondPageBreak(self.theme.frame_height * (1 - FULL_ENOUGH))

    # -- cover and contents -------------------------------------------------------------

    #: What the cover leaves out first when a block does not fit its page.
    COVER_ORDER = msg("the summary (the table of essentials opens the next page instead)")
    TITLE_ORDER = msg("the chains and their parks, the zone's full name, the subtitle")

    def cover(self) -> list[Flowable]:
        """One page whatever the sheets hold, never scaled, as the brochure's cover."""
        theme, space, edition = self.theme, self.theme.space, self.edition
        page = msg("cover of the {paper} overview", paper=paper_name(theme.paper))
        figures = [edition.figure_item(f, label) for f, label in self.zone_figures()]
        body: list[tuple[str, int, list[Flowable]]] = []
        if figures:
            body.append((msg("the key figures"), 0, [blocks.key_figures(figures, theme, self.width),
                                                     Spacer(0, space.cover_gap)]))
        body.append((msg("the summary"), 1, [blocks.paragraph(self.t(self.zone.summary), theme, "lead")]))
        glance = [(label, value) for label, value in self._at_a_glance() if value]
        if glance:
            body.append((msg("the table of essentials"), 2, [Spacer(0, space.cover_gap),
                                                             blocks.fact_table(glance, theme, self.width)]))
        title = BottomAligned(self._cover_title(), lambda what: edition.left_out(what, page, self.TITLE_ORDER))
        carry = self._carry = blocks.Carried([blocks.heading(self._("At a glance"), theme, style="h1_back",
                                                             contents=False)])
        return [title, FrameBreak(),
                blocks.LeaveOut(body, lambda what: edition.left_out(what, page, self.COVER_ORDER), carry,
                                ["the table of essentials"]),
                FrameBreak(), edition.cover_note_frame(self.as_of, page, self.sheet_keys, self.earliest),
                NextPageTemplate("body"), PageBreak()]

    def _cover_title(self) -> list[tuple[str, int, Flowable]]:
        _, theme = self._, self.theme
        title: list[tuple[str, int, Flowable]] = [
            (msg("the zone's full name"), 2, blocks.paragraph(self.t(self.zone.name), theme, "cover_kicker")),
            (msg("the zone's name"), 0, blocks.paragraph(self.zone_name(), theme, "cover_title")),
            (msg("the subtitle"), 1,
             blocks.paragraph(_("Overview of the zone's chains and parks"), theme, "cover_subtitle"))]
        pairs = self.edition.pgettext("pairs", ", ").join(
            _("{chain} with the {park}").format(chain=self.t(chain.name), park=self.t(park.name))
            for chain, park in self.pairs())
        if pairs and self.programme_name():
            pairs = _("“{programme}”: {pairs}").format(programme=self.programme_name(), pairs=pairs)
        if pairs:
            title.append((msg("the chains and their parks"), 3, blocks.paragraph(pairs, theme, "cover_meta")))
        return title + [(msg("the dedication"), 0, f) for f in self.edition.dedication_line(self.dedication)]

    def _at_a_glance(self) -> list[tuple[str, str]]:
        _ = self._
        # The as-of date first: the parks' openings below are forecasts made then.
        rows = [(_("Facts as of"), self.edition.date(self.as_of)),
                (_("Location"), self.t(self.zone.location)), (_("Corridor"), self.t(self.zone.corridor))]
        for park in self.parks:
            paired = self.edition.paired_with(park.park)
            rows.append((park.short_name(),
                         self.edition.pgettext("status", ", ").join(part for part in (paired, park.opening_text())
                                                                    if part)))
        return rows

    def zone_figures(self) -> list[tuple[Figure, str]]:
        """The zone at a glance: the city's chains, and the zone's chains, parks, floor area and
        companies signed, each counted or added up from the sheets. A figure only one park
        gives is not a total: it is shown as that park's, with its own qualifier."""
        _, zone = self._, self.zone
        counted = [(zone.city_chains.count, "") if zone.city_chains else None,
                   (Figure(Text(""), len(zone.chains), "chain"), _("Industrial chains the zone hosts")),
                   self._across_parks(facts.floor_area, _("Floor area of the parks together")),
                   self._across_parks(lambda park: facts.companies_at(park, "signed"),
                                      _("Companies signed to move in, all parks"))]
        return [(figure, label) for figure, label in filter(None, counted) if figure and figure.value]

    def _across_parks(self, get, total_label: str) -> tuple[Optional[Figure], str]:
        """The parks' figures added up, labelled as a total; or, where only one park gives the
        figure, that park's figure under its own label and the park's name (已签约入驻企业
        （移动互联网产业园）), with its own qualifier."""
        figures = [get(p.park) for p in self.parks]
        only = facts.sole(figures)
        if only is not None and len(self.parks) > 1 and (figure := figures[only]) is not None:
            return figure, self._("{label} ({park})").format(label=self.t(figure.label),
                                                            park=self.parks[only].short_name())
        return facts.total(figures), total_label

    def pairs(self) -> list[tuple]:
        """Each chain with the park paired with it, in the zone sheet's order."""
        return [(chain, self.project.parks[chain.park]) for chain in self.zone.chains
                if chain.park in self.project.parks]

    def contents(self, headings: Optional[list[Entry]]) -> list[Flowable]:
        """The contents on a page of their own, so that filling in the page numbers never
        moves the pages they number; contents too long for one page are shared evenly
        between as many pages as they need."""
        theme, width = self.theme, self.width
        opening: list[Flowable] = [blocks.heading(self._("Contents"), theme, contents=False), blocks.AccentRule(theme)]

        def table(found: list[Entry]) -> Flowable:
            entries = [(e.level, e.title, e.key) for e in found if e.contents and e.level <= CONTENTS_DEPTH]
            if not entries:
                return Spacer(0, 0)
            whole = blocks.contents_table(entries, theme, width)
            room = theme.frame_height - sum(f.wrap(width, theme.frame_height)[1] + f.getSpaceAfter() for f in opening)
            height = whole.wrap(width, 1e6)[1]
            if height <= room:
                return whole
            return blocks.Pages(blocks.contents_parts(whole, entries, share_rows(hooks.row_heights(whole), room),
                                                      theme, width))

        return opening + [DeferredContents(table), PageBreak()]

    # -- the zone and its programme -------------------------------------------------------

    def programme(self) -> list[Flowable]:
        _, theme, zone, programme = self._, self.theme, self.zone, self.zone.programme
        texts = (programme.description, programme.park_concept) if programme else (zone.summary,)
        body = [blocks.paragraph(self.t(text), theme) for text in texts if text]
        body += self.edition.figure_row([self.edition.figure_item(f, label) for f, label in self.zone_figures()])
        body += self._chains_and_parks() + self._city_chain_facts()
        if zone.roles:
            body += [blocks.heading(_("The zone's roles"), theme, level=1),
                     *blocks.tiles([self.t(r) for r in zone.roles], theme, self.width)]
        if programme and programme.work:
            body += [blocks.heading(_("Work under the programme"), theme, level=1),
                     *blocks.bullets([self.t(w) for w in programme.work], theme)]
        body += self._corridor()
        name = self.programme_name()
        title = _("The zone and “{programme}”").format(programme=name) if name else _("The zone")
        return blocks.section(title, body, theme)

    def _chains_and_parks(self) -> list[Flowable]:
        _, theme, w = self._, self.theme, self.width
        if not self.zone.chains:
            return []
        rows = []
        for chain in self.zone.chains:
            sheet = self.project.parks.get(chain.park) if chain.park else None
            park = next((p for p in self.parks if sheet and p.park is sheet), None)
            rows.append([self.t(chain.name), self.t(sheet.name) if sheet else "—", self.t(chain.office) or "—",
                         park.opening_text() if park else "—"])
        body = [blocks.heading(_("The chains and their parks"), theme, level=1)]
        if self.zone.programme and self.zone.programme.pairing:
            body += [blocks.paragraph(self.t(self.zone.programme.pairing), theme), Spacer(0, theme.space.block_gap)]
        body.append(blocks.grid_table([_("Industrial chain"), _("Paired park"), _("Chain office"), _("Opening")],
                                      rows, theme, w))
        return body

    def _city_chain_facts(self) -> list[Flowable]:
        _, chains = self._, self.zone.city_chains
        if not chains:
            return []
        rows = [(_("Number"), self.edition.figure(chains.count)),
                (_("Set at"), _("the {meeting} on {date}").format(meeting=self.t(chains.meeting),
                                                                  date=self.edition.date(chains.decided_at))),
                (_("Aim"), self.t(chains.aim)),
                (_("Hosted by the zone"), _(", ").join(self.t(c.name) for c in self.zone.chains))]
        return [blocks.heading(_("The city's priority chains"), self.theme, level=1),
                blocks.fact_table([(label, value) for label, value in rows if value], self.theme, self.width)]

    def _corridor(self) -> list[Flowable]:
        """The corridor, and the parks on it as their sheets say."""
        _, zone = self._, self.zone
        if not zone.corridor:
            return []
        on_it = [self.t(p.park.name) for p in self.parks
                 if p.park.location and p.park.location.corridor and
                 self.t(p.park.location.corridor) == self.t(zone.corridor)]
        rows = [(_("Corridor"), self.t(zone.corridor)), (_("Parks on it"), _(", ").join(on_it))]
        return [blocks.heading(_("The digital-economy corridor"), self.theme, level=1),
                blocks.fact_table([(label, value) for label, value in rows if value], self.theme, self.width)]

    # -- parks ----------------------------------------------------------------------------

    def park_chapter(self, presenter: ParkPresenter) -> list[Flowable]:
        """A page-opening title for the park, then the park's brochure sections, one level
        down in the outline."""
        theme, park = self.theme, presenter.park
        opener: list[Flowable] = [self._fresh_page()]
        if self.edition.chain_of(park):
            opener.append(blocks.paragraph(self.edition.paired_with(park), theme, "part_kicker"))
        opener.append(blocks.heading(self.t(park.name), theme, style="part_title"))
        if park.tagline:
            opener.append(blocks.paragraph(self.t(park.tagline), theme, "part_subtitle"))
        opener += [blocks.AccentRule(theme), Spacer(0, theme.space.cover_gap / 2)]
        figures = presenter.headline_items()
        if figures:
            opener += [blocks.key_figures(figures, theme, self.width), Spacer(0, theme.space.cover_gap)]
        status = presenter.status_line()
        if status:
            opener.append(blocks.paragraph(status, theme, "h2"))
        opener.append(blocks.paragraph(self.t(park.summary), theme, "lead"))
        cover = pictures.cover_photo(park)
        data = self.project.images.get(cover.image) if cover else None
        if cover and data:  # the photo a brochure's cover shows opens the chapter
            opener += [Spacer(0, theme.space.block_gap),
                       pictures.figure(cover, data, self.edition, theme.text_width,
                                       max_height=theme.frame_height * pictures.PHOTO_HEIGHT_SHARE)]
            opener[-1].hAlign = "RIGHT"
        return opener + [OutlineDepth(1), *presenter.sections(), *contact.section(park, self.edition),
                         OutlineDepth(0)]

    # -- sources --------------------------------------------------------------------------

    def figure_sources(self) -> list[Flowable]:
        """The numbered sources, then every figure of the sheets shown, with its source, and
        the date it was true (a fact) or the date it is to be reached by (a target)."""
        _, theme, w = self._, self.theme, self.width
        edition = self.edition
        body = edition.reference_list(self.sources)
        rows = [[sheet, self._provenance_label(f), edition.figure(f), *self._when(f, as_of),
                 edition.source_number(self.sources, f.source)] for sheet, f, as_of in self._all_figures()]
        if rows:
            body += [blocks.heading(_("Where each figure comes from"), theme, level=1, style="h3"),
                     blocks.paragraph(_("Totals and comparisons in this document are computed from these figures. "
                                        "A fact is dated by when it was true; a target by when it is to be reached, "
                                        "as exactly as the source says."), theme, "caption"),
                     Spacer(0, theme.space.paragraph_gap),
                     blocks.grid_table([_("Sheet"), _("Figure"), _("Value"), _("As of"), _("Target by"), _("Source")],
                                       rows, theme, w, numeric=(2,))]
        return blocks.section(_("Sources"), body, theme, back_matter=True)

    def _provenance_label(self, figure: Figure) -> str:
        """The figure's label, a target's marked as such (目标：……) and with who states it."""
        label = self.t(figure.label)
        if not facts.is_target(figure):
            return label
        label = self._("Target: {label}").format(label=label)
        if figure.said_by:
            label = self._("{label} ({notes})").format(label=label, notes=self.edition.according_to(figure.said_by))
        return label

    def _when(self, figure: Figure, as_of) -> tuple[str, str]:
        """(as of, target by): a fact's date, or a target's deadline ("—" where the source gives none)."""
        if facts.is_target(figure):
            return "—", self.edition.deadline(figure.by) if figure.by else self._("not given")
        return self.edition.date(figure.as_of or as_of), "—"

    def _all_figures(self) -> list[tuple]:
        """(sheet's name, figure, the sheet's as-of date) for every figure shown."""
        zone = [(self.zone_name(), f, self.zone.as_of) for f in facts.figures_in(self.zone)]
        parks = [(p.short_name(), f, p.park.as_of)
                 for p in self.parks for f in facts.figures_in(p.park)]
        items = [(self.t(item.title), f, item.date or self.project.sources[item.source].date)
                 for item in self.news for f in facts.figures_in(item)]
        return zone + parks + items


def _park_order(project: Project) -> list[Park]:
    """Parks in the order of the chains they serve, then any others by id."""
    chains = project.zone.chains if project.zone else []
    paired = [chain.park for chain in chains if chain.park and chain.park in project.parks]
    rest = [park_id for park_id in project.parks if park_id not in paired]
    return [project.parks[park_id] for park_id in dict.fromkeys(paired + rest)]


def share_rows(heights: list[float], room: float) -> list[int]:
    """How many rows of a table each page takes when the table is shared evenly between as
    few pages of height ``room`` as hold it: parts of about equal height, none taller than
    ``room``. Rows differ in height (a chapter's row has a rule and space above it), so equal
    counts of rows could overfill a page: a zone of 30 parks gave a contents page ReportLab
    could not lay out."""
    total = sum(heights)
    pages = max(1, -(-int(total) // max(int(room), 1)))
    while True:
        limit = min(room, total / pages + max(heights))  # about equal, never over the page
        counts, filled = [0], 0.0
        for height in heights:
            if counts[-1] and filled + height > limit:
                counts.append(0)
                filled = 0.0
            counts[-1] += 1
            filled += height
        if len(counts) <= pages or pages >= len(heights):
            return counts
        pages += 1

