"""Setting text: cleaning and escaping fact-sheet text for ReportLab, and the paragraph class
every layout uses, which sets lines by the clreq rules.

Stock ReportLab sets Chinese badly: its CJK wrapping was written for Japanese (lines begin with
``，``, Latin words split), justification only widens word spaces, which Chinese lines do not
have, and a character the font lacks becomes a silent box. ``Para`` keeps ReportLab's paragraph
machinery (markup, styles, page splitting) and replaces how lines are made: where a line may
break (``linebreak.py``), and the spacing inside it (``justify.py``: Han-Latin spacing,
punctuation compression, justification), drawn as PDF character spacing.
"""

from __future__ import annotations

import functools
import html
from typing import Optional

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from briefing.errors import BriefingError
from briefing.text import fonts, hooks, justify, linebreak
from briefing.text.hyphenate import hyphen_points
from briefing.text.justify import Punctuation, line_spacing, natural_spacing, visible_end
from briefing.text.linebreak import LineRules, Spacing, balanced, break_lines, can_break_before, fit_lines, span_width
from briefing.text.linebreak import is_wide as is_wide_char
from briefing.text.plain import clean
from briefing.text.words import inside_words

#: The widest word space (in ems) a justified English line may show; a paragraph whose best
#: breaks would open a wider one (a river) is set ragged-right instead.
WIDEST_GAP = 0.45
#: What a hyphen added at a line's end copies out as: a soft hyphen, which is no character of
#: the text (a reader joining the lines drops it).
SOFT_HYPHEN = "\u00ad"

def escape(text: str) -> str:
    """Fact-sheet text made safe for ReportLab's paragraph markup. An ideographic space goes
    in as a character reference: ReportLab would collapse it into an ASCII space."""
    return html.escape(clean(text), quote=False).replace("\u3000", "&#x3000;")


class Run(str):
    """The text of one stretch of a line in one style, with the extra advance after each
    of its characters.

    ``actual`` is set on a line's first run: the line's text, which opens an ``/ActualText``
    span closed after the run marked ``closes``. ``hidden`` runs (spaces where a line breaks)
    take no room and are not drawn, but keep the text whole when a paragraph is split. An
    ``added`` run (the hyphen of a hyphenated line) is drawn but is no part of the text: a
    split paragraph leaves it out when it sets the rest afresh.
    """

    spacing: list[float]
    actual: str | None
    closes: bool
    hidden: bool
    added: bool

    def __new__(cls, text: str, spacing: list[float] | None = None, actual: str | None = None,
                closes: bool = False, hidden: bool = False, added: bool = False):
        run = super().__new__(cls, text)
        run.spacing = spacing or [0.0] * len(text)
        run.actual, run.closes, run.hidden, run.added = actual, closes, hidden, added
        return run


class SpacedText(hooks.RunTextObject):
    """A text object that draws each run with the spacing it asks for.

    ReportLab's line drawing hands each run's text to the text object (``hooks.RunTextObject``),
    and the run carries its spacing, written as the position adjustments of a ``TJ`` array,
    which every PDF reader and text extractor understands. Extraction sees the spacing as gaps
    between characters (and may turn a Han-Latin quarter em into a space), so each line is
    also wrapped in an ``/ActualText`` span holding its exact text: pdftotext and Acrobat copy
    the fact sheet's characters.
    """

    def show_run(self, text, new_line) -> None:
        if getattr(text, "hidden", False):
            if new_line:
                self.write("T*")
            return
        if getattr(text, "actual", None) is not None:
            self.write(f"/Span <</ActualText {_pdf_text_string(text.actual)}>> BDC")
        spacing = getattr(text, "spacing", None)
        self.write(self.spaced(text, spacing) if spacing and any(spacing) else self.plain(text))
        if getattr(text, "closes", False):
            self.write("EMC")
        if new_line:
            self.write("T*")


def _pdf_text_string(text: str) -> str:
    """A PDF text string for any text: UTF-16BE with a byte-order mark, in hex (which needs
    no escaping and keeps characters beyond U+FFFF whole, as surrogate pairs)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class Para(hooks.LineSettingParagraph):
    """A paragraph set by the clreq rules. Its style must use ReportLab's CJK wrapping
    (``wordWrap="CJK"``), which routes line making to ``make_lines``; any other style is
    refused (``hooks.StyleError``)."""

    text_object = SpacedText
    #: Parsed markup and set lines, shared by every paragraph of the process.
    shared: Optional[hooks.SharedSetting] = None  # SHARED, set below once it exists

    def __init__(self, text, style, *args, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        if self.source is None or self.source not in SHARED.checked:
            _check_glyphs(self.frags)
            if self.source is not None:
                SHARED.checked[self.source] = True

    def make_lines(self, chars, frags, widths, max_widths):
        style = self.style
        return set_lines(chars, frags, widths, max_widths, style.alignment == TA_JUSTIFY,
                         getattr(style, "hyphenationLang", "") or "", balance=getattr(style, "balance", False),
                         whole_words=getattr(style, "wholeWords", False), font_name=style.fontName)


#: What the paragraphs of this process share: text parsed in a style, lines set at a width,
#: character widths (``hooks.SharedSetting``). A set paragraph depends only on its text, its
#: style and the widths it is set at, so a brochure set again (a page too empty), the zone
#: overview's chapters after the parks' brochures, and the front desk's next visitor reuse
#: what was set before; a forked worker starts with what its parent had set.
SHARED = hooks.SharedSetting()
Para.shared = SHARED


def conventions(font_name: str) -> tuple[LineRules, Punctuation]:
    """The line-breaking rules and punctuation positions of the writing system a face sets:
    Traditional for the Traditional faces (centred 、，。), else Simplified. Decided by the face
    because the ink's place is the face's: Chinese in an English edition is set as Simplified."""
    if font_name in fonts.TRADITIONAL_FACES:
        return linebreak.TRADITIONAL, justify.TRADITIONAL
    return linebreak.SIMPLIFIED, justify.SIMPLIFIED


def set_lines(chars: list[str], frags: list, widths: list[float], max_widths, justify: bool, hyphenation: str = "",
              balance: bool = False, whole_words: bool = False, font_name: str = fonts.REGULAR) -> list:
    """Break glyphs into lines and space each one, by the conventions of the paragraph's face
    (``conventions``); the last line and a line ended by a forced break are not justified.

    Justified text in a language with ``hyphenation`` (running English) is broken for the
    whole paragraph at once, with hyphens (``fit_lines``); where even the best breaks would
    leave a word space wider than ``WIDEST_GAP`` ems, the paragraph is set ragged-right.
    Other text is filled line by line by the clreq rules (``break_lines``); a title or heading
    (``balance``) in lines as even as they can be (``balanced``). With ``whole_words`` (cells,
    headings, titles) a line never ends inside a Chinese word (``words.inside_words``)."""
    rules, punctuation = conventions(font_name)
    sizes = [f.fontSize for f in frags]
    forced = [hasattr(f, "lineBreak") for f in frags]
    extra = natural_spacing(chars, sizes, widths, punctuation)
    spans: Optional[list[tuple[int, int]]] = None
    hyphenated: frozenset[int] = frozenset()
    if justify and hyphenation and chars:
        fitted = _fit(frags, chars, widths, sizes, forced, extra, max_widths, hyphenation)
        if fitted is None:
            justify = False  # a river: ragged-right, filled line by line
        else:
            spans, hyphenated = fitted
    if spans is None:
        keep = inside_words(chars) if whole_words else frozenset()
        spans = (balanced if balance else break_lines)(chars, widths, max_widths, forced, extra, keep, rules)
    lines = []
    for number, (start, end) in enumerate(spans):
        limit = max_widths[min(number, len(max_widths) - 1)]
        hyphen = _hyphen_width(frags[end - 1]) if end in hyphenated else 0.0
        stretch = justify and number < len(spans) - 1 and not forced[end - 1]
        spacing = line_spacing(chars, widths, extra, start, end, limit - hyphen, stretch)
        visible = visible_end(chars, start, end) - start
        used = span_width(widths[start:end], spacing, 0, visible) + hyphen
        line = _line(frags[start:end], chars[start:end], visible, spacing, limit, used, forced[end - 1], hyphen > 0)
        # What the layout audit reads: whether the line was justified, and what follows it.
        line.justified = stretch and any(spacing)
        line.next_char = chars[end] if end < len(chars) else ""
        lines.append(line)
    return lines


def _hyphen_width(frag) -> float:
    return stringWidth("-", frag.fontName, frag.fontSize)


def _fit(frags, chars, widths, sizes, forced, extra, max_widths, lang: str):
    """Total-fit breaks with hyphens, or None when a justified line would open a river."""
    frag = frags[0]
    space = stringWidth(" ", frag.fontName, frag.fontSize) / frag.fontSize
    hyphens = {k: (_hyphen_width(frags[k - 1]) if add else 0.0) for k, add in hyphen_points(chars, lang).items()}
    fitted = fit_lines(chars, widths, max_widths, sizes, Spacing(space), hyphens, forced, extra)
    if fitted is None:
        return None
    for number, (start, end) in enumerate(fitted.lines[:-1]):
        if forced[end - 1]:
            continue
        limit = max_widths[min(number, len(max_widths) - 1)]
        visible = visible_end(chars, start, end)
        spaces = sum(1 for c in chars[start:visible] if c == " ")
        if any(is_wide_char(c) for c in chars[start:visible]):
            continue  # stretched between characters, as Chinese is
        if not spaces:
            return None  # one word alone on a line that should be flush at both edges
        hyphen = _hyphen_width(frags[end - 1]) if end in fitted.hyphenated else 0.0
        slack = limit - hyphen - span_width(widths, extra, start, visible)
        if (space * sizes[start] + slack / spaces) / sizes[start] > WIDEST_GAP:
            return None
    return fitted.lines, fitted.hyphenated


def _line(frags, chars: list[str], visible: int, spacing, limit: float, used: float, forced: bool,
          hyphen: bool = False):
    """One line for ReportLab to draw: runs of glyphs in one style with their spacing, a
    hyphen if the line ends inside a word, then the spaces the line broke at (from
    ``visible`` on), hidden."""
    runs: list[list] = []  # [frag, characters, spacing]
    for frag, char, space in zip(frags[:visible], chars, spacing):
        if not runs or runs[-1][0] is not frag:
            runs.append([frag, [], []])
        runs[-1][1].append(char)
        runs[-1][2].append(space)
    words = []
    actual = "".join(chars[:visible]) + (SOFT_HYPHEN if hyphen else "")
    for number, (frag, characters, space) in enumerate(runs):
        word = frag.clone()
        word.text = Run("".join(characters), space, actual=actual if number == 0 else None,
                        closes=number == len(runs) - 1 and not hyphen)
        words.append(word)
    if hyphen:
        word = runs[-1][0].clone()
        word.text = Run("-", added=True, closes=True)
        words.append(word)
    if visible < len(frags):
        word = frags[visible].clone()
        word.text = Run("".join(chars[visible:]), hidden=True)
        words.append(word)
    metrics = [getAscentDescent(w.fontName, w.fontSize) for w in words]
    return hooks.frag_line(words, extra_space=limit - used, font_size=max(w.fontSize for w in words),
                           ascent=max(a for a, _ in metrics), descent=min(d for _, d in metrics),
                           max_width=limit, current_width=used, line_break=forced)


def _check_glyphs(frags) -> None:
    """A character the shipped fonts lack would print as an empty box and vanish from the
    text layer; the fact-sheet checks name the file and field, this catches any other text."""
    for frag in frags:
        missing = fonts.missing_characters(getattr(frag, "text", "") or "", fonts.faces_of(frag.fontName))
        if missing:
            char = missing[0]
            raise BriefingError(
                f"cannot set U+{ord(char):04X} {char!r} in {frag.text[:40]!r}: the shipped fonts do not "
                "have it; use another character or add a font that has it to fonts/")


def paragraph(text: str, style: ParagraphStyle, **kwargs) -> Para:
    """A paragraph of fact-sheet text, escaped."""
    return Para(escape(text), style, **kwargs)


def text_width(text: str, font: str, size: float) -> float:
    """Width of ``text`` set on one line in one face, with its Han-Latin spacing and
    compressed punctuation."""
    chars = list(clean(text))
    widths = [stringWidth(c, font, size) for c in chars]
    return span_width(widths, natural_spacing(chars, [size] * len(chars), widths, conventions(font)[1]), 0, len(chars))


def extent(text: str, style: ParagraphStyle) -> tuple[float, float]:
    """How narrow ``text`` can be set in ``style`` without splitting anything that must stay
    whole (its widest word, number with its unit, date, or Chinese word in a style that keeps
    them whole), and how wide it is on one line: what a table's columns are sized from."""
    return _extent(text, style.fontName, style.fontSize, bool(getattr(style, "wholeWords", False)))


@functools.lru_cache(maxsize=1 << 16)
def _extent(text: str, font: str, size: float, whole_words: bool) -> tuple[float, float]:
    """``extent``, once per text, face, size and rule for words: a table's columns are sized
    by measuring every cell again as the table is tried at each width (a zone of 100 parks
    asked 22,718 times, most of them for a text measured before)."""
    chars = list(clean(text))
    if not chars:
        return 0.0, 0.0
    widths = [stringWidth(c, font, size) for c in chars]
    rules, punctuation = conventions(font)
    extra = natural_spacing(chars, [size] * len(chars), widths, punctuation)
    keep = inside_words(chars) if whole_words else frozenset()
    breaks = [k for k in range(1, len(chars)) if can_break_before(chars, k, rules) and k not in keep] + [len(chars)]
    widest, start = 0.0, 0
    for end in breaks:
        widest = max(widest, span_width(widths, extra, start, visible_end(chars, start, end)))
        start = end
    return widest, span_width(widths, extra, 0, visible_end(chars, 0, len(chars)))


def draw_line(canvas, text: str, style: ParagraphStyle, x: float, baseline: float, width: float) -> None:
    """Text drawn straight on the canvas (running heads, footers), set like any paragraph:
    its first line on ``baseline``, aligned within ``x``..``x + width`` as the style says."""
    if not clean(text):
        return
    para = paragraph(text, style)
    para.wrapOn(canvas, width, 1e6)
    para.drawOn(canvas, x, baseline - para.height + hooks.first_line_ascent(para))
