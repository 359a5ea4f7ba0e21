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
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from briefing.text import cache
from briefing.text.cache import cache_root

#: Fewest letters before and after a hyphen (TeX's English settings: 2 and 3).
LEFT, RIGHT = 2, 3
#: Shorter words are never hyphenated.
SHORTEST = 6
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")  # lower-case words and hyphenated compounds


@functools.cache
def _dictionary(lang: str):
    """pyphen's hyphenator for ``lang``, its patterns parsed once per machine: pyphen parses a
    dictionary's 14,000 patterns in 60-130 ms, and every process setting English did so;
    what it parsed is kept in the cache (``cache.cache_root``) under the file's digest and
    pyphen's version, and read back in a tenth of that (``_kept``)."""
    import pyphen  # only for a document in a language with hyphenation

    path = pyphen.LANGUAGES[pyphen.language_fallback(lang)]
    kept = _kept(path)
    parsed = getattr(pyphen, "hdcache")  # noqa: B009 (pyphen's dictionaries by path; untyped)
    if kept is not None and path not in parsed:
        patterns = _read_kept(kept)
        if patterns is not None:
            parsed[path] = _restored(pyphen.HyphDict, patterns)
    made = pyphen.Pyphen(lang=lang, left=LEFT, right=RIGHT)
    if kept is not None and not kept.exists() and _plain(made.hd.patterns):
        cache.keep(kept, made.hd.patterns)
    return made


def _kept(path: Path) -> Optional[Path]:
    """Where the patterns parsed from the dictionary at ``path`` are kept; None without a cache."""
    import pyphen

    root = cache_root()
    if root is None:
        return None
    try:
        digest = hashlib.sha256(path.read_bytes() + getattr(pyphen, "VERSION", "?").encode()).hexdigest()[:32]
    except OSError:
        return None
    return root / "hyphenation" / f"{path.stem}-{digest}.marshal"


def _read_kept(path: Path) -> Optional[dict]:
    """The patterns kept at ``path``, or None when there are none to trust (parsed again)."""
    patterns = cache.kept(path)
    return patterns if isinstance(patterns, dict) and patterns and _plain(patterns) else None


def _plain(patterns: dict) -> bool:
    """Patterns of plain numbers only (``marshal`` writes them; a dictionary with nonstandard
    hyphenation, such as Dutch's, carries objects and is parsed each time)."""
    return all(type(start) is int and all(type(v) is int for v in values)
               for start, values in patterns.values())


def _restored(cls, patterns: dict):
    """A ``pyphen.HyphDict`` as its ``__init__`` leaves it, from its parsed patterns."""
    hyphenator = cls.__new__(cls)
    hyphenator.patterns, hyphenator.cache = patterns, {}
    hyphenator.maxlen = max(len(key) for key in patterns)
    return hyphenator


def preload(lang: str) -> None:
    """Load ``lang``'s patterns now: a build does it before forking its workers, so that each
    inherits them instead of loading them for its first English document."""
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
