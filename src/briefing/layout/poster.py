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

from reportlab.platypus import Flowable, FrameBreak, KeepInFrame, Spacer

from briefing.layout import blocks
from briefing.layout.cover import BottomAligned
from briefing.layout.flyer import MAX_FLYER_FIGURES, Flyer
from briefing.layout.theme import Theme
from briefing.text import fonts

#: A phone screen's shape, in points; 3 px to the point makes 1080 x 1920.
POSTER_PAPER = (360.0, 640.0)
#: Type against a flyer's on paper of the poster's width: a screen is read closer than a
#: handed-out sheet, but its width in points is small, so the type is set larger than the
#: flyer's would be scaled down to it.
POSTER_TYPE = 1.3
#: The coloured band's share of the page: more than a flyer's (0.33), as the page is taller for
#: its width and an English name takes three or four lines.
POSTER_BAND = 0.38
POSTER_TITLE = 0.8


def poster_theme(theme: Theme) -> Theme:
    """The flyer's theme on the poster's page, its type set ``POSTER_TYPE`` times larger."""
    flyer = theme.for_flyer(POSTER_PAPER)
    type_ = flyer.type.scaled(POSTER_TYPE)
    # The park's name a little smaller than the rest's scale: at that size a long English name
    # would take five lines on a page this narrow.
    type_ = dataclasses.replace(type_, cover_title=type_.cover_title * POSTER_TITLE)
    # English ragged-right: at about 45 characters a line, justified English opens wide gaps
    # (Chinese stays justified: its slack is spread between every two characters).
    return dataclasses.replace(flyer, type=type_, space=dataclasses.replace(flyer.space, cover_band=POSTER_BAND),
                               justify=flyer.justify and flyer.font != fonts.LATIN)


class Poster(Flyer):
    """Builds the story of one park's poster in one language."""

    def story(self) -> list[Flowable]:
        edition, park = self.edition, self.presenter
        theme, space = edition.theme, edition.theme.space
        body: list[Flowable] = []
        figures = park.headline_items(MAX_FLYER_FIGURES)
        if figures:
            body += [blocks.key_figures(figures, theme, edition.width), Spacer(0, space.cover_gap)]
        status = park.status_line()
        if status:
            body += [blocks.paragraph(status, theme, "h2"), Spacer(0, space.paragraph_gap)]
        # The summary is what a poster says besides its figures: the body is set smaller to keep
        # it, rather than left out as a flyer's is (a flyer's table of particulars needs the room).
        body.append(blocks.paragraph(edition.t(self.park.summary), theme, "lead"))
        codes = self._qr_codes()
        if codes:
            body += [Spacer(0, space.cover_gap), codes]
        title = BottomAligned(park.cover_title())
        return [title, FrameBreak(), blocks.ShrinkToFit(body),
                FrameBreak(),
                KeepInFrame(0, 0, [edition.cover_note(self.park.as_of, park.sheet_keys())], mode="shrink")]
