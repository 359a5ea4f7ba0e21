"""The park brochure: a cover with the key figures, the park's own sections (``ParkPresenter``),
the zone and its programme, and the sources."""

from __future__ import annotations

from typing import Optional

from reportlab.platypus import Flowable, FrameBreak, KeepInFrame, NextPageTemplate, PageBreak, Spacer

from briefing.layout import blocks
from briefing.layout.cover import BottomAligned
from briefing.layout.document import Meta
from briefing.layout.edition import Edition
from briefing.layout.park import ParkPresenter
from briefing.layout.theme import Theme
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

    def meta(self, epoch: int) -> Meta:
        return self.presenter.meta(epoch)

    def story(self) -> list[Flowable]:
        story = self.cover() + self.presenter.sections() + self.zone() + self.sources()
        return story + self.edition.untranslated_section()

    def cover(self) -> list[Flowable]:
        """The cover is one page whatever the sheet holds: each frame's content shrinks to fit
        rather than spill onto a second cover page."""
        edition, park = self.edition, self.presenter
        theme, space = edition.theme, edition.theme.space
        body: list[Flowable] = []
        figures = park.headline_items()
        if figures:
            body += [blocks.key_figures(figures, theme, edition.width), Spacer(0, space.cover_gap)]
        status = park.status_line()
        if status:
            body += [blocks.paragraph(status, theme, "h2"), Spacer(0, space.paragraph_gap)]
        body.append(blocks.paragraph(edition.t(self.park.summary), theme, "lead"))
        glance = park.at_a_glance()
        if glance:
            body += [Spacer(0, space.cover_gap), blocks.fact_table(glance, theme, edition.width)]
        title = BottomAligned(park.cover_title() + edition.dedication_line(self.dedication), edition.theme)
        return [title, FrameBreak(), KeepInFrame(0, 0, body, mode="shrink"),
                FrameBreak(),
                KeepInFrame(0, 0, [edition.cover_note(self.park.as_of, self.presenter.sheet_keys())], mode="shrink"),
                NextPageTemplate("body"), PageBreak()]

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
