"""``briefing list``: every park sheet, its as-of date and its problems, at a glance, then
every value a sheet marks unconfirmed, which someone must settle before the documents are
signed off.

Unlike ``check`` it never stops at an error: a sheet that does not validate is listed too,
with its errors, because that is what an operator needs to see first.
"""

from __future__ import annotations

from pathlib import Path

from briefing.errors import Problem, Severity, plural
from briefing.messages import msg, shown
from briefing.sheets import lint
from briefing.sheets.project import Project

COLUMNS = "{id:<20} {as_of:<10} {errors:>6} {warnings:>8}  {name}"
HEADER = {"id": msg("park"), "as_of": msg("as of"), "errors": msg("errors"), "warnings": msg("warnings"),
          "name": msg("name")}


def lines(project: Project, lang: str = "en") -> list[str]:
    """A header, one row per park sheet with its findings below it, and the rest of the folder,
    in ``lang``."""
    header = {key: shown(word, lang) for key, word in HEADER.items()}
    rows = [COLUMNS.format(**header)]
    sheets = sorted((project.data_dir / "parks").glob("*.yaml"))
    for path in sheets:
        found = _found(project, path)
        park = project.parks.get(path.stem)
        rows.append(COLUMNS.format(
            id=path.stem, as_of=str(park.as_of) if park else "?",
            errors=sum(p.severity is Severity.ERROR for p in found),
            warnings=sum(p.severity is Severity.WARNING for p in found),
            name=park.name.zh if park else shown(msg("(does not validate; run briefing check)"), lang),
        ))
        rows += [f"    {_short(p, lang)}" for p in found]
    listed = {str(s) for s in sheets}
    others = [p for p in project.problems.items if p.where.path not in listed]
    rows += [p.shown(lang) for p in others]
    rows += awaiting(project)
    rows.append(_summary(project, len(sheets), lang))
    return rows


def awaiting(project: Project) -> list[str]:
    """"awaiting confirmation:" and a line for each value marked unconfirmed, with its place,
    the value and what is in doubt; nothing when none is."""
    sheets: list[tuple[Path, object]] = [(project.data_dir / "zone.yaml", project.zone)]
    sheets += [(project.park_path(park_id), park) for park_id, park in project.parks.items()]
    sheets += [(project.data_dir / "news" / f"{news_id}.yaml", item) for news_id, item in project.news.items()]
    found = [f"    {project.at(path, field)}: {value} ({note})"
             for path, sheet in sheets if sheet is not None
             for field, value, note in lint.awaiting_confirmation(sheet)]
    return ["awaiting confirmation:", *found] if found else []


def _found(project: Project, path: Path) -> list[Problem]:
    return [p for p in project.problems.items if p.where.path == str(path)]


def _short(problem: Problem, lang: str) -> str:
    """The problem without its file name, which the row above gives."""
    text = problem.shown(lang)
    return text[len(problem.where.path) + 1:] if text.startswith(problem.where.path + ":") else text


def _summary(project: Project, sheets: int, lang: str) -> str:
    problems = project.problems
    parts = [plural(sheets, "park"), plural(len(problems.errors), "error"), plural(len(problems.warnings), "warning")]
    if problems.notes:
        parts.append(plural(len(problems.notes), "note"))
    joined = shown(msg(", "), lang).join(shown(part, lang) for part in parts)
    return shown(msg("{folder}: {counts}.", folder=str(project.data_dir), counts=joined), lang)
