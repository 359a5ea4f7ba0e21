"""Fixed strings of the layouts, translated from Babel message catalogs.

Catalogs live in ``locales/<lang>/LC_MESSAGES/messages.po`` inside the package; they are
read with Babel at first use, so no compiled ``.mo`` file is kept by hand. What Babel read is
kept in the cache (``cache.cache_root``) under the catalog's SHA-256: parsing a catalog was
20 ms of every process that sets or says anything, reading the kept one is under 1 ms.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path
from typing import Optional

from briefing.text import cache
from briefing.text.cache import cache_root
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
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    where = _kept(folder, data)
    entries = _read_kept(where) if where is not None else None
    if entries is None:
        entries = _parsed(data, folder)
        if where is not None:
            cache.keep(where, entries)
    return {(context, message): string for context, message, string in entries}


def _parsed(data: bytes, folder: str) -> list[tuple[Optional[str], str, str]]:
    """The catalog's translated entries as (context, message, translation), read by Babel."""
    import io

    from babel.messages.pofile import read_po  # only when the catalog is not kept yet

    po = read_po(io.BytesIO(data), locale=folder)
    # Our catalogs have no plural forms: every id and string is one text.
    return [(m.context, str(m.id), str(m.string)) for m in po if m.id and m.string and not m.fuzzy]


def _kept(folder: str, data: bytes) -> Optional[Path]:
    """Where the catalog read from ``data`` is kept, or None without a cache."""
    root = cache_root()
    if root is None:
        return None
    return root / "catalogs" / f"{folder}-{hashlib.sha256(data).hexdigest()[:32]}.marshal"


def _read_kept(path: Path) -> Optional[list[tuple[Optional[str], str, str]]]:
    """The entries kept at ``path``, or None when there are none to trust (read again)."""
    entries = cache.kept(path)
    if not isinstance(entries, list) or not all(isinstance(entry, tuple) and len(entry) == 3 for entry in entries):
        return None
    return entries


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
