"""How a document is to be printed: paper, bleed, crop marks, page boxes and colour space.

With a bleed, each page's MediaBox grows by the bleed and room for crop marks on every side;
the page is not scaled. Artwork that touches the trim edge is drawn on past it by the bleed
(layouts read ``PrintSpec.bleed``); the TrimBox is the finished size and the BleedBox the
trim plus the bleed, so that the print shop's software knows where to cut.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.errors import BriefingError

if TYPE_CHECKING:  # the theme (and ReportLab's styles) load only when a page is made
    from briefing.layout.theme import Theme

#: A millimetre in points (as ReportLab's ``units.mm``): the command line parses lengths without loading
#: ReportLab.
mm = 72 / 25.4
MAX_BLEED = 10 * mm  # print shops ask for 2-5 mm; more is surely a typing mistake
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(mm|pt|in)?\s*")
_UNITS = {"mm": mm, "pt": 1.0, "in": 72.0}


@dataclass(frozen=True)
class Condition:
    """A printing condition of the ICC characterization registry, as an output intent names it."""

    identifier: str  # OutputConditionIdentifier, the registry's name
    info: str  # what a person reads: the profile everyone knows it by
    description: str  # OutputCondition: the standard and paper
    paper: str  # the paper it suits, for the job sheet
    paper_zh: str


#: Printing conditions ``--print-condition`` offers. FOGRA39 (ISO 12647-2, coated paper) is the
#: default: the reference of sheet-fed offset and of digital presses run to ISO, in China too
#: (GB/T 17934.2 is ISO 12647-2). Japan Color 2001 Coated is the CMYK default of the Chinese
#: editions of Adobe's programs, so many Chinese shops proof to it; ask the shop which it uses.
CONDITIONS: dict[str, Condition] = {
    "FOGRA39": Condition("FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)",
                         "Offset commercial and specialty printing according to ISO 12647-2:2004 / Amd 1, "
                         "paper type 1 or 2 (gloss or matte coated offset), 115 g/m2",
                         "gloss or matt coated paper (paper type 1 or 2)", "铜版纸或哑粉纸（1或2类纸）"),
    "FOGRA51": Condition("FOGRA51", "PSO Coated v3",
                         "Offset commercial printing according to ISO 12647-2:2013, premium coated paper "
                         "(PS1)", "premium coated paper (PS1)", "高级铜版纸（PS1）"),
    "FOGRA47": Condition("FOGRA47", "PSO Uncoated ISO12647 (ECI)",
                         "Offset commercial printing according to ISO 12647-2:2004 / Amd 1, paper type 4 "
                         "(uncoated white offset)", "uncoated white offset paper (paper type 4)", "胶版纸（4类纸）"),
    "JC200103": Condition("JC200103", "Japan Color 2001 Coated",
                          "Japan Color 2001 Coated, sheet-fed offset on coated paper (ISO 12647-2)",
                          "coated paper", "铜版纸"),
    "CGATS21_CRPC6": Condition("CGATS21_CRPC6", "GRACoL2013 (CRPC6)",
                               "Commercial offset on premium coated paper, CGATS 21-2 CRPC6 (GRACoL)",
                               "premium coated paper (Grade 1)", "高级铜版纸"),
}
DEFAULT_CONDITION = "FOGRA39"

#: The smallest type knocked out of more than one ink in a print-shop PDF: below it a slight
#: shift of the plates fringes the letters.
MIN_KNOCKOUT = 9.0


@dataclass(frozen=True)
class PrintSpec:
    """Paper and print-shop settings of one build; the default is an office PDF on A4."""

    paper: str = "A4"
    bleed: float = 0.0  # points
    cmyk: bool = False
    #: The printing condition a CMYK (PDF/X) file names in its output intent (``CONDITIONS``).
    condition: str = DEFAULT_CONDITION
    #: The size the page will be printed at, against its own: 0.71 for an A5 flyer printed as
    #: an A6 card. The bleed is made ``bleed / scale`` and knocked-out type ``MIN_KNOCKOUT /
    #: scale``, so that both are right on the printed piece.
    scale: float = 1.0

    @property
    def size(self) -> tuple[float, float]:
        from briefing.layout.theme import PAPERS

        return PAPERS[self.paper]

    @property
    def print_shop(self) -> bool:
        """True when the PDF is for a print shop: crop marks and page boxes."""
        return self.bleed > 0

    def theme(self, theme: Theme) -> Theme:
        """``theme`` in this spec's colour space (the paper is chosen per document); in CMYK
        the logo too, since an RGB image would reach the print shop as RGB (photos are converted
        as they are placed, at the size they need: ``layout/pictures.py``)."""
        if not self.cmyk:
            return theme
        cmyk = dataclasses.replace(theme.in_cmyk(), min_knockout=MIN_KNOCKOUT / self.scale, cmyk=True)
        return dataclasses.replace(cmyk, logo=cmyk_image(theme.logo)) if theme.logo else cmyk

    def margin(self, theme: Theme) -> float:
        """How far the MediaBox reaches past the trim on each side: the bleed, then a gap,
        then the crop marks (which must not reach into the bleed)."""
        if not self.print_shop:
            return 0.0
        return self.bleed + theme.marks.gap + theme.marks.length

    def boxes(self, trim: tuple[float, float], theme: Theme) -> dict[str, list[float]]:
        """TrimBox and BleedBox on a page whose MediaBox is the trim plus ``margin`` all round."""
        if not self.print_shop:
            return {}
        m, b = self.margin(theme), self.bleed
        width, height = trim
        return {"trimBox": [m, m, m + width, m + height],
                "bleedBox": [m - b, m - b, m + width + b, m + height + b]}

    def crop_marks(self, theme: Theme):
        """ReportLab's crop marks, with no ``bleedWidth``: that option scales the page up,
        where a bleed must extend the artwork instead."""
        if not self.print_shop:
            return None
        return _CropMarks(borderWidth=self.margin(theme), markLength=theme.marks.length,
                          markWidth=theme.lines.mark, markColor=theme.palette.registration)

    @property
    def for_press(self) -> bool:
        """True when the files go to a print shop (bleed or process colour): a job sheet is written."""
        return self.print_shop or self.cmyk

    def finish(self) -> list[str]:
        """File-name parts that keep a print-shop build's files apart from an office build's;
        a printing condition other than the default is named too."""
        other = self.cmyk and self.condition != DEFAULT_CONDITION
        condition = [self.condition.lower().replace("_", "-")] if other else []
        return (["bleed"] if self.print_shop else []) + (["cmyk"] if self.cmyk else []) + condition


@dataclass(frozen=True)
class _CropMarks:
    borderWidth: float
    markLength: float
    markWidth: float
    markColor: object
    bleedWidth: float = 0
    markLast: int = 1


def parse_condition(text: str) -> str:
    """A printing condition's registered name, any case (``fogra39``)."""
    for name in CONDITIONS:
        if name.lower() == (text or "").strip().lower():
            return name
    raise BriefingError(f"--print-condition {text!r} is not one we know; choose {', '.join(CONDITIONS)} "
                        f"(ask the print shop which it prints to; {DEFAULT_CONDITION} when unsure)")


def parse_length(text: str) -> float:
    """``3mm``, ``3``, ``8.5pt`` or ``0.125in`` in points (a bare number is millimetres)."""
    match = _LENGTH.fullmatch(text or "")
    if not match:
        raise BriefingError(f"--bleed {text!r} is not a length; write it like 3mm (or 8.5pt, 0.125in)")
    value = float(match.group(1)) * _UNITS[match.group(2) or "mm"]
    if value > MAX_BLEED:
        raise BriefingError(f"--bleed {text} is more than {MAX_BLEED / mm:.0f}mm; print shops ask for 2-5mm")
    return value


def cmyk_image(data: bytes) -> bytes:
    """A checked PNG or JPEG as a CMYK JPEG through the press's ICC profile (``colour.py``),
    transparency flattened onto white (the logo sits on a plate of paper colour, so the result
    looks the same)."""
    from briefing.press.colour import cmyk_jpeg

    return cmyk_jpeg(data)
