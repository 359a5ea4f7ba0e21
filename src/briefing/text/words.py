"""Where a Chinese word ends, for the short texts that must not break inside one: table cells,
headings, titles and panels (clreq lets running text break between any two Han characters,
and a justified paragraph needs that freedom; a cell of eight characters does not).

Words come from jieba's dictionary through rjieba (jieba-rs), loaded once per process on
first use (about 0.2 s).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from briefing.text.linebreak import is_han


@functools.cache
def _cut():
    import rjieba  # only when a cell or heading holds Chinese

    return rjieba.cut


def inside_words(chars: Sequence[str]) -> frozenset[int]:
    """Positions ``k`` between two Han characters of one word (a line may not end after
    ``chars[k-1]`` there): 推进|办公室 may break, 推进办|公室 may not."""
    text = "".join(chars)
    if not any(is_han(c) for c in text):
        return frozenset()
    inside: set[int] = set()
    position = 0
    for word in _cut()(text):
        end = position + len(word)
        inside.update(k for k in range(position + 1, end) if is_han(text[k - 1]) and is_han(text[k]))
        position = end
    return frozenset(inside)
