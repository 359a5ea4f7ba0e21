"""Building blocks: a row of figures makes room for a long number; bars compare within a group."""

from reportlab.graphics.shapes import Rect, String

from briefing import fonts
from briefing.layout import blocks
from briefing.numbers import Parts
from briefing.theme import DEFAULT, styles

WIDTH = 480


def widths(*numbers):
    fonts.register()
    items = [(Parts("", number, "平方米"), "label") for number in numbers]
    return blocks._figure_widths(items, styles(DEFAULT)["figure"], DEFAULT, WIDTH)


def test_figures_that_fit_share_the_row_equally():
    assert widths("14", "2", "20") == [WIDTH / 3] * 3


def test_a_long_number_gets_the_room_it_needs():
    result = widths("14", "2", "5.9万", "20")
    assert result[2] > WIDTH / 4 and result[0] == result[1] == result[3] < WIDTH / 4
    assert abs(sum(result) - WIDTH) < 1e-6


def test_grouped_bars_scale_each_group_and_mark_a_missing_value():
    fonts.register()
    drawing = blocks.grouped_bars([("面积", [(42000, "4.2万"), (17000, "1.7万")]), ("签约", [(20, "20家"), None])],
                                  ["甲", "乙"], DEFAULT, WIDTH)
    bars = [shape.width for shape in drawing.contents if isinstance(shape, Rect) and shape.height > 10]
    assert len(bars) == 3
    assert bars[0] == bars[2] > bars[1]  # the largest of each group spans the same length
    assert "—" in [shape.text for shape in drawing.contents if isinstance(shape, String)]
