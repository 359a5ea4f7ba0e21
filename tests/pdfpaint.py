"""What a PDF page paints, read from its content stream (pikepdf) by a small interpreter of the
graphics state: filled shapes, strokes and text runs, each with its colour, overprint, size and
place on the page (through ``cm`` and every Form XObject it draws), and the forms it places.

Enough for the print-shop tests (colour of text and rules, knocked-out type, marks outside
artwork, pieces on a sheet); not a renderer: a shape is its bounding box.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from decimal import Decimal

import pikepdf

Matrix = tuple[float, float, float, float, float, float]
Rect = tuple[float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF's row-vector convention: a point p becomes p·m·n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def transform_rect(m: Matrix, rect: Rect) -> Rect:
    corners = [apply(m, x, y) for x in (rect[0], rect[2]) for y in (rect[1], rect[3])]
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    return min(xs), min(ys), max(xs), max(ys)


def scale_of(m: Matrix) -> float:
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


@dataclass
class Painted:
    kind: str  # fill, stroke, text
    box: Rect  # on the page
    colour: tuple  # ('cmyk', c, m, y, k), ('rgb', r, g, b) or ('gray', g)
    overprint: bool
    size: float = 0.0  # text: font size on the page; stroke: line width on the page
    order: int = 0
    in_form: bool = False  # drawn inside a placed Form XObject (a piece), not on the page itself


@dataclass
class Placed:
    """A Form XObject drawn on the page: its BBox on the page, the clip around it, its matrix."""

    name: str
    box: Rect
    clip: Rect | None
    matrix: Matrix
    bbox: Rect


@dataclass
class _State:
    ctm: Matrix = IDENTITY
    fill: tuple = ("gray", 0.0)
    stroke: tuple = ("gray", 0.0)
    fill_space: str = "DeviceGray"
    stroke_space: str = "DeviceGray"
    op_fill: bool = False
    op_stroke: bool = False
    width: float = 1.0
    clip: Rect | None = None
    font_size: float = 0.0
    leading: float = 0.0

    def copy(self) -> _State:
        return _State(**self.__dict__)


@dataclass
class Page:
    painted: list[Painted] = field(default_factory=list)
    placed: list[Placed] = field(default_factory=list)


def pages(data: bytes) -> list[Page]:
    """Every page of ``data``, interpreted."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [_interpret(page.obj, IDENTITY) for page in pdf.pages]


def _colour(space: str, operands) -> tuple:
    values = [float(v) for v in operands if isinstance(v, (int, float, Decimal))]
    if space in ("DeviceCMYK",) or len(values) == 4:
        return ("cmyk", *values)
    if space == "DeviceRGB" or len(values) == 3:
        return ("rgb", *values)
    return ("gray", *values)


def _interpret(owner, ctm: Matrix, page: Page | None = None, state: _State | None = None, in_form: bool = False) -> Page:
    page = page or Page()
    state = state.copy() if state else _State(ctm=ctm)
    resources = owner.get("/Resources", pikepdf.Dictionary())
    stack: list[_State] = []
    path: list[tuple[float, float]] = []
    starts: list[int] = []  # where each subpath begins in ``path``
    pending_clip = False
    text_matrix, line_matrix = IDENTITY, IDENTITY
    for operands, operator in pikepdf.parse_content_stream(owner):
        op = str(operator)
        if op == "q":
            stack.append(state.copy())
        elif op == "Q":
            state = stack.pop()
        elif op == "cm":
            state.ctm = multiply(tuple(float(v) for v in operands), state.ctm)
        elif op == "w":
            state.width = float(operands[0])
        elif op in ("k", "rg", "g"):
            state.fill = _colour({"k": "DeviceCMYK", "rg": "DeviceRGB", "g": "DeviceGray"}[op], operands)
        elif op in ("K", "RG", "G"):
            state.stroke = _colour({"K": "DeviceCMYK", "RG": "DeviceRGB", "G": "DeviceGray"}[op], operands)
        elif op == "cs":
            state.fill_space = str(operands[0])[1:]
        elif op == "CS":
            state.stroke_space = str(operands[0])[1:]
        elif op in ("sc", "scn"):
            state.fill = _colour(state.fill_space, operands)
        elif op in ("SC", "SCN"):
            state.stroke = _colour(state.stroke_space, operands)
        elif op == "gs":
            gs = resources.ExtGState[operands[0]]
            if "/OP" in gs:
                state.op_stroke = bool(gs.OP)
                state.op_fill = bool(gs.get("/op", gs.OP))
            if "/op" in gs:
                state.op_fill = bool(gs.op)
        elif op == "re":
            x, y, w, h = (float(v) for v in operands)
            starts.append(len(path))
            path += [apply(state.ctm, x, y), apply(state.ctm, x + w, y + h), apply(state.ctm, x, y + h),
                     apply(state.ctm, x + w, y)]
        elif op in ("m", "l"):
            if op == "m":
                starts.append(len(path))
            path.append(apply(state.ctm, float(operands[0]), float(operands[1])))
        elif op in ("c", "v", "y"):
            values = [float(v) for v in operands]
            path += [apply(state.ctm, values[i], values[i + 1]) for i in range(0, len(values), 2)]
        elif op in ("W", "W*"):
            pending_clip = True
        elif op in ("f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n"):
            if path:
                box = (min(p[0] for p in path), min(p[1] for p in path), max(p[0] for p in path),
                       max(p[1] for p in path))
                if op in ("f", "F", "f*", "B", "B*", "b", "b*"):
                    page.painted.append(Painted("fill", box, state.fill, state.op_fill, order=len(page.painted),
                                                in_form=in_form))
                if op in ("S", "s", "B", "B*", "b", "b*"):  # each subpath: a mark is one line of many
                    for begin, end in zip(starts or [0], (starts or [0])[1:] + [len(path)]):
                        part = path[begin:end]
                        sub = (min(p[0] for p in part), min(p[1] for p in part), max(p[0] for p in part),
                               max(p[1] for p in part))
                        page.painted.append(Painted("stroke", sub, state.stroke, state.op_stroke,
                                                    state.width * scale_of(state.ctm), len(page.painted), in_form))
                if pending_clip:
                    state.clip = box if state.clip is None else _intersect(state.clip, box)
            path, starts, pending_clip = [], [], False
        elif op == "BT":
            text_matrix = line_matrix = IDENTITY
        elif op == "Tf":
            state.font_size = float(operands[1])
        elif op == "TL":
            state.leading = float(operands[0])
        elif op == "Tm":
            text_matrix = line_matrix = tuple(float(v) for v in operands)
        elif op in ("Td", "TD"):
            tx, ty = float(operands[0]), float(operands[1])
            if op == "TD":
                state.leading = -ty
            line_matrix = text_matrix = multiply((1, 0, 0, 1, tx, ty), line_matrix)
        elif op == "T*":
            line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
        elif op in ("Tj", "TJ", "'", '"'):
            if op in ("'", '"'):
                line_matrix = text_matrix = multiply((1, 0, 0, 1, 0, -state.leading), line_matrix)
            matrix = multiply(text_matrix, state.ctm)
            size = state.font_size * scale_of(matrix)
            x, y = apply(matrix, 0, 0)
            page.painted.append(Painted("text", (x, y, x + size * 0.5, y + size * 0.5), state.fill, state.op_fill,
                                        size, len(page.painted), in_form))
        elif op == "Do":
            xobject = resources.XObject[operands[0]]
            if xobject.get("/Subtype") == pikepdf.Name.Form:
                matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                placed = multiply(matrix, state.ctm)
                bbox = tuple(float(v) for v in xobject.BBox)
                page.placed.append(Placed(str(operands[0]), transform_rect(placed, bbox), state.clip, placed, bbox))
                inner = state.copy()
                inner.ctm = placed
                _interpret(xobject, placed, page, inner, in_form=True)
            else:
                box = transform_rect(state.ctm, (0, 0, 1, 1))
                page.painted.append(Painted("image", box, ("image",), False, order=len(page.painted),
                                            in_form=in_form))
    return page


def _intersect(a: Rect, b: Rect) -> Rect:
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def inks(colour: tuple) -> int:
    """How many process inks a CMYK colour lays down."""
    assert colour[0] == "cmyk", colour
    return sum(1 for v in colour[1:] if v > 0.001)


def contains(rect: Rect, x: float, y: float) -> bool:
    return rect[0] <= x <= rect[2] and rect[1] <= y <= rect[3]


def overlaps(a: Rect, b: Rect, tolerance: float = 0.0) -> bool:
    """Whether ``a`` and ``b`` share any area beyond ``tolerance``."""
    return a[0] < b[2] - tolerance and b[0] < a[2] - tolerance and a[1] < b[3] - tolerance and b[1] < a[3] - tolerance
