"""A synthetic zone of N parks made from the real fact sheets, for benchmarks: each park is a
copy of a shipped park sheet with its own id, a numbered name and scaled figures, so every
park is laid out afresh (no two are the same text). Not test data and never shipped.

    python benchmarks/synthetic.py 100 /tmp/zone-100
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
_VALUE = re.compile(r"^(\s*(?:- )?value: )(\d+(?:\.\d+)?)\s*$", re.M)
_MAX = re.compile(r"^(\s*max: )(\d+(?:\.\d+)?)\s*$", re.M)


def make_zone(parks: int, folder: Path, data: Path = DATA) -> Path:
    """Write ``folder`` as a data folder with ``parks`` parks (the shipped ones first, which
    the zone sheet names); returns it."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(data, folder)
    originals = sorted((data / "parks").glob("*.yaml"))
    for number in range(len(originals) + 1, parks + 1):
        original = originals[(number - 1) % len(originals)]
        text = original.read_text(encoding="utf-8")
        park_id = f"{original.stem}-{number:03d}"
        (folder / "parks" / f"{park_id}.yaml").write_text(_vary(text, original.stem, park_id, number),
                                                         encoding="utf-8")
    return folder


def _vary(text: str, old_id: str, new_id: str, number: int) -> str:
    """The sheet with its id, names and figures made its own."""
    text = re.sub(rf"^id: {re.escape(old_id)}$", f"id: {new_id}", text, flags=re.M)
    text = re.sub(r"^(name:\n  zh: )(.+)$", rf"\g<1>\g<2>（{number}号）", text, count=1, flags=re.M)
    text = re.sub(r"^(  en: )(.+)$", rf"\g<1>\g<2> No. {number}", text, count=1, flags=re.M)
    text = re.sub(r"^(short_name:\n  zh: )(.+)\n(  en: )(.+)$", rf"\g<1>\g<2>{number}号\n\g<3>\g<4> {number}",
                  text, count=1, flags=re.M)
    factor = 1 + (number % 7) / 10  # figures vary from park to park, with max >= value kept
    text = _VALUE.sub(lambda m: m.group(1) + _scaled(m.group(2), factor), text)
    return _MAX.sub(lambda m: m.group(1) + _scaled(m.group(2), factor * 1.5), text)


def _scaled(value: str, factor: float) -> str:
    scaled = float(value) * factor
    return str(int(scaled)) if scaled == int(scaled) or "." not in value else f"{scaled:.1f}"


def main() -> int:
    parks, folder = int(sys.argv[1]), Path(sys.argv[2])
    make_zone(parks, folder)
    print(f"{folder}: {parks} parks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
