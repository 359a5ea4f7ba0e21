"""What makes each process of ours start sooner: the code Python's ``dataclasses`` generates,
compiled once and kept in the cache.

Every ``@dataclass`` writes the source of its ``__init__``, ``__repr__``, ``__eq__`` and so on
and compiles it when its module is imported: 306 functions for the modules of a build, 24 ms
of its 70 ms of imports (Python 3.11), every process, for the same text each time. Python
keeps the compiled code of modules (``.pyc``) but not of these. ``keep_dataclass_code`` gives
the ``dataclasses`` module an ``exec`` that takes the compiled code of a source it has met
before from the cache (by the source and Python's bytecode version), and compiles the others
as ``exec`` would, with no future flags of ours; what a process compiled anew is written
back when it ends. The functions made are the same: the code differs only in having been
compiled earlier.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import importlib.util
import marshal
import threading
from pathlib import Path
from types import CodeType
from typing import Any, Optional

from briefing.text.cache import cache_root, own_bytes, write_atomically

#: Sources kept at most: a few hundred are ours; more would mean something else is compiling
#: dataclasses without end, which is not worth keeping.
LIMIT = 4096

_lock = threading.Lock()
_known: Optional[dict[str, CodeType]] = None
_new: dict[str, CodeType] = {}


def keep_dataclass_code() -> None:
    """Let ``dataclasses`` compile through the cache from now on (once per process). Not at
    all where ``dataclasses`` has no ``_create_fn`` (Python 3.13 builds its functions
    otherwise): there Python compiles them as ever."""
    if getattr(dataclasses, "exec", None) is _exec or not hasattr(dataclasses, "_create_fn"):
        return
    dataclasses.exec = _exec  # type: ignore[attr-defined]  # found before the builtin by the module's own lookups
    atexit.register(_write_back)


def _exec(source: Any, globals: Optional[dict] = None, locals: Optional[dict] = None) -> None:
    if isinstance(source, str):
        source = _compiled(source)
    builtins.exec(source, globals, locals)


def _compiled(source: str) -> CodeType:
    known = _load()
    code = known.get(source)
    if code is None:
        # As exec compiles a string for dataclasses: "<string>", and none of this module's
        # future flags (annotations must stay objects, not strings).
        code = compile(source, "<string>", "exec", dont_inherit=True)
        with _lock:
            known[source] = _new[source] = code
    return code


def _load() -> dict[str, CodeType]:
    global _known
    if _known is None:
        with _lock:
            if _known is None:
                _known = _read(_path())
    return _known


def _read(path: Optional[Path]) -> dict[str, CodeType]:
    if path is None:
        return {}
    data = own_bytes(path)  # code: read only if no one else could have written it
    try:
        kept = marshal.loads(data) if data is not None else None
    except (EOFError, ValueError, TypeError):
        return {}  # damaged: compiled and written again
    if not isinstance(kept, dict) or len(kept) > LIMIT:
        return {}
    return {s: c for s, c in kept.items() if isinstance(s, str) and isinstance(c, CodeType)}


def _write_back() -> None:
    """What this process compiled anew, added to the cache (at its end: a forked worker ends
    without it, and compiles nothing new)."""
    path = _path()
    if not _new or path is None:
        return
    kept = {**_read(path), **_new}
    if len(kept) <= LIMIT:
        write_atomically(path, marshal.dumps(kept))
    _new.clear()


def _path() -> Optional[Path]:
    """By Python's bytecode version: code compiled by another Python is not read."""
    root = cache_root()
    return root / f"dataclass-code-{importlib.util.MAGIC_NUMBER.hex()}.marshal" if root is not None else None
