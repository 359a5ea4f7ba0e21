"""The flyer: one page per park to hand out at an event, the essentials only, set large
enough to read at arm's length, with a QR code for each web page the fact sheet gives.

A flyer is a brochure's cover on its own (the same band, title and key figures) with the
event, the essentials and the QR codes in the body; its theme comes from
``Theme.for_flyer``, which sets the type larger and the band lower.
"""

from __future__ import annotations

from typing import Optional

from reportlab.platypus import Flowable, FrameBreak, Spacer

from briefing.layout import blocks, contact
from briefing.layout.brochure import cover_credit
from briefing.layout.contact import qr_code
from briefing.layout.cover import BottomAligned
from briefing.layout.document import Meta
from briefing.layout.edition import Edition
from briefing.layout.park import ParkPresenter
from briefing.layout.theme import Theme, paper_name
from briefing.messages import msg
from briefing.pipeline.occasion import EventLine
from briefing.sheets.project import Project
from briefing.sheets.schema import Park

MAX_FLYER_FIGURES = 3  # fewer and larger than on a cover
#: The ranks the contact is shortened at: without its addresses and e-mail before the summary goes
#: (a visitor can still call), without its QR image after it.
CONTACT_DETAILS, CONTACT_IMAGE = 4.5, 3.5


class Flyer:
    """Builds the story of one park's flyer in one language."""

    def __init__(self, park: Park, project: Project, lang: str, theme: Theme, event: Optional[EventLine] = None):
        self.edition = Edition(project, lang, theme)
        self.park = park
        self.presenter = ParkPresenter(self.edition, park)
        self.event = event

    def meta(self, epoch: int) -> Meta:
        return self.presenter.meta(epoch)

    #: What a flyer leaves out first when its page has no room for everything.
    #: (The ranks in ``story``: the essentials 7, the QR codes 6, the status line 5, the contact's
    #: addresses and e-mail 4.5, the summary 4, its QR image 3.5, the contact 3; a test holds this
    #: text to them.)
    ORDER = msg("the essentials (operator, location, focus, fund) a row at a time from the last, then the QR codes, "
                "then the status line, then the contact's addresses and e-mail, then the summary, then the contact's "
                "QR image, then the contact details")

    def story(self) -> list[Flowable]:
        """One page, never scaled: the title in the band; the event, the key figures, the
        status, the summary, the essentials and the QR codes below it; what does not fit is
        left out whole (``ORDER``), and the build says so."""
        edition, park = self.edition, self.presenter
        theme, space = edition.theme, edition.theme.space
        page = self.page_name()
        body: list[tuple[str, int, list[Flowable]]] = cover_credit(edition, self.park)
        event = self._event_box()
        if event:
            body.append((msg("the event"), 0, event))
        figures = park.headline_items(MAX_FLYER_FIGURES)
        shown = figures[:min(MAX_FLYER_FIGURES, theme.figure_columns)]  # a row of them: two on a card
        if len(shown) < len(figures):
            edition.notes.append(msg("left out {count} of the key figures: the {page} holds {shown} (the first the "
                                     "sheet picks)", count=len(figures) - len(shown), page=page, shown=len(shown)))
        if shown:
            body.append((msg("the key figures"), 0, [blocks.key_figures(shown, theme, edition.width),
                                                     Spacer(0, space.cover_gap)]))
        status = park.status_line()
        if status:
            body.append((msg("the status line"), 5, [blocks.paragraph(status, theme, "h2"),
                                                     Spacer(0, space.paragraph_gap)]))
        body.append((msg("the summary"), 4, [blocks.paragraph(edition.t(self.park.summary), theme, "lead"),
                                             Spacer(0, space.cover_gap)]))
        essentials = self._essential_rows()
        shorter: dict[str, list[tuple]] = {}
        if essentials:
            body.append((msg("the essentials"), 7, [self._essentials(essentials)]))
            shorter["the essentials"] = self._shorter_essentials(essentials)
        # The person to call, with the QR image the sheet supplies; the web pages' codes follow.
        reach = contact.block(self.park, edition, edition.width, web=False)
        if reach:
            body.append((msg("the contact details"), 3, [Spacer(0, space.paragraph_gap), *reach]))
            # Its addresses and e-mail go before the summary, its QR image after it, the name,
            # telephone and WeChat ID last of all (``ORDER``).
            shorter["the contact details"] = [
                (what, [Spacer(0, space.paragraph_gap), *version], CONTACT_DETAILS if image else CONTACT_IMAGE)
                for what, version, image in contact.shorter(self.park, edition, edition.width)]
        codes = self._qr_codes()
        if codes:
            body.append((msg("the QR codes"), 6, [Spacer(0, space.cover_gap), codes]))
        title = BottomAligned(park.cover_title(short=True), lambda what: edition.left_out(what, page, park.TITLE_ORDER))
        return [title, FrameBreak(),
                blocks.LeaveOut(body, lambda what: edition.left_out(what, page, self.ORDER), shorter=shorter),
                FrameBreak(), edition.cover_note_frame(self.park.as_of, page, park.sheet_keys())]

    def _essential_rows(self) -> list[tuple[str, str]]:
        """The park's essentials but its contact details (the contact block shows those)."""
        return [row for row in self.presenter.at_a_glance() if row[0] not in self._contact_labels()]

    def _essentials(self, rows: list[tuple[str, str]]) -> Flowable:
        return blocks.fact_table(rows, self.edition.theme, self.edition.width, label_share=0.2)

    def _shorter_essentials(self, rows: list[tuple[str, str]]) -> list[tuple[str, list[Flowable]]]:
        """The table of essentials without its last row, then its last two, ... down to the
        first (the operator): each with what it leaves out, for the build's note."""
        return [(msg("the essentials' last {count} of {total} rows ({labels})", count=len(rows) - kept,
                     total=len(rows), labels=self.edition.gettext(", ").join(label for label, _ in rows[kept:])),
                 [self._essentials(rows[:kept])])
                for kept in range(len(rows) - 1, 0, -1)]

    def page_name(self) -> str:
        name = paper_name(self.edition.theme.paper)
        return msg("A6 card") if name == "A6" else msg("{paper} flyer", paper=name)

    def _contact_labels(self) -> set[str]:
        _ = self.edition.gettext
        return {_("Telephone"), _("Web"), _("E-mail")}

    def _event_box(self) -> list[Flowable]:
        """The event the flyer is handed out at, on the accent colour: name, then date and venue."""
        edition, event = self.edition, self.event
        if not event:
            return []
        theme, lang = edition.theme, edition.lang
        options = {"the event's name": "--event-en" if lang == "en" else "--event",
                   "the venue": "--venue-en" if lang == "en" else "--venue"}
        names = {"the event's name": msg("the event's name"), "the venue": msg("the venue")}
        for what in event.borrowed(lang):
            text = event.title(lang) if what == "the event's name" else event.place(lang)
            edition.borrowed(names[what], text, options[what])
        venue = event.place(lang)
        details = [edition.date(event.date) if event.date else "",
                   edition.gettext("Venue: {venue}").format(venue=venue) if venue else ""]
        detail = edition.clauses(details)
        lines = [blocks.paragraph(event.title(lang), theme, "flyer_event")]
        if detail:
            lines.append(blocks.paragraph(detail, theme, "flyer_event_detail"))
        return [blocks.panel(lines, theme, edition.width, background=theme.palette.accent),
                Spacer(0, theme.space.cover_gap)]

    def _qr_codes(self) -> Optional[Flowable]:
        """A row of QR codes, each with its label and its address under it (for a reader
        without a phone); nothing when the sheet gives no web page."""
        links = self.presenter.links()
        if not links:
            return None
        theme = self.edition.theme
        cells = [[qr_code(url, theme), blocks.paragraph(label, theme, "qr_label"),
                  blocks.paragraph(url, theme, "qr_url")] for label, url in links]
        return blocks.grid(cells, theme, self.edition.width, theme.space.qr_size + 2 * theme.space.tile_padding)
