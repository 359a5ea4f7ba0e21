"""Spacing inside a line, by clreq: a quarter em between Han and Latin, compressed pairs of
full-width punctuation, and justification spread between characters.

Pure functions over characters, widths and font sizes, like ``linebreak.py``; ``typeset.py``
turns the result into PDF character spacing. Every value is the extra advance *after* a
character, in points: the PDF draws it as ``Tc`` (character spacing), which text extraction
counts as part of the character, so the spacing never turns into spaces when text is copied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefing.text.linebreak import PAIRED, is_han, is_wide, span_width, word_like

#: Between a Han character and a Latin letter or digit, in ems (clreq 3.2.2).
HAN_LATIN = 0.25
#: Full-width punctuation drawn in the left half of its em (Chinese fonts, mainland style).
INK_LEFT = frozenset("、，。．：；！？”’）］〕】〗》〉」』｝")
#: Full-width punctuation drawn in the right half of its em.
INK_RIGHT = frozenset("“‘（［〔【〖《〈「『｛")
#: Full-width punctuation the Traditional faces (Noto Sans CJK HK and TC) draw in the middle of
#: the em, a quarter em blank on each side (clreq 3.1.2; measured in the shipped faces: the ink
#: of ， spans 0.40-0.59 em, of 。 0.35-0.66 em, where the Simplified face draws them at 0.04-0.35).
INK_CENTRE = frozenset("、，。．：；！？")
#: How much of an em the blank half of a compressed punctuation mark gives up.
COMPRESSION = 0.5
#: How much a centred mark gives up: its blank quarter on the side of its neighbour.
CENTRE_COMPRESSION = 0.25


@dataclass(frozen=True)
class Punctuation:
    """Where a face draws the ink of full-width punctuation: in the left half of the em, in the
    right half, or centred. A mark gives up the blank after its ink when another full-width
    mark follows."""

    left: frozenset[str]
    right: frozenset[str]
    centre: frozenset[str] = frozenset()

    def blank_after(self, char: str) -> float:
        """The em fraction after ``char``'s ink that may be taken away (0 when none)."""
        if char in self.left:
            return COMPRESSION
        return CENTRE_COMPRESSION if char in self.centre else 0.0

    def is_mark(self, char: str) -> bool:
        return char in self.left or char in self.right or char in self.centre


#: The Simplified face (GB/T 15834, mainland style).
SIMPLIFIED = Punctuation(INK_LEFT, INK_RIGHT)
#: The Traditional face: 、，。．：；！？ centred, brackets and quotes as in Simplified.
TRADITIONAL = Punctuation(INK_LEFT - INK_CENTRE, INK_RIGHT, INK_CENTRE)


def is_latin(char: str) -> bool:
    """A Latin letter or digit (or any narrow letter): the other side of Han-Latin spacing."""
    return word_like(char) and char.isalnum()


def natural_spacing(chars: Sequence[str], sizes: Sequence[float], widths: Sequence[float],
                    punctuation: Punctuation = SIMPLIFIED) -> list[float]:
    """Extra advance after each character, before justification.

    A quarter em between Han and Latin (none where the text already has a space: the two
    are then not neighbours), and the blank after a punctuation mark's ink taken away when
    another full-width mark follows (``”，`` and ``）。`` would otherwise leave a visible
    hole): half an em after a left-inked mark, a quarter after a centred one (the ink of a
    Traditional ``。`` ends a quarter em before its box does), as ``punctuation`` says the
    face draws them. Only a mark drawn a full em wide has a blank to give: the English faces
    draw ’ and ” narrow.
    """
    extra = [0.0] * len(chars)
    for i in range(len(chars) - 1):
        before, after = chars[i], chars[i + 1]
        if (is_han(before) and is_latin(after)) or (is_latin(before) and is_han(after)):
            extra[i] = HAN_LATIN * min(sizes[i], sizes[i + 1])
        elif punctuation.blank_after(before) and punctuation.is_mark(after) and _full_width(widths, sizes, i):
            extra[i] = -punctuation.blank_after(before) * sizes[i]
    return extra


def _full_width(widths: Sequence[float], sizes: Sequence[float], i: int) -> bool:
    return widths[i] >= 0.9 * sizes[i]


def visible_end(chars: Sequence[str], start: int, end: int) -> int:
    """End of a line without its trailing spaces (they are kept but take no room)."""
    while end > start + 1 and chars[end - 1].isspace():
        end -= 1
    return end


def stretchable(chars: Sequence[str], start: int, end: int) -> list[int]:
    """Gaps (by the index of the character before them) that may take justification.

    A line of Latin text with spaces stretches at its spaces, as English is set. Any other
    line stretches between any two characters except inside a Latin word or number, or
    inside ``——`` and ``……``.
    """
    if not any(is_wide(c) for c in chars[start:end]):
        spaces = [i for i in range(start, end - 1) if chars[i].isspace()]
        if spaces:
            return spaces
    gaps = []
    for i in range(start, end - 1):
        before, after = chars[i], chars[i + 1]
        if word_like(before) and word_like(after):
            continue
        if before == after and before in PAIRED:
            continue
        gaps.append(i)
    return gaps


def line_spacing(chars: Sequence[str], widths: Sequence[float], extra: Sequence[float],
                 start: int, end: int, limit: float, justify: bool) -> list[float]:
    """Extra advance after each character of the line ``start:end``.

    Natural spacing inside the line, none after its last visible character; when
    ``justify``, the slack left to ``limit`` is shared equally by the stretchable gaps so
    that the last visible character ends flush with the frame. A line a little longer than
    ``limit`` (the whole-paragraph breaker may choose one) shrinks its gaps the same way.
    """
    visible = visible_end(chars, start, end)
    spacing = list(extra[start:end])
    for i in range(visible - 1 - start, end - start):
        spacing[i] = 0.0
    if not justify:
        return spacing
    slack = limit - span_width(widths, extra, start, visible)
    gaps = stretchable(chars, start, visible)
    if slack and gaps:
        share = slack / len(gaps)
        for i in gaps:
            spacing[i - start] += share
    return spacing
