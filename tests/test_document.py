"""Rendering a document with contents: passes until the page numbers are where they point."""

import pytest
from reportlab.platypus import PageBreak
from reportlab.platypus.doctemplate import LayoutError

from briefing import fonts
from briefing.layout import blocks
from briefing.layout.document import MAX_PASSES, Meta, render_with_contents
from briefing.theme import DEFAULT

META = Meta("t", "a", "s", [], "zh-CN", "", "", "", lambda page, pages: f"{page}/{pages}", 0)


def story_maker(extra_pages):
    """A story of a cover, a heading on each of three pages, and ``extra_pages(headings)``
    blank pages before them; the passes it was asked for are recorded."""
    passes = []

    def story(headings):
        passes.append(headings)
        body = [PageBreak()] * (1 + extra_pages(headings))
        for title in ("一", "二", "三"):
            body += [blocks.heading(title, DEFAULT), PageBreak()]
        return body

    return story, passes


def test_settles_in_two_passes():
    fonts.register()
    story, passes = story_maker(lambda headings: 0)
    data, pages = render_with_contents(DEFAULT, META, story)
    assert passes[0] is None and len(passes) == 2
    assert [(e.title, e.page) for e in passes[1]] == [("一", 2), ("二", 3), ("三", 4)]
    assert data.startswith(b"%PDF") and pages == 4  # a break at the end starts no page


def test_passes_until_the_pages_stop_moving():
    fonts.register()
    story, passes = story_maker(lambda headings: 1 if headings else 0)  # numbers push pages on once
    render_with_contents(DEFAULT, META, story)
    assert len(passes) == 3 and passes[2][0].page == 3


def test_pages_that_never_settle_are_a_layout_error():
    fonts.register()
    story, passes = story_maker(lambda headings: headings[0].page if headings else 0)
    with pytest.raises(LayoutError, match="did not settle"):
        render_with_contents(DEFAULT, META, story)
    assert len(passes) == MAX_PASSES
