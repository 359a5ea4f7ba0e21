"""The shipped fonts: every character the tool itself prints is in them (fact-sheet text is
checked when the sheets load; a missing glyph would print as an empty box)."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from briefing import fonts
from briefing.errors import BriefingError
from briefing.theme import DEFAULT, styles
from briefing.typeset import paragraph

LOCALES = Path(__file__).resolve().parents[1] / "src" / "briefing" / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parts[-3])
def test_every_translation_can_be_printed(path):
    with path.open("rb") as handle:
        catalog = read_po(handle)
    texts = [m.string for m in catalog if m.id and m.string]
    assert texts
    missing = {text: fonts.missing_characters(text) for text in texts if fonts.missing_characters(text)}
    assert missing == {}


def test_a_character_the_fonts_lack_is_an_error_naming_it():
    with pytest.raises(BriefingError, match=r"U\+20AC '€'"):
        paragraph("价格€100", styles(DEFAULT)["body"])


def test_both_faces_cover_chinese_punctuation_and_units():
    assert fonts.missing_characters("，。、；：？！“”‘’（）《》——……·％²℃") == []
