"""briefing watch: what a change rebuilds, and a real watch with short, bounded waits."""

import threading
import time

import pytest

from briefing.operators import watch
from briefing.pipeline.options import Request

from helpers import PARK, write

TIMEOUT = 10  # seconds; a rebuild takes well under one


class Log:
    """Collects what the watch prints, and waits for a line."""

    def __init__(self):
        self.lines = []
        self.lock = threading.Lock()

    def __call__(self, text, err=False):
        with self.lock:
            self.lines.append(text)

    def wait_for(self, needle, start=0):
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            with self.lock:
                for index, line in enumerate(self.lines[start:], start):
                    if needle in line:
                        return index + 1
            time.sleep(0.02)
        raise AssertionError(f"{needle!r} not printed within {TIMEOUT} s; printed: {self.lines}")


@pytest.fixture
def watching(data_dir, tmp_path):
    """A watch running in a thread, stopped (and joined) after the test."""
    log, stop = Log(), threading.Event()
    thread = threading.Thread(target=watch.watch, args=(Request(data_dir, tmp_path / "out"), log, stop),
                              kwargs={"debounce_ms": 50}, daemon=True)
    thread.start()
    log.wait_for("watching")
    yield log, thread
    stop.set()
    thread.join(TIMEOUT)
    assert not thread.is_alive()


def test_rebuilds_after_a_change(watching, data_dir, tmp_path):
    log, _ = watching
    pdf = tmp_path / "out" / "park-park-a-zh.pdf"
    assert f"rebuilt {pdf} (2 pages)" in log.lines
    before = pdf.read_bytes()
    write(data_dir / "parks" / "park-a.yaml", PARK.replace("甲产业园简介。", "甲产业园的新简介。"))
    after = log.wait_for(f"changed: {data_dir / 'parks' / 'park-a.yaml'}")
    log.wait_for(f"rebuilt {pdf}", after)
    assert pdf.read_bytes() != before


def test_bad_input_is_printed_and_the_watch_goes_on(watching, data_dir, tmp_path):
    log, thread = watching
    sheet = data_dir / "parks" / "park-a.yaml"
    write(sheet, PARK.replace("value: 17000", "value: abc"))
    after = log.wait_for(f"{sheet}:8: facts[0].value: expected a number, got 'abc'; write digits only, e.g. 17000 for 1.7万 (the unit goes in unit)")
    log.wait_for("not rebuilt; fix the problems above and save again", after)
    assert thread.is_alive()
    write(sheet, PARK.replace("甲产业园简介。", "甲产业园的新简介。"))
    log.wait_for(f"rebuilt {tmp_path / 'out' / 'park-park-a-zh.pdf'}", after)


def test_a_save_that_changes_nothing_rebuilds_nothing(watching, data_dir, tmp_path):
    """The watch builds as the command line does: a PDF whose inputs are unchanged is kept."""
    log, _ = watching
    write(data_dir / "parks" / "park-a.yaml", PARK)  # saved again as it was
    after = log.wait_for(f"changed: {data_dir / 'parks' / 'park-a.yaml'}")
    log.wait_for(f"8 PDFs in {tmp_path / 'out'} already up to date", after)
    assert not [line for line in log.lines[after:] if line.startswith("rebuilt")]


def test_park_sheet_rebuilds_that_park(data_dir):
    write(data_dir / "parks" / "park-b.yaml", PARK.replace("park-a", "park-b"))
    assert watch.affected(data_dir, [data_dir / "parks" / "park-b.yaml"]) == ["park-b"]


def test_zone_or_sources_rebuild_every_park(data_dir):
    assert watch.affected(data_dir, [data_dir / "zone.yaml"]) is None
    assert watch.affected(data_dir, [data_dir / "sources.yaml"]) is None


def test_logo_rebuilds_the_parks_that_use_it(data_dir):
    (data_dir / "images").mkdir()
    (data_dir / "images" / "logo.png").write_bytes(b"")
    write(data_dir / "parks" / "park-a.yaml", PARK + "branding:\n  logo: images/logo.png\n")
    assert watch.affected(data_dir, [data_dir / "images" / "logo.png"]) == ["park-a"]
    assert watch.affected(data_dir, [data_dir / "images" / "other.png"]) == []


def test_deleted_sheet_rebuilds_nothing(data_dir):
    assert watch.affected(data_dir, [data_dir / "parks" / "gone.yaml"]) == []


def test_an_unreadable_sheet_is_reported_and_the_watch_goes_on(data_dir, tmp_path, monkeypatch):
    """An unreadable sheet raised PermissionError out of the watch, which exited (issue 19)."""
    import errno
    import os

    sheet = str(data_dir / "parks" / "park-a.yaml")
    real_open = os.open

    def refusing(path, *args, **kwargs):
        if str(path) == sheet:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing)
    log = Log()
    assert watch.rebuild(Request(data_dir, tmp_path / "out", workers=1), log) is False
    assert f"{sheet}: cannot be read: permission denied" in log.lines[0]
    assert log.lines[-1] == "not rebuilt; fix the problems above and save again"


def test_a_fault_of_the_tool_does_not_end_the_watch(data_dir, tmp_path, monkeypatch):
    from briefing.pipeline import build

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(build, "build", broken)
    log = Log()
    assert watch.rebuild(Request(data_dir, tmp_path / "out", workers=1), log) is False
    assert log.lines == ["not rebuilt: briefing itself failed (the details are above); save again, or report it"]


def test_the_browsers_drafts_and_history_rebuild_nothing(data_dir):
    """Only the sheet a save from the browser replaces counts; its draft and history do not."""
    hidden = data_dir / ".briefing" / "drafts" / "parks-park-a.yaml"
    hidden.parent.mkdir(parents=True)
    hidden.write_text(PARK, encoding="utf-8")
    assert watch.affected(data_dir, [hidden]) == []
    assert watch.affected(data_dir, [data_dir / "parks" / "park-a.yaml"]) == ["park-a"]
