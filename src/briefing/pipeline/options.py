"""What one build makes, for whom, on what paper and where: the request every front end (the
command line, the front desk, ``watch``, the library) gives the pipeline, with the options
gathered and checked before anything is loaded, so that a mistyped option stops the build
before it starts.

Light on purpose (no ReportLab, no YAML): the command line imports it to parse its options.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import BriefingError
from briefing.pipeline.occasion import Dedication, EventLine, dedication, event_line
from briefing.press.spec import DEFAULT_CONDITION, PrintSpec, parse_condition, parse_length

#: The languages a document can be made in: Simplified Chinese, English, and Traditional
#: Chinese converted from the Simplified text (in the zone sheet's standard, Hong Kong by default).
LANGUAGES = ("zh", "en", "zh-Hant")
#: What a build makes when no language is asked for (``--lang all``): the editions whose every
#: text a person wrote. A Traditional edition is asked for by name, once someone has checked
#: the names its conversion gives (``briefing check --lang zh-Hant``).
DEFAULT_LANGUAGES = ("zh", "en")
#: Tags that ask for one standard of Traditional Chinese, for one build.
STANDARD_TAGS = ("zh-HK", "zh-TW")
#: Sheets ``--impose`` makes: copies of the A5 flyer 2-up, the A6 card (a flyer designed for
#: A6) 4-up, and the brochure as an A5 booklet. Without ``--bleed`` or ``--cmyk`` they are A4
#: for an office printer; with either, the smallest print-shop sheet that holds them at 100 %
#: (``--sheet`` to choose).
IMPOSITIONS = ("2up", "4up", "booklet")
#: What each sheet is made of: the booklet of a brochure, the other sheets of a flyer.
MADE_OF = {"2up": "flyer", "4up": "flyer", "booklet": "brochure"}
#: The finished size of each imposition's pieces (each made on that paper and placed at full
#: size on a print shop's sheet), and how many go on a sheet.
PIECE = {"2up": "A5", "4up": "A6", "booklet": "A5"}
PER_SHEET = {"2up": 2, "4up": 4, "booklet": 2}
#: Papers a document is made on (A6 is only a piece of an imposed sheet).
DOCUMENT_PAPERS = ("A4", "A5", "Letter")
#: Print-shop sheets ``--sheet`` offers (``press.impose.SHEETS``; "auto": the smallest that fits).
PRINT_SHEETS = ("auto", "A4", "SRA4", "A3", "SRA3")
SHEET = "A4"  # the sheet an office printer takes
HANDOUT = "A5"  # the flyer size handed out at events, and the booklet's page


@dataclass(frozen=True)
class Output:
    """Paper and finish, the sheets to impose, and the visitor and event of one build."""

    spec: PrintSpec = field(default_factory=PrintSpec)
    impose: tuple[str, ...] = ()
    dedication: Optional[Dedication] = None
    event: Optional[EventLine] = None
    #: The print-shop sheet the impositions go on; None: the smallest that holds them.
    sheet: Optional[str] = None
    #: Sheets of flyers carry the parks asked for side by side (park A and park B on one 2-up
    #: sheet) instead of one park a sheet.
    mix: bool = False
    #: Also PNG images for WeChat (``share.py``): pages, the brochure's long image, a poster.
    share: bool = False

    @property
    def flyer_papers(self) -> list[str]:
        """The build's paper, and the A5 handout size: A4 and A5 by default."""
        return list(dict.fromkeys([self.spec.paper, HANDOUT]))


@dataclass(frozen=True)
class Selection:
    """The documents to make: some parks' brochures, some parks' flyers (with the sheets
    ``Output.impose`` makes of them), and the zone overview; or, with ``every_park``, the
    brochure and flyers of every park the data folder holds."""

    brochures: tuple[str, ...] = ()
    flyers: tuple[str, ...] = ()
    overview: bool = False
    every_park: bool = False

    @classmethod
    def of_parks(cls, park_ids: tuple[str, ...] = ()) -> Selection:
        """What ``briefing build`` makes: the parks asked for (brochure and flyers, no
        overview), or every park and the zone overview when none is asked for."""
        if not park_ids:
            return cls(overview=True, every_park=True)
        return cls(tuple(park_ids), tuple(park_ids))

    @property
    def park_ids(self) -> list[str]:
        """The parks named, each once, in the order asked (none with ``every_park``)."""
        return list(dict.fromkeys(self.brochures + self.flyers))


@dataclass(frozen=True)
class Request:
    """One build: the data, what to make of it, and where it goes. Made by the command line,
    the front desk and ``watch`` alike, and given whole to ``pipeline.build``."""

    data_dir: Path
    #: Where the files are written; None keeps them in memory (the front desk).
    out_dir: Optional[Path] = None
    selection: Selection = field(default_factory=Selection.of_parks)
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    output: Output = field(default_factory=Output)
    #: Warnings (e.g. unknown fields) stop the build as errors do.
    strict: bool = False
    #: Make every document, even those whose inputs are unchanged since they were made.
    force: bool = False
    #: Let a layout failure show its traceback (for a developer).
    debug: bool = False
    #: Processes that render; None is one per core, 1 renders in this process.
    workers: Optional[int] = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "data_dir", Path(self.data_dir))
        if self.out_dir is not None:
            object.__setattr__(self, "out_dir", Path(self.out_dir))


def output(*, paper: str = "A4", bleed: Optional[str] = None, cmyk: bool = False, impose: tuple[str, ...] = (),
           visitor: Optional[str] = None, date: Optional[str] = None, event: Optional[str] = None,
           event_date: Optional[str] = None, venue: Optional[str] = None, visitor_en: Optional[str] = None,
           event_en: Optional[str] = None, venue_en: Optional[str] = None, sheet: Optional[str] = None,
           print_condition: Optional[str] = None, mix: bool = False, share: bool = False) -> Output:
    """The output options as typed on the command line, checked (raises BriefingError)."""
    if print_condition is not None and not cmyk:
        raise BriefingError("--print-condition names the printing condition of a CMYK (PDF/X) file: "
                            "add --cmyk, or leave --print-condition out")
    condition = parse_condition(print_condition) if print_condition is not None else DEFAULT_CONDITION
    spec = PrintSpec(paper, parse_length(bleed) if bleed is not None else 0.0, cmyk, condition)
    result = Output(spec, tuple(dict.fromkeys(impose)), dedication(visitor, date, visitor_en),
                    event_line(event, event_date, venue, event_en, venue_en),
                    None if sheet in (None, "auto") else sheet, mix, share)
    check(result)
    return result


def check(output: Output) -> None:
    """Refuse what cannot be made, saying what to choose instead (the command line and the
    front desk alike): nothing asked for is dropped without a word."""
    flyer_sheets = [kind for kind in output.impose if MADE_OF[kind] == "flyer"]
    if output.mix and not flyer_sheets:
        raise BriefingError("--mix puts several parks' flyers on one sheet: add --impose 2up or --impose 4up")
    if output.sheet is None:
        if output.spec.for_press:
            _sheets_fit(output)
        return
    if output.sheet not in PRINT_SHEETS:
        raise BriefingError(f"--sheet {output.sheet!r}: choose {', '.join(PRINT_SHEETS)}")
    if not output.impose:
        raise BriefingError(f"--sheet {output.sheet} says what imposed sheets are printed on: add --impose "
                            "2up, 4up or booklet, or leave --sheet out")
    if not output.spec.for_press:
        raise BriefingError(f"--sheet {output.sheet} is for a print shop's sheets, with --bleed or --cmyk; "
                            f"without them the sheets are {SHEET} for an office printer: add --bleed 3mm, or "
                            "leave --sheet out")
    _sheets_fit(output)


def _sheets_fit(output: Output) -> None:
    """Each imposition's pieces, with their bleed, gutters and marks, fit the sheet asked for."""
    if not output.impose:
        return
    from briefing.layout.theme import DEFAULT, PAPERS  # only for a print-shop build that imposes
    from briefing.press import impose

    for kind in output.impose:
        what = {"2up": "two A5 flyers", "4up": "four A6 cards", "booklet": "an A5 booklet spread"}[kind]
        impose.print_layout(PAPERS[PIECE[kind]], PER_SHEET[kind], output.spec.bleed, DEFAULT, output.sheet,
                            spine=kind == "booklet", what=f"--impose {kind}: {what}")
