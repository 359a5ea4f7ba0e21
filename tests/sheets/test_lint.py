"""Each lint fires on a sheet made for it, stays quiet on the shipped data, and places its finding."""

import pytest

from briefing.errors import BriefingError, Severity
from briefing.sheets import lint
from briefing.sheets.project import load_project

from helpers import DATA, PARK, ZONE, apart_from_no_contact, shipped_park_ids, write


def findings(data_dir):
    """Warnings and notes as 'file:line: field: kind: message', paths from the data folder."""
    problems = load_project(data_dir).problems
    assert problems.errors == []
    return [str(p).replace(str(data_dir) + "/", "") for p in apart_from_no_contact(problems.items)]


def park(data_dir, text):
    write(data_dir / "parks" / "park-a.yaml", text)
    return findings(data_dir)


def test_quiet_on_the_fixture(data_dir):
    assert findings(data_dir) == []


def test_shipped_data_has_only_the_unconfirmed_name_the_taglines_aim_and_no_contact():
    """The source names no one to call, and the shipped sheets invent no one: both flyers warn."""
    fields = [(p.where.path.rsplit("/", 1)[-1], p.where.field, p.severity is Severity.NOTE)
              for p in load_project(DATA).problems.items]
    assert fields == [("mobile-internet.yaml", "contact", False), ("mobile-internet.yaml", "operator.name.unconfirmed", False),
                      ("smart-medical.yaml", "contact", False), ("smart-medical.yaml", "tagline.zh", True),
                      ("smart-medical.yaml", "tagline.en", True)]


def test_figure_without_source(data_dir):
    assert park(data_dir, PARK.replace("    source: article\n", "")) == [
        "parks/park-a.yaml:7: facts[0]: warning: figure without a source; add source: with the id of its entry "
        "in sources.yaml, so readers can check it"]


def test_expected_opening_before_as_of(data_dir):
    sheet = PARK.replace("as_of: 2021-04", "as_of: 2021-09") + "opening:\n  date: 2021-07\n  expected: true\n"
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:12: opening.date: warning: 2021-07 is still marked expected but is before the sheet's "
        "as_of 2021-09; give the new date, or say it happened (expected: false)"]


@pytest.mark.parametrize("date, expected", [("2021-07", "false"), ("2021-09", "true"), ("2021-09-30", "true")])
def test_expected_opening_not_past_or_not_expected(data_dir, date, expected):
    sheet = PARK.replace("as_of: 2021-04", "as_of: 2021-09") + f"opening:\n  date: {date}\n  expected: {expected}\n"
    assert park(data_dir, sheet) == []


def test_expected_goal_target_before_as_of(data_dir):
    goal = """\
goals:
  - name: {zh: 联盟, en: Alliance}
    description: {zh: 组建联盟。, en: Set up an alliance.}
    target:
      label: {zh: 企业, en: Companies}
      value: 100
      unit: company
      qualifier: expected
      source: article
    by: 2021-03
"""
    assert park(data_dir, PARK + goal) == [
        "parks/park-a.yaml:20: goals[0].by: warning: 2021-03 is still marked expected but is before the sheet's "
        "as_of 2021-04; give the new date, or say it happened (expected: false)"]


def test_stale_as_of(data_dir, monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", "2022-05-01")  # 2021-04 ends 2021-04-30: a year and a day
    warning = ("as_of: warning: the facts are as of 2021-04, more than a year before today (2022-05-01); "
               "check them against a newer source and update as_of")
    assert findings(data_dir) == [f"zone.yaml:2: {warning}", f"parks/park-a.yaml:2: {warning}"]


def test_as_of_a_year_old_to_the_day_is_not_stale(data_dir, monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", "2022-04-30")
    assert findings(data_dir) == []


def test_shipped_data_is_stale_by_the_real_clock(monkeypatch):
    monkeypatch.delenv("BRIEFING_TODAY")
    stale = [p.where.field for p in load_project(DATA).problems.warnings if "more than a year" in p.message]
    assert stale == ["as_of"] * (1 + len(shipped_park_ids()))  # the zone and each park: the article is from 2021


def test_bad_clock_variable_is_a_message(data_dir, monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", "tomorrow")
    with pytest.raises(BriefingError, match="BRIEFING_TODAY='tomorrow' is not a date: expected YYYY-MM-DD"):
        load_project(data_dir)


def test_text_without_english(data_dir):
    assert park(data_dir, PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}", "summary: {zh: 甲产业园简介。}")) == [
        "parks/park-a.yaml:5: summary: warning: has no English (en:); add it, or the English edition shows "
        "the Chinese"]


def test_placeholder_left_from_new(data_dir):
    assert park(data_dir, PARK.replace("en: About park A.", f"en: {lint.PLACEHOLDER_EN}")) == [
        "parks/park-a.yaml:5: summary: warning: still holds the placeholder written by `briefing new`; "
        "replace it with the fact, or remove the field"]


@pytest.mark.parametrize("term", ["最", "第一", "国家级", "顶级", "极致", "唯一", "最佳"])
def test_absolute_term_as_claim(data_dir, term):
    sheet = PARK + f"tagline: {{zh: 华中{term}的产业园, en: A park in central China}}\n"
    assert park(data_dir, sheet) == [
        f"parks/park-a.yaml:11: tagline.zh: warning: uses the absolute term '{term}', which China's Advertising "
        "Law (Art. 9) forbids in promotion material; say it with a checkable fact"]


def test_absolute_term_in_english(data_dir):
    sheet = PARK + "tagline: {zh: 华中的产业园, en: The best park in central China}\n"
    assert [f.split(": warning: ")[1][:29] for f in park(data_dir, sheet)] == ["uses the absolute term 'best'"]


def test_absolute_term_in_an_aim_is_a_note(data_dir):
    sheet = PARK + "tagline: {zh: 目标：华中最具价值的产业园, en: Aiming to become the most valuable park}\n"
    write(data_dir / "parks" / "park-a.yaml", sheet)
    problems = load_project(data_dir).problems
    assert apart_from_no_contact(problems.warnings) == []
    assert [str(p).split(": note: ")[1] for p in problems.notes] == [
        "uses the absolute term '最' in a stated aim (目标); allowed as an aim, not as a claim: keep it worded as an aim",
        "uses the absolute term 'the most' in a stated aim (Aiming); allowed as an aim, not as a claim: "
        "keep it worded as an aim"]


@pytest.mark.parametrize("text", ["衡阳国家高新区的产业园", "园区是国家级高新区的一部分", "第一批企业已入驻",
                                  "最终将建成", "第一产业"])
def test_not_claims(data_dir, text):
    assert park(data_dir, PARK + f"tagline: {{zh: {text}, en: Text}}\n") == []


def test_names_are_not_claims(data_dir):
    write(data_dir / "zone.yaml", ZONE.replace("name: {zh: 测试高新区", "name: {zh: 第一高新区"))
    assert findings(data_dir) == []


def test_absolute_in_reports_each_term_once_longest_first():
    assert lint.absolute_in("最高级的最好产品，最好", "zh") == ["最高级", "最"]


def test_straight_quotes_in_english(data_dir):
    sheet = PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}",
                         "summary: {zh: 甲产业园简介。, en: \"The park's summary.\"}")
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:5: summary.en: warning: has a straight quote; write ’ for an apostrophe and “ ” or ‘ ’ "
        "around a quotation"]


def test_typographic_quotes_in_english_pass(data_dir):
    assert park(data_dir, PARK.replace("en: About park A.", "en: The park’s “summary”.")) == []


def test_source_without_english(data_dir):
    from helpers import SOURCES
    write(data_dir / "sources.yaml", SOURCES.replace("title: {zh: 标题, en: Title}", "title: {zh: 标题}"))
    assert findings(data_dir) == [
        "sources.yaml:4: sources[0].title: warning: has no English (en:); add it, or the English edition shows "
        "the Chinese"]


# -- plans written as facts -------------------------------------------------------------------

TARGET = """\
targets:
  - label: {zh: 计划引入企业, en: Companies to be brought in}
    value: 20
    unit: company
    source: article
"""


def test_a_target_under_targets_needs_no_status(data_dir):
    assert park(data_dir, PARK + TARGET) == []


def test_a_plan_under_facts_is_a_warning(data_dir):
    fact = "  - label: {zh: 计划引入企业, en: Companies to be brought in}\n    value: 20\n    unit: company\n" \
           "    source: article\n"
    assert park(data_dir, PARK + fact) == [
        "parks/park-a.yaml:11: facts[1].label: warning: reads as a plan (计划), but the figure is current and would "
        "print as achieved; set status: target (or move it under targets), or reword the label"]
    assert park(data_dir, PARK + fact + "    status: target\n") == []


def test_a_quoted_name_is_not_a_plan(data_dir):
    fact = "  - label: {zh: 以“1号成长计划”服务的项目, en: Projects served with its “growth plan”}\n" \
           "    value: 600\n    unit: project\n    source: article\n"
    assert park(data_dir, PARK + fact) == []


@pytest.mark.parametrize("extra, field, message", [
    ("    by: 2021-end\n", "by", "only a target has by:, but this figure is current; set status: target (or move it "
                                 "under targets), or delete by:"),
    ("    said_by: {zh: 负责人, en: The head}\n", "said_by", "only a target has said_by:, but this figure is current; set status: "
                                            "target (or move it under targets), or delete said_by:"),
    ("    qualifier: expected\n", "qualifier", "expected (预计) is a forecast, but the figure is current; set status: "
                                               "target (or move it under targets)"),
])
def test_what_only_a_target_has_on_a_current_figure(data_dir, extra, field, message):
    assert park(data_dir, PARK + extra) == [f"parks/park-a.yaml:11: facts[0].{field}: warning: {message}"]


def test_status_current_under_targets_is_a_warning(data_dir):
    assert park(data_dir, PARK + TARGET + "    status: current\n") == [
        "parks/park-a.yaml:16: targets[0].status: warning: says current, but a figure under targets (or a goal's "
        "target) is a target; delete status:, or move the figure to facts if it is a fact"]


def test_a_targets_deadline_before_as_of(data_dir):
    sheet = PARK.replace("as_of: 2021-04", "as_of: 2022-01") + TARGET + "    by: 2021-end\n"
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:16: targets[0].by: warning: 2021-end is still marked expected but is before the sheet's "
        "as_of 2022-01; give the new date, or say it happened (expected: false)"]


# -- values awaiting confirmation ---------------------------------------------------------------

def test_an_unconfirmed_text_without_a_stand_in(data_dir):
    sheet = PARK.replace("name: {zh: 甲产业园, en: Park A}", "name: {zh: 甲产业园, en: Park A, unconfirmed: 名称待核实}")
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:3: name.unconfirmed: warning: '甲产业园' awaits confirmation (名称待核实); documents print it "
        "marked “to be confirmed”; once confirmed, correct it and delete unconfirmed:"]


def test_a_stand_in_without_a_doubt(data_dir):
    sheet = PARK.replace("name: {zh: 甲产业园, en: Park A}", "name: {zh: 甲产业园, en: Park A, meanwhile: {zh: 乙, en: B}}")
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:3: name.meanwhile: warning: is printed only while the value is unconfirmed; add "
        "unconfirmed: with what is in doubt, or delete meanwhile:"]


def test_an_unconfirmed_figure(data_dir):
    assert park(data_dir, PARK + "    unconfirmed: 原文数字模糊\n") == [
        "parks/park-a.yaml:11: facts[0].unconfirmed: warning: 建筑面积 awaits confirmation (原文数字模糊); documents "
        "print it marked “to be confirmed”; once confirmed, delete unconfirmed:"]


def test_strict_refuses_a_value_awaiting_confirmation(data_dir):
    from briefing.pipeline.build import check
    write(data_dir / "parks" / "park-a.yaml", PARK + "    unconfirmed: 原文数字模糊\n")
    check(data_dir)  # a warning: the build goes on
    with pytest.raises(BriefingError, match=r"facts\[0\]\.unconfirmed: warning"):
        check(data_dir, strict=True)


def test_awaiting_confirmation_lists_each_value():
    value = load_project(DATA).parks["mobile-internet"]
    assert [(path, text) for path, text, _ in lint.awaiting_confirmation(value)] == [
        ("operator.name", "湖南南前瞻企业运营管理有限公司")]


# -- prose against figures -----------------------------------------------------------------

@pytest.mark.parametrize("text, found", [
    ("总建筑面积4.2万平方米，10亿元基金", [("4.2万平方米", 42000, {"m2"}), ("10亿元", 1e9, {"yuan"})]),
    ("20多家企业，10余家，1亿元以上，10多亿元", [("20多家", 20, {"company"}), ("10余家", 10, {"company"}),
                                      ("1亿元", 1e8, {"yuan"}), ("10多亿元", 1e9, {"yuan"})]),
    ("国内17个城市，162名干部职工", [("17个", 17, lint._COUNTERS), ("162名", 162, {"person"})]),
    ("2020年9月28日，6#商务楼，1号成长计划，12345工作法，第3个", []),  # dates, ordinals and names are not amounts
    ("0.7万平方米", [("0.7万平方米", 0.7 * 10_000, {"m2"})]),
])
def test_amounts_in_chinese(text, found):
    assert list(lint.amounts(text, "zh")) == found


@pytest.mark.parametrize("text, found", [
    ("42,000 square metres and RMB 1 billion", [("42,000 square metres", 42000, {"m2"}), ("RMB 1 billion", 1e9, {"yuan"})]),
    ("more than 20 companies in 17 cities", [("20 companies", 20, {"company"}), ("17 cities", 17, {"city"})]),
    ("In 2020, the 14th Five-Year Plan, Building No. 6, Branch 4", []),
])
def test_amounts_in_english(text, found):
    assert list(lint.amounts(text, "en")) == found


def test_prose_matches_a_figure_whatever_the_floats_last_bit(data_dir):
    sheet = PARK.replace("value: 17000\n    unit: m2", "value: 110000000\n    unit: yuan").replace(
        "summary: {zh: 甲产业园简介。, en: About park A.}", "summary: {zh: 基金规模1.1亿元。, en: About.}")
    assert 1.1 * 100_000_000 != 110_000_000 and park(data_dir, sheet) == []


def test_prose_that_a_figure_holds_is_quiet(data_dir):
    sheet = PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}",
                         "summary:\n  zh: 建筑面积1.7万平方米。\n  en: It has 17,000 m² of floor space.")
    assert park(data_dir, sheet) == []


def test_prose_without_any_figure_of_its_unit(data_dir):
    sheet = PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}", "summary: {zh: 已有30多家企业入驻。, en: About.}")
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:5: summary.zh: warning: says 30多家, but no figure of this sheet is counted in company; "
        "add it as a figure with its source, or take the number out of the text"]


def test_shipped_prose_matches_its_figures():
    assert [p for p in load_project(DATA).problems.items if "no figure of this sheet" in p.message] == []


# -- the occasion -----------------------------------------------------------------------------

def test_overtaken_dates_of_the_parks_named(data_dir):
    sheet = PARK + "opening:\n  date: 2021-05\n  expected: true\n" + TARGET + "    by: 2021-end\n"
    write(data_dir / "parks" / "park-a.yaml", sheet)
    project = load_project(data_dir)
    import datetime
    late = lint.overtaken(project, ["park-a"], datetime.date(2021, 6, 1))
    assert [(str(found.where).replace(str(data_dir) + "/", ""), found.target) for found in late] == [
        ("parks/park-a.yaml:12: opening.date", None)]
    later = lint.overtaken(project, ["park-a", "no-such-park"], datetime.date(2022, 1, 1))
    assert [(found.where.field, str(found.date), found.target and found.target.value) for found in later] == [
        ("opening.date", "2021-05", None), ("targets[0].by", "2021-end", 20)]
    assert lint.overtaken(project, ["park-a"], datetime.date(2021, 5, 31)) == []  # the month's last day is not after


# -- traps an operator fell into (issue 19) ------------------------------------------------

@pytest.mark.parametrize("as_of", ["2199-12", "2199-01"])
def test_the_last_plausible_months_do_not_crash_the_checks(data_dir, as_of):
    """9999-12 raised 'year 10000 is out of range' in _last_day, 9999-01 an OverflowError in
    stale_as_of; such years are now refused by validation, and the checks are safe at its edge."""
    sheet = PARK.replace("as_of: 2021-04", f"as_of: {as_of}") + f"opening:\n  date: {as_of}\n  expected: true\n"
    assert park(data_dir, sheet) == []


def test_last_day_of_december():
    from briefing.sheets.schema import PartialDate

    assert str(lint._last_day(PartialDate(9999, 12))) == "9999-12-31"
    assert str(lint._last_day(PartialDate(2024, 2))) == "2024-02-29"


@pytest.mark.parametrize("qualifier", ["more-than", "over", "at-least"])
def test_a_range_with_an_open_qualifier(data_dir, qualifier):
    """The template's max and qualifier left in an uncommented block printed 6～5万多平方米."""
    sheet = PARK.replace("    value: 17000\n", f"    value: 6\n    max: 50\n    qualifier: {qualifier}\n")
    assert park(data_dir, sheet) == [
        f"parks/park-a.yaml:9: facts[0].max: warning: a range (value 6 to max 50) with qualifier {qualifier} prints "
        "as “6～50” and “more than” at once; keep max for a range or the qualifier for an open figure, and delete "
        "the other"]


def test_a_range_spanning_orders_of_magnitude(data_dir):
    sheet = PARK.replace("    value: 17000\n", "    value: 6\n    max: 50000\n")
    assert park(data_dir, sheet) == [
        "parks/park-a.yaml:9: facts[0].max: warning: the range 6 to 50000 spans more than 100 times its low end; "
        "check max (an example value left from the template?)"]


def test_a_plain_range_is_fine(data_dir):
    assert park(data_dir, PARK.replace("    value: 17000\n", "    value: 40000\n    max: 50000\n")) == []


def test_a_park_on_a_chain_paired_with_another_park(data_dir):
    """A new park silently got the zone's first chain; its cover said it served that chain."""
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("park-a", "park-b").replace("甲产业园", "乙产业园"))
    assert findings(data_dir) == [
        "parks/park-b.yaml:4: chain: warning: chain-a is the chain zone.yaml pairs with the park park-a, not with "
        "this one; give this park's own chain (add it to the chains in zone.yaml, with park: park-b), or pair it "
        "there"]


PROGRAMME = "programme:\n  name: {zh: %s, en: Programme}\n  description: {zh: 说明。, en: About it.}\n"


def test_a_programme_named_for_other_counts(data_dir):
    """The overview kept 两链两园 over three parks."""
    write(data_dir / "zone.yaml", ZONE + PROGRAMME % "一链两园")
    assert findings(data_dir) == [
        "zone.yaml:10: programme.name: warning: 一链两园 counts 1 chains and 2 parks, but zone.yaml lists 1 chains "
        "and data/parks holds 1 parks; rename the programme (both languages) or bring the chains and parks in line"]


def test_a_programme_named_for_its_counts(data_dir):
    write(data_dir / "zone.yaml", ZONE + PROGRAMME % "一链一园")
    assert findings(data_dir) == []


def test_a_broken_park_sheet_is_not_counted_as_a_missing_park(data_dir):
    """With one park sheet in error, 一链一园 is not 'holds 0 parks': the error is said on its own."""
    write(data_dir / "zone.yaml", ZONE + PROGRAMME % "一链一园")
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("summary:", "sumary:"))
    problems = load_project(data_dir).problems
    assert [p.where.field for p in problems.errors] == ["sumary"]
    assert [p for p in problems.items if p.where.field == "programme.name"] == []
