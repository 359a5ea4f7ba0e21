"""The field reference of the operator's guide (docs/fact-sheets.md), generated from the schema.

The guide's prose is written by hand; the part between the markers is this module's output,
so a field added to ``schema.py`` reaches the guide by running ``python tools/update_guide.py``
(a test fails until then).
"""

from __future__ import annotations

import typing
from pathlib import Path
from typing import Any, Literal, Union

from briefing.sheets import schema

BEGIN = "<!-- BEGIN field reference: generated from src/briefing/sheets/schema.py by tools/update_guide.py -->"
END = "<!-- END field reference -->"
#: The sheets, each with its file; every record they contain follows, in order of first use.
SHEETS = ((schema.Park, "data/parks/<id>.yaml"), (schema.Zone, "data/zone.yaml"),
          (schema.NewsItem, "data/news/<id>.yaml"), (schema.Sources, "data/sources.yaml"))
SCALARS = {str: "text", float: "number", bool: "true/false", schema.PartialDate: "date", schema.Deadline: "deadline",
           schema.Id: "id", schema.Colour: "colour", schema.ImagePath: "image path", schema.Url: "web address"}


def reference() -> str:
    """The whole field reference as Markdown."""
    parts = [_record(cls, file) for cls, file in SHEETS]
    parts += [_record(cls) for cls in _records() if cls not in dict(SHEETS)]
    parts += [_words("Units (`unit`)", schema.UNITS), _words("Qualifiers (`qualifier`)", schema.QUALIFIERS),
              _words("Statuses (`status`)", schema.STATUSES)]
    return "\n".join(parts)


def update(path: Path) -> bool:
    """Put the current reference between the markers in ``path``; True when it changed."""
    text = Path(path).read_text(encoding="utf-8")
    new = splice(text, reference())
    if new != text:
        Path(path).write_text(new, encoding="utf-8")
    return new != text


def splice(text: str, reference_text: str) -> str:
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{reference_text}\n{END}{tail}"


def _records() -> list[type]:
    """Every record reachable from the sheets, each once, in the order first met."""
    found: list[type] = []

    def visit(cls):
        if cls in found:
            return
        found.append(cls)
        for hint in schema.hints_of(cls).values():
            inner = schema.inner(hint)
            if schema.is_record(inner):
                visit(inner)

    for cls, _ in SHEETS:
        visit(cls)
    return found


def _record(cls: type, file: str = "") -> str:
    title = f"### {cls.__name__}" + (f" (`{file}`)" if file else "")
    lines = [title, "", _doc(cls), "",
             "| field | type | required | meaning | 说明 |", "| --- | --- | --- | --- | --- |"]
    hints = schema.hints_of(cls)
    for spec in schema.fields_of(cls):
        meta = spec.metadata
        limit = meta.get("max_length")
        meaning = meta["doc"] + (f" At most {limit} characters in Chinese." if limit else "")
        zh = meta["zh"] + (f"最多 {limit} 字。" if limit else "")
        required = "yes" if schema.is_required(spec) else ""
        key = schema.key_of(spec)
        lines.append(f"| `{key}` | {_type(hints[spec.name])} | {required} | {_cell(meaning)} | {_cell(zh)} |")
    return "\n".join(lines) + "\n"


def _words(title: str, words: dict[str, str]) -> str:
    lines = [f"### {title}", "", "| word | meaning |", "| --- | --- |"]
    lines += [f"| `{word}` | {_cell(meaning)} |" for word, meaning in words.items()]
    return "\n".join(lines) + "\n"


def _type(hint: Any) -> str:
    origin = typing.get_origin(hint)
    if origin is Union:
        return _type(schema.inner(hint))
    if origin is list:
        return "list of " + _type(typing.get_args(hint)[0])
    if origin is Literal:
        return "one of " + ", ".join(f"`{word}`" for word in typing.get_args(hint))
    if hint is schema.Text:
        return "text `{zh, en}`"
    if schema.is_record(hint):
        return f"[{hint.__name__}](#{hint.__name__.lower()})"
    return SCALARS[hint]


def _doc(cls: type) -> str:
    return " ".join((cls.__doc__ or "").split())


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|")
