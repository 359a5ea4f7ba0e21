"""Typesetting on the page: every shipped text and a torture text set in a narrow column (6 ems)
and a wide one (40 ems), then read back from the PDF with pdftotext (lines, copy-out) and
pdfplumber (glyph positions). ``test_linebreak.py`` checks the breaking rules on the pure
algorithm at every width from 6 to 40 ems.

Why these two widths (the test set 18, from 6 to 40 by 2): setting the texts 6 ems wide runs
every branch of text/*.py and theme.py that any of the 18 widths ran (382 arcs; the others run
309 to 350 of them), and gives the most lines, so the most line ends to check; at 40 ems every
word, number and URL of the texts fits a line, so the check that none is split covers each of
them (it skips a unit wider than the line, and fewer are at any narrower width)."""

from __future__ import annotations

import itertools
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer

from briefing.layout.styles import styles
from briefing.layout.theme import DEFAULT
from briefing.text import fonts
from briefing.text.linebreak import CANNOT_END, CANNOT_START, is_han, word_like
from briefing.text.typeset import clean, paragraph

from helpers import TORTURE, shipped_texts

STYLE = styles(DEFAULT)["body"]  # justified, with a two-em first-line indent
EM = STYLE.fontSize
MARGIN = 36.0
TOLERANCE = 0.5  # points: how far a line end may be from the frame edge
#: A narrow column (every branch, the most line ends) and a wide one (every word fits a line).
WIDTHS = [pytest.param(6, id="narrow-6em"), pytest.param(40, id="wide-40em")]
ENGLISH = ("The park, at No. 6 Xinxing Financial Centre (17,000 m²), expects 10 companies; "
           "see https://example.org/park-a?x=1 — “quoted” text, 12.5 km² and -3.5% or +12%.")
MIXED = "园区面积为12.5 km²，增长-3.5%，引进5G企业20家（含AI企业）。《报》说：“好”。衡阳Hengyang高新区"
TEXTS = [TORTURE, ENGLISH, MIXED, *shipped_texts(), *shipped_texts("en")]
#: Runs a line must not split: words, numbers with their units, URLs, two-em dashes, ellipses.
WHOLE = re.compile(r"https?://\S+|\d[\d,.]*\s(?:km²|m²)|[A-Za-z0-9][A-Za-z0-9.,:/_²%-]*[A-Za-z0-9²%]|——|……")


@dataclass
class Line:
    text: str  # as pdftotext copies it out
    glyphs: list  # pdfplumber's characters

    @property
    def ink(self) -> list:
        """The glyphs that draw something (spaces left out)."""
        return [g for g in self.glyphs if not g["text"].isspace()]
    start: int  # where the line starts in its (cleaned) source text
    end: int
    last: bool  # the paragraph's last line


def render(path: Path, ems: int) -> None:
    fonts.register()
    width = ems * EM
    page = (width + 2 * MARGIN, 1400)
    frame = Frame(MARGIN, MARGIN, width, page[1] - 2 * MARGIN, 0, 0, 0, 0)
    doc = BaseDocTemplate(str(path), pagesize=page, pageTemplates=[PageTemplate(frames=[frame])])
    story = []
    for text in TEXTS:  # a gap of two lines marks where a paragraph ends
        story += [paragraph(text, STYLE), Spacer(1, 2 * STYLE.leading)]
    doc.build(story)


@pytest.fixture(scope="module")
def set_in(tmp_path_factory):
    """``set_in(ems)``: every text set ``ems`` wide (once a module for each width), its lines,
    and the frame's right edge."""
    folder = tmp_path_factory.mktemp("typeset")
    done = {}

    def lines(ems: int) -> tuple[list[list[Line]], float]:
        if ems not in done:
            done[ems] = _set(folder / f"{ems}-ems.pdf", ems)
        return done[ems]

    return lines


def _set(path: Path, ems: int) -> tuple[list[list[Line]], float]:
    render(path, ems)
    copied = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                            capture_output=True, text=True).stdout
    rows = [row.strip() for row in copied.replace("\f", "\n").splitlines() if row.strip()]
    with pdfplumber.open(path) as pdf:
        glyph_rows = [row for page in pdf.pages for row in _rows(page.chars)]
    assert len(rows) == len(glyph_rows), "pdftotext and pdfplumber see different lines"
    paragraphs, index = [], 0
    for text in TEXTS:
        lines, index = _align(clean(text), rows, glyph_rows, index)
        paragraphs.append(lines)
    assert index == len(rows), "text left over after the last paragraph"
    return paragraphs, MARGIN + ems * EM


def _rows(chars) -> list[list]:
    """Glyphs grouped into lines by baseline, top to bottom, left to right."""
    rows = {}
    for char in chars:
        rows.setdefault(round(char["bottom"], 1), []).append(char)
    return [sorted(rows[key], key=lambda c: c["x0"]) for key in sorted(rows)]


def _align(source: str, rows, glyph_rows, index) -> tuple[list[Line], int]:
    """The next lines of pdftotext's output that spell ``source``, in order; spaces where a
    line broke (an ideographic space too, as between two half-headlines) are the only
    characters a line may leave out."""
    lines, position = [], 0
    while position < len(source):
        row = rows[index]
        assert source.startswith(row, position), f"copied out {row!r}, expected {source[position:][:40]!r}"
        lines.append(Line(row, glyph_rows[index], position, position + len(row), False))
        position += len(row)
        while position < len(source) and source[position] in " \u3000":
            position += 1
        index += 1
    lines[-1].last = True
    return lines, index


@pytest.mark.parametrize("ems", WIDTHS)
def test_copy_out_gives_back_the_text(set_in, ems):
    """Every text comes back character for character, in order (checked by the alignment)."""
    paragraphs, _ = set_in(ems)
    assert len(paragraphs) == len(TEXTS)


@pytest.mark.parametrize("ems", WIDTHS)
def test_no_prohibited_line_start_or_end(set_in, ems):
    for lines in set_in(ems)[0]:
        for line, following in itertools.pairwise(lines):
            assert following.text[0] not in CANNOT_START, (line.text, following.text)
            assert line.text[-1] not in CANNOT_END, (line.text, following.text)


@pytest.mark.parametrize("ems", WIDTHS)
def test_nothing_split_that_must_stay_whole(set_in, ems):
    room = ems - 2  # the first line is indented two ems
    for text, lines in zip(TEXTS, set_in(ems)[0]):
        source = clean(text)
        breaks = [line.end for line in lines[:-1]]
        for unit in WHOLE.finditer(source):
            if stringWidth(_glued(source, unit.start(), unit.end()), STYLE.fontName, EM) / EM > room:
                continue  # wider than a line: it has to be split somewhere
            assert not any(unit.start() < b < unit.end() for b in breaks), (unit.group(), [line.text for line in lines])


def _glued(source: str, start: int, end: int) -> str:
    """``source[start:end]`` with the marks that may not be parted from it: an opening mark
    before it (no line ends with “) and closing marks after it (“Rolling is one unit)."""
    while start and source[start - 1] in CANNOT_END:
        start -= 1
    while end < len(source) and source[end] in CANNOT_START:
        end += 1
    return source[start:end]


@pytest.mark.parametrize("ems", WIDTHS)
def test_right_edges_flush_and_nothing_past_the_frame(set_in, ems):
    paragraphs, right = set_in(ems)
    for lines in paragraphs:
        for line in lines:
            assert min(g["x0"] for g in line.ink) >= MARGIN - TOLERANCE, line.text
            assert max(g["x1"] for g in line.ink) <= right + TOLERANCE, line.text
            if not line.last and _stretchable(line.text):
                assert max(g["x1"] for g in line.ink) >= right - TOLERANCE, line.text


def _stretchable(text: str) -> bool:
    """A line can be justified unless it is a single character, word or number: a column
    too narrow for what follows may leave one alone."""
    return any(not (word_like(a) and word_like(b)) for a, b in itertools.pairwise(text))


@pytest.mark.parametrize("ems", WIDTHS)
def test_no_lone_han_character_on_a_last_line(set_in, ems):
    for lines in set_in(ems)[0]:
        if len(lines) > 1:
            assert sum(is_han(c) for c in lines[-1].text) != 1, [line.text for line in lines]


@pytest.mark.parametrize("ems", WIDTHS)
def test_quarter_em_between_han_and_latin_and_no_letter_spacing_in_words(set_in, ems):
    checked = 0
    for lines in set_in(ems)[0]:
        for line in lines:
            for a, b in zip(line.glyphs, line.glyphs[1:]):
                gap = b["x0"] - a["x1"]
                if (is_han(a["text"]) and _latin(b["text"])) or (_latin(a["text"]) and is_han(b["text"])):
                    assert gap >= 0.2 * EM, (line.text, a["text"], b["text"], gap)
                    checked += 1
                elif _latin(a["text"]) and _latin(b["text"]):
                    assert abs(gap) < 0.01, (line.text, a["text"], b["text"], gap)
    assert checked > 20  # the check ran on real pairs


def _latin(char: str) -> bool:
    return word_like(char) and char.isalnum()


def test_split_paragraph_and_rare_characters_copy_out_exactly(tmp_path):
    """A paragraph split across pages gains no spaces, and a character beyond U+FFFF (whose
    ToUnicode entry ReportLab writes wrong) copies out through the line's ActualText."""
    text = "园区𠅤字，" + "衡阳高新区两链两园，" * 200
    path = tmp_path / "split.pdf"
    doc = BaseDocTemplate(str(path), pagesize=(300, 300),
                          pageTemplates=[PageTemplate(frames=[Frame(MARGIN, MARGIN, 228, 228, 0, 0, 0, 0)])])
    fonts.register()
    doc.build([paragraph(text, STYLE)])
    copied = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    assert copied.count("\f") > 2  # it did split
    assert copied.replace("\n", "").replace("\f", "") == text  # no space anywhere


def test_extent_is_measured_once_per_text_face_size_and_word_rule():
    """A cell's extent (narrowest and one-line width) is remembered by what it depends on:
    asked again, in an equal style, it is the same answer, not measured again; another size
    or rule for words is measured afresh."""
    from reportlab.lib.styles import ParagraphStyle

    from briefing.text import typeset

    fonts.register()
    cell = styles(DEFAULT)["cell"]
    text = "湖南省衡阳市高新区 12.5 km² Hengyang"
    first = typeset.extent(text, cell)
    hits = typeset._extent.cache_info().hits
    assert typeset.extent(text, ParagraphStyle("copy", parent=cell)) == first
    assert typeset._extent.cache_info().hits == hits + 1
    assert first == typeset._extent.__wrapped__(text, cell.fontName, cell.fontSize,
                                                bool(getattr(cell, "wholeWords", False)))
    larger = typeset.extent(text, ParagraphStyle("larger", parent=cell, fontSize=cell.fontSize * 2))
    assert larger[1] == pytest.approx(2 * first[1])
    loose = typeset.extent("推进办公室", ParagraphStyle("loose", parent=cell, wholeWords=False))
    whole = typeset.extent("推进办公室", ParagraphStyle("whole", parent=cell, wholeWords=True))
    assert loose[0] < whole[0]
