"""Every sentence true as printed: sheets made with a plan, a year-end target, a figure only one
park gives, a value awaiting confirmation and prose that no figure holds any more, built in both
languages, and the PDFs read back with pypdf (in the order they are drawn: a table row by row)
to show that each prints as what it is."""

import pytest
from pypdf import PdfReader

from briefing.pipeline.options import output

from helpers import PARK, SOURCES, apart_from_no_contact, write
from helpers import build_all as build
from pdfcheck import pdf_problems

ZONE = """\
id: zone
as_of: 2021-04
name: {zh: 测试高新区, en: Test Zone}
summary: {zh: 简介。, en: Summary.}
chains:
  - id: chain-a
    name: {zh: 甲产业链, en: Chain A}
    park: park-a
  - id: chain-b
    name: {zh: 乙产业链, en: Chain B}
    park: park-b
"""

# Park A: a plan (a target said by the operator's head, no deadline), a year-end target (an
# alliance by the end of 2021), companies signed (a figure park B does not give), an operator
# whose name awaits confirmation, and a summary whose floor area no figure holds any more.
PARK_A = """\
id: park-a
as_of: 2021-04
name: {zh: 甲产业园, en: Park A}
short_name: {zh: 甲园, en: Park A}
chain: chain-a
summary:
  zh: 甲产业园总建筑面积4.2万平方米。
  en: Park A has 42,000 square metres of floor space.
facts:
  - label: {zh: 总建筑面积, en: Total floor area}
    value: 45000
    unit: m2
    source: article
    highlight: true
opening:
  date: 2021-05
  expected: true
  source: article
operator:
  name:
    zh: 湖南南甲运营有限公司
    en: Hunan Nanjia Operation Co., Ltd.
    unconfirmed: the source breaks the line inside the name
    meanwhile: {zh: 园区运营公司（名称待核实）, en: The park’s operating company (name to be confirmed)}
targets:
  - label: {zh: 园区年产值, en: Annual output of the park}
    value: 2000000000
    unit: yuan
    said_by:
      zh: 运营方负责人张三
      en: Zhang San, head of the operator
    source: article
    highlight: true
companies:
  - stage: signed
    count:
      label: {zh: 已签约入驻企业, en: Companies signed to move in}
      value: 20
      unit: company
      qualifier: more-than
      source: article
      highlight: true
goals:
  - name: {zh: 产业联盟, en: Industry alliance}
    description: {zh: 组建产业联盟。, en: Set up an industry alliance.}
    target:
      label: {zh: 加入联盟的企业, en: Companies joining the alliance}
      value: 100
      unit: company
      qualifier: expected
      source: article
    by: 2021-end
    said_by:
      zh: 运营方负责人张三
      en: Zhang San, head of the operator
    source: article
"""

PARK_B = """\
id: park-b
as_of: 2021-04
name: {zh: 乙产业园, en: Park B}
short_name: {zh: 乙园, en: Park B}
chain: chain-b
summary:
  zh: 乙产业园建筑面积1.7万平方米。
  en: Park B has 17,000 square metres of floor space.
facts:
  - label: {zh: 建筑面积, en: Floor area}
    value: 17000
    unit: m2
    source: article
"""


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The sheets built into PDFs in both languages (every document), with the build's outcome."""
    root = tmp_path_factory.mktemp("statements")
    data = root / "data"
    write(data / "sources.yaml", SOURCES)
    write(data / "zone.yaml", ZONE)
    write(data / "parks" / "park-a.yaml", PARK_A)
    write(data / "parks" / "park-b.yaml", PARK_B)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_TODAY", "2021-05-15")
        project, documents = build(data, root / "out")
    return data, project, {document.name: document.path for document in documents}


def text(made, name: str, flat: bool = True, pages: slice = slice(None)) -> str:
    """A PDF's text (of ``pages``): for Chinese every space dropped (a figure set across two
    lines, or spaced from the Han beside it, still counts), for English one space between words."""
    path = made[2][name]
    assert pdf_problems(path) == []
    words = " ".join(page.extract_text() for page in PdfReader(path).pages[pages])
    return "".join(words.split()) if flat else " ".join(words.split())


def cover(made, name: str, flat: bool = True) -> str:
    return text(made, name, flat, slice(0, 1))


# -- a plan stays a plan ----------------------------------------------------------------------

def test_a_plan_prints_as_a_target_with_its_speaker(made):
    zh, en = cover(made, "park-park-a-zh.pdf"), cover(made, "park-park-a-en.pdf", flat=False)
    # A key figure's row of numbers (a qualifier above each), then the row of their labels.
    assert "20多家目标20亿元" in zh and "已签约入驻企业园区年产值（据运营方负责人张三介绍）" in zh
    assert "20 companies target RMB 2 billion" in en
    assert "Companies signed to move in Annual output of the park (according to Zhang San, head of the operator)" in en
    # In the park's targets table, the speaker is said once, above the targets.
    assert "发展目标据运营方负责人张三介绍指标目标值园区年产值20亿元" in text(made, "park-park-a-zh.pdf")
    assert "Targets According to Zhang San, head of the operator Indicator Target figure Annual output of the park" \
        in text(made, "park-park-a-en.pdf", flat=False)


def test_a_plan_is_dated_by_when_it_is_to_be_reached_not_as_of(made):
    zh, en = text(made, "zone-zone-zh.pdf"), text(made, "zone-zone-en.pdf", flat=False)
    assert "截至目标期限来源" in zh and "As of Target by Source" in en  # the provenance table's columns
    assert "目标：园区年产值（据运营方负责人张三介绍）20亿元—未说明[1]" in zh
    assert "Target: Annual output of the park (according to Zhang San, head of the operator) RMB 2 billion — " \
           "not given [1]" in en
    assert "总建筑面积4.5万平方米2021年4月—[1]" in zh  # a fact: as of, no deadline
    assert "目标：加入联盟的企业（据运营方负责人张三介绍）预计100家—至2021年底[1]" in zh


# -- a year-end target keeps its precision ----------------------------------------------------

def test_a_year_end_target_is_the_end_of_the_year_not_december(made):
    for lang, words, wrong in (("zh", "至2021年底", "2021年12月"), ("en", "by the end of 2021", "December 2021")):
        for name in (f"park-park-a-{lang}.pdf", f"zone-zone-{lang}.pdf"):
            printed = text(made, name, flat=lang == "zh")
            assert words in printed and wrong not in printed, name
    assert "预计100家加入联盟的企业（至2021年底；据运营方负责人张三介绍）" in text(made, "park-park-a-zh.pdf")
    assert "100家" in text(made, "park-park-a-zh.pdf")
    assert "expected 100 companies Companies joining the alliance (by the end of 2021; according to Zhang San, " \
           "head of the operator)" in text(made, "park-park-a-en.pdf", flat=False)


# -- a "total" only one park gives is that park's figure --------------------------------------

def test_a_figure_only_one_park_gives_is_named_as_that_parks(made):
    zh, en = text(made, "zone-zone-zh.pdf"), text(made, "zone-zone-en.pdf", flat=False)
    assert "6.2万平方米20多家高新区承载的产业链各园建筑面积合计已签约入驻企业（甲园）" in cover(made, "zone-zone-zh.pdf")
    assert "Floor area of the parks together Companies signed to move in (Park A)" in cover(made, "zone-zone-en.pdf",
                                                                                           flat=False)
    assert "20多家（仅甲园）" in zh and "more than 20 companies (Park A only)" in en  # the comparison's total column
    for wrong in ("已签约入驻企业合计", "20家以上", "Companies signed to move in, all parks", "at least 20"):
        assert wrong not in zh and wrong not in en
    assert "建筑面积4.5万平方米1.7万平方米6.2万平方米" in zh  # both parks give a floor area: a real total


# -- a value awaiting confirmation is not printed as certain ----------------------------------

def test_an_unconfirmed_name_prints_its_stand_in_everywhere(made):
    for name in made[2]:
        if name.endswith(".pdf"):
            flat = "-zh" in name
            printed = text(made, name, flat=flat)
            assert "湖南南甲运营有限公司" not in printed and "Nanjia" not in printed, name
    assert "园区运营公司（名称待核实）" in text(made, "park-park-a-zh.pdf")
    assert "The park’s operating company (name to be confirmed)" in text(made, "park-park-a-en.pdf", flat=False)


def test_an_unconfirmed_value_is_a_warning_and_awaits_confirmation(made):
    data, project, _ = made
    found = [str(p) for p in project.problems.warnings if p.where.field == "operator.name.unconfirmed"]
    assert found == [f"{data}/parks/park-a.yaml:23: operator.name.unconfirmed: warning: '湖南南甲运营有限公司' awaits "
                     "confirmation (the source breaks the line inside the name); documents print '园区运营公司（名称待核实）' "
                     "/ 'The park’s operating company (name to be confirmed)' instead; once confirmed, correct it and "
                     "delete unconfirmed: and meanwhile:"]


# -- prose checked against figures ------------------------------------------------------------

def test_prose_that_no_figure_holds_is_a_warning_naming_both_places(made):
    data, project, _ = made
    stale = [str(p) for p in project.problems.warnings if p.where.field.startswith("summary")]
    assert stale == [
        f"{data}/parks/park-a.yaml:7: summary.zh: warning: says 4.2万平方米, which no figure of this sheet holds "
        "(facts[0].value (line 11) is 45000); correct the text or the figure, so the page does not say two things",
        f"{data}/parks/park-a.yaml:8: summary.en: warning: says 42,000 square metres, which no figure of this sheet "
        "holds (facts[0].value (line 11) is 45000); correct the text or the figure, so the page does not say two "
        "things"]
    assert [p for p in apart_from_no_contact(project.problems.warnings) if "park-b.yaml" in p.where.path] == []  # 1.7万 is its figure


# -- the as-of date where an expected date is read -------------------------------------------

@pytest.mark.parametrize("lang, status", [
    ("zh", "资料截至2021年4月，预计2021年5月开园"),
    ("en", "Facts as of April 2021 · Expected to open in May 2021"),
])
def test_the_cover_gives_the_as_of_date_before_the_expected_opening(made, lang, status):
    for name in (f"park-park-a-{lang}.pdf", f"flyer-park-a-{lang}-a4.pdf", f"flyer-park-a-{lang}-a5.pdf"):
        printed = cover(made, name, flat=lang == "zh")
        assert (status.replace(" ", "") if lang == "zh" else status) in printed, name


def test_a_visit_after_the_expected_dates_is_warned(made, tmp_path):
    from briefing.pipeline.build import build as make
    from briefing.pipeline.options import Request, Selection

    data = made[0]
    visit = output(visitor="考察团", date="2022-03-01")
    outcome = make(Request(data, tmp_path / "out", Selection.of_parks(("park-a",)), ("zh",), visit, force=True))
    late = [line for line in outcome.warnings if "the visit (--date)" in line]
    assert late == [
        f"{data}/parks/park-a.yaml:16: opening.date: warning: the visit (--date) on 2022-03-01 is after the expected "
        "opening, 2021-05, which the sheet (as of 2021-04) still looks forward to; the documents would print it as "
        "still to come: ask the operator what happened and update the sheet",
        f"{data}/parks/park-a.yaml:52: goals[0].by: warning: the visit (--date) on 2022-03-01 is after the deadline of "
        "a target, 2021-end, which the sheet (as of 2021-04) still looks forward to; the documents would print it as "
        "still to come: ask the operator what happened and update the sheet"]


def test_strict_refuses_a_visit_after_an_expected_opening_before_anything_is_made(data_dir, tmp_path):
    from briefing.errors import InvalidData
    from briefing.pipeline.build import build as make
    from briefing.pipeline.options import Request, Selection

    # a contact, so that --strict has nothing else to refuse (lint.no_contact)
    write(data_dir / "parks" / "park-a.yaml", PARK + "opening:\n  date: 2021-05\n  expected: true\ncontact: {wechat: park-a}\n")
    made_before = make(Request(data_dir, tmp_path / "before", Selection.of_parks(("park-a",)), ("zh",),
                               output(visitor="考察团", date="2021-04-30"), strict=True))
    assert made_before.warnings == [] and made_before.documents  # a visit before the opening: nothing to say
    with pytest.raises(InvalidData, match=r"park-a\.yaml:12: opening\.date: warning: the visit \(--date\) on 2021-06-01"):
        make(Request(data_dir, tmp_path / "after", Selection.of_parks(("park-a",)), ("zh",),
                     output(visitor="考察团", date="2021-06-01"), strict=True))
    assert not list((tmp_path / "after").glob("*.pdf"))


def test_an_unconfirmed_value_without_a_stand_in_is_printed_marked(data_dir, tmp_path):
    sheet = PARK.replace("name: {zh: 甲产业园, en: Park A}", "name: {zh: 甲产业园, en: Park A, unconfirmed: 待核实}")
    write(data_dir / "parks" / "park-a.yaml", sheet + "    highlight: true\n    unconfirmed: 原文数字模糊\n")
    _, documents = build(data_dir, tmp_path / "out", ("park-a",))
    paths = {document.name: document.path for document in documents}
    made_here = (data_dir, None, paths)
    assert "甲产业园（待核实）" in cover(made_here, "park-park-a-zh.pdf")
    assert "1.7万平方米建筑面积（待核实）" in cover(made_here, "park-park-a-zh.pdf")
    assert "Park A (to be confirmed)" in cover(made_here, "park-park-a-en.pdf", flat=False)
    assert "1.7万平方米（待核实）" in text(made_here, "park-park-a-zh.pdf")  # in the location table
