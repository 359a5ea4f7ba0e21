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

import html
import re
import unicodedata

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getAscentDescent, getFont, stringWidth
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import FragLine, Paragraph, ParaLines, _handleBulletWidth, cjkU

from briefing.text import fonts
from briefing.errors import BriefingError
from briefing.text.justify import line_spacing, natural_spacing, visible_end
from briefing.text.linebreak import break_lines, span_width

_SPACES = re.compile(r"[ \t\n\r\f\v]+")  # not U+3000: an ideographic space is meant
_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# A space from a folded YAML line between two Chinese characters is not a real space.
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def clean(text: str) -> str:
    """Plain text: whitespace collapsed, control characters dropped, no spaces inside Chinese."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n\r")
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def escape(text: str) -> str:
    """Fact-sheet text made safe for ReportLab's paragraph markup. An ideographic space goes
    in as a character reference: ReportLab would collapse it into an ASCII space."""
    return html.escape(clean(text), quote=False).replace("\u3000", "&#x3000;")


class Run(str):
    """The text of one stretch of a line in one style, with the extra advance after each
    of its characters.

    ``actual`` is set on a line's first run: the line's text, which opens an ``/ActualText``
    span closed after the run marked ``closes``. ``hidden`` runs (spaces where a line breaks)
    take no room and are not drawn, but keep the text whole when a paragraph is split.
    """

    def __new__(cls, text: str, spacing: list[float] | None = None, actual: str | None = None,
                closes: bool = False, hidden: bool = False):
        run = super().__new__(cls, text)
        run.spacing = spacing or [0.0] * len(text)
        run.actual, run.closes, run.hidden = actual, closes, hidden
        return run


class SpacedText(PDFTextObject):
    """A text object that draws each run with the spacing it asks for.

    ReportLab's line drawing hands each run's text to ``_textOut``, and the run carries its
    spacing, written as the position adjustments of a ``TJ`` array, which every PDF reader
    and text extractor understands. Extraction sees the spacing as gaps between characters
    (and may turn a Han-Latin quarter em into a space), so each line is also wrapped in an
    ``/ActualText`` span holding its exact text: pdftotext and Acrobat copy the fact sheet's
    characters.
    """

    def _textOut(self, text, TStar=0):
        if getattr(text, "hidden", False):
            if TStar:
                self._code.append("T*")
            return
        if getattr(text, "actual", None) is not None:
            self._code.append(f"/Span <</ActualText {_pdf_text_string(text.actual)}>> BDC")
        spacing = getattr(text, "spacing", None)
        self._code.append(self._spaced(text, spacing) if spacing and any(spacing) else self._formatText(text))
        if getattr(text, "closes", False):
            self._code.append("EMC")
        if TStar:
            self._code.append("T*")

    def _spaced(self, text: str, spacing: list[float]) -> str:
        """``TJ`` arrays for ``text`` in the current (TrueType, subset) font: each font subset
        its own array, a negative adjustment in thousandths of an em after a spaced glyph."""
        canvas, font = self._canvas, getFont(self._fontname)
        if not font._dynamicFont:
            return self._formatText(text)  # only our embedded TrueType faces are spaced
        operators, index = [], 0
        for subset, codes in font.splitString(text, canvas._doc):
            if subset != self._curSubset:
                operators.append(f"{font.getSubsetInternalName(subset, canvas._doc)} "
                                 f"{fp_str(self._fontsize)} Tf {fp_str(self._leading)} TL")
                self._curSubset = subset
            parts, chunk = [], bytearray()
            for code in codes:
                chunk.append(code)
                if spacing[index]:
                    parts += [f"({canvas._escape(bytes(chunk))})", fp_str(-1000 * spacing[index] / self._fontsize)]
                    chunk = bytearray()
                index += 1
            if chunk:
                parts.append(f"({canvas._escape(bytes(chunk))})")
            operators.append(f"[{' '.join(parts)}] TJ")
        return " ".join(operators)


def _pdf_text_string(text: str) -> str:
    """A PDF text string for any text: UTF-16BE with a byte-order mark, in hex (which needs
    no escaping and keeps characters beyond U+FFFF whole, as surrogate pairs)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


class Para(Paragraph):
    """A paragraph set by the clreq rules; every style here uses ReportLab's CJK wrapping,
    which routes line making through ``breakLinesCJK``."""

    def __init__(self, text, style, *args, **kwargs):
        super().__init__(text, style, *args, **kwargs)
        _check_glyphs(self.frags)

    def beginText(self, x, y):
        return SpacedText(self.canv, x, y)

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # the first half of a split paragraph keeps its lines
        # Layout asks for the same width many times (keep-together, tables measuring their
        # cells, a section measuring its start): set each width once.
        key = tuple(maxWidths)
        cache = self.__dict__.setdefault("_lines_by_width", {})
        if key not in cache:
            glyphs = [cjkU(ch, frag, "utf8") for frag in self.frags for ch in (frag.text or [""])]
            cache[key] = ParaLines(kind=1, lines=set_lines(glyphs, maxWidths, self.style.alignment == TA_JUSTIFY))
        return cache[key]

    def _get_split_blParaFunc(self):
        return _plain_frags


def set_lines(glyphs, max_widths, justify: bool) -> list[FragLine]:
    """Break glyphs into lines and space each one; the last line and a line ended by a
    forced break are not justified."""
    chars = [str(g) for g in glyphs]
    widths = [g.width for g in glyphs]
    forced = [hasattr(g.frag, "lineBreak") for g in glyphs]
    extra = natural_spacing(chars, [g.frag.fontSize for g in glyphs], widths)
    spans = break_lines(chars, widths, max_widths, forced, extra)
    lines = []
    for number, (start, end) in enumerate(spans):
        limit = max_widths[min(number, len(max_widths) - 1)]
        stretch = justify and number < len(spans) - 1 and not forced[end - 1]
        spacing = line_spacing(chars, widths, extra, start, end, limit, stretch)
        visible = visible_end(chars, start, end) - start
        used = span_width(widths[start:end], spacing, 0, visible)
        lines.append(_line(glyphs[start:end], chars[start:end], visible, spacing, limit, used, forced[end - 1]))
    return lines


def _line(glyphs, chars: list[str], visible: int, spacing, limit: float, used: float, forced: bool) -> FragLine:
    """One line for ReportLab to draw: runs of glyphs in one style with their spacing,
    then the spaces the line broke at (from ``visible`` on), hidden."""
    runs = []  # [frag, characters, spacing]
    for glyph, space in zip(glyphs[:visible], spacing):
        if not runs or runs[-1][0] is not glyph.frag:
            runs.append([glyph.frag, [], []])
        runs[-1][1].append(str(glyph))
        runs[-1][2].append(space)
    words = []
    for number, (frag, characters, space) in enumerate(runs):
        word = frag.clone()
        word.text = Run("".join(characters), space, actual="".join(chars[:visible]) if number == 0 else None,
                        closes=number == len(runs) - 1)
        words.append(word)
    if visible < len(glyphs):
        word = glyphs[visible].frag.clone()
        word.text = Run("".join(chars[visible:]), hidden=True)
        words.append(word)
    metrics = [getAscentDescent(w.fontName, w.fontSize) for w in words]
    return FragLine(kind=1, extraSpace=limit - used, wordCount=1, words=words,
                    fontSize=max(w.fontSize for w in words), ascent=max(a for a, _ in metrics),
                    descent=min(d for _, d in metrics), maxWidth=limit, currentWidth=used, lineBreak=forced)


def _plain_frags(blPara, start, stop):
    """The text of lines ``start:stop`` as plain frags, for the second half of a split
    paragraph to set afresh. (ReportLab's own version appends a space to each line, which
    would put spaces into Chinese text.)"""
    frags = []
    for line in blPara.lines[start:stop]:
        for word in line.words:
            frag = word.clone()
            frag.text = str(word.text)
            frags.append(frag)
    return frags


def _check_glyphs(frags) -> None:
    """A character the shipped fonts lack would print as an empty box and vanish from the
    text layer; the fact-sheet checks name the file and field, this catches any other text."""
    for frag in frags:
        missing = fonts.missing_characters(getattr(frag, "text", "") or "")
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
    return span_width(widths, natural_spacing(chars, [size] * len(chars), widths), 0, len(chars))


def draw_line(canvas, text: str, style: ParagraphStyle, x: float, baseline: float, width: float) -> None:
    """Text drawn straight on the canvas (running heads, footers), set like any paragraph:
    its first line on ``baseline``, aligned within ``x``..``x + width`` as the style says."""
    if not clean(text):
        return
    para = paragraph(text, style)
    para.wrapOn(canvas, width, 1e6)
    para.drawOn(canvas, x, baseline - para.height + para.blPara.lines[0].ascent)
