"""How a document is to be printed: paper, bleed, crop marks, page boxes and colour space.

With a bleed, each page's MediaBox grows by the bleed and room for crop marks on every side;
the page is not scaled. Artwork that touches the trim edge is drawn on past it by the bleed
(layouts read ``PrintSpec.bleed``); the TrimBox is the finished size and the BleedBox the
trim plus the bleed, so that the print shop's software knows where to cut.
"""

from __future__ import annotations

import dataclasses
import io
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
class PrintSpec:
    """Paper and print-shop settings of one build; the default is an office PDF on A4."""

    paper: str = "A4"
    bleed: float = 0.0  # points
    cmyk: bool = False

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
        the logo too, since an RGB image would reach the print shop as RGB."""
        if not self.cmyk:
            return theme
        cmyk = theme.in_cmyk()
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

    def finish(self) -> list[str]:
        """File-name parts that keep a print-shop build's files apart from an office build's."""
        return (["bleed"] if self.print_shop else []) + (["cmyk"] if self.cmyk else [])


@dataclass(frozen=True)
class _CropMarks:
    borderWidth: float
    markLength: float
    markWidth: float
    markColor: object
    bleedWidth: float = 0
    markLast: int = 1


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
    """A checked PNG or JPEG as a CMYK JPEG, transparency flattened onto white (the logo sits
    on a plate of paper colour, so the result looks the same)."""
    from PIL import Image

    image: Image.Image = Image.open(io.BytesIO(data))
    if image.mode != "CMYK":
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat.convert("CMYK")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()
