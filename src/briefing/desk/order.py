"""The front desk's form, read and checked: which documents, in which languages, for whom,
printed how. Every field is untrusted text from a browser, so each is checked here and every
problem is collected with the field it belongs to, in the interface's language, to be shown
beside that field. What passes becomes the same ``Selection`` and ``Output`` a command-line
build uses.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import BriefingError
from briefing.messages import shown
from briefing.pipeline.occasion import MAX_NAME, Dedication, EventLine, parse_date, plain_text
from briefing.pipeline.options import (
    DOCUMENT_PAPERS,
    IMPOSITIONS,
    LANGUAGES,
    MADE_OF,
    PRINT_SHEETS,
    Output,
    Request,
    Selection,
    check,
)
from briefing.press.spec import CONDITIONS, DEFAULT_CONDITION, PrintSpec, parse_length
from briefing.text import fonts, variants
from briefing.text.i18n import gettext

#: Each language by its own name, for the page's switch, its form and its list of files.
LANGUAGE_NAMES = {"zh": "中文", "en": "English", "zh-Hant": "繁體中文"}
#: The languages the page itself is in (the Traditional edition is a document language only).
UI_LANGUAGES = ("zh", "en")
#: Bleeds a print shop asks for, in millimetres; the page offers these rather than free text.
BLEEDS = ("2", "3", "5")
#: Text fields, each one line on a cover or flyer: the visitor, the event and its venue, each as
#: the Chinese documents print it and as the English ones do (``_en``).
TEXT_FIELDS = ("visitor", "visitor_en", "event", "event_en", "venue", "venue_en")


def kind_names(ui: str) -> dict[str, str]:
    """Each kind of document (``render.Document.kind``) in the interface's language, as the
    form offers it and the list of files names it."""
    _ = functools.partial(gettext, ui)
    return {"brochure": _("Brochure"), "flyer": _("One-page flyer"), "overview": _("Zone overview (all parks)"),
            "2up": _("Two A5 flyers on each A4 sheet"), "4up": _("Four A6 cards on each A4 sheet"),
            "booklet": _("Brochure as an A5 booklet (fold and staple)"),
            "page": _("Page image for WeChat"), "long": _("Long image for WeChat"),
            "poster": _("Poster for WeChat"),
            "jobsheet": _("Job sheet for the print shop"), "jobsheet-text": _("Job sheet for the print shop (text)")}


@dataclass(frozen=True)
class Order:
    """One visit's documents, ready to render."""

    selection: Selection
    languages: tuple[str, ...]
    output: Output

    def request(self, data_dir: Path) -> Request:
        """The pipeline's request: these documents, made in memory in this (worker) process."""
        return Request(data_dir, None, self.selection, self.languages, self.output, workers=1)

    def bundle_name(self) -> str:
        """The zip's name: the visitor's file part when there is one (as in the PDFs' names)."""
        dedication = self.output.dedication
        return f"briefing-{dedication.file_part(self.languages[0])}.zip" if dedication else "briefing.zip"


@dataclass
class FormProblems:
    """Problems with the form, by field name (``documents`` for the choice of documents)."""

    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)


Form = Mapping[str, Sequence[str]]  # field name -> every value sent (checkboxes repeat)


def read(form: Form, park_ids: Sequence[str], ui: str, overview: bool = True
         ) -> tuple[Optional[Order], FormProblems]:
    """The order the form describes among the parks that can be made (``park_ids``) and the
    overview (when ``overview``), or None with every problem found."""
    _ = functools.partial(gettext, ui)
    problems = FormProblems()
    selection = _selection(form, park_ids, problems, _)
    if selection and selection.overview and not overview:
        problems.add("documents", _("The zone overview cannot be made until every fact sheet is ready; "
                                    "choose a park’s documents instead."))
    languages = _choices(form, "lang", LANGUAGES, problems, _)
    if not languages:
        problems.add("lang", _("Choose at least one language."))
    spec = _print_spec(form, problems, _)
    impose = _choices(form, "impose", IMPOSITIONS, problems, _)
    if selection:
        _check_made_of(selection, impose, problems, _)
    visitor, visitor_en, event, event_en, venue, venue_en = (_text(form, name, problems, _, ui) for name in TEXT_FIELDS)
    date = _date(form, "date", problems, _)
    event_date = _date(form, "event_date", problems, _)
    if date and not (visitor or visitor_en):
        problems.add("date", _("The date says when the copy is prepared for a visitor: give the visitor’s name too."))
    if (event_date or venue or venue_en) and not (event or event_en):
        problems.add("event", _("A date or venue describes an event: give the event’s name too."))
    sheet = _sheet(form, spec, impose, problems, _)
    if problems or selection is None:
        return None, problems
    output = Output(spec, tuple(impose),
                    Dedication(visitor, date, visitor_en) if visitor or visitor_en else None,
                    EventLine(event, event_date, venue, event_en, venue_en) if event or event_en else None, sheet,
                    share=_first(form, "share") == "1")
    try:
        check(output)
    except BriefingError:  # the pieces with their bleed do not fit the sheet chosen
        problems.add("impose", _("The pieces with their bleed and crop marks do not fit on {sheet}: choose a larger "
                                 "sheet, or “The smallest that fits”.").format(sheet=sheet))
        return None, problems
    return Order(selection, tuple(languages), output), problems


def _sheet(form: Form, spec: PrintSpec, impose: list[str], problems: FormProblems, _) -> Optional[str]:
    """The print-shop sheet chosen, or None for the smallest that fits; a sheet is only for
    printing sheets with bleed, and is refused otherwise rather than ignored."""
    sheet = _first(form, "sheet") or "auto"
    if sheet not in PRINT_SHEETS:
        problems.add("impose", _("Unknown choice {value}; reload the page and choose again.").format(value=sheet[:20]))
        return None
    if sheet == "auto":
        return None
    if not (spec.for_press and impose):
        problems.add("impose", _("A print-shop sheet is for printing sheets with bleed or CMYK colour: choose a bleed "
                                 "and a kind of printing sheet, or leave the sheet as “The smallest that fits”."))
        return None
    return sheet


def _check_made_of(selection: Selection, impose: list[str], problems: FormProblems, _) -> None:
    """Each sheet needs what it is made of among the chosen documents."""
    chosen = {"brochure": selection.brochures, "flyer": selection.flyers}
    missing = {"brochure": _("The booklet is made from a brochure: choose a park’s brochure too."),
               "flyer": _("Sheets of flyers are made from a flyer: choose a park’s flyer too.")}
    for made_of in dict.fromkeys(MADE_OF[kind] for kind in impose):
        if not chosen[made_of]:
            problems.add("impose", missing[made_of])


def _first(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[0]


def _choices(form: Form, name: str, allowed: Sequence[str], problems: FormProblems, _,
             group: str = "") -> list[str]:
    """The values ticked, each once, in the order ``allowed`` gives; an unknown value (a page
    older than the fact sheets, or a forged request) is a problem of the field (or of its
    ``group`` on the page), not silently dropped."""
    sent = list(dict.fromkeys(form.get(name) or []))
    unknown = [value for value in sent if value not in allowed]
    if unknown:
        problems.add(group or name, _("Unknown choice {value}; reload the page and choose again.")
                     .format(value=", ".join(unknown)[:80]))
    return [value for value in allowed if value in sent]


def _selection(form: Form, park_ids: Sequence[str], problems: FormProblems, _) -> Optional[Selection]:
    brochures = _choices(form, "brochure", park_ids, problems, _, "documents")
    flyers = _choices(form, "flyer", park_ids, problems, _, "documents")
    overview = _first(form, "overview") == "1"
    if not (brochures or flyers or overview):
        if "documents" not in problems.by_field:
            problems.add("documents", _("Choose at least one document."))
        return None
    return Selection(tuple(brochures), tuple(flyers), overview)


def _print_spec(form: Form, problems: FormProblems, _) -> PrintSpec:
    paper = _first(form, "paper") or "A4"
    if paper not in DOCUMENT_PAPERS:
        problems.add("paper", _("Unknown choice {value}; reload the page and choose again.").format(value=paper[:20]))
        paper = "A4"
    bleed = _first(form, "bleed")
    if bleed and bleed not in BLEEDS:
        problems.add("bleed", _("Unknown choice {value}; reload the page and choose again.").format(value=bleed[:20]))
        bleed = ""
    cmyk = _first(form, "cmyk") == "1"
    condition = _first(form, "condition") or DEFAULT_CONDITION
    if condition not in CONDITIONS:
        problems.add("bleed", _("Unknown choice {value}; reload the page and choose again.")
                     .format(value=condition[:20]))
        condition = DEFAULT_CONDITION
    return PrintSpec(paper, parse_length(f"{bleed}mm") if bleed else 0.0, cmyk, condition)


def _text(form: Form, name: str, problems: FormProblems, _, ui: str) -> str:
    """One line of plain text for a cover or flyer, or "" when left empty. Markup is not
    interpreted here: the typesetter escapes it, and so does the page that shows it back."""
    value = plain_text(_first(form, name))
    if len(value) > MAX_NAME:
        problems.add(name, _("{count} characters: at most {limit} fit on one line; shorten it.")
                     .format(count=len(value), limit=MAX_NAME))
    missing = fonts.missing_characters(value[:MAX_NAME * 4])  # an overlong text is refused anyway: look at its start
    if missing:
        # Named in words: the page cannot draw the character either, and would show a box.
        listed = _("; ").join(shown(variants.named(c), ui) for c in missing[:5])
        problems.add(name, _("The fonts cannot print {characters}; write it without them.").format(characters=listed))
    return value


def _date(form: Form, name: str, problems: FormProblems, _):
    text = _first(form, name).strip()
    if not text:
        return None
    try:
        return parse_date(text, name)
    except BriefingError:
        problems.add(name, _("Not a date; write it as YYYY-MM-DD."))
        return None
