"""ReportLab's private surface, behind one module.

ReportLab's public interface lays out paragraphs, tables and pages, but some of what briefing
does has no public way in: setting a paragraph's lines by the clreq rules, drawing a run of
text with character spacing and ``/ActualText``, holding pages back until the page count is
known, dating a document without the process environment, and looking inside containers.
Each hook here names the ReportLab method or attribute it replaces or reads, and why.

Nothing else in the package uses a name that is private to ReportLab (one that begins with an
underscore, or one of the undocumented internals in ``INTERNALS``);
``tests/test_reportlab_surface.py`` fails when anything does. Every hook is known to work on
the lowest ReportLab ``pyproject.toml`` allows and on the version ``tools/constraints.txt``
pins: ``tools/test.sh`` runs the layout tests on both. When a ReportLab release changes one
of these, this module is the one place to look.
"""

from __future__ import annotations

import copy
import hashlib
import marshal
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import reportlab
from reportlab import rl_config
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfdoc import PDFBase85Encode, PDFPage, PDFStream, PDFZCompress
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import FrameBreak, KeepInFrame
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.platypus.flowables import ImageAndFlowables
from reportlab.platypus.paragraph import (
    FragLine,
    Paragraph,
    ParaLines,
    _doLink,
    _drawBullet,
    _handleBulletWidth,
    _trailingSpaceLength,
)
from reportlab.platypus.tables import Table, _calc_pc

#: ReportLab names without a leading underscore that are internal all the same (undocumented,
#: and changed between releases without notice): only this module uses them.
INTERNALS = frozenset({"breakLinesCJK", "blPara", "cjkU", "FragLine", "ParaLines", "TimeStamp"})

#: ReportLab's setting of where a paragraph's first baseline goes (its height less the first
#: line's font size, or less its ascent), as ``Paragraph.drawPara`` reads it.
_FONT_SIZE_HEIGHT_OFFSET = rl_paragraph.paraFontSizeHeightOffset


# Paragraphs -----------------------------------------------------------------------------------

class StyleError(ValueError):
    """A paragraph style this package cannot set: a programmer's error, not a user's."""


def require_cjk_wrap(style) -> None:
    """Refuse a style without ``wordWrap="CJK"``: ``Paragraph.wrap`` calls ``breakLinesCJK``
    (the hook that sets our lines) only for such a style, and otherwise falls back silently to
    ReportLab's own line breaking."""
    wrap = getattr(style, "wordWrap", None)
    if wrap != "CJK":
        name = getattr(style, "name", style)
        raise StyleError(f"paragraph style {name!r} has wordWrap={wrap!r}; the typesetter sets lines only "
                         "for wordWrap='CJK' (else ReportLab breaks them itself): give the style "
                         "wordWrap='CJK', or inherit it from one of layout.styles.styles()")


class LineSettingParagraph(Paragraph):
    """A ReportLab paragraph whose lines are made by ``make_lines`` and drawn by a
    ``text_object``; markup, styles, page splitting and drawing stay ReportLab's.

    A subclass sets ``text_object`` and implements ``make_lines(chars, frags, widths,
    max_widths)``, which gets the paragraph's characters, each one's frag (its style) and
    width, and returns lines made with ``frag_line``.

    What is parsed and set can be shared between paragraphs of the same text in the same style
    (a subclass sets ``shared``, a ``SharedSetting``): markup is parsed once per (text, style),
    lines are made once per (text, style, widths), whichever paragraph asks. A paragraph's
    ``source`` says what it is made of (None: its frags came from elsewhere, never shared).
    """

    text_object = PDFTextObject
    shared: SharedSetting | None = None
    # Set by ReportLab's ``_setup`` (or ours, from what was parsed before).
    text: str
    style: Any
    frags: list
    bulletText: Any

    def __init__(self, text, style, *args, **kwargs):
        require_cjk_wrap(style)
        super().__init__(text, style, *args, **kwargs)

    def make_lines(self, chars: list[str], frags: list, widths: list[float], max_widths: list[float]) -> list:
        raise NotImplementedError

    def beginText(self, x, y):
        """Replaces ``Paragraph.beginText`` (``self.canv.beginText``), which ``drawPara`` calls
        for the text object that draws every line: ours writes each run with its spacing."""
        return self.text_object(self.canv, x, y)

    def _setup(self, text, style, bulletText, frags, cleaner):
        """Replaces ``Paragraph._setup``, which ``Paragraph.__init__`` calls to parse the markup
        into frags (``ParaParser``): with ``shared``, text parsed before in an equal style takes
        the frags made then. Frags are only read after parsing (lines are made from them, and a
        split paragraph's halves get new ones), so paragraphs may share them."""
        shared = self.shared
        self.source = None
        if shared is None or frags is not None or not isinstance(text, str) or not (
                bulletText is None or isinstance(bulletText, str)):
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        style_key = shared.style_key(style)
        source = (text, style_key, bulletText, self.caseSensitive)
        parsed = shared.parsed.get(source)
        if parsed is None:
            plain = _is_plain(text, style)
            template = shared.plain_frags.get(style_key) if plain else None
            if template is not None:
                self._setup_plain(text, style, bulletText, template)
            else:
                super()._setup(text, style, bulletText, frags, cleaner)
                if plain and len(self.frags) == 1 and self.frags[0].text == text:
                    shared.plain_frags[style_key] = self.frags[0]
            # The parser may answer with a style of its own (<para> markup): kept then.
            shared.parsed[source] = (self.text, None if self.style is style else self.style, self.frags,
                                     self.bulletText)
        else:
            parsed_text, own_style, parsed_frags, parsed_bullet = parsed
            self.text, self.frags, self.bulletText = parsed_text, parsed_frags, parsed_bullet
            self.style = style if own_style is None else own_style
            self.debug = 0
        self.source = source

    def _setup_plain(self, text: str, style, bulletText, template) -> None:
        """What ``Paragraph._setup`` makes of text without markup (``_is_plain``), without
        ReportLab's parser (an HTML parser, a quarter of a millisecond a paragraph): the one
        frag it would make, a copy of the frag it made of another plain text in an equal style
        (``ParaParser.handle_data`` copies the paragraph's first frag, from its style), with
        this text and lists of its own, as each parse makes."""
        frag = copy.copy(template)
        frag.text = text
        frag.link = []
        frag.us_lines = []
        self.text, self.frags, self.style, self.bulletText = text, [frag], style, bulletText
        self.debug = 0

    def breakLinesCJK(self, maxWidths):
        """Replaces ``Paragraph.breakLinesCJK``, which ``Paragraph.wrap`` calls for a style with
        ``wordWrap="CJK"`` to break the paragraph into lines (``ParaLines`` of ``FragLine``s).
        ReportLab's version breaks between any two characters by its Japanese rules, and
        justifies only at spaces.

        Like it, this leaves room for a bullet (``_handleBulletWidth``), and keeps the lines of
        the first half of a split paragraph (``Paragraph.split`` sets ``blPara`` and
        ``_splitpara`` on it). Lines are made once per width: keep-together groups, tables
        measuring their cells and sections measuring their start ask for the same width many
        times; with ``shared``, once per text, style and width in the process. Characters are
        measured by (character, font, size) (``SharedSetting.width``), not one ReportLab
        ``cjkU`` object each."""
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        key = tuple(maxWidths)
        self._set_at = key
        cache = self.__dict__.setdefault("_lines_by_width", {})
        if key not in cache:
            shared = self.shared
            if shared is not None and self.source is not None:
                lines = shared.lines.get((self.source, key))
                if lines is None:
                    lines = shared.lines[(self.source, key)] = self._make_lines(maxWidths, shared)
            else:
                lines = self._make_lines(maxWidths, shared)
            cache[key] = ParaLines(kind=1, lines=lines)
        return cache[key]

    def _make_lines(self, max_widths, shared) -> list:
        """The lines, from the paragraph's characters: each with its frag and width. A frag
        with no text still stands for one (empty) character, as in ReportLab's own line
        breaking; an inline image's width is its own."""
        chars: list[str] = []
        owners: list = []
        widths: list[float] = []
        measure = shared.width if shared is not None else _width
        for frag in self.frags:
            text = frag.text or [""]
            chars.extend(text)
            owners.extend([frag] * len(text))
            if hasattr(frag, "cbDefn"):
                widths.extend([getattr(frag.cbDefn, "width", 0)] * len(text))
            else:
                font, size = frag.fontName, frag.fontSize
                widths.extend([measure(ch, font, size) for ch in text])
        return self.make_lines(chars, owners, widths, list(max_widths))

    def split(self, availWidth, availHeight):
        """``Paragraph.split``, marking the second part ``continued`` (it starts a page with
        the rest of a paragraph), which the layout audit reads. The rest is shared as what it
        is made of: this paragraph set at the width it was split at, from the line it starts."""
        parts = super().split(availWidth, availHeight)
        if len(parts) == 2:
            first, rest = parts
            rest.continued = True
            first.source = None  # its lines are given (blPara); it is never set again
            at = getattr(self, "_set_at", None)
            if self.source is not None and at is not None:
                rest.source = ("rest", self.source, at, len(first.blPara.lines))
        return parts

    def _get_split_blParaFunc(self):
        """Replaces ``Paragraph._get_split_blParaFunc``, which ``Paragraph.split`` calls for the
        function that turns lines back into frags for each half of a split paragraph. ReportLab's
        (``_split_blParaHard``) appends a space to each line, which would put spaces into
        Chinese text."""
        return _plain_frags

    # Drawing ---------------------------------------------------------------------------------

    def drawOn(self, canvas, x, y, _sW=0):
        """Replaces ``Flowable.drawOn`` for a paragraph drawn plainly (``drawn_plainly``): the
        same ``q``, translation (``Canvas.translate``, which merges into a ``cm`` before it as
        ever) and ``Q``, without ``Canvas.saveState``'s copy of the canvas's whole state (its 21
        ``STATE_ATTRIBUTES``, twice a paragraph with ``drawPara``'s own, 61,000 paragraphs in a
        zone's overview). A plain paragraph changes two of them: the current matrix (the
        translation) and the extended graphics state (``_extgstate``, where a text colour's
        alpha goes; ``saveState`` gives the canvas a copy of it, ``pushCopy``), which are put
        back as ``restoreState`` would. Any other paragraph, or one a subclass draws its own
        way, or with ReportLab's diagnostic ``_showBoundary``, goes through ReportLab's."""
        if not self.drawn_plainly() or getattr(self, "_showBoundary", None):
            return super().drawOn(canvas, x, y, _sW)
        x = self._hAlignAdjust(x, _sW)
        matrix, extgstate = canvas._currentMatrix, canvas._extgstate
        canvas._extgstate = extgstate.pushCopy()
        canvas._code.append("q")
        canvas.translate(x, y)
        self.canv = canvas
        self._draw_plainly(canvas, state_saved=True)
        del self.canv
        canvas._code.append("Q")
        canvas._currentMatrix, canvas._extgstate = matrix, extgstate

    def drawPara(self, debug=0):
        """Replaces ``Paragraph.drawPara`` for a paragraph drawn plainly (``drawn_plainly``)
        with ``_draw_plainly``, which writes the operators ReportLab's would; any other
        (a border or background, underlines, images, automatic leading, ...)
        is drawn by ReportLab's."""
        if debug or not self.drawn_plainly():
            return super().drawPara(debug)
        self._draw_plainly(self.canv, state_saved=False)

    def drawn_plainly(self) -> bool:
        """Whether this paragraph is drawn by ``_draw_plainly``: a wrapped paragraph of lines
        made by ``make_lines`` (``ParaLines`` of ``kind=1``), drawn by ``Paragraph.draw`` (no
        subclass draws it otherwise), in a style without border, background, end dots,
        automatic leading or right-to-left text, and lines without what ``_putFragLine`` does
        more than write text in a font and colour (``lines_drawn_plainly``)."""
        cls = type(self)
        if cls.draw is not Paragraph.draw or cls.drawPara is not LineSettingParagraph.drawPara:
            return False
        if cls.drawOn is not LineSettingParagraph.drawOn:
            return False
        style = self.style
        if style.backColor or (getattr(style, "borderColor", None) and getattr(style, "borderWidth", None)):
            return False
        if getattr(style, "endDots", None) or style.wordWrap == "RTL":
            return False
        if getattr(self, "autoLeading", getattr(style, "autoLeading", "")) in ("min", "max"):
            return False
        blPara = getattr(self, "blPara", None)
        if blPara is None or blPara.kind != 1 or not blPara.lines:
            return False
        plain = getattr(blPara, "drawn_plainly", None)
        if plain is None:
            plain = blPara.drawn_plainly = lines_drawn_plainly(blPara.lines)
            blPara.linked = plain and any(getattr(word, "link", None) for line in blPara.lines for word in line.words)
        return plain

    def _draw_plainly(self, canvas, state_saved: bool) -> None:
        """What ``Paragraph.drawPara`` writes for a paragraph ``drawn_plainly``, without what
        it does for what such a paragraph lacks: its bullet (by ReportLab's ``_drawBullet``,
        which says where the first line then starts), then for each line, the offset its alignment gives
        (``_leftDrawParaLineX`` and the others; the line's one "word" never gets word spacing),
        then each run's font, colour and text as ``_putFragLine`` sets them: a font and a
        colour only when they change, the text through the text object's ``_textOut``, a new
        line after the last run. It measures runs (``_putFragLine`` measures each, for
        underlines, links, backgrounds and end dots) only in a paragraph with links, whose
        lines ``_draw_linked_line`` draws.
        ``drawPara``'s ``saveState``/``restoreState`` are written as ``q``/``Q``, the canvas's
        extended graphics state (``_extgstate``, which a colour's alpha changes) kept as they
        keep it; with ``state_saved`` (``drawOn`` saved it already) it is not copied again,
        as ``restoreState`` would put the copy back before ``drawOn``'s puts back its own."""
        style = self.style
        lines = self.blPara.lines
        n_lines = len(lines)
        offsets = getattr(self, "_offsets", [0])
        offsets += (n_lines - len(offsets)) * [offsets[-1]]  # as drawPara extends them
        if not state_saved:
            extgstate = canvas._extgstate
            canvas._extgstate = extgstate.pushCopy()
        canvas._code.append("q")
        alignment = style.alignment
        first = lines[0]
        cur_y = self.height - (first.fontSize if _FONT_SIZE_HEIGHT_OFFSET else getattr(first, "ascent", first.fontSize))
        offset = style.firstLineIndent + offsets[0]
        if self.bulletText:  # drawn by ReportLab before the text, which it may push right
            offset = _drawBullet(canvas, offset, cur_y, self.bulletText, style, rtl=False)
        tx = self.beginText(style.leftIndent, cur_y)
        tx.preformatted = False
        tx.direction = style.wordWrap
        tx._leading = None
        tx._fontname, tx._fontsize = None, None
        leading = style.leading
        text_color = None
        set_x = tx.setXPos
        text_out = tx._textOut
        linked = self.blPara.linked
        for number, line in enumerate(lines):
            start = offsets[number] if number else offset
            if alignment == TA_CENTER:
                start += 0.5 * line.extraSpace
            elif alignment == TA_RIGHT:
                start += line.extraSpace
            moved = start > 1e-6 or start < -1e-6
            if moved:
                set_x(start)
            if tx._leading != leading:
                tx.setLeading(leading)
            if linked:
                text_color = _draw_linked_line(tx, line, start + style.leftIndent, text_color, cur_y)
                cur_y -= leading  # as _do_post_text moves on, after each line
            else:
                words = line.words
                last = words[-1]
                for word in words:
                    if tx._fontname != word.fontName or tx._fontsize != word.fontSize:
                        tx._setFont(word.fontName, word.fontSize)
                    if text_color != word.textColor:
                        text_color = word.textColor
                        tx.setFillColor(text_color)
                    text_out(word.text, word is last)
            if moved:
                set_x(-start)
        canvas.drawText(tx)
        canvas._code.append("Q")
        if not state_saved:
            canvas._extgstate = extgstate


def _draw_linked_line(tx, line, cur_x: float, text_color, y: float):
    """A line of a paragraph ``drawn_plainly`` that has links, as ``_putFragLine`` and
    ``_do_post_text`` draw it: the runs as any plain line's, and each link's rectangle, from
    where its first run starts to where its last ends (measured as ``_putFragLine`` measures
    them: each run's unspaced width, less the trailing spaces of the run before a link ends),
    and from a fifth of the largest size below the baseline ``y`` to that size above, added
    by ReportLab's ``_doLink``, in the order ReportLab adds them. Returns the colour the text
    object is left in."""
    canvas = tx._canvas
    links: dict = {}
    current: list = []
    words = line.words
    last = words[-1]
    for number, word in enumerate(words):
        end_x = cur_x
        if number > 0:
            end_x = cur_x - _trailingSpaceLength(words[number - 1].text, tx)
        size = word.fontSize
        if tx._fontname != word.fontName or tx._fontsize != size:
            tx._setFont(word.fontName, size)
        if text_color != word.textColor:
            text_color = word.textColor
            tx.setFillColor(text_color)
        link = word.link
        changed = current != link
        if changed:
            before, after = set(current), set(link)
            for ended in before - after:
                links[ended] = links[ended], end_x
        tx._textOut(word.text, word is last)
        low, high = word.rise - 0.2 * size, word.rise + size
        if changed:
            for started in after - before:
                links[started] = (started, cur_x), low, high
            current = link
        for open_link in current:
            start, lowest, highest = links[open_link]
            if low < lowest or high > highest:
                links[open_link] = start, min(low, lowest), max(high, highest)
        cur_x += canvas.stringWidth(word.text, tx._fontname, tx._fontsize)
    for open_link in current:
        links[open_link] = links[open_link], cur_x
    for (((_number, target), x1), low, high), x2 in sorted(links.values()):
        _doLink(tx, target, (x1, y + low, x2, y + high))
    return text_color


def lines_drawn_plainly(lines: list) -> bool:
    """Whether ``LineSettingParagraph._draw_plainly`` writes what ``_putFragLine`` would for
    each of ``lines``: runs of text (no inline image, anchor or callback: ``cbDefn``), each
    without underline or strike (``us_lines``), background or rise (links it draws), and no
    line spaced at its words by ``Tw`` (ReportLab spaces a line's words when it is not flush
    and has more than one "word", counting non-breaking spaces, as ``_justifyDrawParaLineX``
    does; the typesetter's lines are one word, their spacing in the runs)."""
    for line in lines:
        if line.wordCount > 1:
            return False
        for word in line.words:
            if (hasattr(word, "cbDefn") or getattr(word, "us_lines", None)
                    or getattr(word, "backColor", None) or getattr(word, "rise", 0) or "\xa0" in word.text):
                return False
    return True


def _width(char: str, font: str, size: float) -> float:
    return stringWidth(char, font, size)


class SharedSetting:
    """What paragraphs of one process share: parsed markup by (text, style), set lines by
    (text, style, widths), character widths by (character, font, size). Styles are told
    apart by every attribute they have (two styles that look the same set the same lines).
    Each table holds at most ``limit`` entries; past that the oldest half is dropped (a long
    build of many parks keeps what it is likely to meet again: the current park's)."""

    def __init__(self, limit: int = 20000):
        self.limit = limit
        self.parsed: _Bounded = _Bounded(limit)
        self.lines: _Bounded = _Bounded(limit)
        #: Sources a subclass has checked (``typeset.Para``: every character in the fonts).
        self.checked: _Bounded = _Bounded(limit)
        #: The frag the parser made of a plain text (``_is_plain``), by style: copied for the next.
        self.plain_frags: dict[Any, Any] = {}
        self._widths: dict[tuple[str, float], dict[str, float]] = {}
        self._style_keys: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._style_numbers: dict[tuple, int] = {}  # by every attribute of a style (a few hundred)

    def clear(self) -> None:
        self.parsed.clear()
        self.lines.clear()
        self.checked.clear()
        self.plain_frags.clear()
        self._widths.clear()
        self._style_keys.clear()
        self._style_numbers.clear()

    def width(self, char: str, font: str, size: float) -> float:
        widths = self._widths.get((font, size))
        if widths is None:
            widths = self._widths[(font, size)] = {}
        width = widths.get(char)
        if width is None:
            width = widths[char] = stringWidth(char, font, size)
        return width

    def style_key(self, style) -> int:
        """A number for what ``style`` sets: equal for two styles with equal attributes. A
        number, not the tuple of some forty attributes it stands for: keys holding it are
        hashed at every paragraph made and set (a tuple does not keep its hash, and a colour's
        is computed in Python), 200,000 times in a large zone's overview."""
        key = self._style_keys.get(style)
        if key is None:
            names = set(style.defaults)
            owner = style
            while owner is not None:
                names.update(vars(owner))
                owner = getattr(owner, "parent", None)
            names -= {"name", "parent"}
            attributes = tuple((name, _hashable(getattr(style, name, None))) for name in sorted(names))
            key = self._style_keys[style] = self._style_numbers.setdefault(attributes, len(self._style_numbers))
        return key


def _hashable(value):
    """A style attribute as part of a key: lists (dash patterns) as tuples."""
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    return value


def _is_plain(text: str, style) -> bool:
    """Whether ReportLab's paragraph parser makes one frag of ``text``, holding the text as it
    is: no tag or entity (``<``, ``&``), nothing its cleaning changes (``cleanBlockQuotedText``
    joins lines and collapses runs of white space), and no case changed by the style."""
    return (bool(text) and "<" not in text and "&" not in text and text == " ".join(text.split())
            and not getattr(style, "textTransform", None))


class _Bounded(dict):
    """A dict of at most ``limit`` entries: past that, the older half is dropped."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def __setitem__(self, key, value) -> None:
        if len(self) >= self.limit:
            for old in list(self)[: self.limit // 2]:
                del self[old]
        super().__setitem__(key, value)


def _plain_frags(blPara, start, stop):
    """The text of lines ``start:stop`` as plain frags, for the second half of a split
    paragraph to set afresh."""
    frags = []
    for line in blPara.lines[start:stop]:
        for word in line.words:
            if getattr(word.text, "added", False):
                continue  # drawn by the typesetter (a hyphen), not part of the text
            frag = word.clone()
            frag.text = str(word.text)
            frags.append(frag)
    return frags


def frag_line(words: list, *, extra_space: float, font_size: float, ascent: float, descent: float,
              max_width: float, current_width: float, line_break: bool) -> FragLine:
    """One line as ``Paragraph.drawPara`` draws it: a ``FragLine`` (ReportLab's undocumented
    line record, of ``kind=1``: words in several styles) of ``words``, frags each drawn with
    the text object's ``_textOut``. One "word": the line's spacing is in its runs, so
    ReportLab must not add any of its own (``wordCount=1``)."""
    return FragLine(kind=1, extraSpace=extra_space, wordCount=1, words=words, fontSize=font_size,
                    ascent=ascent, descent=descent, maxWidth=max_width, currentWidth=current_width,
                    lineBreak=line_break)


def lines_of(para: Paragraph) -> list:
    """The lines of a wrapped paragraph (``Paragraph.blPara.lines``; no public accessor), or
    none for a paragraph not wrapped yet."""
    lines = getattr(para, "blPara", None)
    return lines.lines if lines is not None else []


def first_line_ascent(para: Paragraph) -> float:
    """The ascent of a wrapped paragraph's first line, read from ``Paragraph.blPara`` (the lines
    ``wrap`` made; no public accessor), to put that line on a given baseline."""
    return para.blPara.lines[0].ascent


class RunTextObject(PDFTextObject):
    """A text object that hands each run of a line to ``show_run``.

    Replaces ``PDFTextObject._textOut``, through which ``Paragraph.drawPara`` writes each run
    (frag) of a line: the only place where a run's text becomes PDF operators, and so where a
    run can carry its own character spacing and marked content. A subclass implements
    ``show_run(text, new_line)`` with ``write``, ``plain`` and ``spaced``.
    """

    _curSubset: int  # ReportLab's: the font subset the text object last selected

    def _textOut(self, text, TStar=0):
        self.show_run(text, TStar)

    def show_run(self, text, new_line) -> None:
        super()._textOut(text, new_line)

    def write(self, operator: str) -> None:
        """Add PDF operators to the text object (its ``_code``, which it joins when drawn)."""
        self._code.append(operator)

    def plain(self, text: str) -> str:
        """``text`` as ReportLab writes it in the current font (``PDFTextObject._formatText``:
        font subsets switched as needed, bytes escaped); for a subset TrueType face (the font's
        ``_dynamicFont``: our embedded faces), written as ``_formatText`` writes it by
        ``_subset_runs``; text ReportLab shaped (``ShapedStr``, with ``__shapeData__``) and
        standard fonts by ``_formatText`` itself."""
        font = getFont(self._fontname)
        if not font._dynamicFont or getattr(text, "__shapeData__", None) is not None:
            return self._formatText(text)  # a standard font, or text ReportLab shaped: its own way
        return self._subset_runs(font, text, None)

    def spaced(self, text: str, spacing: list[float]) -> str:
        """``text`` in the current font as ``TJ`` arrays, with ``spacing[i]`` points of extra
        advance after character ``i``: ``_formatText`` for a subset TrueType face, plus the
        adjustments (negative, in thousandths of an em). Any other font is written plain."""
        font = getFont(self._fontname)
        if not font._dynamicFont or getattr(text, "__shapeData__", None) is not None:
            return self._formatText(text)
        return self._subset_runs(font, text, tuple(spacing))

    def _subset_runs(self, font, text: str, spacing: tuple[float, ...] | None) -> str:
        """``text`` in a subset TrueType face (plain, or with ``spacing``), as ``_formatText``
        writes it: for each stretch of the text in one font subset (``TTFont.splitString``,
        which gives each new character its code in the document's subsets), a change of
        subset (``Tf``, with the text object's ``_fontsize`` and ``_leading``) when it is not
        the text object's ``_curSubset``, then the stretch's bytes (escaped by the canvas's
        ``_escape``) as ``Tj``, or as a ``TJ`` array with the spacing.

        A run's stretches are kept, by document (in its ``briefing_runs``), font, size, text
        and spacing: once its characters have their codes, splitting and escaping the
        same text again gives the same bytes (a code, once given, is the character's for the
        whole document), and a zone's overview draws the same few thousand runs (labels,
        units, the running foot) tens of thousands of times. Only the changes of subset depend
        on what was drawn before, and are written afresh each time."""
        doc = self._doc
        runs = doc.__dict__.get("briefing_runs")
        if runs is None:
            runs = doc.briefing_runs = {}
        key = (self._fontname, self._fontsize, text, spacing)
        stretches = runs.get(key)
        if stretches is None:
            stretches = runs[key] = _stretches(font, text, spacing, doc, self._canvas._escape, self._fontsize)
        if len(stretches) == 1 and stretches[0][0] == self._curSubset:
            return stretches[0][1]
        operators = []
        for subset, operator in stretches:
            if subset != self._curSubset:
                operators.append(self._select_subset(font, subset, runs))
                self._curSubset = subset
            operators.append(operator)
        return " ".join(operators)

    def _select_subset(self, font, subset: int, runs: dict) -> str:
        """The operators that select ``subset`` of ``font`` at the text object's ``_fontsize``
        and ``_leading``, as ``_formatText`` writes them; kept with the document's runs, as
        every paragraph starts by selecting one (``TTFont.getSubsetInternalName`` names the
        subset the same each time once it has named it)."""
        key = ("Tf", font.fontName, subset, self._fontsize, self._leading)
        selected = runs.get(key)
        if selected is None:
            selected = runs[key] = (f"{font.getSubsetInternalName(subset, self._doc)} "
                                    f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL")
        return selected


def _stretches(font, text: str, spacing: tuple[float, ...] | None, doc, escape, size: float) -> tuple:
    """``(subset, operator)`` for each stretch of ``text`` in one subset of ``font``: the
    stretch's ``Tj`` as ``PDFTextObject._formatText`` writes it, or with ``spacing`` (points
    after each character) its ``TJ`` array."""
    stretches = []
    index = 0
    for subset, codes in font.splitString(text, doc):
        if spacing is None:
            stretches.append((subset, f"({escape(codes)}) Tj"))
            continue
        parts, chunk = [], bytearray()
        for code in codes:
            chunk.append(code)
            if spacing[index]:
                parts += [f"({escape(bytes(chunk))})", fp_str(-1000 * spacing[index] / size)]
                chunk = bytearray()
            index += 1
        if chunk:
            parts.append(f"({escape(bytes(chunk))})")
        stretches.append((subset, f"[{' '.join(parts)}] TJ"))
    return tuple(stretches)


# Fonts ----------------------------------------------------------------------------------------

def register_on_first_use(load: Callable[[str], Optional[TTFont]], registered: Callable[[str], None]) -> None:
    """Have ``pdfmetrics.getFont`` ask ``load`` for a face not registered yet before looking
    for a standard font: ``getFont`` calls ``pdfmetrics.findFontAndRegister`` for any name it
    does not know (by the module's global, so replacing it there is seen by every caller).
    ``load`` returns the face to register, or None for a name that is not ours. A face is
    then read only when something is set or measured in it: a Chinese build never reads the
    Latin or Traditional faces (13 ms each from the cache, and each file's 2.5 MB).
    ``registered(name)`` is called once the face is: ``registerFont`` maps a TrueType face's
    bold and italic to the face itself (``registerFontFamily``), undoing the family's real
    bold, which the caller maps again."""
    fallback = pdfmetrics.findFontAndRegister
    if getattr(fallback, "loads", None) is not None:  # installed already: keep the first
        return

    def find_font_and_register(font_name):
        font = load(str(font_name))
        if font is None:
            return fallback(font_name)
        pdfmetrics.registerFont(font)
        registered(font.fontName)
        return font

    find_font_and_register.loads = load  # type: ignore[attr-defined]
    pdfmetrics.findFontAndRegister = find_font_and_register


#: What a cached face was parsed by: a new ReportLab (or Python) parses afresh.
_FACE_FORMAT = f"2 reportlab {reportlab.Version} python {sys.version_info[0]}.{sys.version_info[1]}"


def cached_ttfont(name: str, path: Path, cache_dir: Optional[Path], save: Callable[[Path, bytes], None],
                  data: Optional[bytes] = None, file_digest: Optional[str] = None) -> TTFont:
    """``TTFont(name, path)``, from a parse cached in ``cache_dir`` when one was made of
    the same bytes by the same ReportLab: ReportLab reads every table of a face into Python
    objects (``TTFontFile.extractInfo``), 40-65 ms a face, against a few to read the result
    back (``marshal``, twice as fast as ``pickle`` here: ``_plain``). The cache holds the
    parsed attributes of the ``TTFontFace`` and ``TTFont`` minus the file's bytes
    (``_ttf_data``, read again: subsetting copies glyphs from them) and the scale function
    (``_pdfScale``, made again as ReportLab makes it). Without a
    usable ``cache_dir`` (None, unwritable, a damaged file) the face is parsed as ReportLab
    always does; the cache never changes what is drawn. ``save`` writes the cache file (the
    caller's, writing it whole or not at all). ``data`` and ``file_digest`` (the SHA-256 of
    the file, in hex) are the file's bytes and digest when the caller has them already
    (``fonts.font_file``: a build reads and hashes each font file once)."""
    if data is None:
        data = path.read_bytes()
    if file_digest is None:
        file_digest = hashlib.sha256(data).hexdigest()
    key = hashlib.sha256(f"{file_digest} {_FACE_FORMAT}".encode()).hexdigest()[:32]
    cached = cache_dir / f"{name}-{key}.marshal" if cache_dir is not None else None
    if cached is not None:
        try:
            font_state, face_state, names = marshal.loads(cached.read_bytes())
            face_state = _typed(face_state, names)
        except (OSError, EOFError, ValueError, TypeError, AttributeError):
            pass  # no cache yet, or one not to trust: parsed and written again below
        else:
            return _restored(font_state, face_state, data, path)
    font = TTFont(name, str(path))
    if cached is not None:
        face_state = {k: v for k, v in vars(font.face).items() if k not in ("_ttf_data", "_pdfScale")}
        font_state = {k: v for k, v in vars(font).items() if k not in ("face", "encoding", "state")}
        try:
            save(cached, marshal.dumps((font_state, *_plain(face_state))))
        except ValueError:  # a ReportLab that keeps something marshal cannot write: parsed each time
            pass
    return font


def _plain(state: dict) -> tuple[dict, dict[str, str]]:
    """``state`` with ReportLab's subclasses of ``bytes`` (``TTFNameBytes``: the face's names)
    as plain bytes, which ``marshal`` writes, and the class each was, by attribute."""
    names = {k: type(v).__name__ for k, v in state.items() if isinstance(v, bytes) and type(v) is not bytes}
    return {k: bytes(v) if k in names else v for k, v in state.items()}, names


def _typed(state: dict, names: dict[str, str]) -> dict:
    """``state`` as ``_plain`` had it: each value in ``names`` made its class again."""
    from reportlab.pdfbase import ttfonts

    return {**state, **{k: getattr(ttfonts, cls)(state[k]) for k, cls in names.items()}}


def _restored(font_state: dict, face_state: dict, data: bytes, path: Path) -> TTFont:
    """The TTFont ``TTFont.__init__`` would have made, from its cached attributes."""
    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(face_state)
    face.filename = str(path)
    face._ttf_data = data
    units = face.unitsPerEm
    if units == 1000:  # as TTFontFile.extractInfo scales glyph units to PDF's thousandths
        face._pdfScale = lambda x: x
    else:
        per_unit = 1000 / units
        face._pdfScale = lambda x: x * per_unit
    font = TTFont.__new__(TTFont)
    vars(font).update(font_state)
    font.face = face
    font.encoding = TTEncoding()
    font.state = weakref.WeakKeyDictionary()
    return font


# Pages ----------------------------------------------------------------------------------------

def fix_time_stamp(canvas: Canvas, epoch: int) -> None:
    """Date the canvas's document ``epoch`` (seconds since 1970, UTC).

    Replaces the ``TimeStamp`` that ``PDFDocument.__init__`` keeps in ``_timeStamp`` (read for
    the creation and modification dates) and sets from ``SOURCE_DATE_EPOCH`` in the process
    environment, ReportLab's only public way to date a document: builds stay independent of
    the environment. Tests check the resulting dates, so a change in ReportLab is noticed."""
    stamp = TimeStamp(invariant=True)
    stamp.t = epoch
    stamp.lt = time.gmtime(epoch)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    canvas._doc._timeStamp = stamp


def repeated(canvas: Canvas, key: str, draw: Callable[[], None]) -> None:
    """``draw()``, the first time on ``canvas`` under ``key``; after that, the operators it
    added to the page's content (``Canvas._code``) then, added again. For what is drawn the
    same on many pages (a running header), from the state every page starts in, and
    enclosed in ``saveState``/``restoreState`` so that it leaves the canvas's state as it
    found it: drawing it again would write the same operators (its text's glyphs keep the
    codes their font subset gave them the first time)."""
    drawn = canvas.__dict__.setdefault("repeated_drawings", {})
    code = canvas._code
    if key in drawn:
        code.extend(drawn[key])
        return
    start = len(code)
    draw()
    drawn[key] = code[start:]


class HeldPagesCanvas(Canvas):
    """A canvas that holds its pages back until ``save``, then finishes each (``finish_page``,
    knowing its number and the page count) before writing it.

    Replaces ``Canvas.showPage``, which writes the page at once: it keeps a copy of the
    canvas's whole state (its ``__dict__``: the page's content stream and everything ReportLab
    keeps for it) and starts the next page with ``Canvas._startPage``, as ``showPage`` does
    after writing. ``save`` restores each page's state and writes it with ReportLab's own
    ``showPage``.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._held_pages = []

    def page_held(self) -> None:
        """Called when a page is held back, before the next starts: reset per-page state."""

    def finish_page(self, number: int, total: int) -> None:
        """Draw on page ``number`` of ``total`` before it is written."""

    def showPage(self):
        state = dict(self.__dict__)
        state["_code"] = _held_code(self._code)
        self._held_pages.append(state)
        self.page_held()
        self._startPage()

    def save(self):
        held, total = self._held_pages, len(self._held_pages)
        for number in range(1, total + 1):
            self.__dict__.update(held[number - 1])
            held[number - 1] = None  # written now: its content lives on in the PDF's page alone
            self.finish_page(number, total)
            super().showPage()
            _deflate_now(self._doc.Pages.pages[-1])
        self._held_pages = []
        super().save()


class _Applied:
    """A stream filter applied already (``_deflate_now``): ReportLab names it in the stream's
    /Filter as it would its own, and leaves the bytes as they are."""

    def __init__(self, pdfname: str):
        self.pdfname = pdfname

    def encode(self, data: bytes) -> bytes:
        return data


def _deflate_now(page: PDFPage) -> None:
    """Encode a page's content stream as it is written to the document, as ``PDFPage.
    check_format`` would only when the whole file is written (its ``Contents``: a
    ``PDFStream`` through the same filters, deflated then ASCII85, the same bytes): until then,
    every page of a long document would be held as text (a 1,446-page overview: 24 MB)."""
    if page.Contents is not None or not page.stream or not page.compression:
        return  # as ReportLab would write it, then
    filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
    content = page.stream
    for encoder in reversed(filters):  # as PDFStream.format applies them
        content = encoder.encode(content)
    stream = PDFStream()
    stream.filters = [_Applied(encoder.pdfname) for encoder in filters]
    stream.content = content
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None


def _held_code(code: list[str]) -> list[str]:
    """A held page's content stream as two strings instead of thousands: all but the last
    operator joined as ``PDFPage.setStream`` will join them, the last kept apart because
    ``Canvas.transform`` merges a ``cm`` into the one before it. A long document holds every
    page until ``save`` (a 1,446-page overview: tens of MB of small strings); the page's bytes
    are the same."""
    if len(code) < 3:
        return list(code)
    return ["\n".join(code[:-1]), code[-1]]


def frame_y(frame) -> float:
    """How far down its frame a document has set flowables: ``Frame._y``, the y (from the
    page's foot) where the next flowable would go, which ``Frame.add`` lowers as it draws; no
    public accessor. The layout audit reads it to tell how full each page is."""
    return frame._y


# Containers and tables ------------------------------------------------------------------------

def contents(flowable) -> list | None:
    """The flowables inside a container (``KeepTogether``, ``KeepInFrame``), or None: both
    keep them in ``_content`` and have no public accessor."""
    content = getattr(flowable, "_content", None)
    return content if isinstance(content, list) else None


def set_contents(frame: KeepInFrame, flowables: list) -> None:
    """Give a ``KeepInFrame`` other flowables before it wraps: ``KeepInFrame.wrap`` and
    ``drawOn`` read ``_content``, which only the constructor sets."""
    frame._content = flowables


def moved_on(parts: list) -> bool:
    """Whether ``KeepTogether.split`` returned its flowables after a frame break, i.e. moved
    them on to the next frame (it inserts ``FrameBreak``'s class, ``_FrameBreak``, at the front;
    nothing else tells)."""
    return bool(parts) and isinstance(parts[0], type(FrameBreak))


def cell_values(table) -> list[list]:
    """The cells of a ``Table`` (or of a part of one, after a split): ``Table._cellvalues``,
    which the constructor makes from the data; no public accessor."""
    return table._cellvalues


def row_heights(table) -> list[float]:
    """The heights of a wrapped ``Table``'s rows: ``Table.wrap`` keeps them in ``_rowHeights``,
    with no public accessor."""
    return table._rowHeights


def allow_split_in_rows(table, allowed: bool) -> None:
    """Let ``Table.split`` split inside a row (a row taller than a page) or not, after the
    table is made: ``splitInRow`` is a constructor argument, which ``split`` reads from the
    attribute of that name when it runs and hands on to the parts it makes."""
    table.splitInRow = int(allowed)


class RowsMeasuredOnce(Table):
    """A ``Table`` that measures its rows once, and a long one whose splitting costs what the
    rows it sets cost, not what is left of it.

    Replaces ``Table._calc_height``, which ``wrap`` and ``split`` both call (through
    ``_calc``). ReportLab's measures the rows whose heights were not given (``_argH`` holds
    None) by wrapping every cell again, on every call, though the heights depend only on the
    cells, their styles and the column widths; then it adds up the row positions from the
    foot, over every row, again on every call. A long table is wrapped and split several
    times before its first page (a section measures its start, a frame tries it at the foot of
    a page), and each part left after a split is wrapped and split again on the next page: the
    2,554-row sources table of a 300-park overview was measured whole four times (0.3 s
    each), and its positions added up four times a page over all the rows left.

    Here, for the column widths of the call:
    - rows are measured once (by ReportLab's own ``_calc_height``); their heights
      (``_rowHeights``) are kept and used as if given on later calls (``setStyle`` forgets them);
    - positions are added up in ``_positions`` (the same compensated sum as ReportLab's, from
      the foot up) once per table; a later call with the same widths changes nothing;
    - the part a split leaves for the next page (``carry_positions``) takes the positions of
      its rows from the table it was split from, whose rows from the foot up are the same: the
      sum goes on over its repeated header rows only.
    The parts of a split get their rows' heights from ``Table._splitRows`` already
    (``longTableOptimize``). While measuring, ``_longTableOptimize`` is off for a table
    without spans: it stops measuring once the rows fill the height only when the table has
    spanned rows, and otherwise adds up the rows above each row (``sum(H[:i])``, quadratic in
    the rows) for nothing; it is on again for the split, which hands the heights to the parts
    only when it is on. The heights, positions and so the pages come out the same.
    """

    # Set by ReportLab's constructor and ``_calc_height``.
    _argH: list
    _rowHeights: list
    _longTableOptimize: Any
    _measured: Optional[tuple[tuple, list]] = None  # (column widths, row heights) once measured
    _sized: Optional[tuple] = None  # the column widths positions were added up for, until changed
    _from_foot: Optional[tuple[list, list]] = None  # positions and the sum's compensation per row
    _carried: Optional[tuple[tuple[list, list], int]] = None  # the sums of the table split from, first row

    def setStyle(self, tblstyle):
        self._measured = self._sized = None
        super().setStyle(tblstyle)

    def _calc_height(self, availHeight, availWidth, H=None, W=None):
        widths = tuple(W or _calc_pc(self._argW, availWidth))
        if self._sized == widths:
            return  # same widths, same heights: the positions of the last call stand
        measured = self._measured
        if measured is not None and measured[0] == widths:
            heights = list(measured[1])
        elif None not in self._argH:
            heights = self._argH
        else:
            self._measure(availHeight, availWidth, W)
            if None in self._rowHeights:  # a spanned table stopped measuring at the page's foot
                self._sized = self._from_foot = None
                return
            heights = self._rowHeights
            self._measured = (widths, list(heights))
        self._rowHeights = heights
        self._from_foot = positions, _ = self._positions(heights)
        self._rowpositions, self._height, self._hmax = list(positions), positions[0], len(heights)
        self._sized = widths

    def _measure(self, availHeight, availWidth, W) -> None:
        optimise = self._longTableOptimize
        if not self._spanCmds:
            self._longTableOptimize = 0
        try:
            super()._calc_height(availHeight, availWidth, W=W)
        finally:
            self._longTableOptimize = optimise

    def _positions(self, heights: list) -> tuple[list, list]:
        """Each row's distance from the table's foot to its bottom edge, the table's height
        last, with the sum's compensation at each: ``Table._calc_height``'s compensated sum
        from the foot up, continued from the table this part was split from where it can."""
        carried = self._carried
        self._carried = None
        if carried is not None:
            (positions, compensations), first = carried
            top = len(heights) - (len(positions) - 1 - first)  # rows above the carried ones
            if 0 <= top <= len(heights):
                return _sum_from_foot(heights[:top], positions[first:], compensations[first:])
        return _sum_from_foot(heights, [0], [0])


def _sum_from_foot(heights: list, positions: list, compensations: list) -> tuple[list, list]:
    """The sums from the foot (``positions``, top row first, the foot's 0 last, and the
    compensation of the sum at each) go on upwards over the rows of ``heights`` (top first),
    with exactly the arithmetic of ``Table._calc_height``: the same rows give the same bits."""
    above_p: list = []
    above_c: list = []
    height, c = positions[0], compensations[0]
    for h in reversed(heights):
        y = h - c
        t = height + y
        c = (t - height) - y
        height = t
        above_p.append(height)
        above_c.append(c)
    above_p.reverse()
    above_c.reverse()
    return above_p + positions, above_c + compensations


def carry_positions(table, parts: list) -> None:
    """Let the second part of ``table``'s split (a ``RowsMeasuredOnce``) take the positions of
    the rows it carries on from ``table``: the rows at its foot are ``table``'s last rows, so
    their sums from the foot are ``table``'s. Not after a split inside a row (the carried row
    is shorter), nor before ``table`` added its positions up."""
    if len(parts) != 2 or table._from_foot is None or not isinstance(parts[1], RowsMeasuredOnce):
        return
    first, rest = parts
    header = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
    rows = len(table._cellvalues)
    carried = len(rest._cellvalues) - header
    if len(first._cellvalues) + carried != rows or table._rowHeights[rows - carried:] != rest._argH[header:]:
        return
    rest._carried = (table._from_foot, rows - carried)


# Text beside a picture ------------------------------------------------------------------------


class FixedSizeImage:
    """What ReportLab's ``ImageAndFlowables`` asks of the image it sets text beside, for a
    flowable that is not an ``Image`` (a photo with its caption): it calls the private
    ``_restrictSize`` and ``_unRestrictSize`` and reads ``_oldDrawSize``, to shrink an image
    to the space there is. A captioned photo keeps its size, so each only measures it."""

    _oldDrawSize = None

    def _restrictSize(self, available_width, available_height):
        return self.wrap(available_width, available_height)  # type: ignore[attr-defined]

    def _unRestrictSize(self):
        pass


class Beside(ImageAndFlowables):
    """ReportLab's text beside an image, measurable before it is drawn (a section measures its
    start to decide where it begins): until a canvas is given, the flowables are measured
    without one, as ours can be (``ImageAndFlowables.wrap`` reads ``self.canv``)."""

    canv = None
