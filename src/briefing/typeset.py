"""Setting text: escaping fact-sheet text for ReportLab, paragraph styles from the theme,
and the line-breaking rules every layout shares.

ReportLab's CJK wrapping was written for Japanese: its can't-start list lacks the Chinese
comma, colon, closing quotes and book-title marks, so lines begin with ``，``. We give it the
clreq list. The rest of clreq (can't-end, whole Latin words, justification) is the subject of
its own work and belongs in this module too.
"""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import paragraph as _rl_paragraph

from briefing.theme import Theme

#: clreq "basic" can't-start characters (Chinese and ASCII).
CANNOT_START = "、，。．：；！？”’）］〕】〗》〉」』｝～·・％‰℃!%),.:;?]}"

# ReportLab's CJK wrap reads this module global when it decides where a line may start.
_rl_paragraph.ALL_CANNOT_START = "".join(sorted(set(_rl_paragraph.ALL_CANNOT_START + CANNOT_START)))

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


def bold(text: str) -> str:
    return f"<b>{escape(text)}</b>"


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
