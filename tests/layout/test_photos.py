"""Photos, the location sketch and the contact in the PDFs: what a reader's or a printer's tools
read back out of them. The pictures are made here, with Pillow, in temporary folders; the sheet
is the invented sample park of docs/sample-data (nothing here is a fact about a real park)."""

import io
import re
import shutil
import subprocess

import pytest
from PIL import Image

from briefing.layout.placed import CAP_PPI
from briefing.layout.sketch import NOT_TO_SCALE
from briefing.pipeline.options import output
from briefing.sheets.project import load_project

from helpers import REPO, build_all

SAMPLE = REPO / "docs" / "sample-data"
#: The most a brochure with a 24-megapixel cover photo may weigh (the issue's limit).
MAX_BROCHURE_BYTES = 2 * 1024 * 1024


def image_rows(pdf) -> list[dict]:
    """``pdfimages -list``, one dict a picture: its pixels, colour and effective resolution."""
    lines = subprocess.run(["pdfimages", "-list", str(pdf)], check=True, capture_output=True,
                           text=True).stdout.splitlines()
    names = lines[0].split()
    return [dict(zip(names, line.split())) for line in lines[2:]]


def photo_jpeg(width: int, height: int, mode: str = "RGB") -> bytes:
    """A JPEG with detail in it (a gradient with noise, as a photo has), so that its size on
    disk and in the PDF is a photo's, not a flat colour's."""
    noise = Image.effect_noise((width, height), 48).convert("L")
    gradient = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5)))
    out = io.BytesIO()
    (image.convert("CMYK") if mode == "CMYK" else image).save(out, "JPEG", quality=92)
    return out.getvalue()


def sample_copy(target, without=()) -> object:
    """The sample data folder copied to ``target``, leaving out the photos whose files are in
    ``without``."""
    shutil.copytree(SAMPLE, target)
    sheet = target / "parks" / "sample-park.yaml"
    text = sheet.read_text(encoding="utf-8")
    for name in without:  # a photo's entry runs from its "- image:" line to the next entry
        text = re.sub(rf"  - image: images/{re.escape(name)}\n(    .*\n)+", "", text)
    sheet.write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The sample park's brochures and flyers on A4, both languages, as the office prints them."""
    data = sample_copy(tmp_path_factory.mktemp("sample") / "data")
    _, documents = build_all(data, tmp_path_factory.mktemp("office"), ("sample-park",))
    return {document.name: document.path for document in documents}


@pytest.fixture(scope="module")
def press(tmp_path_factory):
    """The sample park's documents for a print shop (--cmyk), without the photo a print shop's
    build refuses (lobby-small.jpg: under 100 ppi where it is placed)."""
    data = sample_copy(tmp_path_factory.mktemp("sample-press") / "data", without=("lobby-small.jpg",))
    _, documents = build_all(data, tmp_path_factory.mktemp("press"), ("sample-park",), ("zh",),
                             output(paper="A4", cmyk=True))
    return {document.name: document.path for document in documents}


def test_no_photo_is_embedded_above_the_cap(office):
    rows = image_rows(office["park-sample-park-zh.pdf"])
    assert len(rows) >= 5  # the cover, two section photos, the gallery's, the QR image
    ppi = [(int(row["x-ppi"]), int(row["y-ppi"])) for row in rows]
    assert all(x <= CAP_PPI + 1 and y <= CAP_PPI + 1 for x, y in ppi), ppi
    # the cover photo (2600 x 1733 px) was larger than the page needs: it is scaled down to the cap
    assert max(x for x, _ in ppi) >= CAP_PPI - 1, ppi


def test_the_low_resolution_photo_is_kept_as_it_is(office):
    """lobby-small.jpg (500 x 333) is never scaled up: the PDF holds its own pixels (cropped to
    the shape of its box), at the low resolution `briefing check` warned of."""
    rows = image_rows(office["park-sample-park-zh.pdf"])
    [lobby] = [row for row in rows if row["width"] == "500"]
    assert int(lobby["height"]) <= 333 and int(lobby["x-ppi"]) < 200, lobby


def test_cmyk_output_has_no_rgb_image(press):
    pdfs = [path for name, path in press.items() if name.endswith(".pdf") and not name.startswith("jobsheet")]
    assert len(pdfs) >= 3  # the brochure, the flyers, the overview
    for pdf in pdfs:
        colours = [row["color"] for row in image_rows(pdf)]
        assert colours and "rgb" not in colours, (pdf.name, colours)
    # the RGB photos were converted (ICC), the greyscale ones kept grey: both kinds are there
    colours = {row["color"] for row in image_rows(press["park-sample-park-zh-cmyk.pdf"])}
    assert colours == {"cmyk", "gray"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_sketchs_road_names_copy_out_of_the_pdf(shipped, lang):
    """The mobile-internet park's sheet names the roads it faces (北临曙光路、南临衡州大道、
    东临蒸水南路): its sketch labels each in both languages, as text a reader can copy."""
    pdf = shipped("office")[f"park-mobile-internet-{lang}.pdf"].path
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    flat = re.sub(r"\s+", " ", text)
    for road in ("曙光路 Shuguang Road", "衡州大道 Hengzhou Avenue", "蒸水南路 Zhengshui South Road"):
        assert road in flat, road
    assert NOT_TO_SCALE in flat


def test_a_park_without_roads_has_no_sketch(shipped):
    pdf = shipped("office")["park-smart-medical-en.pdf"].path
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "not to scale" not in text


def test_a_24_megapixel_cover_photo_makes_a_small_brochure(tmp_path):
    """A camera's 6000 x 4000 JPEG as the cover photo: the brochure stays under 2 MB (the time
    it takes is measured in benchmarks/photos.py, not here)."""
    data = sample_copy(tmp_path / "data")
    (data / "images" / "building.jpg").write_bytes(photo_jpeg(6000, 4000))
    assert load_project(data).problems.errors == []
    _, documents = build_all(data, tmp_path / "out", ("sample-park",), ("zh",))
    brochure = next(d.path for d in documents if d.name == "park-sample-park-zh.pdf")
    assert brochure.stat().st_size < MAX_BROCHURE_BYTES, brochure.stat().st_size
    [cover] = [row for row in image_rows(brochure) if row["page"] == "1"]
    assert int(cover["x-ppi"]) <= CAP_PPI + 1 and int(cover["width"]) < 6000
