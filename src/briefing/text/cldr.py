"""CLDR's data for a locale, as Babel gives it, read from the cache (``cache.py``) for the few
tables the documents use. Babel reads a locale's whole data on first use, its file and its
parents' merged (zh_Hans_CN: 20-35 ms, a tenth of a visitor's build), of which the documents
read five or six tables (``READ``: 0.2 ms from the cache).

Babel is handed the kept tables as that locale's data. Any other table asked for loads the
whole locale there and then, so what Babel answers is always what it would have answered.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from pathlib import Path
from typing import Any, Optional

import babel
from babel import localedata

from briefing.text.cache import cache_root, own_bytes, write_atomically

#: The tables of a locale that figures, large-number words and dates read (``numbers.py``).
READ = ("decimal_formats", "compact_decimal_formats", "number_symbols", "datetime_skeletons", "date_formats",
        "months")

_lock = threading.Lock()
_used: set[str] = set()


class _Kept(dict):
    """A locale's kept tables, standing in Babel's cache for its whole data until something
    else is asked of it: a table they lack, whether it has one, all its tables (Babel makes a
    locale's data from a copy of its parent's), their number. The whole is loaded then, and
    this dict holds it all."""

    def __init__(self, name: str, tables: dict[str, Any]):
        super().__init__(tables)
        self.name = name
        self.whole = False

    def complete(self) -> None:
        with _lock:
            if not self.whole:
                self.update(_load_whole(self.name))
                self.whole = True

    def __missing__(self, key):
        self.complete()
        if dict.__contains__(self, key):
            return dict.__getitem__(self, key)
        raise KeyError(key)

    def __contains__(self, key) -> bool:
        if not dict.__contains__(self, key):
            self.complete()
        return dict.__contains__(self, key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __bool__(self) -> bool:
        return True  # Babel's ``if not data`` asks; the kept tables are never none

    def __len__(self) -> int:
        self.complete()
        return dict.__len__(self)

    def __iter__(self):
        self.complete()
        return dict.__iter__(self)

    def keys(self):
        self.complete()
        return dict.keys(self)

    def values(self):
        self.complete()
        return dict.values(self)

    def items(self):
        self.complete()
        return dict.items(self)

    def copy(self) -> dict[str, Any]:
        self.complete()
        return dict(dict.items(self))


def use(name: str) -> str:
    """The locale ``name``, for Babel: its tables read from the cache the first time a
    process uses it (or the whole read and the tables kept for the next process)."""
    if name not in _used:
        with _lock:
            if name not in _used:
                _stand_in(name)
                _used.add(name)
    return name


def _stand_in(name: str) -> None:
    cache = getattr(localedata, "_cache", None)
    path = _kept_path(name)
    if not isinstance(cache, dict) or path is None or name in cache:
        return  # a Babel without the cache we know, no cache folder, or loaded already: as Babel does
    tables = _read(path)
    if tables is None:
        whole = localedata.load(name)  # now in Babel's cache; its tables kept for the next process
        write_atomically(path, pickle.dumps({key: whole[key] for key in READ if key in whole},
                                            pickle.HIGHEST_PROTOCOL))
        return
    cache[name] = _Kept(name, tables)


def _read(path: Path) -> Optional[dict[str, Any]]:
    """The tables kept at ``path``, or None when there are none or they are damaged."""
    kept = own_bytes(path)
    if kept is None:
        return None
    try:
        tables = pickle.loads(kept)
    except Exception:  # a damaged file may raise anything while unpickled: read whole, kept again
        return None
    return tables if isinstance(tables, dict) and set(tables) <= set(READ) else None


def _load_whole(name: str) -> dict[str, Any]:
    """The whole of ``name``'s data, loaded by Babel in place of the kept tables."""
    localedata._cache.pop(name, None)
    return localedata.load(name)


def _kept_path(name: str) -> Optional[Path]:
    """Where ``name``'s tables are kept: by Babel's version and its data file's size and time,
    so that another Babel or other data is read afresh."""
    root = cache_root()
    if root is None:
        return None
    try:
        status = Path(localedata.resolve_locale_filename(name)).stat()
    except (AttributeError, OSError, ValueError):
        return None
    key = hashlib.sha256(repr((babel.__version__, READ, status.st_size, status.st_mtime_ns)).encode()).hexdigest()
    return root / "cldr" / f"{name}-{key[:24]}.pickle"
