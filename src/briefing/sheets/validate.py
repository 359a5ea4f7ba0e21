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
from briefing.sheets import schema
from briefing.sheets.load import is_null, line_of

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
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
            return None
        inner = next(arg for arg in typing.get_args(hint) if arg is not type(None))
        return self.walk(node, inner, where, limit)

    def _list(self, node, item_hint, where, limit):
        if is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            return self._wrong(node, where, "expected a list (lines starting with '- ')")
        items = [self.walk(item, item_hint, where.at(i, line_of(item)), limit)
                 for i, item in enumerate(node.value)]
        return [item for item in items if item is not _INVALID]

    def _choice(self, node, choices, where):
        text = self._text(node, where)
        if text is _INVALID:
            return text
        if text not in choices:
            return self._wrong(node, where, f"expected one of {', '.join(choices)}, got {text!r}")
        return text

    def _record(self, node, cls, where, limit=None):
        if not isinstance(node, yaml.MappingNode):
            return self._wrong(node, where, _expected_record(cls))
        given = {key.value: (key, value) for key, value in node.value}
        hints = schema.hints_of(cls)
        values, ok = {}, True
        for spec in schema.fields_of(cls):
            if spec.name in given:
                key, child = given.pop(spec.name)
                value = self.walk(child, hints[spec.name], where.at(spec.name, line_of(key)),
                                  _child_limit(cls, spec, limit))
                if value is _INVALID:
                    ok = False
                else:
                    values[spec.name] = value
            elif schema.is_required(spec):
                self.problems.error(where.at(spec.name), f"is missing; {_describe(spec)}")
                ok = False
        for name, (key, _) in given.items():
            known = ", ".join(f.name for f in schema.fields_of(cls))
            self.problems.warn(where.at(name, line_of(key)), f"unknown field; the fields here are: {known}")
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
                                f"is {figure.max}, below value {figure.value}; a range goes from value up to max")
            return _INVALID
        return figure

    def _scalar(self, node, hint, where, limit=None):
        text = self._text(node, where)
        if text is _INVALID:
            return text
        if hint is str:
            return self._string(node, text, where, limit or MAX_TEXT)
        if hint is schema.Id:
            return self._id(node, text, where)
        if hint is schema.Url:
            return self._url(node, text, where)
        if hint is float:
            return self._number(node, text, where)
        if hint is bool:
            if text not in BOOLS:
                return self._wrong(node, where, f"expected true or false, got {text!r}; write true or false")
            return BOOLS[text]
        if hint is schema.PartialDate:
            return self._date(node, text, where)
        if hint is schema.Colour:
            if not COLOUR.fullmatch(text):
                return self._wrong(node, where, f"expected a colour as '#RRGGBB' (e.g. '#C8102E', in quotes), "
                                                f"got {text!r}")
            return schema.Colour("#" + text.lstrip("#").upper())
        if hint is schema.ImagePath:
            text = self._string(node, text, where, MAX_TEXT)
            if text is not _INVALID:
                self.typed.images.append((where, text))
            return text
        raise TypeError(f"schema type {hint!r} has no validator")  # a bug in schema.py, not user input

    def _string(self, node, text, where, limit):
        if len(text) > limit:
            return self._wrong(node, where, f"is {len(text)} characters long, over the {limit} this field "
                                            "can hold on the page; shorten it")
        invisible = _invisible(text)
        if invisible:
            return self._wrong(node, where, f"contains the invisible character U+{ord(invisible):04X} "
                                            f"({unicodedata.name(invisible, 'a control character')}); delete it")
        if _cut_by_comment(node):
            self.problems.warn(Where(where.path, line_of(node), where.field),
                               f"the text stops at {text!r}: YAML reads ' #' and what follows as a comment; "
                               "put the whole text in quotes if the '#' belongs to it")
        self.typed.texts.append((where, text))
        return text

    def _text(self, node, where):
        if not isinstance(node, yaml.ScalarNode):
            return self._wrong(node, where, "expected a single value, got a list or mapping")
        if is_null(node):
            return self._wrong(node, where, "is empty; give a value or remove the line")
        return node.value

    def _id(self, node, text, where):
        if not re.fullmatch(schema.ID_PATTERN, text):
            return self._wrong(
                node, where,
                f"expected an id of lower-case letters, digits and hyphens, got {text!r}",
            )
        name = _INDEX.sub("", where.field.rsplit(".", 1)[-1])  # news[0] refers as news does
        if name == "id":
            self.typed.ids.append((where, text))
        kind = REFERENCE_FIELDS.get(name)
        if kind:
            self.typed.refs.append(Ref(kind, text, where))
        return schema.Id(text)

    def _url(self, node, text, where):
        if not re.fullmatch(schema.URL_PATTERN, text):
            return self._wrong(node, where, f"expected a whole web address starting https://, got {text!r}")
        if len(text) > schema.MAX_URL:
            return self._wrong(node, where, f"is {len(text)} characters long, over the {schema.MAX_URL} a "
                                            "printed QR code holds well; link to a shorter address")
        self.typed.texts.append((where, text))  # printed under its QR code, so its glyphs are checked
        return schema.Url(text)

    def _number(self, node, text, where):
        if not NUMBER.fullmatch(text):
            return self._wrong(node, where, f"expected a number, got {text!r}{NUMBER_HINT}")
        if LEADING_ZERO.match(text):
            return self._wrong(node, where, f"{text} has a leading zero, which YAML 1.1 reads as another number; "
                                            f"write {text.lstrip('0') or '0'}, or quote it if it is a code")
        if _cut_by_comment(node) and _comment_glued(node):
            self.problems.warn(Where(where.path, line_of(node), where.field),
                               f"the number stops at {text!r}: YAML reads ' #' and what follows as a comment; "
                               "put the whole value in quotes if the '#' belongs to it, or a space after '#' "
                               "if it is a comment")
        number = float(text)
        if not math.isfinite(number) or number >= MAX_NUMBER:
            return self._wrong(node, where, f"{text} is too large; write the value in plain units, e.g. 1000000000")
        if number < 0:
            return self._wrong(node, where, f"expected zero or more, got {text}")
        return int(number) if number.is_integer() and "." not in text else number

    def _date(self, node, text, where):
        match = DATE.fullmatch(text)
        if not match:
            return self._wrong(node, where, f"expected a date as YYYY-MM-DD or YYYY-MM, got {text!r}")
        year, month, day = int(match[1]), int(match[2]), int(match[3]) if match[3] else None
        try:
            datetime.date(year, month, day or 1)
        except ValueError as exc:
            return self._wrong(node, where, f"{text!r} is not a real date ({exc}); check the day and the month")
        return schema.PartialDate(year, month, day)

    def _wrong(self, node, where, message):
        self.problems.error(Where(where.path, line_of(node), where.field), message)
        return _INVALID


def _invisible(text: str) -> Optional[str]:
    """The first character that prints as nothing or reorders the text around it: control
    and format characters (bidi overrides, zero-width spaces), line separators, lone
    surrogates. Tabs and line ends are spacing, which typesetting folds."""
    for char in text:
        if unicodedata.category(char) in INVISIBLE and char not in "\t\n\r":
            return char
    return None


#: Help with a value that is not a number.
NUMBER_HINT = "; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)"
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
        return limit * (ENGLISH_FACTOR if spec.name == "en" else 1) if limit else None
    return spec.metadata.get("max_length")


def _describe(spec: dataclasses.Field) -> str:
    return "add it: " + spec.metadata.get("doc", spec.name)


def _expected_record(cls: type) -> str:
    if cls is schema.Text:
        return "expected Chinese and English text as {zh: ..., en: ...}"
    names = ", ".join(f.name for f in schema.fields_of(cls) if schema.is_required(f))
    return f"expected a mapping of fields ({names})" if names else "expected a mapping of fields"
