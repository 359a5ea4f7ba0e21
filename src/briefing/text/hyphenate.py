"""Where an English word may be hyphenated at a line's end, from pyphen's patterns (the
LibreOffice dictionaries, TeX's algorithm).

Only running text is hyphenated (``typeset.Para`` asks for it when its style has a
``hyphenationLang``): a table cell, a heading or a title never splits a word. Names are left
whole (a capitalised word: "Hengyang", "Pingfangmi" are pinyin, which the patterns do not
know), and so is anything that is not a plain word (numbers, URLs, e-mail addresses). A
compound already written with a hyphen may break after it, with no hyphen added.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

#: Fewest letters before and after a hyphen (TeX's English settings: 2 and 3).
LEFT, RIGHT = 2, 3
#: Shorter words are never hyphenated.
SHORTEST = 6
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # lower-case words and hyphenated compounds


@functools.cache
def _dictionary(lang: str):
    import pyphen  # only for a document in a language with hyphenation

    return pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)


def preload(lang: str) -> None:
    """Load ``lang``'s patterns now (0.1 s): a build does it before forking its workers, so
    that each inherits them instead of loading them for its first English document."""
    _dictionary(lang)


def hyphen_points(chars: Sequence[str], lang: str) -> dict[int, bool]:
    """Positions ``k`` inside words where a line may end after ``chars[k-1]``: True where a
    hyphen must be added, False after a hyphen the text already has (well-designed)."""
    text = "".join(chars)
    points: dict[int, bool] = {}
    for match in _WORD.finditer(text):
        start, end = match.span()
        if (start and (text[start - 1].isalnum() or text[start - 1] in "/@.:_'’")) or \
                (end < len(text) and (text[end].isalnum() or text[end] in "/@_")):
            continue  # part of a name, a number, a URL or an address
        offset = start
        for part in match.group().split("-"):
            if len(part) >= SHORTEST:
                points.update((offset + p, True) for p in _dictionary(lang).positions(part))
            offset += len(part) + 1
            if offset < end:
                points[offset] = False  # after the compound's own hyphen
    return points
