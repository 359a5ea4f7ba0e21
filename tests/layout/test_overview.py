"""The zone overview, end to end: built from the shipped sheets and opened as a reader's tools
would (text, contents, outline, links) in both languages, and built again from sheets changed
in one place."""

import io
import re
import shutil
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from briefing.pipeline.build import check
from briefing.pipeline.render import render_overview

from helpers import DATA, PARK, ZONE, write
from helpers import build_all as build
from pdfcheck import pdf_problems

OVERVIEW = "zone-hengyang-hitech-zh.pdf"
OVERVIEWS = {"zh": OVERVIEW, "en": "zone-hengyang-hitech-en.pdf"}

# Written out here so that the test does not trust the code under test.
HEADLINE_FIGURES = {
    "mobile-internet": ["4.2万平方米", "20多家", "10亿元", "20亿元"],
    "smart-medical": ["1.7万平方米", "10余家", "预计100家"],
}
ZONE_FACTS = [
    "衡阳国家高新技术产业开发区", "14条", "2020年9月28日衡阳市产业链建设工作动员大会", "加快把衡阳建设成为现代产业强市",
    "移动互联网产业链配套湘南湘西移动互联网产业园", "生物医药产业链配套智慧医疗产业园", "衡阳市生物医药产业链推进办公室",
    "联络员", "协调员", "战斗员", "编制“两园两库两池两报告”", "衡州大道数字经济走廊", "“园中园”",
    "5.9万平方米",  # the parks' floor areas added up
    "资料来源：报纸版面（报名不详）", "约2021年4月（据同版最晚的日期4月25日推断）",  # what the page does not say, said so
]
NEWS_FACTS = [
    "党员干部赴罗荣桓故居学习党史", "2021年4月25日下午", "衡东县罗荣桓故居", "重温入党誓词",
    "机关工会职工趣味运动会", "2021年4月24日", "5个", "162人", "机关四支部获拔河比赛、龟兔赛跑、快乐铅笔一等奖",
    "2021年党风廉政建设和反腐败工作会议", "日前（报道未注明日期）", "《小鬼难缠》", "聚焦严管厚爱",
    "高新区负责人提出的要求", "会上通报的2020年工作成效",
]
# The same facts as the English overview must print them.
HEADLINE_FIGURES_EN = {
    "mobile-internet": ["42,000 m²", "more than 20 companies", "RMB 1 billion", "RMB 2 billion"],
    "smart-medical": ["17,000 m²", "over 10 companies", "expected 100 companies"],
}
ZONE_FACTS_EN = [
    "Hengyang National High-tech Industrial Development Zone", "14 chains",
    "the Hengyang Mobilisation Conference on Building Industrial Chains on 28 September 2020",
    "To speed up Hengyang’s development into a strong modern industrial city",
    "Mobile internet industrial chain with the Xiangnan Xiangxi Mobile Internet Industrial Park; "
    "Biomedicine industrial chain with the Smart Medical Industrial Park",
    "Hengyang Biomedicine Industrial Chain Promotion Office", "Liaison", "Coordinator", "Front-line worker",
    "Drawing up the “two parks, two repositories, two pools, two reports” (两园两库两池两报告)",
    "Hengzhou Avenue Digital Economy Corridor",
    "parks within the zone", "59,000 m²",
    "Source: Newspaper page (title not given)", "about April 2021 (inferred from the latest date on the page, 25 April)",
]
NEWS_FACTS_EN = [
    "Party members and officials study Party history at the Former Residence of Luo Ronghuan",
    "25 April 2021, in the afternoon", "Former Residence of Luo Ronghuan, Hengdong County",
    "Renewing the oath taken on joining the Party", "Staff fun sports day", "24 April 2021", "5 teams",
    "162 people", "Branch 4 of the administration: first prize in the tug of war",
    "2021 conference on Party conduct, clean government and anti-corruption work",
    "Recently (the report is undated)", "the cautionary film “Xiaogui Nanchan” (“Petty Devils Are Hard to Deal With”)",
    "Focus on strict management with care", "Requirements set out by a leader of the zone", "Results reported for 2020",
    "forge an iron-strong discipline inspection force", "in teams by branch",
]


@pytest.fixture
def built(shipped):
    """The overview in each language, from the shipped data as ``briefing build`` makes it
    (built once a session: conftest.shipped)."""
    documents = shipped("office")
    return {lang: documents[name].path for lang, name in OVERVIEWS.items()}


@pytest.fixture
def overview(built):
    return built["zh"]


def pages_of(path) -> list[str]:
    """The text of each page, its lines joined without spaces (so a figure broken across two
    lines still counts)."""
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return ["".join(page.split()) for page in text.split("\f")[:-1]]


def text_of(path) -> str:
    return "".join(pages_of(path))


def english_text_of(path) -> str:
    """Lines joined with one space, as English words are."""
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(text.split())


@pytest.mark.parametrize("park", HEADLINE_FIGURES)
def test_headline_figures_of_each_park(overview, park):
    text = text_of(overview)
    assert [fact for fact in HEADLINE_FIGURES[park] if fact not in text] == []


@pytest.mark.parametrize("facts", [ZONE_FACTS, NEWS_FACTS], ids=["zone", "news"])
def test_zone_facts_and_news(overview, facts):
    text = text_of(overview)
    assert [fact for fact in facts if fact not in text] == []


def test_half_headlines_keep_the_space_between_them(overview):
    """A title of two half-headlines keeps its ideographic space (cleaning drops a plain one)."""
    text = subprocess.run(["pdftotext", str(overview), "-"], check=True, capture_output=True, text=True).stdout
    assert "《缅怀革命先辈\u3000坚定理想信念——高新区党员干部" in text


@pytest.mark.parametrize("park", HEADLINE_FIGURES_EN)
def test_headline_figures_of_each_park_in_english(built, park):
    text = english_text_of(built["en"])
    assert [fact for fact in HEADLINE_FIGURES_EN[park] if fact not in text] == []


def test_zone_facts_in_english(built):
    text = english_text_of(built["en"])
    assert [fact for fact in ZONE_FACTS_EN if fact not in text] == []


def test_the_shipped_english_overview_shows_the_news_its_readers_need(built):
    """zone.yaml's news_en is empty: Party-history study, clean-government work and the staff
    sports day are news for the zone's staff, not for a foreign investor; the Chinese overview
    keeps them (test_zone_facts_and_news)."""
    assert yaml.safe_load((DATA / "zone.yaml").read_text(encoding="utf-8"))["news_en"] == []
    text = english_text_of(built["en"])
    assert [fact for fact in NEWS_FACTS_EN if fact in text] == [] and "Zone news" not in text


def test_news_chosen_per_language(tmp_path):
    """news_en names what the English overview shows, in its order; without it, news does."""
    data = shutil.copytree(DATA, tmp_path / "data")
    zone = data / "zone.yaml"
    zone.write_text(zone.read_text(encoding="utf-8").replace("news_en: []", "news_en: [staff-sports-day]"),
                    encoding="utf-8")
    path = tmp_path / "en.pdf"
    path.write_bytes(render_overview(check(data), "en")[0])
    text = english_text_of(path)
    assert "Staff fun sports day" in text and "162 people" in text
    assert "Luo Ronghuan" not in text and "Xiaogui Nanchan" not in text
    zone.write_text(zone.read_text(encoding="utf-8").replace("news_en: [staff-sports-day]\n", ""), encoding="utf-8")
    path.write_bytes(render_overview(check(data), "en")[0])
    text = english_text_of(path)
    assert "Staff fun sports day" in text and "Luo Ronghuan" in text  # without news_en: the news list


def test_complete_english_overview_has_no_fallback_note(built):
    assert "no English yet" not in english_text_of(built["en"])


FOOTERS = ("资料截至", "Facts as of")


def contents(path) -> list[tuple[str, int]]:
    """(title, page number) for each line of the contents page (the second page)."""
    layout = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(path), "-"],
                            check=True, capture_output=True, text=True).stdout
    return [(m[1].strip(), int(m[2])) for m in re.finditer(r"^\s*(\S.*?)\s+(\d+)\s*$", layout, re.M)
            if not m[1].startswith(FOOTERS)]


@pytest.mark.parametrize("lang, comparison, sources", [("zh", "园区对比", "资料来源"),
                                                       ("en", "The parks side by side", "Sources")])
def test_contents_page_numbers_are_where_the_sections_start(built, lang, comparison, sources):
    entries, pages = contents(built[lang]), pages_of(built[lang])
    assert len(entries) > 20
    assert [n for _, n in entries] == sorted(n for _, n in entries)
    for title, number in entries:
        assert 3 <= number <= len(pages)
        assert "".join(title.split()) in pages[number - 1], (title, number)
    sections = dict(entries)
    assert sections[comparison] == 4 and "".join(comparison.split()) not in pages[2]
    assert sections[sources] == len(pages) - 1  # the figures' table runs onto the last page


@pytest.mark.parametrize("lang", OVERVIEWS)
def test_contents_link_to_their_pages(built, lang):
    reader = PdfReader(built[lang], strict=True)
    page_of = {page.indirect_reference.idnum: number for number, page in enumerate(reader.pages, start=1)}
    links = [a.get_object() for a in reader.pages[1]["/Annots"]]
    targets = [page_of[link["/Dest"][0].idnum] for link in links if link["/Subtype"] == "/Link"]
    numbers = [n for _, n in contents(built[lang])]
    assert sorted(targets) == sorted(numbers + numbers)  # title and page number both link


def outline(reader, items, depth=0):
    for item in items:
        if isinstance(item, list):
            yield from outline(reader, item, depth + 1)
        else:
            yield depth, item.title, reader.get_destination_page_number(item) + 1


OUTLINES = {
    "zh": (["目录", "高新区与“两链两园”", "园区对比", "湘南湘西移动互联网产业园", "智慧医疗产业园", "高新区动态", "资料来源"],
           "区位与楼宇", "机关工会职工趣味运动会"),
    "en": (["Contents", "The zone and “Two chains, two parks”", "The parks side by side",
            "Xiangnan Xiangxi Mobile Internet Industrial Park", "Smart Medical Industrial Park", "Sources"],
           "Location and building", None),  # no news: news_en is empty
}


@pytest.mark.parametrize("lang", OVERVIEWS)
def test_outline_nested_by_section(built, lang):
    expected, first_section, news_item = OUTLINES[lang]
    reader = PdfReader(built[lang], strict=True)
    entries = list(outline(reader, reader.outline))
    top = [title for depth, title, _ in entries if depth == 0]
    assert top == expected
    park = entries.index((0, expected[4], {t: p for _, t, p in entries}[expected[4]]))
    assert entries[park + 1][:2] == (1, first_section)  # the brochure's sections, one level down
    assert news_item is None or (1, news_item) in [e[:2] for e in entries]
    assert max(depth for depth, _, _ in entries) == 2
    # each bookmark opens the page its contents entry names
    assert {(t, p) for d, t, p in entries if d == 0 and t != expected[0]} <= set(contents(built[lang]))


def test_brochure_bookmarks_open_their_pages(shipped):
    reader = PdfReader(shipped("office")["park-mobile-internet-zh.pdf"].path)
    pages = {title: page for _, title, page in outline(reader, reader.outline)}
    assert pages["区位与楼宇"] == 2 and pages["资料来源"] == len(reader.pages)


@pytest.mark.parametrize("lang, title, subject, bcp47", [
    ("zh", "衡阳国家高新区概览", "招商概览：衡阳国家高新区", "zh-CN"),
    ("en", "Hengyang National High-tech Zone: overview", "Investment overview: Hengyang National High-tech Zone",
     "en-GB"),
])
def test_metadata(built, lang, title, subject, bcp47):
    reader = PdfReader(built[lang])
    info = reader.metadata
    assert info.title == title and info.subject == subject
    assert info["/CreationDate"].startswith("D:20210401")
    assert reader.trailer["/Root"]["/Lang"] == bcp47


def test_a_changed_figure_changes_brochure_and_overview(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    for park, old, new in (("mobile-internet", "value: 1000000000", "value: 1200000000"),
                           ("smart-medical", "value: 17000", "value: 18000")):
        sheet = data / "parks" / f"{park}.yaml"
        sheet.write_text(sheet.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    build(data, tmp_path / "out", languages=["zh"])  # the texts checked are Chinese
    brochure = text_of(tmp_path / "out" / "park-mobile-internet-zh.pdf")
    overview = text_of(tmp_path / "out" / OVERVIEW)
    for text in (brochure, overview):
        assert "12亿元" in text and "10亿元" not in text
    # The total follows. (The summaries repeat the floor areas in prose, so only the total
    # is checked: the sheets' prose is the operator's to keep in step.)
    assert "6万平方米" in overview and "5.9万平方米" not in overview


def test_news_left_out_by_the_zone_sheet(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    zone = data / "zone.yaml"
    zone.write_text(zone.read_text(encoding="utf-8").replace("  - staff-sports-day\n", ""), encoding="utf-8")
    data_bytes, _ = render_overview(check(data), "zh")
    path = tmp_path / OVERVIEW
    path.write_bytes(data_bytes)
    text = text_of(path)
    assert "罗荣桓故居" in text and "小鬼难缠" in text
    assert "趣味运动会" not in text and "162人" not in text


def test_overview_of_a_minimal_folder(tmp_path, data_dir):
    """One park, no news, no programme: the parts with nothing to show are left out."""
    _, documents = build(data_dir, tmp_path / "out")
    path = tmp_path / "out" / "zone-zone-zh.pdf"
    assert path in [d.path for d in documents]
    assert pdf_problems(path) == []
    text = text_of(path)
    assert "测试高新区" in text and "甲产业园" in text and "1.7万平方米" in text
    assert "园区对比" not in text and "高新区动态" not in text


NEWS = """\
id: item
title: {zh: 新闻标题, en: A headline}
what: {zh: 新闻内容。}
source: article
"""


def test_english_overview_prints_chinese_where_no_english_and_says_so(tmp_path, data_dir):
    sheet = PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}", "summary: {zh: 甲产业园简介。}")
    write(data_dir / "parks" / "park-a.yaml", sheet + "positioning:\n  - {zh: 园区定位。}\n")
    write(data_dir / "news" / "item.yaml", NEWS)
    write(data_dir / "zone.yaml", ZONE + "news: [item]\n")
    build(data_dir, tmp_path / "out", languages=["en"])
    assert pdf_problems(tmp_path / "out" / "zone-zone-en.pdf") == []
    text = english_text_of(tmp_path / "out" / "zone-zone-en.pdf")
    assert "甲产业园简介。" in text and "园区定位。" in text and "新闻内容。" in text  # never an empty line
    assert "Some texts have no English yet and are shown in Chinese" in text
    assert "Shown in Chinese: no English yet" in text
    # the park's chapter (its brochure's sections) and the news report to the overview's one list
    assert "summary (parks/park-a.yaml, line 5)" in text and "what (news/item.yaml, line 3)" in text
    assert "positioning[0] (parks/park-a.yaml, line 12)" in text


def test_same_input_same_bytes(tmp_path, data_dir):
    write(data_dir / "zone.yaml", ZONE)
    first = build(data_dir, tmp_path / "a")[1][-1].path.read_bytes()
    second = build(data_dir, tmp_path / "b")[1][-1].path.read_bytes()
    assert first == second


def test_a_large_zone_gets_one_comparison_table_per_four_parks(tmp_path):
    """A zone of ten parks still lays out: the side-by-side table is split four parks to a
    table (totals in the last) and the chart, too tall for a page, is left out."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    sheet = (data / "parks" / "smart-medical.yaml").read_text(encoding="utf-8")
    for number in range(3, 11):
        (data / "parks" / f"extra-{number}.yaml").write_text(sheet.replace("id: smart-medical", f"id: extra-{number}"),
                                                             encoding="utf-8")
    project, documents = build(data, tmp_path / "out", languages=["zh"])
    overview = next(d for d in documents if d.name.startswith("zone-"))
    assert pdf_problems(overview.path) == []
    text = subprocess.run(["pdftotext", str(overview.path), "-"], capture_output=True, text=True, check=True).stdout
    assert len(project.parks) == 10 and "园区对比" in text and "合计" in text
    assert "每张图使用同一比例尺" not in text  # the charts' caption: no chart above MAX_CHART_PARKS


def test_overview_prepared_for_a_visitor(tmp_path):
    from briefing.pipeline import options
    from briefing.pipeline.plan import file_name
    output = options.output(visitor="长沙市商务局考察团", date="2026-11-27")
    data_bytes, _ = render_overview(check(DATA), "zh", output=output)
    name = file_name("overview", "hengyang-hitech", "zh", "A4", output)
    assert name == "zone-hengyang-hitech-zh-for-长沙市商务局考察团-2026-11-27.pdf"
    path = tmp_path / name
    path.write_bytes(data_bytes)
    cover = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "2026年11月27日专为长沙市商务局考察团编制" in cover


def first_page(path) -> str:
    return "".join(subprocess.run(["pdftotext", "-l", "1", str(path), "-"], check=True, capture_output=True,
                                  text=True).stdout.split())


def test_a_cover_credits_only_the_publications_its_sheets_cite(data_dir, tmp_path):
    """A source added for a new park was credited on every other park's cover too."""
    write(data_dir / "sources.yaml", (data_dir / "sources.yaml").read_text(encoding="utf-8") + """\
  - id: other
    publication: {zh: 另一份报纸, en: Another paper}
    title: {zh: 标题, en: Title}
    date: 2022-01
""")
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("park-a", "park-b").replace("source: article", "source: other"))
    build(data_dir, tmp_path / "out", ("park-a",), ("zh",))
    cover = first_page(tmp_path / "out" / "park-park-a-zh.pdf")
    assert "测试报纸" in cover and "另一份报纸" not in cover


def test_the_overview_gives_the_range_of_its_sheets_dates(data_dir, tmp_path):
    """Its cover said 资料截至2022年1月 though the zone's and other parks' facts were from April 2021."""
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("park-a", "park-b").replace("as_of: 2021-04", "as_of: 2022-01"))
    write(data_dir / "zone.yaml", ZONE + "  - id: chain-b\n    name: {zh: 乙产业链, en: Chain B}\n    park: park-b\n")
    write(data_dir / "parks" / "park-b.yaml", (data_dir / "parks" / "park-b.yaml").read_text().replace("chain: chain-a", "chain: chain-b"))
    build(data_dir, tmp_path / "out", (), ("zh", "en"))
    assert "资料截至2021年4月至2022年1月不等" in first_page(tmp_path / "out" / "zone-zone-zh.pdf")
    assert "Factsasof April2021toJanuary2022".replace(" ", "") in first_page(tmp_path / "out" / "zone-zone-en.pdf")


# -- contents longer than a page -----------------------------------------------------------------

def test_contents_rows_are_shared_between_pages_by_height_not_by_count():
    """A chapter's row is taller than a section's: equal counts of rows overfilled a page."""
    from briefing.layout.overview import share_rows

    heights = [30, 10, 10, 10, 30, 10, 10, 10, 30, 10]
    counts = share_rows(heights, 60)
    assert sum(counts) == len(heights)
    parts, start = [], 0
    for count in counts:
        parts.append(sum(heights[start:start + count]))
        start += count
    assert max(parts) <= 60 and len(parts) == 3
    assert share_rows([10] * 5, 1000) == [5]


def test_a_zone_of_thirty_parks_gets_its_contents_laid_out(tmp_path):
    """From about 30 parks the Chinese overview's contents, cut into equal counts of rows, gave
    a part taller than its page and ReportLab's LayoutError."""
    import sys

    from briefing.sheets.project import load_project

    from helpers import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import make_zone

    project = load_project(make_zone(30, tmp_path / "zone"))
    data, pages = render_overview(project, "zh")
    reader = PdfReader(io.BytesIO(data))
    contents = [i for i, page in enumerate(reader.pages[:12]) if "目录" in page.extract_text()]
    assert pages > 100 and contents == [1]  # the contents start on page 2 and the build went on


def test_chapters_a_stopped_pass_never_reached_are_made_once(tmp_path, monkeypatch):
    """A zone large enough that the cover's table of essentials is carried to the next page
    under a heading the contents did not list: the first pass stops there, and the next is
    given the parks' chapters that pass made and never reached, with the same bytes as when
    they are made again."""
    import hashlib
    import sys

    from briefing.layout.overview import Overview
    from briefing.sheets.project import load_project

    from helpers import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    from synthetic import make_zone

    project = load_project(make_zone(30, tmp_path / "zone"))
    made: list = []
    chapter = Overview.park_chapter
    monkeypatch.setattr(Overview, "park_chapter", lambda self, park: made.append(park) or chapter(self, park))
    stories, overviews = [], []
    story = Overview.story
    monkeypatch.setattr(Overview, "story", lambda self, headings: stories.append(headings) or overviews.append(self)
                        or story(self, headings))
    reused, _ = render_overview(project, "en")
    assert len(stories) == 2 and len(made) == 30  # two passes, each chapter made once
    # and let go once drawn: the overview keeps none of the chapters it gave (it held every
    # one to its end, 67 MB of the 300-park overview's peak)
    assert overviews[0]._paginated and all(ref() is None for ref in overviews[0]._paginated)

    monkeypatch.setattr(Overview, "_unreached_body", lambda self: None)
    made.clear()
    afresh, _ = render_overview(project, "en")
    assert len(made) == 60
    assert hashlib.sha256(reused).digest() == hashlib.sha256(afresh).digest()
