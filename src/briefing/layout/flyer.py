"""The flyer: one page per park to hand out at an event, the essentials only, set large
enough to read at arm's length, with a QR code for each web page the fact sheet gives.

A flyer is a brochure's cover on its own (the same band, title and key figures) with the
event, the essentials and the QR codes in the body; its theme comes from
``Theme.for_flyer``, which sets the type larger and the band lower.
"""

from __future__ import annotations

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, FrameBreak, KeepInFrame, Spacer

from briefing.layout import blocks
from briefing.layout.brochure import Brochure
from briefing.layout.cover import BottomAligned
from briefing.pipeline.occasion import EventLine
from briefing.sheets.schema import Park
from briefing.sheets.project import Project
from briefing.layout.theme import Theme
from briefing.text.typeset import clean

QR_LEVEL = "M"  # recovers from 15% damage: a fold or a smudge on a handed-out sheet
MAX_FLYER_FIGURES = 3  # fewer and larger than on a cover


class Flyer(Brochure):
    """Builds the story of one park's flyer in one language."""

    def __init__(self, park: Park, project: Project, lang: str, theme: Theme, event: EventLine | None = None):
        super().__init__(park, project, lang, theme)
        self.event = event

    def story(self) -> list[Flowable]:
        theme, space = self.theme, self.theme.space
        body = self._event_box()
        figures = [self._figure_item(f) for f in self.headline_figures()[:MAX_FLYER_FIGURES]]
        if figures:
            body += [blocks.key_figures(figures, theme, self.width), Spacer(0, space.cover_gap)]
        status = self.status_line()
        if status:
            body += [blocks.paragraph(status, theme, "h2"), Spacer(0, space.paragraph_gap)]
        summary = [blocks.paragraph(self.t(self.park.summary), theme, "lead"), Spacer(0, space.cover_gap)]
        body += summary
        glance = [(label, value) for label, value in self._at_a_glance() if value]
        if glance:
            body.append(blocks.fact_table(glance, theme, self.width, label_share=0.2))
        codes = self._qr_codes()
        if codes:
            body += [Spacer(0, space.cover_gap), codes]
        title = BottomAligned(self._cover_title())  # before the note, which says if any text fell back
        note = blocks.paragraph(self._cover_note(self.park.as_of), theme, "cover_note")
        return [title, FrameBreak(), blocks.ShrinkToFit(body, optional=summary),
                FrameBreak(), KeepInFrame(0, 0, [note], mode="shrink")]

    def _event_box(self) -> list[Flowable]:
        """The event the flyer is handed out at, on the accent colour: name, then date and venue."""
        event, _ = self.event, self._
        if not event:
            return []
        theme = self.theme
        details = [self.date(event.date) if event.date else "",
                   _("Venue: {venue}").format(venue=event.venue) if event.venue else ""]
        detail = self.clauses(details)
        lines = [blocks.paragraph(event.name, theme, "flyer_event")]
        if detail:
            lines.append(blocks.paragraph(detail, theme, "flyer_event_detail"))
        return [blocks.panel(lines, theme, self.width, background=theme.palette.accent),
                Spacer(0, theme.space.cover_gap)]

    def links(self) -> list[tuple[str, str]]:
        """(label, address) of every web page the sheet gives: its links, then its web site
        from the contact details unless a link already points there."""
        park, _ = self.park, self._
        links = [(self.t(link.label), link.url) for link in park.links]
        web = clean(park.contact.web or "") if park.contact else ""
        if web and web not in {url for _, url in links}:
            links.append((_("Web"), web))
        return links

    def _qr_codes(self):
        """A row of QR codes, each with its label and its address under it (for a reader
        without a phone); nothing when the sheet gives no web page."""
        links = self.links()
        if not links:
            return None
        theme = self.theme
        cells = [[qr_code(url, theme), blocks.paragraph(label, theme, "qr_label"),
                  blocks.paragraph(url, theme, "qr_url")] for label, url in links]
        return blocks.grid(cells, theme, self.width, theme.space.qr_size + 2 * theme.space.tile_padding)


def qr_code(payload: str, theme: Theme) -> Drawing:
    """A QR code of ``payload``, ``theme.space.qr_size`` square, in the ink colour (so that
    it is black ink only in a CMYK build), with its quiet zone."""
    widget = QrCodeWidget(payload, barLevel=QR_LEVEL, barFillColor=theme.palette.ink)
    x0, y0, x1, y1 = widget.getBounds()
    size = theme.space.qr_size
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = theme.font  # else the renderer selects a non-embedded Helvetica
    drawing.add(widget)
    return drawing
