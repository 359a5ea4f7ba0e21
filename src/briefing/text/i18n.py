"""Fixed strings of the layouts, translated from Babel message catalogs.

Catalogs live in ``locales/<lang>/LC_MESSAGES/messages.po`` inside the package; they are
read with Babel at first use, so no compiled ``.mo`` file is kept by hand.
"""

from __future__ import annotations

import functools
from pathlib import Path

from babel.messages.pofile import read_po

from briefing.text.traditional import TAGS

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locales"
#: The catalog of each language, by its folder under ``locales/``: every Traditional tag reads
#: the one Traditional catalog, translated once and checked by eye (its forms are read alike in
#: Hong Kong and Taiwan), never converted from the Simplified one at run time.
CATALOGS = {"zh": "zh", "en": "en", **dict.fromkeys(TAGS, "zh_Hant")}


@functools.cache
def catalog(lang: str) -> dict[tuple[str | None, str], str]:
    """Translations keyed by (context, message); the context is None for most strings."""
    folder = CATALOGS.get(lang, lang)
    path = LOCALE_DIR / folder / "LC_MESSAGES" / "messages.po"
    if not path.is_file():
        return {}
    with open(path, "rb") as handle:
        po = read_po(handle, locale=folder)
    # Our catalogs have no plural forms: every id and string is one text.
    return {(m.context, str(m.id)): str(m.string) for m in po if m.id and m.string and not m.fuzzy}


def gettext(lang: str, message: str) -> str:
    """The translation of ``message`` (an English msgid), or the message itself."""
    return catalog(lang).get((None, message), message)


def pgettext(lang: str, context: str, message: str) -> str:
    """Like ``gettext``, for a message that translates differently in another context
    (", " between list items is 、 in Chinese, between clauses ，)."""
    return catalog(lang).get((context, message), message)


def translator(lang: str):
    return functools.partial(gettext, lang)


#: Quotation marks inside a quotation: English turns inner double marks into single ones
#: (’ is also the apostrophe, so single marks are left alone); Chinese sets a quoted title
#: in 《》, so its inner “” stay; Traditional Chinese quotes with 「」, and inside them 『』.
_NESTED = {"en": str.maketrans("“”", "‘’"), **dict.fromkeys(TAGS, str.maketrans("「」", "『』"))}


def nested_quotes(lang: str, text: str) -> str:
    """``text`` ready to be quoted itself: “Two chains” inside a quotation becomes ‘Two chains’."""
    table = _NESTED.get(lang)
    return text.translate(table) if table else text
