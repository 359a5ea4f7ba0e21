"""Shared fixtures: a minimal valid data folder that each test bends in one place."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import threading
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from briefing.output import write as writer
from briefing.pipeline.build import build
from briefing.pipeline.options import LANGUAGES, Output, Request, Selection
from briefing.pipeline.plan import Job
from briefing.pipeline.render import render_job
from pdfcheck import pdf_problems

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"

SOURCES = """\
sources:
  - id: article
    publication: {zh: 测试报纸, en: Test paper}
    title: {zh: 标题, en: Title}
    date: 2021-04
"""

ZONE = """\
id: zone
as_of: 2021-04
name: {zh: 测试高新区, en: Test Zone}
summary: {zh: 简介。, en: Summary.}
chains:
  - id: chain-a
    name: {zh: 甲产业链, en: Chain A}
    park: park-a
"""

PARK = """\
id: park-a
as_of: 2021-04
name: {zh: 甲产业园, en: Park A}
chain: chain-a
summary: {zh: 甲产业园简介。, en: About park A.}
facts:
  - label: {zh: 建筑面积, en: Floor area}
    value: 17000
    unit: m2
    source: article
"""


#: "Today" for the tests: a month after the shipped sheets' as-of date, so the stale-facts
#: warning (lint.py) fires only in the tests written for it.
TODAY = "2021-05-15"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", TODAY)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with one valid park; tests overwrite one file to make one mistake."""
    root = tmp_path / "data"
    write(root / "sources.yaml", SOURCES)
    write(root / "zone.yaml", ZONE)
    write(root / "parks" / "park-a.yaml", PARK)
    return root


def build_all(data_dir: Path, out: Path, park_ids: tuple[str, ...] = (), languages=LANGUAGES,
              output: Output = Output()):
    """Every document of the data folder (or of the parks named) written into ``out``, as
    ``briefing build --force`` makes them: the sheets loaded, and the documents."""
    outcome = build(Request(data_dir, out, Selection.of_parks(tuple(park_ids)), tuple(languages), output, force=True))
    return outcome.project, outcome.documents


def render_park(project, park_id: str, lang: str, output: Output = Output()):
    """One park's documents in one language (brochure, flyers, sheets), in memory."""
    return render_job(project, Job("park", park_id, lang), output)


def qr_codes(pdf: bytes) -> list[str]:
    """The text of every QR code on the first page of ``pdf``, rendered at 150 dpi and read
    back with zxing-cpp, sorted."""
    import zxingcpp
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-singlefile", str(path), str(path.with_suffix(""))],
                       check=True)
        image = Image.open(path.with_suffix(".png")).convert("L")
        return sorted(result.text for result in zxingcpp.read_barcodes(image))
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


def run_bounded(*args, seconds: float = 30, megabytes: int = 1024, env: dict | None = None):
    """``python -m briefing ARGS`` in a child process that may use at most ``seconds`` of wall
    time and ``megabytes`` of address space: a case that could hang or balloon fails its test
    instead of the machine. Returns the CompletedProcess (text output)."""
    limit = megabytes * 1024 * 1024

    def restrict():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    child_env = dict(os.environ, **(env or {}))
    child_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO / "src"), child_env.get("PYTHONPATH")]))
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], capture_output=True, text=True,
                          timeout=seconds, preexec_fn=restrict, env=child_env)


def read_line(process, seconds: float = 30.0) -> str:
    """The next line a child process prints (text mode), waited for no longer than ``seconds``:
    a server that fails to start fails its test instead of hanging it."""
    lines = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    assert lines, f"the process printed no line in {seconds:.0f} s"
    return lines[0]
