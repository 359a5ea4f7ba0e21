"""Building blocks shared by every layout: headings, key figures, tables, lists, quotes and
panels (charts are in ``charts.py``). Each takes already-chosen text and the theme; none
knows about parks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Optional

from reportlab.lib.colors import CMYKColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepInFrame, KeepTogether, PageBreak, Spacer, Table, TableStyle

from briefing.layout.cover import Stacked
from briefing.layout.document import Heading, HeadingsLater, PageNumberOf
from briefing.layout.styles import styles
from briefing.layout.theme import FLOOR, Theme
from briefing.text import hooks
from briefing.text.numbers import Parts
from briefing.text.typeset import Para, escape, extent, text_width
from briefing.text.typeset import paragraph as text_para  # escapes; blocks.paragraph takes a style name


def _table(data, widths, commands, theme: Theme, **kwargs) -> Table:
    """A table whose cells default to the theme's face: a table draws even an empty cell with
    its cell font, and ReportLab's default (Helvetica) would end up in the PDF unembedded."""
    table = _Table(data, colWidths=widths, **kwargs)
    table.page_room = theme.frame_height
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.font), *commands]))
    return table


class _Table(hooks.RowsMeasuredOnce):
    """A table whose rows move whole to the next page, except a row taller than a page's
    frame (a very long list in one cell), which is split inside: without that, ReportLab
    raises LayoutError. Each part of a split table knows whether it ``continued`` one before
    it and ``continues`` on the next page (the layout audit reads them)."""

    page_room = float("inf")
    continued = continues = False

    def wrap(self, available_width, available_height):
        size = super().wrap(available_width, available_height)
        hooks.allow_split_in_rows(self, max(hooks.row_heights(self), default=0) > self.page_room)
        return size

    #: Body rows a split leaves at a page's foot and carries to the next, at the least.
    least_rows = 2

    def split(self, available_width, available_height):
        parts = self._split_keeping_rows(available_width, available_height)
        hooks.carry_positions(self, parts)
        for index, part in enumerate(parts):  # ReportLab builds the parts from the class, without our attributes
            part.page_room = self.page_room
            part.continued = self.continued if index == 0 else True
            part.continues = self.continues if index == len(parts) - 1 else True
        return parts

    def _split_keeping_rows(self, width: float, height: float) -> list:
        """ReportLab's split, but never leaving fewer than ``least_rows`` body rows on either
        side: a table that would is split a row earlier, or moved on whole. On a page of its
        own (rows so tall that a page holds only one or two) it takes the split as it comes."""
        parts = super().split(width, height)
        if len(parts) != 2 or self.splitInRow:
            return parts  # a row taller than a page splits inside: rows cannot be kept whole
        header = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        rows = len(hooks.cell_values(self)) - header
        first = len(hooks.cell_values(parts[0])) - header
        at_top = height >= 0.95 * self.page_room
        if rows - first < self.least_rows and rows - self.least_rows >= self.least_rows:
            parts[0].wrap(width, height)
            heights = hooks.row_heights(parts[0])
            keep = header + rows - self.least_rows  # rows the first part may keep
            return super().split(width, sum(heights[:keep]) + 0.01)
        if first < self.least_rows or rows - first < self.least_rows:
            return parts if at_top else []  # too short to share between two pages: moved on whole
        return parts


def heading(text: str, theme: Theme, level: int = 0, style: str = "", contents: bool = True) -> Heading:
    style = style or ("h1" if level == 0 else "h2")
    return Heading(escape(text), styles(theme)[style], outline_title=text, level=level, contents=contents)


def section(title: str, body: list[Flowable], theme: Theme, back_matter: bool = False) -> list[Flowable]:
    """A heading kept with the start of its section; nothing at all when the body is empty.
    Back matter (the sources) has a quieter heading than the sections a reader came for."""
    if not body:
        return []
    if back_matter:
        opening = [heading(title, theme, style="h1_back")]
    else:
        opening = [heading(title, theme), AccentRule(theme)]
    # A section does not start in the last few lines of a page, unless it all fits there.
    room = min(theme.space.section_room, _height(opening + body, theme.frame_width, theme.space.section_room))
    followers, rest = _followers(body, 0, theme.frame_width)
    if not followers:
        followers, rest = body[:1], 1
    return [CondPageBreak(room), _SectionStart(opening, followers, 2 * theme.space.section_room), *body[rest:]]


class _SectionStart(KeepTogether):
    """A heading with the start of what follows it (``followers``: enough for two lines), moved
    on to the next page together when they do not fit here: a heading never stands at a
    page's foot with less than two lines of its text. But a follower that breaks across pages
    (a long paragraph or table) starts here after all when it can leave two lines or rows here
    and at least ``room`` is left, rather than leave much of a page empty."""

    def __init__(self, opening: list[Flowable], followers: list[Flowable], room: float = 0.0):
        super().__init__([*opening, *followers])
        self.opening, self.followers, self.room = opening, followers, room

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        moved = hooks.moved_on(parts)
        if moved and available_height >= self.room and self._breaks_in(available_width, available_height):
            return parts[1:]
        return parts

    def _breaks_in(self, width: float, height: float) -> bool:
        """Whether the followers can start in what the heading leaves of ``height``, with two
        lines (or rows) of them here."""
        *whole, last = self.followers
        head = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.opening + whole)
        parts = last.split(width, height - head - last.getSpaceBefore())
        return len(parts) > 1 and (lines_in(parts[0]) + sum(lines_in(f) for f in whole)) >= 2


def lines_in(flowable) -> int:
    """Lines of a paragraph (or its part), rows of a table's body; 2 for anything else that
    takes room (a chart, a row of figures: as much as two lines for a heading's sake)."""
    if isinstance(flowable, Para):
        return len(hooks.lines_of(flowable)) or 1
    if isinstance(flowable, Table):
        header = flowable.repeatRows if isinstance(flowable.repeatRows, int) else len(flowable.repeatRows)
        return len(hooks.cell_values(flowable)) - header
    return 2 if not isinstance(flowable, (Spacer, CondPageBreak)) else 0


def paginate(story: list[Flowable], theme: Theme) -> list[Flowable]:
    """The story with what must not be parted kept together: each heading (a paragraph style
    with ``keepWithNext``) with at least two lines of what follows it, and the first two and
    the last two items of every list, so that no item is left alone at a page's foot or
    carried alone to the next."""
    out: list[Flowable] = []
    index = 0
    while index < len(story):
        flowable = story[index]
        if _is_heading(flowable):
            followers, index = _followers(story, index + 1, theme.frame_width)
            if followers:
                flowable.keepWithNext = 0  # kept here, not by ReportLab's own grouping
                out.append(_SectionStart([flowable], followers))
                continue
            out.append(flowable)
            continue
        if _is_item(flowable):
            items = [flowable]
            while index + len(items) < len(story) and _is_item(story[index + len(items)], flowable):
                items.append(story[index + len(items)])
            out += _kept_list(items)
            index += len(items)
            continue
        out.append(flowable)
        index += 1
    return out


def push_to_last_page(story: list[Flowable], blocks: int) -> list[Flowable]:
    """The story with a new page started before its last ``blocks`` blocks that take room
    (none for 0): what a document does to give its last page more than a few lines."""
    if blocks <= 0:
        return story
    taking_room = [i for i, f in enumerate(story) if not isinstance(f, (Spacer, CondPageBreak, PageBreak))
                   and not type(f).__name__.startswith("_Null")]
    if len(taking_room) <= blocks:
        return story
    index = taking_room[-blocks]
    return [*story[:index], PageBreak(), *story[index:]]


def _is_heading(flowable) -> bool:
    return isinstance(flowable, Para) and bool(flowable.getKeepWithNext())


def _is_item(flowable, like=None) -> bool:
    return isinstance(flowable, Para) and bool(flowable.bulletText) and (
        like is None or flowable.style.name == like.style.name)


def _followers(story: list[Flowable], start: int, width: float) -> tuple[list[Flowable], int]:
    """What follows a heading, up to two lines of it (a heading of its own that comes first
    joins them, with its lines), and where the story goes on."""
    followers: list[Flowable] = []
    lines, index = 0, start
    while index < len(story) and lines < 2:
        flowable = story[index]
        if isinstance(flowable, (CondPageBreak, _SectionStart)) or (_is_heading(flowable) and lines):
            break
        if isinstance(flowable, Para):
            flowable.wrap(width, 1e6)
        if not _is_heading(flowable):
            lines += lines_in(flowable)
        else:
            flowable.keepWithNext = 0
        followers.append(flowable)
        index += 1
    return followers, index


def _kept_list(items: list[Flowable]) -> list[Flowable]:
    """A list's items, its first two and its last two kept together."""
    if len(items) < 2:
        return items
    if len(items) <= 4:
        return [KeepTogether(items)] if len(items) <= 3 else [KeepTogether(items[:2]), KeepTogether(items[2:])]
    return [KeepTogether(items[:2]), *items[2:-2], KeepTogether(items[-2:])]


def _height(flowables: list[Flowable], width: float, enough: float) -> float:
    """Height of flowables set one after another in a column of ``width``; stops measuring
    once it reaches ``enough``, so a long section is not laid out an extra time."""
    total = 0.0
    for flowable in flowables:
        total += flowable.wrap(width, 1e6)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if total >= enough:
            break
    return total


class AccentRule(Flowable):
    """A short accent bar under a section heading."""

    def __init__(self, theme: Theme, width: float = 14 * mm):
        super().__init__()
        self.theme, self.bar = theme, width

    def wrap(self, available_width, available_height):
        return available_width, self.theme.space.block_gap + self.theme.lines.heading_bar

    def draw(self):
        self.canv.setFillColor(self.theme.palette.accent)
        self.canv.rect(0, self.theme.space.block_gap, self.bar, self.theme.lines.heading_bar, stroke=0, fill=1)


def paragraph(text: str, theme: Theme, style: str = "body", **kwargs) -> Para:
    return text_para(text, styles(theme)[style], **kwargs)


def labelled(name: str, note: str, theme: Theme) -> Para:
    """A name in bold with a quiet note after it, e.g. an organisation and its role."""
    style = styles(theme)["org"]
    text = escape(name)
    if note:
        muted = color_markup(theme.palette.muted)
        text += f'<font name="{theme.font}" size="{theme.type.small}" color="{muted}">　{escape(note)}</font>'
    return Para(text, style)


def color_markup(color) -> str:
    """A colour as paragraph markup writes it, in its own colour space (``cmyk(...)`` for
    process colour: a hex value would put RGB back into a CMYK document)."""
    if isinstance(color, CMYKColor):
        return "cmyk({})".format(",".join(f"{v:g}" for v in color.cmyk()))
    return color.hexval().replace("0x", "#")


def bullets(items: list[str], theme: Theme) -> list[Flowable]:
    style = styles(theme)["bullet"]
    return [text_para(item, style, bulletText="•") for item in items]


def unit_size(size: float) -> float:
    """The size of a figure's unit words: half the number's, but never under the floor."""
    return max(round(size * 0.5, 1), FLOOR)


def figure_markup(parts: Parts, size: float) -> str:
    """The number large and its unit words beside it at half the size, on one baseline
    (10亿元, RMB 1 billion); a space between word and number is kept, escaping trims it."""

    def small(text):
        spaced = f"{' ' if text[:1] == ' ' else ''}{escape(text)}{' ' if text[-1:] == ' ' else ''}"
        return f'<font size="{unit_size(size)}">{spaced}</font>' if text else ""

    return f"{small(parts.lead)}{escape(parts.number)}{small(parts.after)}"


def key_figures(items: list[tuple[Parts, str]], theme: Theme, width: float, large: bool = True) -> Table:
    """Figures in a grid, all at one size: a qualifier such as 预计 above, the number large,
    its label below.

    The grid has as many columns as every number fits at the type scale's size, up to the
    paper's ``figure_columns``, with every row full (four figures: 4 in a row, else 2 by 2,
    else one under another). Only a number too wide for a whole row sets every figure of the
    block smaller, all alike (``MIN_FIGURE_SCALE`` at least). Numbers sit on a row of their
    own, aligned at the bottom, so that a figure with a qualifier above it still shares its
    baseline with the others; a figure's two rows are never parted by a page break.
    """
    s = styles(theme)
    style = s["figure" if large else "figure_small"]
    columns, style = _figure_grid(items, style, theme, width)
    sp = theme.space
    data: list[list] = []
    for start in range(0, len(items), columns):
        figures = items[start:start + columns]
        numbers = []
        for parts, _ in figures:
            cell = [text_para(parts.before, s["figure_qualifier"])] if parts.before else []
            numbers.append(cell + [Para(figure_markup(parts, style.fontSize), style)])
        data += [numbers, [text_para(label, s["figure_label"]) for _, label in figures]]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), sp.tile_padding),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LINEBEFORE", (1, 0), (-1, -1), theme.lines.divider, theme.palette.rule),
        ("LEFTPADDING", (1, 0), (-1, -1), sp.panel_padding),
    ]
    for row in range(0, len(data), 2):
        commands += [("VALIGN", (0, row), (-1, row), "BOTTOM"), ("NOSPLIT", (0, row), (-1, row + 1)),
                     ("TOPPADDING", (0, row + 1), (-1, row + 1), sp.paragraph_gap / 2)]
        if row:
            commands.append(("TOPPADDING", (0, row), (-1, row), sp.cover_gap / 2))
    return _table(data, [width / columns] * columns, commands, theme)


def _figure_padding(index: int, theme: Theme) -> float:
    """The padding of a key-figure column (the first has none on its left)."""
    sp = theme.space
    return sp.tile_padding + (sp.panel_padding if index else 0)


def _natural_width(parts: Parts, font: str, size: float) -> float:
    """The width of a figure set on one line: the number at ``size``, its unit words at half."""
    small = unit_size(size)
    spaces = (parts.lead + parts.after).count(" ")  # text_width trims the spaces at the ends
    return (text_width(parts.number, font, size) + text_width(parts.lead, font, small)
            + text_width(parts.after, font, small) + spaces * stringWidth(" ", font, small))


#: A figure too wide for even a whole row is set smaller, with every figure of its block, down
#: to this share of its size; below that its words wrap instead ("20 companies" would otherwise
#: break after the number).
MIN_FIGURE_SCALE = 0.6


def _figure_grid(items: list[tuple[Parts, str]], style: ParagraphStyle, theme: Theme,
                 width: float) -> tuple[int, ParagraphStyle]:
    """The columns of a block of figures and the one style all are set in: the most columns
    (every row full, at most the paper's ``figure_columns``) in which every number fits at
    ``NEAR_FULL`` of its size or more, set at the largest size that fits them all; else one
    under another, as large as the widest allows (down to ``MIN_FIGURE_SCALE``)."""
    count = max(1, len(items))
    widest = max((_natural_width(parts, style.fontName, style.fontSize) for parts, _ in items), default=1.0) or 1.0
    scale = 1.0
    for columns in range(min(count, max(1, theme.figure_columns)), 0, -1):
        if count % columns:
            continue  # a row would not be full
        room = width / columns - _figure_padding(1 if columns > 1 else 0, theme)
        scale = 1.0 if widest <= room else 0.97 * room / widest  # a little air: the small size is rounded
        if scale >= NEAR_FULL or columns == 1:
            break
    if scale >= 1 or scale < MIN_FIGURE_SCALE:
        return columns, style
    return columns, ParagraphStyle(f"{style.name}_fitted", parent=style, fontSize=style.fontSize * scale,
                                   leading=style.leading * scale)


#: Figures side by side may be set this much smaller than the type scale's size rather than
#: be stacked one under another.
NEAR_FULL = 0.8


def fact_table(rows: list[tuple[str, str]], theme: Theme, width: float, label_share: float = 0.24) -> Table:
    """Label and value rows with hairlines between them; the labels' column as wide as its
    longest label needs (``label_share`` of the width at most, unless a label's longest word
    needs more), the values the rest."""
    s = styles(theme)
    data = [[text_para(label, s["cell_head"]), text_para(value, s["cell"])]
            for label, value in rows]
    padding = _cell_padding(theme)
    least, most = zip(*(extent(label, s["cell_head"]) for label, _ in rows)) if rows else ((0.0,), (0.0,))
    label = min(max(most) + padding, width * label_share)
    label = max(label, max(least) + padding, padding + 2 * s["cell_head"].fontSize)  # two ems even when empty
    return _table(data, [label, width - label], _ruled(theme), theme)


def grid_table(header: Sequence[str], rows: Sequence[Sequence[str | Sequence[str]]], theme: Theme, width: float,
               numeric: tuple[int, ...] = (), row_heads: bool = False, alike: Sequence[int] = ()) -> Table:
    """A table with a header row that repeats when it breaks across pages; the ``numeric``
    columns are set flush right, so that figures line up. A cell given as a list of texts
    sets each on a line of its own; ``row_heads`` sets the first column as labels. The
    columns share ``width`` by what they hold (``content_widths``): none so narrow that a word,
    a number with its unit, a date or an amount must split. The ``alike`` columns (the parks
    of a comparison) are as wide as one another."""
    style = _cell_styles(theme, numeric, row_heads)

    def cell(text, column, name):
        lines = [text] if isinstance(text, str) else text
        paras = [text_para(line, style(column, name)) for line in lines]
        return paras[0] if len(paras) == 1 else paras

    widths = content_widths(_texts(header, rows, style), width, _cell_padding(theme), alike)
    data = [[cell(h, c, "cell_head") for c, h in enumerate(header)]]
    data += [[cell(text, c, "cell") for c, text in enumerate(row)] for row in rows]
    header_row = [("BACKGROUND", (0, 0), (-1, 0), theme.palette.panel)]
    return _table(data, widths, _ruled(theme) + header_row, theme, repeatRows=1)


def _cell_styles(theme: Theme, numeric: tuple[int, ...], row_heads: bool):
    s = styles(theme)

    def style(column, name):
        name = "cell_head" if row_heads and column == 0 else name
        return s[f"{name}_right"] if column in numeric else s[name]

    return style


def _texts(header, rows, style) -> list[list[tuple]]:
    texts = [[(h, style(c, "cell_head")) for c, h in enumerate(header)]]
    return texts + [[(text, style(c, "cell")) for c, text in enumerate(row)] for row in rows]


def fits_columns(header: Sequence[str], rows: Sequence[Sequence], theme: Theme, width: float,
                 numeric: tuple[int, ...] = (), row_heads: bool = False, alike: Sequence[int] = ()) -> bool:
    """Whether ``grid_table`` can give every column its widest unbreakable unit (the ``alike``
    columns each the widest of theirs, as ``content_widths`` makes them)."""
    texts = _texts(header, rows, _cell_styles(theme, numeric, row_heads))
    padding = _cell_padding(theme)
    columns = max(len(row) for row in texts)
    least = [0.0] * columns
    for row in texts:
        for column, (text, style) in enumerate(row):
            for line in ([text] if isinstance(text, str) else text):
                least[column] = max(least[column], extent(line, style)[0] + padding, padding + 2 * style.fontSize)
    if alike:
        same = max(least[column] for column in alike)
        for column in alike:
            least[column] = same
    return sum(least) <= width


def content_widths(cells: Sequence[Sequence[tuple[str | Sequence[str], ParagraphStyle]]], width: float,
                   padding: float, alike: Sequence[int] = ()) -> list[float]:
    """Columns sized from what they hold, as a browser sizes a table's: each at least as wide
    as its widest unbreakable unit, and the room left shared by how much more each would take
    to set its cells on one line; columns that all fit on one line share the spare room
    alike."""
    columns = max(len(row) for row in cells)
    least, most = [0.0] * columns, [0.0] * columns
    for row in cells:
        for column, (text, style) in enumerate(row):
            for line in ([text] if isinstance(text, str) else text):
                narrow, wide = extent(line, style)
                least[column] = max(least[column], narrow + padding, padding + 2 * style.fontSize)
                most[column] = max(most[column], wide + padding)
    most = [max(m, n) for m, n in zip(most, least)]
    if alike:
        for values in (least, most):
            same = max(values[column] for column in alike)
            for column in alike:
                values[column] = same
    if sum(most) <= width:
        spare = (width - sum(most)) / columns
        return [m + spare for m in most]
    if sum(least) <= width:
        flex = [m - n for m, n in zip(most, least)]
        share = (width - sum(least)) / (sum(flex) or 1)
        return [n + f * share for n, f in zip(least, flex)]
    return [width * n / sum(least) for n in least]  # too narrow for its units: the widest ones split


def _cell_padding(theme: Theme) -> float:
    """A cell's padding left and right (``_ruled``)."""
    return theme.space.cell_padding / 2 + theme.space.cell_padding


def _ruled(theme: Theme) -> list:
    """Tables of rows: a strong rule on top, hairlines between rows."""
    pad = theme.space.cell_padding
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), theme.lines.hairline, theme.palette.rule),
        ("LINEABOVE", (0, 0), (-1, 0), theme.lines.strong, theme.palette.primary),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 1),
        ("LEFTPADDING", (0, 0), (-1, -1), pad / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
    ]


def contents_table(entries: list[tuple[int, str, str]], theme: Theme, width: float) -> Table:
    """A table of contents: (level, title, bookmark key) per entry; the top level bold, with a
    rule above; the title links to the bookmark, and the page number (drawn once the document
    is laid out) too."""
    s = styles(theme)
    rows = []
    for level, title, key in entries:
        title_style, page_style = (s["toc"], s["toc_page"]) if level == 0 else (s["toc_sub"], s["toc_sub_page"])
        rows.append([_link(title, key, title_style), PageNumberOf(key, page_style)])
    return _contents_rows([level for level, _, _ in entries], rows, theme, width)


def contents_parts(whole: Table, entries: list[tuple[int, str, str]], counts: list[int], theme: Theme,
                   width: float) -> list[Table]:
    """``whole`` (a ``contents_table`` of ``entries``, wrapped at ``width``) cut into tables of
    ``counts`` rows, one for each page: made of its cells, with the heights it measured, but
    for each part's first row (a top-level entry has a rule and room above it only below
    another row), so that a part is not measured again (2,413 rows in a 300-park overview)."""
    cells, heights = hooks.cell_values(whole), hooks.row_heights(whole)
    levels = [level for level, _, _ in entries]
    parts, start = [], 0
    for count in counts:
        stop = start + count
        parts.append(_contents_rows(levels[start:stop], cells[start:stop], theme, width,
                                    rowHeights=[None, *heights[start + 1:stop]]))
        start = stop
    return parts


def _contents_rows(levels: list[int], rows: list, theme: Theme, width: float, **kwargs) -> Table:
    pad = theme.space.cell_padding
    commands = []
    for row, level in enumerate(levels):
        if level == 0 and row:
            commands += [("LINEABOVE", (0, row), (-1, row), theme.lines.hairline, theme.palette.rule),
                         ("TOPPADDING", (0, row), (-1, row), pad * 2)]
    return _table(rows, [width * 0.88, width * 0.12], [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), pad / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad / 2),
        *commands,
    ], theme, **kwargs)


def _link(text: str, key: str, style) -> Para:
    """Text that jumps to the bookmark ``key`` (our own keys, section-N: safe in markup)."""
    return Para(f'<a href="#{key}">{escape(text)}</a>', style)


def fit_tiles(items: list[str], theme: Theme, width: float) -> bool:
    """Whether every item fits a tile on one line (else a list reads better)."""
    room = width / theme.space.tile_columns - 2 * theme.space.tile_padding
    return all(stringWidth(item, theme.bold_font, theme.type.cell) <= room for item in items)


def tiles(items: list[str], theme: Theme, width: float) -> list[Flowable]:
    """Short items (segments, amenities) as tinted tiles, on one grid for every list (a fifth
    of the width each): as many to a row as the grid has, the rows made even (six items: two
    rows of three, not five and one), and a row short of the others centred."""
    s = styles(theme)
    columns = theme.space.tile_columns
    tile = width / columns
    rows = -(-len(items) // columns)
    per_row = -(-len(items) // rows) if items else 1
    line_rows = [items[i:i + per_row] for i in range(0, len(items), per_row)]
    def commands(count: int) -> list[tuple]:
        found: list[tuple] = [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), theme.space.tile_padding - 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), theme.space.tile_padding),
            ("LEFTPADDING", (0, 0), (-1, -1), theme.space.tile_padding),
        ]
        for column in range(count):  # each tile's accent edge after the gap of the one before it
            cell = (column, 0)
            found += [("BACKGROUND", cell, cell, theme.palette.panel),
                      ("LINEBEFORE", cell, cell, theme.lines.tile_bar, theme.palette.accent),
                      ("LINEBELOW", cell, cell, theme.lines.tile_gap, theme.palette.paper),
                      ("LINEAFTER", cell, cell, theme.lines.tile_gap, theme.palette.paper)]
        return found

    return [_table([[text_para(item, s["cell_head"]) for item in row]], [tile] * len(row), commands(len(row)), theme,
                   hAlign="CENTER") for row in line_rows]


def panel(flowables: list[Flowable], theme: Theme, width: float, background=None) -> Table:
    """Flowables on a tinted background (or on ``background``), one row each (a long list
    breaks across pages row by row: as one cell it is laid out again at every page, which
    grows with the square of its length); the paragraphs' own spacing becomes the padding
    between rows."""
    last = len(flowables) - 1
    commands = [
        ("BACKGROUND", (0, 0), (-1, -1), background or theme.palette.panel),
        ("LEFTPADDING", (0, 0), (-1, -1), theme.space.panel_padding),
        ("RIGHTPADDING", (0, 0), (-1, -1), theme.space.panel_padding),
    ]
    for row, flowable in enumerate(flowables):
        top = theme.space.tile_padding if row == 0 else flowable.getSpaceBefore()
        bottom = theme.space.panel_padding if row == last else flowable.getSpaceAfter()
        commands += [("TOPPADDING", (0, row), (-1, row), top), ("BOTTOMPADDING", (0, row), (-1, row), bottom)]
    return _table([[flowable] for flowable in flowables], [width], commands, theme)


def grid(cells: list[list[Flowable]], theme: Theme, width: float, column: float) -> Table:
    """Cells of flowables (e.g. a QR code with its caption) side by side, centred, in as many
    columns of at least ``column`` as ``width`` holds, and in rows under each other after that."""
    columns = max(1, min(len(cells), int(width // column)))
    rows: list[list[list[Flowable] | str]] = [list(cells[i:i + columns]) for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    pad = theme.space.tile_padding
    return _table(rows, [width / columns] * columns, [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
    ], theme)


def quote(text: str, attribution: str, theme: Theme, width: float) -> Table:
    """A pull quote with an accent bar and the speaker under it, in the running text's column."""
    s = styles(theme)
    width = min(width, theme.text_width)
    body = [text_para(text, s["quote"]), Spacer(0, theme.space.paragraph_gap),
            text_para(attribution, s["attribution"])]
    return _table([[body]], [width], [
        ("LINEBEFORE", (0, 0), (0, 0), theme.lines.quote_bar, theme.palette.accent),
        ("LEFTPADDING", (0, 0), (-1, -1), theme.space.panel_padding + theme.lines.quote_bar),
        ("TOPPADDING", (0, 0), (-1, -1), theme.space.paragraph_gap / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), theme.space.paragraph_gap),
    ], theme, hAlign="RIGHT")


class LeaveOut(KeepInFrame):
    """Blocks that must fit a fixed frame (a cover's, a flyer's, a card's), never scaled: when
    they do not all fit, whole blocks are left out, the least important first (the highest
    ``rank``; blocks of rank 0 always stay), until the rest fits. A block given ``shorter``
    versions (a table of essentials without its last rows) is set shorter, one version at a
    time, before it is left out whole: a row fewer is better than a blank half page.
    ``left_out(name)`` is told each block left out, or shortened, once, when the frame is
    drawn, so the build can say so: nothing is dropped silently."""

    def __init__(self, blocks: Sequence[tuple[str, int, list[Flowable]]], left_out: Callable[[str], None],
                 carry: Optional[Carried] = None, carried: Sequence[str] = (),
                 shorter: Optional[dict[str, list[tuple]]] = None):
        self._blocks = [(name, rank, list(flowables)) for name, rank, flowables in blocks]
        super().__init__(0, 0, [f for _, _, flowables in self._blocks for f in flowables], mode="truncate")
        self._left_out = left_out
        self._dropped: list[str] = []
        #: Blocks named in ``carried`` are not left out but handed to ``carry``, which sets them
        #: on the next page (a cover's table of essentials).
        self._carry, self._carried = carry, set(carried)
        #: For a block's name, its shorter versions, each (what it leaves out, its flowables) or
        #: (what, flowables, the rank it is taken at), shortest last.
        self._shorter = shorter or {}
        self._shortened: list[str] = []

    def wrap(self, available_width, available_height):
        dropped: set[str] = set()
        taken = dict.fromkeys(self._shorter, 0)  # shorter versions used, by block

        def left(name) -> bool:
            return taken.get(name, 0) < len(self._shorter.get(name, ()))

        while not self._fits(self._state(dropped, taken), available_width, available_height):
            # What can go next: a block's next shorter version, at its own rank (or the
            # block's), else the whole block; the highest rank first, a shorter version before
            # a block of the same rank.
            steps = [(self._version_rank(name, rank, taken[name]), 1, name) if left(name) else (rank, 0, name)
                     for name, rank, _ in self._blocks if rank > 0 and name not in dropped]
            if not steps:
                break
            rank, shorten, name = max(steps, key=lambda step: step[:2])
            if shorten:
                taken[name] += 1
            else:  # every block of that rank (none of them has a shorter version left)
                dropped |= {n for n, r, _ in self._blocks if r == rank and not left(n)}
        dropped, taken = self._grown_back(dropped, taken, available_width, available_height)
        self._dropped = [name for name, _, _ in self._blocks if name in dropped]
        self._shortened = [self._shorter[name][taken[name] - 1][0] for name in taken
                           if taken[name] and name not in dropped]
        hooks.set_contents(self, [f for _, _, flowables in self._state(dropped, taken) for f in flowables])
        return super().wrap(available_width, available_height)

    @staticmethod
    def _fits(state: list, width: float, height: float) -> bool:
        return _height([f for _, _, flowables in state for f in flowables], width, height + 1) <= height

    def _state(self, dropped: set, taken: dict) -> list:
        """The blocks kept, each in the version ``taken`` says (0: whole)."""
        return [(name, rank, self._shorter[name][taken[name] - 1][1] if taken.get(name) else flowables)
                for name, rank, flowables in self._blocks if name not in dropped]

    def _grown_back(self, dropped: set, taken: dict, width: float, height: float) -> tuple[set, dict]:
        """What was left out or shortened, given back where it now fits, the most important
        first (the lowest rank of what was taken: a block's, or its shorter version's): leaving
        out a later block can free more room than it needed (the summary gone, the contact's
        address fits again)."""
        while True:
            undo: list[tuple[float, set, dict]] = []  # each step that could be given back
            for name, rank, _ in self._blocks:
                if name in dropped:  # back as its shortest version, or whole
                    undo.append((rank, dropped - {name}, {**taken, name: len(self._shorter.get(name, ()))}))
                elif taken.get(name):
                    undo.append((self._version_rank(name, rank, taken[name] - 1), dropped,
                                 {**taken, name: taken[name] - 1}))
            given = next(((d, t) for _, d, t in sorted(undo, key=lambda step: step[0])
                          if self._fits(self._state(d, t), width, height)), None)
            if given is None:
                return dropped, taken
            dropped, taken = given

    def _version_rank(self, name: str, rank: float, index: int) -> float:
        """The rank a block's ``index``-th shorter version is taken at: its own when it gives
        one (the contact's addresses go before the summary, the contact itself after it)."""
        version = self._shorter[name][index]
        return version[2] if len(version) > 2 else rank

    def drawOn(self, canvas, x, y, _sW=0):
        for name, _, flowables in self._blocks:
            if name not in self._dropped:
                continue
            if self._carry is not None and name in self._carried:
                self._carry.take(flowables)
            else:
                self._left_out(name)
        for what in self._shortened:
            self._left_out(what)
        self._dropped, self._shortened = [], []
        return super().drawOn(canvas, x, y, _sW)


class Pages(Flowable):
    """Flowables each on a page of its own (the parts of a long table of contents)."""

    def __init__(self, parts: list[Flowable]):
        super().__init__()
        self.parts = parts

    def wrap(self, available_width, available_height):
        return available_width, 0xFFFFFF  # never drawn whole: split into its pages

    def split(self, available_width, available_height):
        out: list[Flowable] = []
        for part in self.parts:
            out += [PageBreak(), part] if out else [part]
        return out


class Carried(Stacked, HeadingsLater):
    """What a fixed page handed on (``LeaveOut``'s ``carry``), set where this stands in the
    story, after ``heading``; nothing at all when nothing was handed on. Its heading is known
    once the page is drawn (``later_headings``)."""

    def __init__(self, heading: list[Flowable]):
        super().__init__()
        self.heading = heading
        self.flowables: list[Flowable] = []

    def take(self, flowables: list[Flowable]) -> None:
        self.flowables = [*self.heading, *flowables]

    def later_headings(self, width: float, height: float) -> Optional[list]:
        """Once handed something, its heading when it is taller than a page (then laid out
        piece by piece: ``split``); one that fits is set whole, its heading not on its own.
        None until then."""
        if not self.flowables:
            return None
        return self.flowables if self.measure(width, height) > height else []

    def split(self, available_width, available_height):
        return list(self.flowables)  # taller than a page (a very long table): laid out one by one

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = self.measure(available_width, available_height)
        return self.width, self.height

    def draw(self):
        self.draw_stack(self.height)
