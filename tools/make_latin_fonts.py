#!/usr/bin/env python3
"""Make the English editions' faces: the shipped CJK faces with Noto Sans for Latin text.

Noto Sans CJK SC draws quotation marks, apostrophes, the middle dot and the ellipsis full
width (one em), as Chinese setting wants; in English text they open gaps (“ Hengyang ”).
The English editions therefore use a face whose Latin letters, digits and punctuation come
from Noto Sans, the Latin companion of Noto Sans CJK, and whose Han characters and CJK
punctuation are the shipped CJK glyphs. One face with both means a Chinese name, or a text
not yet translated, is drawn in the English edition without switching fonts.

Reads  fonts/NotoSansSC-{Regular,Bold}.ttf (see make_fonts.py) and Debian's
       /usr/share/fonts/truetype/noto/NotoSans-{Regular,Bold}.ttf (package fonts-noto-core)
Writes fonts/NotoSansSCLatin-{Regular,Bold}.ttf, family "Noto Sans SC Briefing Latin".

Setup (Debian):  apt-get install -y fonts-noto-core && pip install fonttools
Run:             python tools/make_latin_fonts.py
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parent.parent
LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
FAMILY = "Noto Sans SC Briefing Latin"
PS_FAMILY = "NotoSansSCBriefingLatin"
WEIGHTS = ("Regular", "Bold")

# Code points taken from Noto Sans where it has them; CJK punctuation and fullwidth forms
# stay as the CJK face draws them. (start, end) inclusive.
LATIN_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement (· ² ³ ° × é)
    (0x2000, 0x206F),  # General Punctuation (– — ‘ ’ “ ” … •)
]


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--fonts", type=Path, default=REPO / "fonts", help="folder of the shipped fonts")
    p.add_argument("--latin-dir", type=Path, default=LATIN_DIR, help="folder of NotoSans-*.ttf")
    return p.parse_args(argv)


def merge(base: TTFont, latin: TTFont) -> int:
    """Point the Latin code points of ``base`` at copies of ``latin``'s glyphs; returns how many.

    Composite glyphs (accented letters) are decomposed, so no component has to be copied.
    Both faces have 1000 units to the em, so outlines and advances carry over unchanged.
    """
    if base["head"].unitsPerEm != latin["head"].unitsPerEm:
        sys.exit("the faces differ in units per em; scaling is not implemented")
    source_cmap, glyph_set = latin.getBestCmap(), latin.getGlyphSet()
    order = list(base.getGlyphOrder())
    glyf, hmtx = base["glyf"], base["hmtx"]
    mapping = {}
    for start, end in LATIN_RANGES:
        for cp in range(start, end + 1):
            name = source_cmap.get(cp)
            if name is None:
                continue
            new = f"latin.{name}"
            if new not in glyf.glyphs:
                recording, pen = DecomposingRecordingPen(glyph_set), TTGlyphPen(None)
                glyph_set[name].draw(recording)
                recording.replay(pen)
                glyph = pen.glyph()
                glyph.recalcBounds(glyf)
                order.append(new)
                glyf.glyphs[new] = glyph
                hmtx[new] = (latin["hmtx"][name][0], getattr(glyph, "xMin", 0))
            mapping[cp] = new
    base.setGlyphOrder(order)
    glyf.glyphOrder = order
    for table in base["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({cp: g for cp, g in mapping.items() if table.format != 4 or cp <= 0xFFFF})
    return len(mapping)


def set_names(font: TTFont, latin: TTFont, weight: str) -> None:
    """Our own family name; both copyright notices; say what was combined."""
    name = font["name"]
    ps_name = f"{PS_FAMILY}-{weight}"
    copyright_ = f"{name.getDebugName(0)} {latin['name'].getDebugName(0)}"
    note = (f"Modified Version combining Noto Sans SC Briefing {weight} (see make_fonts.py) with the "
            f"Latin, Latin-1 and General Punctuation glyphs of Noto Sans {weight} "
            f"({latin['name'].getDebugName(5).split(';')[0]}). Made by tools/make_latin_fonts.py of "
            "the briefing project. Licensed under the SIL Open Font License 1.1, like the originals.")
    for name_id, text in {0: copyright_, 1: FAMILY, 2: weight, 3: f"briefing;{ps_name}",
                          4: FAMILY if weight == "Regular" else f"{FAMILY} {weight}",
                          6: ps_name, 10: note}.items():
        name.setName(text, name_id, 3, 1, 0x409)


def main(argv=None) -> None:
    args = parse_args(argv)
    for weight in WEIGHTS:
        base = TTFont(str(args.fonts / f"NotoSansSC-{weight}.ttf"), recalcTimestamp=False)
        latin = TTFont(str(args.latin_dir / f"NotoSans-{weight}.ttf"))
        count = merge(base, latin)
        set_names(base, latin, weight)
        out = args.fonts / f"NotoSansSCLatin-{weight}.ttf"
        base.save(str(out))
        print(f"{out}: {count} characters from Noto Sans, {out.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
