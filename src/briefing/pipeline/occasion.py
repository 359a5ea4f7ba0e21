"""Who a document is for and which event it is handed out at: text typed on the command line
(``--for``, ``--date``, ``--event``, ``--event-date``, ``--venue``, and the English text of each
with ``--for-en``, ``--event-en``, ``--venue-en``), so it is checked as untrusted input before it
reaches a page or a file name.

Each text is given per language: a Chinese document prints the Chinese text, an English one
the English. Given in one language only, it is printed in both, and the documents of the other
language say so (``borrowed``), for the build to report.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from briefing.errors import BriefingError
from briefing.sheets.schema import PartialDate
from briefing.text import fonts

MAX_NAME = 60  # one line on an A5 cover at the dedication's size
MAX_SLUG = 40  # characters of a name kept in a file name
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_NOT_IN_SLUG = re.compile(r"[^\w]+")  # \w keeps letters and digits of every script


def in_language(zh: str, en: str, lang: str) -> str:
    """The text for a document in ``lang``: its own, else the other language's."""
    own, other = (en, zh) if lang == "en" else (zh, en)
    return own or other


def borrowed(zh: str, en: str, lang: str) -> bool:
    """Whether a document in ``lang`` prints the other language's text (its own not given)."""
    own, other = (en, zh) if lang == "en" else (zh, en)
    return not own and bool(other)


@dataclass(frozen=True)
class Dedication:
    """"Prepared for <visitor> on <date>" on a brochure's cover: the visitor as the Chinese
    documents print it (``visitor``) and as the English ones do (``visitor_en``)."""

    visitor: str = ""
    date: Optional[PartialDate] = None
    visitor_en: str = ""

    def name(self, lang: str) -> str:
        return in_language(self.visitor, self.visitor_en, lang)

    def borrowed(self, lang: str) -> bool:
        return borrowed(self.visitor, self.visitor_en, lang)

    def file_part(self, lang: str = "zh") -> str:
        parts = ["for", slug(self.name(lang))] + ([str(self.date)] if self.date else [])
        return "-".join(parts)


@dataclass(frozen=True)
class EventLine:
    """The event a flyer is handed out at, its name and venue in each language."""

    name: str = ""
    date: Optional[PartialDate] = None
    venue: str = ""
    name_en: str = ""
    venue_en: str = ""

    def title(self, lang: str) -> str:
        return in_language(self.name, self.name_en, lang)

    def place(self, lang: str) -> str:
        return in_language(self.venue, self.venue_en, lang)

    def borrowed(self, lang: str) -> list[str]:
        """What a document in ``lang`` prints in the other language: the event, the venue."""
        return [what for what, zh, en in (("the event's name", self.name, self.name_en),
                                           ("the venue", self.venue, self.venue_en)) if borrowed(zh, en, lang)]


def dedication(visitor: Optional[str], date: Optional[str], visitor_en: Optional[str] = None) -> Optional[Dedication]:
    if visitor is None and visitor_en is None:
        if date is not None:
            raise BriefingError("--date says when a copy was prepared for a visitor; give --for \"<name>\" "
                                "(or --for-en) too")
        return None
    return Dedication(checked_text(visitor, "--for") if visitor is not None else "", parse_date(date, "--date"),
                      checked_text(visitor_en, "--for-en") if visitor_en is not None else "")


def event_line(name: Optional[str], date: Optional[str], venue: Optional[str], name_en: Optional[str] = None,
               venue_en: Optional[str] = None) -> Optional[EventLine]:
    if name is None and name_en is None:
        if date is not None or venue is not None or venue_en is not None:
            raise BriefingError("--event-date and --venue describe an event; give --event \"<name>\" "
                                "(or --event-en) too")
        return None
    return EventLine(checked_text(name, "--event") if name is not None else "", parse_date(date, "--event-date"),
                     checked_text(venue, "--venue") if venue is not None else "",
                     checked_text(name_en, "--event-en") if name_en is not None else "",
                     checked_text(venue_en, "--venue-en") if venue_en is not None else "")


def checked_text(text: str, option: str) -> str:
    """Plain text fit for a cover: cleaned, not empty, not too long, every character printable.
    Markup is escaped later, when the text is set (``typeset.paragraph``)."""
    value = plain_text(text)
    if not value:
        raise BriefingError(f"{option} is empty; give the name as it should be printed")
    if len(value) > MAX_NAME:
        raise BriefingError(f"{option} is {len(value)} characters long, over the {MAX_NAME} that fit on one line; "
                            "shorten it")
    missing = fonts.missing_characters(value)
    if missing:
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
        raise BriefingError(f"{option} {value!r}: the shipped fonts cannot print {listed}; "
                            "write the name without them, or add them with tools/make_fonts.py")
    return value


def plain_text(text: str) -> str:
    """Typed text as it will be printed: composed (NFC), whitespace collapsed, control
    characters dropped."""
    from briefing.text.plain import clean

    return clean(unicodedata.normalize("NFC", text))


def parse_date(text: Optional[str], option: str) -> Optional[PartialDate]:
    if text is None:
        return None
    match = _DATE.fullmatch(text.strip())
    try:
        if not match:
            raise ValueError
        year, month, day = match.groups()
        date = PartialDate(int(year), int(month), int(day) if day else None)
        date.first_day()  # raises for 2021-02-30
    except ValueError:
        raise BriefingError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD (or YYYY-MM)") from None
    return date


def slug(text: str) -> str:
    """A file-name part for a name: letters and digits of any script joined by hyphens, never
    a path (no separators, dots or leading hyphen). A name that lost characters on the way
    gets a short hash of the whole name, so that two names never share a file."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    kept = _NOT_IN_SLUG.sub("-", folded).replace("_", "-").strip("-")
    kept = re.sub(r"-{2,}", "-", kept)[:MAX_SLUG].strip("-")
    if kept == re.sub(r"\s+", "-", folded.strip()):  # only spaces became hyphens: nothing lost
        return kept
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]
    return f"{kept}-{digest}" if kept else digest
