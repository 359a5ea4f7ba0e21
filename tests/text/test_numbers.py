"""Figures and dates written the Chinese way (and the English way), table-driven."""

import pytest

from briefing.sheets.schema import QUALIFIERS, UNITS, Deadline, Figure, PartialDate, Text
from briefing.text.numbers import (
    UNIT_WORDS,
    Parts,
    figure_parts,
    format_deadline,
    format_figure,
    format_month_or_day,
)


def fig(value, unit, qualifier=None, top=None):
    return Figure(Text("x"), value, unit, max=top, qualifier=qualifier)


# One case per behaviour: cases the same but for the value (17,000 beside 42,000 m², 20亿 beside
# 10亿元, 12,345,678 beside 123,456,789 yuan, 0 m² beside 0 yuan and 0 companies) are left out.
@pytest.mark.parametrize("figure, zh, en", [
    (fig(42000, "m2"), "4.2万平方米", "42,000 m²"),
    (fig(1_000_000_000, "yuan"), "10亿元", "RMB 1 billion"),
    (fig(100_000_000, "yuan", "at-least"), "1亿元以上", "at least RMB 100 million"),
    (fig(20, "company", "more-than"), "20多家", "more than 20 companies"),
    (fig(10, "company", "over"), "10余家", "over 10 companies"),
    (fig(600, "project", "more-than"), "600多个", "more than 600 projects"),
    (fig(100, "company", "expected"), "预计100家", "expected 100 companies"),
    (fig(1500, "person"), "1500人", "1,500 people"),
    (fig(1, "company"), "1家", "1 company"),
    (fig(0, "company"), "0家", "0 companies"),
    (fig(14, "chain"), "14条", "14 chains"),
    (fig(900_000_000, "yuan", top=1_600_000_000), "9亿～16亿元", "RMB 900 million–1.6 billion"),
    (fig(123_450_000, "yuan"), "1.2345亿元", "RMB 123.45 million"),
    (fig(5000, "m2", "about"), "约5000平方米", "about 5,000 m²"),
    # every qualifier, in both languages
    (fig(1_000_000_000, "yuan", "expected"), "预计10亿元", "expected RMB 1 billion"),
    (fig(1_000_000_000, "yuan", "more-than"), "10多亿元", "more than RMB 1 billion"),
    (fig(42000, "m2", "at-least"), "4.2万平方米以上", "at least 42,000 m²"),
    (fig(10, "company", "about"), "约10家", "about 10 companies"),
    (fig(1, "person", "over"), "1余人", "over 1 person"),
    (fig(200_000, "person", "more-than"), "20多万人", "more than 200,000 people"),
    (fig(42000, "m2", "more-than"), "4.2万多平方米", "more than 42,000 m²"),
    # ranges: the unit (and 万/亿) repeated in Chinese, the large word kept where it differs in English
    (fig(17000, "m2", top=42000), "1.7万～4.2万平方米", "17,000–42,000 m²"),
    (fig(1_000_000_000, "yuan", top=2_000_000_000), "10亿～20亿元", "RMB 1–2 billion"),
    (fig(1, "company", top=2), "1～2家", "1–2 companies"),
    (fig(900_000_000, "yuan", "about", 1_600_000_000), "约9亿～16亿元", "about RMB 900 million–1.6 billion"),
    # zero, small and fractional values
    (fig(0, "yuan"), "0元", "RMB 0"),
    (fig(0.5, "m2"), "0.5平方米", "0.5 m²"),
    (fig(0.001, "yuan"), "0.001元", "RMB 0.001"),
    (fig(1234.5678, "m2"), "1234.5678平方米", "1,234.5678 m²"),
    (fig(9999, "person"), "9999人", "9,999 people"),
    (fig(1, "person"), "1人", "1 person"),
    # 万 starts at 10,000; million at 1,000,000
    (fig(10_000, "yuan"), "1万元", "RMB 10,000"),
    (fig(999_999, "yuan"), "99.9999万元", "RMB 999,999"),
    (fig(1_500_000, "person"), "150万人", "1.5 million people"),
    (fig(1_000_000, "company"), "100万家", "1 million companies"),
    # large values, written exactly: a large word only when nothing is rounded away
    (fig(123_456_789, "yuan"), "12345.6789万元", "RMB 123,456,789"),
    (fig(1_234_567_890, "yuan"), "123456.789万元", "RMB 1,234,567,890"),
    (fig(1_000_000_000_000, "yuan"), "1万亿元", "RMB 1 trillion"),
    (fig(100_000_000_000_000, "yuan"), "100万亿元", "RMB 100 trillion"),
    (fig(999_999_999_999_999, "yuan"), "99999999999.9999万元", "RMB 999,999,999,999,999"),
])
def test_figures(figure, zh, en):
    assert format_figure(figure, "zh") == zh
    assert format_figure(figure, "en") == en


@pytest.mark.parametrize("date, zh, en", [
    (PartialDate(2021, 5), "2021年5月", "May 2021"),
    (PartialDate(2021, 9, 28), "2021年9月28日", "28 September 2021"),
    (PartialDate(2021, 12, 1), "2021年12月1日", "1 December 2021"),
])
def test_dates(date, zh, en):
    assert format_month_or_day(date, "zh") == zh
    assert format_month_or_day(date, "en") == en


def test_every_unit_has_words():
    assert set(UNIT_WORDS) == set(UNITS)


@pytest.mark.parametrize("figure, lang, parts", [
    (fig(1_000_000_000, "yuan"), "zh", Parts("", "10亿", "元")),
    (fig(20, "company", "more-than"), "zh", Parts("", "20", "多家")),
    (fig(100, "company", "expected"), "zh", Parts("预计", "100", "家")),
    (fig(1_000_000_000, "yuan"), "en", Parts("", "1", " billion", lead="RMB ")),
    (fig(100_000_000, "yuan", "at-least"), "en", Parts("at least", "100", " million", lead="RMB ")),
    (fig(20, "company", "more-than"), "en", Parts("more than", "20", " companies")),
    (fig(42000, "m2"), "en", Parts("", "42,000", " m²")),
])
def test_parts_for_display(figure, lang, parts):
    """The number apart from its words, so that a cover can set it large."""
    assert figure_parts(figure, lang) == parts


@pytest.mark.parametrize("qualifier", QUALIFIERS)
def test_every_qualifier_is_written_in_each_language(qualifier):
    plain = {lang: format_figure(fig(20, "company"), lang) for lang in ("zh", "en")}
    for lang in ("zh", "en"):
        assert format_figure(fig(20, "company", qualifier), lang) != plain[lang]


@pytest.mark.parametrize("deadline, zh, en", [
    (Deadline(2021, year_end=True), "至2021年底", "by the end of 2021"),  # 年底 is not 12月
    (Deadline(2021, 12), "至2021年12月", "by December 2021"),
    (Deadline(2021), "2021年内", "in 2021"),
    (Deadline(2021, 12, 31), "至2021年12月31日", "by 31 December 2021"),
])
def test_deadlines_as_exact_as_the_source(deadline, zh, en):
    assert (format_deadline(deadline, "zh"), format_deadline(deadline, "en")) == (zh, en)
