"""Atomic output: mode, symlinks, no temp files left, safe names."""

import os
import stat
import subprocess
import sys
import time

import pytest

from briefing.output.write import Busy, locked, write_all, write_atomic
from briefing.pipeline.plan import output_name


def test_writes_with_mode_0644(tmp_path):
    target = tmp_path / "a.pdf"
    write_atomic(target, b"%PDF-1.4")
    assert target.read_bytes() == b"%PDF-1.4"
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o644


def test_symlink_replaced_not_written_through(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    link = tmp_path / "out" / "a.pdf"
    link.parent.mkdir()
    link.symlink_to(outside)
    write_atomic(link, b"new")
    assert outside.read_bytes() == b"keep"
    assert not link.is_symlink() and link.read_bytes() == b"new"


def test_failure_leaves_previous_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "a.pdf"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a\n", "A", ""])
def test_unsafe_names_refused(bad):
    with pytest.raises(ValueError):
        output_name("park", bad, "zh")


def test_name():
    assert output_name("park", "smart-medical", "zh") == "park-smart-medical-zh.pdf"


def test_second_writer_waits_for_the_lock(tmp_path):
    with locked(tmp_path):
        started = time.monotonic()
        with pytest.raises(Busy):
            write_all(tmp_path, {"a.pdf": b"second"}, wait=0.3)
        assert time.monotonic() - started >= 0.3
    assert not (tmp_path / "a.pdf").exists()
    write_all(tmp_path, {"a.pdf": b"second"}, wait=0.3)  # free again once the first is done
    assert (tmp_path / "a.pdf").read_bytes() == b"second"


def test_lock_is_released_when_its_holder_dies(tmp_path):
    holder = subprocess.run([sys.executable, "-c", HOLD_AND_DIE, str(tmp_path)], timeout=30)
    assert holder.returncode == -9
    write_all(tmp_path, {"a.pdf": b"x"}, wait=0.3)
    assert (tmp_path / "a.pdf").read_bytes() == b"x"


HOLD_AND_DIE = """
import os, signal, sys
from pathlib import Path
from briefing.output.write import locked
with locked(Path(sys.argv[1])):
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_leftovers_of_a_killed_build_removed_others_kept(tmp_path):
    for name in (".park-a-zh.pdf.x1y2.tmp", "notes.tmp", "park-a-zh.pdf", ".hidden"):
        (tmp_path / name).write_bytes(b"x")
    write_all(tmp_path, {"park-b-zh.pdf": b"new"})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".briefing.lock", ".hidden", "notes.tmp", "park-a-zh.pdf", "park-b-zh.pdf"]


def test_a_build_syncs_its_folder_once_not_per_file(tmp_path, monkeypatch):
    from briefing.output import write

    synced = []
    monkeypatch.setattr(write, "_sync_folder", synced.append)
    write_all(tmp_path, {f"park-p{i}-zh.pdf": b"%PDF" for i in range(5)})
    assert synced == [tmp_path] and len(list(tmp_path.glob("*.pdf"))) == 5
