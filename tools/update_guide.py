"""Regenerate the field reference in docs/fact-sheets.md from src/briefing/schema.py.

Run after changing the schema: python tools/update_guide.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefing.operators import guide  # noqa: E402  (after the path is set, so this checkout's code is used)

if __name__ == "__main__":
    path = ROOT / "docs" / "fact-sheets.md"
    print(f"{path}: {'updated' if guide.update(path) else 'already current'}")
