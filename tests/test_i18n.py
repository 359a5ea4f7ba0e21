"""The message catalogs: every fixed string of the layouts is in each catalog and translated."""

from pathlib import Path

from babel.messages.extract import extract_from_dir

from briefing.i18n import catalog, gettext, pgettext

SOURCE = Path(__file__).resolve().parents[1] / "src" / "briefing"


def extracted() -> set[tuple]:
    """(context, message) for every string the code marks for translation."""
    found = set()
    for _, _, message, _, context in extract_from_dir(str(SOURCE)):
        found.add((context or None, message[0] if isinstance(message, tuple) else message))
    return found


def test_strings_found_in_code():
    assert (None, "Location and building") in extracted()
    assert ("clauses", ", ") in extracted()


def test_every_string_translated_to_chinese():
    missing = sorted(extracted() - set(catalog("zh")))
    assert missing == [], "run tools/update_catalogs.sh and translate these in messages.po"


def test_translation_used():
    assert gettext("zh", "Page {page} of {pages}") == "第{page}页　共{pages}页"


def test_context_tells_list_from_clauses():
    assert gettext("zh", ", ") == "、"
    assert pgettext("zh", "clauses", ", ") == "，"


def test_unknown_language_falls_back_to_the_message():
    assert gettext("xx", "Sources") == "Sources"
