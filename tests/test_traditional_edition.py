"""The Traditional Chinese edition end to end (``briefing build --lang zh-Hant``), and the images
for WeChat (``--share``): the shipped data built as ``helpers.SHIPPED["traditional"]`` (and on
A5), read back with pdftotext, and a small data folder for what the shipped sheets do not hold
(a zh-Hant override, a web address for the poster's QR code, the zone's standard)."""

import re
import subprocess

import opencc
import pytest
from click.testing import CliRunner
from PIL import Image
from pypdf import PdfReader

from briefing.cli import main
from briefing.pipeline.options import output

from helpers import PARK, ZONE, build_all, write

#: Characters only Simplified Chinese writes (their Traditional forms differ): none may be left.
SIMPLIFIED_ONLY = "产业园会国这个们为发区与东门见书长时马简资务经济总设实项业"
#: What an A4 page and an A5 page become at 1080 px wide (the pages' shapes: 842/595, 595/420).
PAGE_HEIGHT = {"A4": 1528, "A5": 1530}


def text_of(path, layout: bool = False) -> str:
    args = ["pdftotext", *(["-layout"] if layout else []), str(path), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def hant(shipped):
    return shipped("traditional")


def pdfs(documents):
    return {name: d for name, d in documents.items() if name.endswith(".pdf")}


def test_every_document_is_made_in_traditional(hant, shipped):
    names = sorted(pdfs(hant))
    assert names == ["flyer-mobile-internet-zh-hant-a4.pdf", "flyer-mobile-internet-zh-hant-a5.pdf",
                     "flyer-smart-medical-zh-hant-a4.pdf", "flyer-smart-medical-zh-hant-a5.pdf",
                     "park-mobile-internet-zh-hant.pdf", "park-smart-medical-zh-hant.pdf",
                     "zone-hengyang-hitech-zh-hant.pdf"]
    assert "booklet-smart-medical-zh-hant-a5.pdf" in shipped("traditional-a5")


@pytest.mark.parametrize("variant", ["traditional", "traditional-a5"])
def test_no_simplified_character_is_left(shipped, variant):
    left = {}
    for name, document in pdfs(shipped(variant)).items():
        found = sorted(set(text_of(document.path)) & set(SIMPLIFIED_ONLY))
        if found:
            left[name] = found
    assert left == {}


def test_the_phrase_conversion_shows_in_the_output(hant):
    """Words OpenCC converts right only as words: character by character 签 is 籤 and 游 is 遊."""
    to_hk = opencc.OpenCC("s2hk")
    assert to_hk.convert("签") + to_hk.convert("约") == "籤約" and to_hk.convert("游") == "遊"
    mobile = "".join(text_of(hant["park-mobile-internet-zh-hant.pdf"].path).split())
    medical = "".join(text_of(hant["park-smart-medical-zh-hant.pdf"].path).split())
    assert "已簽約入駐企業" in mobile and "籤約" not in mobile
    assert "產業鏈上下游" in medical and "上下遊" not in medical


@pytest.mark.parametrize("name, figures", [
    ("park-mobile-internet-zh-hant.pdf", ["4.2萬平方米", "10億元", "20多家", "預計2021年5月開園"]),
    ("flyer-smart-medical-zh-hant-a5.pdf", ["1.7萬平方米", "10餘家"]),
])
def test_figures_read_the_traditional_way(hant, name, figures):
    text = "".join(text_of(hant[name].path).split())
    assert [f for f in figures if f not in text] == []


def test_lines_keep_the_traditional_rules(hant, shipped):
    """No line starts with a mark that may not start one, none ends with an opening mark."""
    bad = []
    documents = {**pdfs(hant), **pdfs(shipped("traditional-a5"))}
    for name, document in documents.items():
        lines = [line.strip() for line in text_of(document.path, layout=True).splitlines() if line.strip()]
        # -layout puts side-by-side columns on one line: look at each column's edges.
        runs = [run for line in lines for run in re.split(r"\s{2,}", line) if run]
        bad += [(name, run) for run in runs if run[0] in "，。、；：？！」』）》"]
        bad += [(name, run) for run in runs if run[-1] in "「『（《"]
    assert bad == []


def test_the_pdf_says_its_language(hant):
    reader = PdfReader(hant["park-smart-medical-zh-hant.pdf"].path)
    assert reader.trailer["/Root"]["/Lang"] == "zh-Hant-HK"


# -- a sheet's own Traditional text, the zone's standard, and the check ---------------------

PARK_WITH_LINK = PARK.replace("name: {zh: 甲产业园, en: Park A}",
                              "name: {zh: 甲产业园, en: Park A, zh-Hant: 甲產業園區}") + """\
stage: {zh: 工程里面已完工, en: Works inside are done}
contact:
  web: https://example.org/park-a
"""


@pytest.fixture
def linked(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK_WITH_LINK)
    return data_dir


def test_the_sheets_zh_hant_wins(linked, tmp_path):
    build_all(linked, tmp_path / "out", languages=("zh-Hant",))
    text = "".join(text_of(tmp_path / "out" / "park-park-a-zh-hant.pdf").split())
    assert "甲產業園區" in text  # as written, where OpenCC would have written 甲產業園
    assert "1.7萬平方米" in text
    assert "工程裏面已完工" in text  # Hong Kong's 裏, the default standard


def test_the_zone_sheet_chooses_taiwan_and_a_tag_overrides_it(linked, tmp_path):
    write(linked / "zone.yaml", ZONE + "traditional: tw\n")
    build_all(linked, tmp_path / "tw", languages=("zh-Hant", "zh-HK"))
    taiwan = "".join(text_of(tmp_path / "tw" / "park-park-a-zh-hant.pdf").split())
    hong_kong = "".join(text_of(tmp_path / "tw" / "park-park-a-zh-hk.pdf").split())
    assert "工程裡面已完工" in taiwan and "工程裏面已完工" in hong_kong
    assert PdfReader(tmp_path / "tw" / "park-park-a-zh-hant.pdf").trailer["/Root"]["/Lang"] == "zh-Hant-TW"


def test_check_lists_the_converted_names(linked):
    result = CliRunner().invoke(main, ["check", "--data", str(linked), "--lang", "zh-Hant"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Names in the zh-Hant edition (Hong Kong standard), as OpenCC converts them: confirm each, or write " \
           "the right one as zh-Hant: beside zh: in the sheet." in lines
    assert f"{linked}/zone.yaml:3: name: 测试高新区 → 測試高新區" in lines
    assert f"{linked}/zone.yaml:7: chains[0].name: 甲产业链 → 甲產業鏈" in lines
    assert not [line for line in lines if "甲产业园 →" in line]  # given in zh-Hant: not listed
    assert lines[-1].endswith("names converted, 0 the same in both scripts, 1 given in zh-Hant.")


def test_a_zh_hant_text_the_traditional_fonts_lack_is_an_error(data_dir):
    """产 is in the Simplified faces, not in the Traditional ones, which zh-Hant is set in."""
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("en: Park A}", "en: Park A, zh-Hant: 甲产園}"))
    result = CliRunner().invoke(main, ["check", "--data", str(data_dir)])
    assert result.exit_code == 1
    assert "name.zh-Hant: character '产' (U+4EA7) is not in the shipped fonts" in result.stderr


# -- images for WeChat ------------------------------------------------------------------------

def images(documents):
    return {name: Image.open(d.path) for name, d in documents.items() if name.endswith(".png")}


def test_share_writes_pages_a_long_image_and_a_poster(hant):
    shown = images(hant)
    brochure = [name for name in shown if re.fullmatch(r"park-mobile-internet-zh-hant-p\d\d\.png", name)]
    pages = len(PdfReader(hant["park-mobile-internet-zh-hant.pdf"].path).pages)
    assert len(brochure) == pages
    assert {shown[name].size for name in brochure} == {(1080, PAGE_HEIGHT["A4"])}
    long = shown["park-mobile-internet-zh-hant-long.png"]
    assert long.size == (1080, pages * PAGE_HEIGHT["A4"] + (pages - 1) * 24)
    assert shown["poster-mobile-internet-zh-hant.png"].size == (1080, 1920)
    overview = [name for name in shown if name.startswith("zone-hengyang-hitech-zh-hant-p")]
    assert len(overview) == len(PdfReader(hant["zone-hengyang-hitech-zh-hant.pdf"].path).pages)
    # One flyer's pages (the build's paper), no imposed sheet, no long image but the brochures'.
    assert "flyer-mobile-internet-zh-hant-a4-p01.png" in shown and not [n for n in shown if "-a5-p" in n]
    assert sorted(n for n in shown if n.endswith("-long.png")) == ["park-mobile-internet-zh-hant-long.png",
                                                                    "park-smart-medical-zh-hant-long.png"]


def test_share_images_are_small_enough_for_wechat(hant):
    """Pages and posters well under 1 MB each, the long image under 2 MB (measured: pages 50-160
    KB, long images about 370 KB)."""
    sizes = {name: d.path.stat().st_size for name, d in hant.items() if name.endswith(".png")}
    assert sizes and [n for n, size in sizes.items() if size > (2 if "-long" in n else 1) * 1024 * 1024] == []


def test_the_posters_qr_code_reads_back_as_the_sheets_address(linked, tmp_path):
    import zxingcpp

    build_all(linked, tmp_path / "out", languages=("zh-Hant", "en"), output=output(share=True))
    for lang in ("zh-hant", "en"):
        poster = Image.open(tmp_path / "out" / f"poster-park-a-{lang}.png")
        assert poster.size == (1080, 1920)
        assert [r.text for r in zxingcpp.read_barcodes(poster.convert("L"))] == ["https://example.org/park-a"]


def test_a_poster_without_a_contact_has_no_qr_code(hant):
    import zxingcpp

    poster = Image.open(hant["poster-smart-medical-zh-hant.png"].path).convert("L")
    assert zxingcpp.read_barcodes(poster) == []


def test_share_images_from_a_print_shop_build_have_no_crop_marks(data_dir, tmp_path):
    """Images are drawn for a screen: a --bleed build's pages come out at the trimmed size."""
    build_all(data_dir, tmp_path / "out", languages=("zh",), output=output(share=True, bleed="3mm", cmyk=True))
    assert Image.open(tmp_path / "out" / "park-park-a-zh-bleed-cmyk-p01.png").size == (1080, PAGE_HEIGHT["A4"])
