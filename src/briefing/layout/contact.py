"""The person to call: a park's contact (name, role, telephone, e-mail, WeChat ID, office
address) with the QR image the operator supplies (a WeChat QR code cannot be made from an ID)
and, where the sheet gives a web address, a QR code made from it. On the brochure's back page,
the flyer and the overview's park chapters.

Nothing here is invented: a field the sheet leaves out is left out, and a park whose sheet
gives no contact gets no block (``briefing check`` warns that its flyer has no one to call).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from reportlab.platypus import Flowable, Table, TableStyle

from briefing.layout import blocks
from briefing.layout.pictures import PictureBox
from briefing.layout.theme import Theme
from briefing.messages import msg
from briefing.sheets.schema import Contact, Park
from briefing.text.typeset import clean

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from briefing.layout.edition import Edition

#: The least width the contact's text keeps beside its QR codes; narrower, the codes go under it.
MIN_TEXT = 150.0


def has_contact(contact: Optional[Contact]) -> bool:
    """Whether the sheet gives anyone or anything to contact."""
    return bool(contact and any((contact.name, contact.telephone, contact.email, contact.wechat, contact.web,
                                 contact.address, contact.qr)))


def rows(contact: Contact, edition: Edition, leave: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """The contact's details as label and value, those the sheet gives, but the fields named
    in ``leave``."""
    _, t = edition.gettext, edition.t
    found = [("telephone", _("Telephone"), clean(contact.telephone or "")),
             ("email", _("E-mail"), clean(contact.email or "")), ("wechat", _("WeChat"), clean(contact.wechat or "")),
             ("address", _("Address"), t(contact.address)), ("web", _("Web"), clean(contact.web or ""))]
    return [(label, value) for field, label, value in found if value and field not in leave]


def person(contact: Contact, edition: Edition) -> str:
    """王明，招商部经理 / Wang Ming, Investment manager."""
    name, role = edition.t(contact.name), edition.t(contact.role)
    if name and role:
        return edition.gettext("{name}, {role}").format(name=name, role=role)
    return name or role


def codes(park: Park, edition: Edition, web: bool, image: bool = True) -> list[list[Flowable]]:
    """The QR image the sheet supplies (``image``), and (``web``) a code for each web page,
    each with its label under it."""
    theme, contact = edition.theme, park.contact
    cells: list[list[Flowable]] = []
    size = theme.space.qr_size
    data = edition.project.images.get(contact.qr) if contact and contact.qr and image else None
    if contact and data:
        label = edition.t(contact.qr_label) or edition.gettext("WeChat")
        cells.append([PictureBox(data, size, size, theme.cmyk, crop=False, lossless=True),
                      blocks.paragraph(label, theme, "qr_label")])
    if web:
        from briefing.layout.park import ParkPresenter

        for label, url in ParkPresenter(edition, park).links():
            cells.append([qr_code(url, theme), blocks.paragraph(label, theme, "qr_label"),
                          blocks.paragraph(url, theme, "qr_url")])
    return cells


def block(park: Park, edition: Edition, width: float, web: bool = True, leave: tuple[str, ...] = (),
          image: bool = True) -> list[Flowable]:
    """The contact: who to call and how, with its QR codes beside (or, in a narrow frame,
    under) the text; nothing when the sheet gives no contact. ``leave`` names fields left
    out, and ``image`` False leaves out the QR image (``shorter``)."""
    contact = park.contact
    if not has_contact(contact):
        return []
    assert contact is not None
    theme = edition.theme
    cells = codes(park, edition, web, image)
    cell = theme.space.qr_size + 2 * theme.space.tile_padding
    beside = cells and width - cell * len(cells) >= MIN_TEXT
    text_width = width - cell * len(cells) if beside else width
    text: list[Flowable] = []
    who = person(contact, edition)
    if who:
        text.append(blocks.paragraph(who, theme, "contact_name"))
    details = rows(contact, edition, leave)
    if details:
        text.append(blocks.fact_table(details, theme, text_width, label_share=0.3))
    if not cells:
        return text
    grid = blocks.grid(cells, theme, cell * len(cells) if beside else width, cell)
    if not beside:
        return [*text, grid]
    table = Table([[text, grid]], colWidths=[text_width, width - text_width])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), theme.font),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
    return [table]


def shorter(park: Park, edition: Edition, width: float) -> list[tuple[str, list[Flowable], bool]]:
    """The contact block with less in it, for a page short of room (``blocks.LeaveOut``), each
    with what it leaves out and whether it keeps the QR image, shortest last: without the
    office address and the web address (the QR codes carry it), then without the e-mail too,
    then without the QR image: the name, the telephone and the WeChat ID are the last to go."""
    versions = [(("address", "web"), True, msg("the contact's office address and web address")),
                (("address", "web", "email"), True, msg("the contact's office address, web address and e-mail")),
                (("address", "web", "email"), False,
                 msg("the contact's office address, web address, e-mail and QR image"))]
    found: list[tuple[str, list[Flowable], bool]] = []
    for leave, image, what in versions:
        shown = block(park, edition, width, web=False, leave=leave, image=image)
        if shown:
            found.append((what, shown, image))
    return found


def section(park: Park, edition: Edition) -> list[Flowable]:
    """The contact as a section of its own (the brochure's back page, an overview chapter)."""
    body = block(park, edition, edition.width)
    return blocks.section(edition.gettext("Contact"), body, edition.theme)


QR_LEVEL = "M"  # recovers from 15% damage: a fold or a smudge on a handed-out sheet


def qr_code(payload: str, theme: Theme) -> Drawing:
    """A QR code of ``payload``, ``theme.space.qr_size`` square, in the ink colour (so that
    it is black ink only in a CMYK build), with its quiet zone."""
    # Only for a contact with a QR code: ReportLab's barcodes take 9 ms to import.
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(payload, barLevel=QR_LEVEL, barFillColor=theme.palette.ink)
    x0, y0, x1, y1 = widget.getBounds()
    size = theme.space.qr_size
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.initialFontName = theme.font  # else the renderer selects a non-embedded Helvetica
    drawing.add(widget)
    return drawing
