"""Photos on the page: the cover photo above the band, a photo beside the section it
illustrates, a small gallery of the rest, each with its caption and credit. What a placed
picture is made into, and whether it has pixels enough, is ``layout/placed.py``'s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from reportlab.platypus import Flowable, Table, TableStyle

from briefing.layout.document import Heading
from briefing.layout.placed import (
    BESIDE_FRAME,
    BESIDE_SHARE,
    GALLERY_COLUMNS,
    GALLERY_SHAPE,
    PHOTO_HEIGHT_SHARE,
    TALLEST,
    WIDEST,
    draw,
)
from briefing.layout.styles import styles
from briefing.layout.theme import Theme
from briefing.sheets import images
from briefing.sheets.schema import Park, Photo
from briefing.text.hooks import Beside, FixedSizeImage
from briefing.text.typeset import Para
from briefing.text.typeset import paragraph as text_para

if TYPE_CHECKING:
    from briefing.layout.edition import Edition


class PictureBox(Flowable):
    """A picture filling a box of a fixed size (cropped to its shape), or fitted inside it."""

    def __init__(self, data: bytes, width: float, height: float, cmyk: bool, crop: bool = True,
                 lossless: bool = False):
        super().__init__()
        self.data, self.width, self.height = data, width, height
        self.cmyk, self.crop, self.lossless = cmyk, crop, lossless

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        draw(self.canv, self.data, 0, 0, self.width, self.height, self.cmyk, self.crop, self.lossless)


class Figure(FixedSizeImage, Flowable):
    """A photo with its caption and credit under it, kept together: moved to the next page
    whole rather than parted from its caption."""

    def __init__(self, picture: PictureBox, caption: Flowable, gap: float):
        super().__init__()
        self.picture, self.caption, self.gap = picture, caption, gap

    def wrap(self, available_width, available_height):
        self.width = self.picture.width
        _, caption = self.caption.wrap(self.width, available_height)
        self.height = self.picture.height + self.gap + caption
        self.caption_height = caption
        return self.width, self.height

    def split(self, available_width, available_height):
        return []

    def draw(self):
        self.caption.drawOn(self.canv, 0, 0)
        self.picture.drawOn(self.canv, 0, self.caption_height + self.gap)


def shape_of(data: bytes, widest: float = WIDEST, tallest: float = TALLEST) -> float:
    """A photo's width over its height as it is seen, within ``tallest`` to ``widest``."""
    width, height = images.pixel_size(data)
    return min(widest, max(tallest, width / height))


def caption_text(photo: Photo, edition: Edition, cover: bool = False) -> str:
    """园区主楼南立面（图/左百村）: the caption (or what the photo shows) and its credit."""
    _ = edition.gettext
    text = _("{caption} ({credit})").format(caption=edition.t(photo.caption or photo.shows),
                                            credit=edition.t(photo.credit))
    return _("Cover: {caption}").format(caption=text) if cover else text


def figure(photo: Photo, data: bytes, edition: Edition, width: float, shape: Optional[float] = None,
           max_height: float = 0.0) -> Figure:
    """The photo ``width`` wide in its shape (or ``shape``), no taller than ``max_height``, with
    its caption and credit under it."""
    theme = edition.theme
    shape = shape or shape_of(data)
    height = width / shape
    if max_height and height > max_height:
        height = max_height
    picture = PictureBox(data, width, height, theme.cmyk)
    return Figure(picture, text_para(caption_text(photo, edition), styles(theme)["photo_caption"]),
                  theme.space.paragraph_gap)


def beside(photo: Photo, data: bytes, edition: Edition, body: list[Flowable]) -> list[Flowable]:
    """A section's photo beside the start of its text where the frame is wide and the text
    sits across it (the Chinese editions on A4 and Letter); else above the text, across the
    running text's column, no taller than a share of the page."""
    theme = edition.theme
    # Only the section's opening paragraphs run beside the photo: a table keeps the frame's
    # width, and a heading becomes a bookmark and a contents entry only where the document lays
    # it out itself, never inside another flowable.
    first = next((i for i, f in enumerate(body) if not isinstance(f, Para) or isinstance(f, Heading)), len(body))
    if theme.frame_width >= BESIDE_FRAME and not theme.text_indent and first:
        width = theme.frame_width * BESIDE_SHARE
        shown = figure(photo, data, edition, width)
        return [Beside(shown, body[:first], imageLeftPadding=theme.space.gutter, imageRightPadding=0,
                        imageBottomPadding=theme.space.block_gap, imageSide="right"), *body[first:]]
    # No text runs beside it (a narrow frame, indented English paragraphs, or a section that
    # opens with a table): across the running text's column, so that no half of the line stays empty.
    shown = figure(photo, data, edition, theme.text_width, max_height=theme.frame_height * PHOTO_HEIGHT_SHARE)
    shown.hAlign = "RIGHT"  # in the running text's column
    return [shown, _Gap(theme.space.block_gap), *body]


class _Gap(Flowable):
    def __init__(self, height: float):
        super().__init__()
        self.height = height

    def wrap(self, available_width, available_height):
        return 0, self.height

    def draw(self):
        pass


def gallery(photos: list[tuple[Photo, bytes]], edition: Edition, width: float) -> list[Flowable]:
    """Photos side by side, all in one shape, two or three to a row, each with its caption."""
    if not photos:
        return []
    theme = edition.theme
    columns = GALLERY_COLUMNS["wide" if width >= BESIDE_FRAME else "narrow"]  # a grid of one size, however many
    gap = theme.space.gutter
    cell = (width - gap * (columns - 1)) / columns
    shown = [figure(photo, data, edition, cell, shape=GALLERY_SHAPE) for photo, data in photos]
    rows: list[list] = [list(shown[i:i + columns]) for i in range(0, len(shown), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    widths = [cell + (gap if c < columns - 1 else 0) for c in range(columns)]
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), theme.font),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), theme.space.block_gap)]))
    return [table]


# -- which photos go where ---------------------------------------------------------------------------


def cover_photo(park: Park) -> Optional[Photo]:
    """The park's cover photo, if it marks one (the first so marked)."""
    return next((photo for photo in park.photos if photo.cover), None)


def with_cover(theme: Theme, park: Park, pictures: dict[str, bytes]) -> Theme:
    """The theme of a park's brochure, flyer or poster, with its cover photo, if it has one."""
    import dataclasses

    photo = cover_photo(park)
    data = pictures.get(photo.image) if photo else None
    return dataclasses.replace(theme, cover_photo=data) if data else theme


def section_photos(park: Park, pictures: dict[str, bytes], section: str) -> list[tuple[Photo, bytes]]:
    """The photos that illustrate ``section`` (not the cover's), with their checked bytes."""
    return [(photo, pictures[photo.image]) for photo in park.photos
            if photo.section == section and not photo.cover and photo.image in pictures]


def gallery_photos(park: Park, pictures: dict[str, bytes]) -> list[tuple[Photo, bytes]]:
    """The photos for the gallery: those no section takes and that are not the cover's, and a
    section's second and later photos (one photo stands beside a section)."""
    placed: set[str] = set()
    shown = []
    for photo in park.photos:
        if photo.cover or photo.image not in pictures:
            continue
        if photo.section and photo.section not in placed:
            placed.add(photo.section)
            continue
        shown.append((photo, pictures[photo.image]))
    return shown
