"""The hooks into ReportLab's private surface (``text/hooks.py``), each on its own: these are
what a new ReportLab release may break, so each is checked where it touches ReportLab. And
``Para`` refuses a style that would bypass them."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepInFrame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from briefing.layout.document import Heading
from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT
from briefing.text import fonts, hooks
from briefing.text.typeset import Para, paragraph


def test_para_refuses_a_style_without_cjk_wrapping():
    fonts.register()
    stock = ParagraphStyle("stock", fontName=fonts.REGULAR)
    with pytest.raises(hooks.StyleError, match=r"^paragraph style 'stock' has wordWrap=None; the typesetter"):
        Para("园区", stock)
    with pytest.raises(ValueError, match="'latin' has wordWrap='LTR'"):
        paragraph("园区", ParagraphStyle("latin", parent=styles(DEFAULT)["body"], wordWrap="LTR"))
    with pytest.raises(hooks.StyleError, match="'h1_stock'"):
        Heading("园区", ParagraphStyle("h1_stock"), outline_title="园区")


def test_para_takes_every_theme_style_and_styles_made_from_them():
    for _name, style in styles(DEFAULT).items():
        Para("园区", style)
    Para("园区", ParagraphStyle("larger", parent=styles(DEFAULT)["body"], fontSize=14))


def test_lines_are_set_by_the_hook_and_split_without_spaces():
    fonts.register()
    para = paragraph("两个产业园都是高新区内的“园中园”，一栋楼就是一个特色产业园区。" * 4, styles(DEFAULT)["plain"])
    _width, height = para.wrap(120, 1e6)
    lines = para.breakLinesCJK([120, 120]).lines
    assert height == len(lines) * para.style.leading and len(lines) > 4
    assert all(line.wordCount == 1 for line in lines)  # ReportLab adds no spacing of its own
    _first, second = para.split(120, 2 * para.style.leading)
    assert "".join(str(f.text) for f in second.frags) == "".join(
        str(w.text) for line in lines[2:] for w in line.words)  # no space added per line
    assert hooks.first_line_ascent(para) > 0


def test_a_fixed_time_stamp_dates_the_document():
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    hooks.fix_time_stamp(canvas, 1619827200)  # 2021-05-01 00:00 UTC
    canvas.showPage()
    canvas.save()
    info = PdfReader(buffer).metadata
    assert info["/CreationDate"].startswith("D:20210501000000") and info["/ModDate"] == info["/CreationDate"]


def test_held_pages_are_finished_knowing_the_page_count():
    finished = []

    class Counting(hooks.HeldPagesCanvas):
        def finish_page(self, number, total):
            finished.append((number, total))
            self.drawString(10, 10, f"{number}/{total}")

    buffer = io.BytesIO()
    canvas = Counting(buffer, invariant=1)
    for _ in range(3):
        canvas.drawString(10, 100, "page")
        canvas.showPage()
    assert finished == []
    canvas.save()
    assert finished == [(1, 3), (2, 3), (3, 3)]
    reader = PdfReader(buffer)
    assert [page.extract_text().split() for page in reader.pages] == [["page", f"{n}/3"] for n in (1, 2, 3)]


def test_contents_of_containers():
    inner = [Spacer(10, 10), Spacer(10, 20)]
    assert hooks.contents(KeepTogether(inner)) == inner
    frame = KeepInFrame(0, 0, inner)
    assert hooks.contents(frame) == inner
    hooks.set_contents(frame, inner[:1])
    frame.canv = None
    assert hooks.contents(frame) == inner[:1] and frame.wrap(100, 100)[1] == pytest.approx(10)
    assert hooks.contents(Spacer(1, 1)) is None


def test_moved_on_tells_a_group_moved_to_the_next_frame():
    group = KeepTogether([Spacer(10, 50), Spacer(10, 50)])
    group.canv = None
    assert hooks.moved_on(group.split(100, 60))
    assert not hooks.moved_on(group.split(100, 200))
    assert not hooks.moved_on([])


def test_row_heights_and_splitting_inside_rows():
    table = Table([["a"], ["b"]], rowHeights=[12, 30])
    table.wrap(100, 100)
    assert list(hooks.row_heights(table)) == [12, 30]
    hooks.allow_split_in_rows(table, True)
    assert table.splitInRow == 1
    hooks.allow_split_in_rows(table, False)
    assert table.splitInRow == 0


def test_set_paragraphs_are_shared_by_text_style_and_width():
    """A text set in a style at a width is set once in a process: a second paragraph of the
    same text in an equal style (another object) takes the same lines; another width, style
    or text is set afresh, and gives the lines it would have alone."""
    fonts.register()
    body = styles(DEFAULT)["body"]
    text = "高新区围绕“两链两园”，着力引进总部型企业和科创型企业，打造产业发展新高地。" * 3
    first = Para(text, body)
    first.wrap(200, 1000)
    again = Para(text, ParagraphStyle("copy", parent=body))
    again.wrap(200, 1000)
    assert again.blPara.lines is first.blPara.lines
    assert again.frags is first.frags
    narrower = Para(text, body)
    narrower.wrap(150, 1000)
    assert narrower.blPara.lines is not first.blPara.lines
    larger = Para(text, ParagraphStyle("larger", parent=body, fontSize=body.fontSize + 1))
    larger.wrap(200, 1000)
    assert larger.blPara.lines is not first.blPara.lines
    hooks_off = Para.shared
    try:
        Para.shared = None
        alone = Para(text, ParagraphStyle("larger", parent=body, fontSize=body.fontSize + 1))
        alone.wrap(200, 1000)
    finally:
        Para.shared = hooks_off
    assert [_words(line) for line in alone.blPara.lines] == [_words(line) for line in larger.blPara.lines]


def test_plain_text_gets_the_frags_reportlabs_parser_would_make():
    """Text without markup is not parsed again once a plain text was parsed in an equal style:
    its frag is a copy of that one with its own text, equal in every attribute to what the
    parser makes, with lists of its own. Markup, entities, white space the parser would
    collapse and a style changing case are parsed."""
    fonts.register()
    sheet = styles(DEFAULT)
    texts = ["高新区围绕“两链两园”打造产业发展新高地。", "Floor area 4.2 万平方米 (2021)", "x", "a b  c",
             " padded", "tab\there", "line\nbreak", "<b>bold</b> text", "A &amp; B", "园\u3000区", "3 > 2"]
    for name in ("body", "cell", "h1", "caption", "toc"):
        Para("一段先解析的文字", sheet[name])  # the frag later plain texts in this style are copied from
        for text in texts:
            made = Para(text, ParagraphStyle(f"{name} again", parent=sheet[name]))
            hooks_off = Para.shared
            try:
                Para.shared = None
                parsed = Para(text, sheet[name])
            finally:
                Para.shared = hooks_off
            assert made.text == parsed.text and made.bulletText == parsed.bulletText
            assert [vars(f) for f in made.frags] == [vars(f) for f in parsed.frags], (name, text)
    first, second = Para("一", sheet["body"]), Para("二", sheet["body"])
    assert first.frags[0].link is not second.frags[0].link
    upper = ParagraphStyle("upper", parent=sheet["body"], textTransform="uppercase")
    assert Para("plain words", upper).frags[0].text == "PLAIN WORDS"
    assert Para("more words", upper).frags[0].text == "MORE WORDS"


def test_a_repeated_drawing_writes_what_drawing_it_again_would():
    """What is drawn the same on every page is drawn once: the later pages get the operators
    the first got, the same as drawing it again on each would write."""
    fonts.register()
    style = styles(DEFAULT)["header"]

    def header(canvas):
        canvas.saveState()
        para = Para("衡阳高新区  |  Overview 总览", style)
        para.wrapOn(canvas, 300, 100)
        para.drawOn(canvas, 40, 700)
        canvas.setLineWidth(0.5)
        canvas.line(40, 690, 340, 690)
        canvas.restoreState()

    def pages(repeat: bool) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, invariant=1)
        drawn = []
        for number in range(3):
            if repeat:
                hooks.repeated(canvas, "header", lambda number=number: drawn.append(number) or header(canvas))
            else:
                header(canvas)
            canvas.drawString(40, 400, f"page {number + 1}")
            canvas.showPage()
        canvas.save()
        assert drawn == ([0] if repeat else [])
        return buffer.getvalue()

    assert pages(repeat=True) == pages(repeat=False)


def test_widths_are_measured_once_per_character_font_and_size():
    fonts.register()
    shared = hooks.SharedSetting()
    assert shared.width("园", fonts.REGULAR, 10) == stringWidth("园", fonts.REGULAR, 10)
    assert shared.width("园", fonts.REGULAR, 12) == stringWidth("园", fonts.REGULAR, 12)
    assert shared.width("i", fonts.REGULAR, 10) < shared.width("园", fonts.REGULAR, 10)


def _words(line) -> list:
    return [(w.text, w.fontSize) for w in line.words]


# Drawing plain paragraphs ------------------------------------------------------------------------

_SHEET = styles(DEFAULT)
_HAN = "两个产业园都是高新区内的“园中园”，一栋楼就是一个特色产业园区（2021年）。"
_LATIN = ("The zone's two parks, Hengyang Intelligent Terminal Industrial Park and the 5G park, "
          "host 120 firms on 1,200 mu.")
#: Paragraphs drawn plainly, by (style, text[, bullet]): left, justified (spaced runs), right,
#: centred, mixed fonts and colours, with a first-line indent, English, with a bullet, links
#: (internal and external, over part of a line, across lines, several on a line).
PLAIN = [
    ("plain", _HAN * 3),
    ("body", _HAN * 4),
    ("cell_right", "1,200 亩"),
    ("qr_label", "扫码添加微信 " + _HAN),
    ("cell", "面积 <b>1,200</b> 亩，<font color='#c00000'>企业 120 家</font>，" + _HAN),
    ("plain", _LATIN * 3),
    ("attribution", "— " + _LATIN),
    ("header_right", "第 3 页，共 12 页"),
    ("bullet", _HAN * 2, "•"),
    ("reference", _LATIN * 2, "12."),
    ("toc", '<a href="#section-2">高新区与“两链两园”</a>'),
    ("body", _HAN + '<a href="https://www.example.org/">园区网站 <b>www.example.org</b></a>，' + _HAN * 2),
    ("plain", _LATIN + ' <a href="#section-2">See the zone</a> and <a href="https://www.example.org/">its site</a>. '
     + _LATIN),
    ("cell_right", '<a href="#section-2">12</a>'),
    ("cell", 'Tel. <a href="tel:+867348888888">0734 8888 8888 </a>(office hours)'),
]
#: Paragraphs ReportLab draws itself: a raised run, an underline.
NOT_PLAIN = [
    ("plain", "面积 1,200 m<super>2</super>，" + _HAN),
    ("plain", "面积 <u>1,200</u> 亩，" + _HAN),
]


def _drawn(cases, reportlab: bool) -> bytes:
    """The PDF of ``cases`` drawn on one page, by our drawing or (``reportlab``) by ReportLab's."""
    fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1)
    y = 800.0
    for name, text, *bullet in cases:
        para = Para(text, _SHEET[name], bulletText=bullet[0] if bullet else None)
        _width, height = para.wrapOn(canvas, 200, 1e6)
        if reportlab:
            para.drawn_plainly = lambda: False  # as any paragraph our drawing leaves to ReportLab
        para.drawOn(canvas, 40, y - height)
        canvas.saveState()  # a paragraph drawn straight (drawPara), as a table cell may be
        canvas.translate(300, y - height)
        para.canv = canvas
        para.drawPara()
        del para.canv
        canvas.restoreState()
        y -= height + 6
    canvas.bookmarkPage("section-2")  # where the internal links go
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


@pytest.mark.parametrize("case", PLAIN + NOT_PLAIN, ids=lambda case: f"{case[0]}:{case[1][:12]}:{case[2:]}")
def test_plain_drawing_writes_what_reportlab_writes(case):
    assert _drawn([case], reportlab=False) == _drawn([case], reportlab=True)


def test_plain_drawing_writes_what_reportlab_writes_for_many_paragraphs_on_a_page():
    # Later paragraphs reuse runs drawn before (kept per document) and the font subsets they chose.
    cases = PLAIN + NOT_PLAIN + PLAIN
    drawn = _drawn(cases, reportlab=False)
    assert drawn == _drawn(cases, reportlab=True)
    assert drawn != _drawn(cases[1:], reportlab=False)  # the comparison sees what is drawn


def test_plain_paragraphs_are_drawn_without_reportlab(monkeypatch):
    fonts.register()
    for name, text, *bullet in PLAIN:
        para = Para(text, _SHEET[name], bulletText=bullet[0] if bullet else None)
        para.wrap(200, 1e6)
        assert para.drawn_plainly(), (name, text)
    for name, text in NOT_PLAIN:
        para = Para(text, _SHEET[name])
        para.wrap(200, 1e6)
        assert not para.drawn_plainly(), (name, text)

    def refused(*args, **kwargs):
        raise AssertionError("ReportLab's drawing was used")

    monkeypatch.setattr(Paragraph, "drawPara", refused)
    monkeypatch.setattr(Flowable, "drawOn", refused)
    _drawn(PLAIN, reportlab=False)
    with pytest.raises(AssertionError, match="ReportLab's drawing"):
        _drawn(NOT_PLAIN[1:], reportlab=False)


def _long_table_pdf(table_class, rows: int, counts=None) -> tuple[bytes, list]:
    """A table of ``rows`` rows of paragraphs (of one to three lines: rows of unequal heights)
    with a repeated header, laid out over pages of a few dozen rows: the PDF, and the rows,
    height and row positions of each part drawn."""
    fonts.register()
    cell = styles(DEFAULT)["cell"]
    data = [[Para("表头", cell), Para("说明", cell)]]
    data += [[Para(f"第{i}行", cell), Para("园区" * (1 + 17 * (i % 3)), cell)] for i in range(rows)]
    table = table_class(data, colWidths=[60, 140], repeatRows=1,
                        style=[("LINEBELOW", (0, 0), (-1, -1), 0.5, "grey"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    drawn: list = []
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=(240, 400), invariant=1,
                          pageTemplates=[PageTemplate(frames=[Frame(20, 20, 200, 360, 0, 0, 0, 0)])])
    doc.afterFlowable = lambda f: isinstance(f, Table) and drawn.append(
        (len(hooks.cell_values(f)), f._height, list(f._rowpositions)))
    doc.build([Spacer(10, 100), table])
    return out.getvalue(), drawn


class _Measured(hooks.RowsMeasuredOnce):
    def split(self, available_width, available_height):
        parts = super().split(available_width, available_height)
        hooks.carry_positions(self, parts)
        return parts


def test_a_table_measured_once_is_laid_out_byte_for_byte_as_reportlab_lays_it_out():
    plain, plain_parts = _long_table_pdf(Table, 150)
    measured, measured_parts = _long_table_pdf(_Measured, 150)
    assert len(plain_parts) > 5  # split over several pages
    assert measured_parts == plain_parts  # the same rows on each page, the same positions to the bit
    assert measured == plain


def test_a_long_table_is_measured_once_and_split_in_time_linear_in_its_rows(monkeypatch):
    """ReportLab measures a table's cells on every wrap and split, and adds up the positions
    of all the rows left on every page; measured once, each part left after a split takes the
    positions of its rows from the table it came from."""
    measured, summed = [], []
    base, add_up = Table._calc_height, hooks._sum_from_foot
    monkeypatch.setattr(Table, "_calc_height", lambda self, *a, **k: (measured.append(len(self._argH)),
                                                                       base(self, *a, **k))[1])
    monkeypatch.setattr(hooks, "_sum_from_foot", lambda heights, *a: (summed.append(len(heights)),
                                                                      add_up(heights, *a))[1])
    work = {}
    for rows in (200, 400):
        measured.clear()
        summed.clear()
        _, parts = _long_table_pdf(_Measured, rows)
        assert measured == [rows + 1]  # the cells measured once, whatever the wraps and splits
        work[rows] = sum(summed)
        assert work[rows] < 2 * (rows + 1) + 4 * len(parts)  # the rows once, and each page's rows once more
    assert work[400] < 2.2 * work[200]  # twice the rows, twice the work (all the rows left on each page: four times)


def test_a_measured_table_measures_again_at_other_widths_or_in_another_style():
    fonts.register()
    cell = styles(DEFAULT)["cell"]
    table = hooks.RowsMeasuredOnce([[Para("园区" * 20, cell)]], colWidths=["100%"])
    narrow, wide = table.wrap(100, 1000)[1], table.wrap(300, 1000)[1]
    assert narrow > wide and table.wrap(100, 1000)[1] == narrow
    padding = table._cellStyles[0][0].topPadding
    table.setStyle([("TOPPADDING", (0, 0), (-1, -1), padding + 20)])
    assert table.wrap(100, 1000)[1] == pytest.approx(narrow + 20)
