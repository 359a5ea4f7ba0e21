"""The front desk's pages through Flask's test client: the form in both languages, a visit's
documents made, downloaded and previewed, and every kind of bad input answered on the page."""

import io
import os
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from briefing.desk import app as desk_app
from briefing.desk.app import create_app
from briefing.desk.work import RenderFailed, Workers
from briefing.pipeline.occasion import MAX_NAME, slug

from helpers import DATA, PARK, shipped_park_ids, write
from pdfcheck import pdf_problems

STATIC = Path(desk_app.__file__).parent / "static"
TEMPLATES = Path(desk_app.__file__).parent / "templates"


@pytest.fixture
def client():
    """The shipped fact sheets, rendered in this process (worker processes are tested in
    test_desk_work.py and by the browser test)."""
    return create_app(DATA, Workers(0)).test_client()


def text(response) -> str:
    return response.get_data(as_text=True)


def make(client, ui="en", **fields):
    """The form sent from the desk's own page, with the interface in ``ui``."""
    return client.post(f"/make?ui={ui}", data=fields, headers={"Sec-Fetch-Site": "same-origin"})


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    assert pdf_problems(path) == []
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("accept, lang, words", [
    ("zh-CN,zh;q=0.9,en;q=0.5", "zh-Hans", ["接待台", "智慧医疗产业园", "生成文件"]),
    ("en-GB,en;q=0.9", "en", ["Front desk", "Smart Medical Industrial Park", "Make the documents"]),
    ("fr-FR", "zh-Hans", ["接待台"]),  # neither: the office's own language
])
def test_the_form_follows_the_browsers_language(client, accept, lang, words):
    response = client.get("/", headers={"Accept-Language": accept})
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in text(response)
    for word in words:
        assert word in text(response)


def test_the_language_switch_is_remembered(client):
    switched = client.get("/?ui=en", headers={"Accept-Language": "zh-CN"})
    assert "Make the documents" in text(switched)
    assert "ui=en" in switched.headers["Set-Cookie"]
    assert "Make the documents" in text(client.get("/", headers={"Accept-Language": "zh-CN"}))
    assert "生成文件" in text(client.get("/?ui=zh"))


def test_the_form_offers_every_park_both_languages_and_the_print_options(client):
    page = text(client.get("/?ui=en"))
    assert re.findall(r'name="brochure" value="([^"]+)"', page) == shipped_park_ids()
    assert re.findall(r'name="flyer" value="([^"]+)"', page) == shipped_park_ids()
    assert 'name="overview" value="1"' in page
    # Chinese is the visitors' language whatever the interface's; English too in the English interface
    assert re.findall(r'name="lang" value="([\w-]+)"( checked)?', page) == [("zh", " checked"), ("en", " checked"),
                                                                           ("zh-Hant", "")]
    assert 'name="share" value="1"' in page
    assert re.findall(r'name="paper" value="(\w+)"', page) == ["A4", "A5", "Letter"]
    assert re.findall(r'name="impose" value="(\w+)"', page) == ["2up", "4up", "booklet"]
    assert f'maxlength="{MAX_NAME}"' in page


def test_a_traditional_brochure_with_its_images_for_wechat(client):
    response = make(client, ui="zh", brochure="smart-medical", lang="zh-Hant", share="1")
    assert response.status_code == 303
    page = text(client.get(response.headers["Location"]))
    assert "繁體中文" in page and "微信海报" in page
    links = re.findall(r'href="([^"]+)"', page)
    [poster] = [link for link in links if link.endswith("poster-smart-medical-zh-hant.png")]
    image = client.get(poster)
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert Image.open(io.BytesIO(image.data)).size == (1080, 1920)
    assert [link for link in links if link.endswith("park-smart-medical-zh-hant.pdf")]


def test_a_visit_after_an_expected_opening_is_said_before_anything_is_made(client):
    fields = {"brochure": "smart-medical", "lang": "en", "visitor": "Acme", "date": "2026-11-27"}
    warned = make(client, **fields)
    page = text(warned)
    assert warned.status_code == 422 and "Documents ready" not in page
    medical = "Smart Medical Industrial Park: the sheet (facts as of April 2021) says"
    assert f"{medical} “Expected to open in July 2021”, but the visit is on 27 November 2026, after that." in page
    assert (f"{medical} “Companies joining the alliance: expected 100 companies, by the end of 2021”, "
            "but the visit is on 27 November 2026") in page
    assert 'name="dates_checked" value="1"' in page and 'value="Acme"' in page  # what was typed is kept
    zh = text(make(client, ui="zh", **fields))
    assert "智慧医疗产业园：资料（截至2021年4月）写的是“预计2021年7月开园”，而访问日期2026年11月27日在此之后。" in zh
    assert make(client, dates_checked="1", **fields).status_code == 303  # seen, and made anyway


def test_a_visit_before_the_expected_dates_is_made_at_once(client):
    assert make(client, brochure="smart-medical", lang="en", visitor="Acme", date="2021-06-15").status_code == 303


def test_a_visitors_brochure_downloaded_printed_and_previewed(client, tmp_path):
    response = make(client, brochure="smart-medical", lang="en", visitor="Müller & Söhne", date="2026-11-27",
                    dates_checked="1")
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert page.status_code == 200 and "Documents ready" in text(page)
    name = f"park-smart-medical-en-for-{slug('Müller & Söhne')}-2026-11-27.pdf"
    links = re.findall(r'href="([^"]+)"', text(page))
    [download] = {link for link in links if link.endswith(".pdf")}
    pdf = client.get(download)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("attachment")
    assert "filename*=UTF-8''park-smart-medical-en-for-m%C3%BCller-s%C3%B6hne" in pdf.headers["Content-Disposition"]
    assert name in text(page)
    assert "Prepared for Müller & Söhne on 27 November 2026" in pdf_text(pdf.data, tmp_path)
    shown = client.get(download + "?view=1")
    assert shown.headers["Content-Disposition"].startswith("inline") and shown.data == pdf.data
    preview = client.get(re.search(r'src="([^"]+preview\.png)"', text(page)).group(1))
    assert preview.mimetype == "image/png" and Image.open(io.BytesIO(preview.data)).width == 600


def test_several_documents_in_one_zip(client):
    response = make(client, brochure="mobile-internet", flyer="mobile-internet", lang=["zh", "en"], impose="2up")
    page = text(client.get(response.headers["Location"]))
    assert "Download all (8 files, zip)" in page
    bundle = client.get(re.search(r'href="([^"]+\.zip)"', page).group(1))
    assert bundle.mimetype == "application/zip"
    with zipfile.ZipFile(io.BytesIO(bundle.data)) as archive:
        assert archive.namelist() == [
            "park-mobile-internet-zh.pdf", "flyer-mobile-internet-zh-a4.pdf", "flyer-mobile-internet-zh-a5.pdf",
            "flyer-mobile-internet-zh-a5-2up.pdf", "park-mobile-internet-en.pdf", "flyer-mobile-internet-en-a4.pdf",
            "flyer-mobile-internet-en-a5.pdf", "flyer-mobile-internet-en-a5-2up.pdf"]


def test_markup_in_a_name_is_text_on_the_page_and_in_the_pdf(client, tmp_path):
    hostile = '<script>alert("x")</script>'
    refused = make(client, lang="en", visitor=hostile)  # no document: the form comes back
    assert refused.status_code == 422
    assert "<script>alert" not in text(refused)
    assert 'value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"' in text(refused)
    made = make(client, brochure="smart-medical", lang="en", visitor=hostile)
    page = text(client.get(made.headers["Location"]))
    assert "<script>alert" not in page
    pdf = client.get(re.search(r'href="([^"]+\.pdf)"', page).group(1))
    assert f"Prepared for {hostile}" in pdf_text(pdf.data, tmp_path)


@pytest.mark.parametrize("fields, message", [
    ({"lang": "en"}, "Choose at least one document."),
    ({"brochure": "smart-medical"}, "Choose at least one language."),
    ({"brochure": "smart-medical", "lang": "en", "visitor": "x" * (MAX_NAME + 5)},
     f"{MAX_NAME + 5} characters: at most {MAX_NAME} fit on one line; shorten it."),
    ({"brochure": "smart-medical", "lang": "en", "date": "2026-11-27"},
     "The date says when the copy is prepared for a visitor: give the visitor’s name too."),
    ({"brochure": "smart-medical", "lang": "en", "visitor": "A", "date": "2026-13-01"}, "Not a date; write it as YYYY-MM-DD."),
    ({"brochure": "gone-park", "lang": "en"}, "Unknown choice gone-park; reload the page and choose again."),
    ({"flyer": "smart-medical", "lang": "en", "impose": "booklet"},
     "The booklet is made from a brochure: choose a park’s brochure too."),
])
def test_bad_input_gets_a_message_on_the_page_and_keeps_what_was_typed(client, fields, message):
    response = make(client, **fields)
    page = text(response)
    assert response.status_code == 422
    assert "Please check the marked fields" in page
    assert page.count(message) == 2  # in the summary and beside its field
    assert 'aria-invalid="true"' in page
    if "visitor" in fields:
        assert f'value="{fields["visitor"]}"' in page
    if "brochure" in fields and fields["brochure"] == "smart-medical":
        assert 'value="smart-medical" checked' in page
    # the print options stay folded unless one of them is set or wrong
    assert ('<details class="print" open>' in page) == ("impose" in fields)


def test_fact_sheet_errors_are_shown_in_plain_words(tmp_path, data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: abc"))
    client = create_app(data_dir, Workers(0)).test_client()
    for response in (client.get("/?ui=en"), make(client, brochure="park-a", lang="zh")):
        page = text(response)
        assert "The fact sheets have problems" in page
        assert "parks/park-a.yaml, line 8, facts[0].value" in page
        assert "expected a number, got &#39;abc&#39;" in page
        assert "Traceback" not in page and str(data_dir) not in page
        assert re.search(r'name="brochure" value="park-a" disabled', page)  # not until the sheet is fixed
    assert make(client, brochure="park-a", lang="zh").status_code == 503  # nothing of it can be made until fixed


def test_no_path_of_the_desks_machine_reaches_the_page(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK + "branding:\n  logo: images/missing.png\n")
    page = text(create_app(data_dir, Workers(0)).test_client().get("/?ui=en"))
    assert "parks/park-a.yaml, line 12, branding.logo" in page and "cannot read images/missing.png" in page
    assert str(data_dir) not in page


def test_each_fields_problems_have_one_id(client):
    page = text(make(client, overview="1", lang="en", impose=["booklet", "2up"]))
    assert page.count('id="impose-problem"') == 1 and page.count('class="problem"') == 2


def test_a_yaml_error_is_shown_too(data_dir):
    write(data_dir / "zone.yaml", "id: [\n")
    page = text(create_app(data_dir, Workers(0)).test_client().get("/?ui=en"))
    assert "zone.yaml, line " in page and "Traceback" not in page


def test_the_sheets_are_read_afresh_for_each_page(data_dir):
    client = create_app(data_dir, Workers(0)).test_client()
    assert "Park A" in text(client.get("/?ui=en"))
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("Park A", "Park Alpha"))
    assert "Park Alpha" in text(client.get("/?ui=en"))


def test_a_render_that_stops_is_a_message(client, monkeypatch):
    def stopped(*args, **kwargs):
        raise RenderFailed("BrokenProcessPool")

    monkeypatch.setattr(Workers, "run", stopped)
    response = make(client, brochure="smart-medical", lang="en")
    assert response.status_code == 503
    assert "Press the button again" in text(response) and "Traceback" not in text(response)


def test_a_form_from_another_site_is_refused(client):
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "same-site"}):
        response = client.post("/make?ui=en", data={"brochure": "smart-medical", "lang": "en"}, headers=headers)
        assert response.status_code == 403, headers
        assert "sent from another web page" in text(response)
    own = client.post("/make", data={"brochure": "smart-medical", "lang": "en"},
                      headers={"Origin": "http://localhost"})
    assert own.status_code == 303


def test_another_host_name_is_refused(client):
    """A page elsewhere cannot reach the desk by pointing its own name at the desk's address
    (DNS rebinding); an IP address cannot be rebound and is always answered."""
    refused = client.get("/?ui=en", headers={"Host": "attacker.example"})
    assert refused.status_code == 421 and "answers only at its own address" in text(refused)
    for host in ("localhost:8000", "127.0.0.1:8000", "[::1]:8000", "[::1]"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    open_desk = create_app(DATA, Workers(0), host="0.0.0.0").test_client()
    machine = socket.gethostname()
    for host in (f"{machine}:8000", f"{machine.upper()}.local", "192.168.1.20:8000"):
        assert open_desk.get("/", headers={"Host": host}).status_code == 200, host
    assert open_desk.get("/", headers={"Host": "attacker.example:8000"}).status_code == 421


def test_an_oversized_form_is_refused_with_a_message(client):
    response = client.post("/make?ui=en", data={"visitor": "x" * 100_000}, headers={"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 413 and "far too long" in text(response)


def test_unknown_and_forged_addresses_are_not_found(client):
    assert client.get("/made/nothing-here").status_code == 404
    made = make(client, brochure="smart-medical", lang="zh")
    token = made.headers["Location"].rsplit("/", 1)[1]
    for name in ("../../../../etc/passwd", "%2e%2e%2fetc%2fpasswd", "park-smart-medical-en.pdf", "briefing.zip"):
        assert client.get(f"/made/{token}/{name}").status_code == 404, name
    assert "no longer kept" in text(client.get("/made/nothing-here?ui=en"))


def test_pages_forbid_outside_resources_and_visitors_files_are_not_cached(client):
    response = client.get("/")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "http" not in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    made_page = client.get(make(client, brochure="smart-medical", lang="zh").headers["Location"])
    assert made_page.headers["Cache-Control"] == "private, no-store"  # it lists the files by the visitor's name
    page = text(made_page)
    for link in [re.search(r'src="([^"]+preview\.png)"', page).group(1), re.search(r'href="([^"]+\.pdf)"', page).group(1)]:
        made = client.get(link + "?view=1")
        assert made.headers["Cache-Control"] == "private, no-store", link
        # a policy meant for pages could keep the browser's PDF viewer from showing the file
        assert "Content-Security-Policy" not in made.headers, link


def test_a_fault_of_the_desk_is_a_page_not_a_traceback(client, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("briefing.desk.work.make", broken)
    response = make(client, brochure="smart-medical", lang="zh")
    assert response.status_code == 500
    assert "Something went wrong on the front desk" in text(response) and "a bug" not in text(response)


def test_other_refusals_are_pages_in_the_interface_language(client):
    response = client.get("/make?ui=zh")
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert "无法处理此请求（405 Method Not Allowed）。请返回表单。" in text(response)


def test_a_zone_without_parks_still_offers_the_overview(data_dir):
    (data_dir / "parks" / "park-a.yaml").unlink()
    write(data_dir / "zone.yaml", (data_dir / "zone.yaml").read_text().replace("    park: park-a\n", ""))
    client = create_app(data_dir, Workers(0)).test_client()
    page = text(client.get("/?ui=en"))
    assert 'name="overview"' in page and 'name="brochure"' not in page
    assert make(client, overview="1", lang="zh").status_code == 303


def test_the_page_needs_nothing_from_the_internet(client):
    """Styles, script, fonts and templates refer only to the desk itself."""
    for path in [*STATIC.iterdir(), *TEMPLATES.iterdir()]:
        assert not re.search(r"(https?:)?//[\w.-]+\.\w", path.read_text()), path
    css = client.get("/static/desk.css")
    assert css.status_code == 200
    for font in re.findall(r'url\("\.\./(font/\w+\.ttf)"\)', text(css)):
        served = client.get("/" + font)
        assert served.status_code == 200 and served.data[:4] == b"\x00\x01\x00\x00"  # a TrueType face
    assert client.get("/font/other.ttf").status_code == 404


def test_the_page_is_scaled_for_a_tablet(client):
    """The page's width is the device's (how it fits is checked in a browser: test_desk_browser.py)."""
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in text(client.get("/"))


def test_the_web_server_itself_loads_no_layout_machinery():
    """The server only answers; ReportLab is loaded by the workers (the server stays small and
    never renders on one of its threads)."""
    code = ("import sys; from briefing.desk.app import create_app; from briefing.desk.work import Workers; "
            f"client = create_app({str(DATA)!r}, Workers(1)).test_client(); "
            "assert client.get('/font/regular.ttf').status_code == 200; "
            "assert client.get('/?ui=en').status_code == 200; "
            "print(sorted(m for m in ('reportlab.pdfbase', 'reportlab.platypus', 'briefing.pipeline.render', 'yaml') "
            "if m in sys.modules))")
    env = dict(os.environ, PYTHONPATH=str(Path(desk_app.__file__).parents[2]))
    printed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert printed.stdout.strip() == "[]", printed.stderr


def test_a_refused_form_reads_the_sheets_once(client, monkeypatch):
    """The form comes back with the choices the worker read along with the sheets."""
    calls = []
    real_run = Workers.run
    monkeypatch.setattr(Workers, "run", lambda self, function, *args, **kw:
                        calls.append(function.__name__) or real_run(self, function, *args, **kw))
    response = make(client, lang="en")
    assert response.status_code == 422 and 'name="brochure"' in text(response)
    assert calls == ["make"]


# -- the desk under a broken sheet, and in the interface's language (issue 19) -------------

def two_parks(data_dir):
    """park-a and park-b, each on its own chain: one can break while the other is made."""
    from helpers import ZONE

    write(data_dir / "zone.yaml", ZONE + "  - id: chain-b\n    name: {zh: 乙产业链, en: Chain B}\n    park: park-b\n")
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("park-a", "park-b").replace("chain-a", "chain-b")
          .replace("甲产业园", "乙产业园").replace("Park A", "Park B"))
    return create_app(data_dir, Workers(0)).test_client()


def test_one_broken_sheet_holds_back_only_what_shows_it(data_dir):
    """One typo in one park's sheet took the whole form away: even the other park's brochure
    could not be made."""
    client = two_parks(data_dir)
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: abc"))
    page = text(client.get("/?ui=en"))
    assert "parks/park-a.yaml, line 8, facts[0].value" in page
    assert re.search(r'name="brochure" value="park-a" disabled aria-describedby="park-a-unavailable"', page)
    assert "Its fact sheet has problems (listed above); the park operator must fix them first." in page
    assert re.search(r'name="brochure" value="park-b">', page)  # the other park stays available
    assert re.search(r'name="overview" value="1" disabled', page)  # it shows every park
    assert make(client, brochure="park-b", lang="zh").status_code == 303
    refused = make(client, overview="1", lang="zh")
    assert refused.status_code == 422 and "The zone overview cannot be made until every fact sheet is ready" in text(refused)
    forged = make(client, brochure="park-a", lang="zh")
    assert forged.status_code == 503 and "Park A: Its fact sheet has problems (listed above)" in text(forged)


def test_a_broken_zone_or_sources_sheet_holds_back_everything(data_dir):
    client = two_parks(data_dir)
    write(data_dir / "sources.yaml", "sources:\n  - id: article\n    publication: x\n")
    page = text(client.get("/?ui=en"))
    assert "Nothing can be made until the park operator fixes these" in page and 'name="brochure"' not in page


def test_sheet_problems_reach_the_page_in_the_interface_language(data_dir):
    client = two_parks(data_dir)
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: 5亿"))
    page = text(client.get("/?ui=zh"))
    assert "parks/park-a.yaml，第 8 行，facts[0].value" in page or "parks/park-a.yaml, 第8行, facts[0].value" in page \
        or re.search(r"parks/park-a\.yaml, 第 ?8 ?行", page), page
    assert "应为数字，实际是 &#39;5亿&#39;；请写作 500000000" in page
    assert "该园区的资料表有问题（见上方列表）；须由园区运营方先改正。" in page


def test_a_sheet_still_being_filled_in_is_not_offered(data_dir):
    """A fresh briefing new sheet made a brochure titled 待填写, which the desk offered."""
    from briefing.operators import scaffold

    client = two_parks(data_dir)
    (data_dir / "parks" / "park-b.yaml").unlink()
    scaffold.new_park(data_dir, "park-b")
    page = text(client.get("/?ui=zh"))
    assert "待填写" not in page
    assert re.search(r'name="brochure" value="park-b" disabled', page)
    assert "该园区的资料表仍在填写中" in page
    assert re.search(r'name="brochure" value="park-a">', page)


def test_an_unreadable_sheet_is_a_message_on_the_page(data_dir, monkeypatch):
    """It answered 500 on / and /make without saying which sheet."""
    import errno

    client = two_parks(data_dir)
    real_open = os.open
    sheet = str(data_dir / "parks" / "park-a.yaml")

    def refusing(path, *args, **kwargs):
        if str(path) == sheet:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    for response in (client.get("/?ui=en"), make(client, brochure="park-b", lang="zh")):
        assert response.status_code in (200, 303)
    page = text(client.get("/?ui=en"))
    assert "parks/park-a.yaml" in page and "cannot be read: permission denied" in page


def test_switching_the_language_keeps_the_form(client):
    """The switch cleared what was ticked and typed."""
    page = text(client.get("/?ui=zh"))
    assert re.search(r'<button type="submit" form="order" formaction="/switch\?ui=en" formmethod="post" formnovalidate', page)
    switched = client.post("/switch?ui=en", data={"brochure": "smart-medical", "lang": ["zh"], "visitor": "张三",
                                                  "paper": "A5"}, headers={"Sec-Fetch-Site": "same-origin"})
    page = text(switched)
    assert switched.status_code == 200 and '<html lang="en">' in page
    assert 'value="smart-medical" checked' in page and 'value="张三"' in page
    assert re.findall(r'name="lang" value="(\w+)"( checked)?', page) == [("zh", " checked"), ("en", "")]
    assert 'value="A5" checked' in page
    assert client.get("/").get_data(as_text=True).count('<html lang="en">') == 1  # remembered


def test_the_documents_languages_chosen_are_ticked_next_time(client):
    assert make(client, ui="en", brochure="smart-medical", lang="zh").status_code == 303
    page = text(client.get("/?ui=en"))
    assert re.findall(r'name="lang" value="(\w+)"( checked)?', page) == [("zh", " checked"), ("en", "")]


@pytest.mark.parametrize("ui, words", [("zh", "繁体字「會」：请用会"), ("en", "the traditional character 「會」: use 会")])
def test_a_character_the_fonts_lack_is_named_in_words(client, ui, words):
    """It was shown as the character itself, which the page draws as a box too (□ (U+6703))."""
    page = text(make(client, ui=ui, brochure="smart-medical", lang="zh", visitor="會議"))
    assert words in page


def test_an_emoji_is_named_by_its_unicode_name(client):
    page = text(make(client, brochure="smart-medical", lang="zh", visitor="Acme 😀"))
    assert "「😀」 (GRINNING FACE, U+1F600)" in page


def test_a_decomposed_accent_is_the_character_the_fonts_have(client):
    """A decomposed é (e + U+0301) was refused as a character the fonts lack."""
    assert make(client, brochure="smart-medical", lang="en", visitor="Cafe\u0301 Ltd").status_code == 303


@pytest.mark.parametrize("host, status", [("a" * 64 + ".example", 421), ("", 400), ("x..y", 421), ("é.example", 421)])
def test_a_host_that_is_not_a_host_name_is_refused_without_a_fault(client, host, status):
    response = client.get("/?ui=en", headers={"Host": host})
    assert response.status_code == status and "answers only at its own address" in text(response)


def test_the_result_page_says_what_a_page_left_out_in_the_interfaces_language(client):
    """The build's notes (an English A5 flyer sheds the last rows of its essentials) reached only
    the command line; staff at the desk saw a shorter flyer without being told why."""
    response = make(client, ui="zh", flyer="mobile-internet", lang="en", paper="A5")
    assert response.status_code == 303, text(response)
    page = text(client.get(response.headers["Location"]))
    assert re.search(r'<ul class="file-notes">\s*<li>略去了基本信息4行中的最后\d行', page), page
