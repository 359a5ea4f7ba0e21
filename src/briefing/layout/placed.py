"""Each placed picture made, once, into what the page needs, and whether a photo has pixels
enough for the boxes the layouts place it in.

A picture is never embedded as the operator gave it: a 24-megapixel photo is 10 MB and takes
ReportLab seconds to write. It is turned as its EXIF orientation says, cropped to the box it
fills, scaled down to at most ``CAP_PPI`` at the size it is placed (a JPEG is decoded at a
reduced scale to begin with, which costs a fraction of a full decode), converted to the
document's colour space through ICC profiles (``press/colour.py``) and written as a JPEG (a QR
image as a lossless PNG). The result is kept by content and size, so a brochure set again
(``render._well_filled``) or in both languages makes each picture once.

Whether a photo has pixels enough (``resolution_problems``) is asked from the boxes the
layouts place it in on each paper: under ``WARN_PPI`` it looks soft in print, under
``PRINT_PPI`` it shows its pixels, and a print-shop build refuses it. ``briefing check`` asks
it of every paper, a build of its own.

This module knows the page's geometry but no edition and no project (``layout/pictures.py``
sets the photos in a document, in its ``PictureBox``; the cover draws its photo with ``draw``),
and imports no ReportLab but its colours and page sizes (with the theme), so that ``briefing
check`` asks it of a folder's photos without loading the layout machinery.
"""

from __future__ import annotations

import hashlib
import io
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageOps

from briefing.errors import Problems, Where
from briefing.layout.theme import FLYER_DESIGNS, PAPER_DESIGNS, PAPERS
from briefing.messages import Message, msg
from briefing.press import colour
from briefing.sheets import images
from briefing.sheets.schema import Park, Photo

#: The most pixels per inch a picture keeps at the size it is placed: what offset printing at
#: 150 lines per inch resolves (twice the screen ruling); more only makes the file larger.
CAP_PPI = 300
#: Under this a photo looks soft on paper: a warning.
WARN_PPI = 200
#: Under this its pixels show: a warning on screen, an error for a print shop (--bleed, --cmyk).
PRINT_PPI = 100
#: JPEG quality of a placed photo: no visible loss at 300 ppi, a quarter of the size of 95.
JPEG_QUALITY = 85
#: A photo's shape where it is shown beside a section or in the gallery: its own, within these
#: (width over height); a panorama or a tall portrait is cropped to them.
WIDEST, TALLEST = 2.0, 0.75
GALLERY_SHAPE = 1.5  # gallery photos share a shape, so that a row lines up
#: A section's photo takes this share of a wide frame, the text running beside it.
BESIDE_SHARE = 0.42
#: A frame narrower than this (A5, the card) sets a section's photo above its text, not beside.
BESIDE_FRAME = 400.0
#: A section's photo (set above its text) is at most this share of the frame's height.
PHOTO_HEIGHT_SHARE = 0.32
GALLERY_COLUMNS = {"wide": 3, "narrow": 2}
#: The papers ``briefing check`` looks at a photo on (the card is printed from an A6 design of
#: its own, but never larger than A5's).
PAPERS_CHECKED = ("A4", "A5", "Letter", "A6")

# -- making a picture into what the page needs -------------------------------------------------


@dataclass(frozen=True)
class Prepared:
    data: bytes  # a JPEG (a photo) or a PNG (a QR image)
    pixels: tuple[int, int]


_MADE: OrderedDict[tuple, Prepared] = OrderedDict()
_MADE_MAX = 48  # pictures kept: a zone's worth, each a few hundred kilobytes


def prepared(data: bytes, width: float, height: float, cmyk: bool, crop: bool = True, lossless: bool = False
             ) -> Prepared:
    """``data`` (a checked image) made for a box of ``width`` x ``height`` points: turned,
    cropped to the box's shape (``crop``; else fitted inside it), at most ``CAP_PPI``, in the
    document's colour space; made once for each content, size and colour space."""
    key = (hashlib.sha1(data).digest(), round(width, 1), round(height, 1), cmyk, crop, lossless)
    if key in _MADE:
        _MADE.move_to_end(key)
        return _MADE[key]
    made = _prepare(data, width, height, cmyk, crop, lossless)
    _MADE[key] = made
    if len(_MADE) > _MADE_MAX:
        _MADE.popitem(last=False)
    return made


def _prepare(data: bytes, width: float, height: float, cmyk: bool, crop: bool, lossless: bool) -> Prepared:
    with Image.open(io.BytesIO(data), formats=images.FORMATS) as opened:
        seen = images.pixel_size(data)
        most = _most_pixels(seen, width, height, crop)
        if opened.format == "JPEG":  # decode at 1/2, 1/4 or 1/8 scale when that still gives enough
            turned = opened.getexif().get(images.EXIF_ORIENTATION, 1) in images.QUARTER_TURNS
            opened.draft(None, (most[1], most[0]) if turned else most)
        image = ImageOps.exif_transpose(opened)
        assert image is not None  # returns None only when asked to work in place
        image.info.setdefault("icc_profile", opened.info.get("icc_profile"))
        if crop:
            image = _cropped(image, width / height)
        if image.width > most[0] * 1.01:  # never scaled up: the printer's own does as well
            size = (most[0], max(1, round(image.height * most[0] / image.width)))
            image = image.resize(size, Image.Resampling.NEAREST if lossless else Image.Resampling.LANCZOS,
                                 reducing_gap=None if lossless else 3.0)
        image = colour.for_print(image, cmyk)
        out = io.BytesIO()
        if lossless:
            image.save(out, "PNG", optimize=False)
        else:
            image.save(out, "JPEG", quality=JPEG_QUALITY)
        return Prepared(out.getvalue(), image.size)


def _most_pixels(seen: tuple[int, int], width: float, height: float, crop: bool) -> tuple[int, int]:
    """The most pixels the picture keeps in the box, at ``CAP_PPI`` (its crop's, when cropped)."""
    box_w, box_h = width / 72 * CAP_PPI, height / 72 * CAP_PPI
    w, h = seen
    if crop:  # the part of the image that fills the box
        scale = max(box_w / w, box_h / h)
    else:
        scale = min(box_w / w, box_h / h)
    scale = min(scale, 1.0)
    return max(1, round(w * scale)), max(1, round(h * scale))


def _cropped(image: Image.Image, shape: float) -> Image.Image:
    """The middle of ``image`` with the width-to-height ratio ``shape``."""
    if abs(image.width / image.height - shape) < 0.005:
        return image
    if image.width / image.height > shape:
        width = round(image.height * shape)
        left = (image.width - width) // 2
        return image.crop((left, 0, left + width, image.height))
    height = round(image.width / shape)
    top = (image.height - height) // 2
    return image.crop((0, top, image.width, top + height))


def effective_ppi(pixels: tuple[int, int], width: float, height: float, crop: bool = True) -> float:
    """Pixels per inch of an image of ``pixels`` placed in a box of ``width`` x ``height``
    points: filling it (cropped) or fitted inside it."""
    per_inch = (pixels[0] / (width / 72), pixels[1] / (height / 72))
    return min(per_inch) if crop else max(per_inch)


def draw(canvas, data: bytes, x: float, y: float, width: float, height: float, cmyk: bool, crop: bool = True,
         lossless: bool = False) -> None:
    """The picture in the box at (x, y), filling it (``crop``) or fitted and centred in it."""
    made = prepared(data, width, height, cmyk, crop, lossless)
    w, h = width, height
    if not crop:
        scale = min(width / made.pixels[0], height / made.pixels[1])
        w, h = made.pixels[0] * scale, made.pixels[1] * scale
    from reportlab.lib.utils import ImageReader  # drawing only: check imports this module for its sizes

    canvas.drawImage(ImageReader(io.BytesIO(made.data)), x + (width - w) / 2, y + (height - h) / 2, w, h)


# -- is a photo sharp enough where it is placed? --------------------------------------------------------


def placements(photo: Photo, park: Park, paper: str) -> list[tuple[Message, float, float]]:
    """(what, width, height) in points of every box the photo is placed in on ``paper``'s
    brochure and flyer: the cover's photo across the page, a section's beside or above its
    text, a gallery's in its grid."""
    boxes = []
    for document, design in (("brochure", PAPER_DESIGNS.get(paper)), ("flyer", FLYER_DESIGNS.get(paper))):
        if design is None:
            continue
        page_w, page_h = PAPERS[paper]
        space = design.space
        frame = page_w - space.margin_inner - space.margin_outer
        if photo.cover:
            cover = msg("the cover of the {paper} brochure", paper=paper) if document == "brochure" else \
                msg("the {paper} flyer", paper=paper)
            boxes.append((cover, page_w, page_h * space.cover_photo))
        elif document == "brochure":
            wide = frame >= BESIDE_FRAME
            # beside a section's text on a wide frame, else across the column (a narrow frame, or
            # a section that opens with a table: pictures.beside)
            for width in (frame * BESIDE_SHARE, frame) if wide else (frame,):
                boxes.append((msg("its section of the {paper} brochure", paper=paper), width, width / WIDEST))
            columns = GALLERY_COLUMNS["wide" if wide else "narrow"]
            cell = (frame - space.gutter * (columns - 1)) / columns
            boxes.append((msg("the pictures of the {paper} brochure", paper=paper), cell, cell / GALLERY_SHAPE))
    return boxes


def resolution_problems(parks: dict[str, Park], pictures: dict[str, bytes], where_in: Callable[[str, str], Where],
                        papers: list[str], for_press: bool) -> Problems:
    """For each photo of ``parks`` (by id; its checked bytes in ``pictures``, by path), at the
    largest box it is placed in on ``papers``: a warning under ``WARN_PPI``; under
    ``PRINT_PPI`` an error ``for_press`` (a print shop's build), else a warning that says a
    print-shop build refuses it. ``where_in(park_id, field)`` places a problem in the sheet."""
    problems = Problems()
    for park_id, park in parks.items():
        for index, photo in enumerate(park.photos):
            data = pictures.get(photo.image)
            if data is None:
                continue
            where = where_in(park_id, f"photos[{index}].image")
            _resolution(images.pixel_size(data), photo, park, papers, for_press, where, problems)
    return problems


def _resolution(pixels: tuple[int, int], photo: Photo, park: Park, papers: list[str], for_press: bool,
                where: Where, problems: Problems) -> None:
    boxes = [box for paper in papers for box in placements(photo, park, paper)]
    if not boxes:
        return
    what, width, height = min(boxes, key=lambda box: effective_ppi(pixels, box[1], box[2]))
    ppi = effective_ppi(pixels, width, height)
    if ppi >= WARN_PPI:
        return
    args = {"ppi": round(ppi), "width": pixels[0], "height": pixels[1], "where": what,
            "needed": round(width / 72 * WARN_PPI), "wide": f"{width / 72 * 25.4:.0f}"}
    if ppi < PRINT_PPI and for_press:
        problems.error(where, msg("is {width} x {height} pixels: {ppi} ppi on {where} ({wide} mm wide), under "
                                  "the 100 ppi a print shop's build accepts; ask the photographer for the "
                                  "original file, at least {needed} pixels wide", **args))
    elif ppi < PRINT_PPI:
        problems.warn(where, msg("is {width} x {height} pixels: {ppi} ppi on {where} ({wide} mm wide), so its "
                                 "pixels will show, and a print shop's build (--bleed, --cmyk) refuses it; ask "
                                 "the photographer for the original file, at least {needed} pixels wide", **args))
    else:
        problems.warn(where, msg("is {width} x {height} pixels: {ppi} ppi on {where} ({wide} mm wide), under the "
                                 "200 ppi a photo needs to print sharp; ask for the original file, at least "
                                 "{needed} pixels wide", **args))
