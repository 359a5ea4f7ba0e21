"""The cover's artwork: a coloured band behind the title, drawn under the cover's frames."""

from __future__ import annotations

from briefing.theme import Theme


def cover_painter(theme: Theme):
    """An ``onPage`` callback that paints the band and its accent stripe to the page edges."""

    def paint(canvas, doc):
        width, height = doc.pagesize
        band = height * theme.space.cover_band
        canvas.saveState()
        canvas.setFillColor(theme.palette.primary)
        canvas.rect(0, height - band, width, band, stroke=0, fill=1)
        canvas.setFillColor(theme.palette.accent)
        canvas.rect(0, height - band - 5, width, 5, stroke=0, fill=1)
        canvas.restoreState()

    return paint
