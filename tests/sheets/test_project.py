"""The data folder as a whole: cross references, file names, glyph coverage, shipped data."""

from briefing.errors import Severity
from briefing.sheets.project import load_project

from helpers import DATA, PARK, apart_from_no_contact, shipped_park_ids, shipped_sheet, write


def messages(data_dir):
    project = load_project(data_dir)
    return [str(p).replace(str(data_dir) + "/", "") for p in apart_from_no_contact(project.problems.items)]


def test_minimal_folder_is_valid(data_dir):
    assert messages(data_dir) == []


def test_shipped_data_is_valid_with_one_value_awaiting_confirmation():
    project = load_project(DATA)
    assert project.problems.errors == []
    # The operator's name, which the source breaks across two columns, awaits confirmation (a
    # warning until someone confirms it), and the tagline's 最 is in a stated aim (a note; see test_lint.py).
    # The source names no one to call: each park's flyer has no contact (a warning, lint.no_contact).
    assert [(p.where.field, p.severity) for p in project.problems.items] == [
        ("contact", Severity.WARNING), ("operator.name.unconfirmed", Severity.WARNING), ("contact", Severity.WARNING),
        ("tagline.zh", Severity.NOTE), ("tagline.en", Severity.NOTE)]
    assert list(project.parks) == shipped_park_ids()


def test_unknown_source(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("source: article", "source: nowhere"))
    assert messages(data_dir) == ["parks/park-a.yaml:10: facts[0].source: unknown source 'nowhere'; known: article"]


def test_unknown_chain(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("chain: chain-a", "chain: chain-b"))
    assert messages(data_dir) == ["parks/park-a.yaml:4: chain: unknown chain 'chain-b'; known: chain-a"]


def test_id_must_match_file_name(data_dir):
    write(data_dir / "parks" / "park-a.yaml", "# a comment first\n" + PARK.replace("id: park-a", "id: park-b"))
    assert messages(data_dir) == [
        "parks/park-a.yaml:2: id: is 'park-b' but the file is named park-a.yaml; make them the same"
    ]


def test_broken_sources_file_is_reported_once(data_dir):
    write(data_dir / "sources.yaml", "sources: [\n")
    problems = messages(data_dir)
    assert len(problems) == 1 and problems[0].startswith("sources.yaml:2: is not valid YAML")


def test_park_with_errors_still_exists_for_references(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: many"))
    assert messages(data_dir) == ["parks/park-a.yaml:8: facts[0].value: expected a number, got 'many'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)"]


def test_character_missing_from_fonts(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介", "甲产业园㐀简介"))
    assert messages(data_dir) == [
        "parks/park-a.yaml:5: summary.zh: character '㐀' (U+3400) is not in the shipped fonts; "
        "replace it, or add it to the fonts with tools/make_fonts.py"
    ]


def test_missing_folder(tmp_path):
    assert messages(tmp_path / "nope") == [
        f"{tmp_path}/nope: no such folder; pass the data folder with --data DIR"
    ]


def test_every_file_checked_before_stopping(data_dir):
    write(data_dir / "zone.yaml", "id: [\n")
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("value: 17000", "value: many"))
    problems = messages(data_dir)
    assert any(p.startswith("zone.yaml:") for p in problems)
    assert "parks/park-a.yaml:8: facts[0].value: expected a number, got 'many'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)" in problems


def test_duplicate_source_id(data_dir):
    from helpers import SOURCES
    extra = SOURCES + "  - id: article\n    publication: {zh: 乙, en: B}\n    title: {zh: 乙, en: B}\n    date: 2021-04\n"
    write(data_dir / "sources.yaml", extra)
    assert messages(data_dir) == [
        "sources.yaml:6: sources[1].id: duplicate id 'article' (first on line 2); make each id unique"
    ]


def test_character_beyond_the_basic_plane_warns(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介", "甲产业园𠅤简介"))
    assert messages(data_dir) == [
        "parks/park-a.yaml:5: summary.zh: warning: character '𠅤' (U+20164) prints but some PDF readers "
        "will not copy it out or find it; use a common form of the character if there is one"
    ]


NEWS = """\
id: news-a
title: {zh: 运动会, en: Sports day}
what: {zh: 职工运动会。, en: A staff sports day.}
source: article
figures:
  - label: {zh: 参赛人数, en: People taking part}
    value: 162
    unit: person
    source: article
"""


def with_news(data_dir, listed="[news-a]"):
    from helpers import ZONE
    write(data_dir / "news" / "news-a.yaml", NEWS)
    write(data_dir / "zone.yaml", ZONE + f"news: {listed}\n")
    return data_dir


def test_news_item_loaded_and_listed(data_dir):
    project = load_project(with_news(data_dir))
    assert apart_from_no_contact(project.problems.items) == []
    assert [item.id for item in project.news_shown] == ["news-a"]
    assert project.news_shown[0].figures[0].value == 162
    assert project.sources_used["news/news-a"] == {"article"}


def test_news_item_left_out_of_the_list_is_not_shown(data_dir):
    project = load_project(with_news(data_dir, listed="[]"))
    assert list(project.news) == ["news-a"] and project.news_shown == []


def test_news_listed_twice_is_shown_once(data_dir):
    project = load_project(with_news(data_dir, listed="[news-a, news-a]"))
    assert [item.id for item in project.news_shown] == ["news-a"]


def test_unknown_news_item(data_dir):
    with_news(data_dir, listed="[news-a, news-b]")
    assert messages(data_dir) == ["zone.yaml:9: news[1]: unknown news 'news-b'; known: news-a"]


def test_news_id_must_match_file_name(data_dir):
    with_news(data_dir)
    write(data_dir / "news" / "news-a.yaml", NEWS.replace("id: news-a", "id: news-c"))
    assert messages(data_dir) == [
        "news/news-a.yaml:1: id: is 'news-c' but the file is named news-a.yaml; make them the same"
    ]


def test_news_item_needs_what_happened(data_dir):
    with_news(data_dir)
    write(data_dir / "news" / "news-a.yaml", NEWS.replace("what: {zh: 职工运动会。, en: A staff sports day.}\n", ""))
    assert messages(data_dir) == ["news/news-a.yaml:1: what: is missing; add it: What happened, in a sentence or two."]


def test_news_figure_source_checked(data_dir):
    with_news(data_dir)
    write(data_dir / "news" / "news-a.yaml", NEWS.replace("    source: article", "    source: elsewhere"))
    assert messages(data_dir) == ["news/news-a.yaml:9: figures[0].source: unknown source 'elsewhere'; known: article"]


def test_shipped_news_all_listed_in_order():
    """As zone.yaml lists them (read as plain YAML), each with a sheet in news/."""
    listed = shipped_sheet("zone")["news"]
    assert sorted(listed) == sorted(path.stem for path in (DATA / "news").glob("*.yaml"))
    assert [item.id for item in load_project(DATA).news_shown] == listed


def test_character_missing_from_the_fonts_is_one_error_and_no_warning(data_dir):
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介", "甲产业园😀简介"))
    assert messages(data_dir) == [
        "parks/park-a.yaml:5: summary.zh: character '😀' (U+1F600) is not in the shipped fonts; "
        "replace it, or add it to the fonts with tools/make_fonts.py"
    ]
