"""Building blocks measured without a page."""

import pytest
from reportlab.platypus import Spacer

from briefing.layout.blocks import ShrinkToFit


def test_optional_content_is_left_out_before_anything_shrinks():
    must, extra = Spacer(100, 60), Spacer(100, 30)
    box = ShrinkToFit([must, extra], optional=[extra])
    box.canv = None  # ReportLab sets it when the box is laid out on a page
    assert box.wrap(100, 100)[1] == pytest.approx(90) and box._content == [must, extra]  # room for both
    assert box.wrap(100, 80)[1] == pytest.approx(60) and box._content == [must]  # no room: the optional part goes
    assert box.wrap(100, 40)[1] <= 40  # still no room: the rest is scaled down
