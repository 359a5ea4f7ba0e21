"""Writing output files: atomically, so a failed or interrupted build never leaves a
truncated PDF where a good one stood, and one build at a time per output folder.

A build writes each document as soon as it is made into a staging folder of its own inside the
output folder (``Staging``), so that it holds no PDF in memory, and moves them all into place
at the end, under the folder's lock (``write_all``): a build that fails on its last document
leaves every file of the last good build as it was.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Optional

FILE_MODE = 0o644
#: Held while a build writes into a folder; the kernel releases it when the process dies.
LOCK_NAME = ".briefing.lock"
#: How long a build waits for another one writing into the same folder.
LOCK_WAIT = 60.0
_TEMP_SUFFIX = ".tmp"
#: The start of a staging folder's name (``Staging``), inside the output folder.
STAGING_PREFIX = ".briefing-staging-"
_NEW_PREFIX = ".briefing-new-"


class Busy(Exception):
    """Another build held the output folder for longer than ``LOCK_WAIT``."""


def write_all(folder: Path, files: dict[str, bytes], wait: float = LOCK_WAIT,
              staged: Optional[Staging] = None) -> None:
    """Move the ``staged`` files into ``folder`` (written already, as they were made), then
    write every one of ``files``, under the folder's lock, so that two builds never interleave
    their files; temp files a killed build left behind are removed first. The staging folder
    is removed whatever happens."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with locked(folder, wait):
            remove_leftovers(folder)
            if staged is not None:
                staged.move_into(folder)
            for name, data in files.items():
                write_atomic(folder / name, data, sync_folder=False)
            _sync_folder(folder)  # every rename made durable at once, not one folder sync per file
    finally:
        if staged is not None:
            staged.discard()


class Staging:
    """Files written, each as soon as it is made, into a folder of their own inside the output
    folder (so that renaming them into place is atomic), until ``write_all`` moves them all at
    once, or ``discard`` removes them (a build that failed: nothing it made replaces a file).

    The folder is made with the first file, and held (an flock on it) while this process
    lives: another build's ``remove_leftovers`` removes only the staging folders of builds that
    died (killed, out of memory) before moving their files."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path: Optional[Path] = None
        self._handle: Optional[int] = None
        self._made_folder = False  # the output folder too: a failed build leaves no empty one

    def open(self) -> Path:
        """The staging folder, made now if it is not yet (before forking workers that write
        into it: they share its lock, and end with the build)."""
        return self._folder()

    def add(self, name: str, data: bytes) -> None:
        """Write ``data`` as the file ``name``, synced to disk, readable by all (as
        ``write_atomic`` leaves it); from this process or a worker forked after ``open``."""
        path = self._folder() / name
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_synced(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, FILE_MODE), path, data)

    def move_into(self, folder: Path) -> None:
        """Rename every file written into ``folder`` (the caller holds its lock and syncs it),
        by whichever process wrote it."""
        if self.path is None:
            return
        for path in sorted(self.path.rglob("*")):
            if path.is_file():
                target = folder / path.relative_to(self.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)

    def discard(self) -> None:
        """Remove the staging folder and what is left in it, and let it go."""
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None
            if self._made_folder:
                with contextlib.suppress(OSError):  # not empty: files were written into it
                    self.folder.rmdir()
        if self._handle is not None:
            os.close(self._handle)
            self._handle = None

    def _folder(self) -> Path:
        if self.path is None:
            self._made_folder = not self.folder.exists()
            self.folder.mkdir(parents=True, exist_ok=True)
            # Made under another name, held, then renamed: another build removing leftovers
            # never sees a staging folder made and not yet held. (A build killed in between
            # leaves an empty ".briefing-new-" folder.)
            while self.path is None:
                new = Path(tempfile.mkdtemp(dir=self.folder, prefix=_NEW_PREFIX))
                handle = os.open(new, os.O_RDONLY | os.O_DIRECTORY)
                fcntl.flock(handle, fcntl.LOCK_EX)  # a folder of its own, new: never waits
                path = self.folder / (STAGING_PREFIX + new.name.removeprefix(_NEW_PREFIX))
                try:
                    os.mkdir(path)  # the name taken, or the next try
                except FileExistsError:
                    os.close(handle)
                    os.rmdir(new)
                    continue
                os.rename(new, path)  # over the empty folder just made: the lock goes with it
                self.path, self._handle = path, handle
        return self.path


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
    then no other build's temp file is in flight), and the staging folders of builds that died
    (no process holds them; those of builds still rendering are kept)."""
    leftovers = [p for p in folder.glob(f".*.pdf.*{_TEMP_SUFFIX}") if p.is_file()]
    for path in leftovers:
        path.unlink(missing_ok=True)
    for path in folder.glob(f"{STAGING_PREFIX}*"):
        if path.is_dir() and not path.is_symlink() and not _held(path):
            shutil.rmtree(path, ignore_errors=True)
            leftovers.append(path)
    return leftovers


def _held(staging: Path) -> bool:
    """Whether a live build holds this staging folder (``Staging``)."""
    try:
        handle = os.open(staging, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except OSError:
        return True  # not ours to judge: left alone
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # closing releases a lock taken just now
    return False


def write_atomic(path: Path, data: bytes, sync_folder: bool = True) -> None:
    """Temp file in the same folder, fsync, then rename over the target (a symlink is replaced,
    not written through); ``sync_folder=False`` leaves the folder's sync to a caller writing
    several files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        _write_synced(handle, Path(temp), data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if sync_folder:
        _sync_folder(path.parent)


def _write_synced(handle: int, path: Path, data: bytes) -> None:
    """``data`` written into the file open as ``handle`` (at ``path``) and synced to disk, then
    made readable by all whatever the umask (mkstemp makes a file private): reports are for
    sharing."""
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.chmod(path, FILE_MODE)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable: without it a power cut can bring back the old file."""
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)
