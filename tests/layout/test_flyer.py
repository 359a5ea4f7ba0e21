"""The flyer: one page, the essentials, the event line, and a QR code that decodes to each
web page the fact sheet gives (read back from the rendered page with zxing-cpp)."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from briefing.pipeline.options import output
from briefing.sheets.project import load_project

from helpers import PARK, render_park, write
from helpers import qr_codes as codes

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


def text(data: bytes) -> str:
    return "".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


@pytest.mark.parametrize("size", ["a4", "a5"])
def test_qr_code_decodes_to_the_link(data_dir, size):
    write(data_dir / "parks" / "park-a.yaml", PARK + LINKS)
    flyer = flyers(data_dir)[f"flyer-park-a-zh-{size}.pdf"]
    assert flyer.pages == 1
    assert codes(flyer.data) == [URL]
    assert "报名表" in text(flyer.data)


def test_a_flyer_with_a_code_embeds_only_its_own_fonts(data_dir, tmp_path):
    write(data_dir / "parks" / "park-a.yaml", PARK + LINKS)
    path = tmp_path / "flyer.pdf"
    path.write_bytes(flyers(data_dir)["flyer-park-a-zh-a4.pdf"].data)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    fonts = [row.split()[0] for row in rows.splitlines()[2:]]
    assert fonts and all("NotoSansSCBriefing" in font for font in fonts), fonts  # no Helvetica from the code


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


@pytest.mark.parametrize("variant, name", [("office", "flyer-mobile-internet-en-a4.pdf"),
                                           ("letter", "flyer-mobile-internet-en-letter.pdf"),
                                           ("office", "flyer-mobile-internet-en-a5.pdf")])
def test_an_english_flyer_short_of_room_keeps_the_first_rows_of_its_essentials(shipped, variant, name):
    """English runs longer than Chinese: where the essentials do not all fit, the flyer sheds
    their last rows and says which, rather than leaving the whole table out (a blank half page)."""
    flyer = shipped(variant)[name]
    assert "Operator" in text(flyer.data)
    shed = [note for note in flyer.notes if "essentials" in note]
    assert len(shed) == 1 and "rows (" in shed[0] and "left out the essentials:" not in shed[0], flyer.notes


def test_the_order_a_flyer_states_is_the_order_it_leaves_blocks_out():
    """The note tells the user in what order a flyer leaves blocks out: that sentence and the
    ranks in the code had drifted apart (it named the contact before the summary)."""
    from reportlab.lib.pagesizes import A4

    from briefing.layout.blocks import LeaveOut
    from briefing.layout.flyer import Flyer
    from briefing.layout.theme import DEFAULT, for_language
    from briefing.text import fonts

    from helpers import REPO

    fonts.register()
    project = load_project(REPO / "docs" / "sample-data")  # a park with every block a flyer has
    park = next(iter(project.parks.values()))
    flyer = Flyer(park, project, "en", for_language(DEFAULT, "en").for_flyer(A4))
    box = max((f for f in flyer.story() if isinstance(f, LeaveOut)), key=lambda f: len(f._blocks))  # not the note's
    ranked = [name for name, rank, _ in sorted(box._blocks, key=lambda block: -block[1]) if rank]
    stated = sorted(ranked, key=lambda name: Flyer.ORDER.index(name.removeprefix("the ")))
    assert len(ranked) == 5 and ranked == stated, (ranked, Flyer.ORDER)
