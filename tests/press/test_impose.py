"""Imposition: sheets of synthetic documents whose page order is known, and the sheets the
shipped build makes (conftest.shipped: print shop, A5)."""

import io
import re
import subprocess

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfgen.canvas import Canvas

from briefing.layout.theme import DEFAULT, PAPERS
from briefing.press import impose

from helpers import page_boxes as boxes


def numbered(pages: int, size=A5) -> bytes:
    """A document whose pages say their numbers, P1, P2, ..."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=size)
    for number in range(1, pages + 1):
        canvas.setFont("Helvetica", 40)
        canvas.drawCentredString(size[0] / 2, size[1] / 2, f"P{number}")
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


@pytest.mark.parametrize("pages, expected", [
    (8, [("P8", "P1"), ("P2", "P7"), ("P6", "P3"), ("P4", "P5")]),
    # 6 pages: the blanks inside the covers (booklet pages 2 and 7), the last page on the back cover.
    (6, [("P6", "P1"), ("", ""), ("P5", "P2"), ("P3", "P4")]),
    # 7 pages: one blank, the inside back cover.
    (7, [("P7", "P1"), ("P2", ""), ("P6", "P3"), ("P4", "P5")]),
    (1, [("", "P1"), ("", "")]),
])
def test_booklet_page_order(pages, expected):
    sheets = impose.booklet(numbered(pages), A4, DEFAULT)
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
def test_n_up_fills_a4(piece, sheet_size, count):
    source = numbered(2, A5)
    sheets = impose.n_up(source, impose.grid_for(A4, PAPERS[piece]), DEFAULT)
    reader = PdfReader(io.BytesIO(sheets))
    assert len(reader.pages) == 2  # one sheet per page of the source, each full of copies
    for number, page in enumerate(reader.pages, start=1):
        assert [round(float(v)) for v in page.mediabox] == [0, 0, *sheet_size]
        assert page.extract_text().split() == [f"P{number}"] * count


def test_n_up_has_cut_marks_on_the_inner_cut_lines():
    sheets = impose.n_up(numbered(1), impose.grid_for(A4, PAPERS["A6"]), DEFAULT)
    page = PdfReader(io.BytesIO(sheets)).pages[0]
    lines = [args for args, op in ContentStream(page.get_contents(), None).operations if op == b"m"]
    starts = sorted((round(float(x)), round(float(y))) for x, y in lines)
    # 2 x 2 A6 on A4 portrait: one vertical cut at the middle (marks at both ends), one
    # horizontal cut at the middle (marks at both sides); the grid's outer edges are the sheet's.
    assert starts == [(0, 421), (298, 0), (298, 842), (595, 421)]


def test_imposed_sheets_are_a4_with_no_bleed(shipped):
    docs = shipped("print-shop")
    for name, size in [("flyer-smart-medical-zh-a5-2up-cmyk.pdf", (842, 595)),
                       ("flyer-smart-medical-zh-a6-4up-cmyk.pdf", (595, 842)),
                       ("booklet-smart-medical-zh-a5-cmyk.pdf", (842, 595))]:
        sheet = boxes(docs[name].data)
        assert [round(v) for v in sheet["mediabox"]] == [0, 0, *size], name
        assert sheet["trimbox"] == sheet["bleedbox"] == sheet["mediabox"], name


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
