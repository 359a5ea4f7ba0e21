"""Figures and dates written the way each reader expects, through Babel (CLDR).

Chinese: 4.2万平方米, 10亿元, 1亿元以上, 20多家, 10余家, 2021年5月, 2021年9月28日.
CLDR gives the 万/亿 compact forms and the date patterns; the qualifiers (多, 余, 以上, 约,
预计) and the counter words are our rules on top, because CLDR has no notion of them.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal

from briefing.schema import Figure, PartialDate

LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}

#: Counter or unit word per unit: Chinese, then English singular and plural.
UNIT_WORDS = {
    "m2": ("平方米", "m²", "m²"),
    "yuan": ("元", "RMB", "RMB"),
    "company": ("家", "company", "companies"),
    "person": ("人", "person", "people"),
    "project": ("个", "project", "projects"),
    "city": ("个", "city", "cities"),
    "base": ("个", "base", "bases"),
    "chain": ("条", "chain", "chains"),
    "team": ("个", "team", "teams"),
}

#: Chinese qualifier words: where they go relative to number and unit.
_ZH_BEFORE = {"about": "约", "expected": "预计"}
_ZH_AFTER_NUMBER = {"more-than": "多", "over": "余"}  # 20多家: between number and counter
_ZH_AFTER_UNIT = {"at-least": "以上"}  # 1亿元以上
_EN_BEFORE = {"about": "about ", "expected": "expected ", "more-than": "more than ",
              "over": "over ", "at-least": "at least "}


@dataclass(frozen=True)
class Parts:
    """A figure split for display: the number can be set large, the rest small."""

    before: str
    number: str
    after: str

    def __str__(self) -> str:
        return f"{self.before}{self.number}{self.after}"


def chinese_number(value: float) -> str:
    """4.2万, 10亿, 1500: 万 and 亿 from 10,000 up, plain digits below (GB/T 15835)."""
    if abs(value) >= 10_000:
        # Four decimals: enough that no figure in a fact sheet is rounded away (1.2345亿).
        return format_compact_decimal(value, locale=LOCALES["zh"], fraction_digits=4)
    return format_decimal(value, locale=LOCALES["zh"], group_separator=False)


def figure_parts(figure: Figure, lang: str = "zh") -> Parts:
    return _zh_parts(figure) if lang == "zh" else _en_parts(figure)


def format_figure(figure: Figure, lang: str = "zh") -> str:
    return str(figure_parts(figure, lang))


def _zh_parts(figure: Figure) -> Parts:
    unit = UNIT_WORDS[figure.unit][0]
    qualifier = figure.qualifier
    number = chinese_number(figure.value)
    if figure.max is not None:
        # A range repeats the unit: 9亿～16亿元.
        number = f"{number}～{chinese_number(figure.max)}"
    after = _ZH_AFTER_NUMBER.get(qualifier, "") + unit + _ZH_AFTER_UNIT.get(qualifier, "")
    return Parts(_ZH_BEFORE.get(qualifier, ""), number, after)


def _en_parts(figure: Figure) -> Parts:
    singular, plural = UNIT_WORDS[figure.unit][1:]
    locale = LOCALES["en"]
    before = _EN_BEFORE.get(figure.qualifier, "")
    if figure.unit == "yuan":
        number = _en_range(figure, lambda v: format_compact_decimal(
            v, locale=locale, format_type="long", fraction_digits=4))
        return Parts(before + "RMB ", number, "")
    number = _en_range(figure, lambda v: format_decimal(v, locale=locale))
    word = singular if figure.value == 1 and figure.max is None else plural
    return Parts(before, number, f" {word}")


def _en_range(figure: Figure, write) -> str:
    if figure.max is None:
        return write(figure.value)
    return f"{write(figure.value)}–{write(figure.max)}"


def format_month_or_day(date: PartialDate, lang: str = "zh") -> str:
    """2021年5月 / 2021年9月28日; May 2021 / 28 September 2021."""
    locale = LOCALES[lang]
    if date.day is None:
        return format_skeleton("yMMMM", date.first_day(), locale=locale)
    return format_date(date.first_day(), "long", locale=locale)
