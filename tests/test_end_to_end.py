"""End to end: build the shipped fact sheets and open the PDFs as a reader's tools would."""

import re
import subprocess

import pytest
from pypdf import PdfReader

from helpers import DATA, qr_codes
from helpers import build_all as build
from pdfcheck import pdf_problems

# The list, written out here so that the test does not trust the code under test.
CANNOT_START = "，。、；：？！”》）"

# Each park's key facts, as the Chinese edition must print them.
KEY_FACTS = {
    "mobile-internet": ["湘南湘西移动互联网产业园", "4.2万平方米", "预计2021年5月开园", "10亿元", "20多家",
                        "30多家", "威马汽车", "周黑鸭湘中地区销售团队", "1亿元以上", "20亿元", "1500人",
                        "智慧出行", "游戏竞技", "衡州大道", "曙光路", "蒸水南路", "——刘浩（运营方负责人）",
                        "14条（2020年9月28日衡阳市产业链建设工作动员大会确定）"],
    "smart-medical": ["智慧医疗产业园", "1.7万平方米", "预计2021年7月开园", "10余家", "新兴金融中心6#商务楼",
                      "湖南平方米孵化有限公司", "600多个", "企业面对面", "预计100家", "据运营方负责人杨章宏介绍",
                      "拟成立", "《“两链两园”推动产业链高质量发展》"],
}
# The same facts as the English edition must print them.
KEY_FACTS_EN = {
    "mobile-internet": ["Xiangnan Xiangxi Mobile Internet Industrial Park", "42,000 m²", "Expected to open in May 2021",
                        "RMB 1 billion", "more than 20 companies", "more than 30 companies", "WM Motor",
                        "Zhou Hei Ya’s central Hunan sales team", "at least RMB 100 million", "RMB 2 billion",
                        "1,500 people", "Smart mobility", "Games and e-sports", "Hengzhou Avenue", "Shuguang Road",
                        "Zhengshui South Road", "— Liu Hao, head of the operator",
                        "14 chains, set at the Hengyang Mobilisation Conference on Building Industrial Chains "
                        "on 28 September 2020"],
    "smart-medical": ["Smart Medical Industrial Park", "17,000 m²", "Expected to open in July 2021", "over 10 companies",
                      "Commercial Building No. 6, Xinxing Financial Centre", "Hunan Pingfangmi Incubation Co., Ltd.",
                      "more than 600 projects", "Enterprise Face-to-Face", "expected 100 companies",
                      "According to Yang Zhanghong, head of the operator The operator will use", "Planned",
                      "“‘Two chains, two parks’ drive high-quality development of industrial chains”"],
}
LANGUAGES = ("zh", "en")
HAN = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")


def english_texts(node):
    """Every ``en:`` value in a loaded fact sheet."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from [value] if key == "en" and isinstance(value, str) else english_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from english_texts(item)


def han_on_purpose() -> set[str]:
    """Han characters the English edition may print: those a sheet writes in an ``en:`` text,
    where a name is given in both scripts on purpose (none in the shipped sheets yet), and the
    location sketch's, which labels the park and its roads in both languages, as a visitor
    finds them on the street signs, and says it is not to scale in both."""
    import yaml

    from briefing.layout.sketch import NOT_TO_SCALE
    sheets = [yaml.safe_load(path.read_text("utf-8")) for path in DATA.rglob("*.yaml")]
    texts = [t for sheet in sheets for t in english_texts(sheet)]
    sketched = [sheet for sheet in sheets if isinstance(sheet, dict) and (sheet.get("location") or {}).get("neighbours")]
    texts += [NOT_TO_SCALE, "北"] + [road["name"]["zh"] for sheet in sketched for road in sheet["location"]["neighbours"]]
    texts += [(sheet.get("short_name") or sheet["name"])["zh"] for sheet in sketched]
    return set(HAN.findall("".join(texts)))


@pytest.fixture
def built(shipped):
    """The shipped data as ``briefing build`` makes it (built once a session: conftest.shipped)."""
    return {name: document.path for name, document in shipped("office").items()}


def tool(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def pdf(built, park, lang="zh"):
    return built[f"park-{park}-{lang}.pdf"]


#: Every document a build writes: the brochures and the zone overview, in each language.
DOCUMENTS = [*(f"park-{park}-{lang}.pdf" for park in KEY_FACTS for lang in LANGUAGES),
             *(f"zone-hengyang-hitech-{lang}.pdf" for lang in LANGUAGES)]
#: The face each language's documents are set in (fonts.py names the subsets).
FACES = {"zh": "NotoSansSCBriefing-", "en": "NotoSansSCBriefingLatin-", "zh-Hant": "NotoSansHKBriefing-"}


def _language(document: str) -> str:
    """The language a file name states: park-x-en.pdf is in English."""
    return document.removesuffix(".pdf").rsplit("-", 1)[1]


def text_of(path) -> str:
    # Lines are joined without spaces so that a figure broken across two lines still counts.
    return "".join(tool("pdftotext", str(path), "-").split())


def english_text_of(path) -> str:
    """Lines joined with one space, as English words are."""
    return " ".join(tool("pdftotext", str(path), "-").split())


def test_one_brochure_and_two_flyers_per_park_and_language_and_the_overview(built):
    flyers = [f"flyer-{park}-{lang}{size}.pdf" for park in KEY_FACTS for lang in LANGUAGES for size in ("-a4", "-a5")]
    assert sorted(built) == sorted(DOCUMENTS + flyers)


@pytest.mark.parametrize("name", ["flyer-mobile-internet-zh-a4.pdf", "flyer-smart-medical-zh-a5.pdf",
                                  "flyer-smart-medical-en-a5.pdf"])
def test_flyers_are_one_page_without_codes(built, name):
    """The shipped sheets give no web page yet, so their flyers carry no QR code."""
    data = built[name].read_bytes()
    assert len(PdfReader(built[name]).pages) == 1
    assert qr_codes(data) == []


@pytest.mark.parametrize("name, label, figures", [
    ("flyer-mobile-internet-zh-a4.pdf", "总建筑面积", ["4.2万平方米", "20多家", "10亿元"]),
    ("flyer-mobile-internet-zh-a5.pdf", "总建筑面积", ["4.2万平方米", "20多家", "10亿元"]),
    ("flyer-smart-medical-zh-a5.pdf", "建筑面积", ["1.7万平方米", "10余家", "100家"]),
])
def test_flyer_figures_are_each_on_one_line(built, name, label, figures):
    """The row of key figures, just above their labels, holds each figure whole."""
    lines = ["".join(line.split()) for line in tool("pdftotext", "-layout", str(built[name]), "-").splitlines()]
    lines = [line for line in lines if line]
    row = lines[next(i for i, line in enumerate(lines) if line.startswith(label)) - 1]
    assert [f for f in figures if f not in row] == []


@pytest.mark.parametrize("park", KEY_FACTS)
def test_key_facts_in_text(built, park):
    text = text_of(pdf(built, park))
    missing = [fact for fact in KEY_FACTS[park] if fact not in text]
    assert missing == []


@pytest.mark.parametrize("park", KEY_FACTS_EN)
def test_key_facts_in_english_text(built, park):
    text = english_text_of(pdf(built, park, "en"))
    missing = [fact for fact in KEY_FACTS_EN[park] if fact not in text]
    assert missing == []


@pytest.mark.parametrize("document", [name for name in DOCUMENTS if name.endswith("-en.pdf")])
def test_no_han_in_english_edition(built, document):
    text = tool("pdftotext", str(built[document]), "-")
    assert [c for c in HAN.findall(text) if c not in han_on_purpose()] == []
    assert "'" not in text and '"' not in text, "English text takes typographic quotes and apostrophes"


PAGE_LABELS = {"zh": "第{n}页　共{n}页", "en": "Page {n} of {n}"}


@pytest.mark.parametrize("document", DOCUMENTS)
def test_pages_and_page_numbers(built, document):
    reader = PdfReader(built[document], strict=True)
    pages = len(reader.pages)
    assert 3 <= pages <= (8 if document.startswith("park-") else 20)
    last = tool("pdftotext", "-f", str(pages), "-l", str(pages), str(built[document]), "-")
    assert PAGE_LABELS[_language(document)].format(n=pages) in last


# qpdf, pypdf strict, every font embedded and subset in its language's faces: every shipped
# file, in test_shipped_pdfs.py.


@pytest.mark.parametrize("document", DOCUMENTS)
def test_bold_text_is_set_in_the_bold_face(built, document):
    rows = tool("pdffonts", str(built[document])).splitlines()[2:]
    assert any(row.split()[0].endswith(FACES[_language(document)] + "Bold") for row in rows), rows


@pytest.mark.parametrize("park, lang, author, subject, bcp47, sections", [
    *[(p, "zh", "衡阳国家高新区", "招商简介", "zh-CN", ["区位与楼宇", "资料来源"]) for p in KEY_FACTS],
    *[(p, "en", "Hengyang National High-tech Zone", "Investment briefing", "en-GB",
       ["Location and building", "Sources"]) for p in KEY_FACTS],
])
def test_metadata_and_bookmarks(built, park, lang, author, subject, bcp47, sections):
    reader = PdfReader(pdf(built, park, lang), strict=True)
    info = reader.metadata
    assert info.title and info.author == author and info.subject.startswith(subject)
    assert "/Keywords" in info
    assert reader.trailer["/Root"]["/Lang"] == bcp47
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert all(section in titles for section in sections), titles


def test_document_date_is_as_of_date(built):
    info = PdfReader(pdf(built, "mobile-internet")).metadata
    assert info["/CreationDate"].startswith("D:20210401")


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_line_starts_with_closing_punctuation(built, document):
    layout = tool("pdftotext", "-layout", str(built[document]), "-")
    # -layout keeps columns apart with runs of spaces; each run of text is one typeset line.
    runs = [run for line in layout.splitlines() for run in re.split(r"\s{2,}", line.strip()) if run]
    bad = [run for run in runs if run[0] in CANNOT_START]
    assert bad == []


def test_same_input_same_bytes(tmp_path, built):
    """A second build (of one park, into another folder) makes the same bytes as the first."""
    _, again = build(DATA, tmp_path / "again", ["smart-medical"])
    assert len(again) == 6  # a brochure and two flyers, in both languages
    assert {d.name: d.path.read_bytes() for d in again} == {d.name: built[d.name].read_bytes() for d in again}


def test_source_date_epoch_sets_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, documents = build(DATA, tmp_path, ["smart-medical"])
    assert PdfReader(documents[0].path).metadata["/CreationDate"].startswith("D:20231114")


def test_markup_in_fact_sheet_is_text(tmp_path, data_dir):
    from helpers import PARK, write
    hostile = 'A<b>R&D</b> <a href="file:///etc/passwd">x</a> <img src="/etc/passwd"/> a<b c'
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介。", hostile))
    _, documents = build(data_dir, tmp_path / "out")
    assert pdf_problems(documents[0].path) == []
    text = tool("pdftotext", str(documents[0].path), "-")
    assert "R&D" in text and "<a href" in text and "<img" in text
    assert "/URI" not in documents[0].path.read_bytes().decode("latin-1")


def test_same_bytes_across_processes(tmp_path):
    """Hash seeds and folder names must not reach the PDF."""
    import os
    import sys
    outputs = []
    for seed, name in (("1", "a"), ("2", "other-folder")):
        out = tmp_path / name
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "briefing", "build", "--data", str(DATA), "--out", str(out),
                        "--park", "mobile-internet", "--impose", "2up", "--impose", "booklet"],
                       check=True, env=env, capture_output=True)
        outputs.append({path.name: path.read_bytes() for path in out.glob("*.pdf")})
    assert len(outputs[0]) == 10 and outputs[0] == outputs[1]  # brochure, 2 flyers, 2 imposed; in zh and en


AT_THE_LIMITS = """\
id: park-a
as_of: 2021-04
name: {{zh: {name}}}
short_name: {{zh: "甲\\t乙园"}}
tagline: {{zh: {tagline}}}
chain: chain-a
summary: {{zh: {summary}}}
stage: {{zh: {stage}}}
facts:
  - label: {{zh: {label}}}
    value: 0
    unit: m2
    highlight: true
companies:
  - stage: signed
    count: {{label: {{zh: 已签约}}, value: 0, unit: company}}
targets:
  - label: {{zh: {label}}}
    value: 0
    unit: company
people:
  - name: {{zh: {person}}}
    role: {{zh: {role}}}
    quote: {{zh: {quote}}}
segments: [{segments}]
slogans: [{slogans}]
"""


def test_longest_allowed_texts_build_cleanly(tmp_path, data_dir):
    """Whatever passes validation lays out: every limited field at its limit, all figures zero."""
    from helpers import write
    han = "衡阳高新区产业园区企业"

    def text(n):
        return (han * (n // len(han) + 1))[:n]

    sheet = AT_THE_LIMITS.format(
        name=text(40), tagline=text(40), summary=text(300), stage=text(40), label=text(40),
        person=text(20), role=text(30), quote=text(200),
        segments=", ".join(f"{{zh: {text(20)}}}" for _ in range(12)),
        slogans=", ".join(f"{{zh: {text(60)}}}" for _ in range(6)))
    write(data_dir / "parks" / "park-a.yaml", sheet)
    _, documents = build(data_dir, tmp_path / "out")
    path = documents[0].path
    assert pdf_problems(path) == []
    first_page = tool("pdftotext", "-f", "1", "-l", "1", str(path), "-")
    assert "".join(first_page.split()).count(text(300)) == 1  # the whole summary, on the cover
    second_page = tool("pdftotext", "-f", "2", "-l", "2", str(path), "-")
    assert "甲乙园" in second_page  # the header's short name, its tab cleaned away
    assert "\t" not in second_page


def test_english_edition_prints_chinese_where_no_english_and_says_so(tmp_path, data_dir):
    from helpers import PARK, write
    sheet = PARK.replace("summary: {zh: 甲产业园简介。, en: About park A.}", "summary: {zh: 甲产业园简介。}")
    write(data_dir / "parks" / "park-a.yaml", sheet.replace("{zh: 建筑面积, en: Floor area}", "{zh: 建筑面积}"))
    _, documents = build(data_dir, tmp_path / "out", languages=["en"])
    assert pdf_problems(documents[0].path) == []
    text = english_text_of(documents[0].path)
    assert "甲产业园简介。" in text and "建筑面积" in text  # never an empty label
    assert "Some texts have no English yet and are shown in Chinese" in text
    assert "Shown in Chinese: no English yet" in text
    assert "facts[0].label (parks/park-a.yaml, line 7)" in text
    assert "summary (parks/park-a.yaml, line 5)" in text
    assert str(tmp_path) not in text  # the file is named inside the data folder, not by its full path


def test_complete_english_edition_has_no_fallback_note(built):
    text = english_text_of(pdf(built, "smart-medical", "en"))
    assert "no English yet" not in text


def test_a_selection_makes_only_what_was_chosen_and_what_it_is_made_of(data_dir):
    """The front desk's entry point: a booklet only of a chosen brochure, flyer sheets only of
    a chosen flyer, park by park in each language, then the overview."""
    from briefing.pipeline import build as pipeline
    from briefing.pipeline.options import Request, Selection, output

    project = pipeline.check(data_dir)
    booklet_and_cards = output(impose=("booklet", "4up"))
    flyers_only = pipeline.documents(project, Request(data_dir, selection=Selection(flyers=("park-a",)), languages=("zh",),
                                                      output=booklet_and_cards))
    assert [d.name for d in flyers_only] == ["flyer-park-a-zh-a4.pdf", "flyer-park-a-zh-a5.pdf",
                                             "flyer-park-a-zh-a6-4up.pdf"]
    brochure_and_zone = pipeline.documents(project, Request(
        data_dir, selection=Selection(brochures=("park-a",), overview=True), output=booklet_and_cards))
    assert [d.name for d in brochure_and_zone] == ["park-park-a-zh.pdf", "booklet-park-a-zh-a5.pdf",
                                                   "park-park-a-en.pdf", "booklet-park-a-en-a5.pdf",
                                                   "zone-zone-zh.pdf", "zone-zone-en.pdf"]
