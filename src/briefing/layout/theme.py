"""The theme: colours, type scale, spacing, line weights and paper, in one place (the paragraph
styles made from them are in ``styles.py``). Layouts read it and never hard-code a colour or a
size."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Optional

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5, A6, LETTER
from reportlab.lib.units import mm

from briefing.text import fonts
from briefing.text.traditional import TAGS


@dataclass(frozen=True)
class Ink:
    """One colour of the theme in both colour spaces, said once: the screen and office
    printer's RGB, and the process inks (cyan, magenta, yellow, black, 0-1) a print shop's
    ``--cmyk`` build uses, chosen by eye near the RGB rather than converted by formula."""

    rgb: str
    cmyk: tuple[float, float, float, float]


#: The palette, each colour in both colour spaces. Print-grade rules: text and thin rules that
#: read as black are 100 % K (black ink only, so that small type stays sharp when the plates
#: are slightly out of register, and overprinted: ``press.pdfx``); light text on the band is
#: knocked out of several inks, so the type it is set in is never smaller than
#: ``Theme.min_knockout``; the accent is two inks; marks are on all four plates
#: (registration) so that every plate can be trimmed by them. Proof before a long run.
COLOURS: dict[str, Ink] = {
    "primary": Ink("#0B4F8A", (1.0, 0.62, 0.08, 0.10)),  # deep blue: headings, cover band
    "accent": Ink("#E07A1F", (0.0, 0.60, 0.95, 0.0)),  # warm orange: key figures, rules
    "ink": Ink("#1F2933", (0.0, 0.0, 0.0, 1.0)),  # body text
    "muted": Ink("#5F6B7A", (0.0, 0.0, 0.0, 1.0)),  # captions, header and footer (smaller, not screened)
    "rule": Ink("#C9D3DE", (0.0, 0.0, 0.0, 1.0)),  # hairlines, table grid
    "panel": Ink("#EEF3F8", (0.06, 0.03, 0.01, 0.0)),  # tinted boxes (under black text)
    "paper": Ink("#FFFFFF", (0.0, 0.0, 0.0, 0.0)),
    "on_primary": Ink("#FFFFFF", (0.0, 0.0, 0.0, 0.0)),  # text on the cover band
    "on_primary_soft": Ink("#BCD3EA", (0.26, 0.10, 0.02, 0.0)),  # quieter text on the band
    "ornament": Ink("#145C9C", (0.92, 0.55, 0.06, 0.04)),  # rings on the band, barely lighter
    "secondary": Ink("#6BA3D6", (0.58, 0.26, 0.0, 0.0)),  # a third series in charts
    "registration": Ink("#000000", (1.0, 1.0, 1.0, 1.0)),  # crop and cut marks
}

#: Each palette colour as process inks (from ``COLOURS``).
PROCESS = {name: ink.cmyk for name, ink in COLOURS.items()}
#: Palette colours that light text is set in on a coloured ground (the band, the event box):
#: knocked out of the inks under it.
KNOCKOUT_COLOURS = ("on_primary", "on_primary_soft")


def _rgb(name: str):
    return field(default_factory=lambda: colors.HexColor(COLOURS[name].rgb))


@dataclass(frozen=True)
class Palette:
    primary: colors.Color = _rgb("primary")
    accent: colors.Color = _rgb("accent")
    ink: colors.Color = _rgb("ink")
    muted: colors.Color = _rgb("muted")
    rule: colors.Color = _rgb("rule")
    panel: colors.Color = _rgb("panel")
    paper: colors.Color = _rgb("paper")
    on_primary: colors.Color = _rgb("on_primary")
    on_primary_soft: colors.Color = _rgb("on_primary_soft")
    ornament: colors.Color = _rgb("ornament")
    secondary: colors.Color = _rgb("secondary")
    registration: colors.Color = _rgb("registration")

    @property
    def chart(self) -> tuple:
        """Series colours in order: now, target, other."""
        return (self.primary, self.accent, self.secondary)

    def in_cmyk(self) -> Palette:
        """The palette as process inks, for a print shop (``--cmyk``): our colours as chosen in
        ``COLOURS``; another colour (a park's own accent) converted by formula."""
        default = Palette()

        def ink(name):
            colour = getattr(self, name)
            if isinstance(colour, colors.CMYKColor):
                return colour
            if colour == getattr(default, name):
                return colors.CMYKColor(*PROCESS[name])
            return colors.CMYKColor(*(round(v, 3) for v in colors.rgb2cmyk(colour.red, colour.green, colour.blue)))

        return Palette(**{name: ink(name) for name in PROCESS})


#: Paper sizes by the name ``--paper`` takes, in points, portrait.
PAPERS = {"A4": A4, "A5": A5, "A6": A6, "Letter": LETTER}


@dataclass(frozen=True)
class TypeScale:
    """Sizes in points, with the leading of each as a ratio."""

    cover_title: float = 34
    cover_subtitle: float = 15
    part_title: float = 24  # a park's chapter in the zone overview
    display: float = 26  # key figures on the cover
    figure_small: float = 14.5  # figures in a row inside the text
    h1: float = 17
    h2: float = 12.5
    lead: float = 11.5  # the summary on the cover
    emphasis: float = 11  # names, quotes
    body: float = 10.5
    cell: float = 9  # tables
    small: float = 8.5
    caption: float = 7.5
    leading: float = 1.6  # body leading: generous for Han characters
    indent: float = 2  # first-line indent of body paragraphs, in ems (two characters in Chinese)
    paragraph_space: float = 0  # space after a body paragraph, in ems (Chinese marks them by indent)
    heading_leading: float = 1.3

    def scaled(self, factor: float) -> TypeScale:
        """Every size times ``factor``; the leading ratios stay."""
        keep = {"leading", "heading_leading"}
        return dataclasses.replace(self, **{f.name: getattr(self, f.name) * (1 if f.name in keep else factor)
                                            for f in dataclasses.fields(self)})


@dataclass(frozen=True)
class Spacing:
    margin_top: float = 24 * mm
    margin_bottom: float = 22 * mm
    margin_inner: float = 20 * mm
    margin_outer: float = 20 * mm
    header_gap: float = 10 * mm  # from the page edge to the running header's baseline
    section_gap: float = 18  # points before a section heading
    block_gap: float = 6
    paragraph_gap: float = 4
    cover_gap: float = 16  # between the blocks under the cover's band
    cell_padding: float = 4  # above and beside table text
    tile_padding: float = 8
    tile_columns: int = 5  # every tile grid shares these columns
    section_room: float = 160  # a section starts on a new page when less room than this is left
    panel_padding: float = 10
    rule_gap: float = 5  # between the running header's text and its rule
    gutter: float = 6 * mm
    cover_band: float = 0.42  # share of the cover's height under the coloured band
    flyer_band: float = 0.33  # share of a flyer's height under the coloured band
    qr_size: float = 26 * mm  # a QR code on an A4 flyer; big enough for a phone at arm's length
    logo_height: float = 12 * mm  # a park's logo on the cover, on a plate in the band's top margin
    logo_width: float = 50 * mm  # the most a wide logo may take
    logo_padding: float = 2 * mm  # paper colour around the logo, so any logo reads on the band

    def scaled(self, factor: float) -> Spacing:
        """Distances times ``factor``; counts and shares of the page stay."""
        keep = {"tile_columns", "cover_band", "flyer_band"}
        return dataclasses.replace(self, **{f.name: getattr(self, f.name) * (1 if f.name in keep else factor)
                                            for f in dataclasses.fields(self)})


@dataclass(frozen=True)
class Lines:
    """Line weights and bars, in points."""

    hairline: float = 0.5  # table rules, footer rule
    divider: float = 0.6  # between key figures
    header: float = 0.8  # under the running header
    strong: float = 1.2  # above a table
    heading_bar: float = 2  # the accent bar under a section heading
    tile_bar: float = 2.5  # the accent edge of a tile
    quote_bar: float = 3
    tile_gap: float = 3  # white space between tiles
    stripe: float = 5  # the accent stripe under the cover band
    ornament: float = 26  # the rings on the cover band
    mark: float = 0.25  # crop and cut marks


@dataclass(frozen=True)
class Marks:
    """Crop marks (print-shop PDFs) and imposed sheets (``press.impose``)."""

    length: float = 5 * mm
    gap: float = 1 * mm  # between a mark and the bleed it must stay out of
    #: Between neighbouring pieces' bleeds on a print-shop sheet: a guillotine cut a little
    #: off the line still lands in a piece's own bleed, never in its neighbour's artwork.
    gutter: float = 4 * mm
    #: What a press or an office printer leaves unprinted at a sheet's edges (4-5 mm): no mark
    #: is drawn there.
    edge: float = 5 * mm
    #: White kept around each handout's artwork on an office printer's sheet: more than the
    #: printer's own unprinted edge, so that every handout has the same white border once cut.
    office_margin: float = 6 * mm
    #: The thickness of one sheet of the booklet's paper (about 115-130 g/m2 coated), for the
    #: creep allowance: each sheet folded inside others pushes its pages outwards by this.
    caliper: float = 0.1 * mm


@dataclass(frozen=True)
class ChartStyle:
    """Bar charts, in multiples of the label size, and points."""

    row: float = 2.6  # row pitch
    bar: float = 1.5  # bar thickness
    grouped_row: float = 1.82  # row pitch of a bar inside a group (grouped bars)
    group_gap: float = 0.8  # between two groups
    gap: float = 8  # between label, bar and value
    label_share: float = 0.45  # the most of the width the labels may take


@dataclass(frozen=True)
class Theme:
    palette: Palette = field(default_factory=Palette)
    type: TypeScale = field(default_factory=TypeScale)
    space: Spacing = field(default_factory=Spacing)
    chart: ChartStyle = field(default_factory=ChartStyle)
    lines: Lines = field(default_factory=Lines)
    marks: Marks = field(default_factory=Marks)
    paper: tuple = A4
    font: str = fonts.REGULAR
    bold_font: str = fonts.BOLD
    #: Running text justified (flush at both edges, clreq's default) or ragged-right.
    justify: bool = True
    logo: Optional[bytes] = None  # a checked PNG or JPEG (``images.py``), drawn on the cover
    flyer_type: float = 1.45  # a flyer's type against a brochure's, for reading at arm's length
    #: The smallest type, in points, knocked out of a coloured ground (``KNOCKOUT_COLOURS``):
    #: 0 on screen and office paper; for a print shop, large enough to survive plates slightly
    #: out of register (``PrintSpec.theme``).
    min_knockout: float = 0.0

    @property
    def frame_width(self) -> float:
        return self.paper[0] - self.space.margin_inner - self.space.margin_outer

    @property
    def frame_height(self) -> float:
        return self.paper[1] - self.space.margin_top - self.space.margin_bottom

    def for_paper(self, paper: tuple) -> Theme:
        """This theme on other paper. Type shrinks more slowly than the page (a small page is
        held closer), margins in between: A5 keeps 90% of the A4 type size and 84% of its margins."""
        ratio = paper[0] / A4[0]
        return dataclasses.replace(self, paper=paper, type=self.type.scaled(ratio ** 0.3),
                                   space=self.space.scaled(ratio ** 0.5))

    def for_flyer(self, paper: tuple) -> Theme:
        """Type for a one-page flyer on ``paper``: larger than a brochure's, in proportion to the page."""
        ratio = paper[0] / A4[0]
        space = dataclasses.replace(self.space.scaled(ratio), cover_band=self.space.flyer_band)
        # Key figures keep the cover's size (in proportion to the page): already large, and
        # three to a row must each fit on one line.
        type_ = dataclasses.replace(self.type.scaled(self.flyer_type * ratio), display=self.type.display * ratio)
        return dataclasses.replace(self, paper=paper, type=type_, space=space)

    def in_cmyk(self) -> Theme:
        return dataclasses.replace(self, palette=self.palette.in_cmyk())


DEFAULT = Theme()

#: What changes for an edition in English: the faces with Noto Sans's Latin letters and
#: punctuation; a leading for Latin text; paragraphs marked by space, not indent, as in
#: English brochures. Running text stays justified like the Chinese (Latin lines stretch at
#: their spaces; the measure, about 95 characters, is wide enough without hyphenation).
LANGUAGE_FACES: dict[str, tuple[str, str]] = {"en": (fonts.LATIN, fonts.LATIN_BOLD),
                                               # Traditional: its own face (centred 、，。), sizes as zh
                                               **dict.fromkeys(TAGS, (fonts.HANT, fonts.HANT_BOLD))}
#: The type scale's changes for an edition in a language.
LANGUAGE_TYPE: dict[str, dict[str, float]] = {"en": {"leading": 1.45, "indent": 0, "paragraph_space": 0.5}}


def for_language(theme: Theme, lang: str) -> Theme:
    """``theme`` as an edition in ``lang`` is set: the same colours and sizes, its own faces."""
    font, bold_font = LANGUAGE_FACES.get(lang, (theme.font, theme.bold_font))
    type_ = dataclasses.replace(theme.type, **LANGUAGE_TYPE.get(lang, {}))
    return dataclasses.replace(theme, type=type_, font=font, bold_font=bold_font)


def branded(theme: Theme, branding, images: dict[str, bytes]) -> Theme:
    """The theme with a park's own accent colour and logo (``schema.Branding``), if it has
    them; ``images`` holds the checked images by the path the sheet gives."""
    if branding is None:
        return theme
    palette = theme.palette
    if branding.accent:
        palette = dataclasses.replace(palette, accent=colors.HexColor(branding.accent))
    return dataclasses.replace(theme, palette=palette, logo=images.get(branding.logo))
