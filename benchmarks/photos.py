"""How long `briefing build` takes, whole process, for one brochure whose cover photo is a
camera's 24-megapixel JPEG (6000 x 4000), and how large the brochure is; against the targets
of issue 20 (under 2 s, under 2 MB; a 1 x 24 M pixel logo took 18.8 s before photos were
downsampled). Not part of the test suite (tests/layout/test_photos.py holds the size).

    python benchmarks/photos.py [--runs 5]

The sheet is the invented sample park of docs/sample-data, copied to a temporary folder with
its cover photo replaced by a generated one (noise over a gradient, so the JPEG is a photo's
size, about 10 MB); the brochure is built in Chinese on A4, afresh each run (--force), after
one warm-up run. The same build with the sample's own 4.5-megapixel cover is timed beside it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "docs" / "sample-data"
TARGET_S, TARGET_BYTES = 2.0, 2 * 1024 * 1024


def camera_jpeg(path: Path, size=(6000, 4000)) -> None:
    noise = Image.effect_noise(size, 48).convert("L")
    gradient = Image.linear_gradient("L").resize(size)
    Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5))).save(path, "JPEG", quality=92)


def timed_build(data: Path, out: Path) -> float:
    args = [sys.executable, "-m", "briefing", "-q", "build", "--data", str(data), "--out", str(out),
            "--park", "sample-park", "--lang", "zh", "--force"]
    start = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def scenario(name: str, data: Path, out: Path, runs: int) -> None:
    times = [timed_build(data, out) for _ in range(runs + 1)][1:]
    brochure = out / "park-sample-park-zh.pdf"
    size = brochure.stat().st_size
    print(f"{name:<34} median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}); "
          f"brochure {size / 1024:.0f} KB; time < {TARGET_S:.0f} s: "
          f"{'met' if statistics.median(times) < TARGET_S else 'NOT met'}; size < 2 MB: "
          f"{'met' if size < TARGET_BYTES else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "data"
        shutil.copytree(SAMPLE, data)
        scenario("sample cover (2600 x 1733)", data, Path(scratch) / "out-sample", args.runs)
        camera_jpeg(data / "images" / "building.jpg")
        megabytes = (data / "images" / "building.jpg").stat().st_size / 2**20
        scenario(f"24 MP cover ({megabytes:.1f} MB JPEG)", data, Path(scratch) / "out-24mp", args.runs)
    print("(whole process: Python's start, the sheets loaded and checked, the brochure and the flyers "
          "for the park written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
