"""Where a Chinese word ends, for the short texts that must not break inside one: table cells,
headings, titles and panels (clreq lets running text break between any two Han characters,
and a justified paragraph needs that freedom; a cell of eight characters does not).

Words come from jieba's dictionary through rjieba (jieba-rs), loaded once per process on
first use (about 0.2 s).
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from briefing.text.cache import cache_root, keep, kept
from briefing.text.linebreak import is_han


@functools.cache
def _cut():
    import rjieba  # only when a cell or heading holds Chinese that no earlier process cut

    return rjieba.cut


class _Remembered:
    """The words of the texts cut before, by this process and by earlier ones: loading
    jieba's dictionary is most of a small build's start (0.2 s), and a build of the same
    sheets cuts the same texts. Kept beside the fonts' cache (``cache.cache_root``),
    under the rjieba build that cut them (its module's size and time: another dictionary
    may cut otherwise); written by ``remember`` after each job. Kept with ``marshal``: a large
    zone's 10,000 texts read in half the time JSON takes."""

    def __init__(self) -> None:
        self.words: Optional[dict[str, list[int]]] = None
        self.new: dict[str, list[int]] = {}
        self.path: Optional[Path] = None

    def load(self) -> dict[str, list[int]]:
        if self.words is None:
            self.words, self.path = {}, _cache_path()
            if self.path is not None:
                loaded = _read(self.path)
                if loaded is not None:
                    self.words = loaded
        return self.words

    def lengths(self, text: str) -> list[int]:
        words = self.load()
        lengths = words.get(text)
        if lengths is None:
            lengths = words[text] = self.new[text] = [len(word) for word in _cut()(text)]
        return lengths

    def save(self) -> None:
        if not self.new or self.path is None:
            return
        on_disk = _read(self.path) or {}  # with another process's, since
        if len(on_disk) > MAX_REMEMBERED:
            on_disk = {}
        on_disk.update(self.new)
        self.new = {}
        keep(self.path, on_disk)


def _read(path: Path) -> Optional[dict[str, list[int]]]:
    """The words kept at ``path``, or None when there are none to trust (none yet, damaged)."""
    loaded = kept(path)
    return loaded if isinstance(loaded, dict) else None


#: Texts remembered at most (a zone of hundreds of parks): past that the file starts afresh.
MAX_REMEMBERED = 200_000
_REMEMBERED = _Remembered()


def _cache_path() -> Optional[Path]:
    root = cache_root()
    spec = importlib.util.find_spec("rjieba")
    if root is None or spec is None or not spec.submodule_search_locations:
        return None
    try:
        built = max(os.stat(entry).st_mtime_ns for entry in Path(spec.submodule_search_locations[0]).iterdir()
                    if entry.suffix in (".so", ".pyd"))
    except (OSError, ValueError):
        return None
    return root / f"words-{built}.marshal"


def preload() -> None:
    """Read the words remembered now (before a build forks its workers, which inherit them)."""
    _REMEMBERED.load()


def remember() -> None:
    """Write the words cut since the last call, for the next process (after each job)."""
    _REMEMBERED.save()


def inside_words(chars: Sequence[str]) -> frozenset[int]:
    """Positions ``k`` between two Han characters of one word (a line may not end after
    ``chars[k-1]`` there): 推进|办公室 may break, 推进办|公室 may not."""
    text = "".join(chars)
    if not any(is_han(c) for c in text):
        return frozenset()
    inside: set[int] = set()
    position = 0
    for length in _REMEMBERED.lengths(text):
        end = position + length
        inside.update(k for k in range(position + 1, end) if is_han(text[k - 1]) and is_han(text[k]))
        position = end
    return frozenset(inside)
