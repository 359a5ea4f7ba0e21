"""Rendering: each planned document made into PDF bytes, in memory, by its layout. A job renders
in this process or in a worker process, one per core (ReportLab is not thread-safe); either way
the same functions make the same bytes.
"""

from __future__ import annotations

import calendar
import io
import logging
import multiprocessing
import os
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import BriefingError
from briefing.layout.brochure import Brochure
from briefing.layout.document import BriefingDoc, render_with_contents, well_filled
from briefing.layout.flyer import Flyer
from briefing.layout.overview import Overview
from briefing.layout.theme import DEFAULT, PAPERS, Theme, branded, for_language
from briefing.pipeline.options import HANDOUT, PIECES, SHEET, Output
from briefing.pipeline.plan import Job, Planned
from briefing.sheets.project import Project
from briefing.sheets.schema import PartialDate
from briefing.text import fonts

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
    kind: str = ""  # brochure, flyer, overview, or the imposition (2up, 4up, booklet)
    subject: str = ""  # the park's id, or the zone's
    lang: str = ""
    paper: str = ""
    #: What the layout had to say about it (what a fixed page left out), for the build's output.
    notes: list[str] = field(default_factory=list)


def render(project: Project, jobs: list[Job], output: Output, workers: Optional[int] = None, debug: bool = False,
           progress: Optional[Progress] = None) -> dict[Job, list[Document]]:
    """Each job's documents. Several jobs are shared among worker processes, one per core;
    forked workers inherit the loaded project and fonts. One job, one worker, ``debug`` (a
    traceback must reach this process) or a system without fork render here. Each job is
    logged here, as it comes back (a worker's own log would be lost or interleaved)."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    made: dict[Job, list[Document]] = {}
    if workers <= 1 or debug or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            made[job] = _done(job, *_timed(project, job, output, debug))
            _report(progress, len(made), len(jobs))
        return made
    global _PROJECT
    _PROJECT = project
    # The overviews first: the longest jobs start first when the jobs share the cores.
    ordered = sorted(jobs, key=lambda job: job.kind != "zone")
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            futures = {pool.submit(_render_in_worker, job, output): job for job in ordered}
            for future in as_completed(futures):
                made[futures[future]] = _done(futures[future], *future.result())
                _report(progress, len(made), len(jobs))
    finally:
        _PROJECT = None
    return made


_PROJECT: Optional[Project] = None  # the project a forked worker renders from


def _render_in_worker(job: Job, output: Output) -> tuple[list[Document], float]:
    assert _PROJECT is not None, "a worker renders only what the build that forked it loaded"
    return _timed(_PROJECT, job, output, debug=False)


def _timed(project: Project, job: Job, output: Output, debug: bool) -> tuple[list[Document], float]:
    started = time.perf_counter()
    return render_job(project, job, output, debug), time.perf_counter() - started


def _done(job: Job, documents: list[Document], seconds: float) -> list[Document]:
    log.info("rendered %s (%s) in %.2f s", job.name, ", ".join(d.name for d in documents), seconds)
    return documents


def _report(progress: Optional[Progress], done: int, total: int) -> None:
    if progress:
        progress(done, total)


def render_job(project: Project, job: Job, output: Output, debug: bool = False) -> list[Document]:
    """The job's planned documents; a layout failure names the sheet instead of showing a
    traceback (``debug`` shows the traceback, for a developer)."""
    if job.kind == "zone":
        what, where = f"{project.data_dir / 'zone.yaml'}: the zone overview", "in the sheets"
    else:
        what, where = f"{project.data_dir / 'parks' / f'{job.subject}.yaml'}: the brochure", "in this sheet"
    try:
        return _Job(project, job, output).render()
    except BriefingError:
        raise
    except Exception as exc:  # ReportLab raises many kinds (LayoutError, ValueError, ...)
        if debug:
            raise
        raise BriefingError(f"{what} could not be laid out ({type(exc).__name__}: {exc}); "
                            f"look for an unusually long text {where}, or report it as a bug") from exc


class _Job:
    """One job's documents, each made once: a sheet is imposed from the brochure or flyer the
    job made already, or from one made for it on the sheet's piece size."""

    def __init__(self, project: Project, job: Job, output: Output):
        self.project, self.job, self.output = project, job, output
        self.made: dict[tuple[str, str], Document] = {}

    def render(self) -> list[Document]:
        return [self.document(planned) for planned in self.job.documents(self.output)]

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
        if planned.kind == "overview":
            return render_overview(project, job.lang, output, notes=notes)
        if planned.kind == "brochure":
            return render_brochure(project, job.subject, job.lang, output, planned.paper, notes=notes)
        if planned.kind == "flyer":
            return render_flyer(project, job.subject, job.lang, output, planned.paper, notes=notes)
        return self._sheets(planned.kind, notes)

    def _sheets(self, kind: str, notes: list[str]) -> tuple[bytes, int]:
        """Imposed sheets have no bleed (pieces share their cut lines); they say what their
        piece says."""
        from briefing.press import impose  # pypdf, only for a build that imposes

        theme = self.output.spec.theme(DEFAULT)  # the marks' colour space
        if kind == "booklet":
            piece = self._piece("brochure", HANDOUT)
            data = impose.booklet(piece.data, PAPERS[SHEET], theme)
        else:
            piece = self._piece("flyer", PIECES[kind])
            data = impose.n_up(piece.data, impose.grid_for(PAPERS[SHEET], PAPERS[PIECES[kind]]), theme)
        notes += piece.notes
        return data, impose.page_count(data)

    def _piece(self, kind: str, paper: str) -> Document:
        """The brochure or flyer a sheet is made of, on the sheet's piece size: the A5 brochure
        of a booklet, the A5 flyer of 2-up, the A6 card of 4-up (a design of its own, placed
        at full size, not an A5 flyer scaled down)."""
        name = f"{kind}-for-sheets"
        if (kind, paper) in self.made:
            return self.made[(kind, paper)]
        return self.document(Planned(kind, self.job.subject, self.job.lang, paper, name))


def render_brochure(project: Project, park_id: str, lang: str, output: Output = Output(),
                    paper: str = "A4", theme: Theme = DEFAULT, notes: Optional[list[str]] = None) -> tuple[bytes, int]:
    """A park's brochure, and its page count; what its cover left out is added to ``notes``."""
    fonts.register()
    park = project.parks[park_id]
    theme = _park_theme(theme, project, park, lang, output).for_paper(PAPERS[paper])

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
    theme = _park_theme(theme, project, park, lang, output).for_flyer(PAPERS[paper])
    flyer = Flyer(park, project, lang, theme, output.event)
    made = _render_pdf(flyer, theme, output, park.as_of)
    _noted(notes, flyer.edition)
    return made


def render_overview(project: Project, lang: str, output: Output = Output(),
                    theme: Theme = DEFAULT, notes: Optional[list[str]] = None) -> tuple[bytes, int]:
    """The zone overview in ``lang`` on the build's paper and in its colour space, in the
    zone's own theme: branding is a park's, so no park's colour or logo is the overview's."""
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
    _noted(notes, edition)
    return data, pages


def _noted(notes: Optional[list[str]], edition) -> None:
    if notes is not None:
        notes += [note for note in edition.notes if note not in notes]


def _park_theme(theme: Theme, project: Project, park, lang: str, output: Output) -> Theme:
    """The edition's faces, the park's own accent and logo, then the build's colour space (a
    park's accent is converted to CMYK with the rest)."""
    return output.spec.theme(branded(for_language(theme, lang), park.branding, project.images))


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
