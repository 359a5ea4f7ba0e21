"""Times a whole-process `briefing build` (median of several runs after a warm-up) and
prints time, pages and bytes per PDF. Not part of the test suite.

    python benchmarks/build_time.py [--runs 7] [--data data]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

TARGET_SECONDS = 1.0  # both park brochures and the zone overview, on the project's 2-core machine


def time_build(data: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "briefing", "build", "--data", str(data), "--out", str(out)],
                   check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--data", type=Path, default=Path("data"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        time_build(args.data, out)  # warm-up: file caches, .pyc files
        times = [time_build(args.data, out) for _ in range(args.runs)]
        median = statistics.median(times)
        print(f"briefing build, whole process, {args.runs} runs after a warm-up:")
        print(f"  median {median:.3f} s   min {min(times):.3f} s   max {max(times):.3f} s   "
              f"(target < {TARGET_SECONDS:.1f} s: {'met' if median < TARGET_SECONDS else 'NOT met'})")
        print(f"  {'file':<34} {'pages':>5} {'bytes':>9}")
        for pdf in sorted(out.glob("*.pdf")):
            pages = len(PdfReader(pdf).pages)
            print(f"  {pdf.name:<34} {pages:>5} {pdf.stat().st_size:>9,}")
        imports = subprocess.run([sys.executable, "-X", "importtime", "-c", "import briefing.build"],
                                 capture_output=True, text=True).stderr.splitlines()
        total = int(imports[-1].split("|")[1]) / 1e6 if imports else 0
        print(f"  importing briefing.build alone: {total:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
