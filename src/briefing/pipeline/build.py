"""The pipeline: load and validate every sheet, render each document, then write them all."""

from __future__ import annotations

import calendar
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from briefing.text import fonts
from briefing.pipeline.options import HANDOUT, SHEET, Output, Selection
from briefing.errors import BriefingError, InvalidData
from briefing.pipeline.make import LANGUAGES  # every document is made in each, in this order
from briefing.layout.brochure import Brochure
from briefing.layout.document import BriefingDoc, render_with_contents
from briefing.layout.flyer import Flyer
from briefing.layout.overview import Overview
from briefing.press import impose
from briefing.sheets.project import Project, load_project
from briefing.sheets.schema import PartialDate
from briefing.layout.theme import DEFAULT, PAPERS, Theme, branded, for_language
from briefing.output.write import LOCK_WAIT, Busy, output_name, write_all, write_atomic

LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last date a PDF can state


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


def check(data_dir: Path, strict: bool = False) -> Project:
    """Load and validate; raise with every problem when the data cannot be built."""
    project = load_project(data_dir)
    if project.problems.fatal(strict):
        raise InvalidData(project.problems, strict)
    return project


def build(data_dir: Path, out_dir: Path, park_ids: Iterable[str] = (), strict: bool = False,
          theme: Theme = DEFAULT, debug: bool = False, languages: Iterable[str] = LANGUAGES,
          output: Output = Output(), overview: Optional[bool] = None) -> tuple[Project, list[Document]]:
    """Validate everything, render every document in memory, and only then write them. The
    zone overview is written with the brochures unless only some parks are asked for (or
    ``overview`` says otherwise: the watch rebuilds it with any park, as it shows them all)."""
    project = check(data_dir, strict)
    parks = select_parks(project, list(park_ids))
    languages = list(languages)
    documents = [document for park_id in parks for lang in languages
                 for document in render_park_safely(project, park_id, lang, output, debug, theme)]
    if overview if overview is not None else not park_ids:
        documents += [render_overview_safely(project, lang, output, debug, theme) for lang in languages]
    write_documents(Path(out_dir), documents)
    return project, documents


def write_documents(out_dir: Path, documents: list[Document], extra: Optional[dict[str, bytes]] = None) -> None:
    """Every document (and ``extra`` files, e.g. the manifest) under the folder's lock."""
    for document in documents:
        document.path = out_dir / document.name
    try:
        write_all(out_dir, {**{document.name: document.data for document in documents}, **(extra or {})})
    except Busy as exc:
        raise BriefingError(f"{out_dir}: another build has been writing here for {LOCK_WAIT:.0f} s; "
                            "wait for it to finish, then build again") from exc
    except OSError as exc:
        raise BriefingError(f"{exc.filename or out_dir}: cannot write ({exc.strerror}); "
                            "check that the --out folder is writable and has space") from exc


def render_park_safely(project: Project, park_id: str, lang: str, output: Output = Output(), debug: bool = False,
                       theme: Theme = DEFAULT, with_brochure: bool = True, with_flyers: bool = True) -> list[Document]:
    """One park's documents (brochure, flyers, imposed sheets); a layout failure names the sheet."""
    sheet = project.data_dir / "parks" / f"{park_id}.yaml"
    return _laid_out(lambda: render_park(project, park_id, lang, theme, output, with_brochure, with_flyers), debug,
                     f"{sheet}: the brochure", "in this sheet")


def render_selection(project: Project, selection: Selection, languages: Iterable[str], output: Output = Output(),
                     theme: Theme = DEFAULT) -> list[Document]:
    """The chosen documents in each language, parks first, as ``build`` orders them."""
    documents = []
    for lang in languages:
        for park_id in select_parks(project, selection.parks):
            documents += render_park_safely(project, park_id, lang, output, False, theme,
                                            park_id in selection.brochures, park_id in selection.flyers)
        if selection.overview:
            documents.append(render_overview_safely(project, lang, output, False, theme))
    return documents


def render_overview_safely(project: Project, lang: str, output: Output = Output(), debug: bool = False,
                           theme: Theme = DEFAULT) -> Document:
    """The zone overview; a layout failure names zone.yaml."""
    return _laid_out(lambda: render_overview(project, lang, theme, output), debug,
                     f"{project.data_dir / 'zone.yaml'}: the zone overview", "in the sheets")


def _laid_out(render, debug: bool, what: str, where: str):
    """``render()``; a failure names the fact sheet instead of showing a traceback
    (``debug`` shows the traceback, for a developer)."""
    try:
        return render()
    except BriefingError:
        raise
    except Exception as exc:  # ReportLab raises many kinds (LayoutError, ValueError, ...)
        if debug:
            raise
        raise BriefingError(
            f"{what} could not be laid out ({type(exc).__name__}: {exc}); "
            f"look for an unusually long text {where}, or report it as a bug"
        ) from exc


def select_parks(project: Project, park_ids: list[str]) -> list[str]:
    unknown = [p for p in park_ids if p not in project.parks]
    if unknown:
        known = ", ".join(project.parks) or "none"
        raise BriefingError(f"no park with id {', '.join(map(repr, unknown))} in "
                            f"{project.data_dir}/parks; the parks are: {known}")
    return list(dict.fromkeys(park_ids)) or list(project.parks)  # each park once, in the order asked


def render_park(project: Project, park_id: str, lang: str, theme: Theme = DEFAULT,
                output: Output = Output(), with_brochure: bool = True, with_flyers: bool = True) -> list[Document]:
    """The brochure, the flyers and the imposed sheets that ``output`` asks for (a booklet is
    made of the brochure, the other sheets of the flyer: each only with what it is made of)."""
    brochure = render_brochure(project, park_id, lang, theme, output, output.spec.paper) if with_brochure else None
    papers = output.flyer_papers if with_flyers else []
    flyers = {paper: render_flyer(project, park_id, lang, theme, output, paper) for paper in papers}
    sheets = [_impose(kind, project, park_id, lang, theme, output, brochure, flyers.get(HANDOUT))
              for kind in output.impose if (brochure if kind == "booklet" else flyers)]
    return [*([brochure] if brochure else []), *flyers.values(), *sheets]


def _impose(kind: str, project: Project, park_id: str, lang: str, theme: Theme, output: Output,
            brochure: Optional[Document], flyer: Optional[Document]) -> Document:
    """Imposed sheets have no bleed (pieces share their cut lines), so only the colour space
    and the visitor (for a booklet) reach the file name."""
    sheet, marks = PAPERS[SHEET], output.spec.theme(theme)
    cmyk = ["cmyk"] if output.spec.cmyk else []
    if kind == "booklet":
        if output.spec.paper != HANDOUT:
            brochure = render_brochure(project, park_id, lang, theme, output, HANDOUT)
        dedication = [output.dedication.file_part()] if output.dedication else []
        data = impose.booklet(brochure.data, sheet, marks)
        name = output_name("booklet", park_id, lang, HANDOUT.lower(), *cmyk, *dedication)
    else:
        piece = HANDOUT if kind == "2up" else "A6"
        data = impose.n_up(flyer.data, impose.grid_for(sheet, PAPERS[piece]), marks)
        name = output_name("flyer", park_id, lang, f"{piece.lower()}-{kind}", *cmyk)
    return Document(name, data, impose.page_count(data), kind=kind, subject=park_id, lang=lang, paper=SHEET)


def render_brochure(project: Project, park_id: str, lang: str, theme: Theme = DEFAULT,
                    output: Output = Output(), paper: str = "A4") -> Document:
    fonts.register()
    park = project.parks[park_id]
    theme = _park_theme(theme, project, park, lang, output)
    theme = theme.for_paper(PAPERS[paper]) if paper != "A4" else theme
    brochure = Brochure(park, project, lang, theme, output.dedication)
    data, pages = _render_pdf(brochure, theme, output, park.as_of)
    extra = ([] if paper == "A4" else [paper.lower()]) + output.spec.finish()
    if output.dedication:
        extra.append(output.dedication.file_part())
    return Document(output_name("park", park_id, lang, *extra), data, pages, kind="brochure", subject=park_id,
                    lang=lang, paper=paper)


def render_flyer(project: Project, park_id: str, lang: str, theme: Theme, output: Output, paper: str) -> Document:
    fonts.register()
    park = project.parks[park_id]
    theme = _park_theme(theme, project, park, lang, output).for_flyer(PAPERS[paper])
    data, pages = _render_pdf(Flyer(park, project, lang, theme, output.event), theme, output, park.as_of)
    return Document(output_name("flyer", park_id, lang, paper.lower(), *output.spec.finish()), data, pages,
                    kind="flyer", subject=park_id, lang=lang, paper=paper)


def _park_theme(theme: Theme, project: Project, park, lang: str, output: Output) -> Theme:
    """The edition's faces, the park's own accent and logo, then the build's colour space (a
    park's accent is converted to CMYK with the rest)."""
    return output.spec.theme(branded(for_language(theme, lang), park.branding, project.images))


def _render_pdf(layout, theme: Theme, output: Output, as_of: PartialDate) -> tuple[bytes, int]:
    doc = BriefingDoc(io.BytesIO(), theme, layout.meta(document_epoch(as_of)), output.spec)
    data = doc.render(layout.story())
    return data, doc.page


def write_specimen(path: Path) -> Path:
    """The typesetting specimen (stock ReportLab beside ours), written atomically."""
    from briefing.layout.specimen import render_specimen  # a developer's tool: not loaded by builds

    path = Path(path)
    try:
        write_atomic(path, render_specimen())
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write ({exc.strerror}); check that the folder is writable") from exc
    return path


def render_overview(project: Project, lang: str, theme: Theme = DEFAULT, output: Output = Output()) -> Document:
    """The zone overview in ``lang`` on the build's paper and in its colour space, in the
    zone's own theme: branding is a park's, so no park's colour or logo is the overview's."""
    fonts.register()
    paper = output.spec.paper
    theme = output.spec.theme(for_language(theme, lang))
    theme = theme.for_paper(PAPERS[paper]) if paper != "A4" else theme
    overview = Overview(project, lang, theme, output.dedication)
    data, pages = render_with_contents(theme, overview.meta(document_epoch(overview.as_of)), overview.story,
                                       output.spec)
    extra = ([] if paper == "A4" else [paper.lower()]) + output.spec.finish()
    if output.dedication:
        extra.append(output.dedication.file_part())
    return Document(output_name("zone", project.zone.id, lang, *extra), data, pages, kind="overview",
                    subject=project.zone.id, lang=lang, paper=paper)


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
