"""Fill in translations of a catalog from the command line, for entries given as pairs.

    python tools/translate.py zh "Sources" "资料来源" ["msgid" "msgstr" ...]

An entry with a context (pgettext) is named "context|msgid", e.g. "clauses|, ".

Prints every entry of the catalog that is still untranslated, so nothing is forgotten.
"""

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALES = Path(__file__).resolve().parents[1] / "src" / "briefing" / "locales"


def main(lang: str, *pairs: str) -> int:
    if len(pairs) % 2:
        print(f"a message without its translation: {pairs[-1]!r}")
        return 2
    path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=lang)
    given = dict(zip(pairs[::2], pairs[1::2]))
    for message in catalog:
        key = f"{message.context}|{message.id}" if message.context else message.id
        if key in given:
            message.string = given.pop(key)
            message.flags.discard("fuzzy")
    for msgid in given:
        print(f"not in the catalog (run tools/update_catalogs.sh first): {msgid!r}")
    with open(path, "wb") as handle:
        write_po(handle, catalog, omit_header=True, sort_output=True, no_location=True)
    missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
    for msgid in missing:
        print(f"untranslated: {msgid!r}")
    return 1 if missing or given else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
