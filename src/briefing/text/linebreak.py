"""Where a line of Chinese (or mixed) text may break, by the clreq "basic" rules.

A pure function over characters and their widths, so it is tested without a PDF; the
paragraph class in ``typeset.py`` feeds it ReportLab's glyph widths.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

#: Never at the start of a line (clreq, Chinese and ASCII).
CANNOT_START = frozenset("、，。．：；！？”’）］〕】〗》〉」』｝～·・％‰℃!%),.:;?]}")
#: Never at the end of a line.
CANNOT_END = frozenset("“‘（［〔【〖《〈「『｛￥$£([{")
#: Two-em dashes and ellipses are one unit.
PAIRED = frozenset("—…")
#: Units, counters and qualifiers that stay with the number before them (4.2万平方米, 20多家),
#: in Simplified and in Traditional characters (4.2萬平方米, 10餘家).
UNIT_CHARS = frozenset("万亿元平方米千克吨公里顷亩家个人条项座栋层倍岁年月日号多余"
                       "萬億頃個條項棟層歲號餘")


@dataclass(frozen=True)
class LineRules:
    """The characters a line may not start or end with, for one writing system."""

    cannot_start: frozenset[str]
    cannot_end: frozenset[str]


#: Simplified Chinese (and the English editions, whose Chinese is Simplified).
SIMPLIFIED = LineRules(CANNOT_START, CANNOT_END)
#: Traditional Chinese (clreq 3.1.7): the same marks, and those Traditional text has besides:
#: the hyphenation point ‧ that Taiwan writes as the middle dot of foreign names, and the
#: small forms ﹐﹑﹒﹔﹕﹖﹗ some Traditional texts use.
TRADITIONAL = LineRules(CANNOT_START | frozenset("‧﹐﹑﹒﹔﹕﹖﹗"), CANNOT_END)
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


def can_break_before(chars: Sequence[str], k: int, rules: LineRules = SIMPLIFIED) -> bool:
    """May a line end after ``chars[k-1]`` and the next begin with ``chars[k]``?"""
    before, after = chars[k - 1], chars[k]
    if after in rules.cannot_start or before in rules.cannot_end or after.isspace():
        return False
    if before == after and after in PAIRED:
        return False
    if word_like(before) and word_like(after):
        return False
    return not (_inside_quantity(chars, k) or _unit_after_space(chars, k) or _qualified_number(chars, k)
                or _glued_at_space(chars, k))


#: Where the texts set in this process may break (``breaks_before``), by characters and rules.
_BREAKS: dict[tuple, bytes] = {}
#: Past this many texts the table starts again: a zone of hundreds of parks keeps it small.
BREAKS_KEPT = 5000


def breaks_before(chars: Sequence[str], rules: LineRules = SIMPLIFIED) -> bytes:
    """``can_break_before`` for every position of ``chars`` (1 where a line may end before
    ``chars[k]``; position 0 never), worked out once per text and rules: it depends on neither
    the size nor the width, and the same text is broken again at other widths (a balanced
    heading tries fourteen) and sizes (each paper, and a piece set larger for an office
    printer's sheet)."""
    text = chars if isinstance(chars, str) else "".join(chars)
    # One character each (as long as the list, and none empty): the joined text says it all.
    single = isinstance(chars, str) or (len(text) == len(chars) and "" not in chars)
    key = (text if single else tuple(chars), rules)
    found = _BREAKS.get(key)
    if found is None:
        if len(_BREAKS) >= BREAKS_KEPT:
            _BREAKS.clear()
        found = _BREAKS[key] = bytes([0, *(can_break_before(chars, k, rules) for k in range(1, len(chars)))])
    return found


#: English words that stay with the number before them: scale words and the units and counters
#: figures are written with (numbers.UNIT_WORDS), "42,000 square metres".
NUMBER_AFTER = frozenset({"million", "billion", "trillion", "thousand", "hundred", "per", "percent", "square",
                          "m²", "km²", "ha", "kg", "company", "companies", "person", "people", "project",
                          "projects", "city", "cities", "base", "bases", "chain", "chains", "team", "teams",
                          "yuan", "years", "months", "days"})
#: Words that stay with the number after them: a currency before its amount, "No." before 6.
NUMBER_BEFORE = frozenset({"RMB", "CNY", "USD", "EUR", "No.", "no."})
MONTHS = frozenset({"January", "February", "March", "April", "May", "June", "July", "August", "September",
                    "October", "November", "December"})
#: Word pairs that are one unit: "square metres".
PAIRS = frozenset({("square", "metres"), ("square", "meters"), ("square", "kilometres"), ("per", "cent")})
_TRAIL = ",.;:!?)]”’"


def _glued_at_space(chars: Sequence[str], k: int) -> bool:
    """Is the space before ``chars[k]`` one that holds a quantity together: a number and its
    unit or scale (RMB 1 billion, 100 million, 20 companies), a currency and its amount, a date
    (28 September 2020, July 2021)?"""
    if k < 2 or not chars[k - 1].isspace():
        return False
    end = k - 1
    start = end
    while start > 0 and not chars[start - 1].isspace():
        start -= 1
    stop = k
    while stop < len(chars) and not chars[stop].isspace():
        stop += 1
    before, after = "".join(chars[start:end]), "".join(chars[k:stop]).rstrip(_TRAIL)
    if not before or not after:
        return False
    number_before = before[-1].isdigit()
    if number_before and after in NUMBER_AFTER:
        return True
    if before in NUMBER_BEFORE and after[0].isdigit():
        return True
    if (before, after) in PAIRS:
        return True
    if before.isdigit() and len(before) <= 2 and after in MONTHS:
        return True  # 28 September
    return before in MONTHS and after.isdigit() and len(after) == 4  # September 2020


#: Chinese qualifiers that stay with the number after them (预计100家, 约5000平方米).
QUALIFIERS_BEFORE = ("预计", "约", "超过", "近")


def _qualified_number(chars: Sequence[str], k: int) -> bool:
    """Is ``chars[k]`` a number's first digit right after its qualifier (预计 | 100家) or inside
    a date (2021年 | 4月 | 24日), or inside a qualifier of two characters (预 | 计)?"""
    if chars[k].isdigit():
        if k >= 2 and chars[k - 1] in "年月" and chars[k - 2].isdigit():
            return True
        return any("".join(chars[max(0, k - len(q)):k]) == q for q in QUALIFIERS_BEFORE)
    return any(len(q) == 2 and chars[k - 1] == q[0] and chars[k] == q[1] for q in QUALIFIERS_BEFORE)


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
    """Is ``chars[k]`` a unit character continuing a number (the 平 of 4.2万平方米, the 以 and
    上 of 1亿元以上)?"""
    j = k
    while j > 0 and (chars[j] in UNIT_CHARS or _part_of_yishang(chars, j)):
        j -= 1
        if chars[j].isdigit():
            return True
    return False


def _part_of_yishang(chars: Sequence[str], j: int) -> bool:
    """以上 ("or more") after a quantity is part of it."""
    return (chars[j] == "以" and j + 1 < len(chars) and chars[j + 1] == "上") or \
        (chars[j] == "上" and chars[j - 1] == "以")


def break_lines(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float],
                forced: Sequence[bool] = (), extra: Sequence[float] = (),
                keep: frozenset[int] = frozenset(), rules: LineRules = SIMPLIFIED) -> list[tuple[int, int]]:
    """Lines as (start, end) index pairs: greedy filling, then no orphan on the last line.

    ``forced[i]`` ends a line after character ``i``. ``extra[i]`` is spacing after character
    ``i`` when the next one is on the same line (see ``justify.natural_spacing``). ``keep``
    holds positions where no line may end although the rules allow it (inside a Chinese word,
    ``words.inside_words``). A unit wider than a whole line (a very long word) is split where
    it overflows: a broken word beats text running off the page.
    """
    n = len(chars)
    extra = extra or [0.0] * n
    possible = breaks_before(chars, rules)
    allowed = [*possible, True] if not keep else [*(b and k not in keep for k, b in enumerate(possible)), True]
    lines: list[tuple[int, int]] = []
    start = 0
    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        end = _fill(chars, widths, extra, forced, start, n, limit)
        if end < n and not (forced and forced[end - 1]):
            end = _last_allowed(allowed, start, end) or _last_bearable(chars, start, end, rules)
            end = _keep_trailing_spaces(chars, end, n)
        lines.append((start, end))
        start = end
    return _avoid_orphan(chars, widths, extra, max_widths, allowed, lines)


def balanced(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float], forced: Sequence[bool] = (),
             extra: Sequence[float] = (), keep: frozenset[int] = frozenset(),
             rules: LineRules = SIMPLIFIED) -> list[tuple[int, int]]:
    """Lines of a title, heading or panel: as few as ``break_lines`` needs, made as even as
    they can be (the narrowest measure that still gives that many lines), so that no line
    ends up holding a single word: "Smart Medical / Industrial Park", not "Smart Medical
    Industrial / Park"."""
    lines = break_lines(chars, widths, max_widths, forced, extra, keep, rules)
    if len(lines) < 2 or any(forced):
        return lines
    widest = max(max_widths)
    low, high = widest / len(lines) * 0.9, widest
    best = lines
    for _ in range(14):  # to within a 10,000th of the measure
        middle = (low + high) / 2
        trial = break_lines(chars, widths, [min(w, middle) for w in max_widths], forced, extra, keep, rules)
        if len(trial) == len(lines) and all(span_width(widths, extra, s, _visible(chars, s, e)) <= middle + FUZZ
                                            for s, e in trial):
            best, high = trial, middle
        else:
            low = middle
    return best


def _visible(chars, start, end) -> int:
    while end > start + 1 and chars[end - 1].isspace():
        end -= 1
    return end


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


def _last_bearable(chars, start, end, rules: LineRules = SIMPLIFIED) -> int:
    """For a unit wider than the line: split a word or number rather than break a
    punctuation rule; at a space if the unit has one (12.5 | km²), else after a URL's
    slash or query mark, else anywhere."""
    bearable = [p for p in range(end, start, -1)
                if chars[p] not in rules.cannot_start and chars[p - 1] not in rules.cannot_end
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


# -- whole-paragraph line breaking (running English text) -------------------------------------

@dataclass(frozen=True)
class Spacing:
    """How far a justified line's word spaces may go from their natural width, in ems of the
    text: the total-fit breaker below rates each line by it."""

    space: float  # the face's space, in ems (Noto Sans: 0.26)
    stretch: float = 0.10  # a line with its gaps this much wider is "loose" (badness 100): a quarter of a space
    shrink: float = 0.087  # and it never shrinks them by more than this (to two thirds of a space)
    widest: float = 0.45  # a gap wider than this (space and stretch) is a river: avoided at almost any cost
    #: Demerits of a hyphen, of two hyphens in a row, and of a last line with a single word.
    hyphen: float = 50
    double_hyphen: float = 3000
    runt: float = 3000


@dataclass(frozen=True)
class Fitted:
    """Lines as (start, end) pairs, where a hyphen is added at each line end in ``hyphenated``."""

    lines: list[tuple[int, int]]
    hyphenated: frozenset[int]


def fit_lines(chars: Sequence[str], widths: Sequence[float], max_widths: Sequence[float], sizes: Sequence[float],
              spacing: Spacing, hyphens: dict[int, float], forced: Sequence[bool] = (),
              extra: Sequence[float] = ()) -> Optional[Fitted]:
    """Justified lines chosen for the whole paragraph at once (Knuth and Plass's total fit):
    the breaks, among those ``can_break_before`` allows and the ``hyphens`` positions (each
    with the width of the hyphen it adds, 0 after a hyphen the text has), that make the word
    spaces of every line as near their natural width as can be. Returns None where no line
    can be fitted without overflowing (a word wider than the column): greedy filling then
    splits it (``break_lines``)."""
    n = len(chars)
    if not n:
        return Fitted([], frozenset())
    extra = extra or [0.0] * n
    forced = forced or [False] * n
    segments, start = [], 0
    for i in range(n):
        if forced[i] or i == n - 1:
            segments.append((start, i + 1))
            start = i + 1
    lines: list[tuple[int, int]] = []
    hyphenated: set[int] = set()
    for seg_start, seg_end in segments:
        fitted = _fit_segment(chars, widths, extra, max_widths, sizes, spacing, hyphens, seg_start, seg_end,
                              len(lines))
        if fitted is None:
            return None
        lines += fitted.lines
        hyphenated |= fitted.hyphenated
    return Fitted(lines, frozenset(hyphenated))


def _fit_segment(chars, widths, extra, max_widths, sizes, spacing: Spacing, hyphens, start: int, end: int,
                 first_line: int) -> Optional[Fitted]:
    """Total fit of ``chars[start:end]`` (no forced break inside), its lines numbered from
    ``first_line`` (the first line of a paragraph may be narrower: an indent)."""
    # Prefix sums: the width of chars[i:j] on one line is W[j] - W[i] + E[j - 1] - E[i].
    W, E, S = [0.0], [0.0], [0]
    for i in range(start, end):
        W.append(W[-1] + widths[i])
        E.append(E[-1] + extra[i])
        S.append(S[-1] + (1 if chars[i].isspace() else 0))
    wide = [0]
    for i in range(start, end):
        wide.append(wide[-1] + (1 if is_wide(chars[i]) else 0))

    def at(k):  # prefix index of absolute position k
        return k - start

    possible = breaks_before(chars)
    breaks = [k for k in range(start + 1, end) if (possible[k] or k in hyphens)]
    breaks.append(end)
    # best[(position, line class, hyphenated)] = (demerits, previous key, line count)
    first_class = min(first_line, len(max_widths) - 1)
    best: dict[tuple, tuple[float, Optional[tuple]]] = {(start, first_class, False): (0.0, None)}
    key: tuple
    order = [(start, first_class, False)]
    for k in breaks:
        hyphen = hyphens.get(k) if k < end and not possible[k] else None
        added = hyphen or 0.0
        visible = k
        while visible > start + 1 and chars[visible - 1].isspace():
            visible -= 1
        last = k == end
        candidates = []
        for start_node in order:
            i, line_class, previous_hyphen = start_node
            if i >= visible:
                continue
            limit = max_widths[line_class]
            natural = W[at(visible)] - W[at(i)] + E[at(visible) - 1] - E[at(i)] + added
            gaps = _gaps(chars, i, visible, S, wide, at)
            size = sizes[i]
            slack = limit - natural
            if slack < -(0 if last else gaps) * spacing.shrink * size - FUZZ:
                continue  # too long, even shrunk (a last line keeps its natural spacing)
            badness = 0.0 if last else _badness(slack, gaps, size, spacing)
            demerits = (1 + badness) ** 2 + (spacing.hyphen ** 2 if hyphen else 0.0)
            if hyphen and previous_hyphen:
                demerits += spacing.double_hyphen
            if last and i > start and S[at(visible)] - S[at(i)] == 0 and not wide[at(visible)] - wide[at(i)]:
                demerits += spacing.runt  # one word alone on the last line
            candidates.append((best[start_node][0] + demerits, start_node))
        if not candidates:
            continue
        total, previous = min(candidates, key=lambda c: c[0])
        line_class = min(previous[1] + 1, len(max_widths) - 1)
        key = (k, line_class, bool(hyphen))
        if key not in best or total < best[key][0]:
            best[key] = (total, previous)
            order.append(key)
        # Starts that can no longer reach past k within a line are dropped.
        order = [o for o in order if W[at(k)] - W[at(o[0])] <= 1.2 * max(max_widths)]
    finals = [final for final in best if final[0] == end]
    if not finals:
        return None
    node: Optional[tuple] = min(finals, key=lambda f: best[f][0])
    lines, hyphenated = [], set()
    while node is not None and best[node][1] is not None:
        back = best[node][1]
        assert back is not None
        lines.append((back[0], node[0]))
        if node[2]:
            hyphenated.add(node[0])
        node = back
    return Fitted(lines[::-1], frozenset(hyphenated))


def _gaps(chars, i: int, visible: int, S, wide, at) -> int:
    """How many gaps of the line ``i:visible`` take justification (see ``justify.stretchable``):
    its spaces, in a line of Latin text."""
    if wide[at(visible)] - wide[at(i)] == 0:
        spaces = S[at(visible)] - S[at(i)]
        if spaces:
            return spaces
    return sum(1 for j in range(i, visible - 1) if not (word_like(chars[j]) and word_like(chars[j + 1])))


def _badness(slack: float, gaps: int, size: float, spacing: Spacing) -> float:
    """TeX's badness of a line: 100 times the cube of how far its gaps are stretched (or
    shrunk) against what they may take; a line that cannot stretch at all is very bad."""
    if gaps == 0:  # a line of one word cannot be justified: as bad as a river
        return 0.0 if slack <= FUZZ else 1e6
    per_gap = slack / gaps / size
    ratio = per_gap / (spacing.stretch if per_gap >= 0 else spacing.shrink)
    river = 1e6 if spacing.space + per_gap > spacing.widest else 0.0
    return min(100 * abs(ratio) ** 3, 10000.0) + river
