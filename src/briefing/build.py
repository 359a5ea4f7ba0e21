"""The pipeline: load and validate every sheet, render each document, then write them all."""

from __future__ import annotations

import calendar
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Optional

from briefing import fonts
from briefing.errors import BriefingError, InvalidData
from briefing.layout.brochure import Brochure
from briefing.layout.document import BriefingDoc, render_with_contents
from briefing.layout.overview import Overview
from briefing.project import Project, load_project
from briefing.schema import PartialDate
from briefing.theme import DEFAULT, Theme, branded, for_language
from briefing.write import output_name, write_atomic

#: Every document is made in each of these languages, in this order.
LANGUAGES = ("zh", "en")
LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z, the last date a PDF can state


@dataclass
class Document:
    """One rendered PDF, before or after it is written."""

    name: str
    data: bytes
    pages: int
    path: Optional[Path] = None


def check(data_dir: Path, strict: bool = False) -> Project:
    """Load and validate; raise with every problem when the data cannot be built."""
    project = load_project(data_dir)
    if project.problems.fatal(strict):
        raise InvalidData(project.problems, strict)
    return project


def build(data_dir: Path, out_dir: Path, park_ids: Iterable[str] = (), strict: bool = False,
          theme: Theme = DEFAULT, debug: bool = False, languages: Iterable[str] = LANGUAGES,
          overview: Optional[bool] = None) -> tuple[Project, list[Document]]:
    """Validate everything, render every document in memory, and only then write them. The
    zone overview is written with the brochures unless only some parks are asked for (or
    ``overview`` says otherwise: the watch rebuilds it with any park, as it shows them all)."""
    project = check(data_dir, strict)
    parks = _select(project, list(park_ids))
    languages = list(languages)
    documents = [_render(project, park_id, lang, theme, debug) for park_id in parks for lang in languages]
    if overview if overview is not None else not park_ids:
        documents += [_render_overview(project, lang, theme, debug) for lang in languages]
    for document in documents:
        document.path = Path(out_dir) / document.name
        try:
            write_atomic(document.path, document.data)
        except OSError as exc:
            raise BriefingError(f"{document.path}: cannot write ({exc.strerror}); "
                                "check that the --out folder is writable and has space") from exc
    return project, documents


def _render(project: Project, park_id: str, lang: str, theme: Theme, debug: bool) -> Document:
    sheet = project.data_dir / "parks" / f"{park_id}.yaml"
    return _laid_out(lambda: render_brochure(project, park_id, lang, theme), debug,
                     f"{sheet}: the brochure", "in this sheet")


def _render_overview(project: Project, lang: str, theme: Theme, debug: bool) -> Document:
    return _laid_out(lambda: render_overview(project, lang, theme), debug,
                     f"{project.data_dir / 'zone.yaml'}: the zone overview", "in the sheets")


def _laid_out(render, debug: bool, what: str, where: str) -> Document:
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


def _select(project: Project, park_ids: list[str]) -> list[str]:
    unknown = [p for p in park_ids if p not in project.parks]
    if unknown:
        known = ", ".join(project.parks) or "none"
        raise BriefingError(f"no park with id {', '.join(map(repr, unknown))} in "
                            f"{project.data_dir}/parks; the parks are: {known}")
    return list(dict.fromkeys(park_ids)) or list(project.parks)  # each park once, in the order asked


def write_specimen(path: Path) -> Path:
    """The typesetting specimen (stock ReportLab beside ours), written atomically."""
    from briefing.layout.specimen import render_specimen  # a developer's tool: not loaded by builds

    path = Path(path)
    try:
        write_atomic(path, render_specimen())
    except OSError as exc:
        raise BriefingError(f"{path}: cannot write ({exc.strerror}); check that the folder is writable") from exc
    return path


def render_brochure(project: Project, park_id: str, lang: str, theme: Theme = DEFAULT) -> Document:
    fonts.register()
    park = project.parks[park_id]
    theme = for_language(theme, lang)
    theme = branded(theme, park.branding, project.images)
    brochure = Brochure(park, project, lang, theme)
    buffer = io.BytesIO()
    doc = BriefingDoc(buffer, theme, brochure.meta(document_epoch(park.as_of)))
    data = doc.render(brochure.story())
    return Document(output_name("park", park_id, lang), data, doc.page)


def render_overview(project: Project, lang: str, theme: Theme = DEFAULT) -> Document:
    """The zone overview in ``lang``, in the zone's own theme: branding is a park's, so no
    park's colour or logo is the overview's."""
    fonts.register()
    theme = for_language(theme, lang)
    overview = Overview(project, lang, theme)
    data, pages = render_with_contents(theme, overview.meta(document_epoch(overview.as_of)), overview.story)
    return Document(output_name("zone", project.zone.id, lang), data, pages)


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
