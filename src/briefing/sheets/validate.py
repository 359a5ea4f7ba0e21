"""Type the YAML node tree by the schema, collecting every problem.

The schema's type hints drive everything: a dataclass expects a mapping, ``list[X]`` a
sequence, ``Optional[X]`` may be null, ``Literal[...]`` is one of its words, and the scalar
types (text, number, true/false, date, id) are parsed here from the text the strict loader
kept. Every text value and every id reference is recorded with its place, so later checks
(glyph coverage, cross references) can name the file, line and field.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
import typing
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

import yaml

from briefing.errors import Problems, Where
from briefing.messages import Both, msg
from briefing.sheets import schema
from briefing.sheets.load import is_null, line_of

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
#: A deadline as exact as its source: 2021, 2021-end, 2021-12 or 2021-12-31.
DEADLINE = re.compile(r"(\d{4})(?:-(end)|-(\d{2})(?:-(\d{2}))?)?")
#: #RRGGBB; the # may be left out, because an unquoted # starts a YAML comment.
COLOUR = re.compile(r"#?[0-9A-Fa-f]{6}")
BOOLS = {"true": True, "false": False}
#: Any text longer than this is a mistake (a pasted document), whatever the field.
MAX_TEXT = 1000
ENGLISH_FACTOR = 3
#: Larger than any figure of a park or zone (10^15 yuan), and far below float overflow.
MAX_NUMBER = 1e15
#: Unicode categories of characters that print as nothing: control, format, surrogate, separators.
INVISIBLE = {"Cc", "Cf", "Cs", "Zl", "Zp"}

_INVALID = object()  # a value that failed; its problem is already recorded


@dataclass
class Ref:
    """An id used in one sheet that must exist elsewhere (a source, a chain, a park)."""

    kind: str
    value: str
    where: Where


@dataclass
class Typed:
    """What validation of one sheet produced."""

    value: Any
    path: str = ""
    problems: Problems = field(default_factory=Problems)
    texts: list[tuple[Where, str]] = field(default_factory=list)
    refs: list[Ref] = field(default_factory=list)
    ids: list[tuple[Where, str]] = field(default_factory=list)
    #: The line of every field given, by its path (``facts[0].source``), for later checks (lint).
    places: dict[str, Optional[int]] = field(default_factory=dict)
    #: Image paths, checked against the data folder once it is known (``images.py``).
    images: list[tuple[Where, str]] = field(default_factory=list)


#: Which kind of thing an id field refers to, by field name (a list of ids by the list's name).
REFERENCE_FIELDS = {"source": "source", "chain": "chain", "park": "park", "news": "news", "news_en": "news"}
_INDEX = re.compile(r"\[\d+\]$")


def validate(node: yaml.Node, cls: type, path: str) -> Typed:
    """Type ``node`` as ``cls``; the result holds the value (or None) and every problem."""
    typed = Typed(None, path)
    value = _Walker(typed).walk(node, cls, Where(path, line_of(node)))
    typed.value = None if value is _INVALID else value
    return typed


class _Walker:
    def __init__(self, typed: Typed):
        self.typed = typed
        self.problems = typed.problems

    def walk(self, node: yaml.Node, hint: Any, where: Where, limit: Optional[int] = None) -> Any:
        """Type ``node``; ``limit`` is the longest text allowed, for fields the layout must fit."""
        self.typed.places.setdefault(where.field, where.line)
        origin = typing.get_origin(hint)
        if origin is Union:
            return self._optional(node, hint, where, limit)
        if origin is list:
            return self._list(node, typing.get_args(hint)[0], where, limit)
        if origin is Literal:
            return self._choice(node, typing.get_args(hint), where)
        if dataclasses.is_dataclass(hint) and hint is not schema.PartialDate:
            return self._record(node, hint, where, limit)
        return self._scalar(node, hint, where, limit)

    def _optional(self, node, hint, where, limit):
        if is_null(node):
            return self._empty(node, hint, where)
        inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return self.walk(node, inner, where, limit)

    def _list(self, node, item_hint, where, limit):
        if is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            return self._wrong(node, where, msg("expected a list (lines starting with '- ')"))
        items = [self.walk(item, item_hint, where.at(i, line_of(item)), limit)
                 for i, item in enumerate(node.value)]
        return [item for item in items if item is not _INVALID]

    def _choice(self, node, choices, where):
        text = self._text(node, where)
        if text is _INVALID:
            return text
        if text in PLACEHOLDERS:
            return self._placeholder(node, where)
        if text not in choices:
            return self._wrong(node, where, msg("expected one of {choices}, got {text!r}", choices=", ".join(choices),
                                                text=text))
        return text

    def _record(self, node, cls, where, limit=None):
        if not isinstance(node, yaml.MappingNode):
            return self._wrong(node, where, _expected_record(cls))
        given = {key.value: (key, value) for key, value in node.value}
        hints = schema.hints_of(cls)
        values, ok = {}, True
        misspelt = _misspelt(cls, given)
        for spec in schema.fields_of(cls):
            name = schema.key_of(spec)
            if name in misspelt.values():
                ok = ok and not schema.is_required(spec)  # reported once, at the misspelt name
            elif name in given:
                key, child = given.pop(name)
                value = self.walk(child, hints[spec.name], where.at(name, line_of(key)),
                                  _child_limit(cls, spec, limit))
                if value is _INVALID:
                    ok = False
                else:
                    values[spec.name] = value
            elif schema.is_required(spec):
                self.problems.error(where.at(name), msg("is missing; {what}", what=_describe(spec)))
                ok = False
        for name, (key, _) in given.items():
            if name in misspelt:
                self.problems.error(where.at(name, line_of(key)), msg(
                    "unknown field: did you mean {field}? As written it is left out of the documents; "
                    "correct the name", field=misspelt[name]))
                continue
            known = ", ".join(schema.key_of(f) for f in schema.fields_of(cls))
            self.problems.warn(where.at(name, line_of(key)), msg("unknown field; the fields here are: {known}",
                                                                 known=known))
        if not ok:
            return _INVALID
        record = cls(**values)
        if cls is schema.Text:
            # Its place travels with it: the English edition names the texts it prints in Chinese.
            record.where = where
        return self._check_range(node, record, where) if cls is schema.Figure else record

    def _check_range(self, node, figure, where):
        if figure.max is not None and figure.max < figure.value:
            self.problems.error(where.at("max", line_of(node)),
                                msg("is {max}, below value {value}; a range goes from value up to max",
                                    max=figure.max, value=figure.value))
            return _INVALID
        return figure

    def _scalar(self, node, hint, where, limit=None):
        text = self._text(node, where)
        if text is _INVALID:
            return text
        if hint is str and not (text in PLACEHOLDERS and node.style is None and _outside_text(where)):
            return self._string(node, text, where, limit or MAX_TEXT)
        if text in PLACEHOLDERS:
            return self._placeholder(node, where)
        if hint is schema.Id:
            return self._id(node, text, where)
        if hint is schema.Url:
            return self._url(node, text, where)
        if hint is float:
            return self._number(node, text, where)
        if hint is bool:
            if text not in BOOLS:
                return self._wrong(node, where, msg("expected true or false, got {text!r}; write true or false",
                                                    text=text))
            return BOOLS[text]
        if hint is schema.PartialDate:
            return self._date(node, text, where)
        if hint is schema.Deadline:
            return self._deadline(node, text, where)
        if hint is schema.Colour:
            if not COLOUR.fullmatch(text):
                return self._wrong(node, where, msg("expected a colour as '#RRGGBB' (e.g. '#C8102E', in quotes), "
                                                    "got {text!r}", text=text))
            return schema.Colour("#" + text.lstrip("#").upper())
        if hint is schema.ImagePath:
            text = self._string(node, text, where, MAX_TEXT)
            if text is not _INVALID:
                self.typed.images.append((where, text))
            return text
        raise TypeError(f"schema type {hint!r} has no validator")  # a bug in schema.py, not user input

    def _string(self, node, text, where, limit):
        if len(text) > limit:
            return self._wrong(node, where, msg("is {count} characters long, over the {limit} this field "
                                                "can hold on the page; shorten it", count=len(text), limit=limit))
        invisible = _invisible(text)
        if invisible:
            return self._wrong(node, where, msg("contains the invisible character U+{code} ({name}); delete it",
                                                code=f"{ord(invisible):04X}",
                                                name=unicodedata.name(invisible, "a control character")))
        if _cut_by_comment(node):
            self.problems.warn(Where(where.path, line_of(node), where.field),
                               msg("the text stops at {text!r}: YAML reads ' #' and what follows as a comment; "
                                   "put the whole text in quotes if the '#' belongs to it", text=text))
        self.typed.texts.append((where, text))
        return text

    def _text(self, node, where):
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, where, msg("expected a single value, got a list or mapping"))
        if is_null(node):
            comment = _comment_after(node)
            if comment:
                return self._wrong(node, where, msg(
                    "is empty: YAML reads {comment!r} as a comment, because it starts with '#'; put the value in "
                    "quotes: '{comment}'", comment=comment))
            return self._wrong(node, where, msg("is empty; give a value or remove the line"))
        return node.value

    def _placeholder(self, node, where):
        """A number, date, choice or id still holding what briefing new writes in a commented-out
        block: uncommented and left, it is named rather than misread."""
        return self._wrong(node, where, msg(
            "still holds the placeholder {text!r} written by briefing new; write the value, or delete the line",
            text=node.value))

    def _id(self, node, text, where):
        if not re.fullmatch(schema.ID_PATTERN, text):
            return self._wrong(node, where, msg("expected an id of lower-case letters, digits and hyphens, "
                                                "got {text!r}",
                                                text=text))
        name = _INDEX.sub("", where.field.rsplit(".", 1)[-1])  # news[0] refers as news does
        if name == "id":
            self.typed.ids.append((where, text))
        kind = REFERENCE_FIELDS.get(name)
        if kind:
            self.typed.refs.append(Ref(kind, text, where))
        return schema.Id(text)

    def _url(self, node, text, where):
        if not re.fullmatch(schema.URL_PATTERN, text):
            return self._wrong(node, where, msg("expected a whole web address starting https://, got {text!r}",
                                                text=text))
        if len(text) > schema.MAX_URL:
            return self._wrong(node, where, msg("is {count} characters long, over the {limit} a "
                                                "printed QR code holds well; link to a shorter address",
                                                count=len(text), limit=schema.MAX_URL))
        self.typed.texts.append((where, text))  # printed under its QR code, so its glyphs are checked
        return schema.Url(text)

    def _number(self, node, text, where):
        if not NUMBER.fullmatch(text):
            return self._wrong(node, where, number_hint(text))
        if LEADING_ZERO.match(text):
            return self._wrong(node, where, msg("{text} has a leading zero, which YAML 1.1 reads as another number; "
                                                "write {plain}, or quote it if it is a code",
                                                text=text, plain=text.lstrip("0") or "0"))
        if _cut_by_comment(node) and _comment_glued(node):
            self.problems.warn(Where(where.path, line_of(node), where.field),
                               msg("the number stops at {text!r}: YAML reads ' #' and what follows as a comment; "
                                   "put the whole value in quotes if the '#' belongs to it, or a space after '#' "
                                   "if it is a comment", text=text))
        number = float(text)
        if not math.isfinite(number) or number >= MAX_NUMBER:
            return self._wrong(node, where, msg("{text} is too large; write the value in plain units, e.g. 1000000000",
                                                text=text))
        if number < 0:
            return self._wrong(node, where, msg("expected zero or more, got {text}", text=text))
        return int(number) if number.is_integer() and "." not in text else number

    def _date(self, node, text, where):
        match = DATE.fullmatch(text)
        if not match:
            return self._wrong(node, where, date_hint(text))
        year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
        try:
            datetime.date(year, month, day or 1)
        except ValueError as exc:
            return self._wrong(node, where, msg("{text!r} is not a real date ({reason}); check the day and the month",
                                                text=text, reason=str(exc)))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            return self._wrong(node, where, msg("{text!r} is not a plausible date: the year must be between {first} "
                                                "and {last}; check the year", text=text, first=FIRST_YEAR,
                                                last=LAST_YEAR))
        return schema.PartialDate(year, month, day)

    def _deadline(self, node, text, where):
        match = DEADLINE.fullmatch(text)
        if not match:
            return self._wrong(node, where, f"expected a deadline as YYYY, YYYY-end, YYYY-MM or YYYY-MM-DD, "
                                            f"got {text!r}; write it as exactly as the source does (年底: 2021-end)")
        year, end, month, day = match.groups()
        if month is None:
            return schema.Deadline(int(year), year_end=end is not None)
        date = self._date(node, f"{year}-{month}" + (f"-{day}" if day else ""), where)
        return date if date is _INVALID else schema.Deadline(date.year, date.month, date.day)

    def _wrong(self, node, where, message):
        self.problems.error(Where(where.path, line_of(node), where.field), message)
        return _INVALID


    def _empty(self, node, hint, where):
        """An optional field left empty is no value, unless a '#' right after it shows that YAML
        took the value for a comment (``accent: #1E9E5A``): a colour is then an error, any other
        value glued to its '#' a warning."""
        comment = _comment_after(node)
        inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        if comment and inner is schema.Colour:
            self._wrong(node, where, msg("is empty: YAML reads {comment!r} as a comment, because it starts with '#'; "
                                         "put the colour in quotes: '{comment}'", comment=comment))
            return _INVALID
        if comment and len(comment) > 1 and not comment[1].isspace():
            self.problems.warn(Where(where.path, line_of(node), where.field), msg(
                "is empty: YAML reads {comment!r} as a comment; put the value in quotes if it is the value, "
                "or write '# ' with a space if it is a comment", comment=comment))
        return None


def _invisible(text: str) -> Optional[str]:
    """The first character that prints as nothing or reorders the text around it: control
    and format characters (bidi overrides, zero-width spaces), line separators, lone
    surrogates. Tabs and line ends are spacing, which typesetting folds."""
    if text.isprintable():  # no Other nor Separator but the space at all: none of INVISIBLE
        return None
    for char in text:
        if unicodedata.category(char) in INVISIBLE and char not in "\t\n\r":
            return char
    return None


#: Help with a value that is not a number.
NUMBER_HINT = "; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)"
#: What briefing new writes where a value must be filled in (``lint.PLACEHOLDER_ZH`` and
#: ``_EN``, repeated here: lint reads validation, not the other way round).
PLACEHOLDERS = {"待填写", "TO FILL IN"}
#: Dates outside these years are typing mistakes (9999-12), and some would overflow date
#: arithmetic (a year after the last day of 9999 does not exist).
FIRST_YEAR, LAST_YEAR = 1900, 2199
#: A number written the Chinese way: digits, a magnitude (万, 亿), perhaps a qualifier and a unit.
_CHINESE_NUMBER = re.compile(r"(约|预计)?\s*([0-9][0-9,，]*(?:\.[0-9]+)?)\s*(十|百|千|万|亿|万亿)?\s*"
                             r"(多|余|以上)?\s*(.*)")
_MAGNITUDES = {None: 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}
#: A date written the Chinese way (2022年3月8日) or with other separators (2022/3/8, 2022.3).
_OTHER_DATE = re.compile(r"(\d{4})\s*(?:年|/|\.|-)\s*(\d{1,2})\s*(?:月|/|\.|-)?\s*(?:(\d{1,2})\s*(?:日|号)?)?")


def number_hint(text: str) -> str:
    """What to write instead of a number that is not one: 500000000 for 5亿."""
    plain = unicodedata.normalize("NFKC", text).strip()
    match = _CHINESE_NUMBER.fullmatch(plain)
    if match and (match[3] or match[4] or match[1] or "," in match[2] or "，" in match[2] or match[5]):
        from decimal import Decimal

        value = Decimal(match[2].replace(",", "").replace("，", "")) * _MAGNITUDES[match[3]]
        digits = format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
        digits = digits.split(".")[0] if value == value.to_integral() else digits
        qualifier = {"多": "more-than", "余": "over", "以上": "at-least", "约": "about", "预计": "expected"}
        words = [qualifier[q] for q in (match[1], match[4]) if q]
        if words:
            return msg("expected a number, got {text!r}; write {digits} (digits only, in plain units), with "
                       "qualifier: {qualifier} for the rest; the unit goes in unit", text=text, digits=digits,
                       qualifier=words[0])
        return msg("expected a number, got {text!r}; write {digits} (digits only, in plain units); the unit goes "
                   "in unit", text=text, digits=digits)
    return msg("expected a number, got {text!r}; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)",
               text=text)


def date_hint(text: str) -> str:
    """What to write instead of a date that is not written YYYY-MM(-DD): 2022-03 for 2022年3月."""
    match = _OTHER_DATE.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match and 1 <= int(match[2]) <= 12:
        written = f"{match[1]}-{int(match[2]):02d}" + (f"-{int(match[3]):02d}" if match[3] else "")
        return msg("expected a date as YYYY-MM-DD or YYYY-MM, got {text!r}; write {date}", text=text, date=written)
    return msg("expected a date as YYYY-MM-DD or YYYY-MM, got {text!r}", text=text)


def _outside_text(where: Where) -> bool:
    """A plain text field (a telephone number), not one language of a text, whose placeholder
    the lint reports as work still to do."""
    return not where.field.endswith((".zh", ".en"))


def _misspelt(cls: type, given: dict) -> dict[str, str]:
    """Unknown field names that are a known field of ``cls`` misspelt (taglne, sumary), each
    with the field it must be; a name close to none is left for the unknown-field warning."""
    import difflib

    names = [schema.key_of(spec) for spec in schema.fields_of(cls)]
    unknown = [name for name in given if name not in names]
    found: dict[str, str] = {}
    for name in unknown:
        close = difflib.get_close_matches(name, [n for n in names if n not in given], n=1, cutoff=0.75)
        if close and close[0] not in found.values():
            found[name] = close[0]
    return found


def _comment_after(node: yaml.Node) -> str:
    """The comment that follows an empty value on its line (``accent: #1E9E5A``), or ''."""
    mark = node.end_mark
    if not isinstance(node, yaml.ScalarNode) or node.style is not None or mark.buffer is None:
        return ""
    end = mark.buffer.find("\n", mark.pointer)
    rest = mark.buffer[mark.pointer:end if end >= 0 else len(mark.buffer)].strip(" \t\0")
    return rest if rest.startswith("#") else ""
#: 0734 is octal to YAML 1.1 and a code to a person: neither is a figure.
LEADING_ZERO = re.compile(r"0\d")


def _comment_glued(node: yaml.ScalarNode) -> bool:
    """Is the comment after a value written ``#text``, as data is, rather than ``# text``?"""
    mark = node.end_mark
    if mark.buffer is None:
        return False
    rest = mark.buffer[mark.pointer:mark.buffer.find("\n", mark.pointer)].lstrip(" \t")
    return len(rest) > 1 and not rest[1].isspace()


def _cut_by_comment(node: yaml.ScalarNode) -> bool:
    """A plain (unquoted) value followed on its line by `` #``, which YAML drops as a comment."""
    mark = node.end_mark
    if node.style is not None or mark.buffer is None:
        return False
    rest = mark.buffer[mark.pointer:mark.buffer.find("\n", mark.pointer)]
    return bool(re.match(r"[ \t]+#", rest))


def _child_limit(cls: type, spec: dataclasses.Field, limit: Optional[int]) -> Optional[int]:
    """A field's text limit; inside {zh, en} the parent's limit, English allowed three times
    the Chinese length because it takes about that many letters to say the same."""
    if cls is schema.Text:
        if spec.name == "unconfirmed":
            return None  # a note for the staff, never printed
        return limit * (ENGLISH_FACTOR if spec.name == "en" else 1) if limit else None
    return spec.metadata.get("max_length")


def _describe(spec: dataclasses.Field) -> str:
    return msg("add it: {doc}", doc=Both(spec.metadata.get("doc", spec.name), spec.metadata.get("zh", "")))


def _expected_record(cls: type) -> str:
    if cls is schema.Text:
        return msg("expected Chinese and English text as {zh: ..., en: ...}")
    names = ", ".join(f.name for f in schema.fields_of(cls) if schema.is_required(f))
    return msg("expected a mapping of fields ({names})", names=names) if names else msg("expected a mapping of fields")
