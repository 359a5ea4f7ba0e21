"""The fact-sheet schema, declared once.

Every record is a dataclass; every field carries its description in ``metadata["doc"]``
(and, where the layout has fixed room for it, its longest text in ``metadata["max_length"]``).
Validation (``validate.py``) reads the type hints to type the YAML and quotes the
descriptions in its messages; the operator guide's field reference is meant to be generated
from the same declarations, so that the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import typing
from dataclasses import dataclass
from typing import Literal, NamedTuple, NewType, Optional, Union

from briefing.errors import Where

ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,63}"

#: An id: lower-case letters, digits and hyphens; ids become file names and references.
Id = NewType("Id", str)
#: A colour written #RRGGBB.
Colour = NewType("Colour", str)
#: A path to an image inside the data folder, checked before anything is drawn (``images.py``).
ImagePath = NewType("ImagePath", str)

#: A web address as a browser takes it; it is printed as a QR code, so it must be whole.
URL_PATTERN = r"https?://[^\s/?#]+\.[^\s/?#]+[^\s]*"
MAX_URL = 300  # a QR code that a phone reads easily from a printed page holds about this much
Url = NewType("Url", str)

#: Units a figure may be counted in, with what each means. Formatting (``numbers.py``)
#: holds the words for each language; a test keeps the two tables in step.
UNITS = {
    "m2": "square metres of floor area (平方米)",
    "yuan": "renminbi (元); large sums are written with 万/亿 in Chinese",
    "company": "companies or organisations (家)",
    "person": "people (人)",
    "project": "projects (个)",
    "city": "cities (个)",
    "base": "incubation or innovation bases (个)",
    "chain": "industrial chains (条)",
    "team": "teams (个)",
}

#: How a figure relates to the true number, written in each language by ``numbers.py``.
#: Chinese uses two words for "more than": 多 (20多家) and 余 (10余家); the source's choice
#: is kept, and English follows it with "more than" and "over".
QUALIFIERS = {
    "more-than": "more than the value (多: 20多家, more than 20 companies)",
    "over": "more than the value (余: 10余家, over 10 companies)",
    "at-least": "the value or more (以上: 1亿元以上, at least RMB 100 million)",
    "about": "roughly the value (约: 约5000平方米, about 5,000 m²)",
    "expected": "a forecast, not yet reached (预计: 预计100家, expected 100 companies)",
}

if typing.TYPE_CHECKING:  # a type checker cannot read a Literal built from the tables: words to it
    Unit = str
    Qualifier = str
else:  # validation reads these: one of the tables' words
    Unit = Literal[tuple(UNITS)]
    Qualifier = Literal[tuple(QUALIFIERS)]


def doc(text: str, default=dataclasses.MISSING, factory=dataclasses.MISSING, limit: Optional[int] = None,
        zh: str = "", example: str = "", key: str = "", annotation: bool = False):
    """A dataclass field with its description for validation messages and the guide.

    ``limit`` is the most characters its text may have (in Chinese; English may have three
    times as many) where the layout has a fixed space for it: a cover title, a tile, a quote.
    ``zh`` is the description in Chinese, for operators (the new-sheet scaffold and the guide
    show both); ``example`` is a value as it would be written in YAML, where the type's own
    example (``scaffold.py``) says too little; ``key`` the field's name in YAML when it is not a
    Python name (``zh-Hant``). An ``annotation`` says something about a value rather than a fact
    (``unconfirmed``): the guide explains it, a new sheet leaves it out.
    """
    metadata: dict[str, object] = {"doc": text, "zh": zh, "example": example}
    if key:
        metadata["key"] = key
    if limit is not None:
        metadata["max_length"] = limit
    if annotation:
        metadata["annotation"] = True
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata)


def optional(text: str, limit: Optional[int] = None, **kw):
    return doc(text, default=None, limit=limit, **kw)


def many(text: str, limit: Optional[int] = None, **kw):
    return doc(text, factory=list, limit=limit, **kw)


@dataclass(frozen=True)
class PartialDate:
    """A date written YYYY-MM-DD, or YYYY-MM when the source gives only the month."""

    year: int
    month: int
    day: Optional[int] = None

    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, self.day or 1)

    def __str__(self) -> str:
        text = f"{self.year:04d}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"


class Deadline(NamedTuple):
    """When a target is to be reached, as exactly as the source says it and no more: a year
    (``2021``: 2021年, in 2021), a year's end (``2021-end``: 至2021年底, by the end of 2021), a
    month (``2021-12``: 至2021年12月) or a day (``2021-12-31``).

    Written as one value in a sheet, so it is a tuple and not a record of fields."""

    year: int
    month: Optional[int] = None
    day: Optional[int] = None
    year_end: bool = False

    def last_day(self) -> datetime.date:
        """The last day the deadline can mean: 2021 and 2021-end end on 31 December 2021."""
        if self.month is None:
            return datetime.date(self.year, 12, 31)
        if self.day is not None:
            return datetime.date(self.year, self.month, self.day)
        following = datetime.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - datetime.timedelta(days=1)

    def __str__(self) -> str:
        if self.year_end:
            return f"{self.year:04d}-end"
        if self.month is None:
            return f"{self.year:04d}"
        text = f"{self.year:04d}-{self.month:02d}"
        return text if self.day is None else f"{text}-{self.day:02d}"


#: What a figure states: a fact as of a date, or a target (a plan, a forecast) to be reached.
STATUSES = {
    "current": "true as of the sheet's as_of (or the figure's own as_of): printed as a fact",
    "target": "a plan, aim or forecast, not yet reached: printed as a target (目标), with its "
              "deadline (by) and who states it (said_by) when the sheet gives them",
}

if typing.TYPE_CHECKING:
    Status = str
else:
    Status = Literal[tuple(STATUSES)]


@dataclass
class Text:
    """Text in Chinese and English: ``{zh: ..., en: ...}``, and optionally ``zh-Hant:``. A value
    the source leaves in doubt is marked ``unconfirmed`` with a note, and documents print its
    ``meanwhile`` wording (or the value marked as unconfirmed) until someone confirms it."""

    zh: str = doc("The Chinese text.", zh="中文文字。")
    en: Optional[str] = optional(
        "The English text, with typographic quotes (’ “ ”); for a name, the official English name, "
        "else pinyin. Without it the English edition prints the Chinese and lists the field.",
        zh="英文文字，用弯引号（’ “ ”）；名称用官方英文名，没有则用拼音。缺少时英文版印中文并列出该字段。")
    zh_hant: Optional[str] = optional(
        "The Traditional Chinese text, written as the sheet's key zh-Hant; only where the conversion "
        "of zh: by OpenCC is wrong (a name: briefing check --lang zh-Hant lists the converted names). "
        "Printed as written in every Traditional edition.",
        zh="繁体中文文字，键名写 zh-Hant；只在 OpenCC 由 zh: 转换的结果不对时填写（名称：briefing check --lang "
           "zh-Hant 列出转换后的名称）。所有繁体版照写印出。", key="zh-Hant")
    unconfirmed: Optional[str] = optional(
        "Set while the value is in doubt: what is uncertain and how to settle it. `briefing check` warns "
        "(--strict refuses), `briefing list` shows it, and documents print `meanwhile` instead (or the value "
        "marked “to be confirmed”). Delete it, and `meanwhile`, once the value is confirmed.",
        zh="数值存疑时填写：哪里不确定、如何核实。briefing check 会警告（--strict 拒绝），briefing list 会列出，"
           "文件改印 meanwhile 的措辞（没有则在原值后注明“待核实”）。核实后删除本字段和 meanwhile。",
        annotation=True)
    meanwhile: Optional[Text] = optional(
        "What documents print while the value is unconfirmed: a wording that is true whatever the "
        "confirmation says, e.g. {zh: 园区运营公司（名称待核实）, en: The park’s operating company (name to be "
        "confirmed)}.",
        zh="数值待核实期间文件印的措辞：无论核实结果如何都成立，如 {zh: 园区运营公司（名称待核实）, en: ...}。",
        annotation=True)

    #: Where the sheet gives this text (file, line, field), set when the sheet is read; not a
    #: field of the sheet. It travels with the text, so a copy still knows where it came from
    #: (an English edition lists the texts it printed in Chinese by their places).
    where: Optional[Where] = dataclasses.field(default=None, compare=False, repr=False, kw_only=True,
                                               metadata={"internal": True})

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else self.zh) or self.zh


@dataclass
class Figure:
    """A number with its unit, qualifier, as-of date and source."""

    label: Text = doc("What is counted, e.g. {zh: 总建筑面积, en: Total floor area}.", limit=40,
                      zh="统计的是什么，如 {zh: 总建筑面积, en: Total floor area}。")
    value: float = doc("The number in plain units: 42000 for 4.2万平方米, 1000000000 for 10亿元.",
                       zh="数值，用基本单位写：4.2万平方米写 42000，10亿元写 1000000000。", example="42000")
    unit: Unit = doc("Unit of the value: one of " + ", ".join(UNITS) + ".",
                     zh="数值的单位，取下列之一：" + "、".join(UNITS) + "。")
    max: Optional[float] = optional("Upper end, when the source gives a range.",
                                    zh="上限，原文给出范围时填写。", example="50000")
    qualifier: Optional[Qualifier] = optional(
        "How the value relates to the true number: one of " + ", ".join(QUALIFIERS) + ".",
        zh="数值与实际数的关系，取下列之一：" + "、".join(QUALIFIERS) + "（多、余、以上、约、预计）。",
    )
    as_of: Optional[PartialDate] = optional("When the figure was true, if not the sheet's as_of.",
                                            zh="数据截至日期，与本表的 as_of 不同时填写。")
    source: Optional[Id] = optional("Id of the entry in data/sources.yaml it comes from.",
                                    zh="来源编号：data/sources.yaml 中的条目 id。")
    highlight: bool = doc("Show it large on the cover (true/false).", default=False,
                          zh="是否在封面上放大显示（true/false）。")
    status: Optional[Status] = optional(
        "current (a fact as of a date) or target (a plan, aim or forecast): one of " + ", ".join(STATUSES)
        + ". Left out, it follows where the figure stands: under targets and a goal's target it is a "
          "target, elsewhere current.",
        zh="current（截至某日的现状）或 target（计划、目标、预计）。不填时按位置判断：targets 和目标（goals 的 "
           "target）下为 target，其他位置为 current。")
    by: Optional[Deadline] = optional(
        "For a target: when it is to be reached, exactly as the source says: 2021 (a year), 2021-end "
        "(the year's end, 年底), 2021-12 (a month) or 2021-12-31. Leave out if the source gives no date.",
        zh="目标的期限，照原文的精确程度：2021（某年）、2021-end（年底）、2021-12（某月）或 2021-12-31。"
           "原文没有期限时不填。", example="2021-end")
    said_by: Optional[Text] = optional(
        "For a target: who states it, as the source attributes it, e.g. {zh: 运营方负责人刘浩, en: Liu Hao, "
        "head of the operator}; documents print “according to …” with it.",
        zh="目标由谁提出，照原文署名，如 {zh: 运营方负责人刘浩, en: Liu Hao, head of the operator}；"
           "文件印“据……介绍”。")
    unconfirmed: Optional[str] = optional(
        "Set while the value is in doubt: what is uncertain and how to settle it. `briefing check` warns, "
        "and documents print the figure marked “to be confirmed”. Delete it once confirmed.",
        zh="数值存疑时填写：哪里不确定、如何核实。briefing check 会警告，文件在数字后注明“待核实”。核实后删除。",
        annotation=True)


@dataclass
class Source:
    """Where facts come from: one article, or one section of it."""

    id: Id = doc("Short id that figures refer to, e.g. feature-mobile-park.",
                 zh="来源编号，数据通过它引用来源，如 feature-mobile-park。")
    publication: Text = doc("The publication as the source names it; when the page does not name it, say "
                            "so, e.g. {zh: 报纸版面（报名不详）, en: Newspaper page (title not given)}.",
                            zh="刊物名称，照来源写；版面上没有报名时如实说明，如 {zh: 报纸版面（报名不详）, en: ...}。")
    title: Text = doc("Title of the article.", zh="文章标题。")
    date: PartialDate = doc("Date of the article (YYYY-MM-DD, or YYYY-MM).", zh="文章日期（YYYY-MM-DD，或 YYYY-MM）。")
    date_inferred: Optional[Text] = optional(
        "Only when the source prints no date: how the date was worked out, e.g. {zh: 据文中最晚日期推断, "
        "en: inferred from the latest date in the text}. Documents then print “about” before the date and "
        "this after it, and never call it the date of the report.",
        zh="仅在来源未印日期时填写：日期是如何推断的，如 {zh: 据文中最晚日期推断, en: ...}。文件会在日期前印"
           "“约”、后印这段说明，并且不把它当作见报日期。")
    subtitle: Optional[Text] = optional("Subtitle of the article, when it has one.", zh="文章副标题（如有）。")
    section: Optional[Text] = optional("Section heading inside the article.", zh="文章中的小标题。")
    author: Optional[Text] = optional("Writer (and photographer) as credited.", zh="署名的作者（及摄影）。")


@dataclass
class Neighbour:
    """A road or landmark beside the park."""

    side: Literal["north", "south", "east", "west"] = doc(
        "Which side: north, south, east or west.", zh="方位：north（北）、south（南）、east（东）或 west（西）。")
    name: Text = doc("Name of the road or landmark.", limit=30, zh="道路或地标名称。")


@dataclass
class Location:
    """Where the park is."""

    building: Optional[Text] = optional("The building the park occupies.", zh="园区所在楼宇。")
    address: Optional[Text] = optional("Postal address.", zh="通信地址。")
    corridor: Optional[Text] = optional("The development corridor it belongs to.", zh="所属发展走廊。")
    neighbours: list[Neighbour] = many("Roads or landmarks on each side.", zh="四周的道路或地标。")
    description: Optional[Text] = optional("A sentence on the site and the building.", zh="一句话介绍场地和楼宇。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Opening:
    """When the park opens."""

    date: PartialDate = doc("Opening date, YYYY-MM when only the month is known.",
                            zh="开园日期；只知道月份时写 YYYY-MM。")
    expected: bool = doc("true while the date is a forecast (预计).", default=False,
                         zh="日期仍是预计时写 true（预计）。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Organisation:
    """An operator, backer or parent company."""

    name: Text = doc("Registered name; English official name or pinyin.", limit=60,
                     zh="注册名称；英文写官方英文名或拼音。")
    relation: Optional[Text] = optional("How it relates to the park, e.g. operator, parent company.",
                                        zh="与园区的关系，如运营方、母公司。")
    description: Optional[Text] = optional("What it does.", zh="主要业务。")
    record: list[Figure] = many("Track record as figures, e.g. bases run, cities served.",
                                zh="业绩数字，如运营的基地数、服务的城市数。")
    facts: list[Text] = many("Track record that is not a number, one sentence each.", zh="不是数字的业绩，每条一句话。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Fund:
    """An industry fund tied to the park."""

    name: Text = doc("Name of the fund.", zh="基金名称。")
    status: Literal["established", "planned"] = doc("established, or planned (拟成立).",
                                                    zh="established（已成立）或 planned（拟成立）。")
    size: Optional[Figure] = optional("Size of the fund, when given.", zh="基金规模（原文给出时）。")
    model: Optional[Text] = optional("How the fund works with the park.", zh="基金与园区如何合作。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class CompanyGroup:
    """Companies at one stage of moving in."""

    stage: Literal["signed", "reviewed", "intent"] = doc(
        "signed (签约入驻), reviewed (passed the first review, 通过初审) or intent (入驻意向).",
        zh="signed（签约入驻）、reviewed（通过初审）或 intent（入驻意向）。",
    )
    count: Figure = doc("How many companies.", zh="企业数量。")
    names: list[Text] = many("Names given by the source.", limit=40, zh="原文点名的企业。")


@dataclass
class Event:
    """An event the park holds."""

    name: Text = doc("Name of the event.", zh="活动名称。")
    description: Text = doc("What happens and for whom.", zh="活动内容和对象。")
    frequency: Optional[Text] = optional("How often, e.g. monthly.", zh="频次，如每月一次。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Goal:
    """An aim with a target, e.g. an alliance or incubation goal."""

    name: Text = doc("Name of the goal.", zh="目标名称。")
    description: Text = doc("What is aimed at.", zh="要达到什么。")
    target: Optional[Figure] = optional("The target as a figure (a target whatever its status says).",
                                        zh="目标数字（无论 status 如何都是目标）。")
    by: Optional[Deadline] = optional(
        "Deadline, exactly as the source says it: 2021-end for 年底 (the end of 2021), 2021-12 for "
        "a month, 2021 for a year. Its target takes it unless the target gives its own.",
        zh="期限，照原文的精确程度：年底写 2021-end，某月写 2021-12，某年写 2021。目标数字未另填时沿用。",
        example="2021-end")
    said_by: Optional[Text] = optional(
        "Who states the goal, as the source attributes it, e.g. {zh: 运营方负责人杨章宏, en: Yang Zhanghong, "
        "head of the operator}. Its target takes it unless the target gives its own.",
        zh="目标由谁提出，照原文署名。目标数字未另填时沿用。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Person:
    """Someone quoted by the source."""

    name: Text = doc("Name (pinyin in English).", limit=20, zh="姓名（英文写拼音）。")
    role: Text = doc("Role as the source gives it.", limit=30, zh="原文给出的职务。")
    quote: Optional[Text] = optional("Their words, where the source quotes them directly.", limit=200,
                                     zh="原话（原文直接引用时）。")
    statement: Optional[Text] = optional("What the source reports they said (reported speech).",
                                         zh="原文转述的话（间接引语）。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Contact:
    """How to reach the park: the person to call and the ways to reach them. The source gives
    none of these; leave them out until the operator gives them."""

    name: Optional[Text] = optional("The person to call (招商联系人), e.g. {zh: 王明, en: Wang Ming}.", limit=20,
                                    zh="招商联系人姓名，如 {zh: 王明, en: Wang Ming}。")
    role: Optional[Text] = optional("Their role, e.g. {zh: 招商部经理, en: Investment manager}.", limit=30,
                                    zh="联系人的职务，如 {zh: 招商部经理, en: Investment manager}。")
    telephone: Optional[str] = optional("Telephone number with area code, e.g. 0734-...", zh="电话，含区号，如 0734-……")
    web: Optional[str] = optional("Web address; printed on the flyer and the back page with a QR code made from it.",
                                  zh="网址；宣传单和封底上印出，并据此生成二维码。")
    email: Optional[str] = optional("E-mail address.", zh="电子邮箱。")
    wechat: Optional[str] = optional(
        "WeChat ID (微信号), as WeChat shows it under the name; printed as text. A WeChat QR code cannot be "
        "made from an ID: to print one, save the QR code from WeChat and give it as qr.",
        zh="微信号，照微信个人信息里的写；印成文字。微信二维码无法由微信号生成：要印二维码，请从微信保存二维码图片，"
           "填在 qr。", limit=40)
    address: Optional[Text] = optional("Office address where visitors are received.", zh="接待来访的办公地址。")
    qr: Optional[ImagePath] = optional(
        "A QR code image the operator supplies (PNG, or JPEG), inside the data folder: the WeChat QR code saved "
        "from WeChat (Me > profile > My QR Code > save image), cropped to the code. Printed beside the contact "
        "on the back page, the flyer and the overview.",
        zh="运营方提供的二维码图片（PNG 或 JPEG），放在数据文件夹内：从微信保存的个人二维码（我 > 个人信息 > "
           "我的二维码 > 保存图片），裁到只剩二维码。印在封底、宣传单和总览的联系方式旁。",
        example="'images/wechat-qr.png'")
    qr_label: Optional[Text] = optional(
        "What the QR image is, printed under it, e.g. {zh: 微信扫码添加, en: Scan to add on WeChat}.", limit=20,
        zh="二维码图片是什么，印在其下，如 {zh: 微信扫码添加, en: Scan to add on WeChat}。")


#: The sections of a park's documents a photo may illustrate (``Photo.section``).
PHOTO_SECTIONS = {
    "location": "Location and building",
    "positioning": "Positioning and target segments",
    "operator": "Operator and operating model",
    "fund": "Fund and targets",
    "companies": "Companies",
    "facilities": "Facilities and services",
    "leasing": "Space, rent and incentives",
    "outlook": "Outlook and events",
}

if typing.TYPE_CHECKING:
    PhotoSection = str
else:
    PhotoSection = Literal[tuple(PHOTO_SECTIONS)]


@dataclass
class Photo:
    """A photograph of the park, with what it shows, its caption and who took it."""

    image: ImagePath = doc(
        "The photo, a JPEG or PNG inside the data folder, as a path from it, e.g. images/building.jpg. "
        "`briefing check` says when it is too small for the size it is printed at.",
        zh="照片，JPEG 或 PNG，放在数据文件夹内，写从数据文件夹起的路径，如 images/building.jpg。"
           "照片对印刷尺寸来说太小时，briefing check 会提示。", example="'images/building.jpg'")
    shows: Text = doc("What the photo shows, in a few words, e.g. {zh: 园区主楼南立面, en: The main building from "
                      "the south}; printed as its caption unless caption gives one.", limit=40,
                      zh="照片内容，几个字，如 {zh: 园区主楼南立面, en: ...}；没有 caption 时印作图注。")
    credit: Text = doc("Who took it, as credited, e.g. {zh: 图/左百村, en: Photo: Zuo Baicun}.", limit=30,
                       zh="摄影署名，如 {zh: 图/左百村, en: Photo: Zuo Baicun}。")
    caption: Optional[Text] = optional("The caption printed under the photo, when it says more than shows.",
                                       limit=80, zh="印在照片下的图注（比 shows 说得多时填写）。")
    cover: bool = doc("true for the one photo on the cover, the flyer and the WeChat poster.", default=False,
                      zh="true 表示用作封面、宣传单和微信海报的照片（只能有一张）。")
    section: Optional[PhotoSection] = optional(
        "The section it illustrates, set beside it: one of " + ", ".join(PHOTO_SECTIONS) + ". Left out, the "
        "photo goes into the pictures at the end of the park's sections (a cover photo is shown on the cover).",
        zh="照片配合的章节，放在该章节旁：" + "、".join(PHOTO_SECTIONS) + "之一。不填则放在园区各章之后的图片集里"
           "（封面照片印在封面上）。")


@dataclass
class Stated:
    """A fact stated in words (a policy, how space is handed over), with its source and the date
    it was true, like every figure."""

    text: Text = doc("The fact, as the source states it, e.g. {zh: 入驻企业前两年免租金, en: No rent for the first "
                     "two years}.", zh="事实，照来源写，如 {zh: 入驻企业前两年免租金, en: ...}。")
    source: Optional[Id] = optional("Id of the entry in data/sources.yaml it comes from.",
                                    zh="来源编号：data/sources.yaml 中的条目 id。")
    as_of: Optional[PartialDate] = optional("When it was true, if not the sheet's as_of.",
                                            zh="截至日期，与本表的 as_of 不同时填写。")


@dataclass
class Leasing:
    """Space to let and its terms, as the source states them."""

    space_available: Optional[Figure] = optional(
        "Floor space available to let, in m2, e.g. {label: {zh: 可租面积, en: Space available}, value: 8000, "
        "unit: m2, source: ...}.",
        zh="可租面积（m2），如 {label: {zh: 可租面积, en: Space available}, value: 8000, ...}。")
    rent: Optional[Figure] = optional(
        "Rent in yuan per square metre per month (unit: yuan; value and max for a range), e.g. value: 25, "
        "max: 40: printed 25～40元/平方米·月.",
        zh="租金，元/平方米·月（unit 写 yuan；范围写 value 和 max），如 value: 25, max: 40，印作 25～40元/平方米·月。")
    fit_out: Optional[Stated] = optional(
        "How the space is handed over (shell, fitted out, furnished), as a stated fact.",
        zh="交付标准（毛坯、精装、带家具），写成有来源的事实。")


@dataclass
class Branding:
    """The park's own accent colour and logo; the rest of the theme is shared."""

    accent: Optional[Colour] = optional("Accent colour as '#RRGGBB' in quotes (or RRGGBB), e.g. '#C8102E': "
                                        "the cover stripe, key figures and the bars under headings.",
                                        zh="强调色，加引号写 '#RRGGBB'（或不带 # 写 RRGGBB），如 '#C8102E'；"
                                           "用于封面色条、关键数字和标题下的色条。",
                                        example="'#C8102E'")
    logo: Optional[ImagePath] = optional("Logo image (PNG or JPEG) inside the data folder, as a path from "
                                         "the data folder, e.g. images/smart-medical.png; set on the cover.",
                                         zh="标志图片（PNG 或 JPEG），放在数据文件夹内，写从数据文件夹起的路径，"
                                            "如 images/smart-medical.png；印在封面上。",
                                         example="'images/logo.png'")


@dataclass
class Link:
    """A web page about the park, printed on the flyer as a QR code with its label."""

    label: Text = doc("What the page is, e.g. {zh: 园区官网, en: Park website}.", limit=20,
                      zh="网页是什么，如 {zh: 园区官网, en: Park website}。")
    url: Url = doc("The whole address, starting https:// or http://, copied from the page itself; "
                   "never a guessed address.", zh="完整网址，以 https:// 或 http:// 开头，从网页上复制，不要猜。",
                   example="https://example.org/sign-up")


@dataclass
class Park:
    """One park's fact sheet: data/parks/<id>.yaml."""

    id: Id = doc("File-name-safe id, e.g. mobile-internet; the PDF is named after it.",
                 zh="园区编号，可作文件名，如 mobile-internet；PDF 以它命名。")
    as_of: PartialDate = doc("When the facts were true (YYYY-MM or YYYY-MM-DD).",
                             zh="资料截至日期（YYYY-MM 或 YYYY-MM-DD）。")
    name: Text = doc("Full name of the park.", limit=40, zh="园区全称。")
    chain: Id = doc("Id of the industrial chain in zone.yaml the park serves.",
                    zh="园区服务的产业链编号（zone.yaml 中的 chains）。")
    summary: Text = doc("Two or three sentences: what the park is for.", limit=300, zh="两三句话：园区做什么。")
    short_name: Optional[Text] = optional("Short name for headers.", limit=20, zh="简称，用于页眉。")
    tagline: Optional[Text] = optional("The park's stated aim, shown on the cover.", limit=40,
                                       zh="园区的目标或口号，显示在封面上。")
    location: Optional[Location] = optional("Where it is.", zh="园区位置。")
    facts: list[Figure] = many("Headline figures: floor area and the like.", zh="主要数字：建筑面积等。")
    stage: Optional[Text] = optional("Stage of works.", limit=40, zh="施工进度。")
    opening: Optional[Opening] = optional("When it opens.", zh="开园时间。")
    amenities: list[Text] = many("Facilities on site.", limit=20, zh="园区配套设施。")
    positioning: list[Text] = many("What the park sets out to be, one statement each.", zh="园区定位，每条一句。")
    segments: list[Text] = many("Target industry segments.", limit=20, zh="目标产业方向。")
    platforms: list[Text] = many("Platforms and centres planned.", zh="计划建设的平台和中心。")
    operator: Optional[Organisation] = optional("Who runs the park.", zh="运营方。")
    backers: list[Organisation] = many(
        "Organisations linked to the operator (a parent company, bodies whose resources it draws on), each "
        "with its relation as the source states it; documents list them as related organisations and claim "
        "no more than each relation says.",
        zh="与运营方相关的机构（母公司、运营方依托其资源的机构等），每个照原文写明关系；文件列为“相关机构”，"
           "不多说关系。")
    operating_model: Optional[Text] = optional("The operating model, as a formula.", limit=60,
                                               zh="运营模式，写成公式。")
    slogans: list[Text] = many("Slogans describing the aimed-for pattern.", limit=60, zh="描述目标格局的口号。")
    fund: Optional[Fund] = optional("Industry fund.", zh="产业基金。")
    targets: list[Figure] = many("Targets: companies, talent, output, tax. Each is a target; give its said_by "
                                 "(who states it) and by (its deadline) where the source does.",
                                 zh="目标：企业、人才、产值、税收。每项都是目标；原文给出时填写 said_by（谁提出）"
                                    "和 by（期限）。")
    companies: list[CompanyGroup] = many("Companies signed, in review or with intent.",
                                         zh="已签约、在审或有意向的企业。")
    events: list[Event] = many("Events held.", zh="举办的活动。")
    goals: list[Goal] = many("Alliance, incubation and cooperation goals.", zh="联盟、孵化、合作等目标。")
    people: list[Person] = many("People quoted.", zh="原文引用的人物。")
    leasing: Optional[Leasing] = optional(
        "Space to let, rent and fit-out, each with its source; shown when given. Leave out what the source "
        "does not state.", zh="可租面积、租金和交付标准，各有来源；填写才显示。来源没有的不要填。")
    incentives: list[Stated] = many(
        "Incentive policies for companies moving in (rent relief, subsidies), one stated fact each with its "
        "source and as-of date.", zh="入驻优惠政策（租金减免、补贴等），每条一个有来源和截至日期的事实。")
    photos: list[Photo] = many(
        "Photographs of the park, each with what it shows, a caption and a credit; one may be the cover photo. "
        "Leave out until the operator gives photos they may print.",
        zh="园区照片，每张写明内容、图注和摄影署名；可指定一张作封面。运营方提供可以印刷的照片之前不填。")
    contact: Optional[Contact] = optional(
        "The person to call and how to reach them (telephone, e-mail, WeChat, address, a QR image); on the "
        "brochure's back page, the flyer and the overview.",
        zh="联系人及联系方式（电话、邮箱、微信、地址、二维码图片）；印在宣传册封底、宣传单和总览上。")
    branding: Optional[Branding] = optional("The park's accent colour and logo; optional.",
                                            zh="本园区的品牌：强调色和标志；可选。")
    links: list[Link] = many("Web pages about the park (its site, a sign-up form); each becomes a QR code on "
                             "the flyer. Leave out until the operator gives one.",
                             zh="园区的网页（官网、报名表等），每个在宣传单上印成二维码；运营方提供之前不填。")


@dataclass
class Chain:
    """An industrial chain the zone hosts."""

    id: Id = doc("Short id, e.g. mobile-internet.", zh="产业链编号，如 mobile-internet。")
    name: Text = doc("Name of the chain.", limit=30, zh="产业链名称。")
    park: Optional[Id] = optional("Id of the park paired with it.", zh="配套园区的编号。")
    office: Optional[Text] = optional("The city office that drives the chain.", zh="推进该产业链的市级办公室。")
    description: Optional[Text] = optional("What the chain covers.", zh="产业链涵盖什么。")


@dataclass
class Programme:
    """The zone's programme that pairs chains with parks."""

    name: Text = doc("Name, e.g. 两链两园.", limit=20, zh="名称，如两链两园。")
    description: Text = doc("What it is.", zh="简介。")
    pairing: Optional[Text] = optional("How chains and parks are paired.", zh="产业链与园区如何对应。")
    park_concept: Optional[Text] = optional("What a park-within-the-park is.", zh="什么是园中园。")
    work: list[Text] = many("Work items, e.g. the 'two parks, two banks, two pools, two reports'.",
                            zh="工作事项，如“两园两库两池两报告”。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class CityChains:
    """The city's priority industrial chains."""

    count: Figure = doc("How many chains the city set.", zh="全市确定的产业链条数。")
    decided_at: PartialDate = doc("Date of the meeting that set them.", zh="确定这些产业链的会议日期。")
    meeting: Text = doc("The meeting.", zh="会议名称。")
    aim: Optional[Text] = optional("What the chains are for.", zh="产业链建设的目的。")
    source: Optional[Id] = optional("Id of the source entry.", zh="来源编号。")


@dataclass
class Zone:
    """The zone's fact sheet: data/zone.yaml."""

    id: Id = doc("File-name-safe id of the zone.", zh="高新区编号，可作文件名。")
    as_of: PartialDate = doc("When the facts were true.", zh="资料截至日期。")
    name: Text = doc("Full name of the zone.", limit=40, zh="高新区全称。")
    summary: Text = doc("What the zone does for industrial chains.", zh="高新区为产业链做什么。")
    short_name: Optional[Text] = optional("Short name.", limit=20, zh="简称。")
    location: Optional[Text] = optional("City and province.", zh="所在城市和省份。")
    programme: Optional[Programme] = optional("The chains-and-parks programme.", zh="产业链与园区配对的计划。")
    chains: list[Chain] = many("The chains the zone hosts.", zh="高新区承载的产业链。")
    city_chains: Optional[CityChains] = optional("The city's priority chains.", zh="全市重点产业链。")
    roles: list[Text] = many("Roles the zone takes in building the chains.", zh="高新区在产业链建设中的角色。")
    corridor: Optional[Text] = optional("The corridor the parks sit on.", zh="园区所在走廊。")
    contact: Optional[Contact] = optional("Contact details; optional.", zh="联系方式；可选。")
    traditional: Optional[Literal["hk", "tw"]] = optional(
        "The standard of the Traditional Chinese editions (briefing build --lang zh-Hant): hk (Hong Kong, "
        "the default) or tw (Taiwan). --lang zh-HK or zh-TW chooses one for a single build.",
        zh="繁体中文版（briefing build --lang zh-Hant）采用的标准：hk（香港，默认）或 tw（台湾）。"
           "一次构建也可用 --lang zh-HK 或 zh-TW 指定。")
    source: Optional[Id] = optional("Id of the source of the summary, location and corridor.",
                                    zh="简介、位置和走廊的来源编号。")
    news: list[Id] = many(
        "Ids of the news items (data/news/<id>.yaml) the zone overview shows, in this order; "
        "an item left out of the list stays out of the overview.",
        zh="总览收录的新闻编号（data/news/<id>.yaml），按此顺序排列；未列出的新闻不进总览。")
    news_en: Optional[list[Id]] = optional(
        "Ids of the news items the English overview shows, in this order, for its readers (foreign "
        "investors); [] shows none. Without it the English overview shows the news list.",
        zh="英文版总览收录的新闻编号，按此顺序排列，面向其读者（境外投资者）；写 [] 则不收录。不填则与 news 相同。")


@dataclass
class NewsItem:
    """One piece of zone news for the overview's digest: data/news/<id>.yaml.

    Every fact is the source's; a field the source does not give is left out."""

    id: Id = doc("File-name-safe id, the same as the file name, e.g. staff-sports-day.",
                 zh="新闻编号，与文件名相同，如 staff-sports-day。")
    title: Text = doc("A short headline of our own for the digest.", limit=40, zh="简讯用的短标题（自拟）。")
    what: Text = doc("What happened, in a sentence or two.", limit=300, zh="一两句话：发生了什么。")
    source: Id = doc("Id of the article in data/sources.yaml that reports it.",
                     zh="报道它的文章编号（data/sources.yaml 中的条目 id）。")
    date: Optional[PartialDate] = optional("When it happened (YYYY-MM-DD), if the source says.",
                                           zh="发生日期（YYYY-MM-DD），来源给出时填写。")
    when: Optional[Text] = optional(
        "When, in words: the time of day as the source gives it (下午3时许), or the source's "
        "wording when it gives no date (日前, recently).", limit=20,
        zh="文字写的时间：来源给出的时段（下午3时许），或来源未给日期时的原话（日前）。")
    place: Optional[Text] = optional("Where it took place.", limit=40, zh="地点。")
    who: Optional[Text] = optional("Who held it or took part, as the source says.", zh="主办或参加者，照来源写。")
    name: Optional[Text] = optional("The event's formal name, if the source gives one.",
                                    zh="活动的正式名称（来源给出时）。")
    purpose: Optional[Text] = optional("What it was for, as the source says.", zh="活动目的，照来源写。")
    activities: list[Text] = many("What was done there, one item each (events, visits, a film shown).",
                                  zh="活动内容，每项一条（项目、参观、观看的影片等）。")
    figures: list[Figure] = many("Numbers the source gives: teams, people and the like.",
                                 zh="来源给出的数字：队数、人数等。")
    results: list[Text] = many("Outcomes: prizes, honours, what was achieved.", zh="结果：奖项、荣誉、成效。")
    results_of: Optional[Text] = optional(
        "When the results belong to an earlier period than the event (a conference reporting last year's "
        "work), that period, e.g. {zh: 2020年, en: 2020}: the heading then says so.",
        zh="结果属于活动之前的时期时（如会议通报上一年的工作），写明时期，如 {zh: 2020年, en: 2020}；标题会注明。")
    plans: list[Text] = many("What was asked for or set for the time ahead, one item each.",
                             zh="提出的要求或下一步安排，每项一条。")
    plans_by: Optional[Text] = optional(
        "Who asked for the plans, as the source attributes them, e.g. {zh: 高新区负责人, en: a leader of the "
        "zone}: the heading then names them.",
        zh="提出要求的人，照原文署名，如 {zh: 高新区负责人, en: a leader of the zone}；标题会写明。")


@dataclass
class Sources:
    """The list of sources every sheet refers to: data/sources.yaml."""

    sources: list[Source] = many("Every article or section that facts come from.", zh="数据来源的每篇文章或每个小节。")


# -- for code that walks the schema (the new-sheet scaffold, the guide) --------------------

def fields_of(cls_or_record) -> tuple[dataclasses.Field, ...]:
    """The fields a sheet gives for a record (or its class): every field but those set when
    the sheet is read (``Text.where``)."""
    return tuple(spec for spec in dataclasses.fields(cls_or_record) if not spec.metadata.get("internal"))


def key_of(spec: dataclasses.Field) -> str:
    """A field's name as a sheet writes it: ``zh-Hant`` for ``Text.zh_hant``."""
    return str(spec.metadata.get("key", spec.name))


@functools.cache
def hints_of(cls: type) -> dict[str, typing.Any]:
    """The types of the fields a sheet gives for a record, by name, resolved once (the
    annotations are strings)."""
    hints = typing.get_type_hints(cls)
    return {spec.name: hints[spec.name] for spec in fields_of(cls)}


def is_required(spec: dataclasses.Field) -> bool:
    return spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING


def is_record(hint) -> bool:
    """A record with fields of its own (a date is written as one value)."""
    return dataclasses.is_dataclass(hint) and hint is not PartialDate


def inner(hint):
    """X for Optional[X] and list[X]; any other type as it is."""
    if typing.get_origin(hint) in (Union, list):
        return next(arg for arg in typing.get_args(hint) if arg is not type(None))
    return hint
