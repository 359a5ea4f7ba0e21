"""The message catalogs: every fixed string of the layouts is in each catalog and translated."""

from pathlib import Path

from babel.messages.extract import extract_from_dir

from briefing.i18n import catalog, gettext

SOURCE = Path(__file__).resolve().parents[1] / "src" / "briefing"


def extracted() -> set[str]:
    return {message for _, _, message, _, _ in extract_from_dir(str(SOURCE))}


def test_strings_found_in_code():
    assert "Location and building" in extracted()


def test_every_string_translated_to_chinese():
    missing = sorted(extracted() - set(catalog("zh")))
    assert missing == [], "run tools/update_catalogs.sh and translate these in messages.po"


def test_translation_used():
    assert gettext("zh", "Page {page} of {pages}") == "第{page}页 / 共{pages}页"


def test_unknown_language_falls_back_to_the_message():
    assert gettext("xx", "Sources") == "Sources"
