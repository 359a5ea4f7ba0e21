"""Fixtures: "today" fixed for every test, and a minimal valid data folder that each test bends
in one place. What tests share besides fixtures is in helpers.py."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from briefing.output import write as writer
from helpers import PARK, SOURCES, TODAY, ZONE, write
from pdfcheck import pdf_problems


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", TODAY)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with one valid park; tests overwrite one file to make one mistake."""
    root = tmp_path / "data"
    write(root / "sources.yaml", SOURCES)
    write(root / "zone.yaml", ZONE)
    write(root / "parks" / "park-a.yaml", PARK)
    return root


@pytest.fixture(scope="session", autouse=True)
def every_pdf_checked():
    """Every PDF a test's build writes passes qpdf, pypdf (strict) and pdffonts, checked once
    at the end of the session: a build that writes a broken PDF fails CI even when its own test
    looks only at the text."""
    written = set()
    original = writer.write_all

    def recording(folder, files, *args, **kwargs):
        original(folder, files, *args, **kwargs)
        written.update(Path(folder) / name for name in files if name.endswith(".pdf"))  # not the manifest

    writer.write_all = recording
    yield written
    writer.write_all = original
    with ThreadPoolExecutor(8) as pool:
        found = [p for problems in pool.map(pdf_problems, sorted(p for p in written if p.exists()))
                 for p in problems]
    assert found == [], "\n".join(found)
