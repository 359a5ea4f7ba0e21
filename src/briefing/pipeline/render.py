"""Rendering: each planned document made into PDF bytes, in memory, by its layout. A job renders
in this process or in a worker process, one per core (ReportLab is not thread-safe); either way
the same functions make the same bytes.
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import gc
import hashlib
import io
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import BriefingError
from briefing.layout import document as layout_document
from briefing.layout.brochure import Brochure
from briefing.layout.document import BriefingDoc, render_with_contents, well_filled
from briefing.layout.flyer import Flyer
from briefing.layout.theme import DEFAULT, PAPERS, Theme, branded, for_language
from briefing.messages import msg
from briefing.pipeline.options import HANDOUT, PER_SHEET, PIECE, Output
from briefing.pipeline.plan import Job, Planned, output_name
from briefing.sheets.project import Project
from briefing.sheets.schema import PartialDate
from briefing.text import fonts, words

log = logging.getLogger(__name__)

LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last date a PDF can state
Progress = Callable[[int, int], None]


@dataclass
class Document:
    """One rendered PDF, before or after it is written, and what it is (for a reader's list)."""

    name: str
    data: bytes
    pages: int
    path: Optional[Path] = None
    #: brochure, flyer, overview, an imposition (2up, 4up, booklet), jobsheet(-text), or an image (SHARE_KINDS)
    kind: str = ""
    subject: str = ""  # the park's id, or the zone's
    lang: str = ""
    paper: str = ""
    #: An image's width and height in pixels (``--share``); None for a PDF.
    pixels: Optional[tuple[int, int]] = None
    #: What the layout had to say about it (what a fixed page left out), for the build's output.
    notes: list[str] = field(default_factory=list)
    #: Its size in bytes, kept when a build has written it out and let go of ``data``.
    size: int = -1
    #: The SHA-256 of ``data`` in hex, kept with ``size`` when the bytes are let go.
    sha256: str = ""

    def __post_init__(self) -> None:
        if self.size < 0:
            self.size = len(self.data)

    def let_go(self, path: Path) -> None:
        """Drop the bytes, written to ``path`` (which ``data`` reads them back from, if asked):
        a build of hundreds of parks would otherwise hold every PDF it made until its end,
        and send each from the worker that made it."""
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self.path = path
        del self.data

    def __getattr__(self, name: str):
        # Only once ``let_go`` has removed ``data``; vars(), as ``path`` may not be set yet
        # (unpickling asks for ``__setstate__`` before any attribute is).
        path = vars(self).get("path")
        if name == "data" and path is not None:
            return path.read_bytes()
        raise AttributeError(name)


#: The images ``--share`` makes (``share.py``): a page, a brochure's long image, a park's poster.
SHARE_KINDS = ("page", "long", "poster")


def render(project: Project, jobs: list[Job], output: Output, workers: Optional[int] = None, debug: bool = False,
           progress: Optional[Progress] = None, keep: Optional[Keep] = None) -> dict[Job, list[Document]]:
    """Each job's documents. The parts of the jobs (``parts``) are shared among worker
    processes, one per core; forked workers inherit the loaded project and fonts. One part,
    one worker, ``debug`` (a traceback must reach this process) or a system without fork
    render here; as many parts as workers (one visitor's brochure and flyers) render one here
    and each other in a process forked for it (``_beside``), more in a pool. Each part is
    logged here, as it comes back (a worker's own log would be lost or interleaved);
    ``progress`` counts parts. ``keep`` is given each part's documents where they were made,
    in the worker (the build writes them out there and lets go of their bytes, which then
    never cross to this process)."""
    tasks = [part for job in jobs for part in parts(job, output)]
    workers = min(workers or os.cpu_count() or 1, len(tasks))
    made: dict[Part, list[Document]] = {}
    if workers <= 1 or debug or not hasattr(os, "fork"):
        for part in tasks:
            made[part] = _done(part, *_kept(keep, *_timed(project, part, output, debug)))
            _report(progress, len(made), len(tasks))
        return _by_job(jobs, tasks, made)
    load_before_forking(jobs, output)
    # What the workers inherit, set aside from the collector as Python's manual advises before
    # forking: their collections no longer go over it, nor write to its objects (which copied
    # the memory they share with this process). Given back after, for a process that builds
    # again (watch), where it would otherwise stay for ever, garbage among it.
    gc.freeze()
    try:
        if workers == len(tasks):
            _beside(project, tasks, output, made, progress, keep)
        else:
            _in_pool(project, tasks, output, workers, made, progress, keep)
    finally:
        gc.unfreeze()
    return _by_job(jobs, tasks, made)


def _in_pool(project: Project, tasks: list[Part], output: Output, workers: int, made: dict[Part, list[Document]],
             progress: Optional[Progress], keep: Optional[Keep]) -> None:
    """More parts than workers: a pool of forked workers takes them as each is free."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only with a pool (13 ms to import)
    from concurrent.futures.process import BrokenProcessPool

    global _PROJECT, _KEEP
    _PROJECT, _KEEP = project, keep
    # The overviews first: the longest parts start first when the parts share the cores.
    ordered = sorted(tasks, key=lambda part: part.job.kind != "zone")
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=end_with_the_build) as pool:
            futures = {pool.submit(_render_in_worker, part, output): part for part in ordered}
            for future in as_completed(futures):
                made[futures[future]] = _done(futures[future], *future.result())
                _report(progress, len(made), len(tasks))
    except BrokenProcessPool as exc:
        raise _worker_lost() from exc
    finally:
        _PROJECT = _KEEP = None


def _beside(project: Project, tasks: list[Part], output: Output, made: dict[Part, list[Document]],
            progress: Optional[Progress], keep: Optional[Keep]) -> None:
    """As many parts as workers: each but the first in a process forked for it (``forked``),
    the first here meanwhile. A pool's start, its import and its shutdown were a tenth of a
    visitor's build (25 ms); a fork is 2-4 ms. The first part is a visitor's brochure, the
    longer (48 against 29 ms for the flyers, cold). A forked part that ends without sending
    anything fails the build as with a pool (``_worker_lost``); one that fails sends its
    error, raised here."""
    from briefing.pipeline import forked

    others = [(part, forked.fork(functools.partial(_forked_part, project, part, output, keep))) for part in tasks[1:]]
    try:
        made[tasks[0]] = _done(tasks[0], *_kept(keep, *_timed(project, tasks[0], output, False)))
        _report(progress, len(made), len(tasks))
        while others:
            part, process = others[0]
            sent, value = process.result()
            others.pop(0)
            if not sent:
                raise _worker_lost()
            if isinstance(value, BaseException):
                raise value
            made[part] = _done(part, *value)
            _report(progress, len(made), len(tasks))
    finally:
        for _part, process in others:  # this process failed: the others are no longer wanted
            process.stop()


def _forked_part(project: Project, part: Part, output: Output, keep: Optional[Keep]) -> tuple[list[Document], float]:
    """In a process ``_beside`` forked: ``part`` rendered, its documents kept there."""
    global _PROJECT, _KEEP
    _PROJECT, _KEEP = project, keep  # as in a pool's worker
    return _kept(keep, *_timed(project, part, output, False))


def _worker_lost() -> BriefingError:
    """A worker process ended before its part was done (killed, or stopped by the system for
    want of memory): every part still running or waiting is lost with the pool, and the
    build fails as a whole (``build`` then replaces nothing)."""
    return BriefingError(msg("a worker process stopped before it had finished (killed, or out of memory?), so not "
                             "every document was made; nothing was replaced: build again, or with --workers 1 to "
                             "make them in one process"))


@dataclass(frozen=True)
class Part:
    """Some of a job's documents, rendered together in one process: ``kinds`` (None: all).
    A job whose documents are independent is cut in parts, so that one visitor's brochure and
    flyers, or a small build's ten documents, share the cores instead of waiting for one."""

    job: Job
    kinds: Optional[tuple[str, ...]] = None

    @property
    def name(self) -> str:
        return self.job.name


def parts(job: Job, output: Output) -> list[Part]:
    """The job cut where its documents do not depend on each other: the brochure, and the
    flyers (one layout, set for two papers, warmer together). A job that imposes, makes a
    print shop's job sheet or share images stays whole: those are made from its other
    documents."""
    planned = job.documents(output)
    kinds = list(dict.fromkeys(p.kind for p in planned))
    if output.share or len(kinds) < 2 or not set(kinds) <= {"brochure", "flyer"}:
        return [Part(job)]
    return [Part(job, (kind,)) for kind in kinds]


def _by_job(jobs: list[Job], tasks: list[Part], made: dict[Part, list[Document]]) -> dict[Job, list[Document]]:
    """Each job's documents, its parts' in the order the job lists them."""
    documents: dict[Job, list[Document]] = {job: [] for job in jobs}
    for part in tasks:
        documents[part.job] += made[part]
    return documents


Keep = Callable[[list[Document]], None]
_PROJECT: Optional[Project] = None  # the project a forked worker renders from
_KEEP: Optional[Keep] = None  # and what it does with the documents it made (``render``'s ``keep``)


def _kept(keep: Optional[Keep], documents: list[Document], seconds: float) -> tuple[list[Document], float]:
    if keep is not None:
        keep(documents)
    return documents, seconds


def _multiprocessing():
    """The multiprocessing module, imported only when a build has several jobs: one visitor's
    documents are a single job, rendered here."""
    import multiprocessing

    return multiprocessing


def load_before_forking(jobs: list[Job], output: Output) -> None:
    """Load here, once, what every worker would otherwise load for itself (``_load``), with
    Python's cyclic garbage collector off: a full collection went over everything loaded
    so far, the faces' tables among them (one while the bold face was read: 15-25 ms of a
    visitor's build). ``render`` then sets it all aside from the collector while the workers
    run (``gc.freeze``)."""
    was_on = gc.isenabled()  # off already while a build imports the layout (build)
    gc.disable()
    try:
        _load(jobs, output)
    finally:
        if was_on:
            gc.enable()


def _load(jobs: list[Job], output: Output) -> None:
    """For each language to be set, its faces (from their cached parse, ``fonts.preload``),
    hyphenation patterns (``HYPHENATION``), CLDR data (``numbers.preload``) and catalog; the
    Chinese words remembered (``words``); the overview's layout when there is one to make;
    pikepdf when imposing."""
    from briefing.layout.theme import HYPHENATION
    from briefing.text import hyphenate, i18n, numbers

    languages = sorted({job.lang for job in jobs})
    fonts.preload(face for lang in languages for face in _language_faces(lang))
    for lang in languages:
        if lang in HYPHENATION:
            hyphenate.preload(HYPHENATION[lang])
        numbers.preload(lang)
        i18n.catalog(lang)
    words.preload()
    if any(job.kind == "zone" for job in jobs):
        from briefing.layout import overview  # noqa: F401 (imported to be inherited)
    if output.impose:
        from briefing.press import impose  # noqa: F401 (pikepdf, 50 ms: once here, not in each worker)


def _language_faces(lang: str) -> tuple[str, str]:
    """The regular and bold faces an edition in ``lang`` is set in."""
    theme = for_language(DEFAULT, lang)
    return theme.font, theme.bold_font


def end_with_the_build() -> None:
    """A worker ends when the build that forked it does, even one killed outright (kill -9,
    out of memory), which gives it no chance to stop them: otherwise the worker blocks for
    ever on a pipe nobody reads, holding its memory. A thread waits on the parent's sentinel
    (a pipe the kernel closes when the parent dies) and ends the process."""
    parent = _multiprocessing().parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _end_with(parent) -> None:
    parent.join()
    os._exit(1)


def _render_in_worker(part: Part, output: Output) -> tuple[list[Document], float]:
    assert _PROJECT is not None, "a worker renders only what the build that forked it loaded"
    return _kept(_KEEP, *_timed(_PROJECT, part, output, debug=False))


def _timed(project: Project, part: Part, output: Output, debug: bool) -> tuple[list[Document], float]:
    started = time.perf_counter()
    try:
        return render_job(project, part.job, output, debug, part.kinds), time.perf_counter() - started
    finally:
        words.remember()  # the words it cut, for the next process (a worker's would be lost at its end)


def _done(part: Part, documents: list[Document], seconds: float) -> list[Document]:
    log.info("rendered %s (%s) in %.2f s", part.name, ", ".join(d.name for d in documents), seconds)
    return documents


def _report(progress: Optional[Progress], done: int, total: int) -> None:
    if progress:
        progress(done, total)


def render_job(project: Project, job: Job, output: Output, debug: bool = False,
               kinds: Optional[tuple[str, ...]] = None) -> list[Document]:
    """The job's planned documents (of ``kinds``, or all); a layout failure names the sheet
    instead of showing a traceback (``debug`` shows the traceback, for a developer)."""
    if job.kind == "zone":
        sheet, what = project.data_dir / "zone.yaml", msg("the zone overview could not be laid out ({error}); look for "
                                                         "an unusually long text in the sheets, or report it as a bug")
    elif job.kind == "mix":
        sheet, what = project.data_dir / "parks", msg(
            "the sheets of flyers could not be laid out ({error}); look for an unusually long text in the parks' "
            "sheets, or report it as a bug")
    else:
        sheet, what = project.data_dir / "parks" / f"{job.subject}.yaml", msg(
            "the brochure could not be laid out ({error}); look for an unusually long text in this sheet, or "
            "report it as a bug")
    try:
        return _Job(project, job, output).render(kinds)
    except BriefingError:
        raise
    except Exception as exc:  # ReportLab raises many kinds (LayoutError, ValueError, ...)
        if debug:
            raise
        raise BriefingError(msg("{sheet}: {problem}", sheet=str(sheet),
                                problem=msg(what.msgid, error=f"{type(exc).__name__}: {exc}"))) from exc


class _Job:
    """One job's documents, each made once: a sheet is imposed from the brochure or flyer the
    job made already (before its PDF/X finishing), or from one made for it at the size it is
    printed at; a print-shop job ends with its job sheet, made from what the job made."""

    def __init__(self, project: Project, job: Job, output: Output):
        self.project, self.job, self.output = project, job, output
        self.made: dict[tuple[str, str], Document] = {}
        self.raw: dict[tuple, bytes] = {}  # as rendered, before the PDF/X pass: what sheets are made of
        self.imposed: dict[str, object] = {}  # press.impose.Imposed by imposition
        self.jobsheet: Optional[tuple[bytes, int, bytes]] = None

    def render(self, kinds: Optional[tuple[str, ...]] = None) -> list[Document]:
        documents = [self.document(planned) for planned in self.job.documents(self.output)
                     if kinds is None or planned.kind in kinds]
        if self.output.share:
            documents += self._share(documents)
        return documents

    def _share(self, documents: list[Document]) -> list[Document]:
        """The images for WeChat: each page of the brochure, of the flyer on the build's paper
        and of the overview; the brochure's long image; the park's poster. Drawn from the
        documents as made for a screen (a print shop's bleed, crop marks and CMYK left out)."""
        from briefing.pipeline import share

        images: list[Document] = []
        paper = self.output.spec.paper
        for document in documents:
            shared = document.kind in ("brochure", "overview") or (document.kind == "flyer" and document.paper == paper)
            if not shared:
                continue
            pages = share.page_images(self._for_screen(document))
            stem = document.name.removesuffix(".pdf")
            images += [self._image(f"{stem}-p{number:02d}.png", "page", page, document)
                       for number, page in enumerate(pages, start=1)]
            if document.kind == "brochure":
                images.append(self._image(f"{stem}-long.png", "long", share.long_image(pages), document))
        if self.job.kind == "park":
            data, _ = render_poster(self.project, self.job.subject, self.job.lang)
            [poster] = share.page_images(data)
            name = output_name("poster", self.job.subject, self.job.lang).removesuffix(".pdf") + ".png"
            images.append(Document(name, share.png(poster), 1, kind="poster", subject=self.job.subject,
                                   lang=self.job.lang, paper="", pixels=poster.size))
        return images

    def _image(self, name: str, kind: str, image, of: Document) -> Document:
        from briefing.pipeline import share

        return Document(name, share.png(image), 1, kind=kind, subject=of.subject, lang=of.lang, paper=of.paper,
                        pixels=image.size)

    def _for_screen(self, document: Document) -> bytes:
        """The document as a screen shows it: itself, unless made for a print shop, then made
        again without bleed, crop marks or CMYK."""
        spec = self.output.spec
        if not spec.bleed and not spec.cmyk:
            return document.data
        screen = dataclasses.replace(self.output, spec=dataclasses.replace(spec, bleed=0.0, cmyk=False))
        if document.kind == "overview":
            return render_overview(self.project, self.job.lang, screen)[0]
        render = render_brochure if document.kind == "brochure" else render_flyer
        return render(self.project, self.job.subject, self.job.lang, screen, document.paper)[0]

    def document(self, planned: Planned) -> Document:
        key = (planned.kind, planned.paper)
        if key not in self.made:
            notes: list[str] = []
            data, pages = self._pdf(planned, notes)
            self.made[key] = Document(planned.name, data, pages, kind=planned.kind, subject=planned.subject,
                                      lang=planned.lang, paper=planned.paper, notes=notes)
        return self.made[key]

    def _pdf(self, planned: Planned, notes: list[str]) -> tuple[bytes, int]:
        project, job, output = self.project, self.job, self.output
        if planned.kind in ("jobsheet", "jobsheet-text"):
            return self._jobsheet(planned.kind)
        if planned.kind in PER_SHEET:
            return self._sheets(planned.kind, notes)
        if planned.kind == "overview":
            data, pages = render_overview(project, job.lang, output, notes=notes)
        elif planned.kind == "brochure":
            data, pages = render_brochure(project, job.subject, job.lang, output, planned.paper, notes=notes)
        else:
            data, pages = render_flyer(project, job.subject, job.lang, output, planned.paper, notes=notes)
        self.raw[(planned.kind, job.subject, planned.paper, 1.0)] = data
        return _for_press(data, output), pages

    def _sheets(self, kind: str, notes: list[str]) -> tuple[bytes, int]:
        """A print shop's sheets (with ``--bleed`` or ``--cmyk``: pieces at 100 %) or an office
        printer's A4; they say what their pieces say (``notes``)."""
        from briefing.press import impose  # pikepdf, only for a build that imposes

        spec = self.output.spec
        theme = spec.theme(DEFAULT)  # the marks' colour space and sizes
        piece, count, spine = PAPERS[PIECE[kind]], PER_SHEET[kind], kind == "booklet"
        if spec.for_press:
            layout = impose.print_layout(piece, count, spec.bleed, theme, self.output.sheet, spine=spine)
        else:
            layout = impose.office_layout(piece, count, theme, spine=spine)
        x0, y0, x1, y1 = layout.artwork()[0]
        scale = min((x1 - x0) / piece[0], (y1 - y0) / piece[1])  # below 1 only on an office printer's sheet
        if spine:
            imposed = impose.booklet(self._piece("brochure", self.job.subject, PIECE[kind], scale, notes), layout,
                                     theme)
        else:
            parks = self.job.parks if self.job.kind == "mix" else (self.job.subject,)
            imposed = impose.n_up([self._piece("flyer", park, PIECE[kind], scale, notes) for park in parks], layout,
                                  theme)
        self.imposed[kind] = imposed
        return _for_press(imposed.data, self.output), imposed.pages

    def _piece(self, kind: str, park_id: str, paper: str, scale: float, notes: list[str]) -> bytes:
        """The brochure or flyer a sheet is made of, on the piece's own paper (A5, or the A6
        card: a design of its own, placed at full size, not an A5 flyer scaled down), made for
        being printed at ``scale`` (on an office printer's sheet, where each piece shrinks to
        leave a white border): its smallest knocked-out type grows to stay right once scaled.
        The job's own document is used when it is the same; one made here adds its notes."""
        scale = round(scale, 4)
        key = (kind, park_id, paper, scale)
        if key not in self.raw:
            spec = dataclasses.replace(self.output.spec, paper=paper, bleed=self.output.spec.bleed / scale,
                                       scale=scale)
            output = dataclasses.replace(self.output, spec=spec)
            render = render_brochure if kind == "brochure" else render_flyer
            self.raw[key] = render(self.project, park_id, self.job.lang, output, paper, notes=notes)[0]
        return self.raw[key]

    def _jobsheet(self, kind: str) -> tuple[bytes, int]:
        """The job sheet for the print shop (a PDF and its text), from the job's other documents."""
        if self.jobsheet is None:
            from briefing.layout import jobsheet

            documents = [doc for (doc_kind, _), doc in self.made.items() if not doc_kind.startswith("jobsheet")]
            parks = [self.project.parks[p] for p in (self.job.parks or (self.job.subject,)) if p in self.project.parks]
            as_of = max((park.as_of for park in parks or self.project.parks.values()), key=lambda d: d.first_day())
            self.jobsheet = jobsheet.make(self.project, self.job, self.output, documents, self.imposed,
                                          document_epoch(as_of))
        pdf, pages, text = self.jobsheet
        return (pdf, pages) if kind == "jobsheet" else (text, 1)


def _for_press(data: bytes, output: Output) -> bytes:
    """A CMYK PDF finished as PDF/X for the print shop; any other as it is."""
    if not output.spec.cmyk:
        return data
    from briefing.press import pdfx  # pikepdf, only for a print-shop build

    return pdfx.finish(data, output.spec.condition)


def render_brochure(project: Project, park_id: str, lang: str, output: Output = Output(),
                    paper: str = "A4", theme: Theme = DEFAULT, notes: Optional[list[str]] = None) -> tuple[bytes, int]:
    """A park's brochure, and its page count; what its cover left out is added to ``notes``."""
    fonts.register()
    park = project.parks[park_id]
    theme = _printed_at(_park_theme(theme, project, park, lang, output).for_paper(PAPERS[paper]), output)

    def attempt(spacing: float, push: int):
        brochure = Brochure(park, project, lang, theme.spaced(spacing), output.dedication)
        brochure.push = push
        doc = BriefingDoc(io.BytesIO(), brochure.edition.theme, brochure.meta(document_epoch(park.as_of)), output.spec)
        return doc.render(brochure.story()), doc.page, doc.fills(), brochure.edition

    # An A5 brochure is also the booklet's pages: one page past a multiple of 4 would need
    # three blank pages, so it is set again for one more page where that fills well.
    booklet = paper == HANDOUT
    return _well_filled(attempt, notes, avoid=(lambda pages: pages % 4 == 1 and pages > 4) if booklet else None)


def render_flyer(project: Project, park_id: str, lang: str, output: Output, paper: str,
                 theme: Theme = DEFAULT, notes: Optional[list[str]] = None) -> tuple[bytes, int]:
    """A park's one-page flyer on ``paper`` (A6: the card), and its page count; what it left
    out is added to ``notes``."""
    fonts.register()
    park = project.parks[park_id]
    theme = _printed_at(_park_theme(theme, project, park, lang, output).for_flyer(PAPERS[paper]), output)
    flyer = Flyer(park, project, lang, theme, output.event)
    made = _render_pdf(flyer, theme, output, park.as_of)
    _noted(notes, flyer.edition)
    return made


def render_poster(project: Project, park_id: str, lang: str, theme: Theme = DEFAULT) -> tuple[bytes, int]:
    """A park's share poster (one page of 360 x 640 pt), in RGB: it is made for a screen."""
    fonts.register()
    park = project.parks[park_id]
    from briefing.layout.poster import Poster, poster_theme  # only with --share

    theme = poster_theme(_park_theme(theme, project, park, lang, Output()))
    return _render_pdf(Poster(park, project, lang, theme), theme, Output(), park.as_of)


def render_overview(project: Project, lang: str, output: Output = Output(),
                    theme: Theme = DEFAULT, notes: Optional[list[str]] = None) -> tuple[bytes, int]:
    """The zone overview in ``lang`` on the build's paper and in its colour space, in the
    zone's own theme: branding is a park's, so no park's colour or logo is the overview's."""
    from briefing.layout.overview import Overview  # not for a visitor's park documents

    fonts.register()
    paper = output.spec.paper
    theme = output.spec.theme(for_language(theme, lang)).for_paper(PAPERS[paper])

    def attempt(spacing: float, push: int):
        overview = Overview(project, lang, theme.spaced(spacing), output.dedication)
        overview.push = push
        fills: list = []
        data, pages = render_with_contents(overview.theme, overview.meta(document_epoch(overview.as_of)),
                                           overview.story, output.spec, fills)
        return data, pages, fills, overview.edition

    return _well_filled(attempt, notes)


#: How a document is set again when its last page is left too empty (``document.well_filled``),
#: in the order tried: the spacing between blocks tightened (pulling the last lines back), then
#: a new page started before the last block, the last two, ... (giving the last page more, as
#: long as the page before stays full enough), then both.
TIGHT, LOOSE = 0.6, 1.6
RETRIES = ((TIGHT, 0), *((1.0, push) for push in range(1, 7)), *((TIGHT, push) for push in range(1, 4)))
#: For a page count to avoid (an A5 brochure one page past a multiple of 4), the spacing loosened
#: too, for one more page.
MORE_PAGES = ((LOOSE, 0), *((LOOSE, push) for push in range(1, 4)))
#: A longer document is not set again (each setting takes as long as the first).
MAX_RETRIED_PAGES = 60


def _well_filled(attempt, notes: Optional[list[str]], avoid=None) -> tuple[bytes, int]:
    """``attempt(spacing, push)`` as it comes, or set again as ``RETRIES`` says until no page
    is too empty (nor its page count one to ``avoid``); the first that is, or the first
    attempt if none is."""
    data, pages, fills, edition = attempt(1.0, 0)
    # The retries move the last lines: they help a last page too empty, nothing earlier.
    last_only = well_filled(fills[:-1] + [1.0]) if fills else True
    if pages <= MAX_RETRIED_PAGES and last_only and (not well_filled(fills) or (avoid and avoid(pages))):
        for spacing, push in RETRIES + (MORE_PAGES if avoid and avoid(pages) else ()):
            tried = attempt(spacing, push)
            if well_filled(tried[2]) and not (avoid and avoid(tried[1])):
                data, pages, fills, edition = tried
                break
        else:
            log.debug("no setting left every page well filled: %s", fills)
            if layout_document.TRACE is not None:  # the layout audit measures the setting kept, the first
                attempt(1.0, 0)
    _noted(notes, edition)
    return data, pages


def _noted(notes: Optional[list[str]], edition) -> None:
    if notes is not None:
        notes += [note for note in edition.notes if note not in notes]


def _printed_at(theme: Theme, output: Output) -> Theme:
    """A piece printed smaller than its size (on an office printer's sheet, scaled into its cell
    to leave a white border) is set in type larger by as much, so that on paper it keeps its
    design and nothing falls under the type floor; what no longer fits is left out, and said."""
    scale = output.spec.scale
    return theme if scale >= 1 else dataclasses.replace(theme, type=theme.type.scaled(1 / scale))


def _park_theme(theme: Theme, project: Project, park, lang: str, output: Output) -> Theme:
    """The edition's faces, the park's own accent, logo and cover photo, then the build's colour
    space (a park's accent is converted to CMYK with the rest)."""
    from briefing.layout.pictures import with_cover

    return output.spec.theme(with_cover(branded(for_language(theme, lang), park.branding, project.images), park,
                                        project.images))


def _render_pdf(layout, theme: Theme, output: Output, as_of: PartialDate) -> tuple[bytes, int]:
    doc = BriefingDoc(io.BytesIO(), theme, layout.meta(document_epoch(as_of)), output.spec)
    data = doc.render(layout.story())
    return data, doc.page


def document_epoch(as_of: PartialDate) -> int:
    """The PDF's date: SOURCE_DATE_EPOCH when set (reproducible builds), else the as-of date,
    never the clock, so the same input gives the same bytes."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return calendar.timegm(as_of.first_day().timetuple())
    if not value.isdigit() or int(value) > LAST_EPOCH:
        raise BriefingError(f"SOURCE_DATE_EPOCH={value!r} is not a time: expected seconds since 1970 "
                            "(e.g. 1619827200); fix or unset the environment variable")
    return int(value)
