"""Two people editing one sheet: the second save is refused, and the page shows what the
other changed, with this editor's changes put onto that version wherever the two did not
change the same field (where they did, the other's value stays and this editor's is listed
to be entered again). Nothing is overwritten unseen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefing.desk.editform import steps, with_origins
from briefing.operators.rewrite import Moved, Tree, bare, differences


@dataclass
class Rebased:
    tree: Tree  # the other's version with this editor's changes put on it
    theirs: list[tuple[str, Tree, Tree]] = field(default_factory=list)  # what the other changed
    clashes: list[tuple[str, Tree, Tree]] = field(default_factory=list)  # (field, theirs, mine) not applied


def rebase(base: Tree, current: Tree, mine: Tree) -> Rebased:
    """``mine`` (an edit of ``base``) put onto ``current`` (another edit of ``base``)."""
    theirs = differences(base, current)
    touched = [path for path, _old, _new in theirs]
    tree = with_origins(bare(current))
    clashes = []
    for path, _old, new in differences(base, mine):
        if any(_related(path, other) for other in touched):
            if _value_at(current, path) != bare(new):
                clashes.append((path, _value_at(current, path), bare(new)))
            continue
        if not _set(tree, path, new):
            clashes.append((path, _value_at(current, path), bare(new)))
    return Rebased(tree, theirs, clashes)


def _related(a: str, b: str) -> bool:
    """One path is the other, or holds it."""
    return a == b or a.startswith(b + ".") or a.startswith(b + "[") or b.startswith(a + ".") or b.startswith(a + "[")


def _value_at(tree: Tree, path: str) -> Tree:
    current: Any = bare(tree)
    for step in steps(path):
        if isinstance(step, int):
            current = current[step] if isinstance(current, list) and step < len(current) else None
        else:
            current = current.get(step) if isinstance(current, dict) else None
    return current


def _set(tree: Tree, path: str, value: Tree) -> bool:
    """Set one field of ``tree`` (whose lists hold ``Moved`` entries); False when the place is
    gone (a list entry the other removed)."""
    parts = steps(path)
    holder: Any = tree
    for position, step in enumerate(parts):
        last = position == len(parts) - 1
        if isinstance(step, int):
            if not isinstance(holder, list):
                return False
            if step == len(holder) and last:
                holder.append(Moved(None, value))
                return True
            if step >= len(holder):
                return False
            if last:
                holder[step] = Moved(holder[step].origin if isinstance(holder[step], Moved) else None, value)
                return True
            holder = holder[step].value if isinstance(holder[step], Moved) else holder[step]
        else:
            if not isinstance(holder, dict):
                return False
            if last:
                if value is None:
                    holder.pop(step, None)
                else:
                    holder[step] = value
                return True
            if holder.get(step) is None:
                holder[step] = {} if isinstance(parts[position + 1], str) else []
            holder = holder[step]
    return False
