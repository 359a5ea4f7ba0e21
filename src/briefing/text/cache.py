"""Where what one process works out and the next can reuse is kept: parsed faces, font
digests, glyph coverage, catalogs, hyphenation patterns, Chinese word boundaries. Each is
keyed by what it was made from, written whole or not at all, and made again when missing or
damaged: a cache never changes what is drawn.

Light on purpose (nothing of briefing's): every stage may keep something here.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from pathlib import Path
from typing import Any, Optional


def cache_root() -> Optional[Path]:
    """Where what a process works out and the next can reuse is kept (parsed faces, word
    boundaries): ``$BRIEFING_CACHE_DIR`` (empty: nowhere), else ``$XDG_CACHE_HOME/briefing``
    or ``~/.cache/briefing``."""
    chosen = os.environ.get("BRIEFING_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    except (RuntimeError, KeyError):  # no home (a container's user with no passwd entry): no cache
        return None
    return Path(base) / "briefing"


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (another process may be writing it
    too); a cache that cannot be written is no error."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".", suffix=".tmp", delete=False) as handle:
            temporary = handle.name
            handle.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


def keep(path: Path, value: Any) -> None:
    """``value`` (of ``marshal``'s types: it reads back several times faster than JSON or
    ``pickle``) kept at ``path``, whole or not at all (``write_atomically``)."""
    write_atomically(path, marshal.dumps(value))


def kept(path: Path) -> Any:
    """What ``keep`` wrote at ``path``, or None when there is nothing there or it is damaged
    (the caller makes it again, and checks the shape of what it gets)."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def stamp(path: Path) -> str:
    """A file's path, size, times and inode: what git's index trusts to say a file is unchanged
    (a file written again has a new change time, which no program can set)."""
    status = os.stat(path)
    return f"{os.path.abspath(path)}|{status.st_size}|{status.st_mtime_ns}|{status.st_ctime_ns}|{status.st_ino}"


def own_bytes(path: Path) -> Optional[bytes]:
    """The bytes of ``path`` if this user wrote it and no one else may (a cache that holds code
    or pickles, which run when read: a file another user could have put or changed in a shared
    cache folder is not read, and is made again); None otherwise, or when it is not there."""
    user = getattr(os, "getuid", None)  # none on Windows, whose cache is in the user's own profile
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            if user is not None and (status.st_uid != user() or status.st_mode & 0o022):
                return None
            return handle.read()
    except OSError:
        return None
