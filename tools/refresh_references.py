"""Refresh the reference images of the shipped documents after an intended layout change.

    python tools/refresh_references.py

Builds every document from ``data/`` (every park, every language) with this checkout's code,
on every paper (``BUILDS``: A4 with the A5 flyers, A5 with the booklet, Letter, and the A6
cards of ``--impose 4up``), renders each page small and in 16 grey levels, and replaces
``tests/references/`` with the result (pages of documents that are no longer built are
removed). Look at the pages before committing them: ``tests/test_references.py`` compares every build with these files.

Pages are rendered with pypdfium2, a wheel pinned in ``tools/constraints.txt`` that carries its
own PDFium, rather than with poppler's pdftoppm, which comes from the system's packages in
whatever version they hold: two renderers (or two releases of one) anti-alias differently, and
the references match only the renderer that made them. ``tests/references/RENDERER`` records it;
the test says so when the renderer at hand differs.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # this checkout's code, whatever is installed

import pypdfium2  # noqa: E402 (after the path set-up above)
from PIL import Image  # noqa: E402

REFERENCES = REPO / "tests" / "references"
#: Which renderer made the references (``renderer()`` when they were refreshed).
RENDERER = REFERENCES / "RENDERER"
#: Low resolution keeps the files small; a line moved, a block resized or a page added shows.
DPI = 30
#: Fewer grey levels compress to a third and hide anti-aliasing noise between renderers.
LEVELS = 16


def renderer() -> str:
    """The renderer's name and versions, as RENDERER records them."""
    from pypdfium2.version import PDFIUM_INFO, PYPDFIUM_INFO

    return f"pypdfium2 {PYPDFIUM_INFO} (PDFium {PDFIUM_INFO})"


def render(pdf: Path) -> dict[str, Image.Image]:
    """Each page of ``pdf`` as a greyscale image, named ``<pdf-stem>-p01.png`` and so on."""
    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return {f"{pdf.stem}-p{number:02d}.png":
                _posterise(page.render(scale=DPI / 72, grayscale=True).to_pil())
                for number, page in enumerate(document, start=1)}
    finally:
        document.close()


def _posterise(image: Image.Image) -> Image.Image:
    step = 256 // LEVELS
    return image.convert("L").point(lambda v: v // step * 255 // (LEVELS - 1))


#: The builds whose pages are kept as references, each as ``briefing build`` options (the
#: session builds of ``tests/helpers.SHIPPED`` of the same names), and which of its files.
BUILDS = {"office": ({}, ""), "a5": ({"paper": "A5", "impose": ("booklet",)}, ""),
          "letter": ({"paper": "Letter"}, ""), "cards": ({"impose": ("4up",)}, "-4up")}


def wanted(build: str, name: str) -> bool:
    """Whether a file of ``build`` is kept as a reference (the cards build: its 4-up sheets)."""
    return BUILDS[build][1] in name


def render_shipped(out_dir: Path) -> dict[str, Image.Image]:
    """Every shipped document built into ``out_dir`` and rendered, pages by name."""
    from briefing.pipeline.build import build
    from briefing.pipeline.options import Request, output

    pages = {}
    for name, (options, _) in BUILDS.items():
        request = Request(REPO / "data", out_dir / name, output=output(**options), force=True)
        for document in build(request).documents:
            if wanted(name, document.name):
                pages.update(render(document.path))
    return pages


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        try:
            pages = render_shipped(Path(scratch))
        except Exception as exc:  # a build error is the operator's to fix first
            print(f"cannot build the shipped documents: {exc}", file=sys.stderr)
            return 1
    if REFERENCES.exists():
        shutil.rmtree(REFERENCES)
    REFERENCES.mkdir(parents=True)
    for name, image in pages.items():
        image.save(REFERENCES / name, optimize=True)
    RENDERER.write_text(renderer() + "\n", encoding="utf-8")
    size = sum(p.stat().st_size for p in REFERENCES.iterdir())
    print(f"wrote {len(pages)} reference pages ({size / 1024:.0f} KB) to {REFERENCES.relative_to(REPO)}, "
          f"rendered by {renderer()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
