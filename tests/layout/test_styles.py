"""The paragraph style table (``styles.STYLES``): every style resolves against every kind of
theme, inherits from its parent, and the table refuses what it cannot resolve."""

from __future__ import annotations

import dataclasses

import pytest
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5, A6

from briefing.layout.styles import STYLES, StyleTableError, UnknownStyle, resolve, styles
from briefing.layout.theme import DEFAULT, for_language
from briefing.text import fonts

THEMES = {
    "zh": DEFAULT,
    "en": for_language(DEFAULT, "en"),
    "a5": DEFAULT.for_paper(A5),
    "flyer": for_language(DEFAULT, "en").for_flyer(A6),
    "cmyk": DEFAULT.in_cmyk(),
    "ragged": dataclasses.replace(DEFAULT, justify=False),
}


@pytest.mark.parametrize("kind", THEMES)
def test_every_style_resolves_and_inherits_from_its_parent(kind):
    theme = THEMES[kind]
    sheet = styles(theme)
    assert set(sheet) == set(STYLES)
    for name, entry in STYLES.items():
        style = sheet[name]
        assert style.name == name and style.wordWrap == "CJK"
        assert style.fontName in (theme.font, theme.bold_font)
        assert style.parent is (sheet[entry["parent"]] if "parent" in entry else None)
        assert style.leading >= style.fontSize
    assert styles(theme) is sheet  # made once per theme


def test_what_a_style_leaves_out_comes_from_its_parent():
    t, sheet = DEFAULT.type, styles(DEFAULT)
    h1, back = sheet["h1"], sheet["h1_back"]  # back: only the size differs
    assert back.fontSize == t.h2 and back.leading == t.h2 * t.heading_leading
    assert (back.fontName, back.textColor, back.spaceBefore, back.spaceAfter) == (
        h1.fontName, h1.textColor, h1.spaceBefore, h1.spaceAfter)
    assert sheet["toc_sub_page"].alignment == TA_RIGHT and sheet["toc_sub_page"].fontSize == t.cell
    assert sheet["item"].keepWithNext == 1  # from h3, from h2


def test_styles_follow_the_theme():
    zh, en, ragged = styles(THEMES["zh"]), styles(THEMES["en"]), styles(THEMES["ragged"])
    assert zh["body"].firstLineIndent == 2 * zh["body"].fontSize and zh["body"].spaceAfter == 0
    assert en["body"].firstLineIndent == 0 and en["body"].spaceAfter == 0.5 * en["body"].fontSize
    assert en["h1"].fontName == fonts.LATIN_BOLD and en["body"].fontName == fonts.LATIN
    assert zh["quote"].alignment == TA_JUSTIFY and ragged["quote"].alignment == TA_LEFT
    assert styles(THEMES["cmyk"])["h1"].textColor == THEMES["cmyk"].palette.primary
    assert zh["qr_url"].fontSize == DEFAULT.type.caption  # never under the caption: the type floor


def test_an_unknown_style_name_is_refused_with_the_names_there_are():
    with pytest.raises(UnknownStyle, match=r"^no paragraph style 'boddy'; the styles are attribution, base, body"):
        styles(DEFAULT)["boddy"]
    with pytest.raises(KeyError):  # as a dict would: callers catching KeyError still do
        styles(DEFAULT)["boddy"]


def test_the_table_refuses_an_unknown_parent():
    table = {"base": {"fontSize": "body"}, "note": {"parent": "bsae", "fontSize": "small"}}
    with pytest.raises(StyleTableError, match=r"^paragraph style 'note' names parent 'bsae', which is not a style; "
                                              r"the styles are base, note$"):
        resolve(table, DEFAULT)


def test_the_table_refuses_a_cycle():
    table = {"a": {"parent": "b"}, "b": {"parent": "a"}}
    with pytest.raises(StyleTableError, match=r"paragraph styles a -> b -> a are their own parents"):
        resolve(table, DEFAULT)


def test_the_table_refuses_what_does_not_name_a_part_of_the_theme():
    with pytest.raises(StyleTableError, match=r"style 'x': fontSize='huge' does not name a part of the theme"):
        resolve({"x": {"fontSize": "huge"}}, DEFAULT)
    with pytest.raises(StyleTableError, match=r"style 'x': textColor='pink'"):
        resolve({"x": {"fontSize": "body", "textColor": "pink"}}, DEFAULT)
    with pytest.raises(StyleTableError, match=r"style 'x': unknown attributes fontsize"):
        resolve({"x": {"fontsize": "body"}}, DEFAULT)
