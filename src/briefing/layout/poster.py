"""The share poster: one park on one phone screen (9:16), for WeChat chats and Moments.

The flyer's parts, rearranged for a screen: the cover band with the park's name and aim, its
key figures, when it opens, its summary, and a QR code for each web page the sheet gives (its
links and its contact's web site; none when the sheet gives none, as the shipped sheets do).
No event and no table of particulars: a poster is looked at for seconds.

The page is 360 x 640 pt, drawn into an image of 1080 x 1920 pixels (``pipeline/share.py``):
three pixels to a point, so the type, set as on an A5 flyer scaled to the width, reads at the
size a phone's own text has.
"""

from __future__ import annotations

import dataclasses

from reportlab.platypus import Flowable, FrameBreak, Spacer

from briefing.layout import blocks
from briefing.layout.brochure import cover_credit
from briefing.layout.cover import BottomAligned
from briefing.layout.flyer import MAX_FLYER_FIGURES, Flyer
from briefing.layout.theme import PAPERS, Theme
from briefing.messages import msg
from briefing.text import fonts

#: A phone screen's shape, in points; 3 px to the point makes 1080 x 1920.
POSTER_PAPER = (360.0, 640.0)
#: Type against a flyer's on paper of the poster's width: a screen is read closer than a
#: handed-out sheet, but its width in points is small, so the type is set larger than the
#: flyer's would be scaled down to it.
POSTER_TYPE = 1.1
#: The coloured band's share of the page: more than a flyer's (0.33), as the page is taller for
#: its width and an English name takes three or four lines.
POSTER_BAND = 0.38
POSTER_TITLE = 0.8


def poster_theme(theme: Theme) -> Theme:
    """The A5 flyer's design brought to the poster's width, its type then set ``POSTER_TYPE``
    times larger: an image is a page of no paper size, so it borrows the nearest paper's grid."""
    a5 = theme.for_flyer(PAPERS["A5"])
    ratio = POSTER_PAPER[0] / PAPERS["A5"][0]
    flyer = dataclasses.replace(a5, paper=POSTER_PAPER, space=a5.space.scaled(ratio))
    type_ = flyer.type.scaled(ratio * POSTER_TYPE)
    # The park's name a little smaller than the rest's scale: at that size a long English name
    # would take five lines on a page this narrow.
    type_ = dataclasses.replace(type_, cover_title=type_.cover_title * POSTER_TITLE)
    # English ragged-right: at about 45 characters a line, justified English opens wide gaps
    # (Chinese stays justified: its slack is spread between every two characters).
    return dataclasses.replace(flyer, type=type_, space=dataclasses.replace(flyer.space, cover_band=POSTER_BAND),
                               justify=flyer.justify and flyer.font != fonts.LATIN)


class Poster(Flyer):
    """Builds the story of one park's poster in one language."""

    #: What a poster leaves out first when its page has no room for everything.
    ORDER = msg("the essentials (operator, location, focus, fund) a row at a time from the last, then the QR codes, "
                "then the summary, then the status line")

    def story(self) -> list[Flowable]:
        """One image-sized page, never scaled: the title in the band; the key figures, the
        status, the summary, the essentials and the QR codes below it; what does not fit is left out whole
        (``ORDER``), and the build says so."""
        edition, park = self.edition, self.presenter
        theme, space = edition.theme, edition.theme.space
        page = msg("poster")
        body: list[tuple[str, int, list[Flowable]]] = cover_credit(edition, self.park)
        figures = park.headline_items(MAX_FLYER_FIGURES)
        if figures:
            body.append((msg("the key figures"), 0, [blocks.key_figures(figures, theme, edition.width),
                                                     Spacer(0, space.cover_gap)]))
        status = park.status_line()
        if status:
            body.append((msg("the status line"), 2, [blocks.paragraph(status, theme, "h2"),
                                                     Spacer(0, space.paragraph_gap)]))
        # The summary is what a poster says besides its figures.
        body.append((msg("the summary"), 3, [blocks.paragraph(edition.t(self.park.summary), theme, "lead")]))
        # The essentials fill what a phone's tall page leaves below the summary (the poster has
        # room a flyer has not); shed row by row, then whole, before anything above them.
        essentials = self._essential_rows()
        shorter: dict[str, list[tuple]] = {}
        if essentials:
            body.append((msg("the essentials"), 5, [Spacer(0, space.cover_gap), self._essentials(essentials)]))
            shorter["the essentials"] = [(what, [Spacer(0, space.cover_gap), *table])
                                         for what, table in self._shorter_essentials(essentials)]
        codes = self._qr_codes()
        if codes:
            body.append((msg("the QR codes"), 4, [Spacer(0, space.cover_gap), codes]))
        title = BottomAligned(park.cover_title(), lambda what: edition.left_out(what, page, park.TITLE_ORDER))
        return [title, FrameBreak(),
                blocks.LeaveOut(body, lambda what: edition.left_out(what, page, self.ORDER), shorter=shorter),
                FrameBreak(), edition.cover_note_frame(self.park.as_of, page, park.sheet_keys())]
