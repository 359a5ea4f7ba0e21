"""Building blocks shared by every layout: headings, key figures, tables, lists, quotes and
panels (charts are in ``charts.py``). Each takes already-chosen text and the theme; none
knows about parks."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import CMYKColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepInFrame, KeepTogether, Spacer, Table, TableStyle

from briefing.layout.document import Heading, PageNumberOf
from briefing.layout.styles import styles
from briefing.layout.theme import Theme
from briefing.text import hooks
from briefing.text.numbers import Parts
from briefing.text.typeset import Para, escape, text_width
from briefing.text.typeset import paragraph as text_para  # escapes; blocks.paragraph takes a style name


def _table(data, widths, commands, theme: Theme, **kwargs) -> Table:
    """A table whose cells default to the theme's face: a table draws even an empty cell with
    its cell font, and ReportLab's default (Helvetica) would end up in the PDF unembedded."""
    table = _Table(data, colWidths=widths, **kwargs)
    table.page_room = theme.frame_height
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.font), *commands]))
    return table


class _Table(Table):
    """A table whose rows move whole to the next page, except a row taller than a page's
    frame (a very long list in one cell), which is split inside: without that, ReportLab
    raises LayoutError."""

    page_room = float("inf")

    def wrap(self, available_width, available_height):
        size = super().wrap(available_width, available_height)
        hooks.allow_split_in_rows(self, max(hooks.row_heights(self), default=0) > self.page_room)
        return size

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        for part in parts:  # ReportLab builds the parts from the class, without our attribute
            part.page_room = self.page_room
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
    return [CondPageBreak(room), _SectionStart(opening, body[0], 2 * theme.space.section_room), *body[1:]]


class _SectionStart(KeepTogether):
    """A section's heading with its first block, moved on to the next page together when they
    do not fit here; but a first block that breaks across pages (a long table) starts here
    after all when at least ``room`` is left, rather than leave most of a page empty."""

    def __init__(self, opening: list[Flowable], first: Flowable, room: float):
        super().__init__([*opening, first])
        self.opening, self.first, self.room = opening, first, room

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        moved = hooks.moved_on(parts)
        if moved and available_height >= self.room and self._breaks_in(available_width, available_height):
            return parts[1:]
        return parts

    def _breaks_in(self, width: float, height: float) -> bool:
        """Whether the first block can start in what the heading leaves of ``height``."""
        head = sum(f.wrap(width, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in self.opening)
        return len(self.first.split(width, height - head)) > 1


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


def figure_markup(parts: Parts, size: float) -> str:
    """The number large and its unit words beside it at half the size, on one baseline
    (10亿元, RMB 1 billion); a space between word and number is kept, escaping trims it."""

    def small(text):
        spaced = f"{' ' if text[:1] == ' ' else ''}{escape(text)}{' ' if text[-1:] == ' ' else ''}"
        return f'<font size="{round(size * 0.5, 1)}">{spaced}</font>' if text else ""

    return f"{small(parts.lead)}{escape(parts.number)}{small(parts.after)}"


def key_figures(items: list[tuple[Parts, str]], theme: Theme, width: float, large: bool = True) -> Table:
    """A row of figures: a qualifier such as 预计 above, the number large, its label below.

    Numbers sit on a row of their own, aligned at the bottom, so that a figure with a
    qualifier above it still shares its baseline with the others; the two rows are never
    parted by a page break.
    """
    s = styles(theme)
    number_style = s["figure" if large else "figure_small"]
    sp = theme.space
    widths = _figure_widths(items, number_style, theme, width)
    numbers = []
    for index, (parts, _) in enumerate(items):
        cell = [text_para(parts.before, s["figure_qualifier"])] if parts.before else []
        style = _fitting_figure_style(parts, number_style, widths[index] - _figure_padding(index, theme))
        numbers.append(cell + [Para(figure_markup(parts, style.fontSize), style)])
    labels = [text_para(label, s["figure_label"]) for _, label in items]
    return _table([numbers, labels], widths, [
        ("NOSPLIT", (0, 0), (-1, -1)),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, 1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), sp.tile_padding),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ("TOPPADDING", (0, 1), (-1, 1), sp.paragraph_gap / 2),
        ("LINEBEFORE", (1, 0), (-1, -1), theme.lines.divider, theme.palette.rule),
        ("LEFTPADDING", (1, 0), (-1, -1), sp.panel_padding),
    ], theme)


def _figure_padding(index: int, theme: Theme) -> float:
    """The padding of a key-figure column (the first has none on its left)."""
    sp = theme.space
    return sp.tile_padding + (sp.panel_padding if index else 0)


def _natural_width(parts: Parts, font: str, size: float) -> float:
    """The width of a figure set on one line: the number at ``size``, its unit words at half."""
    small = round(size * 0.5, 1)
    spaces = (parts.lead + parts.after).count(" ")  # text_width trims the spaces at the ends
    return (text_width(parts.number, font, size) + text_width(parts.lead, font, small)
            + text_width(parts.after, font, small) + spaces * stringWidth(" ", font, small))


def _figure_widths(items: list[tuple[Parts, str]], style: ParagraphStyle, theme: Theme,
                   width: float) -> list[float]:
    """Equal columns, unless a number would not fit its column on one line: then that column
    gets the room its number needs and the others share the rest equally (if they still fit).
    A number too wide even so is set smaller (``_fitting_figure_style``)."""
    columns = max(1, len(items))
    equal = width / columns
    needs = [_natural_width(parts, style.fontName, style.fontSize) + _figure_padding(index, theme)
             for index, (parts, _) in enumerate(items)]
    wide = [need > equal for need in needs]
    if not any(wide) or all(wide):
        return [equal] * columns
    rest = (width - sum(need for need, w in zip(needs, wide) if w)) / wide.count(False)
    if any(need > rest for need, w in zip(needs, wide) if not w):
        return [equal] * columns
    return [need if w else rest for need, w in zip(needs, wide)]


#: A figure too wide for its column is set smaller, down to this share of its size; below
#: that its words wrap instead ("20 companies" would otherwise break after the number).
MIN_FIGURE_SCALE = 0.6


def _fitting_figure_style(parts: Parts, style: ParagraphStyle, room: float) -> ParagraphStyle:
    natural = _natural_width(parts, style.fontName, style.fontSize)
    if natural <= room:
        return style
    scale = 0.97 * room / natural  # a little air: the small size is rounded, and the line must not break
    if scale < MIN_FIGURE_SCALE:
        return style
    return ParagraphStyle(f"{style.name}_fitted", parent=style, fontSize=style.fontSize * scale,
                          leading=style.leading * scale)


def fact_table(rows: list[tuple[str, str]], theme: Theme, width: float, label_share: float = 0.24) -> Table:
    """Label and value rows with hairlines between them."""
    s = styles(theme)
    data = [[text_para(label, s["cell_head"]), text_para(value, s["cell"])]
            for label, value in rows]
    return _table(data, [width * label_share, width * (1 - label_share)], _ruled(theme), theme)


def grid_table(header: Sequence[str], rows: Sequence[Sequence[str | Sequence[str]]], theme: Theme, widths: list[float],
               numeric: tuple[int, ...] = (), row_heads: bool = False) -> Table:
    """A table with a header row that repeats when it breaks across pages; the ``numeric``
    columns are set flush right, so that figures line up. A cell given as a list of texts
    sets each on a line of its own; ``row_heads`` sets the first column as labels."""
    s = styles(theme)

    def style(column, name):
        name = "cell_head" if row_heads and column == 0 else name
        return s[f"{name}_right"] if column in numeric else s[name]

    def cell(text, column, name):
        lines = [text] if isinstance(text, str) else text
        paras = [text_para(line, style(column, name)) for line in lines]
        return paras[0] if len(paras) == 1 else paras

    data = [[cell(h, c, "cell_head") for c, h in enumerate(header)]]
    data += [[cell(text, c, "cell") for c, text in enumerate(row)] for row in rows]
    header_row = [("BACKGROUND", (0, 0), (-1, 0), theme.palette.panel)]
    return _table(data, widths, _ruled(theme) + header_row, theme, repeatRows=1)


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
    ]


def contents_table(entries: list[tuple[int, str, str]], theme: Theme, width: float) -> Table:
    """A table of contents: (level, title, bookmark key) per entry; the top level bold, with a
    rule above; the title links to the bookmark, and the page number (drawn once the document
    is laid out) too."""
    s, pad = styles(theme), theme.space.cell_padding
    rows, commands = [], []
    for row, (level, title, key) in enumerate(entries):
        title_style, page_style = (s["toc"], s["toc_page"]) if level == 0 else (s["toc_sub"], s["toc_sub_page"])
        rows.append([_link(title, key, title_style), PageNumberOf(key, page_style)])
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
    ], theme)


def _link(text: str, key: str, style) -> Para:
    """Text that jumps to the bookmark ``key`` (our own keys, section-N: safe in markup)."""
    return Para(f'<a href="#{key}">{escape(text)}</a>', style)


def fit_tiles(items: list[str], theme: Theme, width: float) -> bool:
    """Whether every item fits a tile on one line (else a list reads better)."""
    room = width / theme.space.tile_columns - 2 * theme.space.tile_padding
    return all(stringWidth(item, theme.bold_font, theme.type.cell) <= room for item in items)


def tiles(items: list[str], theme: Theme, width: float) -> Table:
    """Short items (segments, amenities) as tinted tiles, on one grid for every list."""
    s = styles(theme)
    columns = theme.space.tile_columns
    cells: list[Flowable | str] = [text_para(item, s["cell_head"]) for item in items]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), theme.space.tile_padding - 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), theme.space.tile_padding),
        ("LEFTPADDING", (0, 0), (-1, -1), theme.space.tile_padding),
    ]
    for index in range(len(items)):
        cell = (index % columns, index // columns)
        commands += [("BACKGROUND", cell, cell, theme.palette.panel),
                     ("LINEBEFORE", cell, cell, theme.lines.tile_bar, theme.palette.accent),
                     ("LINEBELOW", cell, cell, theme.lines.tile_gap, theme.palette.paper),
                     ("LINEAFTER", cell, cell, theme.lines.tile_gap, theme.palette.paper)]
    return _table(rows, [width / columns] * columns, commands, theme)


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
    """A pull quote with an accent bar and the speaker under it."""
    s = styles(theme)
    body = [text_para(text, s["quote"]), Spacer(0, theme.space.paragraph_gap),
            text_para(attribution, s["attribution"])]
    return _table([[body]], [width], [
        ("LINEBEFORE", (0, 0), (0, 0), theme.lines.quote_bar, theme.palette.accent),
        ("LEFTPADDING", (0, 0), (-1, -1), theme.space.panel_padding + theme.lines.quote_bar),
        ("TOPPADDING", (0, 0), (-1, -1), theme.space.paragraph_gap / 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), theme.space.paragraph_gap),
    ], theme)


class ShrinkToFit(KeepInFrame):
    """Content kept in its frame: the ``optional`` flowables are left out first when it does
    not fit, and only then is the rest scaled down (a one-page flyer keeps its type size)."""

    def __init__(self, content: list[Flowable], optional: Sequence[Flowable] = ()):
        super().__init__(0, 0, content, mode="shrink")
        self._everything = list(content)
        self._optional = [id(f) for f in optional]

    def wrap(self, available_width, available_height):
        if _height(self._everything, available_width, available_height + 1) > available_height:
            hooks.set_contents(self, [f for f in self._everything if id(f) not in self._optional])
        else:
            hooks.set_contents(self, self._everything)
        return super().wrap(available_width, available_height)
