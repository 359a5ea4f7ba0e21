"""The shipped fonts: where they are, registering them with ReportLab, glyph coverage.

Noto Sans CJK ships with CFF outlines, which ReportLab cannot read, so ``fonts/`` holds a
TrueType conversion subset by ``tools/make_fonts.py``. Its quotation marks, apostrophe,
middle dot and ellipsis are full width, as Chinese wants; the English editions use the same
faces with Noto Sans's Latin letters and punctuation (``tools/make_latin_fonts.py``); the
Traditional Chinese editions use the Hong Kong face of Noto Sans CJK, subset and converted
the same way, which centres 、，。：；！？ in the em as Traditional Chinese is set.
ReportLab embeds only the glyphs used.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Optional

from briefing.errors import BriefingError
from briefing.text import cache
from briefing.text.cache import cache_root, write_atomically

REGULAR = "NotoSansSC"
BOLD = "NotoSansSC-Bold"
LATIN = "NotoSansSCLatin"
LATIN_BOLD = "NotoSansSCLatin-Bold"
HANT = "NotoSansHK"
HANT_BOLD = "NotoSansHK-Bold"
FILES = {REGULAR: "NotoSansSC-Regular.ttf", BOLD: "NotoSansSC-Bold.ttf",
         LATIN: "NotoSansSCLatin-Regular.ttf", LATIN_BOLD: "NotoSansSCLatin-Bold.ttf",
         HANT: "NotoSansHK-Regular.ttf", HANT_BOLD: "NotoSansHK-Bold.ttf"}
#: Each family's regular face and its bold.
FAMILIES = {REGULAR: BOLD, LATIN: LATIN_BOLD, HANT: HANT_BOLD}
#: The faces Simplified Chinese and English texts are set in (what a sheet's zh: and en: must fit).
SIMPLIFIED_FACES = (REGULAR, BOLD, LATIN, LATIN_BOLD)
#: The faces of the Traditional editions (what a sheet's zh-Hant: and converted texts must fit).
TRADITIONAL_FACES = (HANT, HANT_BOLD)

#: Whitespace is laid out, not drawn, so a font need not have it.
_LAYOUT_ONLY = set(" \t\n\r\u3000")


def font_dir() -> Path:
    """The fonts folder: inside the installed package, or the repository's ``fonts/``."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "fonts", package.parents[1] / "fonts"):
        if (candidate / FILES[REGULAR]).is_file():
            return candidate
    raise BriefingError(f"the fonts {', '.join(FILES.values())} are missing from {package / 'fonts'}; "
                        "reinstall briefing (pip install .)")


def cache_dir() -> Optional[Path]:
    """Where parsed faces are kept between processes (``hooks.cached_ttfont``)."""
    root = cache_root()
    return root / "fonts" if root is not None else None


@functools.cache
def register() -> None:
    """Make the faces known to ReportLab, each read when first used: ``<b>`` selects the real
    bold face (the families' mappings), and a face comes from a cached parse of the same file
    when there is one (``cache_dir``): parsing the six faces was most of a small build's start
    (0.25-0.4 s), and a build in one language needs two of them (``preload`` reads some now)."""
    # ReportLab only here: the front desk's web server finds the font files and needs no more.
    from briefing.text.hooks import register_on_first_use

    register_on_first_use(_face, lambda name: _map_families())
    _map_families()


def _map_families() -> None:
    """Each family's bold is its bold face (``<b>``; ReportLab's ``ps2tt`` reads the same
    table back). Mapped again after each face is registered, which maps the face's bold and
    italic to itself."""
    from reportlab.lib.fonts import addMapping

    for regular, bold_face in FAMILIES.items():
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(regular, bold, italic, bold_face if bold else regular)


def _face(name: str):
    """The shipped face ``name`` as ReportLab's TTFont, or None for a name that is not ours."""
    if name not in FILES:
        return None
    from briefing.text.hooks import cached_ttfont

    path = font_dir() / FILES[name]
    return cached_ttfont(name, path, cache_dir(), write_atomically, font_file(path), font_digest(path))


def preload(faces: Iterable[str] = tuple(FILES)) -> None:
    """Read ``faces`` now rather than on first use: before a build forks its workers (each
    would otherwise read them for itself) and in the front desk's fork server."""
    from reportlab.pdfbase import pdfmetrics

    register()
    for name in faces:
        pdfmetrics.getFont(name)


@functools.cache
def font_file(path: Path) -> bytes:
    """A font file's bytes, read once per process: the tool's version (``freshness``), the
    key of the glyph coverage's cache and the registered face (whose subsets copy glyphs from
    them) share one copy, instead of reading the 16 MB of faces three times."""
    return path.read_bytes()


@functools.cache
def font_digest(path: Path) -> str:
    """The SHA-256 of a font file, in hex: the key of what is cached from it, and part of the
    tool's version (``freshness.tool_version``). Remembered in the cache by the file's size,
    times and inode (``_known_digests``), as git's index trusts a file's stat, so that a
    process that needs no face (``check``, a build with nothing to do) or two of the six does
    not read and hash 16 MB; a file written again has a new change time (which no program can
    set), so it is hashed again."""
    stamp = cache.stamp(path)
    known = _known_digests()
    if stamp in known:
        return known[stamp]
    digest = known[stamp] = hashlib.sha256(font_file(path)).hexdigest()
    root = cache_root()
    if root is not None:
        write_atomically(root / DIGESTS, json.dumps(known, sort_keys=True).encode())
    return digest


#: The font files' digests by their stat, in the cache (``font_digest``).
DIGESTS = "font-digests.json"


@functools.cache
def _known_digests() -> dict[str, str]:
    root = cache_root()
    if root is None:
        return {}
    try:
        known = json.loads((root / DIGESTS).read_bytes())
    except (OSError, ValueError):
        return {}  # none yet, or damaged: hashed again
    if not isinstance(known, dict) or len(known) > 64:  # old stamps pile up only so far
        return {}
    return {k: v for k, v in known.items() if isinstance(k, str) and isinstance(v, str) and len(v) == 64}


@functools.cache
def coverage(faces: tuple[str, ...] = SIMPLIFIED_FACES) -> frozenset[int]:
    """Code points every one of ``faces`` can draw (by default those of Simplified and English)."""
    return frozenset.intersection(*(face_coverage(name) for name in faces))


@functools.cache
def face_coverage(name: str) -> frozenset[int]:
    """Code points the face ``name`` can draw. Kept in the cache (``cache_dir``) by the font
    file's SHA-256, so that ``briefing check``, which draws nothing, reads a list of numbers
    instead of registering the fonts (and importing ReportLab's layout with the hooks)."""
    path = font_dir() / FILES[name]
    folder = cache_dir()
    cached = None
    if folder is not None:
        key = font_digest(path)[:32]
        cached = folder / f"{name}-{key}.codepoints"
        codes = cache.kept(cached)
        if isinstance(codes, list) and all(isinstance(code, int) for code in codes[:10]):
            return frozenset(codes)
        # none yet, or damaged: from the face itself, written below
    from reportlab.pdfbase import pdfmetrics

    register()
    codes = sorted(pdfmetrics.getFont(name).face.charToGlyph)
    if cached is not None:
        cache.keep(cached, codes)
    return frozenset(codes)


def faces_of(font_name: str) -> tuple[str, ...]:
    """The faces that text set in ``font_name`` must fit: its writing system's."""
    return TRADITIONAL_FACES if font_name in TRADITIONAL_FACES else SIMPLIFIED_FACES


def missing_characters(text: str, faces: tuple[str, ...] = SIMPLIFIED_FACES) -> list[str]:
    """Characters of ``text`` that ``faces`` cannot draw, each once, in order of appearance."""
    covered = coverage(faces)
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) not in covered and char not in _LAYOUT_ONLY:
            missing.setdefault(char, None)
    return list(missing)
