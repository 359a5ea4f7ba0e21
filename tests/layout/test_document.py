"""Rendering a document with contents: one pass, the page numbers filled in once the pages
are known; a second only when the headings laid out differ from those found in the story."""

import pytest
from reportlab.platypus import KeepInFrame, NextPageTemplate, PageBreak, Spacer
from reportlab.platypus.doctemplate import LayoutError

from briefing.layout import blocks
from briefing.layout.document import MAX_PASSES, DeferredContents, Meta, render_with_contents
from briefing.layout.theme import DEFAULT
from briefing.text import fonts

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


def test_one_pass_when_the_story_holds_its_headings():
    fonts.register()
    story, passes = story_maker(lambda headings: 0)
    data, pages = render_with_contents(DEFAULT, META, story)
    assert passes == [None]
    assert data.startswith(b"%PDF") and pages == 4  # a break at the end starts no page


def test_contents_page_numbers_are_filled_in_after_layout(tmp_path):
    import subprocess
    fonts.register()

    def story(headings):
        body = [PageBreak(), DeferredContents(lambda found: blocks.contents_table(
            [(e.level, e.title, e.key) for e in found], DEFAULT, 300)), PageBreak(), PageBreak()]
        for title in ("一", "二", "三"):
            body += [blocks.heading(title, DEFAULT), PageBreak()]
        return body

    data, _ = render_with_contents(DEFAULT, META, story)
    (tmp_path / "c.pdf").write_bytes(data)
    text = subprocess.run(["pdftotext", "-layout", "-f", "2", "-l", "2", str(tmp_path / "c.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in text.splitlines() if line.strip()]
    assert [row for row in rows if len(row) == 2] == [["一", "4"], ["二", "5"], ["三", "6"]]


def test_a_heading_never_laid_out_on_its_own_costs_a_second_pass():
    fonts.register()
    story, passes = story_maker(lambda headings: 0)

    def hidden(headings):  # a heading inside a frame-filling group: found, but never registered
        return [KeepInFrame(300, 100, [blocks.heading("藏", DEFAULT)]), *story(headings)]

    render_with_contents(DEFAULT, META, hidden)
    assert passes[0] is None and [e.title for e in passes[1]] == ["一", "二", "三"] and len(passes) == 2
    assert [e.key for e in passes[1]] == ["section-1", "section-2", "section-3"]


class _Drawn(blocks.Flowable):
    """Takes no room; counts the passes that reached it."""

    def __init__(self, reached: list):
        super().__init__()
        self.reached = reached

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.reached.append(True)


def test_a_pass_stops_at_a_heading_the_story_hid_until_layout():
    """A cover's carried table comes with a heading of its own that no story lists: the first
    pass stops there, the second lists it, and the rest numbered on; no third."""
    fonts.register()
    story, passes = story_maker(lambda headings: 0)
    reached: list = []

    def carrying(headings):
        carried = blocks.Carried([blocks.heading("概览", DEFAULT, contents=False)])
        # As the cover's frame does when its table does not fit: a table taller than a page,
        # laid out piece by piece, its heading among them.
        carried.take([Spacer(0, 300) for _ in range(4)])
        first, *rest = story(headings)  # a page break: the carried part opens the next page
        return [NextPageTemplate("body"), first, carried, *rest, _Drawn(reached)]

    render_with_contents(DEFAULT, META, carrying)
    assert passes[0] is None and len(passes) == 2 and len(reached) == 1  # the first never reached the end
    assert [(e.title, e.key) for e in passes[1]] == [("概览", "section-1"), ("一", "section-2"), ("二", "section-3"),
                                                     ("三", "section-4")]


class _HandsOn(_Drawn):
    """Hands flowables on to ``carried`` when drawn, as a cover's frame does with its table."""

    def __init__(self, reached: list, carried):
        super().__init__(reached)
        self.carried = carried

    def draw(self):
        super().draw()
        self.carried.take([Spacer(0, 300) for _ in range(4)])  # taller than a page: laid out piece by piece


def test_a_pass_stops_as_soon_as_a_carried_heading_is_known_not_where_it_stands():
    """A large zone's overview: the cover hands its table on, then some seventy pages of
    contents come before the table and its heading. The first pass stopped at that heading,
    after laying the contents out for nothing; it now stops once the cover is drawn, and the
    second pass lists the headings as before."""
    fonts.register()
    story, passes = story_maker(lambda headings: 0)
    covers: list = []
    between: list = []

    def carrying(headings):
        carried = blocks.Carried([blocks.heading("概览", DEFAULT, contents=False)])
        contents = [blocks.heading("目录", DEFAULT, contents=False)]
        for _ in range(5):
            contents += [_Drawn(between), PageBreak()]
        first, *rest = story(headings)
        return [NextPageTemplate("body"), _HandsOn(covers, carried), first, *contents, carried, *rest]

    render_with_contents(DEFAULT, META, carrying)
    assert len(passes) == 2 and len(covers) == 2
    assert len(between) == 5  # laid out by the second pass only
    assert [(e.title, e.key) for e in passes[1]] == [("目录", "section-1"), ("概览", "section-2"),
                                                     ("一", "section-3"), ("二", "section-4"), ("三", "section-5")]


def test_a_carried_table_that_fits_its_page_is_measured_once_and_stops_nothing():
    """A carried table that fits is set whole, its heading never laid out on its own: one
    pass, and the carried part measured once for it, not again after every flowable."""
    fonts.register()
    story, passes = story_maker(lambda headings: 0)
    covers: list = []
    measured: list = []

    class Counted(blocks.Carried):
        def measure(self, width, height):
            measured.append(self)
            return super().measure(width, height)

    def carrying(headings):
        carried = Counted([blocks.heading("概览", DEFAULT, contents=False)])
        hands_on = _HandsOn(covers, carried)
        hands_on.draw = lambda: (covers.append(True), carried.take([Spacer(0, 100)]))
        first, *rest = story(headings)
        return [NextPageTemplate("body"), hands_on, first, *[Spacer(0, 10) for _ in range(50)], carried, *rest]

    render_with_contents(DEFAULT, META, carrying)
    assert passes == [None] and len(covers) == 1
    assert len(measured) <= 2  # asked once when handed on, then wrapped where it stands (was 63)


def test_headings_that_never_settle_are_a_layout_error():
    fonts.register()
    passes = []

    def story(headings):  # a hidden heading, then one more every pass
        passes.append(headings)
        hidden = KeepInFrame(300, 100, [blocks.heading("藏", DEFAULT)])
        return [hidden, PageBreak()] + [blocks.heading(str(n), DEFAULT) for n in range(len(passes))]

    with pytest.raises(LayoutError, match="did not settle"):
        render_with_contents(DEFAULT, META, story)
    assert len(passes) == MAX_PASSES + 1  # and one stopped at its first unlisted heading


def test_full_collections_are_rarer_while_a_document_is_laid_out_and_as_before_after():
    import gc

    from briefing.layout.document import FULL_COLLECTION_EVERY, fewer_full_collections

    before = gc.get_threshold()
    with pytest.raises(RuntimeError):
        with fewer_full_collections():
            assert gc.get_threshold()[:2] == before[:2]
            assert gc.get_threshold()[2] == max(before[2], FULL_COLLECTION_EVERY) > 10
            raise RuntimeError("a layout that fails")
    assert gc.get_threshold() == before
