"""Building blocks: a row of figures makes room for a long number, and sets a number too wide
for its column smaller (read back from the PDF); optional content goes before anything shrinks."""

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from briefing.layout import blocks
from briefing.layout.blocks import ShrinkToFit
from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT
from briefing.text import fonts
from briefing.text.numbers import Parts

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


# -- a key figure too wide for its column -------------------------------------------------------

LONG = Parts("", "12,345,678", " companies")
WORDY = Parts("", "20", " companies and teams")  # a short number with long words


def natural_width(parts: Parts, style) -> float:
    """The figure on one line at the style's size, its words at half (as figure_markup sets them),
    measured here with ReportLab's metrics."""
    small = round(style.fontSize * 0.5, 1)
    return (stringWidth(parts.number, style.fontName, style.fontSize)
            + stringWidth(parts.lead + parts.after, style.fontName, small))


def figure_in_a_column(parts: Parts, share: float, tmp_path) -> tuple[float, list, list]:
    """A row of one key figure in a column whose room (its width less its padding) is ``share``
    of what the figure needs at full size, laid out in a PDF and read back: the style's size,
    and the figure's digits and letters as pdfplumber finds them."""
    fonts.register()
    style = styles(DEFAULT)["figure"]
    width = share * natural_width(parts, style) + DEFAULT.space.tile_padding  # the first column pads on its right
    table = blocks.key_figures([(parts, "签约企业")], DEFAULT, width)
    path = tmp_path / "figure.pdf"
    margin = 20
    doc = BaseDocTemplate(str(path), pagesize=(width + 2 * margin, 400),
                          pageTemplates=[PageTemplate(frames=[Frame(margin, margin, width, 360, 0, 0, 0, 0)])])
    doc.build([table])
    with pdfplumber.open(path) as pdf:
        chars = pdf.pages[0].chars
    digits = [c for c in chars if c["text"].isdigit()]
    letters = [c for c in chars if c["text"].isascii() and c["text"].isalpha()]
    assert "".join(c["text"] for c in digits) == "".join(filter(str.isdigit, parts.number))
    return style.fontSize, digits, letters


def sizes(chars) -> set:
    return {round(c["size"], 2) for c in chars}


def baselines(chars) -> set:
    return {round(c["matrix"][5], 1) for c in chars}


def test_a_figure_too_wide_for_its_column_is_set_smaller_on_one_line(tmp_path):
    """Needing 1.25 times its room, the figure is set at 0.97 / 1.25 of its size (a little air
    kept), as the PDF shows, its words on the number's baseline."""
    assert blocks.MIN_FIGURE_SCALE < 0.8
    size, digits, letters = figure_in_a_column(LONG, 0.8, tmp_path)
    assert sizes(digits) == {round(size * 0.97 * 0.8, 2)}
    assert len(baselines(digits + letters)) == 1


def test_a_figure_that_fits_keeps_its_size(tmp_path):
    size, digits, letters = figure_in_a_column(LONG, 1.05, tmp_path)
    assert sizes(digits) == {size} and len(baselines(digits + letters)) == 1


def test_a_figure_far_too_wide_keeps_its_size_and_its_words_wrap(tmp_path):
    """Below MIN_FIGURE_SCALE it would be too small to read as a key figure: it keeps its size,
    and its words go below the number."""
    size, digits, letters = figure_in_a_column(WORDY, blocks.MIN_FIGURE_SCALE * 0.9, tmp_path)
    assert sizes(digits) == {size} and len(baselines(digits)) == 1
    assert min(baselines(letters)) < min(baselines(digits))  # PDF y grows upwards: below
