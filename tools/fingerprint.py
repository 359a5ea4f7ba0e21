"""The SHA-256 of every file a set of builds writes, to show that a change to the code leaves
the PDFs byte for byte as they were (a refactoring) or to list exactly which ones it changed.

    python tools/fingerprint.py > before.txt     # on the old code
    python tools/fingerprint.py > after.txt      # on the new code
    diff before.txt after.txt                    # nothing: the same bytes

Each build runs in a child process with SOURCE_DATE_EPOCH and BRIEFING_TODAY fixed, over the
shipped data and over every option that changes what is drawn: papers, print-shop finish,
imposed sheets, a visitor, an event, one language, and the specimen.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILDS = {
    "a4": [],
    "a5": ["--paper", "A5"],
    "letter": ["--paper", "Letter"],
    "print": ["--bleed", "3mm", "--cmyk", "--impose", "2up", "--impose", "4up", "--impose", "booklet"],
    "a5-sheets": ["--paper", "A5", "--impose", "2up", "--impose", "booklet"],
    "visitor": ["--for", "长沙市商务局考察团", "--date", "2026-11-27", "--event", "企业面对面",
                "--event-date", "2021-07-28", "--venue", "新兴金融中心6#商务楼"],
    "one-park": ["--park", "smart-medical", "--lang", "en", "--paper", "A5", "--bleed", "2mm"],
}


def main() -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH="1619827200", BRIEFING_TODAY="2021-05-15",
               PYTHONPATH=str(ROOT / "src"))
    with tempfile.TemporaryDirectory() as folder:
        for name, options in BUILDS.items():
            out = Path(folder) / name
            _run(["build", "--data", str(ROOT / "data"), "--out", str(out), "--force", *options], env)
        _run(["specimen", "--out", str(Path(folder) / "specimen" / "specimen.pdf")], env)
        for path in sorted(Path(folder).rglob("*.pdf")):
            print(hashlib.sha256(path.read_bytes()).hexdigest()[:16], path.relative_to(folder))


def _run(args: list[str], env: dict) -> None:
    done = subprocess.run([sys.executable, "-m", "briefing", *args], env=env, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"briefing {' '.join(args)} failed:\n{done.stderr}")


if __name__ == "__main__":
    main()
