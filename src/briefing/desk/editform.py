"""The edit page of a fact sheet, made from the schema: nothing here knows a field by name.

A sheet is a tree of texts (``operators/rewrite.py``); ``page`` turns it into the fields a
page shows, each by its type: a record is a group of fields, ``Text`` is Chinese and English
side by side (the other languages and the notes on an uncertain value folded beneath), a
list is entries that can be added, removed and moved, a choice of the schema's words is a
menu, a date is year, month and day, a reference to a source, chain, park or news item is a
menu of those the data folder has, an image is a menu of the data folder's images. The
description of every field (``doc``, ``zh``) is shown beside it in the interface's language.

``read`` turns the form a browser sends back into the tree, by the same walk over the schema;
the names of the form's fields are the paths problems name (``facts[0].value``), so each
problem is shown beside its field. A change to the lists (add, remove, move) is done on the
tree by ``change``, and the page is shown again: it works without script.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Optional, Union

from briefing.operators.rewrite import Moved, Tree, normalised
from briefing.sheets import schema
from briefing.sheets.validate import DATE, DEADLINE, REFERENCE_FIELDS
from briefing.text.i18n import gettext

#: Hidden fields beside the values: a list entry's index in the sheet it was read from, and
#: an optional record that is there (even with nothing filled in yet).
ORIGIN, PRESENT = "__origin", "__present"
#: The parts of a date.
YEAR, MONTH, DAY = "__year", "__month", "__day"
#: The month of a deadline that means "by the end of the year" (2021-end).
YEAR_END = "end"
_SEGMENT = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass
class Field:
    """One thing on the edit page, by the widget that shows it."""

    path: str  # the form's name, and the field problems name
    key: str  # the field's name in the sheet (zh-Hant, value, facts)
    widget: str  # record, text, list, absent, line, area, number, choice, bool, date, deadline, readonly
    doc: str = ""
    required: bool = False
    value: Any = ""  # a leaf's text; a date's parts (year, month, day)
    children: list[Field] = field(default_factory=list)
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, what it is)
    limit: Optional[int] = None  # the most characters its text should have (Chinese)
    origin: Optional[int] = None  # a list entry's index in the sheet as read (None: new)
    index: Optional[int] = None  # a list entry's place in its list
    count: int = 0  # a list entry: how many entries its list has
    folded: bool = False  # a Text's extra languages and notes: folded away while empty
    problems: list = field(default_factory=list)  # the problems shown beside it (the page adds them)
    record: str = ""  # a record's type (Figure: the page shows how it prints)
    #: A list that may be left out, which then means something else than an empty one
    #: (``news_en``: without it the English overview follows ``news``; [] shows none).
    optional: bool = False

    @property
    def id(self) -> str:
        """An HTML id for the path (facts[0].value -> f-facts-0-value)."""
        return "f-" + re.sub(r"[^A-Za-z0-9_-]+", "-", self.path).strip("-")

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Pickers:
    """What the menus offer: the ids each kind of reference may use (with what each is), and
    the images in the data folder."""

    references: Mapping[str, list[tuple[str, str]]] = field(default_factory=dict)
    images: tuple[str, ...] = ()


# -- the page ------------------------------------------------------------------------------

def page(tree: Tree, cls: type, ui: str, pickers: Pickers) -> Field:
    """The fields of a sheet of ``cls`` holding ``tree``, described in ``ui``."""
    root = Field("", "", "record", doc=_doc_of_class(cls, ui), required=True)
    root.children = _fields(tree if isinstance(tree, dict) else {}, cls, "", ui, pickers, top=True)
    _once(root)
    return root


def _once(root: Field) -> None:
    """Each description once on the page, at the first field it describes: the same rule for
    English text beside every one of sixty texts hides what matters. A sheet's own fields
    keep theirs."""
    seen: set[str] = set()
    for item in root.walk():
        if item.doc in seen and "." in item.path.replace("[", "."):
            item.doc = ""
        seen.add(item.doc)


def _fields(tree: dict, cls: type, path: str, ui: str, pickers: Pickers, top: bool = False) -> list[Field]:
    hints = schema.hints_of(cls)
    fields = []
    for spec in schema.fields_of(cls):
        key = schema.key_of(spec)
        child = _join(path, key)
        fields.append(_field(tree.get(key), hints[spec.name], child, key, spec, cls, ui, pickers, top))
    return fields


def _field(value: Tree, hint: Any, path: str, key: str, spec, parent: type, ui: str, pickers: Pickers,
           top: bool) -> Field:
    required = schema.is_required(spec)
    optional = typing.get_origin(hint) is Union
    if optional:
        hint = schema.inner(hint)
    made = Field(path, key, "line", doc=_doc(spec, ui), required=required, limit=spec.metadata.get("max_length"))
    if typing.get_origin(hint) is list:
        if optional and value is None:  # left out, which is not an empty list: "Add" makes it one
            made.widget = "absent"
            return made
        made.optional = optional
        return _list(made, value, typing.get_args(hint)[0], ui, pickers)
    if hint is schema.Text:
        return _text(made, value, parent, ui, pickers)
    if schema.is_record(hint):
        if value is None and not required:
            made.widget = "absent"
            return made
        made.widget, made.record = "record", hint.__name__
        made.children = _fields(value if isinstance(value, dict) else {}, hint, path, ui, pickers)
        return made
    return _leaf(made, value, hint, key, ui, pickers, readonly=top and key == "id" and hint is schema.Id)


def _list(made: Field, value: Tree, item: Any, ui: str, pickers: Pickers) -> Field:
    made.widget = "list"
    entries = value if isinstance(value, list) else []
    for index, entry in enumerate(entries):
        origin = entry.origin if isinstance(entry, Moved) else index
        content = entry.value if isinstance(entry, Moved) else entry
        path = f"{made.path}[{index}]"
        if item is schema.Text:
            child = _text(Field(path, made.key, "text", required=True), content, None, ui, pickers)
        elif schema.is_record(item):
            child = Field(path, made.key, "record", required=True, record=item.__name__)
            child.children = _fields(content if isinstance(content, dict) else {}, item, path, ui, pickers)
        else:
            child = _leaf(Field(path, made.key, "line", required=True), content, item, made.key, ui, pickers)
        child.origin, child.index, child.count = origin, index, len(entries)
        made.children.append(child)
    return made


def _text(made: Field, value: Tree, parent: Optional[type], ui: str, pickers: Pickers) -> Field:
    """Chinese and English side by side; a text inside a text (what to print meanwhile) only
    once it is asked for, so the page does not nest without end."""
    if value is None and parent is schema.Text:
        made.widget = "absent"
        return made
    made.widget = "text"
    made.children = _fields(value if isinstance(value, dict) else {}, schema.Text, made.path, ui, pickers)
    for child in made.children[:2]:  # the first two languages side by side; the rest beneath
        child.widget = "area" if child.widget == "line" else child.widget
        child.limit = made.limit
    extra = made.children[2:]
    made.folded = all(child.value in ("", None) and child.widget in ("line", "absent") for child in extra)
    for child in extra:
        if child.widget == "line":
            child.widget = "area"
    return made


def _leaf(made: Field, value: Tree, hint: Any, key: str, ui: str, pickers: Pickers, readonly: bool = False) -> Field:
    text = value if isinstance(value, str) else ""
    made.value = text
    if readonly:
        made.widget = "readonly"
    elif typing.get_origin(hint) is Literal:
        made.widget = "choice"
        made.choices = _choices(typing.get_args(hint), text, _words(hint, ui))
    elif hint is bool:
        made.widget = "bool"
    elif hint is float:
        made.widget = "number"
    elif hint is schema.PartialDate and (not text or DATE.fullmatch(text)):
        made.widget, made.value = "date", _date_parts(text)
    elif hint is schema.Deadline and (not text or DEADLINE.fullmatch(text)):
        made.widget, made.value = "deadline", _date_parts(text)
    elif hint is schema.Id and REFERENCE_FIELDS.get(key) in pickers.references:
        made.widget = "choice"
        made.choices = _choices([i for i, _ in pickers.references[REFERENCE_FIELDS[key]]], text,
                                dict(pickers.references[REFERENCE_FIELDS[key]]))
    elif hint is schema.ImagePath:
        made.widget = "choice"
        made.choices = _choices(pickers.images, text, {})
    return made


def _choices(values, current: str, words: Mapping[str, str]) -> list[tuple[str, str]]:
    """The menu: an empty choice, every value with what it is, and the value the sheet has
    if it is none of them (kept, so that the page does not change it; the checks say why)."""
    offered = [("", "—")] + [(value, f"{value} · {words[value]}" if words.get(value) else value) for value in values]
    if current and current not in values:
        offered.append((current, current))
    return offered


def _words(hint: Any, ui: str) -> dict[str, str]:
    """What a choice of the schema's words means, where the documents have words for it: a
    unit's counter (平方米, m²), a qualifier's word (多, more than)."""
    from briefing.text import numbers

    args = typing.get_args(hint)
    if set(args) == set(schema.UNITS):
        return {unit: words[0] if ui == "zh" else words[2] for unit, words in numbers.UNIT_WORDS.items()}
    if set(args) == set(schema.QUALIFIERS):  # as printed: 20多家, more than 20 companies
        label = schema.Text(zh="")
        return {word: numbers.format_figure(schema.Figure(label, 20, "company", qualifier=word), ui)
                for word in args}
    return {}


def _date_parts(text: str) -> dict[str, str]:
    match = DEADLINE.fullmatch(text) if text else None
    if match:
        year, end, month, day = match.groups()
        return {"year": year, "month": YEAR_END if end else (month or ""), "day": day or ""}
    match = DATE.fullmatch(text) if text else None
    if match:
        return {"year": match.group(1), "month": match.group(2), "day": match.group(3) or ""}
    return {"year": "", "month": "", "day": ""}


def _doc(spec, ui: str) -> str:
    text = spec.metadata.get("zh") if ui == "zh" else spec.metadata.get("doc")
    return str(text or spec.metadata.get("doc") or "")


def _doc_of_class(cls: type, ui: str) -> str:
    return (cls.__doc__ or "").strip().splitlines()[0] if ui != "zh" else ""


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


# -- the form sent back ------------------------------------------------------------------

def read(form: Mapping[str, str], cls: type) -> dict:
    """The tree a sent form holds (list entries carry their origin)."""
    return _read_record(_Sent(form), cls, "")


class _Sent:
    """A sent form, with every path that some field of it lies under (a record the form does
    not mention is not there: a text's ``meanwhile`` holds a text, which holds one, ...)."""

    def __init__(self, form: Mapping[str, str]):
        self.form = form
        self.under: set[str] = set()
        for name in form:
            for match in re.finditer(r"[.\[]", name):
                self.under.add(name[: match.start()])

    def get(self, name: str, default: str = "") -> str:
        value = self.form.get(name, default)
        return value if isinstance(value, str) else default

    def __contains__(self, name: str) -> bool:
        return name in self.form

    def __iter__(self):
        return iter(self.form)


def _read_record(form, cls: type, path: str) -> dict:
    hints = schema.hints_of(cls)
    tree: dict = {}
    for spec in schema.fields_of(cls):
        key = schema.key_of(spec)
        value = _read_value(form, hints[spec.name], _join(path, key), schema.is_required(spec))
        if value is not None:
            tree[key] = value
    return tree


def _read_value(form, hint: Any, path: str, required: bool) -> Tree:
    optional = typing.get_origin(hint) is Union
    if optional:
        hint = schema.inner(hint)
    if typing.get_origin(hint) is list:
        item = typing.get_args(hint)[0]
        entries = [Moved(_origin(form, f"{path}[{index}]"), _entry(form, item, f"{path}[{index}]"))
                   for index in _indices(form, path)]
        # An optional list the page shows (it says so) is kept even empty: [] is not its absence.
        return entries or ([] if optional and form.get(_join(path, PRESENT)) else None)
    if schema.is_record(hint):
        if path not in form.under and not (required and hint is not schema.Text):
            return None
        record = _read_record(form, hint, path)
        if record or form.get(_join(path, PRESENT)) or (required and hint is not schema.Text):
            return record
        return None
    if _join(path, YEAR) in form:
        return _date_from(form, path, hint)
    text = normalised(form.get(path, ""))
    return text or None


def _entry(form, item: Any, path: str) -> Tree:
    """A list entry, never nothing: an empty record or text, so that the checks name it."""
    value = _read_value(form, item, path, True)
    if value is None:
        return {} if schema.is_record(item) else ""
    return value


def _origin(form, path: str) -> Optional[int]:
    value = form.get(_join(path, ORIGIN), "")
    return int(value) if value.isdigit() else None


def _indices(form, path: str) -> list[int]:
    """The entries of a list the form sends, in order: each has its origin field."""
    prefix, suffix = f"{path}[", f"].{ORIGIN}"
    found = set()
    for name in form:
        if name.startswith(prefix) and name.endswith(suffix):
            middle = name[len(prefix):-len(suffix)]
            if middle.isdigit():
                found.add(int(middle))
    return sorted(found)


def _date_from(form, path: str, hint: Any) -> Optional[str]:
    """YYYY-MM(-DD), or a deadline's YYYY, YYYY-end, YYYY-MM(-DD), from the parts: what is
    typed is kept as it is, so a part that does not make a date gets the loader's message."""
    year = normalised(form.get(_join(path, YEAR), ""))
    month = normalised(form.get(_join(path, MONTH), ""))
    day = normalised(form.get(_join(path, DAY), ""))
    if not (year or month or day):
        return None
    if month == YEAR_END:
        return f"{year}-end"
    if hint is schema.Deadline and not month and not day:
        return year
    parts = [year] + [part.zfill(2) if part.isdigit() else part for part in (month, day) if part]
    return "-".join(parts)


# -- changes to the lists, without script -------------------------------------------------

def change(tree: dict, operation: str, cls: type) -> dict:
    """``tree`` after one of the page's list buttons: ``add:<path>`` (a new entry at the end
    of a list, or an optional record), ``remove:<path>``, ``up:<path>``, ``down:<path>``."""
    action, _, path = operation.partition(":")
    parts = steps(path)
    if not parts or action not in ("add", "remove", "up", "down"):
        return tree
    holder, last, hint = _locate(tree, parts, cls)
    if holder is None:
        return tree
    if action == "add":
        if isinstance(last, str):  # a field: a list gets an entry, an optional record appears
            current = holder.get(last)
            if typing.get_origin(hint) is list:
                item = typing.get_args(hint)[0]
                if current is None and _optional_list(parts, cls):
                    holder[last] = []  # an optional list left out appears, empty (its own value)
                else:
                    entries = current if isinstance(current, list) else []
                    holder[last] = entries + [Moved(None, {} if schema.is_record(item) else "")]
            elif schema.is_record(hint):
                holder[last] = current if isinstance(current, dict) else {}
        return tree
    if isinstance(last, str):
        if action == "remove":
            holder.pop(last, None)
        return tree
    entries = holder
    if action == "remove":
        del entries[last]
    elif action == "up" and last > 0:
        entries[last - 1], entries[last] = entries[last], entries[last - 1]
    elif action == "down" and last + 1 < len(entries):
        entries[last + 1], entries[last] = entries[last], entries[last + 1]
    return tree


def _optional_list(parts: list[str | int], cls: type) -> bool:
    """Whether the field at ``parts`` is declared an optional list (``Optional[list[...]]``)."""
    hint: Any = cls
    for step in parts:
        hint = schema.inner(hint) if typing.get_origin(hint) is Union else hint
        if isinstance(step, str):
            names = {schema.key_of(spec): spec.name for spec in schema.fields_of(hint)}
            hint = schema.hints_of(hint)[names[step]]
        else:
            hint = typing.get_args(hint)[0]
    return typing.get_origin(hint) is Union and typing.get_origin(schema.inner(hint)) is list


def steps(path: str) -> list[str | int]:
    """A field's path as its steps: ``facts[0].value`` is facts, 0, value."""
    return [int(index) if index else name for name, index in _SEGMENT.findall(path)]


def _locate(tree: dict, steps: list[str | int], cls: type):
    """The container holding the last step, the last step, and the schema's type there."""
    holder: Any = tree
    hint: Any = cls
    for position, step in enumerate(steps):
        if typing.get_origin(hint) is Union:
            hint = schema.inner(hint)
        if isinstance(step, str):
            if not (schema.is_record(hint) and isinstance(holder, dict)):
                return None, None, None
            names = {schema.key_of(spec): spec.name for spec in schema.fields_of(hint)}
            if step not in names:
                return None, None, None
            hint = schema.hints_of(hint)[names[step]]
        else:
            if not (typing.get_origin(hint) is list and isinstance(holder, list) and 0 <= step < len(holder)):
                return None, None, None
            hint = typing.get_args(hint)[0]
        if position == len(steps) - 1:
            return holder, step, (schema.inner(hint) if typing.get_origin(hint) is Union else hint)
        holder = holder.get(step) if isinstance(step, str) else holder[step]
        holder = holder.value if isinstance(holder, Moved) else holder
    return None, None, None


def with_origins(tree: Tree) -> Tree:
    """A tree read from a sheet, each list entry marked with its own index."""
    if isinstance(tree, dict):
        return {key: with_origins(value) for key, value in tree.items()}
    if isinstance(tree, list):
        return [Moved(index, with_origins(entry)) for index, entry in enumerate(tree)]
    return tree


def attach(root: Field, problems: list) -> list:
    """Each problem beside the field it names (or the nearest field holding it); those that
    name no field on the page are returned, for the top of the page."""
    fields = {item.path: item for item in root.walk() if item.path}
    left = []
    for problem in problems:
        path = problem.field
        while path and path not in fields:
            path = _parent(path)
        if path:
            fields[path].problems.append(problem)
        else:
            left.append(problem)
    return left


def _parent(path: str) -> str:
    if path.endswith("]"):
        return path[: path.rindex("[")]
    return path.rsplit(".", 1)[0] if "." in path else ""


def month_names(ui: str) -> list[tuple[str, str]]:
    """The months for a date's menu, in the interface's language (from the catalogs)."""
    from babel.dates import get_month_names

    names = get_month_names("wide", locale="zh_Hans_CN" if ui == "zh" else "en_GB")
    return [(f"{number:02d}", names[number]) for number in range(1, 13)]


def year_end_label(ui: str) -> str:
    return gettext(ui, "End of the year")
