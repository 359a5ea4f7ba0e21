"""Warnings about sheets that are valid but not ready to print.

A sheet can pass the schema and still mislead a reader: a figure nobody can trace, a
forecast that is already history, facts a year old, a text the English edition would show in
Chinese, or a claim China's Advertising Law forbids. Each finding is a warning (``--strict``
makes them fatal) placed at the field's line; one kind is only a note (see ``absolute_terms``).

Each check is one function taking the sheet's records; ``CHECKS`` lists them, so a check
added elsewhere (e.g. the English check, which the language work may bring too) merges as one
function and one line.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from briefing.errors import Problems, Where
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


def _last_day(date: schema.PartialDate) -> datetime.date:
    """The last day a partial date can mean: 2021-04 ends on 2021-04-30."""
    if date.day:
        return date.first_day()
    following = datetime.date(date.year + date.month // 12, date.month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


# -- the checks ----------------------------------------------------------------------------

def unsourced_figures(sheet: Sheet, problems: Problems) -> None:
    for path, figure in _of(sheet, schema.Figure):
        if figure.source is None:
            problems.warn(sheet.at(path), "figure without a source; add source: with the id of its entry "
                                          "in sources.yaml, so readers can check it")


def past_expected_dates(sheet: Sheet, problems: Problems) -> None:
    """A forecast (预计) whose date lies before the sheet's as-of date: it either happened or slipped."""
    as_of = getattr(sheet.value, "as_of", None)
    if as_of is None:
        return
    dated = [(f"{path}.date", o.date) for path, o in _of(sheet, schema.Opening) if o.expected]
    dated += [(f"{path}.by", g.by) for path, g in _of(sheet, schema.Goal)
              if g.by and g.target and g.target.qualifier == "expected"]
    for path, date in dated:
        if _last_day(date) < as_of.first_day():
            problems.warn(sheet.at(path), f"{date} is still marked expected but is before the sheet's as_of "
                                          f"{as_of}; give the new date, or say it happened (expected: false)")


def stale_as_of(sheet: Sheet, problems: Problems) -> None:
    as_of = getattr(sheet.value, "as_of", None)
    if as_of is not None and _last_day(as_of) + MAX_AGE < sheet.today:
        problems.warn(sheet.at("as_of"), f"the facts are as of {as_of}, more than a year before today "
                                         f"({sheet.today}); check them against a newer source and update as_of")


def missing_english(sheet: Sheet, problems: Problems) -> None:
    """A text without English: an English edition would fall back to the Chinese."""
    for path, text in _of(sheet, schema.Text):
        if not text.en:
            problems.warn(sheet.at(path), "has no English (en:); add it, or the English edition shows the Chinese")


def straight_quotes(sheet: Sheet, problems: Problems) -> None:
    """English set with typewriter marks: English takes ’ for an apostrophe and “ ” ‘ ’."""
    for path, text in _of(sheet, schema.Text):
        if text.en and ("'" in text.en or '"' in text.en):
            problems.warn(sheet.at(f"{path}.en"), "has a straight quote; write ’ for an apostrophe and “ ” or ‘ ’ "
                                                  "around a quotation")


def placeholders(sheet: Sheet, problems: Problems) -> None:
    for path, text in _of(sheet, schema.Text):
        if PLACEHOLDER_ZH in text.zh or PLACEHOLDER_EN in (text.en or ""):
            problems.warn(sheet.at(path), "still holds the placeholder written by `briefing new`; "
                                          "replace it with the fact, or remove the field")


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
                    problems.notice(where, f"uses the absolute term {term!r} in a stated aim ({aim.group()}); "
                                           "allowed as an aim, not as a claim: keep it worded as an aim")
                else:
                    problems.warn(where, f"uses the absolute term {term!r}, which China's Advertising Law "
                                         "(Art. 9) forbids in promotion material; say it with a checkable fact")


def absolute_in(text: str, lang: str) -> list[str]:
    """The distinct absolute terms in ``text``, in order."""
    if lang == "en":
        return list(dict.fromkeys(m.group().lower() for m in ABSOLUTE_EN.finditer(text)))
    masked = NOT_CLAIMS.sub(lambda m: "□" * len(m.group()), text)
    return list(dict.fromkeys(ABSOLUTE_ZH.findall(masked)))


CHECKS: list[Callable[[Sheet, Problems], None]] = [
    unsourced_figures,
    past_expected_dates,
    stale_as_of,
    missing_english,
    straight_quotes,
    placeholders,
    absolute_terms,
]
#: The checks that apply to the list of sources, whose texts the English edition prints too.
SOURCE_CHECKS: list[Callable[[Sheet, Problems], None]] = [missing_english, straight_quotes]
