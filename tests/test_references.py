"""Layout regressions fail here: every page of every shipped document, rendered small, must
match its checked-in reference image within a tolerance.

On a mismatch the page as built and a diff image are written to ``reference-mismatches/``
(or ``$BRIEFING_MISMATCH_DIR``) for a person to look at. After an intended layout change,
refresh the references with ``python tools/refresh_references.py`` and look at them.

Pages are rendered with pypdfium2 (pinned in tools/constraints.txt, PDFium inside the wheel),
as the references were; ``tests/references/RENDERER`` says which release made them, and a
renderer that differs is reported before any page is compared.
"""

from __future__ import annotations

import os
import re
import sys

import pytest
from PIL import Image, ImageChops

from helpers import REPO

sys.path.insert(0, str(REPO / "tools"))
import refresh_references as references

#: Grey-level difference (of 255) below which a pixel counts as the same: anti-aliasing noise.
PIXEL_TOLERANCE = 48
#: Share of a page's pixels that may differ (about 25 of 87,000): a line moved by 1 px changes 5 %,
#: a figure changed from 20 to 30 with its bar 0.07 %.
PAGE_TOLERANCE = 0.0003
REFRESH = "python tools/refresh_references.py"


@pytest.fixture(scope="module")
def pages(shipped):
    """Every page of every shipped document on every paper, as ``briefing build`` makes them
    (built once a session: conftest.shipped; refresh_references.py builds the same), rendered
    as the references were."""
    return {name: image for build in references.BUILDS for document in shipped(build).values()
            if references.wanted(build, document.name) for name, image in references.render(document.path).items()}


def test_the_references_were_rendered_by_the_renderer_at_hand():
    """Another renderer anti-aliases differently: its pages would not match, for no change of
    layout. CI installs the pinned one (tools/test.sh)."""
    made_by = references.RENDERER.read_text(encoding="utf-8").strip()
    assert made_by == references.renderer(), (
        f"the references were rendered by {made_by}, this run renders with {references.renderer()}: install "
        f"tools/constraints.txt (pip install -c tools/constraints.txt -e '.[test]'), or, if the new renderer is "
        f"meant, run {REFRESH} and look at the pages")
    pinned = re.search(r"^pypdfium2==(\S+)$", (REPO / "tools" / "constraints.txt").read_text(), re.M).group(1)
    assert made_by.startswith(f"pypdfium2 {pinned} "), f"tools/constraints.txt pins pypdfium2 {pinned}; {made_by}"


def test_every_page_has_a_reference(pages):
    expected = sorted(p.name for p in references.REFERENCES.glob("*.png"))
    assert sorted(pages) == expected, f"the shipped documents' pages changed; if intended, run {REFRESH}"


def test_pages_match_their_references(pages):
    mismatches = [message for name, image in sorted(pages.items())
                  if (message := compare(name, image)) is not None]
    assert mismatches == [], "\n".join(mismatches) + f"\nif the change is intended, run {REFRESH}"


def compare(name: str, page: Image.Image) -> str | None:
    """None when ``page`` matches its reference, else what differs (and the images written)."""
    path = references.REFERENCES / name
    if not path.exists():
        return None  # reported by test_every_page_has_a_reference
    reference = Image.open(path).convert("L")
    if reference.size != page.size:
        return f"{name}: page size {page.size}, reference {reference.size}"
    share = differing_share(reference, page)
    if share <= PAGE_TOLERANCE:
        return None
    folder = write_mismatch(name, reference, page)
    return (f"{name}: {share:.2%} of the pixels differ (at most {PAGE_TOLERANCE:.2%}); see {folder} "
            f"(rendered by {references.renderer()})")


def differing_share(a: Image.Image, b: Image.Image) -> float:
    difference = ImageChops.difference(a, b).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    return difference.histogram()[255] / (a.width * a.height)


def write_mismatch(name: str, reference: Image.Image, page: Image.Image):
    """The page as built, and reference | page | differences in red, side by side."""
    folder = os.environ.get("BRIEFING_MISMATCH_DIR") or REPO / "reference-mismatches"
    os.makedirs(folder, exist_ok=True)
    page.save(os.path.join(folder, name))
    mask = ImageChops.difference(reference, page).point(lambda v: 255 if v > PIXEL_TOLERANCE else 0)
    marked = Image.composite(Image.new("RGB", page.size, "red"), page.convert("RGB"), mask)
    sheet = Image.new("RGB", (page.width * 3, page.height), "white")
    for index, image in enumerate((reference.convert("RGB"), page.convert("RGB"), marked)):
        sheet.paste(image, (index * page.width, 0))
    sheet.save(os.path.join(folder, name.replace(".png", "-diff.png")))
    return folder


def test_a_moved_line_is_caught(pages, tmp_path, monkeypatch):
    """The tolerance is tight enough: shifting a page's content by 2 px fails and writes images."""
    monkeypatch.setenv("BRIEFING_MISMATCH_DIR", str(tmp_path))
    name, page = sorted(pages.items())[1]
    moved = ImageChops.offset(page, 0, 2)
    assert compare(name, page) is None
    assert compare(name, moved).startswith(f"{name}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, name.replace(".png", "-diff.png")])
