"""Print production: page boxes, bleed, crop marks and process colour, measured in the PDFs
the build writes (pypdf). The shipped data is built once a session in each variant looked at
here (conftest.shipped: office, bleed, print shop, A5, Letter). Imposition is in test_impose.py."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm

from briefing.errors import BriefingError
from briefing.layout.theme import DEFAULT, PAPERS, PROCESS, Palette
from briefing.pipeline.options import output
from briefing.press.spec import parse_length
from briefing.sheets.project import load_project

from helpers import PARK, render_park, write
from helpers import page_boxes as boxes

BLEED = 3 * mm
# Crop marks sit past the bleed: bleed, a gap, then the mark (theme.marks), on every side.
MARGIN = BLEED + DEFAULT.marks.gap + DEFAULT.marks.length
#: The shipped build on each paper (conftest.shipped's variants).
ON_PAPER = {"A4": "office", "A5": "a5", "Letter": "letter"}


def rect(x0, y0, x1, y1):
    return [round(v, 2) for v in (x0, y0, x1, y1)]


@pytest.mark.parametrize("paper", ["A4", "A5", "Letter"])
def test_office_pdf_boxes_are_the_paper(shipped, paper):
    docs = shipped(ON_PAPER[paper])
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
def test_bleed_boxes(shipped, name, size):
    data = shipped("bleed")[name].data
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


def test_band_runs_into_the_bleed_and_the_page_is_not_scaled(shipped):
    office = pixels(shipped("office")["park-smart-medical-zh.pdf"].data, dpi=72)
    shop = pixels(shipped("bleed")["park-smart-medical-zh-bleed.pdf"].data, dpi=72)
    blue = office.getpixel((5, 5))  # the cover band at the page's corner
    m, b = round(MARGIN), round(BLEED)
    # In the bleed, just outside the trim's top-left corner: still the band.
    assert shop.getpixel((m - b + 1, m - b + 1)) == blue
    # Past the bleed, where the crop marks go: paper.
    assert shop.getpixel((m - b - 2, m - b - 2)) == (255, 255, 255)
    # The trim area is the office page, pixel for pixel along a row through the cover title
    # (within anti-aliasing: the trim sits half a pixel off the grid, and the band's rings cross
    # the row): the bleed extends the artwork instead of scaling the page up.
    row = 200
    shop_row = [shop.getpixel((m + x, m + row)) for x in range(0, 590, 7)]
    office_row = [office.getpixel((x, row)) for x in range(0, 590, 7)]
    assert all(max(abs(a - b) for a, b in zip(p, q)) <= 12 for p, q in zip(shop_row, office_row)), \
        (shop_row, office_row)


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


def test_cmyk_build_has_no_rgb_operators(shipped):
    """Every document of the print-shop build: brochures, flyers, the overview, the sheets and
    the job sheets (whose thumbnails are CMYK too)."""
    docs = shipped("print-shop")
    assert {document.kind for document in docs.values()} == {"brochure", "flyer", "overview", "2up", "4up", "booklet",
                                                             "jobsheet", "jobsheet-text"}
    for name, document in docs.items():
        if document.kind == "jobsheet-text":
            continue
        ops = operators(document.data)
        assert not ops & {b"rg", b"RG"}, name
        assert b"k" in ops, name  # the colours are there, as CMYK


def test_office_build_is_rgb(shipped):
    """The check above can fail: an office build does use rg."""
    assert b"rg" in operators(shipped("office")["park-smart-medical-zh.pdf"].data)


def test_every_palette_colour_has_a_process_equivalent():
    names = set(Palette.__dataclass_fields__)
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
        if document.kind.startswith("jobsheet"):
            continue  # its thumbnails are CMYK too (test_cmyk_build_has_no_rgb_operators)
        assert not operators(document.data) & {b"rg", b"RG"}, document.name
        cover = PdfReader(io.BytesIO(document.data)).pages[0]
        images = [x.get_object() for x in cover["/Resources"]["/XObject"].values()]
        assert [(i["/Width"], i["/ColorSpace"]) for i in images] == [(60, "/DeviceCMYK")], document.name
        content = cover.get_contents().get_data()
        assert re.search(rb"\b0?\.6 0 0?\.467 0?\.329 k", content), document.name  # #12AB34 as CMYK, not our orange
