"""What the front desk asks of the pipeline, done in worker processes: ReportLab is not
thread-safe, and the web server answers on several threads. Each call reads the fact sheets
afresh, so an operator's edit shows on the next press of the button, and returns plain data
(picklable; no ReportLab object crosses back).

The functions here are the only ones the server calls; ``Workers`` runs them.
"""

from __future__ import annotations

import functools
import io
import multiprocessing
import os
import signal
import threading
import time
import weakref
import zipfile
from collections.abc import Callable
from concurrent.futures import CancelledError, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout  # not the built-in TimeoutError before 3.11
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.desk.order import LANGUAGE_NAMES, Form, kind_names, read
from briefing.errors import BriefingError
from briefing.messages import shown
from briefing.text.i18n import gettext

#: The preview's width in pixels: a page's top half reads on a tablet, and the PNG stays small.
PREVIEW_WIDTH = 600
#: A render that takes longer has surely hung (the whole zone in both languages takes ~1 s).
TIMEOUT = 120.0


@dataclass(frozen=True)
class SheetProblem:
    """A problem in a fact sheet, in parts a page can set out plainly."""

    path: str  # relative to the data folder
    line: Optional[int]
    field: str
    message: str


@dataclass(frozen=True)
class Offered:
    """A park the form lists: its id, its name in the interface's language, and why its
    documents cannot be made now ('' when they can)."""

    id: str
    name: str
    unavailable: str = ""


@dataclass
class Choices:
    """What the form offers: each park with its name in the interface's language, the
    overview, and the fact-sheet errors (in the interface's language) that hold some back.
    A sheet's problems disable only what depends on it: its park, and the overview, which
    cannot be made honestly without every park; the zone's or the sources' disable all."""

    parks: list[Offered] = field(default_factory=list)
    zone: str = ""
    problems: list[SheetProblem] = field(default_factory=list)
    overview_unavailable: str = ""

    @property
    def available(self) -> list[str]:
        return [park.id for park in self.parks if not park.unavailable]


@dataclass(frozen=True)
class File:
    """One PDF made, with what it is in words (智慧医疗产业园 · 宣传册 · 中文 · A4)."""

    name: str
    data: bytes
    pages: int
    label: str
    #: What the layout left out or borrowed, in the interface's language (as the build says it).
    notes: tuple[str, ...] = ()


@dataclass
class Made:
    """The answer to one press of the button: files, or the problems that stopped them."""

    files: list[File] = field(default_factory=list)
    preview: bytes = b""  # the first page of the first file, as a PNG
    bundle_name: str = ""  # the zip every file is downloaded in, when there are several
    form_problems: dict[str, list[str]] = field(default_factory=dict)
    sheet_problems: list[SheetProblem] = field(default_factory=list)
    #: Dates the sheets still call expected that the visit or event falls after (``date_warnings``):
    #: shown before anything is made, until the form is sent again with the box ticked.
    date_warnings: list[str] = field(default_factory=list)
    failure: str = ""  # a document that could not be laid out
    choices: Optional[Choices] = None  # what the form offers, read with the sheets, when it is shown again

    @property
    def ok(self) -> bool:
        return bool(self.files)

    @property
    def size(self) -> int:
        return sum(len(file.data) for file in self.files) + len(self.preview)

    def bundle(self) -> bytes:
        """Every file in one zip, made when it is downloaded (most visits take one PDF)."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bundle:
            for file in self.files:
                bundle.writestr(file.name, file.data)
        return out.getvalue()


def choices(data_dir: str, ui: str) -> Choices:
    """The parks to offer, and every fact-sheet error (warnings are the operator's, not the desk's)."""
    from briefing.sheets.project import load_project

    return _choices(load_project(Path(data_dir)), ui)


def _choices(project, ui: str) -> Choices:
    _ = functools.partial(gettext, ui)
    problems = _sheet_problems(project, ui)
    broken = {problem.path for problem in problems}
    zone = project.zone.name.get(ui) if project.zone else ""
    if not zone or broken & {"zone.yaml", "sources.yaml"} or broken - _sheet_files(project):
        return Choices(problems=problems)  # what every document shows is in question: nothing is offered
    unfinished = _unfinished(project)
    parks = []
    for park_id in _park_ids(project):
        park = project.parks.get(park_id)
        name = park.name.get(ui) if park and park_id not in unfinished else park_id
        if f"parks/{park_id}.yaml" in broken:
            reason = _("Its fact sheet has problems (listed above); the park operator must fix them first.")
        elif park_id in unfinished:
            reason = _("Its fact sheet is still being filled in (placeholders from briefing new are left).")
        else:
            reason = ""
        parks.append(Offered(park_id, name, reason))
    overview = ""
    if any(park.unavailable for park in parks) or any(path.startswith("news/") for path in broken):
        overview = _("It shows every park and the news: it can be made once every fact sheet is ready.")
    return Choices(parks, zone, problems, overview)


def _park_ids(project) -> list[str]:
    """Every park sheet's id, from the file names: a sheet that does not validate is listed too."""
    return sorted({path.stem for path in (project.data_dir / "parks").glob("*.yaml")} | set(project.parks))


def _sheet_files(project) -> set[str]:
    """The park and news sheets, by their path in the data folder: a problem in one of these
    holds back only what shows it."""
    return {f"parks/{park_id}.yaml" for park_id in _park_ids(project)} | {
        f"news/{path.name}" for path in (project.data_dir / "news").glob("*.yaml")}


def _unfinished(project) -> set[str]:
    """Parks whose sheets still hold the placeholders of ``briefing new``: not offered to staff,
    whose visitors would read 待填写 on the cover."""
    from briefing.sheets.lint import PLACEHOLDER_LEFT

    return {Path(p.where.path).stem for p in project.problems.warnings
            if getattr(p.message, "msgid", None) == PLACEHOLDER_LEFT.msgid
            and Path(p.where.path).parent.name == "parks"}


def make(data_dir: str, form: Form, ui: str) -> Made:
    """The documents the form asks for, rendered by the same pipeline as ``briefing build``;
    when nothing can be made, the problems with the form's choices to show it again."""
    from briefing.pipeline.build import documents as make_documents
    from briefing.sheets.project import load_project

    project = load_project(Path(data_dir))
    offered = _choices(project, ui)
    if not offered.zone:
        return Made(sheet_problems=offered.problems, choices=offered)
    asked = set(form.get("brochure") or []) | set(form.get("flyer") or [])
    held_back = [f"{park.name}: {park.unavailable}" for park in offered.parks if park.unavailable and park.id in asked]
    if held_back:  # a page shown before the sheet broke: say why, rather than "unknown choice"
        return Made(form_problems={"documents": held_back}, sheet_problems=offered.problems, choices=offered)
    order, form_problems = read(form, offered.available, ui, overview=not offered.overview_unavailable)
    if order is None:
        return Made(form_problems=form_problems.by_field, choices=offered)
    request = order.request(Path(data_dir))
    warnings = [] if (form.get(DATES_CHECKED) or [""])[0] == "1" else date_warnings(project, request, ui)
    if warnings:
        return Made(date_warnings=warnings, choices=offered)
    try:
        documents = make_documents(project, request)
    except BriefingError as exc:  # a layout failure, already naming the sheet
        return Made(failure=_relative(exc.shown(ui), data_dir), choices=offered)
    files = [File(document.name, document.data, document.pages, _label(document, project, ui),
                  tuple(shown(note, ui) for note in document.notes))
             for document in documents]
    return Made(files, preview(files[0].data), order.bundle_name() if len(files) > 1 else "")


#: The form's box that says the staff have seen the date warnings and want the documents anyway.
DATES_CHECKED = "dates_checked"


def date_warnings(project, request, ui: str) -> list[str]:
    """For each date the sheets still call expected (an opening, a target's deadline) that the
    visit or the event falls after, a sentence in the interface's language: the documents would
    print it as still to come, and a visitor would read it as news."""
    from briefing.pipeline.build import occasion_parks
    from briefing.sheets import lint
    from briefing.text.numbers import format_month_or_day

    _ = functools.partial(gettext, ui)
    output, found = request.output, []
    for name, occasion in ((_("the visit"), output.dedication), (_("the event"), output.event)):
        if occasion is None or occasion.date is None:
            continue
        for late in lint.overtaken(project, occasion_parks(project, request), occasion.date.first_day()):
            found.append(_("{park}: the sheet (facts as of {as_of}) says “{said}”, but {occasion} is on {date}, "
                           "after that. The documents would print it as still to come.").format(
                park=late.park.name.get(ui), as_of=format_month_or_day(late.park.as_of, ui),
                said=_still_expected(late, ui), occasion=name, date=format_month_or_day(occasion.date, ui)))
    return found


def _still_expected(late, ui: str) -> str:
    """What the sheet still looks forward to, as the documents say it (预计2021年5月开园)."""
    from briefing.sheets.schema import Deadline
    from briefing.text.numbers import format_deadline, format_figure, format_month_or_day

    _ = functools.partial(gettext, ui)
    if late.target is None or not isinstance(late.date, Deadline):
        return _("Expected to open in {date}").format(date=format_month_or_day(late.date, ui))
    return _("{label}: {value}, {deadline}").format(label=late.target.label.get(ui),
                                                    value=format_figure(late.target, ui),
                                                    deadline=format_deadline(late.date, ui))


def _label(document, project, ui: str) -> str:
    """What a document is (``render.Document``), in the interface's language, for the list
    of files."""
    park = project.parks.get(document.subject)
    parts = [park.name.get(ui)] if park else []
    size = f"{document.pixels[0]} × {document.pixels[1]} px" if document.pixels else document.paper
    return " · ".join(parts + [kind_names(ui)[document.kind], LANGUAGE_NAMES[document.lang], size])


def _sheet_problems(project, ui: str) -> list[SheetProblem]:
    """Every error, its message in the interface's language."""
    root = project.data_dir
    return [SheetProblem(_relative(p.where.path, root), p.where.line, p.where.field,
                         _relative(shown(p.message, ui), root))
            for p in project.problems.errors]


def _relative(text: str, root) -> str:
    """Paths under the data folder without the folder (staff know the sheets by their names),
    and the folder itself by its own name: the page shows no path of the desk's machine."""
    folder = str(root).rstrip("/")
    return text.replace(folder + "/", "").replace(folder, Path(folder).name)


def preview(pdf: bytes, width: int = PREVIEW_WIDTH) -> bytes:
    """The first page as a PNG ``width`` pixels wide (pdfium: no system package needed)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width / page.get_width()).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()


def _start_worker() -> None:
    """Ctrl-C reaches every process of the terminal; the server stops its workers itself,
    so a worker ignores it rather than print a traceback of its own. A worker also ends
    when the server does, even one killed outright (kill -9, out of memory), which gives
    it no chance to stop them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    server = multiprocessing.parent_process()
    if server is not None:
        threading.Thread(target=_end_with, args=(server,), daemon=True).start()


def _end_with(server) -> None:
    server.join()
    os._exit(1)


class RenderFailed(Exception):
    """A worker died or hung; the page says so and the next press gets fresh workers."""


class Workers:
    """A pool of rendering processes, or (``processes=0``, for tests of the page alone) this
    process. Workers start from a fork server that has already imported the pipeline, so a new
    worker is ready at once and never inherits the web server's threads.

    The server's threads share the pool. A worker that dies or hangs breaks the whole pool
    (concurrent.futures cannot replace one worker), so it is ended and a new pool started.
    A hang is the hanging call's fault: the other calls on that pool are tried once more on
    the new one. After a crash no one can tell which call caused it, so every call on the
    pool fails (a crash that recurs must not take the next pool down too)."""

    def __init__(self, processes: Optional[int] = None):
        self.processes = (os.cpu_count() or 1) if processes is None else processes
        self._pool: Optional[ProcessPoolExecutor] = None
        self._hung: weakref.WeakSet = weakref.WeakSet()  # pools ended for a call that hung
        self._lock = threading.Lock()
        self._closed = False  # the server is stopping: no new pool, and close() ends the last

    def run(self, function: Callable, *args, timeout: float = TIMEOUT):
        """``function(*args)`` in a worker; RenderFailed when the worker died or hung (an
        exception ``function`` raises reaches the caller as it is)."""
        if not self.processes:
            return function(*args)
        for attempt in (1, 2):
            pool = self._current()
            try:
                future = pool.submit(function, *args)
            except (BrokenProcessPool, RuntimeError, OSError):  # broken or shut down just now; no process
                self._replace(pool)
                continue
            try:
                return future.result(timeout)
            except FutureTimeout as exc:
                self._replace(pool, hung=True)  # this call hung: it is not tried again
                raise RenderFailed("timeout") from exc
            except (BrokenProcessPool, CancelledError) as exc:
                self._replace(pool)
                if pool not in self._hung or attempt == 2:
                    raise RenderFailed(type(exc).__name__) from exc
        raise RenderFailed("the workers could not be started")

    def _current(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._closed:
                raise RenderFailed("closed")
            if self._pool is None:
                methods = multiprocessing.get_all_start_methods()
                context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
                if context.get_start_method() == "forkserver":
                    context.set_forkserver_preload(["briefing.desk.preload"])
                self._pool = ProcessPoolExecutor(self.processes, mp_context=context, initializer=_start_worker)
            return self._pool

    def _replace(self, pool: ProcessPoolExecutor, hung: bool = False) -> None:
        """End ``pool`` (its processes are killed, not waited for) so that the next call
        starts a new one; a pool another thread already replaced is left alone, and once
        the desk is closing, ``close`` ends the pool itself."""
        with self._lock:
            if hung:
                self._hung.add(pool)
            if self._pool is pool:
                self._pool = None
            elif self._closed:
                return
        _end(pool, grace=0.0)

    def close(self, grace: float = 10.0) -> None:
        """Let the workers finish what they are making, for ``grace`` seconds at most."""
        with self._lock:
            pool, self._pool, self._closed = self._pool, None, True
        if pool is not None:
            _end(pool, grace)


def _end(pool: ProcessPoolExecutor, grace: float) -> None:
    """Shut ``pool`` down and kill whatever of it still runs after ``grace`` seconds."""
    # concurrent.futures has no way to end a hung worker: its table of processes is private.
    # Kept before shutdown (which lets go of it), and read after, so that a worker started
    # meanwhile is in it too.
    processes = getattr(pool, "_processes", None) or {}
    pool.shutdown(wait=False, cancel_futures=True)
    deadline = time.monotonic() + grace
    for process in list(processes.values()):
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
