"""Writing a sheet back from the browser's editor: only the changed values' lines change; the
operator's comments, key order, quoting and hand-wrapped paragraphs stay byte for byte."""

import difflib
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.desk.editform import with_origins
from briefing.operators.rewrite import Moved, bare, differences, merge3, normalised, read_tree, rewrite
from briefing.sheets import schema

from helpers import DATA

SHEETS = {path.relative_to(DATA).as_posix(): path for path in sorted(DATA.rglob("*.yaml"))}
RECORDS = {"zone.yaml": schema.Zone, "sources.yaml": schema.Sources}


def record_of(name: str) -> type:
    return RECORDS.get(name) or (schema.Park if name.startswith("parks/") else schema.NewsItem)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """The lines taken out and put in."""
    out, put = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            out.append(line[2:])
        elif line.startswith("+ "):
            put.append(line[2:])
    return out, put


def comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


@pytest.mark.parametrize("name", SHEETS)
def test_a_sheet_sent_back_unchanged_is_written_byte_for_byte(name):
    text = SHEETS[name].read_text(encoding="utf-8")
    assert rewrite(text, with_origins(read_tree(text)), record_of(name)) == text


def test_a_changed_figure_and_chinese_text_change_only_their_lines():
    text = SHEETS["parks/smart-medical.yaml"].read_text(encoding="utf-8")
    tree = with_origins(read_tree(text))
    tree["facts"][0].value["value"] = "18000"
    tree["name"]["zh"] = "智慧医疗产业园区"
    after = rewrite(text, tree, schema.Park)
    assert changed_lines(text, after) == (["  zh: 智慧医疗产业园", "    value: 17000"],
                                          ["  zh: 智慧医疗产业园区", "    value: 18000"])


SHEET = """\
# The park's own notes: keep them.
id: park-a
as_of: 2021-04   # the newspaper's month
name: {zh: 甲产业园, en: "Park A, the first"}
chain: chain-a
summary:
  zh: 甲产业园简介。
  en: About park A, a paragraph
    wrapped by hand over
    three lines.

# Figures from page 2.
facts:
  # floor area, from the caption
  - label: {zh: 建筑面积}
    value: 17000
    unit: m2
  # companies, from the last paragraph
  - label: {zh: 企业}
    value: 20
    unit: company   # counted by hand
    qualifier: more-than

# Facilities named in the article.
amenities:
  - zh: 食堂
  - zh: 停车场
contact:
  telephone: 0734-1234567
custom: a field of the operator's own
# end of the sheet
"""


def edited(change) -> str:
    tree = with_origins(read_tree(SHEET))
    change(tree)
    return rewrite(SHEET, tree, schema.Park)


def test_deleting_a_field_keeps_the_comment_above_the_next_one():
    after = edited(lambda tree: tree["facts"][1].value.pop("qualifier"))
    assert changed_lines(SHEET, after) == (["    qualifier: more-than"], [])
    assert comments(after) == comments(SHEET)


def test_adding_a_field_puts_it_in_the_schemas_place_under_its_neighbours_comment():
    after = edited(lambda tree: tree.update(tagline={"zh": "目标：一流园区"}))
    assert "  zh: 甲产业园简介。" in after
    assert after.index("tagline:") < after.index("# Figures from page 2.")
    assert comments(after) == comments(SHEET)
    assert changed_lines(SHEET, after) == ([], ["tagline:", "  zh: 目标：一流园区"])


def test_reordering_entries_moves_their_comments_with_them():
    after = edited(lambda tree: tree["facts"].reverse())
    order = [line.strip() for line in after.splitlines() if "# floor" in line or "# companies" in line
             or "label:" in line]
    assert order == ["# companies, from the last paragraph", "- label: {zh: 企业}",
                     "# floor area, from the caption", "- label: {zh: 建筑面积}"]
    assert sorted(comments(after)) == sorted(comments(SHEET))


def test_removing_an_entry_keeps_every_comment():
    after = edited(lambda tree: tree["facts"].pop(0))
    assert "建筑面积" not in after
    assert comments(after) == comments(SHEET)


def test_an_entry_added_at_the_end_goes_before_the_comment_on_what_follows():
    after = edited(lambda tree: tree["facts"].append(Moved(None, {"label": {"zh": "人才"}, "value": "500",
                                                                     "unit": "person"})))
    assert after.index("人才") < after.index("# Facilities named in the article.")
    assert comments(after) == comments(SHEET)


def test_a_paragraph_wrapped_by_hand_beside_an_edited_line_stays_wrapped():
    after = edited(lambda tree: tree["summary"].update(zh="甲产业园的新简介。"))
    assert changed_lines(SHEET, after) == (["  zh: 甲产业园简介。"], ["  zh: 甲产业园的新简介。"])


def test_a_flow_mapping_is_edited_in_place():
    after = edited(lambda tree: tree["name"].update(zh="乙产业园"))
    assert changed_lines(SHEET, after) == (['name: {zh: 甲产业园, en: "Park A, the first"}'],
                                           ['name: {zh: 乙产业园, en: "Park A, the first"}'])


def test_fields_the_schema_does_not_know_are_kept():
    after = edited(lambda tree: tree.pop("custom"))
    assert "custom: a field of the operator's own" in after


@pytest.mark.parametrize("typed, written", [
    ("18000", "value: 18000"),  # a number stays plain: every plain value is text to the strict loader
    ("0734", "value: 0734"),
    ("null", 'value: "null"'),  # a word YAML reads as "no value" is quoted
    ("a: b", "value: 'a: b'"),
])
def test_new_values_are_written_plain_where_the_strict_loader_reads_them_back_as_typed(typed, written):
    after = edited(lambda tree: tree["facts"][0].value.update(value=typed))
    assert written in after
    assert read_tree(after)["facts"][0]["value"] == typed


def test_line_ends_and_byte_order_mark_are_kept():
    text = "\ufeff" + SHEET.replace("\n", "\r\n")
    tree = with_origins(read_tree(text.removeprefix("\ufeff")))
    tree["facts"][0].value["value"] = "18000"
    after = rewrite(text, tree, schema.Park)
    assert after.startswith("\ufeff") and after.count("\r\n") == after.count("\n")
    assert after.replace("18000", "17000") == text


def test_a_changed_folded_paragraph_is_folded_again():
    text = SHEETS["parks/smart-medical.yaml"].read_text(encoding="utf-8")
    tree = with_origins(read_tree(text))
    tree["summary"]["en"] = "The park " + "is very large and new " * 10 + "indeed."
    after = rewrite(text, tree, schema.Park)
    block = after.split("  en: >-\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(block) > 1 and all(len(line) <= 100 for line in block)
    assert read_tree(after)["summary"]["en"] == tree["summary"]["en"]


LEAVES = st.text(alphabet=st.characters(codec="utf-8", categories=["L", "N", "P", "Zs"]), min_size=1,
                 max_size=40).map(normalised).filter(bool)


def leaf_paths(tree, path=""):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from leaf_paths(value, f"{path}.{key}" if path else key)
    elif isinstance(tree, list):
        for index, value in enumerate(tree):
            yield from leaf_paths(value, f"{path}[{index}]")
    elif isinstance(tree, str):
        yield path


def set_path(tree, path, value):
    steps = [int(i) if i else n for n, i in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path)]
    for step in steps[:-1]:
        tree = tree[step].value if isinstance(tree[step], Moved) else tree[step]
    holder = tree[steps[-1]]
    if isinstance(holder, Moved):
        tree[steps[-1]] = Moved(holder.origin, value)
    else:
        tree[steps[-1]] = value


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_edit_of_values_reads_back_as_asked_and_keeps_every_comment(data):
    text = SHEETS["parks/mobile-internet.yaml"].read_text(encoding="utf-8")
    plain = read_tree(text)
    paths = sorted(leaf_paths(plain))
    chosen = data.draw(st.lists(st.sampled_from(paths), min_size=1, max_size=4, unique=True))
    tree = with_origins(plain)
    wanted = read_tree(text)
    for path in chosen:
        value = data.draw(LEAVES)
        set_path(tree, path, value)
        set_path(wanted, path, value)
    after = rewrite(text, tree, schema.Park)
    assert bare(read_tree(after)) == bare(wanted)
    assert comments(after) == comments(text)
    out, _put = changed_lines(text, after)
    assert len(out) <= 4 * 8  # only the edited values' lines (a folded paragraph has several)


def test_merge3_keeps_my_lines_where_the_edit_did_not_touch_them():
    base = "a\nb joined\nc\nd\n"
    mine = "a\nb\n  joined\nc\nd\n"
    theirs = "a\nb joined\nc\nD\n"
    assert merge3(base, mine, theirs) == "a\nb\n  joined\nc\nD\n"


def test_differences_name_fields_as_problems_do():
    old = {"facts": [{"value": "1"}], "name": {"zh": "甲"}}
    new = {"facts": [{"value": "2"}], "name": {"zh": "甲", "en": "A"}}
    assert differences(old, new) == [("facts[0].value", "1", "2"), ("name.en", None, "A")]


@pytest.mark.parametrize("typed, kept", [
    ("  甲产业园\r\n简介。 ", "甲产业园简介。"),  # a line break between Chinese characters is nothing
    ("About\npark A", "About park A"),
    ("e\u0301", "é"),  # NFC, as the loader reads files
])
def test_text_from_the_browser_is_one_paragraph(typed, kept):
    assert normalised(typed) == kept
