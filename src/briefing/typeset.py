"""Setting text: escaping fact-sheet text for ReportLab, paragraph styles from the theme,
and the line-breaking rules every layout shares.

ReportLab's CJK wrapping was written for Japanese: its can't-start list lacks the Chinese
comma, colon, closing quotes and book-title marks, so lines begin with ``，``; it never uses
its can't-end list and splits Latin words. ``Para`` breaks lines with ``linebreak.py``
instead. Justification and Han-Latin spacing are still to come, and belong here too.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus.paragraph import Paragraph, ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine

from briefing.linebreak import break_lines
from briefing.theme import Theme

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


@functools.cache
def styles(theme: Theme) -> dict[str, ParagraphStyle]:
    """Every paragraph style the layouts use, from the theme."""
    t, p = theme.type, theme.palette

    def style(name, size, *, leading=t.heading_leading, font=theme.font, color=p.ink, **kw):
        return ParagraphStyle(
            name, fontName=font, fontSize=size, leading=size * leading, textColor=color,
            wordWrap="CJK", alignment=kw.pop("alignment", TA_LEFT), **kw,
        )

    return {
        "cover_kicker": style("cover_kicker", t.body, color=p.on_primary_soft, font=theme.bold_font,
                              spaceAfter=6),
        "cover_title": style("cover_title", t.cover_title, font=theme.bold_font, color=p.on_primary,
                             leading=1.25, spaceBefore=4, spaceAfter=10),
        "cover_subtitle": style("cover_subtitle", t.cover_subtitle, color=p.on_primary, leading=1.5),
        "cover_meta": style("cover_meta", t.body, color=p.on_primary_soft, leading=1.5, spaceBefore=4),
        "cover_note": style("cover_note", t.small, color=p.muted),
        "h1": style("h1", t.h1, font=theme.bold_font, color=p.primary,
                    spaceBefore=theme.space.section_gap, spaceAfter=theme.space.block_gap),
        "h2": style("h2", t.h2, font=theme.bold_font, color=p.ink, spaceBefore=6, spaceAfter=3,
                    keepWithNext=1),
        "org": style("org", t.body + 0.5, font=theme.bold_font, color=p.ink, spaceBefore=4, spaceAfter=2,
                     leading=t.leading),
        "body": style("body", t.body, leading=t.leading, firstLineIndent=2 * t.body),
        "plain": style("plain", t.body, leading=t.leading),
        "lead": style("lead", t.body + 1, leading=t.leading, color=p.ink),
        "bullet": style("bullet", t.body, leading=t.leading, leftIndent=t.body * 1.2,
                        bulletIndent=0, bulletFontName=theme.font, bulletColor=p.accent),
        "cell": style("cell", t.small + 0.5, leading=1.5),
        "cell_head": style("cell_head", t.small + 0.5, font=theme.bold_font, color=p.primary, leading=1.5),
        "figure": style("figure", t.display, font=theme.bold_font, color=p.accent, leading=1.15),
        "figure_small": style("figure_small", t.h2 + 2, font=theme.bold_font, color=p.accent, leading=1.2),
        "figure_qualifier": style("figure_qualifier", t.small, font=theme.bold_font, color=p.accent),
        "figure_label": style("figure_label", t.small, color=p.muted, leading=1.4),
        "formula": style("formula", t.h2, font=theme.bold_font, color=p.primary, leading=1.5,
                         alignment=TA_CENTER),
        "quote": style("quote", t.body + 0.5, color=p.primary, leading=t.leading),
        "attribution": style("attribution", t.small, color=p.muted, alignment=TA_RIGHT),
        "caption": style("caption", t.caption, color=p.muted, leading=1.45),
        "header": style("header", t.caption, color=p.muted),
    }
