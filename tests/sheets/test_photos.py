"""Photos, a contact's QR image, leasing and incentives in a sheet: every way a picture can be
wrong gets its own message, at `briefing check` (load_project) and, for a print shop's build,
before anything is drawn."""

import io
import os

import pytest
from PIL import Image

from briefing.errors import InvalidData
from briefing.messages import shown
from briefing.pipeline.build import build, picture_problems
from briefing.pipeline.options import Request, Selection, output
from briefing.sheets import images
from briefing.sheets.project import load_project

from helpers import PARK, write

#: The first line after ``PARK``: where a test's additions begin.
NEXT = PARK.count("\n") + 1
WHERE = f"parks/park-a.yaml:{NEXT + 1}: photos[0].image:"


def jpeg(width=2400, height=1600, mode="RGB", **kwargs) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), "white" if mode != "CMYK" else (10, 20, 30, 0)).save(out, "JPEG", **kwargs)
    return out.getvalue()


def with_photo(data_dir, data: bytes, name="photo.jpg", extra="", section=""):
    (data_dir / "images").mkdir(exist_ok=True)
    (data_dir / "images" / name).write_bytes(data)
    lines = ["photos:", f"  - image: images/{name}", "    shows: {zh: 园区主楼, en: The main building}",
             "    credit: {zh: 图/某某, en: 'Photo: someone'}"]
    lines += [f"    section: {section}"] if section else ["    cover: true"]
    write(data_dir / "parks" / "park-a.yaml", PARK + "\n".join(lines) + "\n" + extra)


def problems(data_dir, severity="errors"):
    found = getattr(load_project(data_dir).problems, severity)
    return [str(p).replace(str(data_dir) + "/", "") for p in found]


def test_a_good_photo_has_no_problem(data_dir):
    with_photo(data_dir, jpeg())
    project = load_project(data_dir)
    assert [p for p in project.problems.items if "photos[" in str(p)] == []
    assert project.images["images/photo.jpg"][:2] == b"\xff\xd8"


@pytest.mark.parametrize("fmt, name", [("GIF", "GIF"), ("TIFF", "TIFF"), ("BMP", "BMP"), ("WEBP", "WebP")])
def test_other_formats_are_refused_by_name(data_dir, fmt, name):
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, fmt)
    with_photo(data_dir, out.getvalue(), name=f"photo.{fmt.lower()}")
    assert problems(data_dir) == [f"{WHERE} is a {name} image, which documents cannot print; export the photo as "
                                  "JPEG (or PNG) and point to that"]


def test_an_iphone_heic_is_named(data_dir):
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64
    with_photo(data_dir, heic, name="photo.heic")
    assert problems(data_dir) == [f"{WHERE} is a HEIC (an iPhone photo) image, which documents cannot print; "
                                  "export the photo as JPEG (or PNG) and point to that"]


def test_not_an_image_at_all(data_dir):
    with_photo(data_dir, b"hello, not a picture", name="photo.jpg")
    assert problems(data_dir) == [f"{WHERE} is not a PNG or JPEG image; export the photo as JPEG (or PNG) and "
                                  "point to that"]


def test_photo_file_too_large(data_dir, monkeypatch):
    monkeypatch.setattr(images, "MAX_PHOTO_BYTES", 2**20)
    data = jpeg() + b"\0" * 2**20
    with_photo(data_dir, data)
    assert problems(data_dir) == [f"{WHERE} images/photo.jpg is {len(data)} bytes, over the 1 MB limit for an "
                                  "image; save it smaller (a photo prints well from a JPEG of 2 to 10 MB)"]


def test_photo_with_too_many_pixels(data_dir, monkeypatch):
    monkeypatch.setattr(images, "MAX_PHOTO_PIXELS", 1_000_000)
    with_photo(data_dir, jpeg(1001, 1000))
    assert problems(data_dir) == [f"{WHERE} is 1001 x 1000 pixels, over the limit of 1 megapixels (a small file "
                                  "this large when opened is a decompression bomb); scale it down, a photo needs "
                                  "at most 3000 pixels across, 300 ppi over a whole A4 page"]


def test_a_24_megapixel_photo_is_within_the_limits(data_dir):
    with_photo(data_dir, jpeg(6000, 4000))
    assert problems(data_dir) == []


def test_a_photo_cut_short(data_dir):
    noisy = Image.frombytes("RGB", (800, 600), os.urandom(800 * 600 * 3))
    out = io.BytesIO()
    noisy.save(out, "JPEG")
    with_photo(data_dir, out.getvalue()[: len(out.getvalue()) // 2])
    [message] = problems(data_dir)
    assert message.startswith(f"{WHERE} is damaged or cut short (")


def test_a_soft_photo_is_a_warning(data_dir):
    """1000 px across the Letter cover (216 mm, 8.5 in): 118 ppi, under 200; 1700 px would do."""
    with_photo(data_dir, jpeg(1000, 667))
    warnings = [w for w in problems(data_dir, "warnings") if "photos[0]" in w]
    assert warnings == [f"{WHERE} warning: is 1000 x 667 pixels: 118 ppi on the cover of the Letter brochure (216 mm "
                        "wide), under the 200 ppi a photo needs to print sharp; ask for the original file, at least 1700 "
                        "pixels wide"]


def test_a_photo_whose_pixels_show_is_a_warning_that_names_print_builds(data_dir):
    with_photo(data_dir, jpeg(600, 400))
    warnings = [w for w in problems(data_dir, "warnings") if "photos[0]" in w]
    assert warnings == [f"{WHERE} warning: is 600 x 400 pixels: 71 ppi on the cover of the Letter brochure (216 mm "
                        "wide), so its pixels will show, and a print shop's build (--bleed, --cmyk) refuses it; ask "
                        "the photographer for the original file, at least 1700 pixels wide"]


def test_a_print_shops_build_refuses_it_before_drawing(data_dir, tmp_path):
    with_photo(data_dir, jpeg(600, 400))
    request = Request(data_dir, out_dir=tmp_path / "out", selection=Selection.of_parks(("park-a",)),
                      output=output(paper="A4", cmyk=True))
    with pytest.raises(InvalidData) as raised:
        build(request)
    assert f"{WHERE} is 600 x 400 pixels: 73 ppi on the cover of the A4 brochure (210 mm wide), under the 100 ppi a print shop's " \
           "build accepts; ask the photographer for the original file, at least 1654 pixels wide" in \
        str(raised.value).replace(str(data_dir) + "/", "")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))
    # Said once, by the error: not also by check's warning of the same photo.
    assert "so its pixels will show" not in str(raised.value)


def test_an_office_build_only_warns(data_dir):
    with_photo(data_dir, jpeg(600, 400))
    request = Request(data_dir, selection=Selection.of_parks(("park-a",)), output=output(paper="A4"))
    assert picture_problems(load_project(data_dir), request).items == []


def test_a_section_photo_is_checked_at_its_own_size(data_dir):
    """A section's photo is checked at the widest its section may set it: across the frame (a
    section that opens with a table), 176 mm on Letter, not at the cover's 216 mm."""
    with_photo(data_dir, jpeg(1200, 800), section="location")
    [warning] = [w for w in problems(data_dir, "warnings") if "photos[0]" in w]
    assert warning == (f"{WHERE} warning: is 1200 x 800 pixels: 173 ppi on its section of the Letter brochure (176 mm "
                       "wide), under the 200 ppi a photo needs to print sharp; ask for the original file, at least 1385 "
                       "pixels wide")


def test_a_second_cover_photo_is_a_warning(data_dir):
    (data_dir / "images").mkdir()
    (data_dir / "images" / "a.jpg").write_bytes(jpeg())
    photo = ["  - image: images/a.jpg", "    shows: {zh: 楼, en: Building}", "    credit: {zh: 图/某, en: 'Photo: X'}",
             "    cover: true"]
    write(data_dir / "parks" / "park-a.yaml", PARK + "\n".join(["photos:", *photo, *photo]) + "\n")
    assert f"parks/park-a.yaml:{NEXT + 8}: photos[1].cover: warning: a second photo marked for the cover; the cover shows " \
           "the first (photos[0]): mark one only" in problems(data_dir, "warnings")


def test_a_park_without_contact_warns_about_its_flyer(data_dir):
    [warning] = [w for w in problems(data_dir, "warnings") if "contact" in w]
    assert warning == ("parks/park-a.yaml: contact: warning: the park's flyer has no contact: no person to call, "
                       "telephone, e-mail, WeChat ID or QR code; add contact: with what the operator gives "
                       "(docs/fact-sheets.md, “The person to call”)")


@pytest.mark.parametrize("lang, expected", [
    ("en", "the park's flyer has no contact: no person to call"),
    ("zh", "园区宣传单上没有联系方式：没有联系人、电话、电子邮箱、微信号或二维码"),
    ("zh-Hant", "園區宣傳單上沒有聯繫方式：沒有聯繫人、電話、電子郵件、微信號或二維碼"),
])
def test_the_no_contact_warning_speaks_each_language_of_the_catalogs(data_dir, lang, expected):
    [warning] = [p for p in load_project(data_dir).problems.warnings if p.where.field == "contact"]
    assert shown(warning.message, lang).startswith(expected)


def test_a_wechat_id_is_a_contact(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK + "contact:\n  wechat: park-a-invest\n")
    assert [w for w in problems(data_dir, "warnings") if "contact" in w] == []


def test_the_qr_image_is_checked_as_a_qr_code(data_dir):
    (data_dir / "images").mkdir()
    (data_dir / "images" / "qr.gif").write_bytes(b"GIF89a" + b"\0" * 20)
    write(data_dir / "parks" / "park-a.yaml", PARK + "contact:\n  wechat: x\n  qr: images/qr.gif\n")
    assert problems(data_dir) == [f"parks/park-a.yaml:{NEXT + 2}: contact.qr: is a GIF image, which documents cannot print; "
                                  "save the QR code as PNG and point to that"]


def test_rent_must_be_in_yuan(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK + """contact: {wechat: x}
leasing:
  rent:
    label: {zh: 租金, en: Rent}
    value: 30
    unit: m2
    source: article
""")
    assert problems(data_dir) == [f"parks/park-a.yaml:{NEXT + 5}: leasing.rent.unit: is 'm2'; rent is counted in yuan (a "
                                  "square metre a month): write unit: yuan"]


def test_an_incentive_without_a_source_is_a_warning(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK + """contact: {wechat: x}
incentives:
  - text: {zh: 前两年免租金, en: No rent for two years}
""")
    assert f"parks/park-a.yaml:{NEXT + 2}: incentives[0]: warning: stated fact without a source; add source: with the id " \
           "of its entry in sources.yaml, so readers can check it" in problems(data_dir, "warnings")
