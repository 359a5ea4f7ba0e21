"""Whole-process timings and peak memory of `briefing build` in the situations promotion staff
meet, against the targets of the 2-core machine; prints a table and writes it as JSON.
Not part of the test suite.

    python benchmarks/bench.py [--runs 5] [--json benchmarks/results.json] [--sizes 10 100 300]

Each scenario runs once to warm up (file caches, .pyc files), then --runs times; the table
gives the median, the fastest and slowest run, and the peak resident memory of the build and
its worker processes. Synthetic zones come from `benchmarks/synthetic.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import make_zone

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
VISITOR = ["--park", "smart-medical", "--lang", "zh", "--for", "长沙市商务局考察团", "--date", "2026-11-27"]
#: Target seconds by scenario, on the 2-core machine (none for the 10- and 300-park zones).
TARGETS = {"full build": 1.5, "one brochure for a visitor": 0.5, "no-change rebuild": 0.3,
           "100 parks": 15.0}
PEAK_MB = 300


def run(args: list[str]) -> tuple[float, float]:
    """Seconds and peak resident MB of ``python -m briefing ARGS`` (workers included: wait4
    reports the largest of the child and its waited-for children)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a big zone warns a lot
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "briefing", *args], stdout=subprocess.DEVNULL,
                                   stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if status != 0:
            errors.seek(0)
            raise SystemExit(f"briefing {' '.join(args)} failed:\n{errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def measure(name: str, args: list[str], runs: int, fresh: Path | None) -> dict:
    """Median of ``runs`` after a warm-up; ``fresh`` is emptied before each run (a first build),
    and the PDFs it holds afterwards are counted (none are written by a no-change rebuild)."""
    samples = []
    for _attempt in range(runs + 1):
        if fresh is not None:
            shutil.rmtree(fresh, ignore_errors=True)
        samples.append(run(args))
    times, peaks = [t for t, _ in samples[1:]], [m for _, m in samples[1:]]
    return {"scenario": name, "runs": runs, "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3), "max_s": round(max(times), 3), "peak_mb": round(max(peaks), 1),
            "documents": count_pdfs(fresh) if fresh is not None else 0, "target_s": TARGETS.get(name)}


def count_pdfs(folder: Path) -> int:
    return len(list(folder.glob("*.pdf")))


def typst_reference() -> dict | None:
    """One brochure's Chinese text compiled by Typst, for scale (time and size)."""
    try:
        import typst
        from typst_compare import texts  # the shipped paragraphs, as the comparison sets them
    except ImportError:
        return None
    source = ['#set page(paper: "a4", margin: 20mm)',
              '#set text(font: "Noto Sans SC Briefing", size: 10.5pt, lang: "zh", region: "cn")',
              "#set par(justify: true, first-line-indent: (amount: 2em, all: true))"]
    source += [f"#{json.dumps(text, ensure_ascii=False)}\n" for text in texts()]
    data = "\n\n".join(source).encode("utf-8")
    times = []
    for _ in range(6):
        start = time.perf_counter()
        pdf = typst.compile(data, font_paths=[str(ROOT / "fonts")])
        times.append(time.perf_counter() - start)
    return {"scenario": "Typst, the shipped Chinese paragraphs (in-process)",
            "median_s": round(statistics.median(times[1:]), 3), "bytes": len(pdf)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 300])
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        full, visit, again = scratch / "full", scratch / "visit", scratch / "again"
        rows.append(measure("full build", ["build", "--data", str(DATA), "--out", str(full)], args.runs, full))
        rows.append(measure("one brochure for a visitor", ["build", "--data", str(DATA), "--out", str(visit), *VISITOR],
                            args.runs, visit))
        run(["build", "--data", str(DATA), "--out", str(again)])
        rows.append(measure("no-change rebuild", ["build", "--data", str(DATA), "--out", str(again)], args.runs, None))
        sizes = sorted(p.stat().st_size for p in full.glob("park-*.pdf"))
        for parks in args.sizes:
            zone, out = make_zone(parks, scratch / f"zone-{parks}"), scratch / f"out-{parks}"
            runs = args.runs if parks <= 100 else max(args.runs // 2, 1)  # the large zone is slow to repeat
            rows.append(measure(f"{parks} parks", ["build", "--data", str(zone), "--out", str(out)], runs, out))
            rows[-1]["per_park_ms"] = round(rows[-1]["median_s"] / parks * 1000, 1)
        reference = typst_reference()
    print(f"briefing build, whole process, on {os.cpu_count()} cores (median of --runs after a warm-up)")
    print(f"{'scenario':<30} {'PDFs':>5} {'median':>8} {'min':>7} {'max':>7} {'peak MB':>8} {'per park':>9}  target")
    for r in rows:
        target = r["target_s"]
        verdict = "" if target is None else f"< {target} s: {'met' if r['median_s'] < target else 'NOT met'}"
        per_park = f"{r['per_park_ms']:.0f} ms" if "per_park_ms" in r else ""
        print(f"{r['scenario']:<30} {r['documents']:>5} {r['median_s']:>7.3f}s {r['min_s']:>6.3f}s "
              f"{r['max_s']:>6.3f}s {r['peak_mb']:>8.0f} {per_park:>9}  {verdict}")
    peak = max(r["peak_mb"] for r in rows)
    print(f"peak memory {peak:.0f} MB (target < {PEAK_MB} MB: {'met' if peak < PEAK_MB else 'NOT met'}); "
          f"largest brochure {sizes[-1] / 1024:.0f} KB "
          f"(target < 400 KB: {'met' if sizes[-1] < 400 * 1024 else 'NOT met'})")
    if reference:
        print(f"reference: {reference['scenario']}: {reference['median_s']:.3f} s, {reference['bytes'] / 1024:.0f} KB")
    args.json.write_text(json.dumps({"rows": rows, "largest_brochure_bytes": sizes[-1], "typst": reference},
                                    ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
