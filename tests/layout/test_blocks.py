"""Building blocks measured without a page: a row of figures makes room for a long number;
optional content goes before anything shrinks."""

import pytest
from reportlab.platypus import Spacer

from briefing.text import fonts
from briefing.layout import blocks
from briefing.layout.blocks import ShrinkToFit
from briefing.text.numbers import Parts
from briefing.layout.theme import DEFAULT, styles

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


def test_optional_content_is_left_out_before_anything_shrinks():
    must, extra = Spacer(100, 60), Spacer(100, 30)
    box = ShrinkToFit([must, extra], optional=[extra])
    box.canv = None  # ReportLab sets it when the box is laid out on a page
    assert box.wrap(100, 100)[1] == pytest.approx(90) and box._content == [must, extra]  # room for both
    assert box.wrap(100, 80)[1] == pytest.approx(60) and box._content == [must]  # no room: the optional part goes
    assert box.wrap(100, 40)[1] <= 40  # still no room: the rest is scaled down
