"""The theme: colours, type scale, spacing and paper, in one place. Layouts read it and
never hard-code a colour or a size."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from briefing import fonts


@dataclass(frozen=True)
class Palette:
    primary: colors.Color = colors.HexColor("#0B4F8A")  # deep blue: headings, cover band
    accent: colors.Color = colors.HexColor("#E07A1F")  # warm orange: key figures, rules
    ink: colors.Color = colors.HexColor("#1F2933")  # body text
    muted: colors.Color = colors.HexColor("#5F6B7A")  # captions, header and footer
    rule: colors.Color = colors.HexColor("#C9D3DE")  # hairlines, table grid
    panel: colors.Color = colors.HexColor("#EEF3F8")  # tinted boxes
    paper: colors.Color = colors.white
    on_primary: colors.Color = colors.white  # text on the cover band
    on_primary_soft: colors.Color = colors.HexColor("#BCD3EA")  # quieter text on the band
    ornament: colors.Color = colors.HexColor("#145C9C")  # rings on the band, barely lighter
    chart: tuple = (colors.HexColor("#0B4F8A"), colors.HexColor("#E07A1F"), colors.HexColor("#6BA3D6"))


@dataclass(frozen=True)
class TypeScale:
    """Sizes in points, with the leading of each as a ratio."""

    cover_title: float = 34
    cover_subtitle: float = 15
    display: float = 26  # key figures on the cover
    h1: float = 17
    h2: float = 12.5
    body: float = 10.5
    small: float = 8.5
    caption: float = 7.5
    leading: float = 1.65  # body leading: generous for Han characters
    heading_leading: float = 1.3


@dataclass(frozen=True)
class Spacing:
    margin_top: float = 24 * mm
    margin_bottom: float = 22 * mm
    margin_inner: float = 20 * mm
    margin_outer: float = 20 * mm
    header_gap: float = 10 * mm  # from the page edge to the running header's baseline
    section_gap: float = 18  # points before a section heading
    block_gap: float = 6
    gutter: float = 6 * mm
    cover_band: float = 0.42  # share of the cover's height under the coloured band


@dataclass(frozen=True)
class Theme:
    palette: Palette = field(default_factory=Palette)
    type: TypeScale = field(default_factory=TypeScale)
    space: Spacing = field(default_factory=Spacing)
    paper: tuple = A4
    font: str = fonts.REGULAR
    bold_font: str = fonts.BOLD

    @property
    def frame_width(self) -> float:
        return self.paper[0] - self.space.margin_inner - self.space.margin_outer


DEFAULT = Theme()
