"""Warnings about sheets that are valid but not ready to print.

A sheet can pass the schema and still mislead a reader: a figure nobody can trace, a
forecast that is already history, facts a year old, a text the English edition would show in
Chinese, a claim China's Advertising Law forbids, a plan written as a fact, a value still
awaiting confirmation, or prose that still quotes a figure the sheet no longer holds. Each
finding is a warning (``--strict`` makes them fatal) placed at the field's line; one kind is
only a note (see ``absolute_terms``).

One check needs what the sheets alone cannot say, the day of the visit or event the
documents are made for: ``overtaken`` is called by the build and the front desk once they
know it.

Each check is one function taking the sheet's records; ``CHECKS`` lists them, so a check
added elsewhere (e.g. the English check, which the language work may bring too) merges as one
function and one line.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
import functools
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Protocol, Union

from briefing.errors import Problems, Where
from briefing.messages import msg
from briefing.sheets import schema
from briefing.sheets.validate import Typed

#: Facts older than this (after the last day of the as-of month) are called stale.
MAX_AGE = datetime.timedelta(days=365)
#: Set to YYYY-MM-DD to fix "today" (reproducible checks in CI and tests); unset means the clock.
#: What ``briefing new`` writes where a required text must be filled in (``scaffold.py``).
PLACEHOLDER_ZH = "待填写"
PLACEHOLDER_EN = "TO FILL IN"

#: China's Advertising Law, Art. 9(3), bars "国家级", "最高级", "最佳" and terms like them.
#: Longest first, so 最高级 is reported as itself and not as 最.
ABSOLUTE_ZH = re.compile("|".join(sorted(
    ["最", "第一", "唯一", "国家级", "世界级", "最高级", "最佳", "顶级", "顶尖", "极致", "极品", "首选", "全国首家",
     "独一无二", "绝无仅有", "史无前例", "万能"], key=len, reverse=True)))
ABSOLUTE_EN = re.compile(r"\b(the most|best|number one|world-class|top-class|unrivalled|unparalleled)\b",
                         re.IGNORECASE)
#: Words that contain an absolute term without making a claim: time (最终, 最近), order
#: (第一批, 第一次), the primary sector (第一产业), a post (第一书记), and official
#: designations a body is granted (国家级高新区), which are facts, not boasts.
NOT_CLAIMS = re.compile(
    r"最终|最后|最近|最初|最早|第一(批|届|次|期|季度|阶段|产业|书记)"
    r"|国家级(高新|经济技术开发区|经开区|新区|孵化器|众创空间|科技企业孵化器|重点实验室|工程技术研究中心|企业技术中心)"
)
#: A stated aim (目标：……): the 2023 SAMR guideline on absolute terms (广告绝对化用语执法指南)
#: does not treat words that only express a business's aim as a claim about what it sells.
AIM_ZH = re.compile(r"目标|致力|力争|争创|争取|立志|愿景|旨在")
AIM_EN = re.compile(r"\b(aim|aims|aiming|strive|strives|striving|goal|sets? out to|seeks? to)\b", re.IGNORECASE)
#: Qualifiers that leave a figure open upwards (多, 余, 以上): a range has an upper end.
OPEN_QUALIFIERS = {"more-than", "over", "at-least"}
#: A range whose top is this many times its bottom is a typing slip (6 to 50000), not a range.
RANGE_SPREAD = 100
#: Names are what they are registered as; a name is not a claim (衡阳国家高新区).
NAME_FIELDS = {"name", "short_name"}


@dataclass
class Sheet:
    """One valid sheet, its records with their paths, and where each field is."""

    typed: Typed
    records: list[tuple[str, Any]]
    today: datetime.date

    def at(self, path: str) -> Where:
        line = self.typed.places.get(path)
        return Where(self.typed.path, line, path)

    @property
    def value(self) -> Any:
        return self.typed.value


def lint(typed: Typed, problems: Problems, on: datetime.date, checks=None) -> None:
    """Add every check's findings (or those of ``checks``) for one typed sheet to ``problems``."""
    if typed.value is None:
        return
    sheet = Sheet(typed, list(records(typed.value)), on)
    for check in CHECKS if checks is None else checks:
        check(sheet, problems)


def records(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every record in a sheet (itself first) with its field path: ``facts[0].label``."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from records(item, f"{path}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, schema.PartialDate):
        yield path, value
        for spec in schema.fields_of(value):
            yield from records(getattr(value, spec.name), f"{path}.{spec.name}" if path else spec.name)


def _of(sheet: Sheet, cls: type) -> Iterator[tuple[str, Any]]:
    return ((path, record) for path, record in sheet.records if isinstance(record, cls))


def _last_day(date: Union[schema.PartialDate, schema.Deadline]) -> datetime.date:
    """The last day a date can mean: 2021-04 ends on 2021-04-30, 2021-end on 2021-12-31 (9999-12
    on its 31st: computed within the month, never from the month after, which may not exist)."""
    if isinstance(date, schema.Deadline):
        return date.last_day()
    if date.day:
        return date.first_day()
    return datetime.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])


# -- the checks ----------------------------------------------------------------------------

def unsourced_figures(sheet: Sheet, problems: Problems) -> None:
    for path, figure in _of(sheet, schema.Figure):
        if figure.source is None:
            problems.warn(sheet.at(path), msg("figure without a source; add source: with the id of its entry "
                                              "in sources.yaml, so readers can check it"))


def unsourced_statements(sheet: Sheet, problems: Problems) -> None:
    """A stated fact (an incentive, the fit-out) is sourced like a figure."""
    for path, fact in _of(sheet, schema.Stated):
        if fact.source is None:
            problems.warn(sheet.at(path), msg("stated fact without a source; add source: with the id of its entry "
                                              "in sources.yaml, so readers can check it"))


def no_contact(sheet: Sheet, problems: Problems) -> None:
    """A flyer is handed to people who will want to call someone: a park whose sheet gives no
    contact at all has a flyer with nobody to call."""
    park = sheet.value
    if not isinstance(park, schema.Park):
        return
    contact = park.contact
    if contact and any((contact.name, contact.telephone, contact.email, contact.wechat, contact.web,
                        contact.address, contact.qr)):
        return
    problems.warn(Where(sheet.typed.path, sheet.typed.places.get("contact"), "contact"),
                  msg("the park's flyer has no contact: no person to call, telephone, e-mail, WeChat ID or QR "
                      "code; add contact: with what the operator gives (docs/fact-sheets.md, “The person to "
                      "call”)"))


def leasing_units(sheet: Sheet, problems: Problems) -> None:
    """Rent is counted in yuan (a square metre a month) and space in square metres: another
    unit would print as nonsense (20家/平方米·月)."""
    park = sheet.value
    if not isinstance(park, schema.Park) or park.leasing is None:
        return
    for field, unit, words in (("rent", "yuan", msg("yuan (a square metre a month)")),
                               ("space_available", "m2", msg("square metres"))):
        figure = getattr(park.leasing, field)
        if figure is not None and figure.unit != unit:
            problems.error(sheet.at(f"leasing.{field}.unit"), msg("is {unit!r}; {field} is counted in {words}: "
                                                                  "write unit: {expected}", unit=figure.unit,
                                                                  field=field, words=words, expected=unit))


def cover_photos(sheet: Sheet, problems: Problems) -> None:
    """One cover photo: the first marked is used, and the others would be shown nowhere."""
    park = sheet.value
    if not isinstance(park, schema.Park):
        return
    marked = [index for index, photo in enumerate(park.photos) if photo.cover]
    for index in marked[1:]:
        problems.warn(sheet.at(f"photos[{index}].cover"), msg("a second photo marked for the cover; the cover "
                                                              "shows the first (photos[{first}]): mark one only",
                                                              first=marked[0]))


def past_expected_dates(sheet: Sheet, problems: Problems) -> None:
    """A forecast (预计) or a target's deadline that lies before the sheet's as-of date: it
    either happened or slipped."""
    as_of = getattr(sheet.value, "as_of", None)
    if as_of is None:
        return
    for path, date in expected_dates(sheet.value):
        if _last_day(date) < as_of.first_day():
            problems.warn(sheet.at(path), msg("{date} is still marked expected but is before the sheet's as_of "
                                              "{as_of}; give the new date, or say it happened (expected: false)",
                                              date=str(date), as_of=str(as_of)))


def expected_dates(sheet_value: Any) -> list[tuple[str, Union[schema.PartialDate, schema.Deadline]]]:
    """Every date a sheet still looks forward to, by its field path: an expected opening, and
    the deadline of each target (a goal's, or a target figure's own)."""
    found = list(records(sheet_value))
    dated: list[tuple[str, Union[schema.PartialDate, schema.Deadline]]] = [
        (f"{path}.date", o.date) for path, o in found if isinstance(o, schema.Opening) and o.expected]
    dated += [(f"{path}.by", g.by) for path, g in found if isinstance(g, schema.Goal) and g.by]
    goal_targets = {id(g.target) for _, g in found if isinstance(g, schema.Goal) and g.by}
    dated += [(f"{path}.by", f.by) for path, f in found
              if isinstance(f, schema.Figure) and f.by and id(f) not in goal_targets]
    return dated


def stale_as_of(sheet: Sheet, problems: Problems) -> None:
    as_of = getattr(sheet.value, "as_of", None)
    if as_of is not None and _last_day(as_of) < sheet.today - MAX_AGE:  # today minus a year: no overflow near 9999
        problems.warn(sheet.at("as_of"), msg("the facts are as of {as_of}, more than a year before today "
                                             "({today}); check them against a newer source and update as_of",
                                             as_of=str(as_of), today=str(sheet.today)))


def missing_english(sheet: Sheet, problems: Problems) -> None:
    """A text without English: an English edition would fall back to the Chinese."""
    for path, text in _of(sheet, schema.Text):
        if not text.en:
            problems.warn(sheet.at(path), msg("has no English (en:); add it, or the English edition shows the Chinese"))


def straight_quotes(sheet: Sheet, problems: Problems) -> None:
    """English set with typewriter marks: English takes ’ for an apostrophe and “ ” ‘ ’."""
    for path, text in _of(sheet, schema.Text):
        if text.en and ("'" in text.en or '"' in text.en):
            problems.warn(sheet.at(f"{path}.en"), msg("has a straight quote; write ’ for an apostrophe and “ ” or ‘ ’ "
                                                      "around a quotation"))


#: The placeholder warning (the front desk does not offer a park whose sheet has it).
PLACEHOLDER_LEFT = msg("still holds the placeholder written by `briefing new`; replace it with the fact, or remove "
                       "the field")


def placeholders(sheet: Sheet, problems: Problems) -> None:
    for path, text in _of(sheet, schema.Text):
        if PLACEHOLDER_ZH in text.zh or PLACEHOLDER_EN in (text.en or ""):
            problems.warn(sheet.at(path), PLACEHOLDER_LEFT)


def absolute_terms(sheet: Sheet, problems: Problems) -> None:
    """Terms Art. 9(3) of the Advertising Law forbids: a warning as a claim, a note as an aim.

    An aim (目标：华中最具价值的医疗健康产业园) is shown as a note: promotion staff see it before
    printing, but it is not counted and ``--strict`` does not fail on it."""
    for path, text in _of(sheet, schema.Text):
        if path.rsplit(".", 1)[-1] in NAME_FIELDS:
            continue
        for lang, value in (("zh", text.zh), ("en", text.en or "")):
            aim = (AIM_ZH if lang == "zh" else AIM_EN).search(value)
            for term in absolute_in(value, lang):
                where = sheet.at(f"{path}.{lang}")
                if aim:
                    problems.notice(where, msg("uses the absolute term {term!r} in a stated aim ({aim}); "
                                               "allowed as an aim, not as a claim: keep it worded as an aim",
                                               term=term, aim=aim.group()))
                else:
                    problems.warn(where, msg("uses the absolute term {term!r}, which China's Advertising Law "
                                             "(Art. 9) forbids in promotion material; say it with a checkable fact",
                                             term=term))


def ranges_with_qualifiers(sheet: Sheet, problems: Problems) -> None:
    """A range (value to max) that also says 多, 余 or 以上 prints as 6～5万多平方米: a template's
    example max or qualifier left behind when a block was uncommented, or two ways of saying
    one thing."""
    for path, figure in _of(sheet, schema.Figure):
        if figure.max is not None and figure.qualifier in OPEN_QUALIFIERS:
            problems.warn(sheet.at(f"{path}.max"), msg(
                "a range (value {value} to max {max}) with qualifier {qualifier} prints as “{value}～{max}” and "
                "“more than” at once; keep max for a range or the qualifier for an open figure, and delete the "
                "other", value=_plain(figure.value), max=_plain(figure.max), qualifier=figure.qualifier))
        elif figure.max is not None and figure.value and figure.max / figure.value > RANGE_SPREAD:
            problems.warn(sheet.at(f"{path}.max"), msg(
                "the range {value} to {max} spans more than {spread} times its low end; check max (an example "
                "value left from the template?)", value=_plain(figure.value), max=_plain(figure.max),
                spread=RANGE_SPREAD))


def _plain(number: float) -> str:
    return f"{number:g}" if number != int(number) else str(int(number))


def absolute_in(text: str, lang: str) -> list[str]:
    """The distinct absolute terms in ``text``, in order."""
    if lang == "en":
        return list(dict.fromkeys(m.group().lower() for m in ABSOLUTE_EN.finditer(text)))
    masked = NOT_CLAIMS.sub(lambda m: "□" * len(m.group()), text)
    return list(dict.fromkeys(ABSOLUTE_ZH.findall(masked)))


#: Words that make a figure's label read as a plan, aim or forecast.
PLAN_ZH = re.compile(r"计划|目标|预计|拟|力争|将要")
PLAN_EN = re.compile(r"\b(target|targets|planned|plans?|expected|aim|aims|aimed)\b", re.IGNORECASE)
#: A quoted name inside a label (“加速营+1号成长计划”) is a name, not a plan.
QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|\"[^\"]*\"")


def target_status(sheet: Sheet, problems: Problems) -> None:
    """A figure whose status, place or label disagree: a plan written as a fact is the mistake a
    reader cannot catch, because the document then prints it as achieved. (Run before the
    statuses are settled from the figures' places, ``facts.settle``: it sees them as written.)"""
    park = sheet.value if isinstance(sheet.value, schema.Park) else None
    placed = ({id(f) for f in park.targets} | {id(g.target) for g in park.goals if g.target}) if park else set()
    for path, figure in _of(sheet, schema.Figure):
        if id(figure) in placed:
            if figure.status == "current":
                problems.warn(sheet.at(f"{path}.status"), msg("says current, but a figure under targets (or a "
                                                              "goal's target) is a target; delete status:, or move "
                                                              "the figure to facts if it is a fact"))
        elif figure.status != "target":
            _current_but_planned(sheet, path, figure, problems)


def _current_but_planned(sheet: Sheet, path: str, figure: schema.Figure, problems: Problems) -> None:
    fix = msg("set status: target (or move it under targets)")
    if figure.by or figure.said_by:
        given = "by" if figure.by else "said_by"
        problems.warn(sheet.at(f"{path}.{given}"), msg("only a target has {given}:, but this figure is current; "
                                                       "{fix}, or delete {given}:", given=given, fix=fix))
    elif figure.qualifier == "expected":
        problems.warn(sheet.at(f"{path}.qualifier"), msg("expected (预计) is a forecast, but the figure is current; "
                                                         "{fix}", fix=fix))
    else:
        word = PLAN_ZH.search(QUOTED.sub("", figure.label.zh)) or PLAN_EN.search(QUOTED.sub("", figure.label.en or ""))
        if word:
            problems.warn(sheet.at(f"{path}.label"), msg("reads as a plan ({word}), but the figure is current and "
                                                         "would print as achieved; {fix}, or reword the label",
                                                         word=word.group(), fix=fix))


def unconfirmed_values(sheet: Sheet, problems: Problems) -> None:
    """A value marked unconfirmed: documents print its stand-in, and it must be settled
    before a document is signed off (``--strict`` refuses it)."""
    for path, text in _of(sheet, schema.Text):
        if text.unconfirmed:
            if text.meanwhile:
                instead = msg("documents print {zh} / {en} instead", zh=repr(text.meanwhile.zh),
                              en=repr(text.meanwhile.en or text.meanwhile.zh))
                delete = "unconfirmed: and meanwhile:"
            else:
                instead, delete = msg("documents print it marked “to be confirmed”"), "unconfirmed:"
            problems.warn(sheet.at(f"{path}.unconfirmed"), msg("{text} awaits confirmation ({why}); {instead}; once "
                                                               "confirmed, correct it and delete {delete}",
                                                               text=repr(text.zh), why=text.unconfirmed,
                                                               instead=instead, delete=delete))
        elif text.meanwhile:
            problems.warn(sheet.at(f"{path}.meanwhile"), msg("is printed only while the value is unconfirmed; "
                                                             "add unconfirmed: with what is in doubt, or delete "
                                                             "meanwhile:"))
    for path, figure in _of(sheet, schema.Figure):
        if figure.unconfirmed:
            problems.warn(sheet.at(f"{path}.unconfirmed"), msg("{label} awaits confirmation ({why}); documents "
                                                               "print it marked “to be confirmed”; once confirmed, "
                                                               "delete unconfirmed:",
                                                               label=figure.label.zh, why=figure.unconfirmed))


def awaiting_confirmation(sheet_value: Any) -> list[tuple[str, str, str]]:
    """(field path, value, note) of every value a sheet marks unconfirmed, for ``briefing list``."""
    found = []
    for path, record in records(sheet_value):
        if isinstance(record, schema.Text) and record.unconfirmed:
            found.append((path, record.zh, record.unconfirmed))
        elif isinstance(record, schema.Figure) and record.unconfirmed:
            found.append((f"{path}.value", f"{record.label.zh} {record.value:g}", record.unconfirmed))
    return found


# -- the occasion -------------------------------------------------------------------------

@dataclass(frozen=True)
class Overtaken:
    """A date a park's sheet still looks forward to (an expected opening, a target's deadline)
    that the day of a visit or an event falls after: the documents would print it as still to
    come, and a visitor would read it as news."""

    where: Where
    park: schema.Park
    date: Union[schema.PartialDate, schema.Deadline]
    #: The target whose deadline it is; None for an expected opening.
    target: Optional[schema.Figure] = None


class Parks(Protocol):
    """What ``overtaken`` needs of a loaded data folder (a ``project.Project``)."""

    parks: dict[str, schema.Park]

    def at(self, path: Path | str, field_path: str) -> Where: ...

    def park_path(self, park_id: str) -> Path: ...


def overtaken(project: Parks, park_ids: Iterable[str], on: datetime.date) -> list[Overtaken]:
    """Every expected date of the parks named that lies before ``on``, the day of the occasion."""
    found = []
    for park_id in park_ids:
        park = project.parks.get(park_id)
        if park is None:
            continue
        for path, date in expected_dates(park):
            if _last_day(date) < on:
                found.append(Overtaken(project.at(project.park_path(park_id), path), park, date,
                                       _target_at(park, path)))
    return found


def _target_at(park: schema.Park, path: str) -> Optional[schema.Figure]:
    """The target figure whose deadline is at ``path`` (``goals[0].by``, ``targets[1].by``)."""
    record = dict(records(park)).get(path.rsplit(".", 1)[0])
    if isinstance(record, schema.Goal):
        return record.target
    return record if isinstance(record, schema.Figure) else None


# -- prose against figures ----------------------------------------------------------------

#: Unit words in prose, each with the units (``schema.UNITS``) a figure counted so may have.
_COUNTERS = {"project", "city", "base", "team"}
UNIT_WORDS_ZH = {"平方米": {"m2"}, "元": {"yuan"}, "家": {"company"}, "人": {"person"}, "名": {"person"},
                 "个": _COUNTERS, "条": {"chain"}}
UNIT_WORDS_EN = {"square metres": {"m2"}, "square meters": {"m2"}, "m²": {"m2"}, "companies": {"company"},
                 "company": {"company"}, "people": {"person"}, "staff": {"person"}, "professionals": {"person"},
                 "projects": {"project"}, "cities": {"city"}, "bases": {"base"}, "teams": {"team"},
                 "chains": {"chain"}}
LARGE_WORDS = {"万": 10_000, "亿": 100_000_000, "million": 1_000_000, "billion": 1_000_000_000}
#: 4.2万平方米, 10亿元, 20多家, 10多亿元, 1亿元以上: the number, its large word, its counter.
AMOUNT_ZH = re.compile(r"(?<![\d.#第])(\d+(?:\.\d+)?)[多余]?([万亿])?[多余]?(" + "|".join(UNIT_WORDS_ZH) + ")")
#: 42,000 square metres, RMB 1 billion, more than 20 companies.
AMOUNT_EN = re.compile(r"(?<![\w.,])(RMB\s+)?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s+(million|billion))?"
                       r"(?:\s+(" + "|".join(sorted(UNIT_WORDS_EN, key=len, reverse=True)) + r"))?(?!\w)")


def stale_prose(sheet: Sheet, problems: Problems) -> None:
    """A number with its unit in a text (4.2万平方米 in a summary) that no figure of the sheet
    holds: the figure was changed and the text was not (or the text says more than the sheet's
    figures can show). Both places are named."""
    figures = list(_of(sheet, schema.Figure))
    for path, text in _of(sheet, schema.Text):
        for lang, value in (("zh", text.zh), ("en", text.en or "")):
            for mention, amount, units in amounts(value, lang):
                if not any(f.unit in units and _holds(f, amount) for _, f in figures):
                    problems.warn(sheet.at(f"{path}.{lang}"), _prose_message(sheet, mention, units, figures))


def _holds(figure: schema.Figure, amount: float) -> bool:
    """Whether the figure is the amount (its value, or the top of its range): 4.2万 is 42000,
    give or take the last bit of a float."""
    return any(bound is not None and math.isclose(bound, amount, rel_tol=1e-9) for bound in (figure.value, figure.max))


def amounts(text: str, lang: str) -> Iterator[tuple[str, float, set[str]]]:
    """(as written, value in plain units, units it may be counted in) of every amount in a text
    that carries a unit: years, ordinals and bare numbers are not amounts."""
    if lang == "zh":
        for match in AMOUNT_ZH.finditer(text):
            number, large, unit = match.groups()
            yield match.group(), float(number) * LARGE_WORDS.get(large or "", 1), UNIT_WORDS_ZH[unit]
        return
    for match in AMOUNT_EN.finditer(text):
        money, number, large, unit = match.groups()
        if not (money or unit):
            continue
        value = float(number.replace(",", "")) * LARGE_WORDS.get(large or "", 1)
        yield match.group().strip(), value, {"yuan"} if money else UNIT_WORDS_EN[unit]


def _prose_message(sheet: Sheet, mention: str, units: set[str], figures: list[tuple[str, schema.Figure]]) -> str:
    same_unit = [(path, f) for path, f in figures if f.unit in units]
    if not same_unit:
        return msg("says {mention}, but no figure of this sheet is counted in {units}; add it as a figure with its "
                   "source, or take the number out of the text", mention=mention, units="/".join(sorted(units)))
    held = functools.reduce(lambda held, more: msg("{held}; {more}", held=held, more=more), [
        msg("{path}.value (line {line}) is {value}", path=path, line=sheet.at(f"{path}.value").line or "?",
            value=f"{f.value:g}") for path, f in same_unit])
    return msg("says {mention}, which no figure of this sheet holds ({held}); correct the text or the figure, so "
               "the page does not say two things", mention=mention, held=held)


# -- checks across the folder: a park against the zone ------------------------------------

@dataclass
class Folder:
    """The zone's sheet and every park's that validated, for checks that compare them."""

    zone: Sheet
    parks: list[Sheet]
    #: Whether every park sheet validated: a count of parks is only true when none is missing.
    complete: bool = True


def chains_paired_elsewhere(folder: Folder, problems: Problems) -> None:
    """A park serving a chain that zone.yaml pairs with another park: its cover would say it
    serves that chain (a new park given the zone's first chain without being asked)."""
    chains = {chain.id: chain for chain in folder.zone.value.chains}
    for park in folder.parks:
        chain = chains.get(park.value.chain)
        if chain is not None and chain.park and chain.park != park.value.id == Path(park.typed.path).stem:
            problems.warn(park.at("chain"), msg(
                "{chain} is the chain zone.yaml pairs with the park {other}, not with this one; give this park's "
                "own chain (add it to the chains in zone.yaml, with park: {park}), or pair it there",
                chain=chain.id, other=chain.park, park=park.value.id))


#: A programme named by its counts: 两链两园 is two chains and two parks.
PROGRAMME_COUNTS = re.compile("([一二两三四五六七八九十])链([一二两三四五六七八九十])园")
_NUMERALS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)} | {"两": 2}


def programme_counts(folder: Folder, problems: Problems) -> None:
    """A programme whose name counts chains and parks (两链两园) while the sheets hold other
    numbers: the overview would print the old name over the new parks."""
    programme = folder.zone.value.programme
    match = PROGRAMME_COUNTS.search(programme.name.zh) if programme else None
    if not match or not folder.complete:  # a broken sheet is its own error, not a missing park
        return
    said = (_NUMERALS[match[1]], _NUMERALS[match[2]])
    held = (len(folder.zone.value.chains), len(folder.parks))
    if said != held:
        problems.warn(folder.zone.at("programme.name"), msg(
            "{name} counts {chains_said} chains and {parks_said} parks, but zone.yaml lists {chains} chains and "
            "data/parks holds {parks} parks; rename the programme (both languages) or bring the chains and parks "
            "in line", name=match.group(), chains_said=said[0], parks_said=said[1], chains=held[0], parks=held[1]))


FOLDER_CHECKS: list[Callable[[Folder, Problems], None]] = [chains_paired_elsewhere, programme_counts]


def lint_folder(zone: Typed, parks: list[Typed], problems: Problems, on: datetime.date,
                complete: bool = True) -> None:
    """The checks that compare sheets (``FOLDER_CHECKS``), when the zone validated; ``complete``
    says whether every sheet did (else the parks here are not all there are)."""
    if zone.value is None:
        return
    folder = Folder(Sheet(zone, [], on), [Sheet(park, [], on) for park in parks if park.value is not None],
                    complete=complete and all(park.value is not None for park in parks))
    for check in FOLDER_CHECKS:
        check(folder, problems)


CHECKS: list[Callable[[Sheet, Problems], None]] = [
    unsourced_figures,
    unsourced_statements,
    no_contact,
    leasing_units,
    cover_photos,
    past_expected_dates,
    stale_as_of,
    missing_english,
    straight_quotes,
    placeholders,
    absolute_terms,
    target_status,
    unconfirmed_values,
    stale_prose,
    ranges_with_qualifiers,
]
#: The checks that apply to the list of sources, whose texts the English edition prints too.
SOURCE_CHECKS: list[Callable[[Sheet, Problems], None]] = [missing_english, straight_quotes]
