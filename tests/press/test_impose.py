"""Imposition: sheets of synthetic documents whose page order is known (office and print-shop
layouts, duplex, several documents, creep), the sheets and the refusals the options give, and
the booklet the shipped A5 build makes (conftest.shipped). Print-shop sheets of the shipped
builds are measured in test_print_shop.py."""

import io
import re
import subprocess

import pdfpaint
import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from briefing.errors import BriefingError
from briefing.layout.theme import DEFAULT, PAPERS
from briefing.press import impose

BLEED = 3 * mm


def numbered(pages: int, size=A5, bleed: float = 0.0, prefix: str = "P") -> bytes:
    """A document whose pages say their numbers, P1, P2, ... (with ``bleed``: a page that
    large around its TrimBox, with the BleedBox, filled grey to its edge)."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(size[0] + 2 * bleed, size[1] + 2 * bleed))
    for number in range(1, pages + 1):
        if bleed:
            canvas.setTrimBox((bleed, bleed, bleed + size[0], bleed + size[1]))
            canvas.setBleedBox((0, 0, size[0] + 2 * bleed, size[1] + 2 * bleed))
            canvas.setFillGray(0.8)
            canvas.rect(0, 0, size[0] + 2 * bleed, size[1] + 2 * bleed, stroke=0, fill=1)
            canvas.setFillGray(0)
        canvas.setFont("Helvetica", 40)
        canvas.drawCentredString(bleed + size[0] / 2, bleed + size[1] / 2, f"{prefix}{number}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def halves(data: bytes) -> list[tuple[str, str]]:
    """Per sheet side, the page number printed in its left and its right half ('' if blank)."""
    reader = PdfReader(io.BytesIO(data))
    sides = []
    for index, page in enumerate(reader.pages, start=1):
        width = float(page.mediabox.width)
        found = []
        for x0 in (0, width / 2):
            text = subprocess.run(["pdftotext", "-f", str(index), "-l", str(index), "-x", str(int(x0)), "-y", "0",
                                   "-W", str(int(width / 2)), "-H", "2000", "-", "-"],
                                  input=data, capture_output=True, check=True).stdout
            found.append(text.decode().strip())
        sides.append(tuple(found))
    return sides


BOOKLET = impose.office_layout(A5, 2, DEFAULT, spine=True)


@pytest.mark.parametrize("pages, expected", [
    (8, [("P8", "P1"), ("P2", "P7"), ("P6", "P3"), ("P4", "P5")]),
    # 6 pages: the blanks inside the covers (booklet pages 2 and 7), the last page on the back cover.
    (6, [("P6", "P1"), ("", ""), ("P5", "P2"), ("P3", "P4")]),
    # 7 pages: one blank, the inside back cover.
    (7, [("P7", "P1"), ("P2", ""), ("P6", "P3"), ("P4", "P5")]),
    (1, [("", "P1"), ("", "")]),
])
def test_booklet_page_order(pages, expected):
    sheets = impose.booklet(numbered(pages), BOOKLET, DEFAULT).data
    reader = PdfReader(io.BytesIO(sheets))
    assert len(reader.pages) == len(expected)
    assert all([round(float(v)) for v in p.mediabox] == [0, 0, 842, 595] for p in reader.pages)
    assert halves(sheets) == expected


def test_booklet_order_is_a_folded_stack():
    """Every page once, in reading order; the booklet's pages facing on one side add up to the
    total minus one; blanks inside the covers, the back cover never blank and never two blank
    pages at the end (a document of three pages or more)."""
    for pages in range(1, 30):
        slots = impose.booklet_pages(pages)
        total = len(slots)
        assert total % 4 == 0 and total - pages < 4
        assert [p for p in slots if p is not None] == list(range(pages))
        if pages >= 3:
            assert slots[-1] == pages - 1 and slots[0] == 0
            assert [i for i, p in enumerate(slots) if p is None][:2] in ([], [total - 2], [1, total - 2],
                                                                        [1, total - 3])
        expected = []
        for sheet in range(total // 4):  # front: last | first; back: second | second last (of the unprinted)
            expected += [(slots[total - 1 - 2 * sheet], slots[2 * sheet]),
                         (slots[2 * sheet + 1], slots[total - 2 - 2 * sheet])]
        assert impose.booklet_order(pages) == expected


@pytest.mark.parametrize("piece, sheet_size, count", [("A5", (842, 595), 2), ("A6", (595, 842), 4)])
def test_office_sheets_fill_a4(piece, sheet_size, count):
    source = numbered(2, PAPERS[piece])
    sheets = impose.n_up([source], impose.office_layout(PAPERS[piece], count, DEFAULT), DEFAULT).data
    reader = PdfReader(io.BytesIO(sheets))
    assert len(reader.pages) == 2  # one sheet per page of the source, each full of copies
    for number, page in enumerate(reader.pages, start=1):
        assert [round(float(v)) for v in page.mediabox] == [0, 0, *sheet_size]
        assert page.extract_text().split() == [f"P{number}"] * count


def test_office_sheet_ticks_on_the_cut_lines_inside_the_printable_area():
    sheets = impose.n_up([numbered(1, PAPERS["A6"])], impose.office_layout(PAPERS["A6"], 4, DEFAULT), DEFAULT).data
    page = PdfReader(io.BytesIO(sheets)).pages[0]
    lines = [args for args, op in ContentStream(page.get_contents(), None).operations if op == b"m"]
    starts = sorted((round(float(x)), round(float(y))) for x, y in lines)
    # 2 x 2 A6 cells on A4 portrait: the cuts at the middle, marked from 5 mm in from each
    # edge (inside an office printer's unprinted border), 5 mm long.
    edge, length = DEFAULT.marks.edge, DEFAULT.marks.length
    assert starts == sorted([(298, round(edge)), (298, round(842 - edge - length)), (round(edge), 421),
                             (round(595 - edge - length), 421)])


@pytest.mark.parametrize("piece, count, spine", [("A5", 2, False), ("A6", 4, False), ("A5", 2, True)])
def test_print_shop_sheet_is_the_smallest_that_holds_the_pieces(piece, count, spine):
    """With 3 mm bleed, a 4 mm gutter and the marks, neither A4 nor SRA4 holds two A5, four
    A6 or an A5 spread: A3 does."""
    layout = impose.print_layout(PAPERS[piece], count, BLEED, DEFAULT, spine=spine)
    assert layout.sheet_name == "A3"
    with pytest.raises(impose.NoSheet, match="choose --sheet A3 or SRA3"):
        impose.print_layout(PAPERS[piece], count, BLEED, DEFAULT, "SRA4", spine=spine)


def test_a_sheet_too_small_is_refused_with_what_to_choose():
    from briefing.pipeline.options import output

    with pytest.raises(BriefingError) as error:
        output(bleed="3mm", impose=("2up",), sheet="A4")
    assert str(error.value) == (
        "--impose 2up: two A5 flyers with 3 mm bleed, gutters and crop marks: at least 238 × 334 mm, more than the A4 "
        "sheet; choose --sheet A3 or SRA3, or leave out --sheet to take the smallest that fits, or leave out "
        "--bleed and --cmyk to print on an office printer's A4")
    for options, message in [({"impose": ("2up",), "sheet": "A3"}, "without them the sheets are A4"),
                             ({"bleed": "3mm", "sheet": "A3"}, "add --impose"),
                             ({"print_condition": "FOGRA39"}, "add --cmyk"),
                             ({"cmyk": True, "print_condition": "SWOP"}, "choose FOGRA39, FOGRA51"),
                             ({"impose": ("booklet",), "mix": True}, "add --impose 2up or --impose 4up")]:
        with pytest.raises(BriefingError, match=message):
            output(**options)


def _placed(data: bytes) -> list[list[pdfpaint.Placed]]:
    return [page.placed for page in pdfpaint.pages(data)]


def test_front_and_back_of_a_piece_line_up_for_duplex():
    """A two-page piece (front, back) is printed on both sides; turned about the sheet's
    vertical axis, each back lands on its front within 0.5 mm, behind its own front."""
    pieces = [numbered(2, PAPERS["A6"], BLEED, prefix=prefix) for prefix in "ABCD"]
    layout = impose.print_layout(PAPERS["A6"], 4, BLEED, DEFAULT)
    imposed = impose.n_up(pieces, layout, DEFAULT)
    assert (imposed.sides, imposed.sheets) == (2, 1)
    front, back = _placed(imposed.data)
    width = layout.sheet[0]
    for f, b in zip(front, back):
        mirrored = (width - b.box[2], b.box[1], width - b.box[0], b.box[3])
        assert max(abs(x - y) for x, y in zip(f.box, mirrored)) < 0.5 * mm
    # Reading order on the front: A B / C D; on the back each behind its own front: B A / D C.
    text = [_read(imposed.data, page).split() for page in (1, 2)]
    assert text == [["A1", "B1", "C1", "D1"], ["B2", "A2", "D2", "C2"]]


def _read(data: bytes, page: int) -> str:
    """A page's text in reading order (top to bottom, left to right), as poppler finds it."""
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-", "-"], input=data,
                          capture_output=True, check=True).stdout.decode()


def test_several_documents_fill_the_cells_in_turn():
    """Three parks on 2-up sheets: [A, B], then [C, A] (every park at least once, no blank)."""
    sources = [numbered(1, A5, BLEED, prefix=prefix) for prefix in "ABC"]
    imposed = impose.n_up(sources, impose.print_layout(A5, 2, BLEED, DEFAULT), DEFAULT)
    text = [page.extract_text().split() for page in PdfReader(io.BytesIO(imposed.data)).pages]
    assert text == [["A1", "B1"], ["C1", "A1"]]


@pytest.mark.parametrize("make", [
    lambda: impose.booklet(numbered(6), BOOKLET, DEFAULT),
    lambda: impose.n_up([numbered(2, PAPERS["A6"])], impose.office_layout(PAPERS["A6"], 4, DEFAULT), DEFAULT),
    lambda: impose.n_up([numbered(1, A5, BLEED, prefix=p) for p in "ABC"], impose.print_layout(A5, 2, BLEED, DEFAULT),
                        DEFAULT),
])
def test_the_pages_an_imposition_reports_are_the_pages_of_its_pdf(make):
    """The build states the sheets' page count from ``Imposed.pages`` (counted as they are
    made, not by reading the PDF again): it is the PDF's own."""
    imposed = make()
    assert imposed.pages == len(PdfReader(io.BytesIO(imposed.data)).pages) > 1


def test_creep_moves_inner_sheets_toward_the_spine():
    """A 40-page booklet (10 sheets): the pages of sheet s move s x 0.1 mm toward the spine;
    the outermost stays."""
    layout = impose.print_layout(A5, 2, BLEED, DEFAULT, spine=True)
    imposed = impose.booklet(numbered(40, A5, BLEED), layout, DEFAULT)
    assert imposed.creep == pytest.approx([s * 0.1 * mm for s in range(10)])
    plain = [cell[0] for cell in layout.artwork()]
    for side, placed in enumerate(_placed(imposed.data)):
        sheet = side // 2
        left, right = sorted(placed, key=lambda p: p.matrix[4])
        # The form's origin is the page's bleed corner: its trim is a bleed further in.
        assert left.matrix[4] + BLEED == pytest.approx(plain[0] + sheet * 0.1 * mm, abs=0.01)
        assert right.matrix[4] + BLEED == pytest.approx(plain[1] - sheet * 0.1 * mm, abs=0.01)


def test_booklet_of_the_brochure_in_folding_order(shipped):
    docs = shipped("a5")
    pages = PdfReader(io.BytesIO(docs["park-smart-medical-zh-a5.pdf"].data)).pages
    sides = halves(docs["booklet-smart-medical-zh-a5.pdf"].data)
    total = -(-len(pages) // 4) * 4
    assert len(sides) == total // 2
    # The page number in each footer ("第N页"); the cover and added blanks have none.
    numbers = [tuple(int(m.group(1)) if (m := re.search(r"第(\d+)页", half)) else None for half in side)
               for side in sides]
    # Sheet s (from 0) of a saddle-stitched booklet of ``total`` pages, numbered from 1:
    # front (total - 2s | 2s + 1), back (2s + 2 | total - 2s - 1); the document's pages in
    # reading order with blanks inside the covers (impose.booklet_pages).
    slots = [None if p is None else p + 1 for p in impose.booklet_pages(len(pages))]
    expected = []
    for s in range(total // 4):
        expected += [(slots[total - 2 * s - 1], slots[2 * s]), (slots[2 * s + 1], slots[total - 2 * s - 2])]
    expected = [tuple(n if n is not None and n > 1 else None for n in side) for side in expected]
    assert numbers == expected
    assert "智慧医疗产业园" in sides[0][1]  # the cover is the first sheet's right-hand page
