#!/usr/bin/env python3
"""Regenerate the CJK fonts shipped in fonts/ (maintainer script, run by hand).

Reads the Simplified Chinese and the Hong Kong faces of Debian's Noto Sans CJK
collections (package fonts-noto-cjk), keeps only the characters our briefings
can need, converts the CFF outlines to TrueType outlines and writes

    fonts/NotoSansSC-Regular.ttf    fonts/NotoSansHK-Regular.ttf
    fonts/NotoSansSC-Bold.ttf       fonts/NotoSansHK-Bold.ttf

The Simplified faces hold GB 2312 and 通用规范汉字表. The Traditional (HK) faces
hold what OpenCC can make of those characters (every Traditional form its
character and phrase dictionaries give for them, then the Hong Kong and Taiwan
variants), which is what a Traditional edition converted from the Simplified
sheets can print, plus the 5,401 common hanzi of Big5 (level 1), for Traditional
text typed by hand (a sheet's zh-Hant:, a visitor's name).

Why all this work instead of pointing ReportLab at the system font:
  * ReportLab only reads TrueType (glyf) outlines; Noto Sans CJK is CFF
    ("postscript outlines are not supported"), so the outlines are converted.
  * The full face has 65,535 glyphs (~19 MB per weight); a subset to
    GB 2312 + 通用规范汉字表 is a few MB and registers quickly in ReportLab.
  * Shipping the files makes rendering independent of what fonts the
    machine has installed.

Setup (Debian):  apt-get install -y fonts-noto-cjk && pip install fonttools pyyaml opencc
Run:             python tools/make_fonts.py            (both; --face SC or --face HK for one)
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO = Path(__file__).resolve().parent.parent
NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
WEIGHTS = ("Regular", "Bold")

#: The faces made, by the script tag of their Noto face: the family (name ID 1) taken from
#: the collection, our own name for the subset (so nobody mistakes it for the original), and
#: the file name's stem. HK rather than TC for the Traditional face: the Traditional editions
#: follow the Hong Kong standard by default (the park's investors are in Hong Kong, Macao
#: and Guangdong), and its glyph shapes follow Hong Kong's 常用字字形表. Both centre
#: 、，。．：；！？ in the em box, as Traditional Chinese sets them (SC draws them in the left half).
FACES = {
    "SC": ("Noto Sans CJK SC", "Noto Sans SC Briefing", "NotoSansSC"),
    "HK": ("Noto Sans CJK HK", "Noto Sans HK Briefing", "NotoSansHK"),
}
#: The face being made (set by main); messages and names refer to it.
SOURCE_FACE, FAMILY, PS_FAMILY = FACES["SC"][0], FACES["SC"][1], "NotoSansSCBriefing"

#: OpenCC's dictionaries, Simplified to Traditional (characters, then phrases: 发 is 發 or
#: 髮 by the word), then the regional variants its s2hk and s2tw conversions apply.
OPENCC_TRADITIONAL = ("STCharacters", "STPhrases", "STPhrases_GeneratedFromRegionalPhrases")
OPENCC_VARIANTS = ("HKVariants", "HKVariantsPhrases", "TWVariants", "TWVariantsPhrases")

# Character ranges added on top of the Han lists. Best effort: these blocks
# contain unassigned or exotic code points the face does not draw, and those
# are skipped silently. (start, end) inclusive.
EXTRA_RANGES = [
    (0x0020, 0x007E),  # ASCII
    (0x00A0, 0x00FF),  # Latin-1 Supplement (incl. ² ³ ° ± × ÷ ·)
    (0x2000, 0x206F),  # General Punctuation (— … ‰ “ ” ‘ ’ •)
    (0x3000, 0x303F),  # CJK Symbols and Punctuation (、。《》【】〔〕)
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (，：；（）％)
]
# Symbols the briefings use in text and bullet lists: these must be present.
REQUIRED_SYMBOLS = "²³℃‰№←↑→↓●○■□▲△◆◇★☆"

# OpenType layout (we draw with ReportLab, which does no shaping), vertical
# metrics (ReportLab sets horizontal text only) and CFF-only tables.
DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG"]

# Name records copied unchanged from the source face (Windows, English):
# copyright, trademark, manufacturer, designer, URLs, licence. The OFL asks us
# to keep the copyright notice and licence with every copy.
KEEP_NAME_IDS = (0, 7, 8, 9, 11, 12, 13, 14)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Subset Noto Sans CJK SC (GB 2312 + 通用规范汉字表 + punctuation + "
        "characters found in data/**/*.yaml), convert it to TrueType outlines and "
        "write fonts/NotoSansSC-{Regular,Bold}.ttf for ReportLab.",
    )
    p.add_argument("--regular", type=Path, default=NOTO_DIR / "NotoSansCJK-Regular.ttc",
                   help="source collection for the Regular weight (default: %(default)s)")
    p.add_argument("--bold", type=Path, default=NOTO_DIR / "NotoSansCJK-Bold.ttc",
                   help="source collection for the Bold weight (default: %(default)s)")
    p.add_argument("--out-dir", type=Path, default=REPO / "fonts",
                   help="where to write the .ttf files (default: %(default)s)")
    p.add_argument("--data-dir", type=Path, default=REPO / "data",
                   help="folder whose **/*.yaml characters must all be covered; "
                   "skipped if missing (default: %(default)s)")
    p.add_argument("--tongyong", type=Path, default=REPO / "tools" / "tongyong-8105.txt",
                   help="通用规范汉字表 list, one character per line (default: %(default)s)")
    p.add_argument("--face", choices=[*FACES, "all"], default="all",
                   help="which faces to make (default: %(default)s)")
    p.add_argument("--max-err", type=float, default=1.0,
                   help="max distance, in font units (1000/em), between the cubic curve "
                   "and its quadratic approximation (default: %(default)s)")
    return p.parse_args(argv)


# --- which characters -------------------------------------------------------

def gb2312_chars() -> set[int]:
    """All characters of GB 2312, found by decoding every two-byte EUC-CN sequence.

    Deriving the set from Python's codec avoids shipping another table and
    can't drift from what GB 2312 text actually decodes to.
    """
    chars = set()
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((hi, lo)).decode("gb2312")))
            except UnicodeDecodeError:
                pass  # unassigned cell
    return chars


def tongyong_chars(path: Path) -> set[int]:
    """The 8,105 characters of 通用规范汉字表 (2013), one per line, '#' comments."""
    chars = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            if len(line) != 1:
                sys.exit(f"{path}: expected one character per line, got {line!r}")
            chars.add(ord(line))
    if len(chars) != 8105:
        sys.exit(f"{path}: expected 8105 distinct characters, got {len(chars)}")
    return chars


def extra_chars() -> set[int]:
    """Latin, punctuation and fullwidth blocks (best effort, see EXTRA_RANGES)."""
    return {cp for start, end in EXTRA_RANGES for cp in range(start, end + 1)}


def big5_common_chars() -> set[int]:
    """The 5,401 common hanzi of Big5 (level 1, A440-C67E), found like GB 2312's: with them
    the Traditional characters a person may type that no Simplified character converts to."""
    chars = set()
    for hi in range(0xA4, 0xC7):
        for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            if (hi, lo) > (0xC6, 0x7E):
                break
            try:
                char = bytes((hi, lo)).decode("big5")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char) == "Lo":
                chars.add(ord(char))
    return chars


def opencc_dictionary(name: str) -> dict[str, list[str]]:
    """One of OpenCC's dictionaries as {source: [targets]}, written out as text by the
    opencc_dict tool that the opencc wheel carries."""
    import opencc  # only for the Traditional face

    clib = Path(opencc.__file__).parent / "clib"
    source = clib / "share" / "opencc" / f"{name}.ocd2"
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / f"{name}.txt"
        subprocess.run([str(clib / "bin" / "opencc_dict"), "-i", str(source), "-o", str(text),
                        "-f", "ocd2", "-t", "text"], check=True)
        entries = {}
        for line in text.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            entries[key] = values.split(" ")
    return entries


def traditional_chars(simplified: set[int]) -> set[int]:
    """Every character OpenCC can write for text made of ``simplified`` characters: each
    character's Traditional forms (a character not in the table stays itself), the
    characters of every phrase spelled with them, then their Hong Kong and Taiwan variants."""
    chars = set()
    tables = [opencc_dictionary(name) for name in OPENCC_TRADITIONAL]
    for cp in simplified:
        if not any(chr(cp) in table for table in tables):
            chars.add(cp)
    for table in tables:
        for key, targets in table.items():
            if all(ord(c) in simplified for c in key):
                chars.update(ord(c) for target in targets for c in target)
    for name in OPENCC_VARIANTS:
        for key, targets in opencc_dictionary(name).items():
            if all(ord(c) in chars for c in key):
                chars.update(ord(c) for target in targets for c in target)
    return chars


def converted(chars: dict[int, Path]) -> dict[int, Path]:
    """The characters of ``chars`` as OpenCC's s2hk and s2tw write them, each with the file of
    the character it came from."""
    import opencc

    found: dict[int, Path] = {}
    for config in ("s2hk", "s2tw"):
        converter = opencc.OpenCC(config)
        for cp, path in chars.items():
            for char in converter.convert(chr(cp)):
                found.setdefault(ord(char), path)
    return found


def data_chars(data_dir: Path) -> dict[int, Path]:
    """Every character in the YAML scalars under data_dir -> first file using it.

    The YAML is composed (not just read as text) so escapes such as "\\u2022"
    count and comments don't. Control characters (newlines, tabs) are never
    drawn, so they are left out.
    """
    import yaml  # only needed when there is data to scan

    found: dict[int, Path] = {}
    for path in sorted(data_dir.rglob("*.yaml")):
        with path.open(encoding="utf-8") as f:
            for doc in yaml.compose_all(f):
                for text in _scalars(doc):
                    for ch in text:
                        if unicodedata.category(ch) != "Cc":
                            found.setdefault(ord(ch), path)
    return found


def _scalars(node):
    """Yield the text of every scalar (keys and values) in a composed YAML node."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        yield node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)


def require(cmap: dict[int, str], chars, why: str, where: dict[int, Path] | None = None) -> None:
    """Stop, naming each character as U+XXXX, if the source face lacks any of them."""
    missing = sorted(cp for cp in chars if cp not in cmap)
    if missing:
        lines = [f"  U+{cp:04X} {chr(cp)!r}" + (f" in {where[cp]}" if where else "")
                 for cp in missing]
        sys.exit(f"{SOURCE_FACE} lacks {len(missing)} character(s) {why}:\n" + "\n".join(lines))


# --- font work --------------------------------------------------------------

def open_face(collection: Path, family: str) -> TTFont:
    """Open the face of a .ttc whose family name (name ID 1) is `family`.

    Looked up by name rather than by index because the order of faces in the
    collection is not something Debian promises.
    """
    for index, face in enumerate(TTCollection(str(collection), lazy=True).fonts):
        if face["name"].getDebugName(1) == family:
            # recalcTimestamp=False: keep head.modified from the source so that
            # re-running the script on the same input gives identical files.
            return TTFont(str(collection), fontNumber=index, recalcTimestamp=False)
    sys.exit(f"{collection}: no face named {family!r}")


def subset_font(font: TTFont, unicodes: set[int]) -> None:
    """Keep only `unicodes`, without layout tables, hints or glyph names."""
    opts = subset.Options()
    opts.layout_features = []  # no shaping in ReportLab; also avoids pulling in variant glyphs
    opts.drop_tables += DROP_TABLES
    opts.hinting = False  # ReportLab embeds for PDF; hints only bloat the file
    opts.glyph_names = False  # ReportLab addresses glyphs by index
    opts.notdef_outline = True  # a visible box for any character we failed to cover
    opts.name_IDs = ["*"]  # names are rewritten below by set_names
    opts.name_languages = ["*"]
    opts.recalc_timestamp = False
    subsetter = subset.Subsetter(opts)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)


def cff_to_glyf(font: TTFont, max_err: float) -> None:
    """Replace CFF (cubic) outlines by glyf (quadratic) ones, after fontTools' otf2ttf.

    ReportLab refuses CFF-flavoured fonts, so this is what makes the file usable.
    """
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = font["glyf"] = newTable("glyf")
    font["loca"] = newTable("loca")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        tt_pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF contours run counter-clockwise, TrueType clockwise.
        glyph_set[name].draw(Cu2QuPen(tt_pen, max_err, reverse_direction=True))
        glyf.glyphs[name] = tt_pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)  # computes each glyph's bounding box

    # TrueType expects a glyph's left side bearing to equal its xMin.
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))

    # maxp 1.0 is the TrueType flavour of the table (CFF fonts carry 0.5).
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(order)
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.compile(font)  # fills in the point and contour maxima from glyf

    # post format 3 carries no glyph names; nothing here needs them.
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"  # TrueType, not 'OTTO'


def set_names(font: TTFont, weight: str) -> None:
    """Give the subset its own name and say in the font that it is modified.

    The OFL forbids Reserved Font Names in Modified Versions. The Noto CJK
    faces declare none (their copyright string names no RFN), and Adobe's own
    release, Source Han Sans, reserves "Source", which we don't use either.
    A distinct family name still keeps this subset from being mistaken for,
    or shadowing, a full Noto Sans CJK installed on the same machine.
    """
    name = font["name"]
    src = {rec.nameID: rec.toUnicode() for rec in name.names
           if (rec.platformID, rec.platEncID, rec.langID) == (3, 1, 0x409)}
    version = src.get(5, "").split(";")[0].replace("Version ", "") or "unknown"
    ps_name = f"{PS_FAMILY}-{weight}"
    full = FAMILY if weight == "Regular" else f"{FAMILY} {weight}"
    subset_of = ("GB 2312, 通用规范汉字表 (2013)" if SOURCE_FACE.endswith("SC") else
                 "the Traditional forms OpenCC gives for GB 2312 and 通用规范汉字表 (2013), Big5 level 1")
    note = (f"Modified Version of {SOURCE_FACE} {weight} {version}: subset to {subset_of}, "
            "Latin-1, punctuation and symbols; CFF outlines converted "
            "to TrueType; OpenType layout, vertical metrics and hinting removed. Made by "
            "tools/make_fonts.py of the briefing project. Licensed under the SIL Open Font "
            "License 1.1, like the original.")
    if src.get(10):
        note += " Original description: " + src[10]

    name.names = []  # drop localised and legacy Mac records that still say the old name
    for name_id in KEEP_NAME_IDS:
        if src.get(name_id):
            name.setName(src[name_id], name_id, 3, 1, 0x409)
    for name_id, text in {
        1: FAMILY,
        2: weight,
        3: f"{version};briefing;{ps_name}",
        4: full,
        5: f"Version {version}; subset for briefing",
        6: ps_name,
        10: note,
    }.items():
        name.setName(text, name_id, 3, 1, 0x409)


def build(collection: Path, weight: str, unicodes: set[int], out: Path, max_err: float) -> None:
    """Make one weight: open, subset, convert, rename, save."""
    font = open_face(collection, SOURCE_FACE)
    subset_font(font, unicodes)
    cff_to_glyf(font, max_err)
    set_names(font, weight)
    out.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(out))


def check(out: Path, required: set[int]) -> str:
    """Re-open the written file and confirm it is TrueType and maps every required char."""
    font = TTFont(str(out))
    if "glyf" not in font or "CFF " in font:
        sys.exit(f"{out}: not a TrueType-outline font")
    cmap = font.getBestCmap()
    missing = sorted(cp for cp in required if cp not in cmap)
    if missing:
        sys.exit(f"{out}: lost {len(missing)} required character(s): "
                 + " ".join(f"U+{cp:04X}" for cp in missing[:20]))
    return (f"{out.relative_to(REPO) if out.is_relative_to(REPO) else out}: "
            f"{out.stat().st_size / 1e6:.2f} MB, {font['maxp'].numGlyphs} glyphs, "
            f"{len(cmap)} characters")


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    started = time.perf_counter()
    for face in FACES if args.face == "all" else [args.face]:
        make_face(face, args)
    print(f"done in {time.perf_counter() - started:.1f} s")


def make_face(face: str, args: argparse.Namespace) -> None:
    """Make one face in both weights.

    Required: for SC every Han character of both lists, for HK every Traditional form of
    them that the face draws and Big5's common hanzi; the named symbols and all characters
    of the data (for HK, as converted). Best effort: the Latin and punctuation blocks."""
    global SOURCE_FACE, FAMILY, PS_FAMILY
    SOURCE_FACE, FAMILY, stem = FACES[face]
    PS_FAMILY = FAMILY.replace(" ", "")
    gb, tongyong = gb2312_chars(), tongyong_chars(args.tongyong)
    symbols = {ord(ch) for ch in REQUIRED_SYMBOLS}
    used = data_chars(args.data_dir) if args.data_dir.is_dir() else {}

    probe = open_face(args.regular, SOURCE_FACE).getBestCmap()
    if face == "SC":
        require(probe, gb, "from GB 2312")
        require(probe, tongyong, "from 通用规范汉字表")
        hanzi = gb | tongyong
        counts = f"GB 2312 {len(gb)}, 通用规范汉字表 {len(tongyong)}, union {len(hanzi)}"
    else:
        forms = traditional_chars(gb | tongyong)
        big5 = big5_common_chars()
        require(probe, big5, "from Big5 (level 1)")
        # A few rare forms (CJK Extension B) are not in the face; the sheets' check names
        # any such character a conversion would print.
        lacking = sorted(cp for cp in forms if cp not in probe)
        hanzi = {cp for cp in forms if cp in probe} | big5
        used = converted(used)
        counts = (f"Traditional forms of GB 2312 + 通用规范汉字表 {len(forms)} ({len(lacking)} not in the face: "
                  f"{''.join(map(chr, lacking))}), Big5 level 1 {len(big5)}, union {len(hanzi)}")
    require(probe, symbols, "from REQUIRED_SYMBOLS")
    require(probe, used, f"used in {args.data_dir}", where=used)
    required = hanzi | symbols | set(used)
    unicodes = required | {cp for cp in extra_chars() if cp in probe}
    print(f"{SOURCE_FACE}: {len(unicodes)} characters: {counts}, data {len(used)}")

    for weight, collection in zip(WEIGHTS, (args.regular, args.bold)):
        out = args.out_dir / f"{stem}-{weight}.ttf"
        build(collection, weight, unicodes, out, args.max_err)
        print(check(out, required))


if __name__ == "__main__":
    main()
