"""The plan of a build: the jobs a request makes, each job's documents, and their file names,
all decided before anything is rendered (and, for a build that may have nothing to do, before
any fact sheet is read).

Light on purpose (no ReportLab, no YAML).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefing.pipeline.options import HANDOUT, MADE_OF, PIECE, SHEET, Output, Selection
from briefing.sheets.schema import ID_PATTERN

#: Further parts of a name (paper, finish, a visitor's name made safe by ``occasion.slug``):
#: letters and digits of any script and hyphens, never a dot or a path separator.
EXTRA_PATTERN = r"[^\W_](?:[^\W_]|-){0,100}"


@dataclass(frozen=True)
class Planned:
    """One document a job makes, before it is made: what it is, and its file name."""

    kind: str  # brochure, flyer, overview, an imposition (2up, 4up, booklet), jobsheet or jobsheet-text
    subject: str  # the park's id, the zone's, or MIXED
    lang: str
    paper: str
    name: str


#: The subject of a job whose sheets carry several parks' flyers (``--mix``).
MIXED = "mixed"


@dataclass(frozen=True)
class Job:
    """One unit of rendering: a park's documents (its brochure and flyers, and the sheets made
    of them) in one language, the zone overview in one language, or (``mix``) the sheets that
    carry several parks' flyers side by side. A job for a print shop adds its job sheet."""

    kind: str  # "park", "zone" or "mix"
    subject: str  # the park's id, the zone's, or MIXED
    lang: str
    brochure: bool = True
    flyers: bool = True
    parks: tuple[str, ...] = ()  # the parks on a mixed sheet, in order

    @property
    def name(self) -> str:
        """The job's name in the manifest: ``park:smart-medical:zh``, ``zone:zh`` (a build that
        may have nothing to do names the overview before it knows the zone's id), ``mix:zh``."""
        if self.kind in ("zone", "mix"):
            return f"{self.kind}:{self.lang}"
        parts = [self.kind, self.subject, self.lang]
        if not (self.brochure and self.flyers):
            parts.append("brochure" if self.brochure else "flyers")
        return ":".join(parts)

    def inputs(self, names: list[str]) -> list[str]:
        """The data files this job reads, of ``names`` (paths from the data folder): everything
        for the overview; for a park, all but the other parks' sheets and the news (the
        brochure shows the zone and its sources)."""
        if self.kind in ("zone", "mix"):
            return list(names)
        own = f"parks/{self.subject}.yaml"
        return [n for n in names if n == own or not (n.startswith("parks/") or n.startswith("news/"))]

    def documents(self, output: Output) -> list[Planned]:
        """What the job makes: the brochure on the build's paper, the flyers on theirs, then
        each sheet ``output.impose`` asks for whose document is made too (a booklet of the
        brochure, the other sheets of the A5 flyer); or the overview."""
        paper = output.spec.paper
        if self.kind == "zone":
            planned = [self._planned("overview", paper, output)]
        elif self.kind == "mix":
            planned = [self._planned(kind, SHEET, output) for kind in output.impose if MADE_OF[kind] == "flyer"]
        else:
            made = (["brochure"] if self.brochure else []) + (["flyer"] if self.flyers else [])
            planned = [self._planned("brochure", paper, output)] if self.brochure else []
            planned += [self._planned("flyer", flyer_paper, output) for flyer_paper in output.flyer_papers
                        if self.flyers]
            planned += [self._planned(kind, SHEET, output) for kind in output.impose if MADE_OF[kind] in made
                        and not (output.mix and MADE_OF[kind] == "flyer")]
        if output.spec.for_press and planned:
            planned += [self._planned(kind, SHEET, output) for kind in ("jobsheet", "jobsheet-text")]
        return planned

    def _planned(self, kind: str, paper: str, output: Output) -> Planned:
        return Planned(kind, self.subject, self.lang, paper, file_name(kind, self.subject, self.lang, paper, output))


def plan(selection: Selection, park_ids: list[str], zone_id: str, languages: tuple[str, ...],
         output: Output = Output()) -> list[Job]:
    """The jobs of ``selection`` among the parks ``park_ids`` (in their order), in the order
    their documents are listed: park by park, each in every language, then the mixed sheets
    (``output.mix``), then the overview."""
    parks = park_ids if selection.every_park else selection.park_ids
    jobs = [Job("park", park_id, lang, selection.every_park or park_id in selection.brochures,
                selection.every_park or park_id in selection.flyers)
            for park_id in parks for lang in languages]
    flyers = tuple(park_id for park_id in parks if selection.every_park or park_id in selection.flyers)
    if output.mix and flyers and any(MADE_OF[kind] == "flyer" for kind in output.impose):
        jobs += [Job("mix", MIXED, lang, brochure=False, parks=flyers) for lang in languages]
    if selection.overview:
        jobs += [Job("zone", zone_id, lang) for lang in languages]
    return jobs


def file_name(kind: str, subject: str, lang: str, paper: str, output: Output) -> str:
    """The one place files are named: ``park-mobile-internet-zh.pdf``,
    ``flyer-smart-medical-en-a5-bleed-cmyk.pdf``, ``booklet-smart-medical-zh-a5-for-<visitor>.pdf``.

    A document says its paper unless it is A4 (a flyer always: it comes in two), then its
    print-shop finish; a copy made for a visitor says whom for. Imposed sheets say the piece
    they hold, then the print shop's sheet (``a3``) and finish; the flyer sheets no visitor;
    sheets of several parks' flyers are ``flyers-mixed-...``. The job sheet (``jobsheet-...``,
    a PDF and its text) is named after its job."""
    finish, dedication = output.spec.finish(), output.dedication
    visitor = [dedication.file_part(lang)] if dedication else []
    if kind in ("jobsheet", "jobsheet-text"):
        return output_name("jobsheet", subject, lang, *_paper_part(output.spec.paper), *finish, *visitor,
                           ext="txt" if kind == "jobsheet-text" else "pdf")
    sheet = [_sheet_part(kind, output)] if output.spec.for_press and kind in PIECE else []
    if kind == "brochure":
        return output_name("park", subject, lang, *_paper_part(paper), *finish, *visitor)
    if kind == "overview":
        return output_name("zone", subject, lang, *_paper_part(paper), *finish, *visitor)
    if kind == "flyer":
        return output_name("flyer", subject, lang, paper.lower(), *finish)
    if kind == "booklet":
        return output_name("booklet", subject, lang, HANDOUT.lower(), *sheet, *finish, *visitor)
    what = "flyers" if subject == MIXED else "flyer"
    return output_name(what, subject, lang, f"{PIECE[kind].lower()}-{kind}", *sheet, *finish)


def _sheet_part(kind: str, output: Output) -> str:
    """The print-shop sheet an imposition goes on (``a3``), as ``options.check`` chose it."""
    from briefing.layout.theme import DEFAULT, PAPERS  # a print-shop build that imposes: it renders anyway
    from briefing.pipeline.options import PER_SHEET
    from briefing.press import impose

    layout = impose.print_layout(PAPERS[PIECE[kind]], PER_SHEET[kind], output.spec.bleed, DEFAULT, output.sheet,
                                 spine=kind == "booklet")
    return layout.sheet_name.lower()


def _paper_part(paper: str) -> list[str]:
    return [] if paper == "A4" else [paper.lower()]


def output_name(kind: str, doc_id: str, lang: str, *extra: str, ext: str = "pdf") -> str:
    """The parts joined into a file name; each part is checked again here, because a name
    becomes a path. A language tag is written in lower case (``zh-hant``), as ids are."""
    lang = lang.lower()
    for part in (kind, doc_id, lang):
        if not re.fullmatch(ID_PATTERN, part):
            raise ValueError(f"{part!r} is not a safe file-name part")
    for part in extra:
        if not re.fullmatch(EXTRA_PATTERN, part):
            raise ValueError(f"{part!r} is not a safe file-name part")
    return "-".join((kind, doc_id, lang, *extra)) + f".{ext}"
