"""The whole data folder: every sheet loaded, typed and cross-checked before anything is drawn."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing import fonts, schema
from briefing.errors import Problems, Where
from briefing.load import load_nodes
from briefing.validate import Typed, validate


@dataclass
class Project:
    """Everything the layouts need, already valid."""

    data_dir: Path
    zone: Optional[schema.Zone] = None
    parks: dict[str, schema.Park] = field(default_factory=dict)
    sources: dict[str, schema.Source] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)

    def source(self, source_id: Optional[str]) -> Optional[schema.Source]:
        return self.sources.get(source_id) if source_id else None


def load_project(data_dir: Path) -> Project:
    """Load every fact sheet under ``data_dir``; problems are collected, never raised."""
    project = Project(Path(data_dir))
    if not project.data_dir.is_dir():
        project.problems.error(Where(str(data_dir)), "no such folder; pass the data folder with --data DIR")
        return project
    sheets = _load_sheets(project)
    _check_unique_ids(project, sheets)
    _check_references(project, sheets)
    _check_glyphs(project, sheets)
    return project


def _load_sheets(project: Project) -> list[Typed]:
    sheets = []
    sources = _load(project, project.data_dir / "sources.yaml", schema.Sources, sheets)
    if sources:
        project.sources = {s.id: s for s in sources.sources}
    project.zone = _load(project, project.data_dir / "zone.yaml", schema.Zone, sheets)
    for path in sorted((project.data_dir / "parks").glob("*.yaml")):
        park = _load(project, path, schema.Park, sheets)
        if park is None:
            continue
        if park.id != path.stem:
            project.problems.error(
                Where(str(path), 1, "id"),
                f"is {park.id!r} but the file is named {path.name}; make them the same",
            )
        project.parks[park.id] = park
    return sheets


def _load(project: Project, path: Path, cls: type, sheets: list[Typed]):
    node = load_nodes(path, project.problems)
    if node is None:
        return None
    typed = validate(node, cls, str(path))
    project.problems.extend(typed.problems)
    sheets.append(typed)
    return typed.value


def _check_unique_ids(project: Project, sheets: list[Typed]) -> None:
    """Ids inside one list (sources, chains) must differ, or references would be ambiguous."""
    for typed in sheets:
        first = {}
        for where, value in typed.ids:
            group = (where.path, where.field.rsplit("[", 1)[0])
            if (group, value) in first:
                line = first[group, value].line
                project.problems.error(where, f"duplicate id {value!r} (first on line {line}); make each id unique")
            else:
                first[group, value] = where


def _check_references(project: Project, sheets: list[Typed]) -> None:
    known = {
        "source": project.sources,
        "chain": {c.id for c in project.zone.chains} if project.zone else None,
        "park": project.parks,
    }
    for typed in sheets:
        for ref in typed.refs:
            ids = known[ref.kind]
            if ids is not None and ref.value not in ids:
                choices = ", ".join(sorted(ids)) or "none defined"
                project.problems.error(ref.where, f"unknown {ref.kind} {ref.value!r}; known: {choices}")


def _check_glyphs(project: Project, sheets: list[Typed]) -> None:
    for typed in sheets:
        for where, text in typed.texts:
            for char in fonts.missing_characters(text):
                project.problems.error(
                    where,
                    f"character {char!r} (U+{ord(char):04X}) is not in the shipped fonts; "
                    "replace it, or add it to the fonts with tools/make_fonts.py",
                )
