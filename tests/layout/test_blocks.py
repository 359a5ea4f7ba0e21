"""Building blocks: key figures at one size in a grid of full rows (read back from the PDF), a
fixed page that leaves out whole blocks by rank and says so (never scaling), and table columns
sized from their content."""

import io

import pdfplumber
import pytest
from reportlab.lib.pagesizes import A4, A5
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table

from briefing.layout import blocks
from briefing.layout.blocks import LeaveOut
from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT, for_language
from briefing.text import fonts, hooks
from briefing.text.numbers import Parts

WIDTH = 480


def grid(theme, *numbers):
    fonts.register()
    items = [(Parts("", number, "平方米"), "label") for number in numbers]
    columns, style = blocks._figure_grid(items, styles(theme)["figure"], theme, theme.frame_width)
    return columns, style.fontSize


def test_figures_that_fit_stand_in_one_row_at_the_scale_size():
    assert grid(DEFAULT.for_paper(A4), "14", "2", "20", "5") == (4, styles(DEFAULT.for_paper(A4))["figure"].fontSize)


def test_four_figures_on_a5_stand_two_by_two_at_one_size():
    a5 = DEFAULT.for_paper(A5)
    assert grid(a5, "14", "2", "20", "5") == (2, styles(a5)["figure"].fontSize)


def test_three_figures_never_leave_a_row_half_empty():
    columns, _ = grid(DEFAULT.for_paper(A5), "4.2万", "20", "10亿")
    assert columns in (3, 1)


def test_a_fixed_page_leaves_out_whole_blocks_by_rank_and_says_so():
    """Never scaled: the block of the highest rank goes first, then the next; rank 0 stays."""
    said = []
    must, summary, table = Spacer(100, 60), Spacer(100, 30), Spacer(100, 20)
    box = LeaveOut([("the figures", 0, [must]), ("the summary", 1, [summary]), ("the table", 2, [table])],
                   said.append)
    box.canv = None  # ReportLab sets it when the box is laid out on a page
    assert box.wrap(100, 120)[1] == pytest.approx(110) and box._dropped == []
    assert box.wrap(100, 95)[1] == pytest.approx(90) and box._dropped == ["the table"]
    assert box.wrap(100, 70)[1] == pytest.approx(60) and box._dropped == ["the summary", "the table"]
    assert box.wrap(100, 40)[1] <= 40 and box._content == [must]  # rank 0 stays, clipped but never scaled
    assert said == []  # said when drawn, once



def test_a_block_with_shorter_versions_is_set_shorter_before_it_is_left_out():
    """A table of essentials sheds its last rows, one version at a time, before the whole
    table goes; what was shed is said when the box is drawn."""
    said = []
    must, whole, fewer, fewest = Spacer(100, 60), Spacer(100, 40), Spacer(100, 25), Spacer(100, 10)
    box = LeaveOut([("the figures", 0, [must]), ("the table", 1, [whole])], said.append,
                   shorter={"the table": [("its last row", [fewer]), ("its last two rows", [fewest])]})
    box.canv = None
    assert box.wrap(100, 100)[1] == pytest.approx(100) and box._content == [must, whole]
    assert box.wrap(100, 90)[1] == pytest.approx(85) and box._content == [must, fewer]
    assert box.wrap(100, 75)[1] == pytest.approx(70) and box._content == [must, fewest]
    assert box._shortened == ["its last two rows"] and box._dropped == []
    assert box.wrap(100, 65)[1] == pytest.approx(60) and box._dropped == ["the table"] and box._shortened == []

def test_columns_are_sized_from_their_content():
    """A column of long unbreakable units is never narrower than its widest unit; the short
    column gets what its text needs; together they take the width."""
    fonts.register()
    theme = for_language(DEFAULT, "en")
    cell = styles(theme)["cell"]
    rows = [[("Total", cell), ("at least RMB 100 million and more than 20 companies signed", cell)],
            [("RMB 1 billion", cell), ("expected 100 companies in the alliance by 2021", cell)]]
    widths = blocks.content_widths(rows, 200, 6)
    assert sum(widths) == pytest.approx(200)
    assert widths[0] >= stringWidth("RMB 1 billion", cell.fontName, cell.fontSize) + 6 - 1e-6


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


def test_every_figure_of_a_block_is_set_at_one_size(tmp_path):
    """A long number set smaller sets its neighbours smaller too: one size for the block."""
    fonts.register()
    style = styles(DEFAULT)["figure"]
    width = 0.8 * natural_width(LONG, style) + DEFAULT.space.tile_padding
    table = blocks.key_figures([(LONG, "a"), (Parts("", "20", " companies"), "b")], DEFAULT, width)
    path = tmp_path / "figures.pdf"
    doc = BaseDocTemplate(str(path), pagesize=(width + 40, 600),
                          pageTemplates=[PageTemplate(frames=[Frame(20, 20, width, 560, 0, 0, 0, 0)])])
    doc.build([table])
    with pdfplumber.open(path) as pdf:
        digits = [c for c in pdf.pages[0].chars if c["text"].isdigit()]
    assert len(sizes(digits)) == 1


def test_a_figure_that_fits_keeps_its_size(tmp_path):
    size, digits, letters = figure_in_a_column(LONG, 1.05, tmp_path)
    assert sizes(digits) == {size} and len(baselines(digits + letters)) == 1


def test_a_figure_far_too_wide_keeps_its_size_and_its_words_wrap(tmp_path):
    """Below MIN_FIGURE_SCALE it would be too small to read as a key figure: it keeps its size,
    and its words go below the number."""
    size, digits, letters = figure_in_a_column(WORDY, blocks.MIN_FIGURE_SCALE * 0.9, tmp_path)
    assert sizes(digits) == {size} and len(baselines(digits)) == 1
    assert min(baselines(letters)) < min(baselines(digits))  # PDF y grows upwards: below


def test_a_shorter_version_may_come_before_a_block_of_higher_rank_goes():
    """The contact's addresses go before the summary, its QR image after it: a shorter
    version carries the rank it is taken at."""
    said = []
    summary, contact, fewer, fewest = Spacer(100, 30), Spacer(100, 40), Spacer(100, 25), Spacer(100, 15)
    box = LeaveOut([("the summary", 4, [summary]), ("the contact", 3, [contact])], said.append,
                   shorter={"the contact": [("its addresses", [fewer], 4.5), ("its QR image", [fewest], 3.5)]})
    box.canv = None
    assert box.wrap(100, 60)[1] == pytest.approx(55) and box._content == [summary, fewer]  # the summary stays
    assert box.wrap(100, 50)[1] == pytest.approx(40) and box._content == [contact]  # the summary before the QR image
    # With the summary gone (it fits beside no version of the contact) the room it freed gives
    # the contact its addresses back: nothing shortened that fits whole.
    assert box.wrap(100, 40)[1] == pytest.approx(40) and box._dropped == ["the summary"]
    assert box._content == [contact] and box._shortened == []
    assert box.wrap(100, 20)[1] == pytest.approx(15) and box._content == [fewest]


def test_what_a_later_step_made_room_for_is_given_back():
    """Greedy steps can free more room than needed: the essentials shed row by row and then
    left out, the status line after them, left half a flyer blank; the most important of what
    was taken comes back where it fits."""
    said = []
    status, essentials, two_rows, one_row = Spacer(100, 50), Spacer(100, 60), Spacer(100, 40), Spacer(100, 20)
    box = LeaveOut([("the status line", 5, [status]), ("the essentials", 7, [essentials])], said.append,
                   shorter={"the essentials": [("a row", [two_rows]), ("two rows", [one_row])]})
    box.canv = None
    # 45 high: the essentials go row by row and whole, then the status line (50: too tall even
    # alone); with it gone, the essentials come back as far as they fit: two of their rows.
    assert box.wrap(100, 45)[1] == pytest.approx(40) and box._content == [two_rows]
    assert box._dropped == ["the status line"] and box._shortened == ["a row"]



def _sources_like_table_pdf(measure_once: bool) -> tuple[bytes, list]:
    """A grid table of 240 rows of unequal heights over many A5 pages, as the overview's
    sources table: the PDF and, per part drawn, its rows and whether it continued one before
    it and continues after it. ``measure_once`` False sizes it as ReportLab does."""
    fonts.register()
    theme = DEFAULT.for_paper(A5)
    rows = [[f"园区{i}", "签约项目" * (1 + 5 * (i % 4)), f"{i * 7}亿元", "2021年4月", "", str(1 + i % 3)] for i in range(240)]
    table = blocks.grid_table(["表", "数字", "数值", "时间", "目标", "来源"], rows, theme, theme.frame_width, numeric=(2,))
    if not measure_once:
        table.__class__ = type("AsReportLab", (type(table),), {"_calc_height": Table._calc_height})
    parts: list = []
    out = io.BytesIO()
    frame = Frame(0, 0, theme.frame_width, theme.frame_height, 0, 0, 0, 0)
    doc = BaseDocTemplate(out, pagesize=(theme.frame_width, theme.frame_height), invariant=1,
                          pageTemplates=[PageTemplate(frames=[frame])])
    doc.afterFlowable = lambda f: parts.append((len(f._cellvalues), f.continued, f.continues)) \
        if isinstance(f, Table) else None
    doc.build([Spacer(10, theme.frame_height * 0.85), table])
    return out.getvalue(), parts


def test_a_long_table_measured_once_breaks_over_the_same_pages_as_before():
    """Rows kept whole, at least two body rows on either side of a break, each part marked
    continued and continuing as it was when ReportLab measured the table on every call."""
    before, parts_before = _sources_like_table_pdf(measure_once=False)
    after, parts_after = _sources_like_table_pdf(measure_once=True)
    assert len(parts_after) > 20, parts_after
    assert parts_after == parts_before
    assert parts_after[0][1:] == (False, True) and parts_after[-1][1:] == (True, False)
    assert all(rows - 1 >= blocks._Table.least_rows for rows, _, _ in parts_after)
    assert after == before


def test_contents_parts_take_the_rows_and_heights_of_the_whole_as_parts_made_afresh_would(monkeypatch):
    """A long table of contents is cut into pages from the table measured whole: each part
    has the height and row heights a table of its entries made afresh has (its first row, a
    chapter's, without the rule and room above it), and only that first row is measured."""
    fonts.register()
    theme = DEFAULT.for_paper(A5)
    width = theme.frame_width
    entries = [(0 if i % 5 == 0 else 1, f"第{i}章 园区" + "概况" * (i % 7), f"section-{i + 1}") for i in range(40)]
    whole = blocks.contents_table(entries, theme, width)
    whole.wrap(width, 1e6)
    measured = []
    base = Table._calc_height
    monkeypatch.setattr(Table, "_calc_height", lambda self, *a, **k: (
        measured.append(sum(h is None for h in self._argH)), base(self, *a, **k))[1])
    counts = [5, 7, 10, 3, 15]  # parts beginning with a chapter (rows 0, 5, 15) and within one (12, 25)
    parts = blocks.contents_parts(whole, entries, counts, theme, width)
    sizes = [part.wrap(width, 1e6) for part in parts]
    assert measured == [1] * len(counts)  # each part's first row only
    monkeypatch.setattr(Table, "_calc_height", base)
    start = 0
    for count, part, size in zip(counts, parts, sizes):
        fresh = blocks.contents_table(entries[start:start + count], theme, width)
        assert size == fresh.wrap(width, 1e6)
        assert list(hooks.row_heights(part)) == list(hooks.row_heights(fresh))
        start += count
