"""Atomic output: mode, symlinks, no temp files left, safe names."""

import os
import stat

import pytest

from briefing.write import output_name, write_atomic


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
