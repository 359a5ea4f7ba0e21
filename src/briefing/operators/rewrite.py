"""Write a fact sheet back with changed values, keeping everything else as the operator wrote it.

The browser's editor (``desk/edit.py``) sends a whole sheet as a tree of texts; this module
puts the changes into the YAML the operator wrote, and nothing more: comments, key order,
quoting, folded English paragraphs and blank lines stay byte for byte where the value did not
change. ruamel.yaml's round trip does the writing; three things keep it honest:

- every plain scalar is read and written as text (``_TextResolver``), as the strict loader
  reads it: ``0734`` stays ``0734``, ``2021-05`` is not a date, and a new number is written
  ``18000``, not ``'18000'``;
- ruamel keeps a comment with the value *before* it, so a comment above a field would leave
  with a deleted value, or end up above a field added after it: the comments that close a
  container are moved to its new last entry, and every whole-line comment a change dropped
  is put back where it was (``_restore_comments``);
- where ruamel would lay out an unchanged part otherwise (a paragraph wrapped by hand), the
  operator's lines are kept by a three-way merge of the lines (``merge3``).

The strict loader still decides what the result means: ``rewrite`` reads its own output back
and refuses to return text whose values differ from those asked for.
"""

from __future__ import annotations

import difflib
import io
import re
import typing
import unicodedata
from dataclasses import dataclass
from typing import Any, Optional, Union

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from briefing.sheets import schema
from briefing.sheets.load import NULLS, StrictLoader

#: Indentations tried for a sheet (mapping, sequence, dash offset), the project's own first:
#: the one whose unchanged round trip differs least from the file is used to write it.
INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 4), (3, 5, 3))
#: A folded English paragraph (``en: >-``) that changes is folded again near this column.
FOLD_WIDTH = 90
#: Lines: a whole-line comment, and a blank one.
_COMMENT = re.compile(r"\s*#")
_BLANK = re.compile(r"\s*$")

#: A sheet as the editor handles it: a record is a dict, a list a list, a value its text.
Tree = Union[dict, list, str, None]


@dataclass(frozen=True)
class Moved:
    """A list entry in a tree sent back: its value, and the index it had in the sheet it was
    read from (None for a new entry), so that its comments move with it when entries are
    reordered or removed."""

    origin: Optional[int]
    value: Tree


class RewriteFailed(Exception):
    """The text written would not say what was asked (a fault of this module, never of the
    operator's input): nothing is written."""


# -- reading ---------------------------------------------------------------------------------

def plain(node: Optional[yaml.Node]) -> Tree:
    """The tree of texts a strict loader's node stands for (a null is None)."""
    if node is None:
        return None
    if isinstance(node, yaml.MappingNode):
        return {key.value: plain(value) for key, value in node.value}
    if isinstance(node, yaml.SequenceNode):
        return [plain(item) for item in node.value]
    if getattr(node, "style", None) is None and node.value in NULLS:
        return None
    return node.value


def read_tree(text: str) -> Tree:
    """The tree of a sheet's text, read by the strict loader (``yaml.YAMLError`` when it
    cannot be read: the caller shows the loader's own message)."""
    return plain(yaml.compose(text, Loader=StrictLoader))


def bare(tree: Tree) -> Tree:
    """The tree without the list entries' origins, and with empty values left out."""
    if isinstance(tree, Moved):
        return bare(tree.value)
    if isinstance(tree, dict):
        kept = {key: bare(value) for key, value in tree.items()}
        return {key: value for key, value in kept.items() if value not in (None, "")}
    if isinstance(tree, list):
        return [bare(item) for item in tree]
    return tree


# -- writing ---------------------------------------------------------------------------------

class _TextResolver(VersionedResolver):
    """Every plain scalar is text, as the strict loader reads it (the schema types it)."""

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode and implicit[0]:
            return self.DEFAULT_SCALAR_TAG
        return super().resolve(kind, value, implicit)


def _yaml(indent: tuple[int, int, int]) -> YAML:
    handler = YAML(typ="rt")
    handler.Resolver = _TextResolver
    handler.preserve_quotes = True
    handler.width = 100_000  # never wrap a line of ours: unchanged lines must stay as they are
    handler.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return handler


def _dump(document: Any, indent: tuple[int, int, int]) -> str:
    out = io.StringIO()
    _yaml(indent).dump(document, out)
    return out.getvalue()


def rewrite(text: str, tree: Tree, cls: type) -> str:
    """``text`` (a sheet of ``cls``) with the fields of the schema set as in ``tree``; fields
    the schema does not know are kept as they are."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    original = text.removeprefix("\ufeff").replace("\r\n", "\n")
    indent, unchanged = _indent_of(original)
    document = _yaml(indent).load(original) if original.strip() else CommentedMap()
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
    _apply_record(document, tree if isinstance(tree, dict) else {}, cls)
    edited = _restore_comments(unchanged, _dump(document, indent))
    result = edited if unchanged == original else merge3(unchanged, original, edited)
    _verify(result, edited, tree, cls)
    return bom + result.replace("\n", newline)


def _indent_of(text: str) -> tuple[tuple[int, int, int], str]:
    """The indentation that writes ``text`` back most nearly as it is, and that round trip."""
    best: Optional[tuple[int, tuple[int, int, int], str]] = None
    for indent in INDENTS:
        try:
            again = _dump(_yaml(indent).load(text), indent) if text.strip() else ""
        except Exception:  # ruamel cannot read it at all; the strict loader will say why
            raise RewriteFailed("ruamel.yaml cannot read the sheet") from None
        distance = 0 if again == text else _lines_changed(text, again)
        if best is None or distance < best[0]:
            best = (distance, indent, again)
        if distance == 0:
            break
    assert best is not None
    return best[1], best[2]


def _lines_changed(a: str, b: str) -> int:
    matcher = difflib.SequenceMatcher(None, a.splitlines(), b.splitlines(), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _apply(old: Any, new: Tree, hint: Any) -> Any:
    """``old`` (a ruamel value) made to say ``new``; unchanged parts are the same objects."""
    hint = schema.inner(hint) if typing.get_origin(hint) is Union else hint
    if typing.get_origin(hint) is list:
        item = typing.get_args(hint)[0]
        if not isinstance(old, CommentedSeq):
            return _fresh(new, hint)
        _apply_list(old, new if isinstance(new, list) else [], item)
        return old
    if schema.is_record(hint):
        if not isinstance(old, CommentedMap):
            return _fresh(new, hint)
        _apply_record(old, new if isinstance(new, dict) else {}, hint)
        return old
    return _scalar("" if new is None else str(new), old)


def _apply_record(old: CommentedMap, new: dict, cls: type) -> None:
    tail = _take_tail(old)
    hints = schema.hints_of(cls)
    for spec in schema.fields_of(cls):
        key, hint = schema.key_of(spec), hints[spec.name]
        value = _unwrap(new.get(key))
        if _empty(value, hint):
            if key in old:
                del old[key]
            continue
        if key in old:
            changed = _apply(old[key], value, hint)
            if changed is not old[key]:
                old[key] = changed
        else:
            at = _position(old, key, cls)
            # The comments above the field that followed stay above it, not above the new one.
            above = _take_entry_tail(old, list(old)[at - 1]) if at else ""
            old.insert(at, key, _fresh(value, hint))
            _give_entry_tail(old, key, above)
    _give_tail(old, tail)


def _apply_list(old: CommentedSeq, new: list, hint: Any) -> None:
    """The entries in their new order, each kept one with its own comments, those on the
    lines above it included (ruamel keeps them with the entry before)."""
    tail = _take_tail(old)
    entries, comments = list(old), dict(old.ca.items)
    leads = [_start_comment(old)] + [_take_tail(entry) for entry in entries[:-1]]
    result, moved_comments, lead_of = [], {}, []
    for index, entry in enumerate(new):
        origin = entry.origin if isinstance(entry, Moved) else None
        value = _unwrap(entry)
        if origin is not None and 0 <= origin < len(entries):
            result.append(_apply(entries[origin], value, hint))
            if origin in comments:
                moved_comments[index] = comments[origin]
            lead_of.append(leads[origin])
        else:
            result.append(_fresh(value, hint))
            lead_of.append("")
    del old[:]
    old.ca.items.clear()
    old.extend(result)
    old.ca.items.update(moved_comments)
    for index, lead in enumerate(lead_of):
        if index == 0:
            _set_start_comment(old, lead, leads[0])
        elif lead:
            _give_tail(old[index - 1], lead)
    _give_tail(old, tail)


def _start_comment(seq: CommentedSeq) -> str:
    """The comment lines above a list's first entry, as text with their indentation."""
    tokens = seq.ca.comment[1] if seq.ca.comment and len(seq.ca.comment) > 1 and seq.ca.comment[1] else []
    return "".join(token.value if token.value.startswith(("\n", " ")) else " " * token.column + token.value
                   for token in tokens)


def _set_start_comment(seq: CommentedSeq, lead: str, was: str) -> None:
    """Make ``lead`` the comment above the list's first entry (``was`` is the one it had)."""
    if lead == was:
        return
    tokens = seq.ca.comment[1] if seq.ca.comment and len(seq.ca.comment) > 1 and seq.ca.comment[1] else None
    if tokens:
        tokens[0].value = lead.lstrip(" ") if lead else ""
        del tokens[1:]
        return
    if lead and len(seq):  # nowhere above it to put it: after the first entry, rather than lost
        _give_tail(seq[0], lead)


def _position(record: CommentedMap, key: str, cls: type) -> int:
    """Where a new field goes: after the last field before it in the schema's order."""
    order = [schema.key_of(spec) for spec in schema.fields_of(cls)]
    before = set(order[: order.index(key)])
    keys = list(record)
    last = max((i for i, name in enumerate(keys) if name in before), default=-1)
    return last + 1


def _fresh(value: Tree, hint: Any) -> Any:
    """A new ruamel value for ``value`` (written in block style, in the schema's order)."""
    hint = schema.inner(hint) if typing.get_origin(hint) is Union else hint
    value = _unwrap(value)
    if typing.get_origin(hint) is list:
        seq = CommentedSeq()
        for entry in value if isinstance(value, list) else []:
            seq.append(_fresh(entry, typing.get_args(hint)[0]))
        return seq
    if schema.is_record(hint):
        record = CommentedMap()
        given = value if isinstance(value, dict) else {}
        hints = schema.hints_of(hint)
        for spec in schema.fields_of(hint):
            key = schema.key_of(spec)
            child = _unwrap(given.get(key))
            if not _empty(child, hints[spec.name]):
                record[key] = _fresh(child, hints[spec.name])
        return record
    return _scalar("" if value is None else str(value), None)


def _scalar(text: str, old: Any) -> Any:
    """``text`` as a scalar, in ``old``'s quoting where it had one (the same object when the
    text is unchanged)."""
    if isinstance(old, str) and not isinstance(old, (CommentedMap, CommentedSeq)) and str(old) == text:
        return old
    if text in NULLS:  # would be read as "no value"
        return DoubleQuotedScalarString(text)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(text)
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(text)
    if isinstance(old, (FoldedScalarString, LiteralScalarString)) and " " in text:
        return _folded(text)
    return text


def _folded(text: str) -> FoldedScalarString:
    """A paragraph folded at spaces near ``FOLD_WIDTH`` (``en: >-``), as the sheets write them."""
    folded = FoldedScalarString(text)
    positions, line_start = [], 0
    for match in re.finditer(" ", text):
        at = match.start()
        if at - line_start > FOLD_WIDTH - 10 and 0 < at < len(text) - 1 and text[at + 1] != " " \
                and text[at - 1] != " ":
            positions.append(at)
            line_start = at + 1
    folded.fold_pos = positions
    return folded


def _unwrap(value: Any) -> Tree:
    return value.value if isinstance(value, Moved) else value


def _empty(value: Tree, hint: Any = None) -> bool:
    """No value to write: nothing, or an empty text, record or list; but an empty list where
    the field is an optional list is a value of its own (``news_en: []``: none, where leaving
    it out means "as news")."""
    if value == [] and typing.get_origin(hint) is Union and typing.get_origin(schema.inner(hint)) is list:
        return False
    return value is None or value == "" or value == {} or value == []


# -- comments ------------------------------------------------------------------------------

def _last_entry(container: Any) -> Optional[tuple[Any, Any]]:
    """The innermost last entry of a container (the one whose comment closes it): the
    container holding it and its key or index."""
    while isinstance(container, (CommentedMap, CommentedSeq)) and len(container):
        key = list(container)[-1] if isinstance(container, CommentedMap) else len(container) - 1
        value = container[key]
        if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
            container = value
            continue
        return container, key
    return None


def _slot(container: Any) -> int:
    """Where ruamel keeps the comment after an entry's value: after a mapping's value
    (index 2), after a list's entry (index 0)."""
    return 2 if isinstance(container, CommentedMap) else 0


def _take_tail(container: Any) -> str:
    """The whole-line comments (and blank lines) after a container's last entry, taken off
    it: they stand before whatever follows the container, not with that entry."""
    found = _last_entry(container)
    return _take_slot(*found) if found else ""


def _take_entry_tail(container: Any, key: Any) -> str:
    """The same for one entry of a container (its own value's last entry, if it has any)."""
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        return _take_tail(value)
    return _take_slot(container, key)


def _give_entry_tail(container: Any, key: Any, rest: str) -> None:
    value = container[key]
    if isinstance(value, (CommentedMap, CommentedSeq)) and len(value):
        _give_tail(value, rest)
    elif rest:
        _give_slot(container, key, rest)


def _take_slot(holder: Any, key: Any) -> str:
    comments = holder.ca.items.get(key)
    slot = _slot(holder)
    if not comments or len(comments) <= slot or comments[slot] is None:
        return ""
    value = comments[slot].value
    end_of_line = value.find("\n") + 1 if "\n" in value else len(value)
    own, rest = value[:end_of_line], value[end_of_line:]
    if not rest:
        return ""
    comments[slot].value = own
    return rest


def _give_tail(container: Any, rest: str) -> None:
    """Put ``rest`` (from ``_take_tail``) after the container's last entry as it is now."""
    if not rest:
        return
    found = _last_entry(container)
    if found is not None:
        _give_slot(*found, rest)


def _give_slot(holder: Any, key: Any, rest: str) -> None:
    slot = _slot(holder)
    comments = holder.ca.items.setdefault(key, [None] * (4 if slot == 2 else 2))
    while len(comments) <= slot:
        comments.append(None)
    if comments[slot] is None:
        comments[slot] = CommentToken("\n" + rest, CommentMark(0), None)
    else:
        comments[slot].value = comments[slot].value + rest


def _restore_comments(before: str, after: str) -> str:
    """``after`` with every whole-line comment of ``before`` that the change dropped put
    back where it stood (with the blank lines just above it): a comment is the operator's,
    and deleting the field under it must not delete it."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    wanted = {line: old.count(line) - new.count(line) for line in old if _COMMENT.match(line)}
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(new[j1:j2])
            continue
        kept = _kept_comments(old[i1:i2], wanted)
        out.extend(kept + new[j1:j2])
    return "".join(out)


def _kept_comments(lines: list[str], wanted: dict[str, int]) -> list[str]:
    """The comment lines of a removed stretch still missing from the result, each with the
    blank lines just above it."""
    kept: list[str] = []
    blanks: list[str] = []
    for line in lines:
        if _BLANK.match(line):
            blanks.append(line)
            continue
        if _COMMENT.match(line) and wanted.get(line, 0) > 0:
            wanted[line] -= 1
            kept.extend(blanks + [line])
        blanks = []
    return kept


# -- a three-way merge of lines ------------------------------------------------------------

def merge3(base: str, mine: str, theirs: str) -> str:
    """``theirs`` (an edit of ``base``) with the lines where ``mine`` differs from ``base``
    kept as ``mine`` has them; where both changed the same lines, ``theirs`` wins. Here
    ``base`` is ruamel's unchanged round trip, ``mine`` the operator's file and ``theirs`` the
    edit: the operator's own layout survives wherever the edit did not touch it."""
    b, a, t = base.splitlines(keepends=True), mine.splitlines(keepends=True), theirs.splitlines(keepends=True)
    out: list[str] = []
    ia = it = ib = 0
    for sb, sa, st, length in _sync_regions(b, a, t):
        # Between stable regions: b[ib:sb] became a[ia:sa] in mine and t[it:st] in theirs.
        mine_part, theirs_part, base_part = a[ia:sa], t[it:st], b[ib:sb]
        if theirs_part == base_part:
            out.extend(mine_part)
        elif mine_part == base_part:
            out.extend(theirs_part)
        else:
            out.extend(_both_changed(base_part, mine_part, theirs_part))
        out.extend(b[sb:sb + length])
        ia, it, ib = sa + length, st + length, sb + length
    return "".join(out)


def _both_changed(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
    """Lines both sides changed near each other: the edit's lines, and ``mine``'s for each
    stretch of ``base`` the edit left as it was (a paragraph wrapped by hand next to the
    changed line)."""
    def opcodes(x, y):
        return difflib.SequenceMatcher(None, x, y, autojunk=False).get_opcodes()

    mine_blocks = opcodes(base, mine)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in opcodes(base, theirs):
        if tag != "equal":
            out.extend(theirs[j1:j2])
            continue
        at = i1
        for _tag, b1, b2, m1, m2 in mine_blocks:
            inside = i1 <= b1 < i2 and b2 <= i2 if b1 < b2 else i1 <= b1 < i2
            if not inside:
                continue
            out.extend(base[at:b1])
            out.extend(mine[m1:m2])
            at = b2
        out.extend(base[at:i2])
    return out


def _sync_regions(base: list[str], a: list[str], t: list[str]) -> list[tuple[int, int, int, int]]:
    """Stretches of lines the same in all three, as (base start, a start, t start, length),
    ending with an empty one at the ends (as in bzr's merge3)."""
    def matches(x, y):
        return difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()

    ma, mt = matches(base, a), matches(base, t)
    regions = []
    i = j = 0
    while i < len(ma) and j < len(mt):
        a_base, a_at, a_len = ma[i]
        t_base, t_at, t_len = mt[j]
        start, end = max(a_base, t_base), min(a_base + a_len, t_base + t_len)
        if start < end:
            regions.append((start, a_at + start - a_base, t_at + start - t_base, end - start))
        if a_base + a_len < t_base + t_len:
            i += 1
        else:
            j += 1
    regions.append((len(base), len(a), len(t), 0))
    return regions


# -- verification --------------------------------------------------------------------------

def _verify(result: str, edited: str, tree: Tree, cls: type) -> None:
    """The text written says what ruamel's document says, and that is what was asked for."""
    try:
        got = read_tree(result)
        meant = read_tree(edited)
    except yaml.YAMLError as exc:
        raise RewriteFailed(f"the written sheet does not read back: {exc}") from exc
    if bare(got) != bare(meant):
        raise RewriteFailed("keeping the file's own layout changed a value")
    if known(bare(got), cls) != known(bare(tree), cls):
        raise RewriteFailed("the written sheet does not hold the values asked for")


def known(tree: Tree, hint: Any) -> Tree:
    """The part of a tree the schema describes (fields it does not know left out)."""
    hint = schema.inner(hint) if typing.get_origin(hint) is Union else hint
    if typing.get_origin(hint) is list:
        item = typing.get_args(hint)[0]
        return [known(entry, item) for entry in tree] if isinstance(tree, list) else tree
    if schema.is_record(hint) and isinstance(tree, dict):
        hints = schema.hints_of(hint)
        names = {schema.key_of(spec): spec.name for spec in schema.fields_of(hint)}
        return {key: known(value, hints[names[key]]) for key, value in tree.items() if key in names}
    return tree


def normalised(text: str) -> str:
    """Text from a browser as a sheet keeps it: NFC (as the loader reads files), with line
    breaks joined (a value is one paragraph; between Chinese characters nothing, elsewhere a
    space) and the ends trimmed."""
    text = unicodedata.normalize("NFC", text)
    parts = [part.strip() for part in re.split(r"\r\n|\r|\n", text)]
    joined = ""
    for part in parts:
        if not part:
            continue
        if joined and not (_cjk(joined[-1]) and _cjk(part[0])):
            joined += " "
        joined += part
    return joined


def _cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or "\u3000" <= char <= "\u303f"


def differences(old: Tree, new: Tree, path: str = "") -> list[tuple[str, Tree, Tree]]:
    """Each field whose value differs, by its path as problems name it (``facts[0].value``),
    with its old and new value."""
    old, new = bare(old), bare(new)
    if isinstance(old, dict) and isinstance(new, dict):
        found = []
        for key in list(old) + [k for k in new if k not in old]:
            found += differences(old.get(key), new.get(key), f"{path}.{key}" if path else key)
        return found
    if isinstance(old, list) and isinstance(new, list):
        found = []
        for index in range(max(len(old), len(new))):
            found += differences(old[index] if index < len(old) else None,
                                 new[index] if index < len(new) else None, f"{path}[{index}]")
        return found
    return [] if old == new else [(path, old, new)]


__all__ = ["Moved", "RewriteFailed", "Tree", "bare", "differences", "known", "merge3", "normalised", "plain",
           "read_tree", "rewrite"]
