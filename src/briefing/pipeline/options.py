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

from briefing.pipeline.occasion import Dedication, EventLine, dedication, event_line
from briefing.press.spec import PrintSpec, parse_length

#: Every document is made in each of these languages, in this order.
LANGUAGES = ("zh", "en")
#: Sheets ``--impose`` makes: copies of the A5 flyer 2-up on A4, the A6 card (a flyer designed
#: for A6) 4-up on A4, and the brochure as an A5 booklet on A4.
IMPOSITIONS = ("2up", "4up", "booklet")
#: What each sheet is made of: the booklet of a brochure, the other sheets of a flyer.
MADE_OF = {"2up": "flyer", "4up": "flyer", "booklet": "brochure"}
#: The paper of the pieces each sheet holds, placed at full size.
PIECES = {"2up": "A5", "4up": "A6", "booklet": "A5"}
#: Papers a document is made on (A6 is only a piece of an imposed sheet).
DOCUMENT_PAPERS = ("A4", "A5", "Letter")
SHEET = "A4"  # the sheet every imposition is printed on
HANDOUT = "A5"  # the flyer size handed out at events, and the booklet's page


@dataclass(frozen=True)
class Output:
    """Paper and finish, the sheets to impose, and the visitor and event of one build."""

    spec: PrintSpec = field(default_factory=PrintSpec)
    impose: tuple[str, ...] = ()
    dedication: Optional[Dedication] = None
    event: Optional[EventLine] = None

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
    languages: tuple[str, ...] = LANGUAGES
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
           event_en: Optional[str] = None, venue_en: Optional[str] = None) -> Output:
    """The output options as typed on the command line, checked (raises BriefingError)."""
    spec = PrintSpec(paper, parse_length(bleed) if bleed is not None else 0.0, cmyk)
    return Output(spec, tuple(dict.fromkeys(impose)), dedication(visitor, date, visitor_en),
                  event_line(event, event_date, venue, event_en, venue_en))
