"""Figures and dates written the Chinese way (and the English way), table-driven."""

import pytest

from briefing.numbers import UNIT_WORDS, format_figure, format_month_or_day
from briefing.schema import UNITS, Figure, PartialDate, Text


def fig(value, unit, qualifier=None, top=None):
    return Figure(Text("x"), value, unit, max=top, qualifier=qualifier)


@pytest.mark.parametrize("figure, zh, en", [
    (fig(42000, "m2"), "4.2万平方米", "42,000 m²"),
    (fig(17000, "m2"), "1.7万平方米", "17,000 m²"),
    (fig(1_000_000_000, "yuan"), "10亿元", "RMB 1 billion"),
    (fig(2_000_000_000, "yuan"), "20亿元", "RMB 2 billion"),
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
