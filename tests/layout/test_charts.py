"""Charts measured on a canvas of their own: bars compare within a group, and a missing value is a dash."""

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from briefing.layout import charts
from briefing.layout.theme import DEFAULT
from briefing.text import fonts

WIDTH = 480


class RecordingCanvas(Canvas):
    """A canvas that notes every rectangle drawn on it."""

    def __init__(self):
        super().__init__(io.BytesIO())
        self.rects = []

    def rect(self, x, y, width, height, *args, **kwargs):
        self.rects.append((x, y, width, height))
        super().rect(x, y, width, height, *args, **kwargs)


def test_grouped_bars_scale_each_group_and_mark_a_missing_value(monkeypatch):
    fonts.register()
    texts = []
    real_draw_line = charts.draw_line
    monkeypatch.setattr(charts, "draw_line", lambda canvas, text, *args: texts.append(text) or
                        real_draw_line(canvas, text, *args))
    chart = charts.GroupedBars([("面积", [(42000, "4.2万"), (17000, "1.7万")]), ("签约", [(20, "20家"), None])],
                               ["甲", "乙"], DEFAULT, WIDTH)
    canvas = RecordingCanvas()
    chart.wrapOn(canvas, WIDTH, 1000)
    chart.drawOn(canvas, 0, 0)
    bar_height = DEFAULT.type.small * DEFAULT.chart.bar
    bars = [width for _, _, width, height in canvas.rects if height == bar_height]
    assert len(bars) == 3
    assert bars[0] == bars[2] > bars[1]  # the largest of each group spans the same length
    assert "—" in texts and "4.2万" in texts and "乙" in texts


def test_grouped_bars_of_one_unit_share_one_scale():
    """Companies at each stage, one park giving each: over 10 is drawn shorter than more than 30,
    never as long."""
    fonts.register()
    groups = [("签约", [(20, "20多家"), None]), ("初审", [(30, "30多家"), None]), ("意向", [None, (10, "10余家")])]
    chart = charts.GroupedBars(groups, ["甲", "乙"], DEFAULT, WIDTH, shared_scale=True)
    canvas = RecordingCanvas()
    chart.wrapOn(canvas, WIDTH, 1000)
    chart.drawOn(canvas, 0, 0)
    bar_height = DEFAULT.type.small * DEFAULT.chart.bar
    signed, reviewed, intent = [width for _, _, width, height in canvas.rects if height == bar_height]
    assert reviewed > signed > intent
    assert signed / reviewed == pytest.approx(20 / 30) and intent / reviewed == pytest.approx(10 / 30)
