"""Print production: page boxes, bleed, crop marks and process colour, measured in the PDFs
the build writes (pypdf), and imposition on synthetic documents whose page order is known."""

import functools
import re
import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from helpers import render_park
from briefing.pipeline.options import output
from briefing.errors import BriefingError
from briefing.press import impose
from briefing.press.spec import parse_length
from briefing.sheets.project import load_project
from briefing.layout.theme import DEFAULT, PAPERS, PROCESS, Palette

from helpers import DATA, PARK, write

BLEED = 3 * mm
# Crop marks sit past the bleed: bleed, a gap, then the mark (theme.marks), on every side.
MARGIN = BLEED + DEFAULT.marks.gap + DEFAULT.marks.length
EVERYTHING = dict(cmyk=True, bleed="3mm", impose=("2up", "4up", "booklet"))


@functools.cache
def documents(**options):
    """The park's documents built with ``options``, once per test run for each set of options."""
    project = load_project(DATA)
    return {d.name: d for d in render_park(project, "smart-medical", "zh", output=output(**options))}


def boxes(data: bytes, page: int = 0) -> dict:
    reader = PdfReader(io.BytesIO(data))
    p = reader.pages[page]
    return {name: [round(float(v), 2) for v in getattr(p, name)] for name in ("mediabox", "trimbox", "bleedbox")}


def rect(x0, y0, x1, y1):
    return [round(v, 2) for v in (x0, y0, x1, y1)]


@pytest.mark.parametrize("paper", ["A4", "A5", "Letter"])
def test_office_pdf_boxes_are_the_paper(paper):
    docs = documents(paper=paper)
    suffix = "" if paper == "A4" else f"-{paper.lower()}"
    width, height = PAPERS[paper]
    page = rect(0, 0, width, height)
    assert boxes(docs[f"park-smart-medical-zh{suffix}.pdf"].data) == {
        "mediabox": page, "trimbox": page, "bleedbox": page}
    flyer = boxes(docs[f"flyer-smart-medical-zh-{paper.lower()}.pdf"].data)
    assert flyer["trimbox"] == page


@pytest.mark.parametrize("name, size", [("park-smart-medical-zh-bleed.pdf", A4),
                                        ("flyer-smart-medical-zh-a4-bleed.pdf", A4),
                                        ("flyer-smart-medical-zh-a5-bleed.pdf", A5)])
def test_bleed_boxes(name, size):
    data = documents(bleed="3mm")[name].data
    width, height = size
    for page in range(len(PdfReader(io.BytesIO(data)).pages)):
        assert boxes(data, page) == {
            "mediabox": rect(0, 0, width + 2 * MARGIN, height + 2 * MARGIN),
            "trimbox": rect(MARGIN, MARGIN, MARGIN + width, MARGIN + height),  # the finished size
            "bleedbox": rect(MARGIN - BLEED, MARGIN - BLEED, MARGIN + width + BLEED, MARGIN + height + BLEED),
        }


def pixels(data: bytes, dpi: int):
    """The first page as an RGB image (poppler), MediaBox and all."""
    from PIL import Image
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", "-singlefile", str(path),
                        str(path.with_suffix(""))], check=True)
        return Image.open(path.with_suffix(".png")).convert("RGB")


def test_band_runs_into_the_bleed_and_the_page_is_not_scaled():
    office = pixels(documents()["park-smart-medical-zh.pdf"].data, dpi=72)
    shop = pixels(documents(bleed="3mm")["park-smart-medical-zh-bleed.pdf"].data, dpi=72)
    blue = office.getpixel((5, 5))  # the cover band at the page's corner
    m, b = round(MARGIN), round(BLEED)
    # In the bleed, just outside the trim's top-left corner: still the band.
    assert shop.getpixel((m - b + 1, m - b + 1)) == blue
    # Past the bleed, where the crop marks go: paper.
    assert shop.getpixel((m - b - 2, m - b - 2)) == (255, 255, 255)
    # The trim area is the office page, pixel for pixel along a row through the cover title:
    # the bleed extends the artwork instead of scaling the page up.
    row = 200
    assert [shop.getpixel((m + x, m + row)) for x in range(0, 590, 7)] == \
           [office.getpixel((x, row)) for x in range(0, 590, 7)]


def operators(data: bytes) -> set[bytes]:
    """Every operator in every page's content and in every form XObject, decompressed."""
    reader = PdfReader(io.BytesIO(data))
    found = set()
    for page in reader.pages:
        found |= {op for _, op in ContentStream(page.get_contents(), reader).operations}
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for ref in xobjects.values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                found |= {op for _, op in ContentStream(xobject, reader).operations}
    return found


def test_cmyk_build_has_no_rgb_operators():
    docs = documents(**EVERYTHING)
    assert len(docs) == 6
    for name, document in docs.items():
        ops = operators(document.data)
        assert not ops & {b"rg", b"RG"}, name
        assert b"k" in ops, name  # the colours are there, as CMYK


def test_office_build_is_rgb():
    """The check above can fail: an office build does use rg."""
    assert b"rg" in operators(documents()["park-smart-medical-zh.pdf"].data)


def test_every_palette_colour_has_a_process_equivalent():
    names = {f for f in Palette.__dataclass_fields__}
    assert set(PROCESS) == names
    cmyk = Palette().in_cmyk()
    assert all(getattr(cmyk, name).cmyk() == PROCESS[name] for name in names)


@pytest.mark.parametrize("text, points", [("3mm", 3 * mm), ("3", 3 * mm), ("8.5pt", 8.5), ("0.125in", 9.0)])
def test_parse_length(text, points):
    assert parse_length(text) == pytest.approx(points)


@pytest.mark.parametrize("text, message", [("3cm", "is not a length"), ("", "is not a length"),
                                           ("30mm", "is more than 10mm")])
def test_parse_length_refuses(text, message):
    with pytest.raises(BriefingError, match=message):
        parse_length(text)


# -- imposition ---------------------------------------------------------------------------


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
    # 6 pages: two blanks at the end, before folding (so pages 7 and 8 are empty).
    (6, [("", "P1"), ("P2", ""), ("P6", "P3"), ("P4", "P5")]),
    (1, [("", "P1"), ("", "")]),
])
def test_booklet_page_order(pages, expected):
    sheets = impose.booklet(numbered(pages), A4, DEFAULT)
    reader = PdfReader(io.BytesIO(sheets))
    assert len(reader.pages) == len(expected)
    assert all([round(float(v)) for v in p.mediabox] == [0, 0, 842, 595] for p in reader.pages)
    assert halves(sheets) == expected


def test_booklet_order_is_a_folded_stack():
    """Every page once, and facing pages on one side add up to the total minus one."""
    for pages in range(1, 30):
        order = impose.booklet_order(pages)
        total = len(order) * 2
        assert total % 4 == 0 and total - pages < 4
        placed = sorted(p for side in order for p in side if p is not None)
        assert placed == list(range(pages))
        for left, right in order:
            if left is not None and right is not None:
                assert left + right == total - 1


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



@pytest.mark.parametrize("options", [{}, EVERYTHING])
def test_every_document_passes_qpdf_and_embeds_its_fonts(options, tmp_path):
    for name, document in documents(**options).items():
        path = tmp_path / name
        path.write_bytes(document.data)
        check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert check.returncode == 0, name + check.stdout
        rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        for row in rows.splitlines()[2:]:
            font, *_, emb, sub, _uni, _obj, _gen = row.split()
            assert (emb, sub) == ("yes", "yes") and "NotoSansSCBriefing" in font, f"{name}: {row}"


def test_imposed_sheets_are_a4_with_no_bleed():
    docs = documents(**EVERYTHING)
    for name, size in [("flyer-smart-medical-zh-a5-2up-cmyk.pdf", (842, 595)),
                       ("flyer-smart-medical-zh-a6-4up-cmyk.pdf", (595, 842)),
                       ("booklet-smart-medical-zh-a5-cmyk.pdf", (842, 595))]:
        sheet = boxes(docs[name].data)
        assert [round(v) for v in sheet["mediabox"]] == [0, 0, *size], name
        assert sheet["trimbox"] == sheet["bleedbox"] == sheet["mediabox"], name


def test_booklet_of_the_brochure_in_folding_order():
    docs = documents(paper="A5", impose=("booklet",))
    pages = PdfReader(io.BytesIO(docs["park-smart-medical-zh-a5.pdf"].data)).pages
    sides = halves(docs["booklet-smart-medical-zh-a5.pdf"].data)
    total = -(-len(pages) // 4) * 4
    assert len(sides) == total // 2
    # The page number in each footer ("第N页"); the cover and added blanks have none.
    numbers = [tuple(int(m.group(1)) if (m := re.search(r"第(\d+)页", half)) else None for half in side)
               for side in sides]
    # Sheet s (from 0) of a saddle-stitched booklet of ``total`` pages, numbered from 1:
    # front (total - 2s | 2s + 1), back (2s + 2 | total - 2s - 1).
    expected = []
    for s in range(total // 4):
        expected += [(total - 2 * s, 2 * s + 1), (2 * s + 2, total - 2 * s - 1)]
    expected = [tuple(n if 1 < n <= len(pages) else None for n in side) for side in expected]
    assert numbers == expected
    assert "智慧医疗产业园" in sides[0][1]  # the cover is the first sheet's right-hand page


def test_a_branded_park_in_cmyk(data_dir):
    """A park's own accent and its logo (an RGB PNG with transparency) become process colour too."""
    from PIL import Image

    logo = io.BytesIO()
    Image.new("RGBA", (60, 20), (200, 16, 46, 128)).save(logo, "PNG")
    (data_dir / "images").mkdir()
    (data_dir / "images" / "logo.png").write_bytes(logo.getvalue())
    write(data_dir / "parks" / "park-a.yaml", PARK + 'branding:\n  logo: images/logo.png\n  accent: "#12AB34"\n')
    project = load_project(data_dir)
    assert not project.problems.errors, project.problems.items
    for document in render_park(project, "park-a", "zh", output=output(cmyk=True)):
        assert not operators(document.data) & {b"rg", b"RG"}, document.name
        cover = PdfReader(io.BytesIO(document.data)).pages[0]
        images = [x.get_object() for x in cover["/Resources"]["/XObject"].values()]
        assert [(i["/Width"], i["/ColorSpace"]) for i in images] == [(60, "/DeviceCMYK")], document.name
        content = cover.get_contents().get_data()
        assert b".6 0 .467 .329 k" in content, document.name  # #12AB34 as CMYK, not our orange
