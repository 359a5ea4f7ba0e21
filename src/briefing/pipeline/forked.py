"""Processes a build forks for one piece of work each (the sheets read aside, a part rendered
beside this process): each sends its result back on a pipe, pickled, and ends there without
the clean-up of the process it was forked from.

What it sent is taken as soon as the pipe closes, without waiting for the process to be gone:
a forked process's end (its memory given back) took 7-14 ms after it had sent everything, a
twentieth of a visitor's build. It is waited for later (``reap``), not left a zombie.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from briefing.errors import BriefingError

#: Forked processes that had sent their result but not yet ended when it was taken.
_ENDING: list[int] = []


@dataclass
class Forked:
    """A forked process and the end of the pipe its result comes back on."""

    pid: int
    reading: int
    #: Its result taken (the pipe closed): nothing is left to stop.
    taken: bool = False

    def result(self) -> tuple[bool, Any]:
        """(True, what it sent) or (False, None) when it ended without sending it whole
        (killed, or out of memory, maybe half-way through)."""
        try:
            with os.fdopen(self.reading, "rb") as pipe:  # closed however the reading ends
                sent = pipe.read()
        finally:
            self.reading = -1
        self.taken = True
        _reap_or_later(self.pid)
        try:
            return (True, pickle.loads(sent)) if sent else (False, None)
        except Exception:  # cut short: as if nothing had been sent
            return False, None

    def stop(self) -> None:
        """End it now, unless its result was taken (what it was doing is no longer wanted),
        and wait for it. Once only: the pipe's end is closed here or by ``result``."""
        if self.taken:
            return
        self.taken = True
        if self.reading >= 0:  # not yet closed by an interrupted ``result``
            os.close(self.reading)
            self.reading = -1
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def fork(work: Callable[[], Any]) -> Forked:
    """``work()`` in a forked process, its value sent back pickled; a ``BaseException`` it
    raises is sent back as its value (the caller tells them apart), and what cannot be sent
    (a value pickle refuses, an error that cannot be made again from its pickle) as a
    ``BriefingError`` saying what went wrong. The forked process ends there, with
    ``os._exit``, whatever happens."""
    reap()
    reading, writing = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(reading)
            _send(writing, work)
        finally:
            os._exit(0)
    os.close(writing)
    return Forked(pid, reading)


def _send(writing: int, work: Callable[[], Any]) -> None:
    try:
        value = work()
    except BaseException as exc:  # sent back for the caller to raise, or to handle
        value = exc
    try:
        sent = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if isinstance(value, BaseException):
            pickle.loads(sent)  # an exception whose __init__ takes other arguments fails only here
    except Exception as exc:  # what cannot be sent is sent as what went wrong, in words
        what = value if isinstance(value, BaseException) else exc
        sent = pickle.dumps(BriefingError(f"{type(what).__name__}: {what}"), pickle.HIGHEST_PROTOCOL)
    with contextlib.suppress(OSError), os.fdopen(writing, "wb") as pipe:  # OSError: the caller is gone
        pipe.write(sent)


def _reap_or_later(pid: int) -> None:
    with contextlib.suppress(ChildProcessError):
        if os.waitpid(pid, os.WNOHANG) == (0, 0):
            _ENDING.append(pid)


def reap() -> None:
    """Wait, without blocking, for the forked processes that were still ending (a process that
    builds again and again, ``watch``, would otherwise keep them as zombies)."""
    for pid in list(_ENDING):
        with contextlib.suppress(ChildProcessError):
            if os.waitpid(pid, os.WNOHANG) == (0, 0):
                continue
        _ENDING.remove(pid)
