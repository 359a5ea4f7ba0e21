"""Imposition: finished pages arranged on printing sheets.

- ``n_up``: copies of a handout side by side (2-up A5 on A4, 4-up A6 on A4), with cut marks.
- ``booklet``: a document as a saddle-stitched booklet, two pages a side in folding order,
  with blank pages added to make a multiple of 4 (inside the covers) and a fold mark.

Pages are placed from their TrimBox (a print-shop PDF's bleed and crop marks are left off:
pieces that share a cut line cannot each keep a bleed), at full size: each sheet is made of
a document designed for its piece (the A6 card of 4-up is a flyer made for A6). A page larger
than its piece would be scaled down to fit.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Optional

from pypdf import PageObject, PdfReader, PdfWriter, Transformation
from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas

from briefing.layout.theme import Theme
from briefing.text import fonts


@dataclass(frozen=True)
class Layout:
    """A grid of pieces on a sheet: ``columns`` by ``rows`` pieces of ``piece`` size, centred."""

    sheet: tuple[float, float]
    piece: tuple[float, float]
    columns: int
    rows: int

    @property
    def origin(self) -> tuple[float, float]:
        """Lower-left corner of the grid."""
        return ((self.sheet[0] - self.columns * self.piece[0]) / 2,
                (self.sheet[1] - self.rows * self.piece[1]) / 2)

    def cells(self) -> list[tuple[float, float]]:
        """Lower-left corners of the pieces, left to right, top row first (reading order)."""
        x0, y0 = self.origin
        w, h = self.piece
        return [(x0 + c * w, y0 + (self.rows - 1 - r) * h) for r in range(self.rows) for c in range(self.columns)]


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    return (max(size), min(size))


def portrait(size: tuple[float, float]) -> tuple[float, float]:
    return (min(size), max(size))


def grid_for(sheet: tuple[float, float], piece: tuple[float, float]) -> Layout:
    """As many pieces as fit on the sheet, the sheet turned whichever way holds more."""
    best = None
    for turned in (portrait(sheet), landscape(sheet)):
        columns, rows = int(turned[0] // piece[0] + 1e-6), int(turned[1] // piece[1] + 1e-6)
        if columns * rows and (best is None or columns * rows > best.columns * best.rows):
            best = Layout(turned, piece, columns, rows)
    if best is None:
        raise ValueError(f"a {piece} piece does not fit on a {sheet} sheet")
    return best


def n_up(pdf: bytes, layout: Layout, theme: Theme) -> bytes:
    """Each page of ``pdf`` repeated on a sheet of its own, filling every piece of ``layout``
    (a stack of sheets cut along the marks gives a stack of handouts)."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    marks = _marks_page(layout, theme, cut_lines=True)
    for page in reader.pages:
        sheet = writer.add_blank_page(*layout.sheet)
        for x, y in layout.cells():
            _place(sheet, page, (x, y), layout.piece)
        sheet.merge_page(marks)
    return _finish(writer, reader)


def booklet_order(pages: int) -> list[tuple[Optional[int], Optional[int]]]:
    """(left, right) page indices of each side in printing order (sheet 1 front, sheet 1 back,
    ...) for a saddle-stitched booklet; None is a blank page, added to make the count a
    multiple of 4 where a reader expects one (``booklet_pages``)."""
    slots = booklet_pages(pages)
    total = len(slots)
    sides = []
    for sheet in range(total // 4):
        outer, inner = total - 1 - 2 * sheet, 2 * sheet
        sides.append((outer, inner))  # front: the last page on the left, the first on the right
        sides.append((inner + 1, outer - 1))  # back
    return [(slots[left], slots[right]) for left, right in sides]


def booklet_pages(pages: int) -> list[Optional[int]]:
    """The booklet's pages in reading order: the document's pages, and None for each blank
    page a multiple of 4 needs, where a reader expects one: the inside back cover first, then
    the inside front cover (a third goes before the inside back cover). The document's last
    page is then the back cover, so the booklet never ends on two blank pages. A document of
    one or two pages keeps its blanks at the end."""
    total = -(-pages // 4) * 4
    blanks = total - pages
    order: list[Optional[int]] = list(range(pages))
    if not blanks or pages < 3:
        return order + [None] * blanks
    last = order.pop()
    order.append(None)  # the inside back cover
    if blanks >= 2:
        order.insert(1, None)  # the inside front cover
    if blanks >= 3:
        order.insert(len(order) - 1, None)
    return order + [last]


def booklet(pdf: bytes, sheet: tuple[float, float], theme: Theme) -> bytes:
    """``pdf`` as a booklet: two pages side by side on each side of a sheet (A5 on A4), in the
    order that, printed on both sides (flip on the short edge), stacked and folded, reads right."""
    reader = PdfReader(io.BytesIO(pdf))
    trim = reader.pages[0].trimbox
    layout = Layout(landscape(sheet), (float(trim.width), float(trim.height)), 2, 1)
    writer = PdfWriter()
    marks = _marks_page(layout, theme, cut_lines=False)
    for side in booklet_order(len(reader.pages)):
        page = writer.add_blank_page(*layout.sheet)
        for index, cell in zip(side, layout.cells()):
            if index is not None:
                _place(page, reader.pages[index], cell, layout.piece)
        page.merge_page(marks)
    return _finish(writer, reader)


def _place(sheet: PageObject, page: PageObject, corner: tuple[float, float], piece: tuple[float, float]) -> None:
    """The page's trim area, scaled to fit the piece and centred in it, clipped to the trim."""
    trim = page.trimbox
    width, height = float(trim.width), float(trim.height)
    scale = min(1.0, piece[0] / width, piece[1] / height)
    x = corner[0] + (piece[0] - width * scale) / 2
    y = corner[1] + (piece[1] - height * scale) / 2
    page.mediabox = page.cropbox = trim  # pypdf clips the placed page to its crop box
    move = Transformation().translate(-float(trim.left), -float(trim.bottom)).scale(scale).translate(x, y)
    sheet.merge_transformed_page(page, move)


def _marks_page(layout: Layout, theme: Theme, cut_lines: bool) -> PageObject:
    """Cut marks at the ends of every cut line (or, for a booklet, a fold mark at the middle),
    drawn in the sheet's margin when it has one and along the cut line otherwise."""
    buffer = io.BytesIO()
    colour = theme.palette.registration
    fonts.register()  # the canvas sets a font even on a page without text: ours, not Helvetica
    canvas = Canvas(buffer, pagesize=layout.sheet, invariant=1, initialFontName=theme.font,
                    enforceColorSpace="cmyk" if isinstance(colour, CMYKColor) else None)
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(theme.lines.mark)
    (sheet_w, sheet_h), (x0, y0) = layout.sheet, layout.origin
    x1, y1 = x0 + layout.columns * layout.piece[0], y0 + layout.rows * layout.piece[1]
    xs = [x0 + c * layout.piece[0] for c in range(layout.columns + 1)]
    ys = [y0 + r * layout.piece[1] for r in range(layout.rows + 1)]
    if not cut_lines:  # a booklet is folded at the middle, not cut
        xs, ys = [xs[len(xs) // 2]], []
    edge = theme.marks.gap  # a line this close to the sheet's edge is the edge: nothing to cut
    for x in (x for x in xs if edge < x < sheet_w - edge):
        canvas.line(x, 0, x, _reach(y0, theme))
        canvas.line(x, sheet_h, x, sheet_h - _reach(sheet_h - y1, theme))
    for y in (y for y in ys if edge < y < sheet_h - edge):
        canvas.line(0, y, _reach(x0, theme), y)
        canvas.line(sheet_w, y, sheet_w - _reach(sheet_w - x1, theme), y)
    canvas.showPage()
    canvas.save()
    return PdfReader(buffer).pages[0]


def _reach(margin: float, theme: Theme) -> float:
    """How far a mark reaches in from the sheet's edge: to a gap short of the pieces when the
    margin has room for a mark, else along the cut line into them."""
    marks = theme.marks
    if margin >= marks.length + marks.gap:
        return margin - marks.gap
    return marks.cut_length


def _finish(writer: PdfWriter, reader: PdfReader) -> bytes:
    """The sheets as bytes, with the document's own metadata (title, dates) so that the same
    input still gives the same bytes."""
    if reader.metadata:
        writer.add_metadata(dict(reader.metadata))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
