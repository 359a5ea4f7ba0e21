"""Charts drawn on the page: horizontal bars for one park's figures now and as targets, and
grouped bars comparing the parks. Each bar carries its figure as the text writes it."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from briefing.layout.styles import styles
from briefing.layout.theme import Theme
from briefing.text import hooks
from briefing.text.typeset import draw_line, paragraph, text_width


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
        self.label_width = _label_width([label for label, *_ in rows], theme, width)
        self.row_height = _row_pitch([r[0] for r in rows], theme, self.label_width, c.row)
        self.bar_height = size * c.bar
        value_room = max(text_width(text, theme.bold_font, size) for _, _, text, _ in rows) + c.gap
        self.scale = (width - self.label_width - value_room) / max(value for _, value, _, _ in rows)
        self.height = self.row_height * len(rows) + size * 3 + _label_overhang([r[0] for r in rows], theme,
                                                                               self.label_width)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        theme, canvas = self.theme, self.canv
        for index, (label, value, text, series) in enumerate(self.rows):
            y = self.height - (index + 1) * self.row_height
            _draw_label(canvas, label, self.label_width, y, self.bar_height, theme)
            _draw_bar(canvas, self.label_width, y, value * self.scale, text, series, self.width, theme)
        _draw_legend(canvas, self.legend, self.label_width, self.width, theme)


class GroupedBars(Flowable):
    """Bars side by side, one group per measure and one bar per series (a park) in each:
    (label, [(value, value as written) or None per series]) per group, and a legend.

    With ``shared_scale`` every group is drawn on one scale, for groups of one unit (companies
    at each stage), so that a longer bar is a larger number wherever it stands; otherwise each
    group has a scale of its own and the bars compare the series within a group only. A series
    with nothing for a measure gets a dash instead of a bar. Drawn and set like ``BarChart``.
    """

    def __init__(self, groups: list[tuple[str, list[tuple[float, str] | None]]], legend: list[str],
                 theme: Theme, width: float, shared_scale: bool = False):
        super().__init__()
        self.groups, self.legend, self.theme, self.width = groups, legend, theme, width
        self.shared = max((bar[0] for _, bars in groups for bar in bars if bar), default=0) if shared_scale else 0
        c, size = theme.chart, theme.type.small
        self.series = max(len(bars) for _, bars in groups)
        self.label_width = _label_width([label for label, _ in groups], theme, width)
        self.row_height, self.bar_height = size * c.grouped_row, size * c.bar
        label_room = _row_pitch([g[0] for g in groups], theme, self.label_width, c.grouped_row) * 0.9
        self.group_height = max(self.row_height * self.series, label_room) + size * c.group_gap
        texts = [bar[1] for _, bars in groups for bar in bars if bar]
        value_room = max([text_width(t, theme.bold_font, size) for t in texts] + [size]) + c.gap
        self.room = width - self.label_width - value_room
        self.height = self.group_height * len(groups) + size * 3 + _label_overhang([g[0] for g in groups], theme,
                                                                                   self.label_width)

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        theme, canvas = self.theme, self.canv
        top = self.height
        for label, bars in self.groups:
            largest = self.shared or max((bar[0] for bar in bars if bar), default=0) or 1
            _draw_label(canvas, label, self.label_width, top - self.row_height, self.bar_height, theme)
            for index, bar in enumerate(bars):
                y = top - (index + 1) * self.row_height
                if bar is None:
                    draw_line(canvas, "—", styles(theme)["chart_legend"], self.label_width,
                              _baseline(y, self.bar_height, theme), self.width - self.label_width)
                else:
                    _draw_bar(canvas, self.label_width, y, self.room * bar[0] / largest, bar[1], index,
                              self.width, theme)
            top -= self.group_height
        _draw_legend(canvas, self.legend, self.label_width, self.width, theme)


def _label_width(labels: list[str], theme: Theme, width: float) -> float:
    """Room for a chart's labels left of its bars: the longest label's, up to the theme's share."""
    c, size = theme.chart, theme.type.small
    return min(max(text_width(label, theme.font, size) for label in labels) + c.gap, width * c.label_share)


def _baseline(y: float, bar_height: float, theme: Theme) -> float:
    """The baseline of text beside a bar drawn from ``y``: centred on the bar."""
    return y + bar_height / 2 - theme.type.small / 3


def _draw_label(canvas, label: str, label_width: float, y: float, bar_height: float, theme: Theme) -> None:
    """A bar's label, flush right against the bar, at the labels' size: one too long for its
    room wraps onto lines above (the rows leave room for ``label_lines``), never shrinks."""
    room = label_width - theme.chart.gap
    style = styles(theme)["chart_label"]
    lines = label_lines(label, theme, label_width)
    draw_line(canvas, label, style, 0, _baseline(y, bar_height, theme) + (lines - 1) * style.leading, room)


def _row_pitch(labels: list[str], theme: Theme, label_width: float, pitch: float) -> float:
    """The rows' pitch: the theme's, or more where a label takes more than one line, so that
    the labels of two rows never touch."""
    lines = max((label_lines(label, theme, label_width) for label in labels), default=1)
    leading = styles(theme)["chart_label"].leading
    return max(theme.type.small * pitch, lines * leading + theme.type.small * 0.8)


def _label_overhang(labels: list[str], theme: Theme, label_width: float) -> float:
    """Room above the first bar for a label of more than one line."""
    lines = max((label_lines(label, theme, label_width) for label in labels), default=1)
    return (lines - 1) * styles(theme)["chart_label"].leading


def label_lines(label: str, theme: Theme, label_width: float) -> int:
    """How many lines a chart label takes in its room."""
    para = paragraph(label, styles(theme)["chart_label"])
    para.wrap(label_width - theme.chart.gap, 1e6)
    return len(hooks.lines_of(para))


def _draw_bar(canvas, x: float, y: float, length: float, text: str, series: int, width: float,
              theme: Theme) -> None:
    """A bar in its series' colour, with its value as written after it."""
    c, colour = theme.chart, theme.palette.chart[series % len(theme.palette.chart)]
    bar_height = theme.type.small * c.bar
    canvas.setFillColor(colour)
    canvas.rect(x, y, max(length, 1), bar_height, stroke=0, fill=1)
    x += max(length, 1) + c.gap / 2
    draw_line(canvas, text, _restyled(styles(theme)["chart_value"], textColor=colour), x,
              _baseline(y, bar_height, theme), width - x)


def _draw_legend(canvas, names: list[str], x: float, width: float, theme: Theme) -> None:
    """Series names with their colours, along the foot of a chart."""
    p, size = theme.palette, theme.type.small
    for series, name in enumerate(names):
        canvas.setFillColor(p.chart[series % len(p.chart)])
        canvas.rect(x, size * 0.4, size, size * 0.8, stroke=0, fill=1)
        draw_line(canvas, name, styles(theme)["chart_legend"], x + size * 1.4, size * 0.5, width - x)
        x += size * 2 + text_width(name, theme.font, size) + theme.chart.gap


def _restyled(style: ParagraphStyle, **changes) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-{len(changes)}", parent=style, **changes)



