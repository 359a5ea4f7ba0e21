"""Editing fact sheets in the browser, through Flask's test client: the page made from the
schema, saving, drafts, history, the preview, and every refusal (sign-in, CSRF, another
site's form, another park's sheet, a concurrent save)."""

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path
from typing import Optional

import pytest
from werkzeug.datastructures import MultiDict

from briefing.desk import editform, server
from briefing.desk.app import create_app
from briefing.desk.auth import Accounts
from briefing.desk.work import Workers
from briefing.errors import BriefingError
from briefing.messages import shown
from briefing.sheets import schema
from briefing.sheets.project import load_project

from editpage import form_values, with_changes
from helpers import DATA

OWN = {"Sec-Fetch-Site": "same-origin"}
SHEET = "/edit/parks/smart-medical"


@pytest.fixture
def data(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    return copy


@pytest.fixture
def editors(tmp_path):
    accounts = Accounts(tmp_path / "editors.json")
    accounts.add("liu", "smart medical 2021", ("smart-medical",), False)
    accounts.add("office", "the office password", (), True)
    return accounts.path


def desk(data, editors_file, host="0.0.0.0", edit=True):
    """A desk on the network (editors sign in), documents made in this process."""
    return create_app(data, Workers(0), host, edit, editors_file).test_client()


def text(response) -> str:
    return response.get_data(as_text=True)


def csrf_of(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in(client, name="liu", password="smart medical 2021", headers=OWN):
    page = text(client.get("/edit/sign-in?ui=en"))
    return client.post("/edit/sign-in?ui=en", data={"csrf": csrf_of(page), "name": name, "password": password},
                       headers=headers)


def send(client, path, fields, headers=OWN, **extra):
    return client.post(path + "?ui=en", data=MultiDict(list(fields) + list(extra.items())), headers=headers)


@pytest.fixture
def liu(data, editors):
    client = desk(data, editors)
    assert sign_in(client).status_code == 303
    return client


def page_fields(client, path=SHEET):
    response = client.get(path + "?ui=en")
    assert response.status_code == 200, text(response)
    return form_values(text(response))


# -- the page, from the schema -----------------------------------------------------------

def paths_of(cls, prefix=""):
    """Every leaf field of a record as the page names its inputs (a first list entry, or none)."""
    for spec in schema.fields_of(cls):
        yield f"{prefix}{schema.key_of(spec)}"


def test_every_field_of_the_schema_is_on_the_page(liu):
    page = text(liu.get(SHEET + "?ui=zh"))
    for spec in schema.fields_of(schema.Park):
        key = schema.key_of(spec)
        assert f'<span class="key">{key}</span>' in page, key
        assert spec.metadata["zh"] in page.replace("&#34;", '"').replace("&#39;", "'"), key  # its description


def test_a_new_field_of_the_schema_appears_without_touching_the_editor():
    @dataclasses.dataclass
    class Tomorrow:
        """A record the schema may grow."""

        name: schema.Text = schema.doc("A name.", zh="名称。")
        rooms: Optional[float] = schema.optional("Rooms to let.", zh="可出租房间数。")
        opened: Optional[schema.PartialDate] = schema.optional("Opened.", zh="开业日期。")
        kind: Optional[schema.Qualifier] = schema.optional("How.", zh="如何。")
        tags: list[schema.Text] = schema.many("Tags.", zh="标签。")

    page = editform.page({"name": {"zh": "甲"}, "rooms": "12", "tags": [{"zh": "乙"}]}, Tomorrow, "zh",
                         editform.Pickers())
    widgets = {field.path: field.widget for field in page.walk() if field.path}
    assert widgets == {"name": "text", "name.zh": "area", "name.en": "area", "name.zh-Hant": "area",
                       "name.unconfirmed": "area", "name.meanwhile": "absent", "rooms": "number", "opened": "date",
                       "kind": "choice", "tags": "list", "tags[0]": "text", "tags[0].zh": "area",
                       "tags[0].en": "area", "tags[0].zh-Hant": "area", "tags[0].unconfirmed": "area",
                       "tags[0].meanwhile": "absent"}
    assert editform.read({"name.zh": "甲", "rooms": " 12 ", "opened.__year": "2021", "opened.__month": "05",
                          "opened.__day": "", "tags[0].__origin": "0", "tags[0].zh": "乙"}, Tomorrow) == {
        "name": {"zh": "甲"}, "rooms": "12", "opened": "2021-05", "tags": [editform.Moved(0, {"zh": "乙"})]}


def test_an_optional_list_left_out_is_not_an_empty_one():
    """news_en left out follows news; news_en: [] shows none. The page keeps them apart: a list
    left out offers "Add"; one shown, even empty, is sent with its marker and read back as []."""
    from briefing.operators.rewrite import read_tree, rewrite

    left_out = editform.page({"id": "z"}, schema.Zone, "en", editform.Pickers())
    assert {f.path: f.widget for f in left_out.walk()}["news_en"] == "absent"
    added = editform.change({"id": "z"}, "add:news_en", schema.Zone)
    assert added["news_en"] == []
    shown = editform.page(added, schema.Zone, "en", editform.Pickers())
    field = next(f for f in shown.walk() if f.path == "news_en")
    assert (field.widget, field.optional) == ("list", True)
    assert editform.read({"id": "z", "news_en.__present": "1"}, schema.Zone)["news_en"] == []
    assert "news_en" not in editform.read({"id": "z"}, schema.Zone)
    assert "news_en" not in editform.change(added, "remove:news_en", schema.Zone)
    text = "id: z\nnews: [a]\nnews_en: []\n"
    assert rewrite(text, editform.with_origins(read_tree(text)), schema.Zone) == text  # [] is written, not dropped


def test_a_figure_is_number_unit_qualifier_status_as_of_and_source(liu):
    page = text(liu.get(SHEET + "?ui=zh"))
    assert 'name="facts[0].value" value="17000" autocomplete="off" inputmode="decimal"' in page
    unit = re.search(r'<select id="f-facts-0-unit-input".*?</select>', page, re.S).group(0)
    assert '<option value="m2" selected>m2 · 平方米</option>' in unit
    qualifier = re.search(r'<select id="f-facts-0-qualifier-input".*?</select>', page, re.S).group(0)
    assert '<option value="more-than">more-than · 20多家</option>' in qualifier
    assert 'name="facts[0].status"' in page and 'name="facts[0].as_of.__year"' in page
    source = re.search(r'<select id="f-facts-0-source-input".*?</select>', page, re.S).group(0)
    assert '<option value="feature-medical-park" selected>feature-medical-park · ' in source
    assert "印作：" in page or "Printed as:" in page  # how the figure prints: 1.7万平方米
    assert "1.7万平方米 · 17,000 m²" in page


# -- saving ------------------------------------------------------------------------------

def test_saving_changes_only_the_edited_lines_and_keeps_a_history(liu, data):
    before = (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")
    fields = with_changes(page_fields(liu), **{"facts[0].value": "18000", "name.zh": "智慧医疗产业园区"})
    saved = send(liu, SHEET, fields, action="save")
    assert saved.status_code == 303 and "saved=2" in saved.headers["Location"]
    after = (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")
    assert after == before.replace("  zh: 智慧医疗产业园\n", "  zh: 智慧医疗产业园区\n", 1).replace(
        "value: 17000", "value: 18000")
    history = text(liu.get(SHEET + "/history?ui=en"))
    assert "saved" in history and "liu" in history and "name.zh, facts[0].value" in history
    version = text(liu.get(SHEET + "/history/2?ui=en"))
    assert "<del>17000</del>" in version and "<ins>18000</ins>" in version


def test_a_sheet_with_errors_is_saved_as_a_draft_and_documents_use_the_last_good_version(liu, data, tmp_path):
    fields = with_changes(page_fields(liu), **{"facts[0].value": "1.8万"})
    saved = send(liu, SHEET, fields, action="save")
    assert "draft=" in saved.headers["Location"]
    assert "value: 17000" in (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")
    page = text(liu.get(saved.headers["Location"]))
    assert "Saved as a draft" in page and "Documents still use the last version without errors" in page
    assert '<a href="#f-facts-0-value">facts[0].value</a>' in page  # the bar leads to the error
    later = text(liu.get(SHEET + "?ui=en"))
    assert "This is a draft with errors, saved by liu" in later and "It is not used for documents" in later
    assert "expected a number, got &#39;1.8万&#39;; write 18000" in page
    assert load_project(data).problems.errors == []  # briefing build and watch read the sheet, not the draft
    made = liu.post("/make?ui=en", data={"brochure": "smart-medical", "lang": "zh"}, headers=OWN)
    assert made.status_code == 303  # the park is not held back
    pdf = liu.get(made.headers["Location"].replace("/made/", "/made/") + "/park-smart-medical-zh.pdf")
    path = tmp_path / "brochure.pdf"
    path.write_bytes(pdf.get_data())
    words = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "1.7 万" in words or "1.7万" in words


def test_the_checks_are_those_of_briefing_check_in_the_pages_language(liu, data):
    fields = with_changes(page_fields(liu), **{"facts[0].value": "4.2万"})
    answer = send(liu, SHEET + "/check", fields).get_json()
    problem = next(p for p in answer["problems"] if p["field"] == "facts[0].value")
    assert problem["severity"] == "error" and problem["id"] == "f-facts-0-value"
    sheet = data / "parks/smart-medical.yaml"
    sheet.write_text(sheet.read_text(encoding="utf-8").replace("value: 17000", "value: 4.2万"), encoding="utf-8")
    expected = next(p for p in load_project(data).problems.errors if p.where.field == "facts[0].value")
    assert problem["message"] == shown(expected.message, "en")
    assert answer["counts"]["error"] == 1
    chinese = liu.post(SHEET + "/check?ui=zh", data=MultiDict(fields), headers=OWN).get_json()
    assert any(p["message"] == shown(expected.message, "zh") for p in chinese["problems"])
    fields = with_changes(fields, **{"facts[0].value": "17000", "name.en": ""})
    answer = send(liu, SHEET, fields, action="check")  # without script: the page shows the same
    assert answer.status_code == 200
    warning = re.search(r'<div class="field-problems" id="f-name-problems" data-for="name">(.*?)</div>', text(answer))
    assert '<p class="problem warning"><span class="severity">Warning</span> has no English (en:); add it' in warning.group(1)


def test_the_lists_grow_shrink_and_reorder_without_script(liu, data):
    fields = page_fields(liu)
    added = send(liu, SHEET, fields, op="add:amenities")
    assert added.status_code == 200 and 'name="amenities[0].__origin" value=""' in text(added)
    fields = with_changes(form_values(text(added)), **{"amenities[0].zh": "食堂", "amenities[0].en": "Canteen"})
    added = send(liu, SHEET, fields, op="add:amenities")
    fields = with_changes(form_values(text(added)), **{"amenities[1].zh": "停车场", "amenities[1].en": "Car park"})
    moved = send(liu, SHEET, fields, op="up:amenities[1]")
    fields = form_values(text(moved))
    assert [v for n, v in fields if n.startswith("amenities[") and n.endswith(".zh")] == ["停车场", "食堂"]
    assert send(liu, SHEET, fields, action="save").status_code == 303
    assert read_amenities(data) == ["停车场", "食堂"]
    fields = page_fields(liu)
    removed = send(liu, SHEET, fields, op="remove:amenities[0]")
    assert send(liu, SHEET, form_values(text(removed)), action="save").status_code == 303
    assert read_amenities(data) == ["食堂"]


def read_amenities(data: Path) -> list[str]:
    return [text.zh for text in load_project(data).parks["smart-medical"].amenities]


def test_restoring_an_earlier_version(liu, data):
    original = (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")
    send(liu, SHEET, with_changes(page_fields(liu), **{"facts[0].value": "18000"}), action="save")
    version = text(liu.get(SHEET + "/history/1?ui=en"))
    token = re.search(r'name="token" value="([^"]+)"', version).group(1)
    restored = liu.post(SHEET + "/history/1/restore?ui=en", data={"csrf": csrf_of(version), "token": token},
                        headers=OWN)
    assert restored.status_code == 303 and "restored=3" in restored.headers["Location"]
    assert (data / "parks/smart-medical.yaml").read_text(encoding="utf-8") == original


def test_the_preview_is_the_page_that_shows_the_field(liu):
    summary = liu.get(SHEET + "/preview?ui=en&field=platforms[0].zh&lang=zh")
    assert "Page 3 of 4 of the brochure" in text(summary) or "of 4 of the brochure" in text(summary)
    image = liu.get(SHEET + "/preview.png?field=facts[0].value&lang=zh")
    assert image.status_code == 200 and image.mimetype == "image/png" and image.get_data()[:4] == b"\x89PNG"


# -- who may edit, and the refusals ---------------------------------------------------------

def test_editing_is_off_unless_the_desk_is_started_with_it(data, editors):
    client = desk(data, editors, edit=False)
    response = client.get("/edit/?ui=en")
    assert response.status_code == 404 and "briefing serve --edit" in text(response)


def test_on_this_computer_alone_without_editors_no_sign_in_is_asked(data, tmp_path):
    client = desk(data, tmp_path / "none.json", host="127.0.0.1")
    page = client.get(SHEET + "?ui=en", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert page.status_code == 200 and "Editing on this computer as" in text(page)
    assert "HttpOnly" in page.headers["Set-Cookie"] and "SameSite=Strict" in page.headers["Set-Cookie"]


def test_over_the_network_editing_needs_editors(data, tmp_path):
    with pytest.raises(BriefingError, match="editing over the network needs editors"):
        server.serve(data, "0.0.0.0", 0, 1, print, edit=True, editors=tmp_path / "none.json")


def test_once_there_are_editors_everyone_signs_in(data, editors):
    client = desk(data, editors, host="127.0.0.1")
    response = client.get(SHEET + "?ui=en", environ_base={"REMOTE_ADDR": "127.0.0.1"})
    assert response.status_code == 302 and "/edit/sign-in" in response.headers["Location"]


def test_a_wrong_password_is_refused(data, editors):
    client = desk(data, editors)
    refused = sign_in(client, password="smart medical 2020")
    assert refused.status_code == 401 and "do not match" in text(refused)
    assert client.get(SHEET + "?ui=en").status_code == 302  # still signed out


def test_sign_in_is_rate_limited(data, editors):
    client = desk(data, editors)
    for _ in range(5):
        assert sign_in(client, password="guess").status_code == 401
    limited = sign_in(client)  # even the right password, until the window has passed
    assert limited.status_code == 429 and "Too many wrong passwords" in text(limited)


def test_a_form_posted_from_another_site_is_refused(liu, data):
    fields = with_changes(page_fields(liu), **{"facts[0].value": "18000"})
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "http://evil.example"}):
        assert send(liu, SHEET, fields, headers=headers, action="save").status_code == 403
    assert "value: 17000" in (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")


def test_a_form_without_its_csrf_token_is_refused(liu, data):
    fields = [(n, v) for n, v in with_changes(page_fields(liu), **{"facts[0].value": "18000"}) if n != "csrf"]
    refused = send(liu, SHEET, fields, action="save")
    assert refused.status_code == 403 and "This form has expired" in text(refused)
    wrong = send(liu, SHEET, fields + [("csrf", "not-the-token")], action="save")
    assert wrong.status_code == 403
    assert "value: 17000" in (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")


def test_an_operator_cannot_open_or_save_another_parks_sheet(liu, data):
    other = "/edit/parks/mobile-internet"
    assert liu.get(other + "?ui=en").status_code == 403
    assert liu.get("/edit/zone?ui=en").status_code == 403
    fields = page_fields(liu)
    refused = send(liu, other, fields, action="save")
    assert refused.status_code == 403 and "only your own park" in text(refused)
    index = text(liu.get("/edit/?ui=en"))
    assert "smart-medical" in index and "mobile-internet" not in index


def test_a_concurrent_save_is_refused_and_shows_the_others_changes(data, editors):
    liu, office = desk(data, editors), desk(data, editors)
    sign_in(liu)
    sign_in(office, "office", "the office password")
    theirs, mine = page_fields(office), page_fields(liu)
    assert send(office, SHEET, with_changes(theirs, **{"facts[0].value": "18000"}), action="save").status_code == 303
    refused = send(liu, SHEET, with_changes(mine, **{"facts[0].value": "19000", "name.en": "Smart Medical Industrial Park, Hengyang"}),
                   action="save")
    page = text(refused)
    assert refused.status_code == 409 and "someone else saved this sheet" in page
    assert "office saved it at" in page and "<ins>18000</ins>" in page
    sheet = (data / "parks/smart-medical.yaml").read_text(encoding="utf-8")
    assert "value: 18000" in sheet and "Hengyang\n" not in sheet
    again = form_values(page)  # their value kept where both changed, mine elsewhere
    assert ("facts[0].value", "18000") in again and ("name.en", "Smart Medical Industrial Park, Hengyang") in again
    assert send(liu, SHEET, again, action="save").status_code == 303
    assert "en: Smart Medical Industrial Park, Hengyang\n" in (data / "parks/smart-medical.yaml").read_text(
        encoding="utf-8")


def test_every_form_of_the_edit_pages_carries_the_csrf_token(liu):
    send(liu, SHEET, with_changes(page_fields(liu), **{"facts[0].value": "18000"}), action="save")
    for path in ("/edit/", SHEET, SHEET + "/history", SHEET + "/history/1"):
        page = text(liu.get(path + "?ui=en"))
        forms = re.findall(r"<form[^>]*method=\"post\".*?</form>", page, re.S)
        assert forms and all('name="csrf"' in form for form in forms), path


def test_the_desks_protections_hold_for_the_edit_pages(liu):
    page = liu.get(SHEET + "?ui=en")
    assert "connect-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["Cache-Control"] == "private, no-store"
    assert liu.get(SHEET, headers={"Host": "evil.example"}).status_code == 421
    too_big = liu.post(SHEET, data={"x": "a" * (9 * 1024 * 1024)}, headers=OWN)
    assert too_big.status_code == 413
