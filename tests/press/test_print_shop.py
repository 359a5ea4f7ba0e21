"""Print-shop output, measured in the files the shipped builds write (conftest.shipped:
"print-shop" for every park and the overview, "mixed" for two parks on one sheet under another
printing condition, "office-sheets" for an office printer's A4): PDF/X-1a requirement by
requirement (pdfx_check), page boxes, pieces and their bleed on the sheets, marks outside every
piece's bleed, gutters, 100 % K text and rules, no small type knocked out of several inks, and
the job sheet. Each test runs on every file it concerns."""

from __future__ import annotations

import io
import subprocess

import pdfpaint
import pdfx_check
import pikepdf
import pytest
from reportlab.lib.units import mm

from briefing.layout.theme import DEFAULT, PAPERS
from briefing.pipeline.options import PIECE

from helpers import SHIPPED

BLEED = 3 * mm
PRINT = ("print-shop", "mixed", "cmyk-sheets")
#: The bleed each print-shop build asks for.
BLEEDS = {"print-shop": BLEED, "mixed": BLEED, "cmyk-sheets": 0.0}
SHEET_KINDS = ("2up", "4up", "booklet")


def _files(variants, kinds=None) -> list[tuple[str, str]]:
    """(variant, file name) of every PDF the variants write, but the job sheets."""
    return [(variant, name) for variant in variants for name in SHIPPED[variant].planned()
            if name.endswith(".pdf") and not name.startswith("jobsheet")
            and (kinds is None or _kind(name) in kinds)]


def _kind(name: str) -> str:
    for kind in SHEET_KINDS:
        if f"-{kind}" in name or name.startswith(kind):
            return kind
    return name.split("-")[0]


def _document(shipped, variant: str, name: str):
    return shipped(variant)[name]


# -- PDF/X-1a:2003, requirement by requirement -----------------------------------------------

@pytest.mark.parametrize("requirement", list(pdfx_check.REQUIREMENTS))
@pytest.mark.parametrize("variant, name", _files(PRINT))
def test_pdfx_requirement(shipped, variant, name, requirement):
    assert pdfx_check.check(_document(shipped, variant, name).data, requirement) == []


def test_pdfx_checks_can_fail(shipped):
    """An office PDF (the overview, with its contents' links) fails the checks it should."""
    data = shipped("office")["zone-hengyang-hitech-zh.pdf"].data
    failed = {r for r in pdfx_check.REQUIREMENTS if pdfx_check.check(data, r)}
    assert {"info-version", "output-intent", "xmp-metadata", "process-colour-only", "no-annotations-in-bleed",
            "page-boxes"} <= failed


def test_output_intent_names_the_condition_asked_for(shipped):
    for variant, identifier in (("print-shop", "FOGRA39"), ("mixed", "JC200103"), ("cmyk-sheets", "FOGRA39")):
        for name, document in shipped(variant).items():
            if name.endswith(".pdf") and not name.startswith("jobsheet"):
                with pikepdf.open(io.BytesIO(document.data)) as pdf:
                    assert str(pdf.Root.OutputIntents[0].OutputConditionIdentifier) == identifier, name


# -- page boxes -------------------------------------------------------------------------------

@pytest.mark.parametrize("variant, name", [f for f in _files(PRINT) if _kind(f[1]) not in SHEET_KINDS])
def test_single_documents_trim_is_the_paper_and_bleed_as_asked(shipped, variant, name):
    document, bleed = _document(shipped, variant, name), BLEEDS[variant]
    width, height = PAPERS[document.paper]
    with pikepdf.open(io.BytesIO(document.data)) as pdf:
        for page in pdf.pages:
            trim, bleed_box = _rect(page.obj.TrimBox), _rect(page.obj.BleedBox)
            assert (trim[2] - trim[0], trim[3] - trim[1]) == pytest.approx((width, height), abs=0.01)
            assert [b - t for b, t in zip(bleed_box, trim)] == pytest.approx([-bleed, -bleed, bleed, bleed], abs=0.01)


def _rect(box):
    return tuple(float(v) for v in box)


def _pieces(page: pdfpaint.Page) -> list[pdfpaint.Rect]:
    """What of each placed piece shows on the sheet: its form's box, cut by its clip."""
    return [pdfpaint._intersect(p.box, p.clip) if p.clip else p.box for p in page.placed]


@pytest.mark.parametrize("variant, name", _files(PRINT, SHEET_KINDS))
def test_each_piece_keeps_its_bleed(shipped, variant, name):
    """On every sheet, each piece shows its finished size plus its bleed on every side (at a
    booklet's spine, where two pages meet at the fold, no bleed; there the creep allowance,
    under 0.5 mm, moves the page toward the spine): trim = finished size."""
    kind, bleed = _kind(name), BLEEDS[variant]
    width, height = PAPERS[PIECE[kind]]
    sheets = pdfpaint.pages(_document(shipped, variant, name).data)
    for sheet in sheets:
        # A booklet's blank pages go inside its covers: the back of its outer sheet may hold none.
        assert sheet.placed or kind == "booklet"
        for index, box in enumerate(_pieces(sheet)):
            w, h = box[2] - box[0], box[3] - box[1]
            across = width + bleed if kind == "booklet" else width + 2 * bleed
            tolerance = 0.5 * mm if kind == "booklet" else 0.05
            assert (w, h) == pytest.approx((across, height + 2 * bleed), abs=tolerance), (name, index)
    # The form placed is the page's own bleed box, at 100 %.
    assert all(abs(p.matrix[0] - 1) < 1e-6 for sheet in sheets for p in sheet.placed)


@pytest.mark.parametrize("variant, name", _files(PRINT, SHEET_KINDS))
def test_sheet_is_a3_with_its_boxes(shipped, variant, name):
    """A3 (the smallest of A4, SRA4, A3 that holds two A5 or four A6 with bleed, gutters and
    marks); the sheet's TrimBox and BleedBox are the sheet (PDF/X wants them on every page)."""
    with pikepdf.open(io.BytesIO(_document(shipped, variant, name).data)) as pdf:
        for page in pdf.pages:
            media = sorted(round(float(v) / mm) for v in page.obj.MediaBox[2:])
            assert media == [297, 420], name
            assert _rect(page.obj.TrimBox) == _rect(page.obj.MediaBox) == _rect(page.obj.BleedBox)


# -- marks and gutters ------------------------------------------------------------------------

def _marks(page: pdfpaint.Page) -> list[pdfpaint.Painted]:
    return [p for p in page.painted if p.kind == "stroke" and not p.in_form]


@pytest.mark.parametrize("variant, name", _files(PRINT + ("office-sheets",), SHEET_KINDS))
def test_marks_lie_outside_every_piece(shipped, variant, name):
    """No mark's stroke (widened by half its width) reaches into any piece's bleed box (print
    shop) or artwork (office); every mark is on the sheet, clear of its unprinted edge."""
    for sheet_number, sheet in enumerate(pdfpaint.pages(_document(shipped, variant, name).data)):
        marks, pieces = _marks(sheet), _pieces(sheet)
        assert len(marks) >= 2, name  # the fewest: the two ends of an office sheet's one cut
        for mark in marks:
            half = mark.size / 2
            stroke = (mark.box[0] - half, mark.box[1] - half, mark.box[2] + half, mark.box[3] + half)
            assert not any(pdfpaint.overlaps(stroke, piece) for piece in pieces), (name, sheet_number, mark.box)
            edge = DEFAULT.marks.edge - 0.01  # where the line starts; its cap may reach a hair further
            assert min(mark.box[:2]) >= edge, (name, mark.box)


@pytest.mark.parametrize("variant, name", _files(PRINT, ("2up", "4up")))
def test_gutter_between_pieces(shipped, variant, name):
    """Neighbouring pieces' bleed boxes stand exactly the gutter (4 mm) apart."""
    for sheet in pdfpaint.pages(_document(shipped, variant, name).data):
        gaps = _gaps(_pieces(sheet))
        assert gaps and all(gap == pytest.approx(DEFAULT.marks.gutter, abs=0.01) for gap in gaps), gaps


def _gaps(boxes) -> list[float]:
    """The distance between each box and its nearest neighbour to the right and above."""
    gaps = []
    for a in boxes:
        right = [b[0] - a[2] for b in boxes if b[0] > a[2] - 0.01 and abs(b[1] - a[1]) < 0.01]
        above = [b[1] - a[3] for b in boxes if b[1] > a[3] - 0.01 and abs(b[0] - a[0]) < 0.01]
        gaps += [min(right)] if right else []
        gaps += [min(above)] if above else []
    return gaps


@pytest.mark.parametrize("name", [n for _, n in _files(("office-sheets",), SHEET_KINDS)])
def test_office_sheets_are_a4_with_an_even_white_border(shipped, name):
    """An office printer's sheet: A4, no bleed, each piece inside its cell with the same white
    border on every side (6 mm, more than the printer's 4-5 mm), so that cut at the middle the
    handouts are alike."""
    border = DEFAULT.marks.office_margin
    for sheet in pdfpaint.pages(_document(shipped, "office-sheets", name).data):
        pieces = _pieces(sheet)
        # A booklet's added blank pages are not placed (both inside covers: a side with none).
        assert (0 if "booklet" in name else 1) <= len(pieces) <= (4 if "4up" in name else 2)
        for x0, y0, _, _ in pieces:
            assert x0 >= border - 0.01 and y0 >= border - 0.01
        gaps = _gaps(pieces)
        assert gaps or len(pieces) <= 1
        assert all(gap >= 2 * border - 0.01 for gap in gaps), gaps


# -- colour -----------------------------------------------------------------------------------

def _texts(data: bytes):
    for page in pdfpaint.pages(data):
        fills = [p for p in page.painted if p.kind == "fill"]
        for text in (p for p in page.painted if p.kind == "text"):
            yield text, fills


@pytest.mark.parametrize("variant, name", _files(PRINT))
def test_black_text_is_100_k_and_overprints(shipped, variant, name):
    """Text in black ink only is solid (never a screened grey), and overprints."""
    neutral = [text for text, _ in _texts(_document(shipped, variant, name).data)
               if text.colour[0] == "cmyk" and not any(text.colour[1:4]) and text.colour[4] > 0]
    assert neutral, name
    assert {text.colour for text in neutral} == {("cmyk", 0.0, 0.0, 0.0, 1.0)}, name
    assert all(text.overprint for text in neutral), name


@pytest.mark.parametrize("variant, name", _files(PRINT))
def test_thin_black_rules_are_100_k(shipped, variant, name):
    """Rules up to 1 pt in black ink (table rules, dividers) are 100 % K and overprint; no thin
    rule inside the artwork mixes a tint of several inks."""
    rules = [p for page in pdfpaint.pages(_document(shipped, variant, name).data) for p in page.painted
             if p.kind == "stroke" and p.size <= 1.0 and p.colour != ("cmyk", 1.0, 1.0, 1.0, 1.0)]
    assert rules, name
    for rule in rules:
        if not any(rule.colour[1:4]):
            assert rule.colour == ("cmyk", 0.0, 0.0, 0.0, 1.0) and rule.overprint, (name, rule)
        else:  # a coloured rule (the accent under a heading) is a solid colour, not a light tint of several inks
            assert not (pdfpaint.inks(rule.colour) > 1 and max(rule.colour[1:]) < 0.5), (name, rule)


@pytest.mark.parametrize("variant, name", _files(PRINT))
def test_no_small_type_knocked_out_of_several_inks(shipped, variant, name):
    """Type under 9 pt (as printed: on the sheet, after any scaling) is never knocked out of
    more than one ink: where the ground under it has more of an ink than the type, a slight
    shift of that plate fringes the letters."""
    found = []
    for text, fills in _texts(_document(shipped, variant, name).data):
        if text.overprint or text.size >= 9 - 0.01:
            continue
        x, y = text.box[0] + text.size * 0.3, text.box[1] + text.size * 0.3
        under = [f for f in fills if f.order < text.order and pdfpaint.contains(f.box, x, y)]
        if under and under[-1].colour[0] == "cmyk":
            ground = under[-1].colour[1:]
            knocked = sum(1 for g, t in zip(ground, text.colour[1:]) if g > t + 0.001)
            if knocked > 1:
                found.append((round(text.size, 2), text.colour, ground))
    assert not found, (name, found[:3])


def test_knockout_check_can_fail():
    """The rule above, on a page made to break it: 6 pt white type on the four-ink band."""
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFillColorCMYK(1, 0.62, 0.08, 0.1)
    canvas.rect(0, 0, 200, 200, stroke=0, fill=1)
    canvas.setFillColorCMYK(0, 0, 0, 0)
    canvas.setFont("Helvetica", 6)
    canvas.drawString(20, 20, "knocked out")
    canvas.save()
    [(text, fills)] = list(_texts(buffer.getvalue()))
    assert text.size == 6 and fills[-1].colour == ("cmyk", 1.0, 0.62, 0.08, 0.1)


# -- mixed and duplex -------------------------------------------------------------------------

def _halves(data: bytes, page: int = 1) -> list[str]:
    """The text of the left and right halves of a landscape page (pdftotext)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        width, height = (float(v) for v in pdf.pages[page - 1].MediaBox[2:])
    found = []
    for x0 in (0, width / 2):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-x", str(int(x0)), "-y", "0",
                               "-W", str(int(width / 2)), "-H", str(int(height)), "-", "-"],
                              input=data, capture_output=True, check=True).stdout
        found.append(text.decode())
    return found


def test_two_parks_on_one_sheet(shipped):
    """--mix: the two parks' flyers side by side on one 2-up sheet, in the parks' order."""
    data = shipped("mixed")["flyers-mixed-zh-a5-2up-a3-bleed-cmyk-jc200103.pdf"].data
    left, right = _halves(data)
    assert "移动互联网产业园" in left and "智慧医疗产业园" not in left
    assert "智慧医疗产业园" in right and "移动互联网产业园" not in right


def test_booklet_front_and_back_line_up(shipped):
    """Turned about its vertical axis (flip on the short edge), the back of each booklet sheet
    puts each page behind its partner on the front, within 0.5 mm."""
    for name, document in shipped("print-shop").items():
        if not name.startswith("booklet-"):
            continue
        sheets = pdfpaint.pages(document.data)
        with pikepdf.open(io.BytesIO(document.data)) as pdf:
            width = float(pdf.pages[0].MediaBox[2])
        pairs = 0
        for front, back in zip(sheets[0::2], sheets[1::2]):
            for b_box in _trims(back):
                mirrored = (width - b_box[2], b_box[1], width - b_box[0], b_box[3])
                partners = [f for f in _trims(front) if pdfpaint.overlaps(f, mirrored, tolerance=mm)]
                for f_box in partners:  # a blank page added at the end is not placed
                    assert max(abs(a - b) for a, b in zip(f_box, mirrored)) < 0.5 * mm, name
                    pairs += 1
        assert pairs >= 2, name


def _trims(sheet: pdfpaint.Page) -> list[pdfpaint.Rect]:
    """Each placed page's trim on the sheet: its form's box (the page's bleed box) inset by the
    bleed, through the matrix that places it."""
    return [pdfpaint.transform_rect(p.matrix, (p.bbox[0] + BLEED, p.bbox[1] + BLEED, p.bbox[2] - BLEED,
                                               p.bbox[3] - BLEED)) for p in sheet.placed]


# -- the job sheet ----------------------------------------------------------------------------

@pytest.mark.parametrize("variant", PRINT)
def test_a_job_sheet_beside_every_print_shop_job(shipped, variant):
    """Each job's files are listed on its job sheet (PDF, a thumbnail per file: one page for a
    few files, running on for more rather than shrinking its type below the floor) and in its
    text, in Chinese and English: finished size, sheet, sides, binding, paper, colour, bleed."""
    docs = shipped(variant)
    sheets = [name for name in docs if name.startswith("jobsheet-") and name.endswith(".pdf")]
    assert sheets
    for name in sheets:
        text = docs[name.replace(".pdf", ".txt")].data.decode("utf-8")
        for label in ("成品尺寸", "Finished size", "印刷方式", "Printed on", "单双面", "Sides", "折页与装订",
                      "Folding and binding", "纸张", "Paper", "色彩", "Colour", "出血", "Bleed"):
            assert label in text, (name, label)
        listed = [line.split(". ", 1)[1] for line in text.splitlines() if line[:1].isdigit() and ". " in line]
        assert listed and all(item in docs for item in listed), (name, listed)
        with pikepdf.open(io.BytesIO(docs[name].data)) as pdf:
            assert len(pdf.pages) <= len(listed)  # each file's row whole on a page
            images = [x for page in pdf.pages for x in page.Resources.XObject.values()
                      if x.Subtype == pikepdf.Name.Image]
            assert len(images) == len(listed), name
        assert ("3 mm" in text) == (variant != "cmyk-sheets")
        assert ("JC200103" if variant == "mixed" else "FOGRA39") in text


def test_booklet_job_sheet_says_flip_fold_staple_and_creep(shipped):
    text = shipped("print-shop")["jobsheet-smart-medical-zh-bleed-cmyk.txt"].data.decode("utf-8")
    booklet = text.split("booklet-smart-medical-zh-a5-a3-bleed-cmyk.pdf", 1)[1]
    assert "flip on the short edge" in booklet and "短边翻转" in booklet
    assert "saddle stitch" in booklet and "骑马钉" in booklet
    assert "Creep" in booklet and "爬移" in booklet
    assert "A3, 297 × 420 mm" in booklet
