"""Refresh the reference images of the shipped documents after an intended layout change.

    python tools/refresh_references.py

Builds every document from ``data/`` (every park, every language) with this checkout's code,
renders each page small and in 16 grey levels, and replaces ``tests/references/`` with the
result (pages of documents that are no longer built are removed). Look at the pages before
committing them: ``tests/test_references.py`` compares every build with these files.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))  # this checkout's code, whatever is installed

from PIL import Image  # noqa: E402 (after the path set-up above)

REFERENCES = REPO / "tests" / "references"
#: Low resolution keeps the files small; a line moved, a block resized or a page added shows.
DPI = 30
#: Fewer grey levels compress to a third and hide anti-aliasing noise between renderers.
LEVELS = 16


def render(pdf: Path) -> dict[str, Image.Image]:
    """Each page of ``pdf`` as a greyscale image, named ``<pdf-stem>-p01.png`` and so on."""
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", str(pdf), f"{scratch}/page"], check=True)
        pages = sorted(Path(scratch).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return {f"{pdf.stem}-p{number:02d}.png": _posterise(Image.open(path))
                for number, path in enumerate(pages, start=1)}


def _posterise(image: Image.Image) -> Image.Image:
    step = 256 // LEVELS
    return image.convert("L").point(lambda v: v // step * 255 // (LEVELS - 1))


def render_shipped(out_dir: Path) -> dict[str, Image.Image]:
    """Every shipped document built into ``out_dir`` and rendered, pages by name."""
    from briefing.pipeline.build import build
    from briefing.pipeline.options import Request

    pages = {}
    for document in build(Request(REPO / "data", out_dir, force=True)).documents:
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
    size = sum(p.stat().st_size for p in REFERENCES.iterdir())
    print(f"wrote {len(pages)} reference pages ({size / 1024:.0f} KB) to {REFERENCES.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
