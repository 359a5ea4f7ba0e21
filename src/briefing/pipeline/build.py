"""The pipeline, for every front end: plan the documents a request asks for, render those whose
inputs have changed since they were made, and write them all at once with the manifest.

    build(Request(Path("data"), out_dir=Path("reports")))   # briefing build, briefing watch
    documents(project, Request(data_dir, selection=...))     # the front desk: in memory

A build with nothing to do decides so from file bytes alone: it reads no YAML and loads
neither the fonts nor ReportLab's layout machinery (a test holds it to that). Otherwise every
sheet is loaded and validated before anything is rendered, and everything is rendered before
any file is replaced: each job's documents are written into a staging folder as the job comes
back (``output.write.Staging``: the build holds no PDF in memory) and moved into place once
every job is done, with the manifest.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from briefing.errors import BriefingError, InvalidData, Problems, Where
from briefing.messages import TRANSLATED, msg
from briefing.output import freshness
from briefing.output.freshness import Manifest
from briefing.pipeline.options import Request
from briefing.pipeline.plan import Job, plan

if TYPE_CHECKING:  # loaded only when there is something to render
    from briefing.output.write import Staging
    from briefing.pipeline.forked import Forked
    from briefing.pipeline.render import Document, Progress
    from briefing.sheets.project import Project

log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one build did: the problems to show, the documents it made, how many files it
    kept because their inputs had not changed, and the sheets it loaded (None when it had
    nothing to do and loaded none)."""

    warnings: list[str]
    documents: list[Document] = field(default_factory=list)
    unchanged: int = 0
    project: Optional[Project] = None
    #: The warnings in other languages than English, by language (``messages.py``).
    translated: dict[str, list[str]] = field(default_factory=dict)
    #: What the layouts said about the files, made now or kept ("flyer-…pdf: left out …"), by
    #: language (English, and each of ``TRANSLATED``).
    notes: dict[str, list[str]] = field(default_factory=dict)

    def shown_warnings(self, lang: str) -> list[str]:
        """The warnings in ``lang`` (English when they were kept only in English)."""
        return self.translated.get(lang, self.warnings)

    def shown_notes(self, lang: str) -> list[str]:
        """What the layouts said, in ``lang`` (English when it was kept only in English)."""
        return self.notes.get(lang, self.notes.get("en", []))


def check(data_dir: Path, strict: bool = False) -> Project:
    """Load and validate; raise with every problem when the data cannot be built."""
    from briefing.sheets.project import load_project

    started = time.perf_counter()
    project = load_project(data_dir)
    log.info("read and checked %s in %.2f s", data_dir, time.perf_counter() - started)
    if project.problems.fatal(strict):
        raise InvalidData(project.problems, strict)
    return project


#: The sheets that ``build`` reads in a process of its own while it loads the layout machinery
#: (``_CheckAside``): up to this many bytes of YAML (the shipped data: 46 KB; about 80 parks), the
#: project copied back costs less than the 40-60 ms it saves.
ASIDE_LIMIT = 1 << 20


def _check_aside(request: Request, files: dict[str, str]) -> bool:
    """Whether to read the sheets aside (``_CheckAside``): a build that renders in workers
    (several cores, fork, no --debug), in a process with no other thread (a thread holding a
    lock when it forks would leave the lock held for ever in the child), from sheets small
    enough (``ASIDE_LIMIT``)."""
    import os
    import threading

    if request.debug or (request.workers or os.cpu_count() or 1) < 2 or not hasattr(os, "fork"):
        return False
    if threading.active_count() > 1:
        return False
    sizes = 0
    for name in files:
        if name.endswith(".yaml"):
            try:
                sizes += (request.data_dir / name).stat().st_size
            except OSError:
                return False
    return sizes <= ASIDE_LIMIT


@dataclass
class _CheckAside:
    """``check`` run in a forked process while this one loads the layout machinery, fonts and
    locale data (``render.load_before_forking``): the two took turns on one core; each has one
    now (a visitor's build: 30 ms of reading sheets beside 40 ms of loading). The project
    comes back pickled (shipped data: 70 KB, 1 ms to read). If anything goes wrong there (a
    sheet with problems, a child that died), this process checks the sheets itself, so that
    every message and error is the one ``check`` gives."""

    forked: Forked
    data_dir: Path
    strict: bool

    @classmethod
    def start(cls, request: Request) -> _CheckAside:
        from briefing.pipeline import forked

        return cls(forked.fork(lambda: _checked_aside(request.data_dir, request.strict)), request.data_dir,
                   request.strict)

    def project(self) -> Project:
        sent, value = self.forked.result()
        if sent and isinstance(value, tuple):
            seconds, project = value
            log.info("read and checked %s in %.2f s", self.data_dir, seconds)
            return project
        return check(self.data_dir, self.strict)  # for its messages, or as the child could not


def _checked_aside(data_dir: Path, strict: bool) -> tuple[float, Project]:
    """In ``_CheckAside``'s child: the checked project, with the seconds it took."""
    logging.disable(logging.CRITICAL)  # the parent says what was read, once
    started = time.perf_counter()
    project = check(data_dir, strict)
    return time.perf_counter() - started, project


def build(request: Request, progress: Optional[Progress] = None) -> Outcome:
    """Make what ``request`` asks for and write it into ``request.out_dir``, keeping every file
    whose inputs are unchanged (all are made again with ``request.force``); raise with every
    problem when the data cannot be built, before anything is written."""
    if request.out_dir is None:
        raise ValueError("build() writes its documents: give the request an out_dir (documents() keeps them)")
    out_dir = request.out_dir
    manifest = Manifest.read(out_dir)
    files = freshness.folder_files(request.data_dir, manifest.images) if request.data_dir.is_dir() else {}
    checked = _checked(files, request.strict)
    options = _options(request)
    guess = plan(request.selection, _park_ids(files), "zone", request.languages, request.output)
    if not request.force and manifest.checked == checked and guess and all(
            manifest.fresh(job.name, _key(job, files, options)) for job in guess):
        log.info("nothing to do: the inputs of all %d jobs are unchanged", len(guess))
        return Outcome(manifest.warnings, [], _count(manifest, guess), translated=manifest.translated,
                       notes=_notes(manifest, guess))

    aside = _CheckAside.start(request) if _check_aside(request, files) else None
    # What is loaded now lives as long as the build: Python's collector, run at every 700
    # allocations or so, went over all of it again and again (10 ms of a visitor's build),
    # and once more when it was switched on again; so it is set aside from the collector
    # (gc.freeze) while the build runs, and given back after (a process that builds again,
    # watch, would otherwise keep any garbage among it for ever).
    try:
        gc.disable()
        try:
            from briefing.pipeline import render  # the layout machinery, only now that it is needed

            if aside is not None:
                render.load_before_forking(guess, request.output)  # while the sheets are read aside
        finally:
            gc.freeze()
            gc.enable()
        return _made(request, manifest, options, aside, progress)
    except BaseException:
        if aside is not None:
            aside.forked.stop()  # not wanted any more, if its project was not taken yet
        raise
    finally:
        gc.unfreeze()


def _made(request: Request, manifest: Manifest, options: str, aside: Optional[_CheckAside],
          progress: Optional[Progress]) -> Outcome:
    """``build``'s work once it knows there is some: check (or take the project checked aside),
    render the stale jobs, write them with the manifest."""
    from briefing.pipeline.render import render

    out_dir = request.out_dir
    assert out_dir is not None  # build's caller gave one
    project = aside.project() if aside is not None else check(request.data_dir, request.strict)
    # The keys from what was read: the sheets, and the images they name now (hashed from the
    # bytes already read, not read again).
    files = {**freshness.folder_files(request.data_dir),
             **{freshness.image_name(name): hashlib.sha256(data).hexdigest() for name, data in project.images.items()}}
    checked = _checked(files, request.strict)
    jobs = _jobs(project, request)
    _check_occasion(project, request)
    _check_pictures(project, request)
    keys = {job: _key(job, files, options) for job in jobs}
    stale = [job for job in jobs if request.force or not manifest.fresh(job.name, keys[job])]
    for job in jobs:
        if job not in stale:
            log.info("kept %s: its inputs are unchanged since it was made", job.name)
    from briefing.output.write import Staging

    staged = Staging(out_dir)

    def keep(documents: list[Document]) -> None:
        """Each job's files written out where it was made, in the worker, not sent to this
        process and held to the end (300 parks: 1,800 PDFs, 135 MB); they replace the old ones
        only once every job is done (``write``)."""
        try:
            for document in documents:
                staged.add(document.name, document.data)
        except OSError as exc:
            raise _unwritable(exc, out_dir) from exc
        for document in documents:
            document.let_go(out_dir / document.name)

    started = time.perf_counter()
    try:
        if stale:
            try:
                staged.open()  # before the workers fork: they write into it
            except OSError as exc:
                raise _unwritable(exc, out_dir) from exc
        made = render(project, stale, request.output, request.workers, request.debug, progress, keep)
    except BaseException:
        staged.discard()  # a build that fails replaces nothing
        raise
    log.info("rendered %d jobs in %.2f s", len(stale), time.perf_counter() - started)
    for job in stale:
        manifest.record(job.name, keys[job], made[job])
    manifest.checked = checked
    manifest.images = sorted(project.images)
    manifest.warnings = [str(p) for p in project.problems.shown]
    manifest.translated = {lang: [p.shown(lang) for p in project.problems.shown] for lang in TRANSLATED}
    documents = [document for job in stale for document in made[job]]
    write(out_dir, documents, {freshness.MANIFEST: manifest.dumps()}, staged)
    return Outcome(manifest.warnings, documents, _count(manifest, [job for job in jobs if job not in stale]), project,
                   manifest.translated, _notes(manifest, jobs))


def _notes(manifest: Manifest, jobs: list[Job]) -> dict[str, list[str]]:
    """What the layouts said about the jobs' files, in English and in each language kept."""
    return {lang: [note for job in jobs for note in manifest.notes_of(job.name, lang)] for lang in ("en", *TRANSLATED)}


def occasion_problems(project: Project, request: Request) -> Problems:
    """A warning for each date the sheets still call expected (an opening, a target's deadline)
    that the visit (``--date``) or the event (``--event-date``) falls after: a visitor in 2026
    must not read "expected to open in May 2021" as news. Checked before anything is made, by
    the build and by the front desk."""
    from briefing.sheets import lint

    problems = Problems()
    parks = occasion_parks(project, request)
    occasions = [(msg("the visit (--date)"), request.output.dedication),
                 (msg("the event (--event-date)"), request.output.event)]
    for name, occasion in occasions:
        if occasion is None or occasion.date is None:
            continue
        for found in lint.overtaken(project, parks, occasion.date.first_day()):
            what = msg("the deadline of a target") if found.target else msg("the expected opening")
            problems.warn(found.where, msg("{occasion} on {date} is after {what}, {deadline}, which the sheet (as of "
                                           "{as_of}) still looks forward to; the documents would print it as still "
                                           "to come: ask the operator what happened and update the sheet",
                                           occasion=name, date=occasion.date, what=what, deadline=found.date,
                                           as_of=found.park.as_of))
    return problems


def occasion_parks(project: Project, request: Request) -> list[str]:
    """The parks the documents of a request speak of: all of them for the overview."""
    selection = request.selection
    if selection.every_park or selection.overview:
        return list(project.parks)
    return selection.park_ids


def _check_occasion(project: Project, request: Request) -> None:
    """The occasion's warnings join the sheets' (shown, kept in the manifest); with --strict
    they stop the build before anything is rendered."""
    found = occasion_problems(project, request)
    project.problems.extend(found)
    if found.fatal(request.strict):
        raise InvalidData(project.problems, request.strict)


def picture_problems(project: Project, request: Request) -> Problems:
    """For a print shop's build (``--bleed``, ``--cmyk``), an error for each photo with fewer
    than 100 ppi where it is placed on the build's paper (``briefing check`` has warned of
    every photo under 200 ppi already). Checked before anything is drawn."""
    if not request.output.spec.for_press or not any(park.photos for park in project.parks.values()):
        return Problems()
    from briefing.layout import placed
    from briefing.pipeline.options import PIECE

    output = request.output
    papers = list(dict.fromkeys([*output.flyer_papers, *(PIECE[kind] for kind in output.impose)]))
    wanted = occasion_parks(project, request)
    parks = {park_id: park for park_id, park in project.parks.items() if park_id in wanted}

    def where_in(park_id: str, field: str) -> Where:
        return project.at(project.park_path(park_id), field)

    found = placed.resolution_problems(parks, project.images, where_in, papers, for_press=True)
    errors = Problems()
    errors.items = found.errors
    return errors


def _check_pictures(project: Project, request: Request) -> None:
    found = picture_problems(project, request)
    project.problems.supersede(found)
    if found.fatal(request.strict):
        raise InvalidData(project.problems, request.strict)


def documents(project: Project, request: Request) -> list[Document]:
    """The documents ``request`` asks for, rendered in this process and kept in memory (the
    front desk, which renders in a worker of its own and writes nothing)."""
    from briefing.pipeline.render import render

    jobs = _jobs(project, request)
    made = render(project, jobs, request.output, workers=1, debug=request.debug)
    return [document for job in jobs for document in made[job]]


def _jobs(project: Project, request: Request) -> list[Job]:
    """The jobs of the request among the parks the sheets hold; a park asked for by an id that
    no sheet has is the user's mistake."""
    unknown = [p for p in request.selection.park_ids if p not in project.parks]
    if unknown:
        known = ", ".join(project.parks) or "none"
        raise BriefingError(msg("no park with id {ids} in {folder}/parks; the parks are: {known}",
                                ids=", ".join(map(repr, unknown)), folder=str(project.data_dir), known=known))
    zone_id = project.zone.id if project.zone else "zone"
    return plan(request.selection, list(project.parks), zone_id, request.languages, request.output)


def write(out_dir: Path, documents: list[Document], extra: Optional[dict[str, bytes]] = None,
          staged: Optional[Staging] = None) -> None:
    """Every document (and ``extra`` files, e.g. the manifest) under the folder's lock: those
    ``staged`` already (written as they were made, ``Document.let_go``) moved into place, the
    others written now."""
    from briefing.output.write import LOCK_WAIT, Busy, write_all

    started = time.perf_counter()
    held = [document for document in documents if "data" in vars(document)]  # not written out yet
    for document in documents:
        document.path = out_dir / document.name
    try:
        write_all(out_dir, {**{document.name: document.data for document in held}, **(extra or {})}, staged=staged)
    except Busy as exc:
        raise BriefingError(msg("{folder}: another build has been writing here for {seconds} s; "
                                "wait for it to finish, then build again", folder=str(out_dir),
                                seconds=f"{LOCK_WAIT:.0f}")) from exc
    except OSError as exc:
        raise _unwritable(exc, out_dir) from exc
    log.info("wrote %d files into %s in %.2f s", len(documents), out_dir, time.perf_counter() - started)


def _unwritable(exc: OSError, out_dir: Path) -> BriefingError:
    return BriefingError(msg("{path}: cannot write ({reason}); check that the --out folder is writable and has "
                             "space", path=str(exc.filename or out_dir), reason=exc.strerror or str(exc)))


def write_specimen(path: Path) -> Path:
    """The typesetting specimen (stock ReportLab beside ours), written atomically."""
    from briefing.layout.specimen import render_specimen  # a developer's tool: not loaded by builds
    from briefing.output.write import write_atomic

    path = Path(path)
    try:
        write_atomic(path, render_specimen())
    except OSError as exc:
        raise BriefingError(msg("{path}: cannot write ({reason}); check that the folder is writable", path=str(path),
                                reason=exc.strerror or str(exc))) from exc
    return path


# -- what a build may keep ------------------------------------------------------------------

def _count(manifest: Manifest, jobs: list[Job]) -> int:
    return sum(len(manifest.files_of(job.name)) for job in jobs)


def _park_ids(files: dict[str, str]) -> list[str]:
    """The parks the data folder holds, from the file names alone (loading confirms them)."""
    return [n[len("parks/"):-len(".yaml")] for n in files
            if n.startswith("parks/") and n.endswith(".yaml") and n.count("/") == 1]


def _options(request: Request) -> str:
    """Everything besides the data that changes the bytes of a document."""
    import os

    return f"{request.output!r}|SOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '').strip()}"


def _key(job: Job, files: dict[str, str], options: str) -> str:
    return freshness.inputs_key(files, job.inputs(list(files)), f"{job.name}|{options}")


def _checked(files: dict[str, str], strict: bool) -> str:
    """The warnings of a build hold while the data, the tool and the day are the same (a sheet
    goes stale with the calendar)."""
    from briefing.sheets.clock import today

    names = sorted(files)
    return freshness.digest(freshness.tool_version(), str(today()), str(strict), *names,
                            *(files[n] for n in names))
