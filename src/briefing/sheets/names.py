"""The proper names a Traditional Chinese edition prints as OpenCC converts them, listed for a
person to confirm (``briefing check --lang zh-Hant``).

OpenCC converts running text well, phrase by phrase, but a name is what its bearer registered:
a company, a person or a road may write a character otherwise than the dictionary does (a
surname 余 stays 余, not 餘; 干 in a name may be 干, 乾 or 幹). So every name whose conversion
changes it is shown beside its Simplified form with its file and line; a wrong one is put right
with ``zh-Hant:`` beside ``zh:`` in the sheet, which the edition then prints as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import Problem, Severity, Where
from briefing.sheets import schema
from briefing.sheets.lint import records
from briefing.text import fonts, traditional
from briefing.text.plain import clean

#: Fields that hold proper names (the last part of a field's path): parks, bodies, people,
#: roads and buildings, places, publications, meetings and events.
NAME_FIELDS = frozenset({"name", "short_name", "names", "building", "address", "corridor", "office",
                         "publication", "author", "meeting", "place", "location"})


@dataclass
class Converted:
    """One name: where the sheet gives it, its Simplified form and its conversion."""

    where: Where
    simplified: str
    converted: str
    #: How many more places give the same name (a publication named by every source).
    more: int = 0


@dataclass
class Listing:
    """The names of one Traditional edition: those conversion changes (to confirm), how many it
    leaves as they are and how many a sheet gives in zh-Hant; and every converted text (name or
    not) the Traditional faces cannot print."""

    lang: str
    standard: str
    changed: list[Converted] = field(default_factory=list)
    unchanged: int = 0
    given: int = 0
    problems: list[Problem] = field(default_factory=list)

    def lines(self) -> list[str]:
        name = traditional.STANDARD_NAMES[self.standard]
        lines = [f"Names in the {self.lang} edition ({name} standard), as OpenCC converts them: confirm each, "
                 "or write the right one as zh-Hant: beside zh: in the sheet."]
        lines += [f"{c.where}: {c.simplified} → {c.converted}" + (f" (and {c.more} more)" if c.more else "")
                  for c in self.changed]
        lines.append(f"{len(self.changed)} names converted, {self.unchanged} the same in both scripts, "
                     f"{self.given} given in zh-Hant.")
        return lines


def converted_names(project, lang: str) -> Optional[Listing]:
    """The listing for ``lang``, or None when it is not a Traditional edition."""
    if not traditional.is_traditional(lang):
        return None
    zone = project.zone
    standard = traditional.standard(lang, zone.traditional if zone else None)
    listing = Listing(lang, standard)
    sheets = [zone, *project.parks.values(), *project.news.values(), *project.sources.values()]
    for sheet in sheets:
        if sheet is None:
            continue
        for path, text in records(sheet):
            if isinstance(text, schema.Text):
                _look_at(listing, path, text)
    return listing


def _look_at(listing: Listing, path: str, text: schema.Text) -> None:
    where = text.where or Where("?", None, path)
    if text.zh_hant:
        listing.given += _is_name(path)
        return
    simplified = clean(text.zh)
    converted = traditional.convert(simplified, listing.standard)
    missing = fonts.missing_characters(converted, fonts.TRADITIONAL_FACES)
    if missing:
        chars = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in missing)
        listing.problems.append(Problem(_relative(where), f"converts to {converted!r}, whose {chars} the "
                                        "Traditional fonts lack; give the text as zh-Hant:", Severity.ERROR))
    if not _is_name(path):
        return
    if converted == simplified:
        listing.unchanged += 1
        return
    for seen in listing.changed:
        if seen.simplified == simplified:
            seen.more += 1
            return
    listing.changed.append(Converted(_relative(where), simplified, converted))


def _is_name(path: str) -> bool:
    return path.rsplit(".", 1)[-1].split("[", 1)[0] in NAME_FIELDS


def _relative(where: Where) -> Where:
    """The place as written, with the path relative to the working folder when it is below it."""
    path = Path(where.path)
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return Where(str(path.relative_to(Path.cwd())), where.line, where.field)
    return where
