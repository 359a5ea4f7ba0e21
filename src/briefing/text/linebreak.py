"""Where a line of Chinese (or mixed) text may break, by the clreq "basic" rules.

A pure function over characters and their widths, so it is tested without a PDF; the
paragraph class in ``typeset.py`` feeds it ReportLab's glyph widths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

#: Never at the start of a line (clreq, Chinese and ASCII).
CANNOT_START = frozenset("、，。．：；！？”’）］〕】〗》〉」』｝～·・％‰℃!%),.:;?]}")
#: Never at the end of a line.
CANNOT_END = frozenset("“‘（［〔【〖《〈「『｛￥$£([{")
#: Two-em dashes and ellipses are one unit.
PAIRED = frozenset("—…")
#: Units, counters and qualifiers that stay with the number before them (4.2万平方米, 20多家).
UNIT_CHARS = frozenset("万亿元平方米千克吨公里顷亩家个人条项座栋层倍岁年月日号多余")
#: Width a line may exceed by rounding alone.
FUZZ = 1e-6


def is_wide(char: str) -> bool:
    """Han characters, kana and full-width forms: each can stand alone on a line edge."""
    return len(char) == 1 and unicodedata.east_asian_width(char) in ("W", "F")


def is_han(char: str) -> bool:
    return is_wide(char) and unicodedata.category(char) == "Lo"


#: Joiners inside Latin words, numbers and URLs (12,345.67, a-b, https://x.org/y, 12.5 km²).
WORD_JOINERS = frozenset("._-/:@#&+,%'’²³")  # ’ as in Hengyang’s


def word_like(char: str) -> bool:
    """Part of a Latin word, a number or a URL: such runs never break inside. Dashes, ellipses
    and curly quotes are not, though Unicode calls their width ambiguous."""
    return bool(char) and not is_wide(char) and (char.isalnum() or char in WORD_JOINERS)


def can_break_before(chars: Sequence[str], k: int) -> bool:
    """May a line end after ``chars[k-1]`` and the next begin with ``chars[k]``?"""
    before, after = chars[k - 1], chars[k]
    if after in CANNOT_START or before in CANNOT_END or after.isspace():
        return False
    if before == after and after in PAIRED:
        return False
    if word_like(before) and word_like(after):
        return False
    return not (_inside_quantity(chars, k) or _unit_after_space(chars, k))


#: Latin units written after a number and a space (12.5 km²): the space does not break.
LATIN_UNITS = ("km²", "m²", "km", "m", "ha", "kg", "t", "MW", "kW", "GB", "TB", "Gbps", "Mbps")


def _unit_after_space(chars: Sequence[str], k: int) -> bool:
    """Is ``chars[k]`` the start of a Latin unit after a number and one space?"""
    if k < 2 or not chars[k - 1].isspace() or not chars[k - 2].isdigit():
        return False
    for unit in LATIN_UNITS:
        tail = chars[k + len(unit)] if k + len(unit) < len(chars) else ""
        if "".join(chars[k:k + len(unit)]) == unit and not word_like(tail):
            return True
    return False


def _inside_quantity(chars: Sequence[str], k: int) -> bool:
    """Is ``chars[k]`` a unit character continuing a number (the 平 of 4.2万平方米)?"""
    j = k
    while j > 0 and chars[j] in UNIT_CHARS:
        j -= 1
        if chars[j].isdigit():
            return True
    return False


def break_lines(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                forced: Sequence[bool] = (), extra: Sequence[float] = ()) -> list[tuple[int, int]]:
    """Lines as (start, end) index pairs: greedy filling, then no orphan on the last line.

    ``forced[i]`` ends a line after character ``i``. ``extra[i]`` is spacing after character
    ``i`` when the next one is on the same line (see ``justify.natural_spacing``). A unit
    wider than a whole line (a very long word) is split where it overflows: a broken word
    beats text running off the page.
    """
    n = len(chars)
    extra = extra or [0.0] * n
    allowed = [False] + [can_break_before(chars, k) for k in range(1, n)] + [True]
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        end = _fill(chars, widths, extra, forced, start, n, limit)
        if end < n and not (forced and forced[end - 1]):
            end = _last_allowed(allowed, start, end) or _last_bearable(chars, start, end)
            end = _keep_trailing_spaces(chars, end, n)
        lines.append((start, end))
        start = end
    return _avoid_orphan(chars, widths, extra, max_widths, allowed, lines)


def span_width(widths: Sequence[float], extra: Sequence[float], start: int, end: int) -> float:
    """Width of ``start:end`` on one line: the spacing after its last character does not count."""
    return sum(widths[start:end]) + sum(extra[start:end - 1])


def _fill(chars, widths, extra, forced, start, n, limit) -> int:
    """End of the longest run from ``start`` that fits ``limit`` (at least one character).
    A space takes no room at the end of a line (it is not drawn there), so a space never
    ends the run: a word that fits is not pushed on for the space after it."""
    width, end = 0.0, start
    while end < n:
        step = widths[end] + (extra[end - 1] if end > start else 0.0)
        if end > start and width + step > limit + FUZZ and not chars[end].isspace():
            break
        width += step
        end += 1
        if forced and forced[end - 1]:
            break
    return end


def _last_allowed(allowed, start, end) -> int | None:
    """The last break position in (start, end], or None when there is none."""
    for position in range(end, start, -1):
        if allowed[position]:
            return position
    return None


#: Where a URL too long for its line breaks best: after a slash or before its query.
URL_SEAMS = frozenset("/?&=")


def _last_bearable(chars, start, end) -> int:
    """For a unit wider than the line: split a word or number rather than break a
    punctuation rule; at a space if the unit has one (12.5 | km²), else after a URL's
    slash or query mark, else anywhere."""
    bearable = [p for p in range(end, start, -1)
                if chars[p] not in CANNOT_START and chars[p - 1] not in CANNOT_END
                and not (chars[p - 1] == chars[p] in PAIRED)]
    spaced = [p for p in bearable if chars[p - 1].isspace()]
    seams = [p for p in bearable if chars[p - 1] in URL_SEAMS]  # https://example.org/ | sign-up
    return (spaced or seams or bearable or [end])[0]


def _keep_trailing_spaces(chars, end, n) -> int:
    """A space where the line breaks stays at the end of the line, not the start of the next."""
    while end < n and chars[end].isspace():
        end += 1
    return end


def _avoid_orphan(chars, widths, extra, max_widths, allowed, lines):
    """Pull a second character down when the last line would hold one Han character alone."""
    if len(lines) < 2:
        return lines
    (prev_start, prev_end), (last_start, last_end) = lines[-2], lines[-1]
    if sum(is_han(c) for c in chars[last_start:last_end]) != 1:
        return lines
    limit = max_widths[min(len(lines) - 1, len(max_widths) - 1)]
    for position in range(prev_end - 1, prev_start + 1, -1):
        if allowed[position] and span_width(widths, extra, position, last_end) <= limit + FUZZ:
            return lines[:-2] + [(prev_start, position), (position, last_end)]
    return lines
