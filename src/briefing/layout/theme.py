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

    def floored(self) -> TypeScale:
        """Every size at least ``FLOOR``."""
        ratios = {"leading", "heading_leading", "indent", "paragraph_space"}
        return dataclasses.replace(self, **{f.name: max(getattr(self, f.name), FLOOR)
                                            for f in dataclasses.fields(self) if f.name not in ratios})

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
    flyer_band: float = 0.35  # share of a flyer's height under the coloured band
    qr_size: float = 26 * mm  # a QR code on an A4 flyer; big enough for a phone at arm's length
    logo_height: float = 12 * mm  # a park's logo on the cover, on a plate in the band's top margin
    logo_width: float = 50 * mm  # the most a wide logo may take
    logo_padding: float = 2 * mm  # paper colour around the logo, so any logo reads on the band
    #: A cover (or flyer, or poster) with a photo: the photo across the top of the page, this
    #: share of its height, and under it the band, ``photo_band`` of the height, for the title.
    cover_photo: float = 0.22
    photo_band: float = 0.27

    def scaled(self, factor: float) -> Spacing:
        """Distances times ``factor``; counts and shares of the page stay."""
        keep = {"tile_columns", "cover_band", "flyer_band", "cover_photo", "photo_band"}
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
    #: The park's cover photo (``layout/pictures.py``): a checked JPEG or PNG across the top of
    #: the cover, above the band; None for the band alone.
    cover_photo: Optional[bytes] = None
    #: Pictures in process colour (a print shop's ``--cmyk``, ``PrintSpec.theme``), else sRGB.
    cmyk: bool = False
    #: The smallest type, in points, knocked out of a coloured ground (``KNOCKOUT_COLOURS``):
    #: 0 on screen and office paper; for a print shop, large enough to survive plates slightly
    #: out of register (``PrintSpec.theme``).
    min_knockout: float = 0.0
    #: The language of the edition (``for_language``): its measure and hyphenation.
    lang: str = "zh"
    #: The most key figures side by side in a row; more go into rows under each other.
    figure_columns: int = 4
    #: Whether running text may sit in a column of its own (``text_indent``): not on a flyer,
    #: whose larger type already gives its lines a reading measure.
    text_column: bool = True

    @property
    def band(self) -> float:
        """The share of a cover's height above its body: the band, or the photo and the band
        under it."""
        s = self.space
        return s.cover_photo + s.photo_band if self.cover_photo else s.cover_band

    @property
    def frame_width(self) -> float:
        return self.paper[0] - self.space.margin_inner - self.space.margin_outer

    @property
    def frame_height(self) -> float:
        return self.paper[1] - self.space.margin_top - self.space.margin_bottom

    @property
    def text_indent(self) -> float:
        """How far running text sits in from the frame's left edge, so that its lines hold
        about ``MEASURE`` characters: the English editions on A4 and Letter set their text in
        a column of its own, with headings, tables, figures and charts hanging out across the
        whole frame. Zero where the frame is already that narrow, and for Chinese (a frame's
        width is 45 characters at most: within clreq's measure)."""
        advance = LATIN_ADVANCE.get(self.lang)
        measure = MEASURE * advance * self.type.body if advance and self.text_column else self.frame_width
        if self.frame_width < measure * 1.2:
            return 0.0  # near enough: a sliver of indent would only look like a mistake
        return self.frame_width - measure

    @property
    def text_width(self) -> float:
        """The width of the running-text column (``text_indent``)."""
        return self.frame_width - self.text_indent

    def for_paper(self, paper: tuple) -> Theme:
        """This theme on other paper, in the design made for it (``PAPER_DESIGNS``): its own
        type scale (nothing under ``FLOOR``), margins and grid."""
        design = PAPER_DESIGNS[paper_name(paper)]
        return dataclasses.replace(self, paper=paper, type=_with_language(design.type, self.lang),
                                   space=design.space, figure_columns=design.figure_columns)

    def for_flyer(self, paper: tuple) -> Theme:
        """A one-page flyer on ``paper``, in the design made for it (``FLYER_DESIGNS``): type
        larger than a brochure's, to read at arm's length; the A6 card is a design of its own,
        not a smaller A5."""
        design = FLYER_DESIGNS[paper_name(paper)]
        # English on a flyer is set ragged-right: a few large lines, read at arm's length, whose
        # word spaces justification would open wide (Chinese stays justified, as clreq has it).
        return dataclasses.replace(self, paper=paper, type=_with_language(design.type, self.lang),
                                   space=design.space, figure_columns=design.figure_columns, text_column=False,
                                   justify=self.justify and self.lang not in LATIN_ADVANCE)

    def spaced(self, factor: float) -> Theme:
        """This theme with the space between blocks times ``factor``: less (a few lines' worth
        over a whole document) for one whose last page would hold only a few lines, more for an
        A5 brochure one page short of a booklet's blank pages in the right places."""
        if factor == 1:
            return self
        s = self.space
        return dataclasses.replace(self, space=dataclasses.replace(
            s, section_gap=s.section_gap * factor, block_gap=s.block_gap * factor,
            paragraph_gap=s.paragraph_gap * min(factor, 1.5), cell_padding=s.cell_padding * min(1.0, factor)))

    def in_cmyk(self) -> Theme:
        return dataclasses.replace(self, palette=self.palette.in_cmyk())


#: Nothing is printed smaller than this, on any paper, cards included (points).
FLOOR = 7.0
#: The smallest body text each paper may have.
BODY_FLOOR = {"A4": 8.5, "Letter": 8.5, "A5": 8.0, "A6": 8.0}
#: Characters a line of running English should hold (60 to 75 is the usual range), and the
#: average advance of a character of the English faces in ems (Noto Sans over the shipped
#: English texts, spaces included: 0.47).
MEASURE = 70
LATIN_ADVANCE = {"en": 0.47}
#: The hyphenation patterns of each language whose running text is hyphenated (pyphen's names).
HYPHENATION = {"en": "en_GB"}


def paper_name(paper: tuple) -> str:
    """``--paper``'s name of a page size (portrait or landscape)."""
    size = (min(paper), max(paper))
    for name, (width, height) in PAPERS.items():
        if abs(width - size[0]) < 1 and abs(height - size[1]) < 1:
            return name
    raise ValueError(f"no design for paper of {paper[0]:.0f} x {paper[1]:.0f} pt; the papers are {', '.join(PAPERS)}")


@dataclass(frozen=True)
class PaperDesign:
    """What a paper size is designed with: its type scale, its margins and distances, and how
    many key figures stand side by side."""

    type: TypeScale
    space: Spacing
    figure_columns: int = 4


_A4 = PaperDesign(TypeScale(), dataclasses.replace(Spacing(), cover_band=0.38))
#: A5 is held closer than A4: its type is a little smaller, never scaled (body 9.5, tables 8.5,
#: labels 7.5, the running head 7), its margins narrower; three key figures stand in a row, four
#: two by two.
_A5 = PaperDesign(
    TypeScale(cover_title=24, cover_subtitle=12.5, part_title=18, display=20, figure_small=12.5, h1=14, h2=11,
              lead=10.5, emphasis=10, body=9.5, cell=8.5, small=7.5, caption=7),
    dataclasses.replace(Spacing(), margin_top=18 * mm, margin_bottom=17 * mm, margin_inner=17 * mm,
                        margin_outer=17 * mm, header_gap=8 * mm, section_gap=14, block_gap=5, cover_gap=12,
                        cell_padding=3.5, tile_padding=6, section_room=130, panel_padding=8, gutter=5 * mm,
                        qr_size=22 * mm, logo_height=10 * mm, logo_width=42 * mm, cover_band=0.36),
    figure_columns=3)
#: US Letter: A4's type, on a page 6 mm wider and 18 mm shorter, with less margin top and foot.
_LETTER = PaperDesign(TypeScale(), dataclasses.replace(Spacing(), margin_top=22 * mm, margin_bottom=20 * mm,
                                                      cover_band=0.38))
PAPER_DESIGNS = {"A4": _A4, "A5": _A5, "Letter": _LETTER}


def _flyer_space(scale: float, **changes) -> Spacing:
    changes.setdefault("cover_band", Spacing().flyer_band)
    return dataclasses.replace(Spacing().scaled(scale), **changes)


def _flyer_type(scale: float, display: float, **changes) -> TypeScale:
    """A brochure's type times ``scale``, the key figures at ``display`` (already large), nothing
    under the floor."""
    return dataclasses.replace(TypeScale().scaled(scale), display=display, **changes).floored()


#: Flyers: A4 and Letter at 1.2 times a brochure's type; A5 at the same share of its page; the
#: A6 card (``--impose 4up``) designed for its size: 8 pt text, 7 pt labels, two figures a row.
FLYER_DESIGNS = {
    "A4": PaperDesign(_flyer_type(1.2, 26, cover_title=36, cover_subtitle=16), _flyer_space(1.0), figure_columns=3),
    "Letter": PaperDesign(_flyer_type(1.2, 26, cover_title=36, cover_subtitle=16), _flyer_space(1.0),
                          figure_columns=3),
    "A5": PaperDesign(_flyer_type(0.92, 18.5, cover_title=25, cover_subtitle=11.5), _flyer_space(0.707),
                      figure_columns=3),
    "A6": PaperDesign(
        TypeScale(cover_title=17, cover_subtitle=9.5, part_title=14, display=15, figure_small=10, h1=11, h2=9.5,
                  lead=8.5, emphasis=8.5, body=8, cell=7.5, small=7, caption=7, heading_leading=1.25),
        _flyer_space(0.5, cover_band=0.36, margin_top=9 * mm, margin_bottom=8 * mm, margin_inner=8 * mm,
                     margin_outer=8 * mm, header_gap=6 * mm, qr_size=16 * mm, cover_gap=7, tile_padding=4,
                     panel_padding=5, cell_padding=2.5),
        figure_columns=2),
}


def _with_language(type_: TypeScale, lang: str) -> TypeScale:
    return dataclasses.replace(type_, **LANGUAGE_TYPE.get(lang, {}))


DEFAULT = Theme()

#: What changes for an edition in English: the faces with Noto Sans's Latin letters and
#: punctuation; a leading for Latin text; paragraphs marked by space, not indent, as in
#: English brochures. Running text is justified like the Chinese, broken for the whole
#: paragraph with hyphens (ragged-right where that would open a river), in a column of about
#: ``MEASURE`` characters (``Theme.text_indent``).
LANGUAGE_FACES: dict[str, tuple[str, str]] = {"en": (fonts.LATIN, fonts.LATIN_BOLD),
                                               # Traditional: its own face (centred 、，。), sizes as zh
                                               **dict.fromkeys(TAGS, (fonts.HANT, fonts.HANT_BOLD))}
#: The type scale's changes for an edition in a language.
LANGUAGE_TYPE: dict[str, dict[str, float]] = {"en": {"leading": 1.45, "indent": 0, "paragraph_space": 0.5}}


def for_language(theme: Theme, lang: str) -> Theme:
    """``theme`` as an edition in ``lang`` is set: the same colours and sizes, its own faces."""
    font, bold_font = LANGUAGE_FACES.get(lang, (theme.font, theme.bold_font))
    type_ = _with_language(theme.type, lang)
    return dataclasses.replace(theme, type=type_, font=font, bold_font=bold_font, lang=lang)
def branded(theme: Theme, branding, images: dict[str, bytes]) -> Theme:
    """The theme with a park's own accent colour and logo (``schema.Branding``), if it has
    them; ``images`` holds the checked images by the path the sheet gives."""
    if branding is None:
        return theme
    palette = theme.palette
    if branding.accent:
        palette = dataclasses.replace(palette, accent=colors.HexColor(branding.accent))
    return dataclasses.replace(theme, palette=palette, logo=images.get(branding.logo))
