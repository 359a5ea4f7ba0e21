"""The command-line build: plan the documents, skip those whose inputs have not changed since
they were made, render the rest on every core, and write them with the manifest in one go.

``build.build`` renders everything, in this process: the library's plain entry point. This
module is what ``briefing build`` runs, and it stays light until there is something to render:
a build with nothing to do reads no YAML and loads neither the fonts nor ReportLab's layout
machinery (a test holds ``--help`` to that).
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Optional

from briefing.output import freshness
from briefing.output.freshness import Manifest

#: Every document is made in each of these languages, in this order (``build`` uses them too).
LANGUAGES = ("zh", "en")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Job:
    """One unit of rendering: a park's documents (brochure, flyers, sheets) in one language,
    or the zone overview in one language."""

    kind: str  # "park" or "zone"
    doc_id: str
    lang: str

    @property
    def name(self) -> str:
        return f"{self.kind}:{self.doc_id}:{self.lang}"

    def inputs(self, files: dict[str, bytes]) -> list[str]:
        """The data files this job reads: everything for the overview; for a park, all but
        the other parks' sheets and the news (the brochure shows the zone and its sources)."""
        if self.kind == "zone":
            return list(files)
        own = f"parks/{self.doc_id}.yaml"
        return [n for n in files if n == own or not (n.startswith("parks/") or n.startswith("news/"))]


@dataclass
class Outcome:
    """What one build did: the problems to show, the documents it made, and how many files it
    kept because their inputs had not changed."""

    warnings: list[str]
    documents: list
    unchanged: int


def make(data_dir: Path, out_dir: Path, park_ids: Iterable[str] = (), strict: bool = False, debug: bool = False,
         languages: Iterable[str] = LANGUAGES, output=None, force: bool = False,
         progress: Optional[Progress] = None, workers: Optional[int] = None) -> Outcome:
    """Build what is out of date (everything with ``force``); raise with every problem when the
    data cannot be built, before anything is written."""
    data_dir, out_dir, park_ids, languages = Path(data_dir), Path(out_dir), list(park_ids), list(languages)
    files = freshness.folder_files(data_dir) if data_dir.is_dir() else {}
    options = _options(output)
    manifest = Manifest.read(out_dir)
    checked = _checked(files, strict)
    guess = _plan(_park_ids(files, park_ids), languages, overview=not park_ids)
    if not force and manifest.checked == checked and guess and all(
            manifest.fresh(job.name, _key(job, files, options)) for job in guess):
        return Outcome(manifest.warnings, [], _count(manifest, guess))

    from briefing.pipeline import build as pipeline  # the layout machinery, only now that it is needed

    project = pipeline.check(data_dir, strict)
    jobs = _plan(pipeline.select_parks(project, park_ids), languages, overview=not park_ids)
    keys = {job: _key(job, files, options) for job in jobs}
    stale = [job for job in jobs if force or not manifest.fresh(job.name, keys[job])]
    made = render(project, stale, output or pipeline.Output(), debug, progress, workers)
    # Listed as the library's build lists them: the parks, then the overview.
    documents = [document for job in sorted(stale, key=lambda j: j.kind == "zone") for document in made[job]]
    for job in stale:
        manifest.record(job.name, keys[job], made[job])
    manifest.checked = checked
    manifest.warnings = [str(p) for p in project.problems.warnings + project.problems.notes]
    pipeline.write_documents(out_dir, documents, {freshness.MANIFEST: manifest.dumps()})
    return Outcome(manifest.warnings, documents, _count(manifest, [job for job in jobs if job not in stale]))


def _count(manifest: Manifest, jobs: list[Job]) -> int:
    return sum(len(manifest.files_of(job.name)) for job in jobs)


def _park_ids(files: dict[str, bytes], asked: list[str]) -> list[str]:
    """The parks a build would make, from the file names alone (loading confirms them)."""
    return list(dict.fromkeys(asked)) or [n[len("parks/"):-len(".yaml")] for n in files
                                          if n.startswith("parks/") and n.endswith(".yaml") and n.count("/") == 1]


def _plan(park_ids: list[str], languages: list[str], overview: bool) -> list[Job]:
    """The overview first (the longest job starts first when they share the cores), then the parks."""
    zone = [Job("zone", "zone", lang) for lang in languages] if overview else []
    return zone + [Job("park", park_id, lang) for park_id in park_ids for lang in languages]


def _options(output) -> str:
    """Everything besides the data that changes the bytes of a document."""
    return f"{output!r}|SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '').strip()}"


def _key(job: Job, files: dict[str, bytes], options: str) -> str:
    return freshness.inputs_key(files, job.inputs(files), f"{job.name}|{options}")


def _checked(files: dict[str, bytes], strict: bool) -> str:
    """The warnings of a build hold while the data, the tool and the day are the same (a sheet
    goes stale with the calendar)."""
    from briefing.sheets.clock import today

    names = sorted(files)
    return freshness.digest(freshness.tool_version(), str(today()), str(strict), *names,
                            *(files[n] for n in names))


def render(project, jobs: list[Job], output, debug: bool, progress: Optional[Progress],
           workers: Optional[int]) -> dict[Job, list]:
    """Each job's documents. Several jobs are shared among worker processes, one per core
    (ReportLab is not thread-safe); forked workers inherit the loaded project and fonts."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    made: dict[Job, list] = {}
    if workers <= 1 or debug or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            made[job] = _render_job(project, job, output, debug)
            _report(progress, len(made), len(jobs))
        return made
    global _PROJECT
    _PROJECT = project
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_render_in_worker, job, output): job for job in jobs}
            for future in as_completed(futures):
                made[futures[future]] = future.result()
                _report(progress, len(made), len(jobs))
    finally:
        _PROJECT = None
    return made


_PROJECT = None  # the project a forked worker renders from


def _render_in_worker(job: Job, output) -> list:
    return _render_job(_PROJECT, job, output, debug=False)


def _render_job(project, job: Job, output, debug: bool) -> list:
    from briefing.pipeline import build as pipeline

    if job.kind == "zone":
        return [pipeline.render_overview_safely(project, job.lang, output, debug)]
    return pipeline.render_park_safely(project, job.doc_id, job.lang, output, debug)


def _report(progress: Optional[Progress], done: int, total: int) -> None:
    if progress:
        progress(done, total)
