"""Work done in a forked process: its result or its error sent back, taken without waiting
for the process to end, which is waited for later."""

import os
import signal
import time

import pytest

from briefing.errors import BriefingError, InvalidData, Problems
from briefing.pipeline import forked


def test_the_value_comes_back():
    assert forked.fork(lambda: {"project": [1, 2]}).result() == (True, {"project": [1, 2]})


def test_an_error_comes_back_to_be_raised_here():
    def fails():
        raise BriefingError("parks/a.yaml: the flyer could not be laid out")

    sent, value = forked.fork(fails).result()
    assert sent and isinstance(value, BriefingError) and str(value) == "parks/a.yaml: the flyer could not be laid out"


def test_an_error_that_cannot_be_rebuilt_here_comes_back_as_its_text():
    """InvalidData's __init__ takes problems: pickled, it cannot be made again from its text."""
    def fails():
        raise InvalidData(Problems(), False)

    sent, value = forked.fork(fails).result()
    assert sent and isinstance(value, BriefingError) and str(value).startswith("InvalidData")


def test_a_process_that_dies_sends_nothing():
    assert forked.fork(lambda: os._exit(9)).result() == (False, None)


def test_the_result_is_taken_before_the_process_has_ended_and_it_is_reaped_later(monkeypatch):
    """A forked process's end (its memory given back) took 7-14 ms after it had sent
    everything; here it takes a second, and the result is there at once."""
    ending = os._exit

    def slow_end(status):
        time.sleep(1)
        ending(status)

    monkeypatch.setattr(os, "_exit", slow_end)  # inherited by the forked process
    started = time.monotonic()
    process = forked.fork(lambda: "done")
    assert process.result() == (True, "done")
    assert time.monotonic() - started < 0.8
    assert process.pid in forked._ENDING
    time.sleep(1.5)
    forked.reap()
    assert process.pid not in forked._ENDING
    with pytest.raises(ChildProcessError):  # waited for: no zombie left
        os.waitpid(process.pid, os.WNOHANG)


def test_a_process_no_longer_wanted_is_stopped():
    process = forked.fork(lambda: time.sleep(60))
    started = time.monotonic()
    process.stop()
    assert time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(process.pid, os.WNOHANG)


def test_a_result_cut_short_is_as_if_nothing_was_sent():
    """Killed half-way through sending (the pipe holds 64 KB; the rest waits): the part read
    is no pickle, and is taken as nothing sent, not raised as one."""
    process = forked.fork(lambda: b"x" * 1_000_000)
    time.sleep(0.5)  # it has written what the pipe holds and waits to write the rest
    os.kill(process.pid, signal.SIGKILL)
    assert process.result() == (False, None)


def test_what_cannot_be_pickled_comes_back_as_what_went_wrong():
    sent, value = forked.fork(lambda: (lambda: 1)).result()
    assert sent and isinstance(value, BriefingError) and "pickle" in str(value).lower()


def test_stopping_after_an_interrupted_result_closes_nothing_twice_and_waits_for_it():
    """Ctrl-C while the result was read closed the pipe; stop() then closed it again (EBADF,
    a traceback instead of "Aborted!") and left the process a zombie."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    process = forked.fork(lambda: time.sleep(60))
    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 0.3)
    try:
        with pytest.raises(KeyboardInterrupt):
            process.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    process.stop()
    process.stop()  # once only
    with pytest.raises(ChildProcessError):
        os.waitpid(process.pid, os.WNOHANG)
