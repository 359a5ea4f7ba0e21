"""Writing output files: atomically, so a failed or interrupted build never leaves a
truncated PDF where a good one stood, and one build at a time per output folder."""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o644
#: Held while a build writes into a folder; the kernel releases it when the process dies.
LOCK_NAME = ".briefing.lock"
#: How long a build waits for another one writing into the same folder.
LOCK_WAIT = 60.0
_TEMP_SUFFIX = ".tmp"


class Busy(Exception):
    """Another build held the output folder for longer than ``LOCK_WAIT``."""


def write_all(folder: Path, files: dict[str, bytes], wait: float = LOCK_WAIT) -> None:
    """Write every file into ``folder`` under its lock, so that two builds never interleave
    their files; temp files a killed build left behind are removed first."""
    folder.mkdir(parents=True, exist_ok=True)
    with locked(folder, wait):
        remove_leftovers(folder)
        for name, data in files.items():
            write_atomic(folder / name, data, sync_folder=False)
        _sync_folder(folder)  # every rename made durable at once, not one folder sync per file


@contextlib.contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """An exclusive lock on ``folder`` (an flock on a lock file inside it)."""
    handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, FILE_MODE)  # never a link out
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise Busy(folder) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def remove_leftovers(folder: Path) -> list[Path]:
    """Temp files of an earlier build that was killed before its rename (call under the lock:
    then no other build's temp file is in flight)."""
    leftovers = [p for p in folder.glob(f".*.pdf.*{_TEMP_SUFFIX}") if p.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers


def write_atomic(path: Path, data: bytes, sync_folder: bool = True) -> None:
    """Temp file in the same folder, fsync, then rename over the target (a symlink is replaced,
    not written through); ``sync_folder=False`` leaves the folder's sync to a caller writing
    several files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, FILE_MODE)  # mkstemp makes the file private; reports are for sharing
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if sync_folder:
        _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: without it a power cut can bring back the old file."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
