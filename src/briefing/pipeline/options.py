"""What one build makes, and for whom: the options of ``briefing build`` gathered and checked
before anything is loaded, so that a mistyped option stops the build before it starts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from briefing.pipeline.occasion import Dedication, EventLine, dedication, event_line
from briefing.press.spec import PrintSpec, parse_length

#: Sheets ``--impose`` makes: copies of the A5 flyer 2-up on A4, the same flyer as A6 cards
#: 4-up on A4, and the brochure as an A5 booklet on A4.
IMPOSITIONS = ("2up", "4up", "booklet")
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
    """The documents one visit needs: some parks' brochures, some parks' flyers (with the
    sheets ``Output.impose`` makes of them), and the zone overview."""

    brochures: tuple[str, ...] = ()
    flyers: tuple[str, ...] = ()
    overview: bool = False

    @property
    def parks(self) -> list[str]:
        return list(dict.fromkeys(self.brochures + self.flyers))


def output(paper: str = "A4", bleed: Optional[str] = None, cmyk: bool = False, impose: tuple[str, ...] = (),
           visitor: Optional[str] = None, date: Optional[str] = None, event: Optional[str] = None, event_date: Optional[str] = None, venue: Optional[str] = None) -> Output:
    """The options as typed on the command line, checked (raises BriefingError)."""
    spec = PrintSpec(paper, parse_length(bleed) if bleed is not None else 0.0, cmyk)
    return Output(spec, tuple(dict.fromkeys(impose)), dedication(visitor, date),
                  event_line(event, event_date, venue))
