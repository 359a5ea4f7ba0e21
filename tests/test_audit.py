"""The layout audit (tools/audit.py) holds every threshold of the designed pages on every shipped
document, on A4, A5 and Letter, in Chinese and English, and on the A6 card; on a synthetic zone
of ten parks too. And it can fail: each of its checks finds what it is there to find."""

from __future__ import annotations

import sys

import pytest

from briefing.pipeline.options import LANGUAGES

from helpers import DATA, REPO

sys.path.insert(0, str(REPO / "tools"))
sys.path.insert(0, str(REPO / "benchmarks"))
import audit
from synthetic import make_zone


@pytest.fixture(scope="module")
def audits():
    return audit.audit_project(DATA)


def test_every_shipped_document_meets_every_threshold(audits):
    parks = len(list((DATA / "parks").glob("*.yaml")))
    # Each paper and language (Simplified, English, Traditional): every park's brochure and flyer, and
    # the overview; the A6 card once a language.
    languages = len(LANGUAGES)
    assert len(audits) == 3 * languages * (2 * parks + 1) + languages * parks
    problems = [problem for result in audits for problem in result.problems()]
    assert problems == []


def test_english_is_measured_on_enough_lines_and_holds_its_targets(audits):
    """The word-space and measure checks ran on real lines: every English brochure and overview
    has justified lines, spaced at most 0.30 em (median) and 0.45 em (widest), 60 to 75
    characters long."""
    english = [result for result in audits if result.lang == "en" and result.document.split()[0] in
               ("brochure", "overview")]
    assert english
    for result in english:
        assert len(result.gaps) > 50, result.name
        assert audit.statistics.median(result.gaps) <= 0.30 and max(result.gaps) <= 0.45, result.name
        assert 60 <= audit.statistics.median(result.measure) <= 75, result.name


def test_type_floors_hold_on_every_paper(audits):
    for result in audits:
        assert result.smallest >= 7.0, result.name
        if result.body:
            assert result.body >= {"A4": 8.5, "Letter": 8.5, "A5": 8.0, "A6": 8.0}[result.paper], result.name


def test_the_english_flyer_keeps_its_summary(audits):
    """The summary is the last thing a flyer leaves out but the status line; the shipped
    English flyers keep it on every paper (whatever else their notes say they left out)."""
    flyers = [result for result in audits if result.document.startswith(("flyer", "card"))]
    assert flyers
    for result in flyers:
        assert not any(note.startswith("left out the summary") for note in result.notes), (result.name, result.notes)


def test_a_synthetic_zone_of_ten_parks_meets_every_threshold(tmp_path):
    """Ten parks: the overview's comparison in tables of four parks, ten chapters; on A4 in both
    languages, and the A5 English overview (the narrowest measure of tables)."""
    data = make_zone(10, tmp_path / "zone-10")
    audits = audit.audit_project(data, papers=("A4",), languages=("zh", "en"), kinds=("overview",))
    audits += audit.audit_project(data, papers=("A5",), languages=("en",), kinds=("overview",))
    assert [result.pages > 20 for result in audits] == [True] * 3
    assert [problem for result in audits for problem in result.problems()] == []


# -- the checks can fail -----------------------------------------------------------------------

def line(text: str, spaced: bool = False, hyphen: bool = False, next_char: str = "") -> audit.Line:
    return audit.Line(text, 9.0, False, hyphen, spaced, next_char, [])


@pytest.mark.parametrize("end, following, found", [
    (line("the compani"), "es signed", "a word or number"),
    (line("a well-"), "designed park", ""),  # after a compound's own hyphen
    (line("incuba", hyphen=True), "tion centre", ""),  # hyphenated: allowed in running text
    (line("worth RMB 1", spaced=True), "billion in all", "a number and its unit"),
    (line("at least RMB", spaced=True), "100 million", "a currency and its amount"),
    (line("on 28", spaced=True), "September 2020", "a date"),
    (line("in September", spaced=True), "2020 the city", "a date"),
    (line("面积5.9万平方"), "米", "a number and its unit"),
    (line("园区预"), "计100家", "a qualifier"),
    (line("2021年"), "4月24日", "a date"),
    (line("the park", spaced=True), "opens in May", ""),
])
def test_the_audit_finds_what_splits_at_a_line_end(end, following, found):
    assert audit._split(end, following, inside_word=False) == found


def test_the_audit_finds_a_chinese_word_split_in_a_cell():
    assert audit._split(line("推进办"), "公室", inside_word=True) == "a Chinese word"


def test_the_audit_reports_small_type_empty_pages_and_wide_spaces():
    result = audit.Audit("brochure x", "A5", "en", pages=4, smallest=6.5, body=7.5,
                         gaps=[0.26] * 5 + [0.5] * 6, fills=[None, 0.35, 0.9, 0.1],
                         lone=["page 3: a single table row carried to the page"])
    problems = result.problems()
    assert any("6.50 pt, under 7.0" in p for p in problems)
    assert any("running text at 7.50 pt, under 8.0" in p for p in problems)
    assert any("median word space 0.500" in p for p in problems)
    assert any("widest word space 0.500" in p for p in problems)
    assert any("page 2 is 35% full (under 40%)" in p for p in problems)
    assert any("page 4 is 10% full (under 20%, the last page)" in p for p in problems)
    assert any("single table row" in p for p in problems)
    assert audit.Audit("ok", "A4", "zh", pages=2, smallest=7.5, body=10.5, fills=[None, 0.5]).problems() == []


def test_the_table_names_every_column_and_document(audits):
    printed = audit.table(audits[:3])
    header, rule, *rows = printed.splitlines()
    assert all(column in header for column in ("document", "paper", "min pt", "space med max", "fill"))
    assert len(rows) == 3 and set(rule) <= {"-", "+"}
