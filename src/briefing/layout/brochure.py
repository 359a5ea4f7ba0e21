"""The park brochure: a cover with the key figures, the park's own sections (``ParkPresenter``),
the zone and its programme, and the sources."""

from __future__ import annotations

from typing import Optional

from reportlab.platypus import Flowable, FrameBreak, NextPageTemplate, PageBreak, Spacer

from briefing.layout import blocks, contact, pictures
from briefing.layout.cover import BottomAligned
from briefing.layout.document import Meta
from briefing.layout.edition import Edition
from briefing.layout.park import ParkPresenter
from briefing.layout.theme import Theme, paper_name
from briefing.messages import msg
from briefing.pipeline.occasion import Dedication
from briefing.sheets.project import Project
from briefing.sheets.schema import Park


class Brochure:
    """Builds the story of one park's brochure in one language."""

    def __init__(self, park: Park, project: Project, lang: str, theme: Theme,
                 dedication: Optional[Dedication] = None):
        self.edition = Edition(project, lang, theme)
        self.park = park
        self.presenter = ParkPresenter(self.edition, park)
        self.dedication = dedication
        #: How many of the story's last blocks start a page of their own: set when that fills
        #: the last page better (``render._well_filled``).
        self.push = 0

    def meta(self, epoch: int) -> Meta:
        return self.presenter.meta(epoch)

    def story(self) -> list[Flowable]:
        # The contact last: on the back page, where a reader looks for whom to call.
        story = self.cover() + self.presenter.sections() + self.zone() + self.sources()
        story += contact.section(self.park, self.edition)
        story = blocks.paginate(story + self.edition.untranslated_section(), self.edition.theme)
        return blocks.push_to_last_page(story, self.push)

    #: What the cover leaves out first when a block does not fit its page (the table of
    #: essentials is not left out: it opens the next page instead).
    COVER_ORDER = msg("the summary, then the status line")

    def cover(self) -> list[Flowable]:
        """The cover is one page whatever the sheet holds, never scaled: what does not fit is
        left out whole (``COVER_ORDER``), and the build says so."""
        edition, park = self.edition, self.presenter
        theme, space = edition.theme, edition.theme.space
        page = msg("cover of the {paper} brochure", paper=self.paper_name)
        blocks_: list[tuple[str, int, list[Flowable]]] = cover_credit(edition, self.park)
        figures = park.headline_items()
        if figures:
            blocks_.append((msg("the key figures"), 0, [blocks.key_figures(figures, theme, edition.width),
                                                        Spacer(0, space.cover_gap)]))
        status = park.status_line()
        if status:
            blocks_.append((msg("the status line"), 3, [blocks.paragraph(status, theme, "h2"),
                                                        Spacer(0, space.paragraph_gap)]))
        blocks_.append((msg("the summary"), 2, [blocks.paragraph(edition.t(self.park.summary), theme, "lead")]))
        glance = park.at_a_glance()
        if glance:
            blocks_.append((msg("the table of essentials"), 4, [Spacer(0, space.cover_gap),
                                                                blocks.fact_table(glance, theme, edition.width)]))
        title = park.cover_title() + [(msg("the dedication"), 0, f) for f in edition.dedication_line(self.dedication)]
        _ = edition.gettext
        carry = blocks.Carried([blocks.heading(_("At a glance"), theme, style="h1_back", contents=False)])
        return [BottomAligned(title, lambda what: edition.left_out(what, page, park.TITLE_ORDER)), FrameBreak(),
                blocks.LeaveOut(blocks_, lambda what: edition.left_out(what, page, self.COVER_ORDER),
                                carry, ["the table of essentials"]),
                FrameBreak(), edition.cover_note_frame(self.park.as_of, page, park.sheet_keys()),
                NextPageTemplate("body"), PageBreak(), carry]

    @property
    def paper_name(self) -> str:
        return paper_name(self.edition.theme.paper)

    def zone(self) -> list[Flowable]:
        """The zone and its programme: why this park exists, for a visitor new to Hengyang."""
        edition = self.edition
        _, t, theme, zone = edition.gettext, edition.t, edition.theme, edition.project.zone
        if not zone:
            return []
        programme = zone.programme
        # The programme's own description says what the zone's summary says, and more
        # precisely for this brochure; the summary stands in when there is no programme.
        texts = (programme.description, programme.park_concept) if programme else (zone.summary,)
        body: list[Flowable] = [blocks.paragraph(t(text), theme) for text in texts if text]
        chain = edition.chain_of(self.park)
        rows = [(_("Programme"), t(programme.name) if programme else ""),
                (_("Pairing"), t(programme.pairing) if programme else ""),
                (_("City priority chains"), self._city_chains()),
                (_("Chain office"), t(chain.office) if chain else ""),
                (_("The zone's roles"), _(", ").join(t(r) for r in zone.roles)),
                (_("Corridor"), t(zone.corridor))]
        rows = [(label, value) for label, value in rows if value]
        if rows:
            body += [Spacer(0, theme.space.block_gap), blocks.fact_table(rows, theme, edition.width)]
        title = _("About {zone}").format(zone=edition.short_name(zone))
        return blocks.section(title, body, theme)

    def _city_chains(self) -> str:
        edition = self.edition
        chains = edition.project.zone.city_chains if edition.project.zone else None
        if not chains:
            return ""
        return edition.gettext("{count}, set at the {meeting} on {date}").format(
            count=edition.figure(chains.count), meeting=edition.t(chains.meeting), date=edition.date(chains.decided_at))

    def sources(self) -> list[Flowable]:
        # The brochure's last section is about the zone, so the zone's sources are cited too.
        edition = self.edition
        body = edition.reference_list(edition.cited(self.presenter.sheet_keys()))
        return blocks.section(edition.gettext("Sources"), body, edition.theme, back_matter=True)


def cover_credit(edition: Edition, park: Park) -> list[tuple[str, int, list[Flowable]]]:
    """The cover photo's caption and credit, first under the band, never left out (a
    photographer is credited wherever their photo is printed); nothing without a photo."""
    photo = pictures.cover_photo(park)
    if not photo or not edition.theme.cover_photo:
        return []
    theme = edition.theme
    caption = blocks.paragraph(pictures.caption_text(photo, edition, cover=True), theme, "photo_caption")
    return [(msg("the cover photo's credit"), 0, [caption, Spacer(0, theme.space.paragraph_gap)])]
