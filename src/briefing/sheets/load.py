"""Read a fact sheet into YAML nodes, strictly.

PyYAML's own loaders surprise hand-edited files: ``NO`` becomes False, ``0734`` an octal
number, duplicate keys silently keep the last value, aliases can blow up. We stop at the
node tree (``compose``): every scalar stays text with its line number, and the schema
(``validate.py``) decides what type it is. Anchors, aliases, explicit tags and duplicate keys
are refused outright.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml

from briefing.errors import Problems, Where

#: Fact sheets are a few kilobytes; anything much larger is a mistake or an attack.
MAX_BYTES = 1024 * 1024
#: Deeper than any sheet the schema allows; stops runaway nesting before Python's recursion limit.
MAX_DEPTH = 40

#: List entries in one sheet, all lists together: thousands lay out in seconds, but long tables
#: cost ReportLab time growing with the square of their length (5000 rows take about 8 s).
MAX_ENTRIES = 5000

NULLS = {"", "~", "null", "Null", "NULL"}


class _Refused(yaml.MarkedYAMLError):
    """A construct the strict loader does not accept."""


class StrictLoader(yaml.SafeLoader):
    """Composes nodes, refusing anchors, aliases, tags, duplicate keys and deep nesting."""

    def __init__(self, stream):
        super().__init__(stream)
        self._depth = 0
        self._entries = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._refuse(event, "aliases (*name) are not allowed; write the value out in full")
        if getattr(event, "anchor", None):
            self._refuse(event, "anchors (&name) are not allowed; write each value out in full")
        if getattr(event, "tag", None) not in (None, "!"):
            self._refuse(event, f"tags such as {event.tag!r} are not allowed; remove the tag")
        if isinstance(parent, yaml.SequenceNode):
            self._entries += 1  # counted as they come: composing a huge list is slow in itself
            if self._entries > MAX_ENTRIES:
                self._refuse(event, f"the sheet has more than {MAX_ENTRIES} list entries, far more than "
                                    "a brochure can show; look for pasted data")
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._refuse(event, f"nested more than {MAX_DEPTH} levels deep; flatten the structure")
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[str, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _Refused(None, None, "keys must be plain words", key.start_mark)
            if key.value in seen:
                first = seen[key.value].start_mark.line + 1
                raise _Refused(
                    None, None,
                    f"duplicate key {key.value!r} (first on line {first}); keep only one",
                    key.start_mark,
                )
            seen[key.value] = key
        return node

    @staticmethod
    def _refuse(event, message):
        raise _Refused(None, None, message, event.start_mark)


def is_null(node: yaml.Node) -> bool:
    """A plain scalar that YAML means as 'no value' (``~``, ``null`` or nothing)."""
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value in NULLS


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_text(path: Path, problems: Problems) -> str | None:
    """The file's text, or None with a problem recorded."""
    where = Where(str(path))
    try:
        info = os.stat(path)
    except OSError as exc:
        problems.error(where, f"cannot read the file ({exc.strerror})")
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.error(where, "is not a regular file; point to a .yaml file")
        return None
    if info.st_size > MAX_BYTES:
        problems.error(where, f"is {info.st_size} bytes, over the {MAX_BYTES}-byte limit for a fact sheet")
        return None
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:  # it grew after the stat
        problems.error(where, f"is over the {MAX_BYTES}-byte limit for a fact sheet")
        return None
    return decode(data, where, problems)


def decode(data: bytes, where: Where, problems: Problems) -> str | None:
    """UTF-8 (a byte-order mark is accepted), or UTF-16 when it starts with a byte-order mark."""
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    if encoding != "utf-16" and data[:2].count(b"\x00") == 1:
        # A NUL beside the first letter: UTF-16 without a byte-order mark (valid UTF-8, oddly).
        problems.error(where, "looks like UTF-16 without a byte-order mark; save the file as UTF-8")
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            Where(where.path, line),
            f"is not valid {encoding.split('-sig')[0].upper()} (byte {exc.start}); save the file as UTF-8",
        )
        return None


def load_nodes(path: Path, problems: Problems) -> yaml.Node | None:
    """The root node of a fact sheet, or None with the problems recorded."""
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        node = yaml.compose(text, Loader=StrictLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problems.error(Where(str(path), line), _yaml_message(exc))
        return None
    except yaml.reader.ReaderError as exc:
        # Characters YAML refuses outright (NUL and other control characters): no mark, a position.
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.error(Where(str(path), line),
                       f"contains the control character U+{code:04X}, which YAML does not allow; delete it")
        return None
    except yaml.YAMLError as exc:
        problems.error(Where(str(path)), f"is not valid YAML ({exc})")
        return None
    if node is None:
        problems.error(Where(str(path)), "is empty; a fact sheet is a mapping of fields")
    return node


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    if isinstance(exc, _Refused):
        return exc.problem or ""
    parts = [p for p in (exc.context, exc.problem) if p]
    return "is not valid YAML: " + ", ".join(parts) + "; check indentation and quoting on this line"
