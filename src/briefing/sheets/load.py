"""Read a fact sheet into YAML nodes, strictly.

PyYAML's own loaders surprise hand-edited files: ``NO`` becomes False, ``0734`` an octal
number, duplicate keys silently keep the last value, aliases can blow up. We stop at the
node tree (``compose``): every scalar stays text with its line number, and the schema
(``validate.py``) decides what type it is. Anchors, aliases, explicit tags and duplicate keys
are refused outright.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from pathlib import Path
from typing import Any, Optional

import yaml

from briefing.errors import Problems, Where
from briefing.messages import msg

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


class _Strict(yaml.composer.Composer):
    """The strict composer, over whichever parser gives it the events: refuses anchors,
    aliases, tags, duplicate keys and deep nesting."""

    _depth = 0
    _list_entries = 0
    peek_event: Any  # the parser's, pure Python (yaml.parser.Parser) or libyaml's (CParser)

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._refuse(event, msg("aliases (*name) are not allowed; write the value out in full"))
        if getattr(event, "anchor", None):
            self._refuse(event, msg("anchors (&name) are not allowed; write each value out in full"))
        if getattr(event, "tag", None) not in (None, "!"):
            self._refuse(event, msg("tags such as {tag!r} are not allowed; remove the tag", tag=event.tag))
        if isinstance(parent, yaml.SequenceNode):
            self._list_entries += 1  # counted as they come: composing a huge list is slow in itself
            if self._list_entries > MAX_ENTRIES:
                self._refuse(event, msg("the sheet has more than {limit} list entries, far more than "
                                        "a brochure can show; look for pasted data", limit=MAX_ENTRIES))
        self._depth += 1
        if self._depth > MAX_DEPTH:
            self._refuse(event, msg("nested more than {limit} levels deep; flatten the structure", limit=MAX_DEPTH))
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def compose_mapping_node(self, anchor):
        node = super().compose_mapping_node(anchor)
        seen: dict[str, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise _Refused(None, None, msg("keys must be plain words"), key.start_mark)
            if key.value in seen:
                first = seen[key.value].start_mark.line + 1
                raise _Refused(
                    None, None,
                    msg("duplicate key {key!r} (first on line {first}); keep only one", key=key.value, first=first),
                    key.start_mark,
                )
            seen[key.value] = key
        return node

    @staticmethod
    def _refuse(event, message):
        raise _Refused(None, None, message, event.start_mark)


class StrictLoader(_Strict, yaml.SafeLoader):
    """Composes nodes strictly (``_Strict``) from PyYAML's pure-Python parser, whose error
    marks and wording our messages (``_yaml_message``) are made from."""


def _fast_loader() -> Optional[type]:
    """The same strict composer over libyaml's C parser (events 8 times faster: 103 -> 13 ms
    for the shipped sheets, 3.99 -> 0.51 s for 100 parks), when PyYAML was built with libyaml
    (its wheels are); None otherwise. Only for sheets that load: on any error the sheet is read
    again by ``StrictLoader``, so every message stays ours, word for word, at the line PyYAML
    gives."""
    try:
        from yaml._yaml import CParser
    except ImportError:
        return None

    class FastLoader(_Strict, yaml.resolver.Resolver, CParser):
        def __init__(self, stream):
            CParser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.resolver.Resolver.__init__(self)
            # The text as PyYAML's reader holds it: the validator reads what follows a value on
            # its line (a ' #' that cut it short) from its marks' buffer, which libyaml's lack.
            self.sheet_text = stream + "\0" if isinstance(stream, str) else None

        def compose_node(self, parent, index):
            node = super().compose_node(parent, index)
            if self.sheet_text is not None:
                node.start_mark, node.end_mark = self.marked(node.start_mark), self.marked(node.end_mark)
            return node

        def marked(self, mark):
            """PyYAML's mark for libyaml's (whose index counts characters, as PyYAML's pointer does)."""
            return yaml.Mark(mark.name, mark.index, mark.line, mark.column, self.sheet_text, mark.index)

        def compose_scalar_node(self, anchor):
            node = super().compose_scalar_node(anchor)
            if node.style == "":  # libyaml's plain scalar; PyYAML's is None (``is_null`` reads it)
                node.style = None
            return node

    return FastLoader


#: The C parser's loader, or None: sheets are then read by the pure-Python one alone.
FAST_LOADER = _fast_loader()


def compose(text: str):
    """The sheet's root node, through the C parser when it can (``FAST_LOADER``); a sheet it
    cannot read is read again by ``StrictLoader``, which raises PyYAML's own error."""
    if FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=FAST_LOADER)
        except (yaml.YAMLError, ValueError, UnicodeError):
            pass  # told in the pure-Python parser's words, below
    return yaml.compose(text, Loader=StrictLoader)


def is_null(node: yaml.Node) -> bool:
    """A plain scalar that YAML means as 'no value' (``~``, ``null`` or nothing)."""
    return isinstance(node, yaml.ScalarNode) and node.style is None and node.value in NULLS


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def read_text(path: Path, problems: Problems, root: Optional[Path] = None) -> str | None:
    """The file's text, or None with a problem recorded. ``root`` is the data folder, which
    a sheet (or a link to one) must not lead out of."""
    where = Where(str(path))
    if root is not None and not _inside(path, root):
        problems.error(where, msg("is a link to a file outside the data folder; copy the sheet into the data folder "
                                  "instead of linking to it"))
        return None
    try:
        # Without blocking: a pipe put in a sheet's place must not hang the build (it is refused below).
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        problems.error(where, _cannot_read(exc))
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            problems.error(where, msg("is not a regular file; point to a .yaml file"))
            return None
        if info.st_size > MAX_BYTES:
            problems.error(where, msg("is {size} bytes, over the {limit}-byte limit for a fact sheet",
                                      size=info.st_size, limit=MAX_BYTES))
            return None
        with open(handle, "rb", closefd=False) as file:
            data = file.read(MAX_BYTES + 1)
    except OSError as exc:  # a read error (EIO, a file cut by another program)
        problems.error(where, _cannot_read(exc))
        return None
    finally:
        os.close(handle)
    if len(data) > MAX_BYTES:  # it grew after the stat
        problems.error(where, msg("is over the {limit}-byte limit for a fact sheet", limit=MAX_BYTES))
        return None
    return decode(data, where, problems)


def given_text(text: str, where: Where, problems: Problems) -> str | None:
    """A sheet's text given rather than read, held to a file's limits and normalised as
    ``decode`` normalises a file's."""
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        problems.error(where, msg("is {size} bytes, over the {limit}-byte limit for a fact sheet", size=len(data),
                                  limit=MAX_BYTES))
        return None
    return decode(data, where, problems)


def _inside(path: Path, root: Path) -> bool:
    real_root = os.path.realpath(root)
    return os.path.commonpath([real_root, os.path.realpath(path)]) == real_root


def _cannot_read(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return msg("cannot be read: permission denied; let the user who runs briefing read it "
                   "(e.g. chmod a+r on the file)")
    return msg("cannot read the file ({reason})", reason=exc.strerror or str(exc))


def decode(data: bytes, where: Where, problems: Problems) -> str | None:
    """UTF-8 (a byte-order mark is accepted), or UTF-16 when it starts with a byte-order mark.
    The text is NFC-normalised: an é typed as e and a combining accent is the é the fonts have."""
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    if encoding != "utf-16" and data[:2].count(b"\x00") == 1:
        # A NUL beside the first letter: UTF-16 without a byte-order mark (valid UTF-8, oddly).
        problems.error(where, msg("looks like UTF-16 without a byte-order mark; save the file as UTF-8"))
        return None
    try:
        return unicodedata.normalize("NFC", data.decode(encoding))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.error(
            Where(where.path, line),
            msg("is not valid {encoding} (byte {byte}); save the file as UTF-8",
                encoding=encoding.split("-sig")[0].upper(), byte=exc.start),
        )
        return None


def load_nodes(path: Path, problems: Problems, root: Optional[Path] = None,
               given: Optional[str] = None) -> yaml.Node | None:
    """The root node of a fact sheet, or None with the problems recorded. Mistakes a Chinese
    keyboard or an editor makes (a full-width colon, a tab or a full-width space in the
    indentation, invisible line separators) are each reported at their own line first, all
    of them, so that one does not hide the others behind YAML's first complaint. ``given`` is
    the sheet's text when it does not come from its file (a sheet being edited)."""
    text = read_text(path, problems, root) if given is None else given_text(given, Where(str(path)), problems)
    if text is None:
        return None
    text, typed_wrong = scan(text, str(path), problems)
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        line = _line_of_error(exc)
        if not typed_wrong & {line, (line or 0) - 1, (line or 0) + 1}:  # not the scan's finding again
            problems.error(Where(str(path), line), _yaml_message(exc))
        return None
    except yaml.reader.ReaderError as exc:
        # Characters YAML refuses outright (NUL and other control characters): no mark, a position.
        line = _line_at(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        problems.error(Where(str(path), line),
                       msg("contains the control character U+{code}, which YAML does not allow; delete it",
                           code=f"{code:04X}"))
        return None
    except yaml.YAMLError as exc:
        problems.error(Where(str(path)), msg("is not valid YAML ({error})", error=str(exc)))
        return None
    if typed_wrong:
        return None
    if node is None:
        problems.error(Where(str(path)), msg("is empty; a fact sheet is a mapping of fields"))
    return node


#: Characters PyYAML counts as line breaks and editors do not (they show nothing, or a box):
#: after one, every line number YAML gives would be one too high.
HIDDEN_BREAKS = {"\u0085": "NEXT LINE", "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR"}
_BREAK = re.compile(r"\r\n|\r|\n")
#: ``name：`` at the start of a line (after any indentation and list dash): a field name
#: followed by the full-width colon a Chinese keyboard types.
_WIDE_COLON = re.compile(r"[ \t]*(?:-[ \t]+)?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：")
_INDENT = re.compile(r"[ \t\u3000]*")


def scan(text: str, path: str, problems: Problems) -> tuple[str, set[int]]:
    """Report, line by line, what YAML would misread or name in its own words; returns the
    text with hidden line breaks made spaces (so YAML's line numbers are an editor's) and
    the lines reported."""
    reported: set[int] = set()
    for char, name in HIDDEN_BREAKS.items():
        if char not in text:  # the usual case, found at C speed
            continue
        for index in [i for i, c in enumerate(text) if c == char]:
            at = _line_at(text, index)
            reported.add(at)
            problems.error(Where(path, at), msg(
                "contains the invisible character U+{code} ({name}), which YAML reads as a line break but "
                "editors do not show; delete it", code=f"{ord(char):04X}", name=name))
        text = text.replace(char, " ")
    for number, line in enumerate(_BREAK.split(text), start=1):
        indent = _INDENT.match(line).group()  # type: ignore[union-attr]  # matches every line
        if "\t" in indent and line.strip():
            reported.add(number)
            problems.error(Where(path, number), msg(
                "is indented with a tab; YAML indents with spaces only: replace the tab with spaces, lined up "
                "with the fields beside it"))
        elif "\u3000" in indent and line.strip():
            reported.add(number)
            problems.error(Where(path, number), msg(
                "is indented with a full-width space (typed with a Chinese keyboard); indent with ordinary "
                "spaces only"))
        wide = _WIDE_COLON.match(line)
        if wide:
            reported.add(number)
            problems.error(Where(path, number, wide.group(1)), msg(
                "is followed by a full-width colon '：' (typed with a Chinese keyboard); YAML needs the ordinary "
                "colon and a space: '{name}: ...'", name=wide.group(1)))
    return text, reported


def _line_at(text: str, index: int) -> int:
    return len(_BREAK.findall(text, 0, index)) + 1


def _line_of_error(exc: yaml.MarkedYAMLError) -> Optional[int]:
    """The line to name: where the problem is, except for a key without its colon, which
    YAML notices only at the next line."""
    mark = exc.problem_mark or exc.context_mark
    if exc.context == "while scanning a simple key" and exc.context_mark:
        mark = exc.context_mark
    if exc.context == "while scanning a quoted scalar" and exc.context_mark:
        mark = exc.context_mark  # where the quotation opens, not the end of the file
    return mark.line + 1 if mark else None


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's complaint in words an operator can act on."""
    if isinstance(exc, _Refused):
        return exc.problem or ""
    problem, context = exc.problem or "", exc.context or ""
    if "cannot start any token" in problem and "\t" in problem:
        return msg("has a tab where YAML expects a value or a field; use spaces instead of the tab")
    if context == "while scanning a simple key":
        return msg("is not 'field: value': a colon is missing (or is the full-width '：' of a Chinese keyboard); "
                   "write the field name, a colon and a space, then the value")
    if context == "while scanning a quoted scalar":
        return msg("a quotation mark opened on this line is never closed; close it, or remove it")
    if problem.startswith("expected <block end>") or problem == "did not find expected key" \
            or problem.startswith("did not find expected '-'"):
        return msg("is indented differently from the lines around it; line it up (with spaces) with the other "
                   "fields of the same record, or with the other items of its list")
    if problem == "mapping values are not allowed here":
        return msg("has ': ' where YAML does not expect a field: the line is indented too far, or a value "
                   "contains ': '; line the field up with those beside it, or put the value in quotes")
    parts = [p for p in (context, problem) if p]
    return msg("is not valid YAML: {error}; check indentation and quoting on this line", error=", ".join(parts))
