"""Setting text: cleaning and escaping fact-sheet text for ReportLab, and the paragraph
class every layout uses, which breaks lines by the clreq rules.

ReportLab's CJK wrapping was written for Japanese: its can't-start list lacks the Chinese
comma, colon, closing quotes and book-title marks, so lines begin with ``，``; it never uses
its can't-end list and splits Latin words. ``Para`` breaks lines with ``linebreak.py``
instead. Justification and Han-Latin spacing are still to come, and belong here too.
"""

from __future__ import annotations

import html
import re
import unicodedata

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph, ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine

from briefing.linebreak import break_lines

_SPACES = re.compile(r"\s+")
_CJK = r"\u2e80-\u9fff\u3000-\u303f\uff00-\uffef“”‘’"
# A space from a folded YAML line between two Chinese characters is not a real space.
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


def clean(text: str) -> str:
    """Plain text: whitespace collapsed, control characters dropped, no spaces inside Chinese."""
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch in "\t\n\r")
    text = _SPACES.sub(" ", text).strip()
    return _SPACE_BETWEEN_CJK.sub("", text)


def escape(text: str) -> str:
    """Fact-sheet text made safe for ReportLab's paragraph markup."""
    return html.escape(clean(text), quote=False)


class Para(Paragraph):
    """A paragraph whose lines break by the clreq rules (every style here uses CJK wrapping)."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        self.height = 0
        _handleBulletWidth(self.bulletText, self.style, maxWidths)
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara  # the second half of a split paragraph keeps its lines
        glyphs = [cjkU(ch, frag, "utf8") for frag in self.frags for ch in (frag.text or [""])]
        forced = [hasattr(g.frag, "lineBreak") for g in glyphs]
        widths = [g.width for g in glyphs]
        lines = []
        for number, (start, end) in enumerate(break_lines(glyphs, widths, maxWidths, forced)):
            limit = maxWidths[min(number, len(maxWidths) - 1)]
            used = sum(widths[start:end])
            lines.append(makeCJKParaLine(glyphs[start:end], limit, used, limit - used,
                                         forced[end - 1], False))
        return ParaLines(kind=1, lines=lines)


def paragraph(text: str, style: ParagraphStyle, **kwargs) -> Para:
    """A paragraph of fact-sheet text, escaped."""
    return Para(escape(text), style, **kwargs)
