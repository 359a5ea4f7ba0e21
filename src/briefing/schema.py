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
from dataclasses import dataclass
from typing import Literal, NewType, Optional

ID_PATTERN = r"[a-z0-9][a-z0-9-]{0,63}"

#: An id: lower-case letters, digits and hyphens; ids become file names and references.
Id = NewType("Id", str)

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

#: How a figure relates to the true number. Chinese uses two words for "more than":
#: 多 (20多家) and 余 (10余家); the source's choice is kept.
QUALIFIERS = {
    "more-than": "more than the value (多: 20多家)",
    "over": "more than the value (余: 10余家)",
    "at-least": "the value or more (以上: 1亿元以上)",
    "about": "roughly the value (约)",
    "expected": "a forecast, not yet reached (预计)",
}

Unit = Literal[tuple(UNITS)]
Qualifier = Literal[tuple(QUALIFIERS)]


def doc(text: str, default=dataclasses.MISSING, factory=dataclasses.MISSING, limit: Optional[int] = None):
    """A dataclass field with its description for validation messages and the guide.

    ``limit`` is the most characters its text may have (in Chinese; English may have three
    times as many) where the layout has a fixed space for it: a cover title, a tile, a quote.
    """
    metadata = {"doc": text} if limit is None else {"doc": text, "max_length": limit}
    return dataclasses.field(default=default, default_factory=factory, metadata=metadata)


def optional(text: str, limit: Optional[int] = None):
    return doc(text, default=None, limit=limit)


def many(text: str, limit: Optional[int] = None):
    return doc(text, factory=list, limit=limit)


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


@dataclass
class Text:
    """Text in Chinese and English: ``{zh: ..., en: ...}``."""

    zh: str = doc("The Chinese text.")
    en: Optional[str] = optional("The English text.")

    def get(self, lang: str) -> str:
        return (self.en if lang == "en" else self.zh) or self.zh


@dataclass
class Figure:
    """A number with its unit, qualifier, as-of date and source."""

    label: Text = doc("What is counted, e.g. {zh: 总建筑面积, en: Total floor area}.", limit=40)
    value: float = doc("The number in plain units: 42000 for 4.2万平方米, 1000000000 for 10亿元.")
    unit: Unit = doc("Unit of the value: one of " + ", ".join(UNITS) + ".")
    max: Optional[float] = optional("Upper end, when the source gives a range.")
    qualifier: Optional[Qualifier] = optional(
        "How the value relates to the true number: one of " + ", ".join(QUALIFIERS) + "."
    )
    as_of: Optional[PartialDate] = optional("When the figure was true, if not the sheet's as_of.")
    source: Optional[Id] = optional("Id of the entry in data/sources.yaml it comes from.")
    highlight: bool = doc("Show it large on the cover (true/false).", default=False)


@dataclass
class Source:
    """Where facts come from: one article, or one section of it."""

    id: Id = doc("Short id that figures refer to, e.g. feature-mobile-park.")
    publication: Text = doc("The publication, e.g. the zone's newspaper.")
    title: Text = doc("Title of the article.")
    date: PartialDate = doc("Date of the article (YYYY-MM-DD, or YYYY-MM).")
    section: Optional[Text] = optional("Section heading inside the article.")
    author: Optional[Text] = optional("Writer (and photographer) as credited.")


@dataclass
class Neighbour:
    """A road or landmark beside the park."""

    side: Literal["north", "south", "east", "west"] = doc("Which side: north, south, east or west.")
    name: Text = doc("Name of the road or landmark.", limit=30)


@dataclass
class Location:
    """Where the park is."""

    building: Optional[Text] = optional("The building the park occupies.")
    address: Optional[Text] = optional("Postal address.")
    corridor: Optional[Text] = optional("The development corridor it belongs to.")
    neighbours: list[Neighbour] = many("Roads or landmarks on each side.")
    description: Optional[Text] = optional("A sentence on the site and the building.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Opening:
    """When the park opens."""

    date: PartialDate = doc("Opening date, YYYY-MM when only the month is known.")
    expected: bool = doc("true while the date is a forecast (预计).", default=False)
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Organisation:
    """An operator, backer or parent company."""

    name: Text = doc("Registered name; English official name or pinyin.", limit=60)
    relation: Optional[Text] = optional("How it relates to the park, e.g. operator, parent company.")
    description: Optional[Text] = optional("What it does.")
    record: list[Figure] = many("Track record as figures, e.g. bases run, cities served.")
    facts: list[Text] = many("Track record that is not a number, one sentence each.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Fund:
    """An industry fund tied to the park."""

    name: Text = doc("Name of the fund.")
    status: Literal["established", "planned"] = doc("established, or planned (拟成立).")
    size: Optional[Figure] = optional("Size of the fund, when given.")
    model: Optional[Text] = optional("How the fund works with the park.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class CompanyGroup:
    """Companies at one stage of moving in."""

    stage: Literal["signed", "reviewed", "intent"] = doc(
        "signed (签约入驻), reviewed (passed the first review, 通过初审) or intent (入驻意向)."
    )
    count: Figure = doc("How many companies.")
    names: list[Text] = many("Names given by the source.", limit=40)


@dataclass
class Event:
    """An event the park holds."""

    name: Text = doc("Name of the event.")
    description: Text = doc("What happens and for whom.")
    frequency: Optional[Text] = optional("How often, e.g. monthly.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Goal:
    """An aim with a target, e.g. an alliance or incubation goal."""

    name: Text = doc("Name of the goal.")
    description: Text = doc("What is aimed at.")
    target: Optional[Figure] = optional("The target as a figure.")
    by: Optional[PartialDate] = optional("Deadline, e.g. 2021-12 for the end of 2021.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Person:
    """Someone quoted by the source."""

    name: Text = doc("Name (pinyin in English).", limit=20)
    role: Text = doc("Role as the source gives it.", limit=30)
    quote: Optional[Text] = optional("Their words, where the source quotes them directly.", limit=200)
    statement: Optional[Text] = optional("What the source reports they said (reported speech).")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Contact:
    """How to reach the park. The source gives none of these; leave them out until known."""

    telephone: Optional[str] = optional("Telephone number with area code, e.g. 0734-...")
    web: Optional[str] = optional("Web address.")
    email: Optional[str] = optional("E-mail address.")


@dataclass
class Link:
    """A web page about the park, printed on the flyer as a QR code with its label."""

    label: Text = doc("What the page is, e.g. {zh: 园区官网, en: Park website}.", limit=20)
    url: Url = doc("The whole address, starting https:// or http://, copied from the page itself; "
                   "never a guessed address.")


@dataclass
class Park:
    """One park's fact sheet: data/parks/<id>.yaml."""

    id: Id = doc("File-name-safe id, e.g. mobile-internet; the PDF is named after it.")
    as_of: PartialDate = doc("When the facts were true (YYYY-MM or YYYY-MM-DD).")
    name: Text = doc("Full name of the park.", limit=40)
    chain: Id = doc("Id of the industrial chain in zone.yaml the park serves.")
    summary: Text = doc("Two or three sentences: what the park is for.", limit=300)
    short_name: Optional[Text] = optional("Short name for headers.", limit=20)
    tagline: Optional[Text] = optional("The park's stated aim, shown on the cover.", limit=40)
    location: Optional[Location] = optional("Where it is.")
    facts: list[Figure] = many("Headline figures: floor area and the like.")
    stage: Optional[Text] = optional("Stage of works.", limit=40)
    opening: Optional[Opening] = optional("When it opens.")
    amenities: list[Text] = many("Facilities on site.", limit=20)
    positioning: list[Text] = many("What the park sets out to be, one statement each.")
    segments: list[Text] = many("Target industry segments.", limit=20)
    platforms: list[Text] = many("Platforms and centres planned.")
    operator: Optional[Organisation] = optional("Who runs the park.")
    backers: list[Organisation] = many("Backers, parent companies and partners of the operator.")
    operating_model: Optional[Text] = optional("The operating model, as a formula.", limit=60)
    slogans: list[Text] = many("Slogans describing the aimed-for pattern.", limit=60)
    fund: Optional[Fund] = optional("Industry fund.")
    targets: list[Figure] = many("Targets: companies, talent, output, tax.")
    companies: list[CompanyGroup] = many("Companies signed, in review or with intent.")
    events: list[Event] = many("Events held.")
    goals: list[Goal] = many("Alliance, incubation and cooperation goals.")
    people: list[Person] = many("People quoted.")
    contact: Optional[Contact] = optional("Contact details; optional.")
    links: list[Link] = many("Web pages about the park (its site, a sign-up form); each becomes a QR "
                             "code on the flyer. Leave out until the operator gives one.")


@dataclass
class Chain:
    """An industrial chain the zone hosts."""

    id: Id = doc("Short id, e.g. mobile-internet.")
    name: Text = doc("Name of the chain.", limit=30)
    park: Optional[Id] = optional("Id of the park paired with it.")
    office: Optional[Text] = optional("The city office that drives the chain.")
    description: Optional[Text] = optional("What the chain covers.")


@dataclass
class Programme:
    """The zone's programme that pairs chains with parks."""

    name: Text = doc("Name, e.g. 两链两园.", limit=20)
    description: Text = doc("What it is.")
    pairing: Optional[Text] = optional("How chains and parks are paired.")
    park_concept: Optional[Text] = optional("What a park-within-the-park is.")
    work: list[Text] = many("Work items, e.g. the 'two parks, two banks, two pools, two reports'.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class CityChains:
    """The city's priority industrial chains."""

    count: Figure = doc("How many chains the city set.")
    decided_at: PartialDate = doc("Date of the meeting that set them.")
    meeting: Text = doc("The meeting.")
    aim: Optional[Text] = optional("What the chains are for.")
    source: Optional[Id] = optional("Id of the source entry.")


@dataclass
class Zone:
    """The zone's fact sheet: data/zone.yaml."""

    id: Id = doc("File-name-safe id of the zone.")
    as_of: PartialDate = doc("When the facts were true.")
    name: Text = doc("Full name of the zone.", limit=40)
    summary: Text = doc("What the zone does for industrial chains.")
    short_name: Optional[Text] = optional("Short name.", limit=20)
    location: Optional[Text] = optional("City and province.")
    programme: Optional[Programme] = optional("The chains-and-parks programme.")
    chains: list[Chain] = many("The chains the zone hosts.")
    city_chains: Optional[CityChains] = optional("The city's priority chains.")
    roles: list[Text] = many("Roles the zone takes in building the chains.")
    corridor: Optional[Text] = optional("The corridor the parks sit on.")
    contact: Optional[Contact] = optional("Contact details; optional.")
    source: Optional[Id] = optional("Id of the source of the summary, location and corridor.")


@dataclass
class Sources:
    """The list of sources every sheet refers to: data/sources.yaml."""

    sources: list[Source] = many("Every article or section that facts come from.")
