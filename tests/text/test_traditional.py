"""Traditional Chinese: OpenCC's phrase conversion and its standards, figures through CLDR's
zh_Hant, and the punctuation and line-breaking rules of the Traditional faces, checked against
where the shipped faces really draw the ink."""

import opencc
import pytest
from PIL import ImageFont

from briefing.sheets.schema import Figure, PartialDate, Text
from briefing.text import fonts, justify, linebreak, traditional
from briefing.text.i18n import gettext, nested_quotes
from briefing.text.numbers import figure_parts, format_figure, format_month_or_day


def fig(value, unit, qualifier=None, top=None):
    return Figure(Text("x"), value, unit, max=top, qualifier=qualifier)


# -- conversion -----------------------------------------------------------------------------

@pytest.mark.parametrize("simplified, converted", [
    ("头发和发展", "頭髮和發展"),  # 发 is 髮 in hair, 發 in development
    ("已签约入驻", "已簽約入駐"),  # 签 alone is 籤 (a lot, a label); in 签约 it is 簽
    ("产业链上下游", "產業鏈上下游"),  # 游 alone becomes 遊 (to travel); in 上下游 it stays
    ("依托总部基地", "依託總部基地"),
])
def test_conversion_is_by_phrase_not_by_character(simplified, converted):
    assert traditional.convert(simplified) == converted
    # Character by character, OpenCC's own table gets each of these words wrong.
    by_character = "".join(opencc.OpenCC("s2hk").convert(char) for char in simplified)
    assert by_character != converted


def test_hong_kong_and_taiwan_standards_differ_and_hong_kong_is_the_default():
    assert traditional.convert("里面", "hk") == "裏面"
    assert traditional.convert("里面", "tw") == "裡面"
    assert traditional.convert("里面") == traditional.convert("里面", "hk")


def test_quotes_become_corner_brackets():
    assert traditional.convert("“园中园”与‘两链’") == "「園中園」與『兩鏈』"
    assert nested_quotes("zh-Hant", "「兩鏈兩園」") == "『兩鏈兩園』"


@pytest.mark.parametrize("lang, zone, expected", [
    ("zh-Hant", None, "hk"), ("zh-Hant", "tw", "tw"), ("zh-HK", "tw", "hk"), ("zh-TW", None, "tw"),
])
def test_the_tag_chooses_the_standard_before_the_zone_sheet(lang, zone, expected):
    assert traditional.standard(lang, zone) == expected


# -- figures, dates and fixed strings ---------------------------------------------------------

@pytest.mark.parametrize("figure, expected", [
    (fig(42000, "m2"), "4.2萬平方米"),
    (fig(1_000_000_000, "yuan"), "10億元"),
    (fig(100_000_000, "yuan", "at-least"), "1億元以上"),
    (fig(10, "company", "over"), "10餘家"),
    (fig(600, "project", "more-than"), "600多個"),
    (fig(1_000_000_000, "yuan", "more-than"), "10多億元"),
    (fig(5000, "m2", "about"), "約5000平方米"),
    (fig(100, "company", "expected"), "預計100家"),
    (fig(14, "chain"), "14條"),
    (fig(900_000_000, "yuan", top=1_600_000_000), "9億～16億元"),
    (fig(1_000_000_000_000, "yuan"), "10000億元"),  # not 1兆元: Hong Kong reads 兆 as a million
])
def test_figures_in_traditional_chinese(figure, expected):
    assert format_figure(figure, "zh-Hant") == expected
    assert format_figure(figure, "zh-TW") == expected


def test_a_figure_splits_into_number_and_unit_as_in_simplified():
    parts = figure_parts(fig(42000, "m2"), "zh-HK")
    assert (parts.number, parts.after) == ("4.2萬", "平方米")


def test_dates():
    assert format_month_or_day(PartialDate(2021, 5), "zh-Hant") == "2021年5月"
    assert format_month_or_day(PartialDate(2021, 9, 28), "zh-HK") == "2021年9月28日"


def test_fixed_strings_come_from_the_traditional_catalog():
    assert gettext("zh-Hant", "Page {page} of {pages}") == "第{page}頁　共{pages}頁"
    assert gettext("zh-TW", "Facts as of {date}") == "資料截至{date}"
    assert gettext("zh-HK", "Prepared for {visitor}") == "專為{visitor}編製"  # reviewed: not OpenCC's 編制


# -- punctuation and line breaking --------------------------------------------------------------

@pytest.mark.parametrize("text, simplified, hant", [
    ("。」", -0.5, -0.25),  # a centred 。 has only a quarter em of blank after its ink
    ("，「", -0.5, -0.25),
    ("」，", -0.5, -0.5),  # a closing bracket is inked on the left in both
    ("。甲", 0.0, 0.0),
])
def test_compression_follows_the_ink(text, simplified, hant):
    widths = [1.0] * len(text)
    assert justify.natural_spacing(text, [1.0] * 2, widths, justify.SIMPLIFIED)[0] == simplified
    assert justify.natural_spacing(text, [1.0] * 2, widths, justify.TRADITIONAL)[0] == hant


def test_traditional_cannot_start_a_line_with_a_hyphenation_point():
    chars = list("約翰‧史密斯")
    assert linebreak.can_break_before(chars, 2, linebreak.SIMPLIFIED)
    assert not linebreak.can_break_before(chars, 2, linebreak.TRADITIONAL)


def test_a_traditional_quantity_stays_whole():
    chars = list("面積4.2萬平方米")
    assert not any(linebreak.can_break_before(chars, k) for k in range(3, len(chars)))


EM = 1000


def ink(face: str, char: str) -> tuple[float, float]:
    """Where ``face`` draws ``char``'s ink across its em: (left, right) as fractions of the em."""
    font = ImageFont.truetype(str(fonts.font_dir() / fonts.FILES[face]), EM)
    assert font.getlength(char) == EM  # a full-width mark
    left, _, right, _ = font.getmask(char).getbbox()  # the ink, from the pen's origin
    return left / EM, right / EM


@pytest.mark.parametrize("face, marks", [
    (fonts.HANT, justify.TRADITIONAL), (fonts.HANT_BOLD, justify.TRADITIONAL),
    (fonts.REGULAR, justify.SIMPLIFIED), (fonts.BOLD, justify.SIMPLIFIED),
])
def test_the_classes_say_where_the_shipped_faces_draw_the_ink(face, marks):
    wrong = []
    for char in marks.left:
        wrong += [(char, "left", ink(face, char))] if ink(face, char)[1] > 0.5 else []
    for char in marks.right:
        wrong += [(char, "right", ink(face, char))] if ink(face, char)[0] < 0.5 else []
    for char in marks.centre:
        left, right = ink(face, char)
        wrong += [(char, "centre", (left, right))] if not (left > 0.2 and right < 0.8 and abs(left + right - 1) < 0.1) \
            else []
    assert wrong == []
    assert (face in fonts.TRADITIONAL_FACES) == bool(marks.centre)
