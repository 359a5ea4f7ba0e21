"""The page furniture every document shares: page templates, running header and footer with
"page X of Y", bookmarks, metadata, and a reproducible time stamp; and, for a document with
a table of contents, rendering until the contents' page numbers are right."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Optional

from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from briefing.layout.cover import cover_template
from briefing.layout.styles import styles
from briefing.layout.theme import Theme
from briefing.press.spec import PrintSpec
from briefing.text import hooks
from briefing.text.typeset import Para, draw_line, text_width

#: Ends a running header cut short.
ELLIPSIS = "…"


@dataclass(frozen=True)
class Placed:
    """A flowable as it was laid out: its page, its frame, and how far down the frame the page
    was filled once it was drawn (``y``, from the page's foot), for the layout audit."""

    page: int
    frame: str
    top: float  # the frame's top and foot, from the page's foot
    bottom: float
    y: float
    #: The flowable itself: kept only for the layout audit (``TRACE``); a document's own record
    #: of its pages (``BriefingDoc.placed``) drops it, or every flowable of a long document
    #: would stay alive until its last page is laid out (a 300-park overview: 90 MB).
    flowable: Optional[Flowable]


#: When a list (``tracing``), every flowable every document lays out is added to it as ``Placed``.
TRACE: Optional[list[Placed]] = None


class tracing:
    """``with tracing() as placed:`` records every flowable laid out inside it, in order."""

    def __enter__(self) -> list[Placed]:
        global TRACE
        TRACE = []
        return TRACE

    def __exit__(self, *exc) -> None:
        global TRACE
        TRACE = None


@dataclass
class Meta:
    """What the PDF says about itself, and what the running header and footer show."""

    title: str
    author: str
    subject: str
    keywords: list[str]
    lang: str  # BCP 47, e.g. zh-CN
    header_left: str
    header_right: str
    footer_left: str
    page_label: Callable[[int, int], str]  # "page X of Y"
    epoch: int  # seconds since 1970 for the PDF's dates


class Heading(Para):
    """A section heading that becomes a bookmark and, unless ``contents`` is false, an entry
    of the table of contents."""

    def __init__(self, text, style, outline_title: str, level: int = 0, contents: bool = True):
        super().__init__(text, style)
        self.outline_title = outline_title
        self.level = level
        self.contents = contents


class OutlineDepth(Flowable):
    """Takes no room; the headings after it sit ``depth`` levels deeper in the outline, so that
    a part made for another document (a park's brochure sections inside the zone overview)
    nests under the heading before it."""

    def __init__(self, depth: int):
        super().__init__()
        self.depth = depth

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        pass


@dataclass(frozen=True)
class Entry:
    """A heading as laid out: where it landed, and the bookmark that links to it."""

    level: int
    title: str
    page: int
    key: str
    contents: bool


class PageNumberOf(Flowable):
    """The page a bookmark lands on (a contents' page number), drawn once the document is laid
    out: numbers that are known only at the end never need a second layout pass."""

    def __init__(self, key: str, style):
        super().__init__()
        self.key, self.style = key, style

    def wrap(self, available_width, available_height):
        self.width = available_width
        return available_width, self.style.leading  # the height of a one-line paragraph

    def draw(self):
        late = getattr(self.canv, "_late", None)
        if late is not None:
            x, y = self.canv.absolutePosition(0, 0)
            late.append((self.key, x, y, self.width, self.style))


class DeferredContents(Flowable):
    """A table of contents made from its entries once they are known (``entries`` is set by
    ``render_with_contents`` before layout); ``make(entries)`` builds the table."""

    def __init__(self, make: Callable[[list], Flowable]):
        super().__init__()
        self.make = make
        self.entries: list[Entry] = []
        self._made: Optional[Flowable] = None

    def _contents(self) -> Flowable:
        if self._made is None:
            self._made = self.make(self.entries)
        return self._made

    def wrap(self, available_width, available_height):
        self.width, self.height = self._contents().wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width, available_height):
        return self._contents().split(available_width, available_height)

    def draw(self):
        self._contents().drawOn(self.canv, 0, 0)


class HeadingsLater:
    """A flowable whose headings are known only once something before it is drawn (what a
    fixed page hands on: ``blocks.Carried``, under a heading of its own)."""

    def later_headings(self, width: float, height: float) -> Optional[list]:
        """The flowables holding the headings it will certainly lay out on their own in a
        frame of ``width`` by ``height``: None while unknown; none when it may be set whole,
        its headings never laid out on their own."""
        raise NotImplementedError


def headings_in(flowables, depth: int = 0) -> list:
    """The headings a story will register, in order, with the keys and levels ``afterFlowable``
    gives them (pages unknown: 0); containers (keep-together groups) are looked into."""
    return _survey(flowables, depth)[0]


def _survey(flowables, depth: int = 0) -> tuple[list, list]:
    """``headings_in``, and each ``HeadingsLater`` with the number of headings before it and
    the outline depth where it stands."""
    found: list = []
    later: list = []
    top = {id(flowable) for flowable in flowables}  # in a group, laid out (or not) as the group is
    for flowable in _walk(flowables):
        if isinstance(flowable, OutlineDepth):
            depth = flowable.depth
        elif isinstance(flowable, Heading):
            found.append(Entry(flowable.level + depth, flowable.outline_title, 0,
                               f"section-{len(found) + 1}", flowable.contents))
        elif isinstance(flowable, HeadingsLater) and id(flowable) in top:
            later.append((flowable, len(found), depth))
    return found, later


class _NumberedCanvas(hooks.HeldPagesCanvas):
    """Holds pages back until the end, so that each footer can say how many pages there are;
    dated ``epoch``, so that the same input gives the same bytes."""

    def __init__(self, *args, footer=None, late=None, epoch=0, **kwargs):
        super().__init__(*args, **kwargs)
        hooks.fix_time_stamp(self, epoch)
        self._footer, self._late_drawer = footer, late
        self._marks = []  # bookmarks on the page being drawn
        self._late = []  # page numbers on the page being drawn, filled in at the end

    def bookmarkPage(self, key, **kwargs):
        # ReportLab numbers a page when it is written, here only in save(): a bookmark made
        # now would point at the first page. It is made when its page is written.
        self._marks.append((key, kwargs))

    def page_held(self):
        self._marks, self._late = [], []

    def finish_page(self, number, total):
        for key, kwargs in self._marks:
            super().bookmarkPage(key, **kwargs)
        self._footer(self, number, total)
        if self._late and self._late_drawer:
            self._late_drawer(self, self._late)


class BriefingDoc(BaseDocTemplate):
    """Pages of the theme's paper: a full-bleed cover, then body pages with header and footer.

    For a print shop (``spec``) the page keeps its size and coordinates; ReportLab's crop
    marks add a border around it, and ``bleed`` tells painters how far past the trim to draw."""

    def __init__(self, buffer: io.BytesIO, theme: Theme, meta: Meta, spec: PrintSpec = PrintSpec()):
        s = theme.space
        super().__init__(
            buffer, pagesize=theme.paper, invariant=1,
            leftMargin=s.margin_inner, rightMargin=s.margin_outer,
            topMargin=s.margin_top, bottomMargin=s.margin_bottom,
            title=meta.title, author=meta.author, subject=meta.subject,
            keywords=meta.keywords, lang=meta.lang, creator="briefing", producer="briefing",
            initialFontName=theme.font,
            # CMYK: ReportLab refuses any RGB colour that reaches the canvas, so none slips through.
            cropMarks=spec.crop_marks(theme), enforceColorSpace="cmyk" if spec.cmyk else None,
            **spec.boxes(theme.paper, theme),
        )
        self.theme, self.meta, self.bleed = theme, meta, spec.bleed
        self._depth = 0
        #: Every flowable as it was placed (``Placed``), to tell how full each page is.
        self.placed: list[Placed] = []
        if TRACE is not None:
            TRACE.clear()  # the audit measures the layout that is kept, not the trials before it
        self.headings: list[Entry] = []
        self._pages_of: Optional[dict[str, int]] = None  # each heading's page, once known
        #: The contents' rows (``_row``) the headings are expected to match, to stop a pass as
        #: soon as one does not (``render_with_contents``); None: laid out to the end whatever.
        self.expected: Optional[list[tuple]] = None
        #: With ``expected``: each ``HeadingsLater`` of the story, with the number of headings
        #: before it and the outline depth there (``_survey``), until its headings are known.
        self.later: list[tuple] = []
        #: The headings a pass stopped early by ``later`` would have laid out by the first
        #: that was not expected; None: it stopped at one laid out (``headings``).
        self.laid: Optional[list[Entry]] = None
        self.addPageTemplates([
            cover_template(theme, self.leftMargin, self.rightMargin, self.bottomMargin, self.topMargin),
            PageTemplate("body", frames=[self._body_frame()], onPage=self._draw_header),
        ])

    def _body_frame(self) -> Frame:
        return Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)

    def _draw_header(self, canvas, doc) -> None:
        # The same on every body page, each started in the same state: written once.
        hooks.repeated(canvas, "running header", lambda: self._write_header(canvas))

    def _write_header(self, canvas) -> None:
        theme, meta = self.theme, self.meta
        width, height = self.pagesize
        y = height - theme.space.header_gap - theme.type.caption
        canvas.saveState()
        size = theme.type.caption
        right = fit_line(meta.header_right, theme.font, size, self.width / 2)
        room = self.width - text_width(right, theme.font, size) - 2 * size if right else self.width
        self._draw_sides(canvas, y, fit_line(meta.header_left, theme.font, size, room), right)
        canvas.setStrokeColor(theme.palette.accent)
        canvas.setLineWidth(theme.lines.header)
        rule = y - theme.space.rule_gap
        canvas.line(self.leftMargin, rule, width - self.rightMargin, rule)
        canvas.restoreState()

    def draw_page_numbers(self, canvas, late: list) -> None:
        """The contents' page numbers on this page, now that every heading has its page; each
        links to its heading."""
        if self._pages_of is None:  # pages are drawn once all are laid out: the headings are final
            self._pages_of = {entry.key: entry.page for entry in self.headings}
        pages = self._pages_of
        for key, x, y, width, style in late:
            if key not in pages:
                continue
            number = Para(str(pages[key]), style)
            _, height = number.wrapOn(canvas, width, style.leading * 2)
            number.drawOn(canvas, x, y)
            canvas.linkRect("", key, (x, y, x + width, y + height), relative=0, name=f"contents-{key}")

    def draw_footer(self, canvas, page: int, pages: int) -> None:
        """Drawn on every page but the cover once the page count is known."""
        if page == 1:
            return
        theme, meta = self.theme, self.meta
        width = self.pagesize[0]
        y = theme.space.header_gap
        canvas.saveState()
        canvas.setStrokeColor(theme.palette.rule)
        canvas.setLineWidth(theme.lines.hairline)
        rule = y + theme.type.caption + theme.space.rule_gap
        canvas.line(self.leftMargin, rule, width - self.rightMargin, rule)
        self._draw_sides(canvas, y, meta.footer_left, meta.page_label(page, pages))
        canvas.restoreState()

    def _draw_sides(self, canvas, baseline: float, left: str, right: str) -> None:
        """A running head or foot: one text flush left, one flush right, set like body text."""
        sheet = styles(self.theme)
        draw_line(canvas, left, sheet["header"], self.leftMargin, baseline, self.width)
        draw_line(canvas, right, sheet["header_right"], self.leftMargin, baseline, self.width)

    def afterFlowable(self, flowable) -> None:
        frame = self.frame
        if frame is not None:
            placed = Placed(self.page, frame.id, frame.y1 + frame.height, frame.y1, hooks.frame_y(frame), None)
            self.placed.append(placed)
            if TRACE is not None:
                TRACE.append(dataclasses.replace(placed, flowable=flowable))
        if isinstance(flowable, OutlineDepth):
            self._depth = flowable.depth
        elif isinstance(flowable, Heading):
            key = f"section-{len(self.headings) + 1}"  # stable names keep the bytes reproducible
            level = flowable.level + self._depth
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=level)
            self.headings.append(Entry(level, flowable.outline_title, self.page, key, flowable.contents))
            expected = self.expected
            if expected is not None and (len(self.headings) > len(expected) or
                                         _row(self.headings[-1]) != expected[len(self.headings) - 1]):
                raise _Unsettled  # the contents drawn already list other headings: this pass is lost
        if self.later:
            self._heard_later()

    def _heard_later(self) -> None:
        """Stop the pass as soon as a ``HeadingsLater`` knows it will lay out a heading the
        contents do not list, instead of when it is reached: a large zone's overview sets its
        cover, then some seventy pages of contents, before the table its cover handed on.
        ``laid``: the headings expected up to it (the contents' own: assumed laid out as
        expected), then its first."""
        expected = self.expected
        assert expected is not None
        for index, (later, before, depth) in enumerate(self.later):
            holding = later.later_headings(self.width, self.height)
            if holding is None:
                continue
            del self.later[index]  # known now: not asked again after every flowable
            found = headings_in(holding, depth)
            if not found or before < len(self.headings):
                return  # none on its own, or laid out already (then checked as laid out)
            first = dataclasses.replace(found[0], key=f"section-{before + 1}")
            if before < len(expected) and _row(first) == expected[before]:
                return
            self.laid = [*self.headings, *(Entry(level, title, 0, key, contents)
                                          for level, title, key, contents in expected[len(self.headings):before]),
                         first]
            raise _Unsettled

    def fills(self) -> list[Optional[float]]:
        """How full each page's body frame is, as a share of its height (None: a page with no
        body frame, the cover)."""
        return page_fills(self.placed, self.page)

    def render(self, story) -> bytes:
        self.build(story, canvasmaker=functools.partial(_NumberedCanvas, footer=self.draw_footer,
                                                        late=self.draw_page_numbers, epoch=self.meta.epoch))
        return self.filename.getvalue()


def page_fills(placed: list[Placed], pages: int) -> list[Optional[float]]:
    """How far down each page's body frame the flowables ``placed`` reach, as a share of the
    frame's height; None for a page without a body frame (a cover, a flyer)."""
    lowest: dict[int, Placed] = {}
    for entry in placed:
        if entry.frame == "body" and (entry.page not in lowest or entry.y < lowest[entry.page].y):
            lowest[entry.page] = entry
    return [None if page not in lowest else
            round((lowest[page].top - lowest[page].y) / (lowest[page].top - lowest[page].bottom), 3)
            for page in range(1, pages + 1)]


#: The least a page must be filled before the next part begins, and the least the last page holds.
PAGE_FILL, LAST_PAGE_FILL = 0.40, 0.20


def well_filled(fills: list[Optional[float]]) -> bool:
    """No page under ``PAGE_FILL`` but the last, and the last not under ``LAST_PAGE_FILL``."""
    body = [(number, fill) for number, fill in enumerate(fills, start=1) if fill is not None]
    return all(fill >= (LAST_PAGE_FILL if number == len(fills) else PAGE_FILL) for number, fill in body)


@functools.lru_cache(maxsize=64)  # the same running header on every page
def fit_line(text: str, font: str, size: float, room: float) -> str:
    """``text``, or as much of it as fits ``room`` followed by an ellipsis: a running header is
    one line drawn straight on the page, and two long names would run off it."""
    if text_width(text, font, size) <= room:
        return text
    while text and text_width(text + ELLIPSIS, font, size) > room:
        text = text[:-1]
    return text.rstrip() + ELLIPSIS


#: Passes before giving up on contents whose rows keep changing the headings they list.
MAX_PASSES = 3


class _Unsettled(Exception):
    """A heading was laid out that the contents did not list (``BriefingDoc.expected``)."""


def _row(entry: Entry) -> tuple:
    """What a contents row shows, but its page number."""
    return entry.level, entry.title, entry.key, entry.contents


def _walk(flowables):
    for flowable in flowables:
        yield flowable
        content = hooks.contents(flowable)
        if content is not None:
            yield from _walk(content)


def render_with_contents(theme: Theme, meta: Meta, story: Callable[[Optional[list[Entry]]], list],
                         spec: PrintSpec = PrintSpec(), fills: Optional[list] = None) -> tuple[bytes, int]:
    """Render ``story(headings)``, whose contents list ``headings``, in one pass.

    The contents' rows are the headings found in the story itself (``headings_in``), given to
    its ``DeferredContents`` before layout; their page numbers are drawn once the pages are
    known (``PageNumberOf``). Should the headings laid out differ from those found (a heading
    inside a container that is never laid out on its own, or one the story hides until
    layout), the pass stops at the first that differs and the story is made again with the
    headings as laid out so far, then the rest as found (``_guessed``). Returns the PDF and its
    pages; ``fills``, if given, receives how full each page is.
    """
    with fewer_full_collections():
        return _render_passes(theme, meta, story, spec, fills)


#: Collections of the youngest-but-one generation between two full collections (Python's
#: default is 10) while a document with contents is laid out.
FULL_COLLECTION_EVERY = 100


@contextlib.contextmanager
def fewer_full_collections():
    """Python's cyclic garbage collector less often over every object alive, while a long
    document is laid out. Its story is made whole before layout (the contents list every
    heading), so some million objects live at once in the 300-park overview: each full
    collection went over all of them, eleven times, a fifth of the time the English overview
    took (4.2 of 21.6 s CPU); with this, twice (1.3 s). Young garbage is collected as often as
    before, and the peak memory was the same."""
    thresholds = gc.get_threshold()
    gc.set_threshold(thresholds[0], thresholds[1], max(thresholds[2], FULL_COLLECTION_EVERY))
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _render_passes(theme: Theme, meta: Meta, story: Callable[[Optional[list[Entry]]], list],
                   spec: PrintSpec, fills: Optional[list]) -> tuple[bytes, int]:
    headings = None
    stop_early = True
    for _ in range(MAX_PASSES + 1):  # the pass stopped early (at most one) is not counted
        flowables = story(headings)
        # Only the first pass finds the headings in the story; the next take those laid out.
        found, later = _survey(flowables) if headings is None else (headings, [])
        for flowable in _walk(flowables):
            if isinstance(flowable, DeferredContents):
                flowable.entries = found
        doc = BriefingDoc(io.BytesIO(), theme, meta, spec)
        if stop_early:
            doc.expected = [_row(e) for e in found]
            doc.later = later
        try:
            data = doc.render(flowables)
        except _Unsettled:
            # The pass stops at the first heading the contents did not list, instead of
            # laying out hundreds of pages it would throw away (a large zone's overview: its
            # cover's table of essentials is carried to the next page under a heading of its
            # own, which the story hides until layout). Only once: should the next pass's
            # headings (``_guessed``) be wrong, it runs to the end and the one after takes
            # the headings it laid out, as every pass did before.
            stop_early = False
            headings = _guessed(doc.laid if doc.laid is not None else doc.headings, found)
            del flowables, doc  # what is left of this pass's story, before the next is made
            continue
        if [_row(e) for e in doc.headings] == [_row(e) for e in found]:
            if fills is not None:
                fills[:] = doc.fills()
            return data, doc.page
        headings = doc.headings
        del flowables, doc, data  # this pass's pages and PDF, before the next story is made
    raise LayoutError(f"the contents' headings did not settle in {MAX_PASSES} passes")


def _guessed(laid: list[Entry], found: list[Entry]) -> list[Entry]:
    """The headings a pass stopped at ``laid[-1]`` (the first not listed) will lay out: those
    laid out, then the rest of ``found`` numbered on. The last laid out is either one the
    story hid (one row more: the rest begins with the row expected in its place) or, when
    ``found`` lists it further on, one reached early (the rows between are never laid out,
    like a heading in a group set in a fixed frame)."""
    last = laid[-1]
    later = next((index for index in range(len(laid) - 1, len(found))
                  if (found[index].level, found[index].title, found[index].contents) ==
                  (last.level, last.title, last.contents)), None)
    rest = found[len(laid) - 1:] if later is None else found[later + 1:]
    return laid + [dataclasses.replace(entry, key=f"section-{len(laid) + number + 1}")
                   for number, entry in enumerate(rest)]
