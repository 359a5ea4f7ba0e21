"""The front desk's form read into an order: what passes, and a message by field for what does not."""

import pytest
from reportlab.lib.units import mm

from briefing.desk.order import read
from briefing.pipeline.occasion import MAX_NAME
from briefing.sheets.schema import PartialDate

PARKS = ["mobile-internet", "smart-medical"]


def form(**fields):
    """A form as the browser sends it: every value a list (checkboxes repeat)."""
    return {name: value if isinstance(value, list) else [value] for name, value in fields.items()}


def test_a_brochure_in_both_languages_for_a_visitor():
    order, problems = read(form(brochure="smart-medical", lang=["zh", "en"], visitor="  Acme   Ltd ", date="2026-11-27"),
                           PARKS, "en")
    assert not problems
    assert order.selection.brochures == ("smart-medical",) and order.selection.flyers == ()
    assert not order.selection.overview
    assert order.languages == ("zh", "en")
    assert order.output.dedication.visitor == "Acme Ltd"  # spaces cleaned as on the command line
    assert order.output.dedication.date == PartialDate(2026, 11, 27)
    assert order.output.event is None and order.output.spec.paper == "A4" and not order.output.spec.print_shop
    assert order.bundle_name() == "briefing-for-acme-ltd-2026-11-27.zip"


def test_visitor_event_and_venue_per_language():
    """Each text has a field per language; a date or venue needs the name in either."""
    order, problems = read(form(flyer="smart-medical", brochure="smart-medical", lang=["zh", "en"],
                                visitor="长沙市商务局考察团", visitor_en="Changsha delegation", event="企业面对面",
                                event_en="Face-to-face", venue="会展中心", venue_en="Expo Centre"), PARKS, "en")
    assert not problems
    assert order.output.dedication.name("en") == "Changsha delegation"
    assert order.output.dedication.name("zh") == "长沙市商务局考察团"
    assert (order.output.event.title("en"), order.output.event.place("en")) == ("Face-to-face", "Expo Centre")
    order, problems = read(form(flyer="smart-medical", lang="en", event_en="Expo", venue_en="Hall A"), PARKS, "en")
    assert not problems and order.output.event.title("zh") == "Expo"
    _, problems = read(form(flyer="smart-medical", lang="en", venue_en="Hall A"), PARKS, "en")
    assert "event" in problems.by_field


def test_choices_come_in_the_pages_order_each_once():
    order, _ = read(form(flyer=["smart-medical", "mobile-internet", "smart-medical"], lang=["en", "zh"], overview="1"),
                    PARKS, "en")
    assert order.selection.flyers == ("mobile-internet", "smart-medical")
    assert order.languages == ("zh", "en") and order.selection.overview


def test_print_shop_options():
    order, problems = read(form(flyer="smart-medical", brochure="smart-medical", lang="zh", paper="A5", bleed="3",
                                cmyk="1", impose=["booklet", "2up"], event="Expo", event_date="2026-12-01",
                                venue="Hengyang"), PARKS, "zh")
    assert not problems
    spec = order.output.spec
    assert (spec.paper, spec.bleed, spec.cmyk) == ("A5", pytest.approx(3 * mm), True)
    assert order.output.impose == ("2up", "booklet")
    assert order.output.event.name == "Expo" and order.output.event.venue == "Hengyang"
    assert order.bundle_name() == "briefing.zip"


def problems_of(ui="en", **fields):
    order, problems = read(form(**fields), PARKS, ui)
    assert order is None
    return problems.by_field


def test_nothing_chosen_is_a_message_for_each_choice():
    assert problems_of() == {"documents": ["Choose at least one document."], "lang": ["Choose at least one language."]}


def test_messages_in_the_interface_language():
    assert problems_of("zh") == {"documents": ["请至少选择一份文件。"], "lang": ["请至少选择一种语言。"]}


@pytest.mark.parametrize("fields, name, words", [
    ({"brochure": "no-such-park"}, "documents", "Unknown choice no-such-park"),
    ({"brochure": "smart-medical", "paper": "A6"}, "paper", "Unknown choice A6"),
    ({"brochure": "smart-medical", "bleed": "40"}, "bleed", "Unknown choice 40"),
    ({"brochure": "smart-medical", "impose": "8up"}, "impose", "Unknown choice 8up"),
    ({"brochure": "smart-medical", "impose": "2up"}, "impose", "made from a flyer"),
    ({"flyer": "smart-medical", "impose": "booklet"}, "impose", "made from a brochure"),
    ({"brochure": "smart-medical", "date": "2026-11-27"}, "date", "give the visitor’s name too"),
    ({"brochure": "smart-medical", "visitor": "A", "date": "2026-02-30"}, "date", "Not a date"),
    ({"brochure": "smart-medical", "visitor": "A", "date": "27/11/2026"}, "date", "Not a date"),
    ({"flyer": "smart-medical", "venue": "Hengyang"}, "event", "give the event’s name too"),
    ({"flyer": "smart-medical", "event": "Expo", "event_date": "soon"}, "event_date", "Not a date"),
    ({"brochure": "smart-medical", "visitor": "x" * (MAX_NAME + 1)}, "visitor", f"{MAX_NAME + 1} characters: at most {MAX_NAME}"),
    ({"flyer": "smart-medical", "event": "名" * 200}, "event", "200 characters"),
    ({"flyer": "smart-medical", "event": "E", "venue": "Hall \U0001F600"}, "venue", "U+1F600"),
])
def test_each_bad_field_is_named(fields, name, words):
    found = problems_of(lang="en", **fields)
    assert list(found) == [name], found
    assert words in found[name][0]


def test_markup_is_kept_as_text_for_the_typesetter_to_escape():
    order, _ = read(form(brochure="smart-medical", lang="en", visitor="<b>Tom & Jerry</b>"), PARKS, "en")
    assert order.output.dedication.visitor == "<b>Tom & Jerry</b>"


def test_control_characters_are_dropped():
    order, _ = read(form(brochure="smart-medical", lang="en", visitor="Ann\x00\x1b[31m Lee"), PARKS, "en")
    assert order.output.dedication.visitor == "Ann[31m Lee"


def test_the_traditional_edition_and_the_images_for_wechat():
    order, problems = read(form(brochure="smart-medical", lang=["zh-Hant", "zh"], share="1"), PARKS, "zh")
    assert not problems
    assert order.languages == ("zh", "zh-Hant") and order.output.share
    unshared, _ = read(form(brochure="smart-medical", lang="zh"), PARKS, "zh")
    assert not unshared.output.share


def test_printing_condition_and_print_shop_sheet():
    order, problems = read(form(flyer="smart-medical", lang="zh", bleed="3", cmyk="1", condition="JC200103",
                                impose="2up", sheet="SRA3"), PARKS, "en")
    assert not problems
    assert order.output.spec.condition == "JC200103" and order.output.sheet == "SRA3"


@pytest.mark.parametrize("fields, message", [
    # A sheet is for printing sheets with bleed: refused, not ignored, without a bleed.
    ({"impose": "2up", "sheet": "A3"}, "A print-shop sheet is for printing sheets with bleed"),
    # Two A5 flyers with 3 mm bleed do not fit on A4.
    ({"impose": "2up", "sheet": "A4", "bleed": "3"}, "do not fit on A4: choose a larger sheet"),
    ({"impose": "2up", "sheet": "B5"}, "Unknown choice B5"),
])
def test_sheets_that_cannot_be_made_are_refused_beside_the_field(fields, message):
    order, problems = read(form(flyer="smart-medical", lang="zh", **fields), PARKS, "en")
    assert order is None
    assert any(message in text for text in problems.by_field["impose"]), problems.by_field


def test_an_unknown_printing_condition_is_refused():
    order, problems = read(form(flyer="smart-medical", lang="zh", cmyk="1", condition="SWOP"), PARKS, "en")
    assert order is None and "Unknown choice SWOP" in problems.by_field["bleed"][0]
