"""Building blocks shared by every layout: headings, key figures, tables, lists, quotes,
panels and charts. Each takes already-chosen text and the theme; none knows about parks."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor
from reportlab.lib.units import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepInFrame, KeepTogether, Spacer, Table, TableStyle

from briefing.layout.document import Heading
from briefing.numbers import Parts
from briefing.theme import Theme, styles
from briefing.typeset import Para, draw_line, escape, text_width
from briefing.typeset import paragraph as text_para  # escapes; blocks.paragraph takes a style name


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
        self.splitInRow = int(max(self._rowHeights, default=0) > self.page_room)
        return size

    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        for part in parts:  # ReportLab builds the parts from the class, without our attribute
            part.page_room = self.page_room
        return parts


def heading(text: str, theme: Theme, level: int = 0, style: str = "") -> Heading:
    style = style or ("h1" if level == 0 else "h2")
    return Heading(escape(text), styles(theme)[style], outline_title=text, level=level)


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
    return [CondPageBreak(room), KeepTogether([*opening, body[0]]), *body[1:]]


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
    qualifier above it still shares its baseline with the others.
    """
    s = styles(theme)
    number_style = s["figure" if large else "figure_small"]
    sp = theme.space
    columns = max(1, len(items))
    room = width / columns - sp.tile_padding - sp.panel_padding  # text width of a column
    numbers = []
    for parts, _ in items:
        cell = [text_para(parts.before, s["figure_qualifier"])] if parts.before else []
        style = _fitting_figure_style(parts, number_style, room)
        numbers.append(cell + [Para(figure_markup(parts, style.fontSize), style)])
    labels = [text_para(label, s["figure_label"]) for _, label in items]
    return _table([numbers, labels], [width / columns] * columns, [
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


#: A figure too wide for its column is set smaller, down to this share of its size; below
#: that its words wrap instead ("20 companies" would otherwise break after the number).
MIN_FIGURE_SCALE = 0.6


def _fitting_figure_style(parts: Parts, style: ParagraphStyle, room: float) -> ParagraphStyle:
    size, font = style.fontSize, style.fontName
    small = round(size * 0.5, 1)
    spaces = (parts.lead + parts.after).count(" ")  # text_width trims the spaces at the ends
    natural = (text_width(parts.number, font, size) + text_width(parts.lead, font, small)
               + text_width(parts.after, font, small) + spaces * stringWidth(" ", font, small))
    if natural <= room:
        return style
    scale = 0.97 * room / natural  # a little air: the small size is rounded, and the line must not break
    if scale < MIN_FIGURE_SCALE:
        return style
    return ParagraphStyle(f"{style.name}_fitted", parent=style, fontSize=size * scale,
                          leading=style.leading * scale)


def fact_table(rows: list[tuple[str, str]], theme: Theme, width: float, label_share: float = 0.24) -> Table:
    """Label and value rows with hairlines between them."""
    s = styles(theme)
    data = [[text_para(label, s["cell_head"]), text_para(value, s["cell"])]
            for label, value in rows]
    return _table(data, [width * label_share, width * (1 - label_share)], _ruled(theme), theme)


def grid_table(header: list[str], rows: list[list[str]], theme: Theme, widths: list[float],
               numeric: tuple[int, ...] = ()) -> Table:
    """A table with a header row that repeats when it breaks across pages; the ``numeric``
    columns are set flush right, so that figures line up."""
    s = styles(theme)

    def style(column, name):
        return s[f"{name}_right"] if column in numeric else s[name]

    data = [[text_para(h, style(c, "cell_head")) for c, h in enumerate(header)]]
    data += [[text_para(cell, style(c, "cell")) for c, cell in enumerate(row)] for row in rows]
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


def tiles(items: list[str], theme: Theme, width: float) -> Table:
    """Short items (segments, amenities) as tinted tiles, on one grid for every list."""
    s = styles(theme)
    columns = theme.space.tile_columns
    cells = [text_para(item, s["cell_head"]) for item in items]
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [""] * (columns - len(rows[-1]))
    commands = [
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
    rows = [cells[i:i + columns] for i in range(0, len(cells), columns)]
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


class BarChart(Flowable):
    """Horizontal bars: (label, value, value as written, series index) per row, and a legend.

    Drawn by hand rather than with ReportLab's chart classes so that each bar carries its
    figure exactly as the text writes it (20多家, not 20), and every label is set by the
    typesetter like the text around it (Han-Latin spacing, copy-out). The caller leaves out
    a chart whose values are all zero.
    """

    def __init__(self, rows: list[tuple[str, float, str, int]], legend: list[str], theme: Theme, width: float):
        super().__init__()
        self.rows, self.legend, self.theme, self.width = rows, legend, theme, width
        c, size = theme.chart, theme.type.small
        self.row_height, self.bar_height = size * c.row, size * c.bar
        self.label_width = min(max(text_width(label, theme.font, size) for label, *_ in rows) + c.gap,
                               width * c.label_share)
        value_room = max(text_width(text, theme.bold_font, size) for _, _, text, _ in rows) + c.gap
        self.scale = (width - self.label_width - value_room) / max(value for _, value, _, _ in rows)
        self.height = self.row_height * len(rows) + size * 3

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        theme, canvas = self.theme, self.canv
        c, p, size = theme.chart, theme.palette, theme.type.small
        sheet = styles(theme)
        for index, (label, value, text, series) in enumerate(self.rows):
            y = self.height - (index + 1) * self.row_height
            baseline = y + self.bar_height / 2 - size / 3
            colour = p.chart[series % len(p.chart)]
            room = self.label_width - c.gap
            fitted = _fitting_size(label, theme.font, size, room)
            draw_line(canvas, label, _restyled(sheet["chart_label"], fontSize=fitted), 0, baseline, room)
            canvas.setFillColor(colour)
            canvas.rect(self.label_width, y, max(value * self.scale, 1), self.bar_height, stroke=0, fill=1)
            x = self.label_width + value * self.scale + c.gap / 2
            draw_line(canvas, text, _restyled(sheet["chart_value"], textColor=colour), x, baseline, self.width - x)
        x = self.label_width
        for series, name in enumerate(self.legend):
            canvas.setFillColor(p.chart[series])
            canvas.rect(x, size * 0.4, size, size * 0.8, stroke=0, fill=1)
            draw_line(canvas, name, sheet["chart_legend"], x + size * 1.4, size * 0.5, self.width - x)
            x += size * 2 + text_width(name, theme.font, size) + c.gap


def _restyled(style: ParagraphStyle, **changes) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{len(changes)}", parent=style, **changes)


def _fitting_size(text: str, font: str, size: float, room: float) -> float:
    """``size``, or smaller so that ``text`` fits ``room`` (a long label in a narrow column)."""
    natural = text_width(text, font, size)
    return size if natural <= room else size * room / natural


class ShrinkToFit(KeepInFrame):
    """Content kept in its frame: the ``optional`` flowables are left out first when it does
    not fit, and only then is the rest scaled down (a one-page flyer keeps its type size)."""

    def __init__(self, content: list[Flowable], optional: list[Flowable] = ()):
        super().__init__(0, 0, content, mode="shrink")
        self._everything = list(content)
        self._optional = [id(f) for f in optional]

    def wrap(self, available_width, available_height):
        if _height(self._everything, available_width, available_height + 1) > available_height:
            self._content = [f for f in self._everything if id(f) not in self._optional]
        else:
            self._content = self._everything
        return super().wrap(available_width, available_height)
