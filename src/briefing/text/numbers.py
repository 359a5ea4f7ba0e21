"""Figures and dates written the way each reader expects, through Babel (CLDR).

Chinese: 4.2万平方米, 10亿元, 1亿元以上, 20多家, 10余家, 2021年5月, 2021年9月28日.
Traditional Chinese: 4.2萬平方米, 10億元, 1億元以上, 20多家, 10餘家, 2021年5月.
English: 42,000 m², RMB 1 billion, at least RMB 100 million, more than 20 companies,
May 2021, 28 September 2021.

CLDR gives the digits, the 万/亿 and million/billion words and the date patterns. The
qualifiers (多, 余, 以上, 约, 预计; more than, at least, about, expected) and the unit words
are our rules on top, because CLDR has no notion of them. So is one rule about the large
words: a figure is written with one only when that loses nothing (1.2345亿, 12345.6789万,
123.45 million, but 123,456,789), because a fact sheet's figure must print as given.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

from briefing.sheets.schema import Deadline, Figure, PartialDate
from briefing.text import cldr
from briefing.text.traditional import TAGS, is_chinese, is_traditional

#: CLDR's locale for each language. Every Traditional tag takes zh_Hant (萬, 億): CLDR's
#: zh_Hant_HK writes compact numbers with K, M and B (42K), as Hong Kong's English-influenced
#: business style does, which a Chinese brochure does not.
LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB", **dict.fromkeys(TAGS, "zh_Hant")}

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
#: Units written before the number in English (RMB 1 billion), not after it (42,000 m²).
EN_UNIT_BEFORE = {"yuan"}

#: The Chinese counter or unit words written in Traditional characters (written once and
#: checked by eye, not converted at run time): 個 and 條 differ, the rest are the same.
UNIT_WORDS_HANT = {"m2": "平方米", "yuan": "元", "company": "家", "person": "人", "project": "個",
                   "city": "個", "base": "個", "chain": "條", "team": "個"}

#: Chinese qualifier words: where they go relative to number and unit.
_ZH_BEFORE = {"about": "约", "expected": "预计"}
_ZH_AFTER_NUMBER = {"more-than": "多", "over": "余"}  # 20多家: between number and counter
_ZH_AFTER_UNIT = {"at-least": "以上"}  # 1亿元以上
#: The same in Traditional characters: 約, 預計, 餘 (10餘家).
_HANT_BEFORE = {"about": "約", "expected": "預計"}
_HANT_AFTER_NUMBER = {"more-than": "多", "over": "餘"}
#: The large words a Chinese figure may take: 万/亿, 萬/億 (CLDR's zh_Hant goes on to 兆 for
#: 10^12, which Hong Kong reads as a million: 萬億 is written instead).
_ZH_LARGE_WORDS = "万亿萬億"
#: English has one word order for all of them; 多 and 余 both become "more than" / "over".
_EN_BEFORE = {"about": "about", "expected": "expected", "more-than": "more than",
              "over": "over", "at-least": "at least"}

#: Where each language starts writing large numbers with words (万 from 10,000; million from
#: 1,000,000: "42 thousand m²" is not English), the most decimals such a number may show,
#: and which CLDR list of words it uses.
_LARGE = {"zh": (10_000, 4, "short"), "en": (1_000_000, 3, "long"), **dict.fromkeys(TAGS, (10_000, 4, "short"))}


@dataclass(frozen=True)
class Parts:
    """A figure split for display: a qualifier that can stand above it, the number that can be
    set large, and the words before and after the number that are set small beside it."""

    before: str  # qualifier: 预计, more than
    number: str  # 4.2万, 42,000, 1
    after: str = ""  # unit after the number: 平方米, " m²", " billion"
    lead: str = ""  # unit before the number: "RMB "

    def __str__(self) -> str:
        qualifier = f"{self.before} " if self.before and self.before[-1].isascii() else self.before
        return f"{qualifier}{self.lead}{self.number}{self.after}"


def preload(lang: str) -> None:
    """Read CLDR's data for ``lang`` now (from the cache, ``cldr``; Babel would read a locale's
    files, 20-40 ms, on first use): before a build forks its workers, which would each read it
    for themselves."""
    Locale.parse(_locale(lang)).decimal_formats  # noqa: B018 (read for its side effect)


def _locale(lang: str) -> str:
    """CLDR's locale for ``lang``, its data read from the cache the first time (``cldr``)."""
    return cldr.use(LOCALES[lang])


def plain_number(value: float, lang: str) -> str:
    """Digits as CLDR writes them: 42,000 in English; 1500 in Chinese (no grouping below 万)."""
    # No quantization: CLDR's pattern would round to three decimals, and a figure prints as given.
    return format_decimal(value, locale=_locale(lang), group_separator=not is_chinese(lang),
                          decimal_quantization=False)


def large_number(value: float, lang: str) -> str:
    """4.2万, 10亿, 1.2345亿, 12345.6789万; 1 billion, 123.45 million; else plain digits.

    The word comes from CLDR's compact patterns; the largest word that writes the value
    exactly in few enough decimals is chosen."""
    start, decimals, kind = _LARGE[lang]
    if value < start:
        return plain_number(value, lang)
    patterns = _compact_patterns(lang, kind)
    for magnitude in sorted((m for m in patterns if start <= m <= value), reverse=True):
        pattern = patterns[magnitude]
        # Decimal arithmetic: 999999999999999 / 10^12 must not round up to 1000万亿.
        scaled = Decimal(repr(value)) / (magnitude // 10 ** (pattern.count("0") - 1))
        if scaled == scaled.quantize(Decimal(1).scaleb(-decimals)):
            digits = format_decimal(scaled.normalize(), locale=_locale(lang), group_separator=False,
                                    decimal_quantization=False)
            zeros = "0" * pattern.count("0")
            return pattern.replace(zeros, digits, 1)
    return plain_number(value, lang)


def _compact_patterns(lang: str, kind: str) -> dict[int, str]:
    """CLDR's compact number patterns, e.g. {10000: '0万', 100000000: '0亿'}."""
    table = Locale.parse(_locale(lang)).compact_decimal_formats[kind]["other"]
    patterns = {int(magnitude): pattern.pattern for magnitude, pattern in table.items()
                if "0" in pattern.pattern and pattern.pattern.strip("0")}
    if is_traditional(lang):  # 萬 and 億 only, 萬億 above them (see _ZH_LARGE_WORDS)
        patterns = {m: p for m, p in patterns.items() if p.strip("0") in _ZH_LARGE_WORDS}
    return patterns


def chinese_number(value: float, lang: str = "zh") -> str:
    """4.2万, 10亿, 1500: 万 and 亿 from 10,000 up, plain digits below (GB/T 15835); 4.2萬, 10億
    in Traditional (a value past 億 keeps 億: 10000億)."""
    return large_number(value, lang)


def figure_parts(figure: Figure, lang: str = "zh") -> Parts:
    return _zh_parts(figure, lang) if is_chinese(lang) else _en_parts(figure)


def format_figure(figure: Figure, lang: str = "zh") -> str:
    return str(figure_parts(figure, lang))


def _zh_parts(figure: Figure, lang: str = "zh") -> Parts:
    hant = is_traditional(lang)
    unit = UNIT_WORDS_HANT[figure.unit] if hant else UNIT_WORDS[figure.unit][0]
    before, after_number = (_HANT_BEFORE, _HANT_AFTER_NUMBER) if hant else (_ZH_BEFORE, _ZH_AFTER_NUMBER)
    qualifier = figure.qualifier or ""
    number = chinese_number(figure.value, lang)
    if figure.max is not None:
        # A range repeats the large word: 9亿～16亿元.
        number = f"{number}～{chinese_number(figure.max, lang)}"
    more = after_number.get(qualifier, "")
    if more and number[-1] in _ZH_LARGE_WORDS and number.rstrip(_ZH_LARGE_WORDS).isdigit():
        # 多 and 余 count the 亿s: 10多亿元 is "more than 1 billion yuan", 10亿多元 is not.
        digits = number.rstrip(_ZH_LARGE_WORDS)
        number, more = digits, more + number[len(digits):]
    return Parts(before.get(qualifier, ""), number, more + unit + _ZH_AFTER_UNIT.get(qualifier, ""))


def _en_parts(figure: Figure) -> Parts:
    singular, plural = UNIT_WORDS[figure.unit][1:]
    before = _EN_BEFORE.get(figure.qualifier or "", "")
    number, word = _en_number(figure)
    if figure.unit in EN_UNIT_BEFORE:
        return Parts(before, number, word, lead=f"{singular} ")
    unit = singular if figure.value == 1 and figure.max is None and not word else plural
    return Parts(before, number, f"{word} {unit}")


def _en_number(figure: Figure) -> tuple[str, str]:
    """The number and the large word after it, apart so the number can be set large:
    ("1", " billion"). A range says a shared word once ("1–2", " billion") and keeps a
    differing one inside ("900 million–1.6", " billion")."""
    low, low_word = _split_word(large_number(figure.value, "en"))
    if figure.max is None:
        return low, low_word
    high, word = _split_word(large_number(figure.max, "en"))
    return (f"{low}–{high}" if low_word == word else f"{low}{low_word}–{high}"), word


def _split_word(text: str) -> tuple[str, str]:
    number, space, word = text.partition(" ")
    return number, f"{space}{word}"


def format_month_or_day(date: PartialDate, lang: str = "zh") -> str:
    """2021年5月 / 2021年9月28日; May 2021 / 28 September 2021."""
    locale = _locale(lang)
    if date.day is None:
        return format_skeleton("yMMMM", date.first_day(), locale=locale)
    return format_date(date.first_day(), "long", locale=locale)



def format_deadline(deadline: Deadline, lang: str = "zh") -> str:
    """A target's deadline as exactly as its sheet gives it, and no more: 至2021年底, 至2021年12月,
    2021年内, 至2021年12月31日; by the end of 2021, by December 2021, in 2021, by 31 December 2021."""
    year = format_skeleton("y", datetime.date(deadline.year, 1, 1), locale=_locale(lang))
    if deadline.year_end:
        return f"至{year}底" if lang == "zh" else f"by the end of {year}"
    if deadline.month is None:
        return f"{year}内" if lang == "zh" else f"in {year}"
    date = format_month_or_day(PartialDate(deadline.year, deadline.month, deadline.day), lang)
    return f"至{date}" if lang == "zh" else f"by {date}"
