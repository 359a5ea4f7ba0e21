"""The message catalogs: every fixed string of the layouts is in each catalog and translated."""


import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from briefing.pipeline.options import LANGUAGES, STANDARD_TAGS
from briefing.text.i18n import CATALOGS, LOCALE_DIR, catalog, gettext, nested_quotes, pgettext

from helpers import REPO

SOURCE = REPO / "src" / "briefing"
MAPPING = REPO / "tools" / "babel.cfg"  # what update_catalogs.sh extracts


def extracted(keywords=None) -> set[tuple]:
    """(context, message) for every string the code marks for translation: with ``_()`` and
    the like, and with ``msg()`` (messages for the user: problems, what a command did), as
    update_catalogs.sh extracts them; ``keywords`` narrows it to some."""
    found = set()
    with open(MAPPING) as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(MAPPING))
    keywords = keywords or {**DEFAULT_KEYWORDS, **MESSAGE_KEYWORDS}
    for _, _, message, _, context in extract_from_dir(str(SOURCE), method_map, options_map, keywords=keywords):
        found.add((context or None, message[0] if isinstance(message, tuple) else message))
    return found


#: How messages for the user are marked (``briefing.messages.msg``).
MESSAGE_KEYWORDS = {"msg": None}


def test_strings_found_in_code():
    assert (None, "Location and building") in extracted()
    assert ("clauses", ", ") in extracted()
    assert (None, "Make the documents") in extracted()  # the front desk's templates
    assert (None, "Choose at least one document.") in extracted()  # and its form checks


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_translated(lang):
    missing = sorted(extracted() - set(catalog(lang)))
    assert missing == [], f"run tools/update_catalogs.sh and translate these in {lang}/LC_MESSAGES/messages.po"


def test_a_catalog_for_every_language_and_no_other():
    assert sorted(p.name for p in LOCALE_DIR.iterdir() if p.is_dir()) == sorted(set(CATALOGS.values()))
    assert set(CATALOGS) >= set(LANGUAGES) | set(STANDARD_TAGS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_their_placeholders(lang):
    """A translation that drops or renames {date} would fail only when that page is drawn."""
    import re
    for (_context, message), translation in catalog(lang).items():
        assert sorted(re.findall(r"{\w+}", translation)) == sorted(re.findall(r"{\w+}", message)), message


def test_english_catalog_uses_typographic_apostrophes():
    """In the documents and on the desk's pages; messages for a terminal quote YAML as it must
    be typed ('#C8102E'), so straight quotes are right there."""
    terminal = extracted(MESSAGE_KEYWORDS) - extracted(DEFAULT_KEYWORDS)
    assert [t for (context, m), t in catalog("en").items() if ("'" in t or '"' in t) and (context, m) not in terminal] == []


def test_messages_for_the_user_are_extracted():
    assert (None, "is indented with a tab; YAML indents with spaces only: replace the tab with spaces, lined up with "
                  "the fields beside it") in extracted()
    assert (None, "{count} problems") in extracted()


def test_translation_used():
    assert gettext("zh", "Page {page} of {pages}") == "第{page}页　共{pages}页"


def test_context_tells_list_from_clauses():
    assert gettext("zh", ", ") == "、"
    assert pgettext("zh", "clauses", ", ") == "，"


def test_unknown_language_falls_back_to_the_message():
    assert gettext("xx", "Sources") == "Sources"


def test_english_chain_name_is_not_set_mid_sentence():
    # Chain names are capitalised as labels; the cover line puts the name after a colon.
    assert gettext("en", "Paired with the {chain}") == "Paired chain: {chain}"


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "“Two chains, two parks” drive", "‘Two chains, two parks’ drive"),
    ("en", "the park’s “own” words", "the park’s ‘own’ words"),  # the apostrophe stays
    ("zh", "“两链两园”推动", "“两链两园”推动"),
])
def test_nested_quotes(lang, text, expected):
    assert nested_quotes(lang, text) == expected


def test_a_catalog_read_once_is_kept_and_read_back(monkeypatch, tmp_path):
    """What Babel read from a catalog is kept in the cache under the catalog's digest: the
    next process reads it back without Babel's parser; a damaged one is read again by Babel,
    and another catalog's text is kept under another name."""
    from briefing.text import i18n

    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    catalog.cache_clear()
    try:
        parsed = catalog("zh")
        (kept,) = (tmp_path / "catalogs").glob("zh-*.marshal")
        catalog.cache_clear()  # as the next process starts

        def not_parsed(data, folder):
            raise AssertionError("the catalog was parsed again")

        with monkeypatch.context() as patched:
            patched.setattr(i18n, "_parsed", not_parsed)
            assert catalog("zh") == parsed
        kept.write_bytes(b"damaged")
        catalog.cache_clear()
        assert catalog("zh") == parsed
        assert kept.read_bytes() != b"damaged"  # written again
        po = (LOCALE_DIR / "zh" / "LC_MESSAGES" / "messages.po").read_bytes()
        assert i18n._kept("zh", po) == kept and i18n._kept("zh", po + b"\n") != kept
    finally:
        catalog.cache_clear()
