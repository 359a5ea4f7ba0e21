"""The layout audit: every document on every paper in every language, measured as a print
designer reads a proof, against the thresholds the project holds (``THRESHOLDS``).

    python tools/audit.py                      # the shipped data/, A4, A5 and Letter, zh and en
    python tools/audit.py --synthetic 10       # a synthetic zone of ten parks (benchmarks/synthetic.py)
    python tools/audit.py --paper A5 --lang en # some of them

For each document (each park's brochure and flyer, the A6 card of ``--impose 4up``, the zone
overview) x paper x language it prints one row: the smallest type on any page (read from the
PDF), the smallest running text, the English word spaces of every justified line (median and
widest, in ems) and the characters those lines hold, paragraphs set ragged-right, words or
numbers split at a line's end, how full each page is, lone lines, bullets, table rows and
headings left at a page's foot, and what a fixed page left out (the build's notes). Then every
breach of a threshold, one per line (a word alone on the last line of a title or heading
counts among the lone lines); the exit status is 1 if there is any.

The layout is measured as it was laid out (``layout.document.tracing`` records every flowable
with its page; each line knows its words, spacing and what follows it); type sizes are read
back from the PDF with pdfplumber. ``tests/test_audit.py`` runs it and holds the thresholds.
"""

from __future__ import annotations

import argparse
import functools
import io
import re
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # this checkout's code, whatever is installed

import pdfplumber  # noqa: E402 (after the path set-up above)
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

from briefing.layout import document  # noqa: E402
from briefing.layout.document import Heading  # noqa: E402
from briefing.layout.theme import BODY_FLOOR, FLOOR  # noqa: E402
from briefing.pipeline.options import LANGUAGES, output  # noqa: E402
from briefing.pipeline.render import render_brochure, render_flyer, render_overview  # noqa: E402
from briefing.text import hooks  # noqa: E402
from briefing.text.linebreak import MONTHS, NUMBER_AFTER, NUMBER_BEFORE, UNIT_CHARS, is_han, word_like  # noqa: E402
from briefing.text.typeset import Para  # noqa: E402
from briefing.text.words import inside_words  # noqa: E402

#: What every document must meet.
THRESHOLDS = {
    "smallest type (pt)": FLOOR,
    "body type (pt)": BODY_FLOOR,
    "median word space (em)": 0.30,
    "widest word space (em)": 0.45,
    "characters a line (median)": (60, 75),
    "page fill": 0.40,
    "last page fill": 0.20,
}
PAPERS_AUDITED = ("A4", "A5", "Letter")
#: Running text: the styles body type is measured on, and the English measure.
RUNNING = {"body", "plain", "bullet", "lead", "quote"}
HEADINGS = {"h1", "h1_back", "h2", "h3", "item", "part_title"}


@dataclass
class Line:
    """A typeset line as it was drawn."""

    text: str  # its visible characters
    size: float
    justified: bool
    hyphen: bool
    spaced: bool  # a space follows it (the line broke at a space)
    next_char: str
    gaps: list[float]  # word spaces, in ems


@dataclass
class Item:
    """What a page holds, in order: a heading, a paragraph part, a table part, another block."""

    kind: str  # heading, para, table, block
    page: int
    lines: int  # lines of text, rows of a table (2 for a block)
    para: object = None
    bullet: str = ""  # the style of a bullet or reference paragraph
    lone: str = ""  # a lone line or row, described


@dataclass
class Audit:
    """One document on one paper in one language."""

    document: str
    paper: str
    lang: str
    pages: int = 0
    smallest: float = 0.0
    body: float = 0.0
    gaps: list[float] = field(default_factory=list)
    measure: list[int] = field(default_factory=list)
    running: int = 0  # English running paragraphs
    ragged: int = 0  # of which set ragged-right
    splits: list[str] = field(default_factory=list)
    fills: list[float | None] = field(default_factory=list)
    lone: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    booklet: str = ""  # where a booklet's blank pages fall

    @property
    def name(self) -> str:
        return f"{self.document} {self.paper} {self.lang}"

    def problems(self) -> list[str]:
        found = []
        if self.smallest < THRESHOLDS["smallest type (pt)"] - 0.01:
            found.append(f"type at {self.smallest:.2f} pt, under {FLOOR} pt")
        body_floor = BODY_FLOOR.get(self.paper, 8.0)
        if self.body and self.body < body_floor - 0.01:
            found.append(f"running text at {self.body:.2f} pt, under {body_floor} pt")
        if self.gaps:
            median, widest = statistics.median(self.gaps), max(self.gaps)
            if median > THRESHOLDS["median word space (em)"] + 1e-6:
                found.append(f"median word space {median:.3f} em, over 0.30")
            if widest > THRESHOLDS["widest word space (em)"] + 1e-6:
                found.append(f"widest word space {widest:.3f} em, over 0.45")
        if len(self.measure) >= 10:
            low, high = THRESHOLDS["characters a line (median)"]
            chars = statistics.median(self.measure)
            if not low <= chars <= high:
                found.append(f"English lines hold {chars:.0f} characters (median), outside {low}-{high}")
        found += [f"split at a line's end: {split}" for split in self.splits]
        body_pages = [(number, fill) for number, fill in enumerate(self.fills, start=1) if fill is not None]
        for number, fill in body_pages:
            last = number == self.pages
            floor = THRESHOLDS["last page fill" if last else "page fill"]
            if fill < floor:
                found.append(f"page {number} is {fill:.0%} full (under {floor:.0%}{', the last page' if last else ''})")
        found += self.lone
        if self.booklet.startswith("!"):
            found.append(self.booklet[1:])
        return [f"{self.name}: {problem}" for problem in found]

    def row(self) -> list[str]:
        gaps = f"{statistics.median(self.gaps):.3f} {max(self.gaps):.3f}" if self.gaps else "—"
        chars = f"{statistics.median(self.measure):.0f}" if self.measure else "—"
        ragged = f"{self.ragged}/{self.running}" if self.running else "—"
        fills = " ".join("—" if fill is None else f"{fill * 100:.0f}" for fill in self.fills)
        return [self.document, self.paper, self.lang, str(self.pages), f"{self.smallest:.2f}",
                f"{self.body:.2f}" if self.body else "—", gaps, chars, ragged, str(len(self.splits)),
                fills, str(len(self.lone)), str(len(self.notes))]


COLUMNS = ["document", "paper", "lang", "pages", "min pt", "body pt", "space med max", "chars", "ragged",
           "splits", "fill % by page (— cover)", "lone", "left out"]


# -- measuring --------------------------------------------------------------------------------

def audit_document(name: str, paper: str, lang: str, render) -> Audit:
    """Render with ``render(notes)`` (returning PDF bytes and pages) while tracing the layout,
    and measure it."""
    notes: list[str] = []
    with document.tracing() as placed:
        data, pages = render(notes)
    result = Audit(name, paper, lang, pages=pages, notes=notes)
    result.smallest = smallest_type(data)
    items = _items(placed, result)
    result.fills = _fills(placed, pages)
    _check_lone(items, result)
    return result


def smallest_type(pdf: bytes) -> float:
    """The smallest size of any character drawn, as the page shows it (with any scaling)."""
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        sizes = [char["size"] for page in opened.pages for char in page.chars if char["text"].strip()]
    return round(min(sizes), 2) if sizes else 0.0


def _items(placed, result: Audit) -> list[Item]:
    """The page's contents in order, measuring each paragraph's lines on the way."""
    items: list[Item] = []
    for entry in placed:
        for flowable in _flat(entry.flowable):
            items.append(_item(flowable, entry.page, result))
    return items


def _flat(flowable):
    """A flowable, or what a container holds (keep-together groups, fixed frames, carried
    blocks), in order."""
    inner = hooks.contents(flowable)
    if inner is None:
        inner = getattr(flowable, "flowables", None) if type(flowable).__name__ in ("Carried", "BottomAligned") \
            else None
    if inner is None:
        yield flowable
        return
    for child in inner:
        yield from _flat(child)


def _item(flowable, page: int, result: Audit) -> Item:
    if isinstance(flowable, Para):
        lines = _measure_para(flowable, result)
        style = flowable.style.name
        kind = "heading" if isinstance(flowable, Heading) or style in HEADINGS else "para"
        item = Item(kind, page, len(lines), flowable, bullet=style if flowable.bulletText else "")
        if getattr(flowable, "continued", False) and len(lines) == 1 and _whole_lines(flowable) > 1:
            item.lone = f"page {page}: the last line of a paragraph carried alone: {lines[0].text[:40]!r}"
        elif getattr(flowable, "_splitpara", False) and len(lines) == 1:
            item.lone = f"page {page}: the first line of a paragraph left alone at the foot: {lines[0].text[:40]!r}"
        return item
    cells = _table_cells(flowable)
    if cells is not None:
        for row in cells:
            for cell in row:
                for para in _paras(cell):
                    _measure_para(para, result, cell=True)
        header = getattr(flowable, "repeatRows", 0) or 0
        rows = len(cells) - (header if isinstance(header, int) else len(header))
        item = Item("table", page, rows)
        if (flowable.continued or flowable.continues) and rows == 1:
            where = "carried to" if flowable.continued else "left at the foot of"
            item.lone = f"page {page}: a single table row {where} the page"
        return item
    height = getattr(flowable, "height", 0) or 0
    return Item("block", page, 2 if height > 1 else 0)


def _whole_lines(para) -> int:
    return len(para.blPara.lines) if hasattr(para, "blPara") else 0


def _table_cells(flowable):
    try:
        return hooks.cell_values(flowable) if hasattr(flowable, "continued") else None
    except AttributeError:
        return None


def _paras(cell):
    if isinstance(cell, Para):
        yield cell
    elif isinstance(cell, (list, tuple)):
        for inner in cell:
            yield from _paras(inner)
    else:
        for inner in (hooks.contents(cell) or []):
            yield from _paras(inner)


_MONTH = "|".join(MONTHS)
_AFTER = "|".join(map(re.escape, NUMBER_AFTER))
_BEFORE = "|".join(map(re.escape, NUMBER_BEFORE))
_QUANTITY_SPLITS = [
    (re.compile(r"\d$"), re.compile(rf"^({_AFTER})\b"), "a number and its unit"),
    (re.compile(rf"(^|\s)({_BEFORE})$"), re.compile(r"^\d"), "a currency and its amount"),
    (re.compile(r"(^|\s)\d{1,2}$"), re.compile(rf"^({_MONTH})\b"), "a date"),
    (re.compile(rf"({_MONTH})$"), re.compile(r"^\d{4}\b"), "a date"),
    (re.compile(rf"[\d{''.join(sorted(UNIT_CHARS))}]$"), re.compile(rf"^[{''.join(sorted(UNIT_CHARS))}以]"),
     "a number and its unit"),
    (re.compile(r"预$"), re.compile(r"^计"), "a qualifier"),
    (re.compile(r"\d[年月]$"), re.compile(r"^\d"), "a date"),
    (re.compile(r"(预计|约)$"), re.compile(r"^\d"), "a qualifier and its number"),
]


def _measure_para(para, result: Audit, cell: bool = False) -> list[Line]:
    """The lines of a paragraph part as drawn; adds to the result its sizes, English word
    spaces and measure, and anything split at a line's end."""
    lines = [_line(line) for line in getattr(para, "blPara", None).lines] if hasattr(para, "blPara") else []
    style = para.style
    running = style.name in RUNNING and not cell
    if running and lines:
        size = min(line.size for line in lines)
        result.body = min(result.body, size) if result.body else size
    english = result.lang == "en" and running and getattr(style, "hyphenationLang", "")
    if english and len(lines) > 1 and not getattr(para, "continued", False):
        result.running += 1
        if not any(line.justified for line in lines[:-1]):
            result.ragged += 1
    for line in lines:
        if english and line.justified:
            result.gaps += line.gaps
            result.measure.append(len(line.text))
    whole_words = getattr(style, "wholeWords", False)
    text = "".join(line.text + (" " if line.spaced else "") for line in lines)
    if getattr(style, "balance", False) and len(lines) > 1 and not getattr(para, "continued", False):
        last = lines[-1].text.strip()
        if (" " not in last and len(text.split()) > 2) or (len(last) == 1 and is_han(last)):
            result.lone.append(f"a word alone on the last line of a title or heading: {text[-40:]!r}")
    keep = inside_words(list(text)) if whole_words else frozenset()
    position = 0
    for index, line in enumerate(lines):
        position += len(line.text) + (1 if line.spaced else 0)
        if not line.next_char:
            continue
        following = lines[index + 1].text if index + 1 < len(lines) else line.next_char
        split = _split(line, following, position in keep)
        if split:
            result.splits.append(f"{split}: {line.text[-16:]!r} / {following[:16]!r}")
    return lines


def _split(line: Line, following: str, inside_word: bool) -> str:
    end = line.text.rstrip()
    if not end or not following:
        return ""
    compound = end[-1] == "-" and end[-2:-1].isalpha() and following[0].isalpha()  # well- | designed
    if not line.spaced and not line.hyphen and not compound and word_like(end[-1]) and word_like(following[0]):
        return "a word or number"
    if line.hyphen and (end[-1].isdigit() or following[0].isdigit()):
        return "a number hyphenated"
    if inside_word:
        return "a Chinese word"
    for before, after, what in _QUANTITY_SPLITS:
        if before.search(end) and after.search(following):
            return what
    return ""


def _line(frag_line) -> Line:
    from briefing.text.typeset import SOFT_HYPHEN  # noqa: F401 (documents what the hyphen copies out as)

    visible, gaps, hyphen, spaced = [], [], False, False
    previous_extra = 0.0
    for word in frag_line.words:
        run = word.text
        if getattr(run, "hidden", False):
            spaced = spaced or str(run).isspace()
            continue
        if getattr(run, "added", False):
            hyphen = True
            continue
        spacing = getattr(run, "spacing", [0.0] * len(run))
        for char, extra in zip(str(run), spacing):
            if char == " ":
                gaps.append((stringWidth(" ", word.fontName, word.fontSize) + extra + previous_extra) / word.fontSize)
            visible.append(char)
            previous_extra = extra
    justified = bool(getattr(frag_line, "justified", False))
    return Line("".join(visible), frag_line.fontSize, justified, hyphen, spaced,
                getattr(frag_line, "next_char", ""), gaps if justified else [])


def _fills(placed, pages: int) -> list[float | None]:
    """How far down each page's body frame the text reaches (None: a cover or a flyer)."""
    return document.page_fills(placed, pages)


def _check_lone(items: list[Item], result: Audit) -> None:
    """Lone lines and rows (found when measured), lone bullets, and headings that keep fewer
    than two lines of what follows them on their page."""
    result.lone += [item.lone for item in items if item.lone]
    # A list: bullet paragraphs of one style in a row.
    run: list[Item] = []
    for item in [*items, Item("end", 0, 0)]:
        if item.kind == "para" and item.bullet and (not run or run[-1].bullet == item.bullet):
            if not getattr(item.para, "continued", False):
                run.append(item)
            continue
        pages = {i.page for i in run}
        if len(run) > 2 and len(pages) > 1:
            for page in sorted(pages):
                on_page = [i for i in run if i.page == page]
                if len(on_page) == 1:
                    result.lone.append(f"page {page}: a single item of a list of {len(run)}")
        run = [item] if item.kind == "para" and item.bullet else []
    for index, item in enumerate(items):
        if item.kind != "heading":
            continue
        section = []
        for after in items[index + 1:]:
            if after.kind == "heading":
                break
            if after.lines:
                section.append(after)
        following = sum(after.lines for after in section if after.page == item.page)
        if following < min(2, sum(after.lines for after in section)):
            text = item.para.blPara.lines[0] if item.para is not None and hasattr(item.para, "blPara") else None
            title = _line(text).text if text is not None else ""
            result.lone.append(f"page {item.page}: the heading {title[:30]!r} keeps {following} line(s) of what "
                               "follows it")


# -- what is audited ----------------------------------------------------------------------------

def audit_project(data_dir: Path, papers=PAPERS_AUDITED, languages=LANGUAGES,
                  kinds=("brochure", "flyer", "card", "overview")) -> list[Audit]:
    """Every document of ``data_dir`` on each paper in each language."""
    from briefing.pipeline.build import check

    project = check(data_dir)
    audits = []
    for paper in papers:
        office = output(paper=paper)
        for lang in languages:
            for park_id in project.parks:
                if "brochure" in kinds:
                    audits.append(audit_document(f"brochure {park_id}", paper, lang, functools.partial(
                        _brochure, project, park_id, lang, office, paper)))
                if "flyer" in kinds:
                    audits.append(audit_document(f"flyer {park_id}", paper, lang, functools.partial(
                        _flyer, project, park_id, lang, office, paper)))
                if "card" in kinds and paper == "A4":  # the card is A6 whatever the paper
                    audits.append(audit_card(project, park_id, lang))
            if "overview" in kinds and project.zone:
                audits.append(audit_document("overview", paper, lang, functools.partial(
                    _overview, project, lang, office)))
    return audits


def _brochure(project, park_id, lang, office, paper, notes):
    return render_brochure(project, park_id, lang, office, paper, notes=notes)


def _flyer(project, park_id, lang, office, paper, notes):
    return render_flyer(project, park_id, lang, office, paper, notes=notes)


def _overview(project, lang, office, notes):
    return render_overview(project, lang, office, notes=notes)


def audit_card(project, park_id: str, lang: str) -> Audit:
    """The A6 card, measured on the office printer's 4-up sheet it is printed on, where each
    card is scaled into its cell less a white border (so that scaling shows)."""
    from briefing.pipeline.plan import Job
    from briefing.pipeline.render import render_job

    def render(notes):
        [sheet] = [d for d in render_job(project, Job("park", park_id, lang, brochure=False), output(impose=("4up",)))
                   if d.kind == "4up"]
        notes += sheet.notes
        return sheet.data, sheet.pages

    result = audit_document(f"card {park_id} (4-up)", "A6", lang, render)
    result.fills = [None] * result.pages
    return result


def table(audits: list[Audit]) -> str:
    rows = [COLUMNS] + [audit.row() for audit in audits]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "data", help="the data folder")
    parser.add_argument("--synthetic", type=int, metavar="N", help="audit a synthetic zone of N parks instead")
    parser.add_argument("--paper", action="append", choices=PAPERS_AUDITED, help="only this paper (repeatable)")
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)")
    parser.add_argument("--notes", action="store_true", help="also print what each fixed page left out")
    args = parser.parse_args(argv)
    data_dir = args.data
    with tempfile.TemporaryDirectory() as scratch:
        if args.synthetic:
            sys.path.insert(0, str(REPO / "benchmarks"))
            from synthetic import make_zone

            data_dir = make_zone(args.synthetic, Path(scratch) / f"zone-{args.synthetic}")
        audits = audit_project(data_dir, tuple(args.paper or PAPERS_AUDITED), tuple(args.lang or LANGUAGES))
    print(table(audits))
    if args.notes:
        for audit in audits:
            for note in audit.notes:
                print(f"{audit.name}: {note}")
    problems = [problem for audit in audits for problem in audit.problems()]
    print(f"\n{len(audits)} documents; {len(problems)} breach(es) of the thresholds")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
