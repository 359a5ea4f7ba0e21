"""Fixtures: "today" fixed for every test, a minimal valid data folder that each test bends in
one place, and the shipped data built once a session for every test that looks at it. What
tests share besides fixtures is in helpers.py.

Every PDF of the shipped builds is checked by test_shipped_pdfs.py, one test per file; a test
that builds data of its own checks the PDFs it looks at (``pdfcheck.pdf_problems``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline.build import build

from helpers import PARK, SHIPPED, SOURCES, TODAY, ZONE, write


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("BRIEFING_TODAY", TODAY)
    # Messages in English whatever the locale of the machine running the tests (the tests of
    # the Chinese ones set it themselves).
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder with one valid park; tests overwrite one file to make one mistake."""
    root = tmp_path / "data"
    write(root / "sources.yaml", SOURCES)
    write(root / "zone.yaml", ZONE)
    write(root / "parks" / "park-a.yaml", PARK)
    return root


@pytest.fixture(scope="session")
def shipped(tmp_path_factory):
    """``shipped(name)``: the documents of the shipped ``data/`` built as ``helpers.SHIPPED[name]``
    says, by file name, each with its bytes and the path it was written to. Each variant is built
    at most once a session, when a test first asks for it; tests only read what it made."""
    built = {}

    def documents(name: str) -> dict:
        if name not in built:
            with pytest.MonkeyPatch.context() as patch:  # whichever test asks first, the same build
                patch.setenv("BRIEFING_TODAY", TODAY)
                patch.delenv("SOURCE_DATE_EPOCH", raising=False)
                outcome = build(SHIPPED[name].request(tmp_path_factory.mktemp(f"shipped-{name}")))
            for document in outcome.documents:
                document.path.chmod(0o444)  # shared by every test: one that writes to it fails
            built[name] = {document.name: document for document in outcome.documents}
        return built[name]

    return documents
