"""Branding: a park's accent colour and logo; every way a logo path can go wrong, one test each."""

import io
import os
import struct
import zlib

import pytest
from PIL import Image
from pypdf import PdfReader

from briefing.pipeline import render as build
from briefing.sheets import images
from briefing.sheets.project import load_project

from helpers import PARK, apart_from_no_contact, write

WHERE = "parks/park-a.yaml:12: branding.logo:"


def png(width=60, height=20, colour=(200, 16, 46)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def branded(data_dir, logo="images/logo.png", accent=None):
    lines = ["branding:"] + ([f"  logo: {logo}"] if logo else []) + ([f'  accent: "{accent}"'] if accent else [])
    write(data_dir / "parks" / "park-a.yaml", PARK + "\n".join(lines) + "\n")


def errors(data_dir):
    return [str(p).replace(str(data_dir) + "/", "") for p in load_project(data_dir).problems.errors]


@pytest.fixture
def logo(data_dir):
    path = data_dir / "images" / "logo.png"
    path.parent.mkdir()
    path.write_bytes(png())
    branded(data_dir)
    return path


def test_good_logo_is_read_once(data_dir, logo):
    project = load_project(data_dir)
    assert apart_from_no_contact(project.problems.items) == []
    assert project.images == {"images/logo.png": logo.read_bytes()}


def test_absolute_path(data_dir):
    branded(data_dir, logo="/etc/passwd")
    assert errors(data_dir) == [f"{WHERE} '/etc/passwd' is an absolute path; put the image inside the data folder "
                                "and give its path from there, e.g. images/logo.png"]


def test_windows_absolute_path(data_dir):
    branded(data_dir, logo="C:/logo.png")
    assert "is an absolute path" in errors(data_dir)[0]


def test_dot_dot_leads_out(data_dir, logo):
    branded(data_dir, logo="images/../../logo.png")
    assert errors(data_dir) == [f"{WHERE} 'images/../../logo.png' leads out of the data folder (..); put the image "
                                "inside the data folder and give its path from there, e.g. images/logo.png"]


def test_symlink_pointing_out(data_dir, tmp_path):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    (data_dir / "link.png").symlink_to(outside)
    branded(data_dir, logo="link.png")
    assert errors(data_dir) == [f"{WHERE} 'link.png' is a link to a file outside the data folder; copy the image "
                                "into the data folder instead of linking to it"]


def test_symlink_to_dev_zero(data_dir):
    (data_dir / "zero.png").symlink_to("/dev/zero")
    branded(data_dir, logo="zero.png")
    assert "is a link to a file outside the data folder" in errors(data_dir)[0]


def test_fifo_is_not_a_regular_file(data_dir):
    os.mkfifo(data_dir / "pipe.png")  # opening it would block: it must be refused unopened
    branded(data_dir, logo="pipe.png")
    assert errors(data_dir) == [f"{WHERE} pipe.png is not a regular file (a folder, a device or a "
                                "pipe); point to a PNG or JPEG file"]


def test_folder_is_not_a_regular_file(data_dir, logo):
    branded(data_dir, logo="images")
    assert "is not a regular file" in errors(data_dir)[0]


def test_missing_file(data_dir):
    branded(data_dir, logo="images/none.png")
    assert errors(data_dir) == [f"{WHERE} cannot read images/none.png (No such file or directory); "
                                "check the path, which starts at the data folder"]


def test_file_too_large(data_dir, logo, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 2**20)
    logo.write_bytes(png() + b"\0" * 2**20)  # checked by its size, before it is read
    assert errors(data_dir) == [f"{WHERE} images/logo.png is {logo.stat().st_size} bytes, over the 1 MB limit for "
                                "an image; save it smaller (a logo needs a few hundred kilobytes)"]


def test_not_an_image(data_dir, logo):
    logo.write_text("not a picture")
    assert errors(data_dir) == [f"{WHERE} is not a PNG or JPEG image; save the logo as PNG (or JPEG) and point to that"]


def test_other_image_format_is_refused(data_dir, logo):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    logo.write_bytes(out.getvalue())
    assert errors(data_dir) == [f"{WHERE} is a GIF image, which documents cannot print; save the logo as PNG (or JPEG) "
                                "and point to that"]


def test_too_many_pixels(data_dir, logo, monkeypatch):
    monkeypatch.setattr(images, "MAX_PIXELS", 1_000_000)
    logo.write_bytes(png(1001, 1000))
    assert errors(data_dir) == [f"{WHERE} is 1001 x 1000 pixels, over the limit of 1 megapixels (a small file this "
                                "large when opened is a decompression bomb); scale it down, a logo needs at most "
                                "2000 pixels across"]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_decompression_bomb(data_dir, logo):
    """A PNG of a few hundred bytes that claims 100 000 x 100 000 pixels: refused from its header."""
    header = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    bomb = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + \
        _chunk(b"IEND", b"")
    logo.write_bytes(bomb)
    assert len(bomb) < 200
    message = errors(data_dir)[0]
    assert message.startswith(WHERE) and "decompression bomb" in message


def test_truncated_image(data_dir, logo):
    noisy = Image.frombytes("RGB", (400, 400), os.urandom(400 * 400 * 3))  # does not compress away
    out = io.BytesIO()
    noisy.save(out, "PNG")
    logo.write_bytes(out.getvalue()[: len(out.getvalue()) // 2])
    message = errors(data_dir)[0]
    assert message.startswith(f"{WHERE} is damaged or cut short (") and message.endswith("); save or export the image again")


def test_logo_is_drawn_on_the_cover(data_dir, logo):
    document = build.render_brochure(load_project(data_dir), "park-a", "zh")[0]
    cover = PdfReader(io.BytesIO(document)).pages[0]
    xobjects = cover["/Resources"]["/XObject"]
    sizes = [(x.get_object()["/Width"], x.get_object()["/Height"]) for x in xobjects.values()]
    assert (60, 20) in sizes


def test_no_logo_no_image(data_dir):
    document = build.render_brochure(load_project(data_dir), "park-a", "zh")[0]
    cover = PdfReader(io.BytesIO(document)).pages[0]
    assert "/XObject" not in cover["/Resources"]


def test_accent_colour_reaches_the_page(data_dir):
    branded(data_dir, logo=None, accent="#12ab34")
    document = build.render_brochure(load_project(data_dir), "park-a", "zh")[0]
    content = PdfReader(io.BytesIO(document)).pages[0].get_contents().get_data()
    assert b".070588 .670588 .203922 rg" in content  # #12AB34 as ReportLab writes it


def test_bad_colour(data_dir):
    branded(data_dir, logo=None, accent="red")
    assert errors(data_dir) == ["parks/park-a.yaml:12: branding.accent: expected a colour as '#RRGGBB' "
                                "(e.g. '#C8102E', in quotes), got 'red'"]


def test_the_overview_keeps_the_zones_colours(data_dir, logo):
    """Branding is a park's own: its logo and accent are on its brochure, not on the overview."""
    branded(data_dir, accent="#12ab34")
    project = load_project(data_dir)
    for lang in ("zh", "en"):
        reader = PdfReader(io.BytesIO(build.render_overview(project, lang)[0]))
        assert "/XObject" not in reader.pages[0]["/Resources"]
        assert all(b".070588 .670588 .203922" not in page.get_contents().get_data() for page in reader.pages)
    brochure = PdfReader(io.BytesIO(build.render_brochure(project, "park-a", "en")[0]))
    assert b".070588 .670588 .203922 rg" in brochure.pages[0].get_contents().get_data()
