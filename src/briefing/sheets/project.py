"""The whole data folder: every sheet loaded, typed and cross-checked before anything is drawn."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import Problems, Where
from briefing.messages import msg
from briefing.sheets import clock, facts, images, lint, schema
from briefing.sheets.load import load_nodes
from briefing.sheets.validate import Typed, validate
from briefing.text import fonts, variants


@dataclass
class Project:
    """Everything the layouts need, already valid."""

    data_dir: Path
    zone: Optional[schema.Zone] = None
    parks: dict[str, schema.Park] = field(default_factory=dict)
    #: Every news item under data/news, by id; the zone sheet says which ones the overview shows.
    news: dict[str, schema.NewsItem] = field(default_factory=dict)
    sources: dict[str, schema.Source] = field(default_factory=dict)
    #: For the zone and each park (by id) and each news item (by ``news/<id>``, as news and
    #: park ids may coincide), the ids of the sources its sheet refers to.
    sources_used: dict[str, set[str]] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)
    #: Checked images by the path their sheet gives (``images.py``): bytes, read once.
    images: dict[str, bytes] = field(default_factory=dict)
    #: The line of every field given, by sheet path, then field path (``opening.date``): for
    #: checks made once the occasion is known (``lint.overtaken``).
    places: dict[str, dict[str, Optional[int]]] = field(default_factory=dict)
    #: Sheets read from these texts rather than from their files, by path: the browser's editor
    #: checks a sheet as it would be saved, with every check ``briefing check`` makes.
    replaced: Mapping[str, str] = field(default_factory=dict)

    def at(self, path: Path | str, field_path: str) -> Where:
        """The place of a field of a sheet, with its line when the sheet gives it."""
        return Where(str(path), self.places.get(str(path), {}).get(field_path), field_path)

    def park_path(self, park_id: str) -> Path:
        return self.data_dir / "parks" / f"{park_id}.yaml"

    def source(self, source_id: Optional[str]) -> Optional[schema.Source]:
        return self.sources.get(source_id) if source_id else None

    @property
    def chains(self) -> dict[str, schema.Chain]:
        return {chain.id: chain for chain in self.zone.chains} if self.zone else {}

    @property
    def news_shown(self) -> list[schema.NewsItem]:
        """The news items the zone sheet lists, in its order, each once."""
        return self.news_for("zh")

    def news_for(self, lang: str) -> list[schema.NewsItem]:
        """The news items the zone sheet lists for an overview in ``lang`` (``news_en`` for the
        English one, if the sheet gives it; else ``news``), in its order, each once."""
        if not self.zone:
            return []
        chosen = self.zone.news_en if lang == "en" and self.zone.news_en is not None else self.zone.news
        return [self.news[news_id] for news_id in dict.fromkeys(chosen) if news_id in self.news]


def load_project(data_dir: Path, replaced: Optional[Mapping[str, str]] = None) -> Project:
    """Load every fact sheet under ``data_dir``; problems are collected, never raised.
    ``replaced`` gives the text of some sheets, by path (``data_dir / "parks/x.yaml"`` as a
    string), instead of their files'."""
    project = Project(Path(data_dir), replaced=dict(replaced or {}))
    if not project.data_dir.is_dir():
        project.problems.error(Where(str(data_dir)), msg("no such folder; pass the data folder with --data DIR"))
        return project
    sheets, known = _load_sheets(project)
    _check_unique_ids(project, sheets)
    _check_references(project, sheets, known)
    _check_glyphs(project, sheets)
    _check_images(project, sheets)
    _lint(project, sheets)
    for typed in sheets:  # after the lint, which checks the statuses as the sheets write them
        if typed.value is not None:
            facts.settle(typed.value)
    return project


def _load_sheets(project: Project) -> tuple[list[Typed], dict]:
    """Every sheet typed, and the ids each kind of reference may use. A sheet that failed to
    load gives no ids (None), so its mistake is not reported again at every reference."""
    sheets: list[Typed] = []
    sources = _load(project, project.data_dir / "sources.yaml", schema.Sources, sheets)
    if sources and sources.value:
        project.sources = {s.id: s for s in sources.value.sources}
    zone = _load(project, project.data_dir / "zone.yaml", schema.Zone, sheets)
    project.zone = zone.value if zone else None
    if zone and project.zone:
        project.sources_used[project.zone.id] = _source_refs(zone)
    paths = sorted((project.data_dir / "parks").glob("*.yaml"))
    for path in paths:
        _add_sheet(project, path, _load(project, path, schema.Park, sheets), project.parks, "")
    news_paths = sorted((project.data_dir / "news").glob("*.yaml"))
    for path in news_paths:
        _add_sheet(project, path, _load(project, path, schema.NewsItem, sheets), project.news, "news/")
    known = {
        "source": project.sources if sources and sources.value else None,
        "chain": project.chains if project.zone else None,
        # A sheet that has errors still exists for references to it.
        "park": {path.stem for path in paths},
        "news": {path.stem for path in news_paths},
    }
    return sheets, known


def _add_sheet(project: Project, path: Path, typed: Optional[Typed], into: dict, prefix: str) -> None:
    """A park or news sheet, stored by its id, which must be its file name."""
    sheet = typed.value if typed else None
    if typed is None or sheet is None:
        return
    if sheet.id != path.stem:
        where = next((w for w, value in typed.ids if w.field == "id"), Where(str(path), field="id"))
        project.problems.error(where, msg("is {id!r} but the file is named {file}; make them the same", id=sheet.id,
                                          file=path.name))
    into[sheet.id] = sheet
    project.sources_used[prefix + sheet.id] = _source_refs(typed)


def _source_refs(typed: Typed) -> set[str]:
    return {ref.value for ref in typed.refs if ref.kind == "source"}


def _load(project: Project, path: Path, cls: type, sheets: list[Typed]) -> Optional[Typed]:
    node = load_nodes(path, project.problems, project.data_dir, project.replaced.get(str(path)))
    if node is None:
        return None
    typed = validate(node, cls, str(path))
    project.problems.extend(typed.problems)
    project.places[str(path)] = typed.places
    sheets.append(typed)
    return typed


def _check_unique_ids(project: Project, sheets: list[Typed]) -> None:
    """Ids inside one list (sources, chains) must differ, or references would be ambiguous."""
    for typed in sheets:
        first: dict[tuple[tuple[str, str], str], Where] = {}
        for where, value in typed.ids:
            group = (where.path, where.field.rsplit("[", 1)[0])
            if (group, value) in first:
                line = first[group, value].line
                project.problems.error(where, msg("duplicate id {id!r} (first on line {line}); make each id unique",
                                                  id=value, line=line))
            else:
                first[group, value] = where


def _check_references(project: Project, sheets: list[Typed], known: dict) -> None:
    for typed in sheets:
        for ref in typed.refs:
            ids = known[ref.kind]
            if ids is not None and ref.value not in ids:
                choices = ", ".join(sorted(ids)) or "none defined"
                project.problems.error(ref.where, msg("unknown {kind} {id!r}; known: {choices}", kind=ref.kind,
                                                      id=ref.value, choices=choices))


def _check_glyphs(project: Project, sheets: list[Typed]) -> None:
    for typed in sheets:
        for where, text in typed.texts:
            # zh-Hant is set in the Traditional faces; every other text in the Simplified ones.
            hant = where.field.endswith(".zh-Hant")
            missing = fonts.missing_characters(text, fonts.TRADITIONAL_FACES if hant else fonts.SIMPLIFIED_FACES)
            for char in missing:
                if variants.simplified(char):
                    project.problems.error(where, msg(
                        "character {char!r} is the traditional form of {simplified}, which the shipped fonts lack; "
                        "write {simplified}", char=char, simplified=variants.simplified(char)))
                    continue
                project.problems.error(where, msg(
                    "character {char!r} (U+{code}) is not in the shipped fonts; "
                    "replace it, or add it to the fonts with tools/make_fonts.py", char=char, code=f"{ord(char):04X}"))
            for char in dict.fromkeys(c for c in text if ord(c) > 0xFFFF and c not in missing):
                # ReportLab writes 4-digit ToUnicode entries: such a character is drawn, and
                # each line's /ActualText copies it right in pdftotext and Acrobat, but readers
                # that go by the font's map alone (browsers, pypdf) lose it.
                project.problems.warn(where, msg(
                    "character {char!r} (U+{code}) prints but some PDF readers will not copy "
                    "it out or find it; use a common form of the character if there is one",
                    char=char, code=f"{ord(char):04X}"))


def _check_images(project: Project, sheets: list[Typed]) -> None:
    for typed in sheets:
        for where, text in typed.images:
            data = images.load(project.data_dir, text, where, project.problems)
            if data is not None:
                project.images[text] = data
    if any(park.photos for park in project.parks.values()):
        # Pixels enough for the largest box each photo is placed in, on any paper (a build
        # checks again for its own paper, and refuses too few for a print shop).
        from briefing.layout import placed

        def where_in(park_id: str, field: str) -> Where:
            return project.at(project.park_path(park_id), field)

        project.problems.extend(placed.resolution_problems(project.parks, project.images, where_in,
                                                           list(placed.PAPERS_CHECKED), for_press=False))


def _lint(project: Project, sheets: list[Typed]) -> None:
    today = clock.today()
    for typed in sheets:
        if isinstance(typed.value, (schema.Park, schema.Zone, schema.NewsItem)):
            lint.lint(typed, project.problems, today)
        elif isinstance(typed.value, schema.Sources):
            lint.lint(typed, project.problems, today, lint.SOURCE_CHECKS)
    zones = [typed for typed in sheets if isinstance(typed.value, schema.Zone)]
    if zones:
        # With a sheet in error the parks counted are not the parks there are: its error says enough.
        lint.lint_folder(zones[0], [typed for typed in sheets if isinstance(typed.value, schema.Park)],
                         project.problems, today, complete=not project.problems.errors)
