"""The cover page: a coloured band with the title set at its foot, the body below it, and a
strip at the bottom of the page for the as-of note. Artwork is drawn under the frames."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Frame, PageTemplate

from briefing.layout.theme import Theme


def cover_template(theme: Theme, left: float, right: float, bottom: float, top: float) -> PageTemplate:
    width, height = theme.paper
    band = height * theme.band
    gap = theme.space.block_gap * 3
    note = theme.type.small * 4
    inner = width - left - right
    # Under a photo the title's room starts where the photo ends, not at the page's margin.
    above = height * theme.space.cover_photo + gap if theme.cover_photo else top

    def frame(frame_id, y, h):
        return Frame(left, y, inner, h, id=frame_id, leftPadding=0, rightPadding=0, topPadding=0,
                     bottomPadding=0)

    frames = [
        frame("cover-title", height - band + gap, band - above - gap),
        frame("cover-body", bottom + note, height - band - bottom - note - gap),
        frame("cover-note", bottom - gap, note),
    ]
    return PageTemplate("cover", frames=frames, onPage=_painter(theme))


def _painter(theme: Theme):
    """Paints the band (``paint_band``), the cover photo above it and the park's logo, if it has
    them."""

    def paint(canvas, doc):
        width, height = doc.pagesize
        bleed = getattr(doc, "bleed", 0)
        paint_band(canvas, theme, (width, height), height * theme.band, bleed)
        if theme.cover_photo:
            paint_photo(canvas, theme, (width, height), bleed)
        if theme.logo:
            _logo(canvas, theme, height)

    return paint


def paint_band(canvas, theme: Theme, page: tuple, band: float, bleed: float = 0) -> None:
    """Paints the band at the top of a cover or flyer, its accent stripe and two ornamental
    rings, to the page edges, and on past them by ``bleed`` for a print shop."""
    width, height = page
    p = theme.palette
    canvas.saveState()
    canvas.setFillColor(p.primary)
    canvas.rect(-bleed, height - band, width + 2 * bleed, band + bleed, stroke=0, fill=1)
    canvas.setFillColor(p.accent)
    stripe = theme.lines.stripe
    canvas.rect(-bleed, height - band - stripe, width + 2 * bleed, stripe, stroke=0, fill=1)
    # Rings clipped to the band: a quiet echo of the "two chains, two parks" pairing.
    path = canvas.beginPath()
    path.rect(-bleed, height - band, width + 2 * bleed, band + bleed)
    canvas.clipPath(path, stroke=0, fill=0)
    canvas.setStrokeColor(p.ornament)
    canvas.setLineWidth(theme.lines.ornament * width / A4[0])  # as thick, for its size, on any paper
    # Ring centres and radii as shares of the page width and the band's height.
    canvas.circle(width * 0.86, height - band * 0.28, band * 0.36, stroke=1, fill=0)
    canvas.circle(width * 0.66, height - band * 0.05, band * 0.30, stroke=1, fill=0)
    canvas.restoreState()


def paint_photo(canvas, theme: Theme, page: tuple, bleed: float = 0) -> None:
    """The cover photo across the top of the page, cropped to fill its share of the height, to
    the page edges and on past them by ``bleed``."""
    from briefing.layout import placed  # Pillow and the colour profiles, only for a cover with a photo

    assert theme.cover_photo is not None, "drawn only for a theme with a cover photo"
    width, height = page
    tall = height * theme.space.cover_photo
    placed.draw(canvas, theme.cover_photo, -bleed, height - tall, width + 2 * bleed, tall + bleed, theme.cmyk)


def _logo(canvas, theme: Theme, height: float) -> None:
    """The park's logo at the band's top left, scaled into the theme's box on a plate of paper
    colour (a dark logo would vanish on the band)."""
    s = theme.space
    assert theme.logo is not None, "drawn only for a theme with a logo"
    image = ImageReader(io.BytesIO(theme.logo))
    pixels_wide, pixels_high = image.getSize()
    scale = min(s.logo_height / pixels_high, s.logo_width / pixels_wide)
    w, h = pixels_wide * scale, pixels_high * scale
    x, y = s.margin_inner, height - s.header_gap - h
    pad = s.logo_padding
    canvas.saveState()
    canvas.setFillColor(theme.palette.paper)
    canvas.roundRect(x - pad, y - pad, w + 2 * pad, h + 2 * pad, pad, stroke=0, fill=1)
    canvas.drawImage(image, x, y, width=w, height=h, mask="auto")
    canvas.restoreState()


class Stacked(Flowable):
    """Flowables set one under another inside one flowable, with the space around each, as a
    frame would set them; the cover title and what a fixed page hands on (``blocks.Carried``)."""

    flowables: list[Flowable]

    def measure(self, available_width: float, available_height: float) -> float:
        """Wraps each flowable and returns the height of the stack."""
        self._sizes = [f.wrap(available_width, available_height) for f in self.flowables]
        return sum(h for _, h in self._sizes) + sum(
            f.getSpaceBefore() for f in self.flowables[1:]) + sum(f.getSpaceAfter() for f in self.flowables)

    def draw_stack(self, top: float) -> None:
        """Draws the stack (as last measured) down from ``top``."""
        y = top
        for index, (flowable, (_, height)) in enumerate(zip(self.flowables, self._sizes)):
            if index:
                y -= flowable.getSpaceBefore()
            y -= height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()


class BottomAligned(Stacked):
    """Takes the whole frame and sets its blocks at the frame's foot (the cover title), never
    scaled: blocks that do not fit are left out, the least important first (the highest rank;
    rank 0 always stays), and ``left_out(name)`` is told each, once, when it is drawn."""

    def __init__(self, blocks: list[tuple[str, int, Flowable]], left_out: Callable[[str], None]):
        super().__init__()
        self.blocks, self.left_out = blocks, left_out
        self.flowables = [flowable for _, _, flowable in blocks]
        self._dropped: list[str] = []

    def wrap(self, available_width, available_height):
        kept = list(self.blocks)
        ranks = sorted({rank for _, rank, _ in kept if rank > 0}, reverse=True)
        while True:
            self.flowables = [flowable for _, _, flowable in kept]
            self._stack_height = self.measure(available_width, available_height)
            if self._stack_height <= available_height or not ranks:
                break
            worst = ranks.pop(0)
            kept = [block for block in kept if block[1] != worst]
        self._dropped = [name for name, _, flowable in self.blocks if flowable not in self.flowables]
        self.width, self.height = available_width, available_height
        return available_width, available_height

    def draw(self):
        for name in self._dropped:
            self.left_out(name)
        self._dropped = []
        self.draw_stack(self._stack_height)
