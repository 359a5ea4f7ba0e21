"""Imposition: finished pages arranged on printing sheets, as Form XObjects (pikepdf), each
page copied once however many times it is placed.

A *piece* is any finished PDF page with its own TrimBox (the finished size) and, for a print
shop, BleedBox; it is placed at 100 % when its trim is the piece size of the layout, and
scaled to fit otherwise (each sheet is made of a document designed for its piece: the A6
card of 4-up is a flyer made for A6). Two kinds of sheet:

- **print shop** (``--bleed`` or ``--cmyk``): each piece at 100 % keeps its bleed (if any), the pieces stand apart by a
  gutter (``Marks.gutter``, bleed box to bleed box), and crop marks at every trim line lie in
  the sheet's margin, outside every piece's bleed and a ``Marks.gap`` away from it; the sheet
  is the smallest of ``SHEETS`` that holds the pieces with their bleed, gutters and marks, or
  the one asked for (refused, with what would do, when it is too small).
- **office printer** (neither): an A4 sheet cut into equal cells (two A5, four A6), each
  piece scaled down to leave the same white border (``Marks.office_margin``) on every side,
  so that a printer's unprinted edge and the cut at the middle give the same border; the cut
  marks are short ticks on the cut lines, in white paper.

``n_up`` fills the cells with one document or several (two parks on one sheet), and prints a
two-page piece (front and back) on both sides of the sheet, the back's cells mirrored for
turning the sheet about its vertical axis. ``booklet`` sets a document as a saddle-stitched
booklet, with a creep allowance in print-shop mode.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from typing import Optional

import pikepdf
from pikepdf import Array, Dictionary, Name, Operator
from reportlab.lib.colors import CMYKColor

from briefing.errors import BriefingError
from briefing.layout.theme import Theme

mm = 72 / 25.4
#: Sheets a print-shop imposition may use, smallest first (portrait, points): A4, and the
#: sizes every Chinese digital print shop (图文快印) stocks; SRA sizes leave room round A sizes.
SHEETS: dict[str, tuple[float, float]] = {
    "A4": (210 * mm, 297 * mm), "SRA4": (225 * mm, 320 * mm), "A3": (297 * mm, 420 * mm),
    "SRA3": (320 * mm, 450 * mm),
}
#: The sheet an office printer takes.
OFFICE_SHEET = "A4"

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Layout:
    """Pieces on a sheet: ``columns`` by ``rows`` of ``piece`` size (the finished size).

    Print shop (``bleed`` > 0, or ``office`` false): pieces at 100 % with their bleed, a
    ``gutter`` between bleed boxes, centred. Office: the sheet cut into equal cells, each
    piece's artwork inside its cell less ``margin`` on every side. ``spine``: two columns
    folded, not cut, between them (a booklet's spread: no bleed or gutter at the fold)."""

    sheet: tuple[float, float]  # as laid out (turned)
    piece: tuple[float, float]
    columns: int
    rows: int
    bleed: float = 0.0
    gutter: float = 0.0
    margin: float = 0.0
    office: bool = False
    spine: bool = False
    sheet_name: str = OFFICE_SHEET

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    @property
    def pitch(self) -> tuple[float, float]:
        """From one piece's trim to the next one's."""
        if self.office:
            return self.sheet[0] / self.columns, self.sheet[1] / self.rows
        across = self.piece[0] if self.spine else self.piece[0] + 2 * self.bleed + self.gutter
        return across, self.piece[1] + 2 * self.bleed + self.gutter

    @property
    def extent(self) -> tuple[float, float]:
        """The grid's size, bleed to bleed (print) or the whole sheet (office)."""
        if self.office:
            return self.sheet
        w, h = self.piece
        if self.spine:
            return self.columns * w + 2 * self.bleed, h + 2 * self.bleed
        return (self.columns * (w + 2 * self.bleed) + (self.columns - 1) * self.gutter,
                self.rows * (h + 2 * self.bleed) + (self.rows - 1) * self.gutter)

    @property
    def origin(self) -> tuple[float, float]:
        """Lower-left corner of the grid (its bleed, in print-shop mode)."""
        return (self.sheet[0] - self.extent[0]) / 2, (self.sheet[1] - self.extent[1]) / 2

    def cells(self) -> list[Rect]:
        """Each piece's cut rectangle, left to right, top row first (reading order): the trim
        (print shop) or the cell the sheet is cut into (office)."""
        (x0, y0), (px, py) = self.origin, self.pitch
        inset = 0.0 if self.office else self.bleed
        w, h = (px, py) if self.office else self.piece
        return [(x0 + inset + c * px, y0 + inset + (self.rows - 1 - r) * py,
                 x0 + inset + c * px + w, y0 + inset + (self.rows - 1 - r) * py + h)
                for r in range(self.rows) for c in range(self.columns)]

    def artwork(self) -> list[Rect]:
        """Where each piece's trim is drawn: the cut rectangle, less the white margin (office)."""
        m = self.margin if self.office else 0.0
        return [(x0 + m, y0 + m, x1 - m, y1 - m) for x0, y0, x1, y1 in self.cells()]

    def bleeds(self) -> list[Rect]:
        """Each piece's bleed box on the sheet: its artwork grown by the bleed, except at a spine."""
        boxes = []
        for index, (x0, y0, x1, y1) in enumerate(self.artwork()):
            b = self.bleed
            left = 0.0 if self.spine and index % self.columns else b
            right = 0.0 if self.spine and index % self.columns < self.columns - 1 else b
            boxes.append((x0 - left, y0 - b, x1 + right, y1 + b))
        return boxes

    def mirrored(self, rect: Rect) -> Rect:
        """``rect`` where it lands on the other side of the sheet, turned about its vertical axis."""
        width = self.sheet[0]
        return (width - rect[2], rect[1], width - rect[0], rect[3])

    @property
    def flip(self) -> str:
        """The edge a duplex printer flips on to turn the sheet about its vertical axis."""
        return "short" if self.sheet[0] > self.sheet[1] else "long"


def landscape(size: tuple[float, float]) -> tuple[float, float]:
    return (max(size), min(size))


def portrait(size: tuple[float, float]) -> tuple[float, float]:
    return (min(size), max(size))


class NoSheet(BriefingError):
    """No sheet (or not the one asked for) holds the pieces with their bleed and marks."""


def office_layout(piece: tuple[float, float], count: int, theme: Theme, spine: bool = False) -> Layout:
    """``count`` equal cells on the office printer's A4 sheet, turned whichever way makes the
    cells the piece's shape, each piece scaled into its cell less the white margin."""
    sheet = SHEETS[OFFICE_SHEET]
    columns, rows = _grid(count)
    turned = landscape(sheet) if columns > rows else portrait(sheet)
    if columns == rows:  # a square grid: the sheet turned the piece's way
        turned = portrait(sheet) if piece[1] >= piece[0] else landscape(sheet)
    cell = (turned[0] / columns, turned[1] / rows)
    return Layout(turned, cell, columns, rows, margin=theme.marks.office_margin, office=True, spine=spine,
                  sheet_name=OFFICE_SHEET)


def _grid(count: int) -> tuple[int, int]:
    """Columns and rows: two pieces side by side, four in a square."""
    return {2: (2, 1), 4: (2, 2)}.get(count, (count, 1))


def print_layout(piece: tuple[float, float], count: int, bleed: float, theme: Theme, sheet: Optional[str] = None,
                 spine: bool = False, what: str = "the pieces") -> Layout:
    """``count`` pieces of ``piece`` size with ``bleed``, a gutter and crop marks on the
    smallest sheet of ``SHEETS`` that holds them (or on ``sheet``; ``NoSheet`` names the
    sheets that would do when it is too small)."""
    candidates = [sheet] if sheet else list(SHEETS)
    fitting = [name for name in SHEETS if _fit(piece, count, bleed, theme, SHEETS[name], spine)]
    for name in candidates:
        layout = _fit(piece, count, bleed, theme, SHEETS[name], spine)
        if layout:
            return replace(layout, sheet_name=name)
    need = _needed(piece, count, bleed, theme, spine)
    size = f"{need[0] / mm:.0f} × {need[1] / mm:.0f} mm"
    if fitting:
        instead = f"choose --sheet {' or '.join(fitting)}, or leave out --sheet to take the smallest that fits"
    else:
        instead = "choose a smaller --bleed"
    instead += ", or leave out --bleed and --cmyk to print on an office printer's A4"
    on = f"the {sheet} sheet" if sheet else "any sheet we impose on"
    with_bleed = f" with {bleed / mm:.0f} mm bleed," if bleed else ","
    raise NoSheet(f"{what}{with_bleed} gutters and crop marks: at least {size}, more than {on}; {instead}")


def _arrangements(count: int, spine: bool) -> list[tuple[int, int]]:
    if spine:
        return [(2, 1)]
    return [(c, count // c) for c in range(1, count + 1) if count % c == 0]


def _room(theme: Theme) -> float:
    """What a sheet needs outside the grid's bleed on each side: a gap, the marks, the edge."""
    marks = theme.marks
    return marks.gap + marks.length + marks.edge


def _fit(piece, count, bleed, theme, sheet, spine) -> Optional[Layout]:
    best = None
    for columns, rows in _arrangements(count, spine):
        for turned in (portrait(sheet), landscape(sheet)):
            layout = Layout(turned, piece, columns, rows, bleed=bleed, gutter=theme.marks.gutter, spine=spine)
            w, h = layout.extent
            room = _room(theme)
            if w + 2 * room <= turned[0] + 1e-6 and h + 2 * room <= turned[1] + 1e-6:
                # Prefer the arrangement with the most room left on its tightest side.
                slack = min(turned[0] - w, turned[1] - h)
                if best is None or slack > best[0]:
                    best = (slack, layout)
    return best[1] if best else None


def _needed(piece, count, bleed, theme, spine) -> tuple[float, float]:
    """The smallest sheet (portrait) any arrangement of the pieces needs."""
    sizes = []
    for columns, rows in _arrangements(count, spine):
        w, h = Layout((0, 0), piece, columns, rows, bleed=bleed, gutter=theme.marks.gutter, spine=spine).extent
        sizes.append(portrait((w + 2 * _room(theme), h + 2 * _room(theme))))
    return min(sizes, key=lambda s: s[0] * s[1])


# -- placing pieces ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Imposed:
    """Sheets made, and what a print shop needs to know about them (the job sheet's rows)."""

    data: bytes
    layout: Layout
    sheets: int  # sheets of paper (a two-sided sheet is one)
    sides: int  # 1 or 2
    pages: int  # the PDF's pages (the sides printed), counted as they are made, not parsed from ``data``
    creep: tuple[float, ...] = ()  # per sheet of a booklet, outermost first: the shift toward the spine


class _Sheets:
    """The target PDF: forms of source pages, made once each, placed on sheets."""

    def __init__(self, theme: Theme):
        self.pdf = pikepdf.new()
        self.theme = theme
        self.sources: list[pikepdf.Pdf] = []
        self.forms: dict[tuple[int, int], pikepdf.Object] = {}

    def source(self, data: bytes) -> int:
        self.sources.append(pikepdf.open(io.BytesIO(data)))
        return len(self.sources) - 1

    def pages(self, source: int) -> int:
        return len(self.sources[source].pages)

    def trim(self, source: int, page: int) -> Rect:
        obj = self.sources[source].pages[page].obj
        return _box(obj, "/TrimBox")

    def form(self, source: int, page: int) -> pikepdf.Object:
        """The page as a Form XObject of the target: its content, clipped to its bleed box."""
        key = (source, page)
        if key not in self.forms:
            obj = self.sources[source].pages[page].obj
            pikepdf.Page(obj).contents_coalesce()
            contents = obj.Contents.read_bytes() if "/Contents" in obj else b""
            form = pikepdf.Stream(self.pdf, contents)
            form.Type, form.Subtype = Name.XObject, Name.Form
            form.BBox = Array(_box(obj, "/BleedBox"))
            resources = obj.get("/Resources", Dictionary())
            if not resources.is_indirect:  # qpdf copies indirect objects (and what they reach) only
                resources = self.sources[source].make_indirect(resources)
            form.Resources = self.pdf.copy_foreign(resources)
            self.forms[key] = self.pdf.make_indirect(form)
        return self.forms[key]

    def sheet(self, layout: Layout, placements: list[tuple[int, int, Rect, Rect]], marks: list) -> None:
        """One side: each (source, page, artwork rect, clip rect), then the marks."""
        xobjects = Dictionary()
        ops: list = []
        for index, (source, page, art, clip) in enumerate(placements):
            name = Name(f"/P{index}")
            xobjects[name] = self.form(source, page)
            tx0, ty0, tx1, ty1 = self.trim(source, page)
            scale = min((art[2] - art[0]) / (tx1 - tx0), (art[3] - art[1]) / (ty1 - ty0))
            # Centred in its artwork rectangle (a piece smaller than the cell, scaled to fit).
            x = (art[0] + art[2] - (tx1 - tx0) * scale) / 2 - tx0 * scale
            y = (art[1] + art[3] - (ty1 - ty0) * scale) / 2 - ty0 * scale
            ops += [([], Operator("q")),
                    ([clip[0], clip[1], clip[2] - clip[0], clip[3] - clip[1]], Operator("re")),
                    ([], Operator("W")), ([], Operator("n")),
                    ([scale, 0, 0, scale, x, y], Operator("cm")),
                    ([name], Operator("Do")), ([], Operator("Q"))]
        ops += marks
        sheet = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=Array([0, 0, *layout.sheet]),
                                        Resources=Dictionary(XObject=xobjects)))
        sheet.obj.Contents = self.pdf.make_stream(pikepdf.unparse_content_stream(_rounded(ops)))
        self.pdf.pages.append(sheet)

    def save(self) -> bytes:
        """The sheets, with the first document's title and dates (the same input, the same bytes)."""
        for key, value in self.sources[0].docinfo.items():
            self.pdf.docinfo[key] = value
        out = io.BytesIO()
        self.pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.disable)
        for source in self.sources:
            source.close()
        return out.getvalue()


def _box(obj, name: str) -> Rect:
    """A page box, falling back as PDF does: BleedBox to CropBox to MediaBox, TrimBox to CropBox."""
    for key in (name, "/CropBox", "/MediaBox"):
        if key in obj:
            x0, y0, x1, y1 = (float(v) for v in obj[key])
            return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    raise ValueError("a page without a MediaBox")


def _rounded(ops: list) -> list:
    """Operands to 1/1000 pt: shorter streams, and the same bytes on every machine."""
    return [([round(v, 3) if isinstance(v, float) else v for v in operands], op) for operands, op in ops]


def n_up(sources: list[bytes], layout: Layout, theme: Theme) -> Imposed:
    """Sheets full of the ``sources``' pieces, in turn (one source: every cell the same; two
    parks: side by side), as many sheets as it takes to place each once, the last filled
    from the start. Page p of a piece goes on side p of its sheet: a two-page piece is
    printed front and back, its back in the mirrored cell."""
    sheets = _Sheets(theme)
    ids = [sheets.source(data) for data in sources]
    sides = max(sheets.pages(i) for i in ids)
    per = layout.per_sheet
    count = -(-len(ids) // per)
    for number in range(count):
        fill = [ids[(number * per + i) % len(ids)] for i in range(per)]
        for side in range(sides):
            placements = []
            for cell, source in enumerate(fill):
                if side >= sheets.pages(source):
                    continue
                art, clip = layout.artwork()[cell], _clip(layout, cell)
                if side % 2:
                    art, clip = layout.mirrored(art), layout.mirrored(clip)
                placements.append((source, side, art, clip))
            sheets.sheet(layout, placements, _marks(layout, theme))
    return Imposed(sheets.save(), layout, count, min(sides, 2), len(sheets.pdf.pages))


def _clip(layout: Layout, cell: int) -> Rect:
    """What of a piece shows: its bleed box (print shop) or its artwork (office)."""
    return layout.artwork()[cell] if layout.office else layout.bleeds()[cell]


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


def creep(pages: int, caliper: float) -> tuple[float, ...]:
    """How far each sheet's pages move toward the spine, outermost sheet first: a sheet folded
    inside others sticks out at the fore-edge by a paper's thickness for each sheet round it."""
    return tuple(index * caliper for index in range(-(-pages // 4)))


def booklet(pdf: bytes, layout: Layout, theme: Theme) -> Imposed:
    """``pdf`` as a booklet: two pages side by side on each side of a sheet, in the order
    that, printed on both sides (turned about the vertical axis: flip on the short edge),
    stacked and folded, reads right. In print-shop mode the pages of inner sheets move toward
    the spine by their creep, so that the margins are even once the booklet is trimmed."""
    sheets = _Sheets(theme)
    source = sheets.source(pdf)
    pages = sheets.pages(source)
    shifts = creep(pages, theme.marks.caliper) if not layout.office else (0.0,) * (-(-pages // 4))
    for number, side in enumerate(booklet_order(pages)):
        shift = shifts[number // 2]
        placements = []
        for cell, index in enumerate(side):
            if index is None:
                continue
            toward_spine = shift if cell == 0 else -shift
            x0, y0, x1, y1 = layout.artwork()[cell]
            art = (x0 + toward_spine, y0, x1 + toward_spine, y1)
            placements.append((source, index, art, _clip(layout, cell)))
        sheets.sheet(layout, placements, _marks(layout, theme))
    return Imposed(sheets.save(), layout, len(shifts), 2, len(sheets.pdf.pages), shifts if not layout.office else ())


# -- marks ------------------------------------------------------------------------------------

def _marks(layout: Layout, theme: Theme) -> list:
    """Crop marks at every trim line outside the grid's bleed (print shop), or ticks on the cut
    lines in the white border (office); a dashed mark where a booklet folds."""
    marks, colour = theme.marks, theme.palette.registration
    cuts, folds = _lines(layout)
    lines = []
    w, h = layout.sheet
    if layout.office:
        # Ticks from the printer's unprinted edge inwards, on the cut lines (white paper there).
        start, length = marks.edge, marks.length
        for x in cuts[0]:
            lines += [(x, start, x, start + length, x in folds), (x, h - start - length, x, h - start, x in folds)]
        for y in cuts[1]:
            lines += [(start, y, start + length, y, False), (w - start - length, y, w - start, y, False)]
    else:
        # Crop marks a gap outside the grid's bleed, in line with every trim edge.
        (x0, y0), (ew, eh) = layout.origin, layout.extent
        gap, length = marks.gap, marks.length
        below, above = (y0 - gap - length, y0 - gap), (y0 + eh + gap, y0 + eh + gap + length)
        left, right = (x0 - gap - length, x0 - gap), (x0 + ew + gap, x0 + ew + gap + length)
        for x in cuts[0]:
            lines += [(x, below[0], x, below[1], x in folds), (x, above[0], x, above[1], x in folds)]
        for y in cuts[1]:
            lines += [(left[0], y, left[1], y, False), (right[0], y, right[1], y, False)]
    stroke = ([*colour.cmyk()], Operator("K")) if isinstance(colour, CMYKColor) else \
        ([colour.red, colour.green, colour.blue], Operator("RG"))
    ops: list = [([], Operator("q")), ([theme.lines.mark], Operator("w")), stroke]
    for dashed in (False, True):
        group = [line for line in lines if line[4] == dashed]
        if not group:
            continue
        ops.append(([Array([2, 2] if dashed else []), 0], Operator("d")))
        for xa, ya, xb, yb, _ in group:
            ops += [([xa, ya], Operator("m")), ([xb, yb], Operator("l"))]
        ops.append(([], Operator("S")))
    return ops + [([], Operator("Q"))]


def _lines(layout: Layout) -> tuple[tuple[list[float], list[float]], set[float]]:
    """The x of every vertical and the y of every horizontal line to mark, and the folds among
    the verticals. Office: the cut lines between cells (the sheet's own edges need no cut)."""
    cells = layout.cells()
    xs = sorted({round(v, 3) for c in cells for v in (c[0], c[2])})
    ys = sorted({round(v, 3) for c in cells for v in (c[1], c[3])})
    folds: set[float] = set()
    if layout.spine:
        folds = {round(cells[0][2], 3)}
    if layout.office:
        w, h = layout.sheet
        xs = [x for x in xs if 0.5 < x < w - 0.5]
        ys = [y for y in ys if 0.5 < y < h - 0.5]
    return (xs, ys), folds
