"""The flyer: one page, the essentials, the event line, and a QR code that decodes to each
web page the fact sheet gives (read back from the rendered page with zxing-cpp)."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from briefing.build import render_park
from briefing.editions import output
from briefing.project import load_project

from conftest import DATA, PARK, write

URL = "https://example.org/sign-up?park=park-a"
LINKS = f"""\
links:
  - label: {{zh: 报名表, en: Sign-up form}}
    url: {URL}
"""


def flyers(data_dir, **options):
    project = load_project(data_dir)
    assert not project.problems.errors, project.problems.items
    return {d.name: d for d in render_park(project, "park-a", "zh", output=output(**options))
            if d.name.startswith("flyer")}


def codes(data: bytes) -> list[str]:
    """The text of every QR code on the first page, rendered at 150 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "flyer.pdf"
        path.write_bytes(data)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(path.with_suffix(""))],
                       check=True)
        image = Image.open(path.with_suffix(".png")).convert("L")
        return sorted(result.text for result in zxingcpp.read_barcodes(image))


def text(data: bytes) -> str:
    return "".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_qr_code_decodes_to_the_link(data_dir, size):
    write(data_dir / "parks" / "park-a.yaml", PARK + LINKS)
    flyer = flyers(data_dir)[f"flyer-park-a-zh-{size}.pdf"]
    assert flyer.pages == 1
    assert codes(flyer.data) == [URL]
    assert "报名表" in text(flyer.data)


def test_contact_web_is_a_second_code(data_dir):
    web = "https://example.org/park-a"
    write(data_dir / "parks" / "park-a.yaml", PARK + LINKS + f"contact:\n  web: {web}\n")
    assert codes(flyers(data_dir)["flyer-park-a-zh-a4.pdf"].data) == sorted([URL, web])


def test_no_links_no_code(data_dir):
    flyer = flyers(data_dir)["flyer-park-a-zh-a4.pdf"]
    assert codes(flyer.data) == []
    assert "1.7万平方米" in text(flyer.data)


def test_qr_code_in_cmyk_decodes(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK + LINKS)
    assert codes(flyers(data_dir, cmyk=True)["flyer-park-a-zh-a4-cmyk.pdf"].data) == [URL]


def test_event_line(data_dir):
    flyer = flyers(data_dir, event="企业面对面", event_date="2021-07-28", venue="新兴金融中心<6#>")
    printed = text(flyer["flyer-park-a-zh-a5.pdf"].data)
    assert "企业面对面" in printed
    assert "2021年7月28日，地点：新兴金融中心<6#>" in printed  # markup in a venue is printed as typed


def test_shipped_flyers_are_one_page_with_no_codes():
    project = load_project(DATA)
    for park_id in project.parks:
        for document in render_park(project, park_id, "zh"):
            if document.name.startswith("flyer"):
                assert document.pages == 1, document.name
                assert codes(document.data) == [], document.name  # the sheets give no web page yet
