"""Typing by the schema: one tiny sheet per mistake, exact messages."""

import copy
import pickle
import textwrap

import pytest
import yaml

from briefing.sheets import schema
from briefing.sheets.load import StrictLoader
from briefing.sheets.validate import validate


def check(text: str, cls=schema.Figure):
    node = yaml.compose(textwrap.dedent(text), Loader=StrictLoader)
    typed = validate(node, cls, "x.yaml")
    return typed.value, [str(p) for p in typed.problems.items]


FIGURE = """\
label: {zh: 面积, en: Area}
value: %s
unit: m2
"""


def test_valid_figure():
    value, problems = check(FIGURE % "42000")
    assert problems == []
    assert value.value == 42000 and isinstance(value.value, int) and value.label.en == "Area"


def test_decimal_value():
    value, _ = check(FIGURE % "4.5")
    assert value.value == 4.5


def test_number_expected():
    _, problems = check(FIGURE % "abc")
    assert problems == ["x.yaml:2: value: expected a number, got 'abc'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)"]


def test_number_with_a_leading_zero_is_refused():
    _, problems = check(FIGURE % "0734")
    assert problems == ["x.yaml:2: value: 0734 has a leading zero, which YAML 1.1 reads as another number; "
                        "write 734, or quote it if it is a code"]


def test_number_followed_by_glued_hash_warns():
    value, problems = check(FIGURE % "17 #000")
    assert value.value == 17
    assert problems == ["x.yaml:2: value: warning: the number stops at '17': YAML reads ' #' and what follows as "
                        "a comment; put the whole value in quotes if the '#' belongs to it, or a space after '#' "
                        "if it is a comment"]


def test_number_followed_by_a_comment_is_fine():
    value, problems = check(FIGURE % "17 # floor area, measured")
    assert (value.value, problems) == (17, [])


def test_number_cut_by_comment_is_reported():
    _, problems = check(FIGURE % "4.2万 #approx")
    assert problems == ["x.yaml:2: value: expected a number, got '4.2万'; write 42000 (digits only, in plain units); the unit goes in unit"]


def test_missing_field():
    _, problems = check("label: {zh: 面积}\nunit: m2\n")
    assert problems == [
        "x.yaml:1: value: is missing; add it: "
        "The number in plain units: 42000 for 4.2万平方米, 1000000000 for 10亿元."
    ]


def test_unknown_field_warns():
    value, problems = check(FIGURE % "1" + "colour: red\n")
    assert value is not None
    assert problems == [
        "x.yaml:4: colour: warning: unknown field; the fields here are: "
        "label, value, unit, max, qualifier, as_of, source, highlight, status, by, said_by, unconfirmed"
    ]


def test_choice_expected():
    _, problems = check("side: up\nname: {zh: 路}\n", schema.Neighbour)
    assert problems == ["x.yaml:1: side: expected one of north, south, east, west, got 'up'"]


def test_impossible_date():
    _, problems = check("date: 2021-02-30\n", schema.Opening)
    assert problems == ["x.yaml:1: date: '2021-02-30' is not a real date (day is out of range for month); check the day and the month"]


def test_month_precision_date():
    value, problems = check("date: 2021-05\nexpected: true\n", schema.Opening)
    assert problems == [] and value.date == schema.PartialDate(2021, 5) and value.expected is True


def test_yaml_11_boolean_words_are_not_booleans():
    _, problems = check("date: 2021-05\nexpected: yes\n", schema.Opening)
    assert problems == ["x.yaml:2: expected: expected true or false, got 'yes'; write true or false"]


def test_text_needs_both_keys_form():
    _, problems = check("label: 面积\nvalue: 1\nunit: m2\n")
    assert problems == ["x.yaml:1: label: expected Chinese and English text as {zh: ..., en: ...}"]


def test_list_expected():
    _, problems = check("id: a\nname: {zh: 甲}\nsummary: {zh: 甲}\nchains: chain-a\nas_of: 2021-04\n", schema.Zone)
    assert problems == ["x.yaml:4: chains: expected a list (lines starting with '- ')"]


def test_nested_path_in_message():
    text = """\
    id: a
    as_of: 2021-04
    name: {zh: 甲}
    chain: c
    summary: {zh: 甲}
    facts:
      - label: {zh: 甲}
        value: 1
        unit: m2
      - label: {zh: 乙}
        value: lots
        unit: m2
    """
    _, problems = check(text, schema.Park)
    assert problems == ["x.yaml:11: facts[1].value: expected a number, got 'lots'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)"]


def test_bad_id():
    _, problems = check("id: ../etc\nname: {zh: 甲}\n", schema.Chain)
    assert problems == ["x.yaml:1: id: expected an id of lower-case letters, digits and hyphens, got '../etc'"]


def test_empty_required_value():
    _, problems = check("id:\nname: {zh: 甲}\n", schema.Chain)
    assert problems == ["x.yaml:1: id: is empty; give a value or remove the line"]


def test_every_problem_collected():
    _, problems = check("label: 面积\nvalue: abc\nunit: acres\n")
    assert problems == [
        "x.yaml:1: label: expected Chinese and English text as {zh: ..., en: ...}",
        "x.yaml:2: value: expected a number, got 'abc'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)",
        "x.yaml:3: unit: expected one of m2, yuan, company, person, project, city, base, chain, team, got 'acres'",
    ]


def test_negative_value():
    _, problems = check(FIGURE % "-5")
    assert problems == ["x.yaml:2: value: expected zero or more, got -5"]


def test_huge_value():
    _, problems = check(FIGURE % ("9" * 400))
    assert problems == [f"x.yaml:2: value: {'9' * 400} is too large; write the value in plain units, e.g. 1000000000"]


def test_range_must_go_up():
    _, problems = check(FIGURE % "10" + "max: 5\n")
    assert problems == ["x.yaml:1: max: is 5, below value 10; a range goes from value up to max"]


def test_bad_qualifier():
    _, problems = check(FIGURE % "10" + "qualifier: roughly\n")
    assert problems == ["x.yaml:4: qualifier: expected one of more-than, over, at-least, about, expected, got 'roughly'"]


def test_null_optional_is_none():
    value, problems = check(FIGURE % "10" + "qualifier: ~\n")
    assert problems == [] and value.qualifier is None


def test_missing_chinese():
    _, problems = check("label: {en: Area}\nvalue: 1\nunit: m2\n")
    assert problems == ["x.yaml:1: label.zh: is missing; add it: The Chinese text."]


def test_capitalised_true_is_not_a_boolean():
    _, problems = check("date: 2021-05\nexpected: True\n", schema.Opening)
    assert problems == ["x.yaml:2: expected: expected true or false, got 'True'; write true or false"]


def test_text_over_the_field_limit():
    _, problems = check(f"label: {{zh: {'甲' * 41}}}\nvalue: 1\nunit: m2\n")
    assert problems == ["x.yaml:1: label.zh: is 41 characters long, over the 40 this field can hold on the page; "
                        "shorten it"]


def test_english_may_be_three_times_longer():
    value, problems = check(f"label: {{zh: 甲, en: {'a' * 120}}}\nvalue: 1\nunit: m2\n")
    assert problems == [] and len(value.label.en) == 120
    _, problems = check(f"label: {{zh: 甲, en: {'a' * 121}}}\nvalue: 1\nunit: m2\n")
    assert problems == ["x.yaml:1: label.en: is 121 characters long, over the 120 this field can hold on the page; "
                        "shorten it"]


def test_any_text_has_a_limit():
    _, problems = check(f"name: {{zh: 甲}}\ndescription: {{zh: {'乙' * 1001}}}\n", schema.Event)
    assert problems == ["x.yaml:2: description.zh: is 1001 characters long, over the 1000 this field can hold "
                        "on the page; shorten it"]


def test_every_text_carries_its_place():
    """The English edition names the fields it printed in Chinese (the lint warns about them);
    the place travels with the text, so a copy keeps it."""
    node = yaml.compose("name: {zh: 甲}\nrole: {zh: 乙, en: B}\n", Loader=StrictLoader)
    person = validate(node, schema.Person, "x.yaml").value
    assert [str(person.name.where), str(person.role.where)] == ["x.yaml:1: name", "x.yaml:2: role"]
    assert str(copy.deepcopy(person).name.where) == "x.yaml:1: name"
    assert str(pickle.loads(pickle.dumps(person)).name.where) == "x.yaml:1: name"
    assert person.name.get("en") == "甲"  # printed in Chinese, never empty


def test_a_place_is_not_a_field_of_the_sheet():
    node = yaml.compose("zh: 甲\nwhere: x.yaml\n", Loader=StrictLoader)
    typed = validate(node, schema.Text, "x.yaml")
    assert [str(p) for p in typed.problems.items] == ["x.yaml:2: where: warning: unknown field; the fields here are: zh, en, zh-Hant, "
                                                        "unconfirmed, meanwhile"]
    assert schema.Text("甲") == schema.Text("甲", where=typed.value.where)  # equal texts wherever they are


LINK = """\
label: {zh: 报名表, en: Sign-up form}
url: %s
"""


def test_valid_link():
    value, problems = check(LINK % "https://example.org/a?b=c", schema.Link)
    assert problems == [] and value.url == "https://example.org/a?b=c"


def test_link_must_be_a_whole_address():
    _, problems = check(LINK % "www.example.org", schema.Link)
    assert problems == ["x.yaml:2: url: expected a whole web address starting https://, got 'www.example.org'"]


def test_link_too_long_for_a_printed_code():
    url = "https://example.org/" + "a" * 300
    _, problems = check(LINK % url, schema.Link)
    assert problems == [f"x.yaml:2: url: is {len(url)} characters long, over the 300 a printed QR code holds "
                        "well; link to a shorter address"]


@pytest.mark.parametrize("written, deadline", [
    ("2021", schema.Deadline(2021)),
    ("2021-end", schema.Deadline(2021, year_end=True)),
    ("2021-12", schema.Deadline(2021, 12)),
    ("2021-12-31", schema.Deadline(2021, 12, 31)),
])
def test_a_deadline_keeps_the_sources_precision(written, deadline):
    value, problems = check(FIGURE % "100" + f"status: target\nby: {written}\n")
    assert problems == [] and value.by == deadline and str(value.by) == written


@pytest.mark.parametrize("written, message", [
    ("end of 2021", "expected a deadline as YYYY, YYYY-end, YYYY-MM or YYYY-MM-DD, got 'end of 2021'; write it as "
                    "exactly as the source does (年底: 2021-end)"),
    ("2021-13", "'2021-13' is not a real date (month must be in 1..12); check the day and the month"),
])
def test_a_bad_deadline(written, message):
    _, problems = check(FIGURE % "100" + f"by: {written}\n")
    assert problems == [f"x.yaml:4: by: {message}"]


def test_a_note_on_an_unconfirmed_text_is_not_held_to_the_fields_length():
    """The note is for the staff and never printed; the stand-in is printed where the text is,
    so it has the text's room."""
    note = "跨栏断行" * 30
    value, problems = check(f"name: {{zh: 甲, unconfirmed: {note}, meanwhile: {{zh: 乙}}}}\nrole: {{zh: 职务}}\n",
                            schema.Person)
    assert problems == [] and value.name.unconfirmed == note and value.name.meanwhile.zh == "乙"
    _, problems = check(f"name: {{zh: 甲, unconfirmed: 待核实, meanwhile: {{zh: {'乙' * 21}}}}}\nrole: {{zh: 职务}}\n",
                        schema.Person)
    assert problems == ["x.yaml:1: name.meanwhile.zh: is 21 characters long, over the 20 this field can hold on "
                        "the page; shorten it"]


# -- hints an operator can act on (issue 19) -----------------------------------------------

@pytest.mark.parametrize("written, hint", [
    ("5亿", "write 500000000 (digits only, in plain units); the unit goes in unit"),
    ("1.7万", "write 17000 (digits only, in plain units); the unit goes in unit"),
    ("4.2万平方米", "write 42000 (digits only, in plain units); the unit goes in unit"),
    ("10亿元", "write 1000000000 (digits only, in plain units); the unit goes in unit"),
    ("12,000", "write 12000 (digits only, in plain units); the unit goes in unit"),
    ("20多", "write 20 (digits only, in plain units), with qualifier: more-than for the rest; the unit goes in unit"),
    ("约5000", "write 5000 (digits only, in plain units), with qualifier: about for the rest; the unit goes in unit"),
    ("1亿以上", "write 100000000 (digits only, in plain units), with qualifier: at-least for the rest; the unit goes in unit"),
    ("lots", "write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)"),
])
def test_number_hint_says_what_to_write(written, hint):
    _, problems = check(FIGURE % written)
    assert problems == [f"x.yaml:2: value: expected a number, got {written!r}; {hint}"]


@pytest.mark.parametrize("written, date", [("2022年3月", "2022-03"), ("2022年3月8日", "2022-03-08"),
                                           ("2022/3/8", "2022-03-08"), ("2022.3", "2022-03"), ("2022-3", "2022-03")])
def test_date_hint_says_what_to_write(written, date):
    _, problems = check(FIGURE % "1" + f"as_of: {written}\n")
    assert problems == [f"x.yaml:4: as_of: expected a date as YYYY-MM-DD or YYYY-MM, got {written!r}; write {date}"]


@pytest.mark.parametrize("year", ["9999", "1066", "0001"])
def test_implausible_years_are_refused(year):
    """9999-12 went through and crashed the lint (year 10000 is out of range)."""
    _, problems = check(FIGURE % "1" + f"as_of: {year}-12\n")
    assert problems == [f"x.yaml:4: as_of: '{year}-12' is not a plausible date: the year must be between 1900 and "
                        "2199; check the year"]


def test_misspelt_optional_field_is_an_error_naming_the_field():
    """taglne was only a warning, and the tagline vanished from the cover."""
    park = "id: a\nas_of: 2021-04\nname: {zh: 甲, en: A}\nchain: c\nsummary: {zh: 乙, en: B}\ntaglne: {zh: 丙, en: C}\n"
    _, problems = check(park, schema.Park)
    assert problems == ["x.yaml:6: taglne: unknown field: did you mean tagline? As written it is left out of the "
                        "documents; correct the name"]


def test_misspelt_required_field_is_reported_once_at_its_line():
    """sumary gave 'summary is missing' at the id: line and a separate unknown-field warning."""
    park = "id: a\nas_of: 2021-04\nname: {zh: 甲, en: A}\nchain: c\nsumary: {zh: 乙, en: B}\n"
    value, problems = check(park, schema.Park)
    assert value is None
    assert problems == ["x.yaml:5: sumary: unknown field: did you mean summary? As written it is left out of the "
                        "documents; correct the name"]


def test_an_unknown_field_close_to_none_stays_a_warning():
    _, problems = check(FIGURE % "1" + "remark: x\n")
    assert problems == ["x.yaml:4: remark: warning: unknown field; the fields here are: label, value, unit, max, "
                        "qualifier, as_of, source, highlight, status, by, said_by, unconfirmed"]


def test_unquoted_colour_read_as_a_comment_is_an_error():
    """accent: #1E9E5A is a comment to YAML: the default colour was used without a word."""
    _, problems = check("accent: #1E9E5A\n", schema.Branding)
    assert problems == ["x.yaml:1: accent: is empty: YAML reads '#1E9E5A' as a comment, because it starts with '#'; "
                        "put the colour in quotes: '#1E9E5A'"]


def test_value_glued_to_a_hash_is_a_warning():
    _, problems = check("telephone: #0734-1234\n", schema.Contact)
    assert problems == ["x.yaml:1: telephone: warning: is empty: YAML reads '#0734-1234' as a comment; put the value "
                        "in quotes if it is the value, or write '# ' with a space if it is a comment"]


def test_an_empty_value_with_a_spaced_comment_is_fine():
    value, problems = check("telephone: # not known yet\n", schema.Contact)
    assert problems == [] and value.telephone is None


@pytest.mark.parametrize("field, text", [("value", "待填写"), ("unit", "待填写"), ("as_of", "TO FILL IN")])
def test_a_placeholder_left_in_a_value_is_named(field, text):
    sheet = "label: {zh: 面积, en: Area}\nvalue: 1\nunit: m2\n"
    sheet = sheet.replace(f"{field}: 1", f"{field}: {text}").replace(f"{field}: m2", f"{field}: {text}")
    sheet += f"as_of: {text}\n" if field == "as_of" else ""
    _, problems = check(sheet)
    assert len(problems) == 1 and problems[0].endswith(
        f"{field}: still holds the placeholder {text!r} written by briefing new; write the value, or delete the line")
