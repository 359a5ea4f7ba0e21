"""The paragraph styles: a table of named styles, each with a parent and only what differs from
it, resolved against a theme (``styles(theme)``). Layouts ask for a style by name; an unknown
name is refused."""

from __future__ import annotations

import functools

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from briefing.layout.theme import HYPHENATION, KNOCKOUT_COLOURS, Theme

#: The paragraph styles, by name: each names its ``parent`` and says only what differs from it
#: (ReportLab's ``ParagraphStyle(parent=...)``); ``base`` is the root. Values name the theme's
#: parts, resolved by ``styles(theme)``:
#:
#: - ``fontSize``: a size of the type scale (``"body"``), or (size, factor): ``("caption", 0.85)``;
#: - ``leading``: times the font size: a ratio of the type scale (``"leading"``) or a number;
#: - ``fontName``, ``bulletFontName``: ``"regular"`` or ``"bold"``, the theme's faces;
#: - ``textColor``, ``bulletColor``: a colour of the palette;
#: - ``alignment``: left, right, center, justify, or ``running`` (justified unless the theme is
#:   ragged-right: running text, lists, quotes, references);
#: - lengths (``spaceBefore``, ``spaceAfter``, ``leftIndent``, ``firstLineIndent``): points, a
#:   distance of the theme's spacing (``"section_gap"``), or (size, factor) as for ``fontSize``,
#:   where the factor may name a ratio of the type scale: ``("body", "indent")``;
#: - ``keepWithNext``: as ReportLab has it;
#: - ``column``: ``"text"`` sets the style in the running-text column (``Theme.text_indent``:
#:   the English editions' measure on A4 and Letter), ``"frame"`` across the whole frame;
#: - ``balance``: lines as even as they can be (titles, headings, panels: no word alone on a
#:   last line); ``wholeWords``: no line ends inside a Chinese word (everything but running
#:   text, which clreq lets break between any two Han characters).
#:
#: Every style keeps a paragraph's last line from being carried alone to the next page
#: (``allowWidows``: 0), and its first from being left alone at a page's foot (ReportLab's
#: default); running text in a language with hyphenation is hyphenated.
STYLES: dict[str, dict] = {
    "base": {"fontName": "regular", "fontSize": "body", "leading": "heading_leading", "textColor": "ink",
             "alignment": "left", "column": "frame", "wholeWords": True},
    "display": {"parent": "base", "balance": True},  # titles, headings, panels
    # The cover and a part's opening (zone overview)
    "cover_kicker": {"parent": "display", "fontName": "bold", "textColor": "on_primary_soft", "spaceAfter": 6},
    "cover_title": {"parent": "display", "fontName": "bold", "fontSize": "cover_title", "leading": 1.25,
                    "textColor": "on_primary", "spaceBefore": 4, "spaceAfter": 10},
    "cover_subtitle": {"parent": "display", "fontSize": "cover_subtitle", "leading": 1.5, "textColor": "on_primary"},
    "cover_meta": {"parent": "display", "leading": 1.5, "textColor": "on_primary_soft", "spaceBefore": 4},
    "cover_note": {"parent": "display", "fontSize": "small", "textColor": "muted"},
    "dedication": {"parent": "display", "fontName": "bold", "leading": 1.5, "textColor": "on_primary",
                   "spaceBefore": 8},
    "part_kicker": {"parent": "display", "fontName": "bold", "textColor": "accent", "spaceAfter": 4,
                    "spaceBefore": ("h1", 2)},  # a chapter that starts on a page begun by another
    "part_title": {"parent": "display", "fontName": "bold", "fontSize": "part_title", "leading": 1.25,
                   "textColor": "primary", "spaceAfter": "block_gap"},
    "part_subtitle": {"parent": "display", "fontSize": "h2", "leading": 1.5, "textColor": "muted"},
    "meta": {"parent": "base", "fontSize": "small", "leading": 1.5, "textColor": "muted", "spaceAfter": 2},
    # Headings
    "h1": {"parent": "display", "fontName": "bold", "fontSize": "h1", "textColor": "primary",
           "spaceBefore": "section_gap", "spaceAfter": "block_gap"},
    "h1_back": {"parent": "h1", "fontSize": "h2"},  # back matter: quieter
    "h2": {"parent": "display", "fontName": "bold", "fontSize": "h2", "spaceBefore": 10, "spaceAfter": 4,
           "keepWithNext": 1},
    "h3": {"parent": "h2", "fontSize": "body", "textColor": "primary", "spaceBefore": 8, "spaceAfter": 2},
    "item": {"parent": "h3", "fontSize": "emphasis", "leading": "leading"},
    "org": {"parent": "display", "fontName": "bold", "fontSize": "emphasis", "leading": "leading",
            "spaceBefore": 4, "spaceAfter": 2},
    # Table of contents
    "toc": {"parent": "base", "fontName": "bold", "leading": 1.5, "textColor": "primary"},
    "toc_page": {"parent": "toc", "alignment": "right"},
    "toc_sub": {"parent": "cell", "leftIndent": ("body", 1.5)},
    "toc_sub_page": {"parent": "cell_right"},
    # Running text
    "plain": {"parent": "base", "leading": "leading", "alignment": "running", "column": "text", "wholeWords": False},
    "body": {"parent": "plain", "firstLineIndent": ("body", "indent"), "spaceAfter": ("body", "paragraph_space")},
    "lead": {"parent": "plain", "fontSize": "lead"},
    "bullet": {"parent": "plain", "leftIndent": ("body", 1.5), "bulletFontName": "regular",
               "bulletColor": "accent"},
    "quote": {"parent": "plain", "fontSize": "emphasis", "textColor": "primary", "column": "frame"},  # in its box
    "attribution": {"parent": "base", "fontSize": "small", "textColor": "muted", "alignment": "right"},
    "reference": {"parent": "base", "fontSize": "small", "leading": 1.4, "textColor": "muted",
                  "leftIndent": ("small", 2), "alignment": "running", "bulletFontName": "regular", "spaceAfter": 2,
                  "column": "text", "wholeWords": False},
    "caption": {"parent": "base", "fontSize": "caption", "leading": 1.45, "textColor": "muted"},
    "photo_caption": {"parent": "caption", "wholeWords": False},
    # Tables
    "cell": {"parent": "base", "fontSize": "cell", "leading": 1.5},
    "cell_head": {"parent": "cell", "fontName": "bold", "textColor": "primary"},
    "cell_right": {"parent": "cell", "alignment": "right"},
    "cell_head_right": {"parent": "cell_head", "alignment": "right"},
    # Figures and charts
    "figure": {"parent": "base", "fontName": "bold", "fontSize": "display", "leading": 1.15, "textColor": "accent"},
    "figure_small": {"parent": "figure", "fontSize": "figure_small", "leading": 1.2},
    "figure_qualifier": {"parent": "base", "fontName": "bold", "fontSize": "small", "textColor": "accent"},
    "figure_label": {"parent": "base", "fontSize": "small", "leading": 1.4, "textColor": "muted"},
    "formula": {"parent": "display", "fontName": "bold", "fontSize": "h2", "leading": 1.5, "textColor": "primary",
                "alignment": "center"},
    "chart_label": {"parent": "display", "fontSize": "small", "alignment": "right"},
    "chart_value": {"parent": "base", "fontName": "bold", "fontSize": "small"},
    "chart_legend": {"parent": "base", "fontSize": "small", "textColor": "muted"},
    # Running head and foot
    "header": {"parent": "base", "fontSize": "caption", "textColor": "muted"},
    "header_right": {"parent": "header", "alignment": "right"},
    # Flyers
    "flyer_event": {"parent": "display", "fontName": "bold", "fontSize": "h2", "leading": 1.3,
                    "textColor": "on_primary"},
    "flyer_event_detail": {"parent": "base", "leading": 1.4, "textColor": "on_primary"},
    "qr_label": {"parent": "display", "fontSize": "caption", "leading": 1.3, "alignment": "center"},
    "qr_url": {"parent": "qr_label", "textColor": "muted"},
    # The location sketch (``sketch.py``): names on the roads, beside them, in the block
    "sketch_road": {"parent": "display", "fontSize": "small", "leading": 1.2, "alignment": "center"},
    "sketch_label": {"parent": "display", "fontSize": "small", "leading": 1.3},
    "sketch_label_right": {"parent": "sketch_label", "alignment": "right"},
    "sketch_block": {"parent": "display", "fontName": "bold", "fontSize": "small", "leading": 1.3,
                     "textColor": "primary", "alignment": "center"},
    "sketch_note": {"parent": "caption"},
    # The contact block (``contact.py``)
    "contact_name": {"parent": "display", "fontName": "bold", "fontSize": "emphasis", "leading": 1.4,
                     "textColor": "primary"},
    "contact_line": {"parent": "base", "fontSize": "cell", "leading": 1.5},
}

ALIGNMENTS = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}
_LENGTHS = ("spaceBefore", "spaceAfter", "leftIndent", "firstLineIndent")
_FONTS = ("fontName", "bulletFontName")
_COLOURS = ("textColor", "bulletColor")
#: What a style may say: the parent, what resolves against the theme, and ReportLab's own
#: attributes taken as they are.
_KEYS = {"parent", "fontSize", "leading", "alignment", "keepWithNext", "column", "balance", "wholeWords", *_LENGTHS,
         *_FONTS, *_COLOURS}


class StyleTableError(ValueError):
    """A style table that cannot be resolved: a programmer's error."""


class UnknownStyle(KeyError):
    """A style name that is not in the table."""

    def __str__(self):
        return self.args[0]


class StyleSheet(dict):
    """Paragraph styles by name; an unknown name is refused, with the names there are."""

    def __missing__(self, name):
        raise UnknownStyle(f"no paragraph style {name!r}; the styles are {', '.join(sorted(self))} "
                           "(layout/theme.py, STYLES)")


def resolve(table: dict[str, dict], theme: Theme) -> StyleSheet:
    """ReportLab paragraph styles from a style table (``STYLES``) and a theme: each made with
    its parent's style as ``parent`` and the attributes whose resolved value differs from it."""
    sheet = StyleSheet()
    for name in _in_order(table):
        spec = _inherited(table, name)
        values = {key: _value(key, spec[key], spec, theme, name) for key in spec if key not in ("parent", "column")}
        values["wordWrap"] = "CJK"  # clreq line breaking: typeset.Para refuses any other style
        values["allowWidows"] = 0
        if spec.get("column") == "text" and theme.text_indent:
            values["leftIndent"] = values.get("leftIndent", 0) + theme.text_indent
            values["bulletIndent"] = theme.text_indent
        elif spec.get("column") == "frame":  # not the text column's indent, even if the parent has it
            values.setdefault("leftIndent", 0)
            values.setdefault("bulletIndent", 0)
        if spec.get("alignment") == "running" and theme.lang in HYPHENATION:
            values["hyphenationLang"] = HYPHENATION[theme.lang]
        parent = sheet[table[name]["parent"]] if "parent" in table[name] else None
        if parent is not None:
            values = {key: value for key, value in values.items() if not _same(getattr(parent, key, _ABSENT), value)}
        sheet[name] = ParagraphStyle(name, parent=parent, **values)
    return sheet


_ABSENT = object()


def _same(inherited, value) -> bool:
    """Whether a style need not set ``value`` over the ``inherited`` one: equal and of one type
    (0 and 0.0 are equal, but a float stays a float)."""
    return type(inherited) is type(value) and inherited == value


def _in_order(table: dict[str, dict]) -> list[str]:
    """The table's names, each after its parent; refuses an unknown parent or a cycle."""
    ordered: list[str] = []
    for name in table:
        chain: list[str] = []
        while name not in ordered:
            if name in chain:
                raise StyleTableError(f"paragraph styles {' -> '.join(chain + [name])} are their own parents")
            chain.append(name)
            unknown = set(table[name]) - _KEYS
            if unknown:
                raise StyleTableError(f"paragraph style {name!r}: unknown attributes {', '.join(sorted(unknown))}")
            parent = table[name].get("parent")
            if parent is None:
                break
            if parent not in table:
                raise StyleTableError(f"paragraph style {name!r} names parent {parent!r}, which is not a style; "
                                      f"the styles are {', '.join(sorted(table))}")
            name = parent
        ordered += [n for n in reversed(chain) if n not in ordered]
    return ordered


def _inherited(table: dict[str, dict], name: str) -> dict:
    """A style's entries with those of its ancestors it does not override."""
    spec = table[name]
    return {**_inherited(table, spec["parent"]), **spec} if "parent" in spec else dict(spec)


def _value(key: str, value, spec: dict, theme: Theme, name: str):
    """One attribute as ReportLab takes it, resolved against the theme."""
    try:
        if key == "fontSize":
            return _font_size(spec, theme)
        if key == "leading":
            ratio = getattr(theme.type, value) if isinstance(value, str) else value
            return _font_size(spec, theme) * ratio
        if key in _FONTS:
            return {"regular": theme.font, "bold": theme.bold_font}[value]
        if key in _COLOURS:
            return getattr(theme.palette, value)
        if key == "alignment":
            if value == "running":
                return TA_JUSTIFY if theme.justify else TA_LEFT
            return ALIGNMENTS[value]
        if key in _LENGTHS:
            return getattr(theme.space, value) if isinstance(value, str) else _size(value, theme)
        return value
    except (AttributeError, KeyError, TypeError, ValueError) as error:
        raise StyleTableError(f"paragraph style {name!r}: {key}={value!r} does not name a part of the theme "
                              f"({error})") from None


def _font_size(spec: dict, theme: Theme) -> float:
    """A style's size; light text on a coloured ground is never smaller than the theme's
    ``min_knockout`` (print: one letter cut out of several plates fringes when they shift)."""
    size = _size(spec["fontSize"], theme)
    if spec.get("textColor") in KNOCKOUT_COLOURS:
        return max(size, theme.min_knockout)
    return size


def _size(value, theme: Theme):
    """A size of the type scale by name, (name, factor) with a number or a ratio's name, or a number."""
    if isinstance(value, str):
        return getattr(theme.type, value)
    if isinstance(value, tuple):
        size, factor = value
        return getattr(theme.type, size) * (getattr(theme.type, factor) if isinstance(factor, str) else factor)
    if isinstance(value, (int, float)):
        return value
    raise TypeError(f"{value!r} is not a size")


@functools.cache
def styles(theme: Theme) -> StyleSheet:
    """Every paragraph style the layouts use, from the theme (``STYLES``), by name."""
    return resolve(STYLES, theme)
