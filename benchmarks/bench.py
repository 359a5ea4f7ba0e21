"""Every figure of issue 23's targets, measured in one run on this machine, with its target and
the Typst ratios; prints a table and writes it as JSON. Not part of the test suite (tests
check, benchmarks measure: nothing here is asserted).

    python benchmarks/bench.py [--runs 5] [--parks 300] [--desk-runs 5] [--json benchmarks/results.json]

- **Typst**: benchmarks/typst/brochure.typ, the mobile-internet Chinese brochure set by Typst
  from the same YAML and fonts, compiled by the `typst` Python package (PyPI) in this process
  (warm: median after a warm-up; and reusing one compiler) and in a fresh process. Without the
  package the Typst rows say so and the rest runs.
- **Whole process**: `python -m briefing ...` as staff run it, median of --runs after one
  warm-up run (file caches, .pyc, the font and word caches of ~/.cache/briefing); CPU is user +
  system of the process and its workers (wait4), peak is the largest resident set among them.
- **Import floor**: `python -c 'import reportlab.platypus, yaml, babel, click'`, what any
  whole process of ours pays before it does anything.
- **Warm in-process**: the brochure rendered again in this process (the front desk's and
  `watch`'s case), CPU time, median after warm-up.
- **Imposing, split**: what `--impose 2up 4up booklet` adds to the shipped parks' jobs, in
  this process: placing the pages on sheets (pikepdf), and rendering the pieces the sheets
  are made of (issue 17's office pieces, set larger; the A6 card), which a plain build never makes.
- **Front desk**: benchmarks/desk.py's server, one visitor's brochure pair (zh + en) from the
  button to the result page with its preview.
- **Synthetic parks**: benchmarks/synthetic.py zones of 100 and --parks parks, whole build.

The machine has 2 cores shared with other work: load is printed with the results.
"""

from __future__ import annotations

import argparse
import json
import os
import re
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
TYPST_SOURCE = ROOT / "benchmarks" / "typst" / "brochure.typ"
PARK = "mobile-internet"
VISITOR = ["--park", "smart-medical", "--lang", "zh", "--for", "长沙市商务局考察团", "--date", "2026-11-27"]
FLOOR = ["-c", "import reportlab.platypus, yaml, babel, click"]
IMPOSE = ["--impose", "2up", "--impose", "4up", "--impose", "booklet"]
#: One Chinese brochure and nothing else, in a fresh process (as Typst compiles one document).
ONE_BROCHURE = ["-c", f"""
import sys
from pathlib import Path
from briefing.pipeline.build import check
from briefing.pipeline.render import render_brochure
data, _pages = render_brochure(check(Path({str(DATA)!r})), {PARK!r}, "zh")
Path(sys.argv[1]).write_bytes(data)
"""]
#: Targets of the issue: ratio limits (lower is better) and absolute limits.
TARGETS = {"warm brochure / Typst": 2.0, "visitor build / import floor": 2.0, "check / import floor": 1.5,
           "full build / import floor": 5.0, "impose overhead": 0.10, "desk brochure pair": 1.0,
           "300 parks peak MB": 250.0, "300 parks CPU/wall": 1.7, "300 parks longest job": 10.0}


def whole(args: list[str], runs: int, fresh: Path | None = None, python_args: bool = False,
          warm_up: bool = True) -> dict:
    """Median wall and CPU seconds and peak MB of ``python -m briefing ARGS`` (or ``python ARGS``
    with ``python_args``), after one warm-up run; ``fresh`` is emptied before each run."""
    samples = [_sample(args, fresh, python_args) for _ in range(runs + warm_up)]
    return _summary(samples[warm_up:])


def _summary(kept: list[tuple[float, float, float, str]]) -> dict:
    """Median wall and CPU seconds, the fastest wall, the highest peak and the last log of
    ``_run``'s samples."""
    return {"runs": len(kept), "wall_s": _median(s[0] for s in kept), "cpu_s": _median(s[1] for s in kept),
            "min_wall_s": round(min(s[0] for s in kept), 3), "peak_mb": round(max(s[2] for s in kept), 1),
            "log": kept[-1][3]}


def interleaved(commands: dict[str, dict], runs: int) -> dict[str, dict]:
    """``whole`` for each of ``commands`` (name: ``whole``'s keyword arguments but ``runs``),
    their runs taken in turn, round after round (a warm-up round first), instead of all of one
    before the next: the ratios between them compare runs made in the same minutes. This
    machine's speed drifts by a third from one minute to the next (the import floor measured
    0.17 s, then 0.25 s, calm both times), which made a ratio of two figures taken a minute
    apart say more about the machine than about the code."""
    samples: dict[str, list] = {name: [] for name in commands}
    for _ in range(runs + 1):
        for name, command in commands.items():
            samples[name].append(_sample(**command))
    return {name: _summary(taken[1:]) for name, taken in samples.items()}  # the first round warms up


def _sample(args: list[str], fresh: Path | None = None, python_args: bool = False) -> tuple[float, float, float, str]:
    """One run of ``whole``'s command: ``fresh`` emptied first."""
    if fresh is not None:
        shutil.rmtree(fresh, ignore_errors=True)
    return _run(args if python_args else ["-m", "briefing", *args])


def _run(args: list[str]) -> tuple[float, float, float, str]:
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a big zone warns a lot
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        errors.seek(0)
        log = errors.read().decode(errors="replace")
    if status != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{log[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, log


def _median(values) -> float:
    return round(statistics.median(list(values)), 3)


def warm_brochure(runs: int) -> dict:
    """CPU and wall time of rendering the Chinese brochure again in a warm process."""
    sys.path.insert(0, str(ROOT / "src"))
    from briefing.pipeline.build import check
    from briefing.pipeline.render import render_brochure
    from briefing.text.typeset import SHARED

    project = check(DATA)
    for _ in range(3):
        data, _pages = render_brochure(project, PARK, "zh")
    result: dict = {"runs": runs, "bytes": len(data)}
    # As the front desk's next visitor finds it (what was set before is set), and with the
    # paragraphs set afresh every time (SHARED emptied: the typesetter's own speed).
    for name, before in (("cpu", lambda: None), ("afresh", SHARED.clear)):
        cpu, wall = [], []
        for _ in range(runs):
            before()
            started, clock = time.process_time(), time.perf_counter()
            data, _pages = render_brochure(project, PARK, "zh")
            cpu.append(time.process_time() - started)
            wall.append(time.perf_counter() - clock)
        result[f"{name}_s"], result[f"{name}_wall_s"] = _median(cpu), _median(wall)
    return result


def typst_in_process(runs: int) -> dict | None:
    """Typst compiling the same brochure in this process: afresh each time, and reusing one
    compiler (its caches of fonts and parsed source), as CPU and wall medians after a warm-up."""
    typst = _typst()
    if typst is None:
        return None
    options = {"root": str(ROOT), "font_paths": [str(ROOT / "fonts")], "sys_inputs": {"park": PARK}}
    result: dict = {"version": typst.__version__}
    compiler = typst.Compiler(str(TYPST_SOURCE), **options)
    fonts = typst.Fonts(font_paths=[str(ROOT / "fonts")])
    # fresh: typst.compile with the fonts folder, as the issue measured it (the fonts are read
    # each time); indexed: the fonts read once (typst.Fonts) and the document compiled afresh;
    # reused: one compiler kept, with its caches.
    for name, compile_once in (("fresh", lambda: typst.compile(str(TYPST_SOURCE), **options)),
                               ("indexed", lambda: typst.compile(str(TYPST_SOURCE),
                                                                 **{**options, "font_paths": fonts})),
                               ("reused", compiler.compile)):
        pdf = compile_once()
        cpu, wall = [], []
        for _ in range(runs):
            started, clock = time.process_time(), time.perf_counter()
            pdf = compile_once()
            cpu.append(time.process_time() - started)
            wall.append(time.perf_counter() - clock)
        result[name] = {"cpu_s": _median(cpu), "wall_s": _median(wall)}
    result["bytes"] = len(pdf)
    return result


def imposing_alone() -> dict:
    """What ``--impose 2up 4up booklet`` adds to the shipped data's park jobs, split in two, in
    this process (CPU, one pass, as a build makes each once): placing the pages on the sheets
    (pikepdf), and rendering the pieces they are made of, documents a plain build never makes
    (issue 17: the A5 flyer and A5 brochure set larger for an office printer's sheet, where
    they are printed at about 92 %, and the A6 card)."""
    sys.path.insert(0, str(ROOT / "src"))
    from briefing.pipeline import render
    from briefing.pipeline.build import check
    from briefing.pipeline.options import Output
    from briefing.pipeline.plan import Job
    from briefing.press import impose

    project = check(DATA)
    spent = {"placing": 0.0, "pieces": 0.0}

    def timed(name: str, function):
        def measured(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.process_time() - started
        return measured

    originals = impose.n_up, impose.booklet, render._Job._piece
    impose.n_up, impose.booklet = timed("placing", impose.n_up), timed("placing", impose.booklet)
    render._Job._piece = timed("pieces", render._Job._piece)
    try:
        output = Output(impose=tuple(kind for kind in IMPOSE if not kind.startswith("-")))
        for park in project.parks:
            for lang in ("zh", "en"):
                render.render_job(project, Job("park", park, lang), output)
    finally:
        impose.n_up, impose.booklet, render._Job._piece = originals
    return {name: round(seconds, 3) for name, seconds in spent.items()}


def _typst():
    """The `typst` package, or None when it is not installed: then ``import typst`` finds
    benchmarks/typst/ (this script's folder is on the path), a namespace package without it."""
    try:
        import typst
    except ImportError:
        return None
    return typst if hasattr(typst, "compile") else None


def typst_whole_process(runs: int, out: Path) -> dict | None:
    """Typst in a fresh process: its own command line if installed, else Python importing the
    `typst` package (Python's start-up included: said in the note)."""
    cli = shutil.which("typst")
    if cli:
        args = [cli, "compile", "--root", str(ROOT), "--font-path", str(ROOT / "fonts"), "--input",
                f"park={PARK}", str(TYPST_SOURCE), str(out)]
        samples = []
        for _ in range(runs + 1):
            start = time.perf_counter()
            process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, _status, usage = os.wait4(process.pid, 0)
            samples.append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024))
        kept = samples[1:]
        return {"wall_s": _median(s[0] for s in kept), "cpu_s": _median(s[1] for s in kept),
                "peak_mb": round(max(s[2] for s in kept), 1), "note": "typst command line"}
    if _typst() is None:
        return None
    script = (f"import typst, pathlib; pathlib.Path({str(out)!r}).write_bytes(typst.compile({str(TYPST_SOURCE)!r}, "
              f"root={str(ROOT)!r}, font_paths=[{str(ROOT / 'fonts')!r}], sys_inputs={{'park': {PARK!r}}}))")
    measured = whole(["-c", script], runs, python_args=True)
    measured["note"] = "no typst command here: Python importing the typst package, start-up included"
    return measured


def desk_pair(runs: int) -> dict:
    """The front desk: one visitor's brochure pair (zh + en), button to result page with preview."""
    import desk

    server, url = desk.start()
    try:
        # A new visitor each time (the cover line is theirs; the park's pages are as before).
        forms = [{**desk.VISIT, "lang": ["zh", "en"], "visitor": [f"长沙市商务局第{n + 1}考察团"]}
                 for n in range(runs + 1)]
        first = desk.fetch(url + "make", forms[0])[0]
        samples = [desk.fetch(url + "make", form)[0] for form in forms[1:]]
    finally:
        server.terminate()
        server.wait(20)
    return {"runs": runs, "first_s": round(first, 3), "wall_s": _median(samples), "min_wall_s": round(min(samples), 3)}


def zone(parks: int, runs: int, scratch: Path) -> dict:
    folder, out = make_zone(parks, scratch / f"zone-{parks}"), scratch / f"out-{parks}"
    # No warm-up run (a large zone is slow to repeat): the runs before it warmed the caches.
    try:
        measured = whole(["-v", "build", "--data", str(folder), "--out", str(out), "--force"], runs, out,
                         warm_up=False)
    except SystemExit as failed:  # said in the table, and the other figures still reported
        return {"parks": parks, "failed": str(failed).strip().splitlines()[-1][:300]}
    jobs = [float(s) for s in re.findall(r"rendered \S+ \(.*?\) in ([\d.]+) s", measured.pop("log"))]
    sizes = [p.stat().st_size for p in out.glob("*.pdf")]
    measured.update(parks=parks, per_park_ms=round(measured["wall_s"] / parks * 1000, 1),
                    cpu_per_wall=round(measured["cpu_s"] / measured["wall_s"], 2),
                    longest_job_s=max(jobs) if jobs else None, largest_pdf_bytes=max(sizes), pdfs=len(sizes))
    return measured


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warm-runs", type=int, default=15)
    parser.add_argument("--desk-runs", type=int, default=5)
    parser.add_argument("--parks", type=int, default=300, help="the large synthetic zone (0: none)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results.json")
    args = parser.parse_args()
    previous = json.loads(args.json.read_text(encoding="utf-8")) if args.json.is_file() else {}
    # This checkout's code in every process started (an editable install may point elsewhere),
    # from .pyc files as an installed briefing runs (pip compiles them; with
    # PYTHONDONTWRITEBYTECODE every process would compile our modules again, 0.15 s).
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    load_before = os.getloadavg()
    started = time.perf_counter()
    r: dict = {"cores": os.cpu_count(), "machine": machine(), "load_before": [round(x, 2) for x in load_before]}
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        full = scratch / "full"
        r.update(interleaved({
            "import floor": {"args": FLOOR, "python_args": True},
            "check": {"args": ["check", "--data", str(DATA)]},
            "visitor build": {"args": ["build", "--data", str(DATA), "--out", str(scratch / "visit"), "--force",
                                       *VISITOR], "fresh": scratch / "visit"},
            "full build": {"args": ["build", "--data", str(DATA), "--out", str(full), "--force"], "fresh": full},
            "full build imposed": {"args": ["build", "--data", str(DATA), "--out", str(scratch / "imposed"),
                                            "--force", *IMPOSE], "fresh": scratch / "imposed"},
        }, args.runs))
        r["largest brochure bytes"] = max(p.stat().st_size for p in full.glob("park-*.pdf"))
        one = scratch / "one.pdf"
        r["one brochure"] = whole([*ONE_BROCHURE, str(one)], args.runs, python_args=True)
        r["one brochure"]["bytes"] = one.stat().st_size
        r["warm brochure"] = warm_brochure(args.warm_runs)
        r["imposing alone"] = imposing_alone()
        r["typst"] = typst_in_process(args.warm_runs)
        r["typst whole process"] = typst_whole_process(args.runs, scratch / "typst.pdf")
        if r["typst whole process"]:
            r["typst whole process"]["bytes"] = (scratch / "typst.pdf").stat().st_size
        r["desk"] = desk_pair(args.desk_runs)
        r["zones"] = [zone(100, 1, scratch)]
        if args.parks:
            r["zones"].append(zone(args.parks, 1, scratch))
    for row in r.values():
        if isinstance(row, dict):
            row.pop("log", None)
    r["load_after"] = [round(x, 2) for x in os.getloadavg()]
    r["seconds"] = round(time.perf_counter() - started, 1)
    report(r, previous)
    args.json.write_text(json.dumps(r, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


def machine() -> str:
    """The processor and Python, for the record."""
    try:
        model = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
    except OSError:
        model = None
    return f"{model.group(1) if model else 'unknown processor'}; Python {sys.version.split()[0]}"


def report(r: dict, previous: dict) -> None:
    floor = r["import floor"]["wall_s"]
    print(f"machine: {r['machine']}")
    print(f"issue 23's targets, one run on {r['cores']} cores (load {r['load_before']} before, "
          f"{r['load_after']} after; {r['seconds']} s); whole-process medians of {r['check']['runs']} "
          "after a warm-up (the floor, check and builds taken in turn, round after round)")
    print(f"{'measure':<44} {'value':>14} {'ratio':>8}  target")
    rows: list[tuple[str, str, float | None, str]] = []

    def row(name: str, value: str, ratio: float | None = None, target: str = "") -> None:
        rows.append((name, value, ratio, target))

    def verdict(ratio: float, limit: float, larger_is_better: bool = False) -> str:
        met = ratio >= limit if larger_is_better else ratio <= limit
        return "met" if met else "NOT met"

    row("import floor (reportlab.platypus, yaml, babel, click)", f"{floor:.3f} s wall")
    for name in ("check", "visitor build", "full build"):
        limit = TARGETS[f"{name} / import floor"]
        m = r[name]
        ratio = m["wall_s"] / floor
        row(f"{name}: whole process / floor", f"{m['wall_s']:.3f} s wall", ratio,
            f"<= {limit}x: {verdict(ratio, limit)} (CPU {m['cpu_s']:.3f} s, peak {m['peak_mb']:.0f} MB)")
    plain, imposed = r["full build"], r["full build imposed"]
    overhead = imposed["cpu_s"] / plain["cpu_s"] - 1
    row("--impose 2up 4up booklet: added CPU", f"{imposed['cpu_s']:.3f} s CPU", None,
        f"<= +10 %: {overhead:+.0%} {'met' if overhead <= TARGETS['impose overhead'] else 'NOT met'} "
        f"(wall {imposed['wall_s'] / plain['wall_s'] - 1:+.0%})")
    alone = r.get("imposing alone")
    if alone:
        placing = alone["placing"] / plain["cpu_s"]
        met = verdict(placing, TARGETS["impose overhead"])
        row("  of which placing the pages (pikepdf)", f"{alone['placing']:.3f} s CPU", None,
            f"+{placing:.0%} of the plain build: what imposing itself adds ({met} against +10 %)")
        row("  of which rendering the pieces", f"{alone['pieces']:.3f} s CPU", None,
            f"+{alone['pieces'] / plain['cpu_s']:.0%}: documents a plain build never makes (issue 17's office pieces)")
    warm, typst = r["warm brochure"], r["typst"]
    if typst:
        ratio = warm["cpu_s"] / typst["fresh"]["cpu_s"]
        row("warm in-process zh brochure / Typst", f"{warm['cpu_s'] * 1000:.1f} ms CPU", ratio,
            f"<= 2x: {verdict(ratio, 2.0)} (Typst {typst['fresh']['cpu_s'] * 1000:.1f} ms CPU, "
            f"{typst['fresh']['wall_s'] * 1000:.1f} ms wall; typst {typst['version']})")
        row("  / Typst, fonts read once (typst.Fonts)", "", warm["cpu_s"] / typst["indexed"]["cpu_s"],
            f"(no target; Typst {typst['indexed']['cpu_s'] * 1000:.1f} ms CPU)")
        row("  / Typst reusing its compiler", "", warm["cpu_s"] / typst["reused"]["cpu_s"],
            f"(no target; Typst {typst['reused']['cpu_s'] * 1000:.1f} ms CPU)")
        row("  paragraphs set afresh each time / Typst", f"{warm['afresh_s'] * 1000:.1f} ms CPU",
            warm["afresh_s"] / typst["fresh"]["cpu_s"],
            "(no target: the typesetter without its cache of set paragraphs)")
    else:
        row("warm in-process zh brochure", f"{warm['cpu_s'] * 1000:.1f} ms CPU", None,
            "<= 2x Typst: not measured, the typst package is not installed (pip install typst)")
        row("  paragraphs set afresh each time", f"{warm['afresh_s'] * 1000:.1f} ms CPU")
    one, typst_whole = r["one brochure"], r["typst whole process"]
    if typst_whole:
        row("whole process, one zh brochure / Typst", f"{one['wall_s']:.3f} s wall",
            one["wall_s"] / typst_whole["wall_s"],
            f"(no target; Typst {typst_whole['wall_s']:.3f} s: {typst_whole['note']})")
        row("  peak memory / Typst", f"{one['peak_mb']:.1f} MB", one["peak_mb"] / typst_whole["peak_mb"],
            f"(Typst {typst_whole['peak_mb']:.1f} MB)")
        row("  PDF size / Typst", f"{one['bytes']:,} B", one["bytes"] / typst_whole["bytes"],
            f"(Typst {typst_whole['bytes']:,} B)")
    else:
        row("whole process, one zh brochure", f"{one['wall_s']:.3f} s wall", None, "Typst: not installed")
    desk = r["desk"]
    row("front desk: a visitor's brochure pair (zh+en)", f"{desk['wall_s']:.3f} s wall", None,
        f"<= 1.0 s: {'met' if desk['wall_s'] <= 1.0 else 'NOT met'} (first press {desk['first_s']:.3f} s)")
    small = r["zones"][0]
    for z in r["zones"]:
        if "failed" in z:
            row(f"{z['parks']} synthetic parks: whole build", "FAILED", None, z["failed"])
            continue
        linear = z["per_park_ms"] / small["per_park_ms"] if "per_park_ms" in small else 1.0
        row(f"{z['parks']} synthetic parks: whole build", f"{z['wall_s']:.1f} s wall", None,
            f"{z['per_park_ms']:.0f} ms a park ({linear:.2f}x 100 parks' rate), peak {z['peak_mb']:.0f} MB "
            f"(< 250: {'met' if z['peak_mb'] < 250 else 'NOT met'}), CPU/wall {z['cpu_per_wall']} "
            f"(>= 1.7: {verdict(z['cpu_per_wall'], 1.7, True)}), longest job {z['longest_job_s']} s "
            f"(<= 10: {'met' if (z['longest_job_s'] or 0) <= 10 else 'NOT met'})")
    before = previous.get("largest brochure bytes", previous.get("largest_brochure_bytes"))
    size = r["largest brochure bytes"]
    row("largest shipped brochure", f"{size:,} B", None,
        "no larger than before: " + ("no earlier run to compare" if not before else
                                     f"{'met' if size <= before else 'NOT met'} (before {before:,} B)"))
    for name, value, ratio, target in rows:
        shown = f"{ratio:.2f}x" if ratio is not None else ""
        print(f"{name:<44} {value:>14} {shown:>8}  {target}")


if __name__ == "__main__":
    sys.exit(main())
