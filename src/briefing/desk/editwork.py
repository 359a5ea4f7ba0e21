"""What the editor asks of the pipeline, done in the desk's worker processes (``work.py``):
checking a sheet as it would be saved, with every check ``briefing check`` makes, and
drawing the page of a document that shows a field. Each call reads the data folder afresh
and returns plain data.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

from briefing.errors import Severity
from briefing.messages import shown

#: The preview's width in pixels: a page of a brochure read beside the form.
PREVIEW_WIDTH = 700


@dataclass(frozen=True)
class FieldProblem:
    """A problem of the sheet being edited, in the interface's language."""

    field: str
    line: Optional[int]
    severity: str  # error, warning or note
    message: str


@dataclass
class Checked:
    """A sheet's problems as it would be saved, and what the page's menus offer."""

    problems: list[FieldProblem] = field(default_factory=list)
    #: Errors the text would cause in other sheets (a chain renamed that parks refer to).
    elsewhere: list[str] = field(default_factory=list)
    references: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    #: How each figure of the sheet prints, by its path: (Chinese, English).
    figures: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def errors(self) -> list[FieldProblem]:
        return [p for p in self.problems if p.severity == Severity.ERROR.value]

    @property
    def good(self) -> bool:
        """Fit to be used for documents: no error here, and none caused elsewhere."""
        return not self.errors and not self.elsewhere


def check(data_dir: str, path: str, text: Optional[str], ui: str) -> Checked:
    """The problems of the sheet at ``path`` (in the data folder) if it held ``text`` (None:
    as it is on disk), with every other sheet as it is."""
    from briefing.sheets.project import load_project

    root = Path(data_dir)
    full = str(root / path)
    project = load_project(root, {full: text} if text is not None else None)
    mine = [p for p in project.problems.items if p.where.path == full]
    checked = Checked([FieldProblem(p.where.field, p.where.line, p.severity.value,
                                    _relative(shown(p.message, ui), root)) for p in mine])
    if text is not None:
        before = _others(load_project(root), full)
        checked.elsewhere = [_place(p, root, ui) for p in project.problems.errors
                             if p.where.path != full and _key(p) not in before]
    checked.references = _references(project, ui)
    record = _record(project, path)
    if record is not None:
        checked.figures = _figures(record, "")
    return checked


def _others(project, full: str) -> set:
    return {_key(p) for p in project.problems.errors if p.where.path != full}


def _key(problem) -> tuple:
    return (problem.where.path, problem.where.field, str(problem.message))


def _place(problem, root: Path, ui: str) -> str:
    where = problem.where
    place = _relative(where.path, root) + (f":{where.line}" if where.line else "") + (
        f": {where.field}" if where.field else "")
    return f"{place}: {_relative(shown(problem.message, ui), root)}"


def _relative(text: str, root: Path) -> str:
    """Paths in the data folder by their names in it: the page shows no path of the desk's machine."""
    folder = str(root).rstrip("/")
    return text.replace(folder + "/", "").replace(folder, Path(folder).name)


def _references(project, ui: str) -> dict[str, list[tuple[str, str]]]:
    """What each kind of reference may name, with a word on each (a source's title, a
    chain's name), for the page's menus."""
    refs: dict[str, list[tuple[str, str]]] = {
        "source": [(key, source.title.get(ui)) for key, source in project.sources.items()],
        "chain": [(key, chain.name.get(ui)) for key, chain in project.chains.items()],
        "park": [(path.stem, project.parks[path.stem].name.get(ui) if path.stem in project.parks else "")
                 for path in sorted((project.data_dir / "parks").glob("*.yaml"))],
        "news": [(path.stem, project.news[path.stem].title.get(ui) if path.stem in project.news else "")
                 for path in sorted((project.data_dir / "news").glob("*.yaml"))],
    }
    # A sheet that cannot be read offers no ids: the page then shows a plain field, not an empty menu.
    return {kind: ids for kind, ids in refs.items() if ids}


def _record(project, path: str) -> Any:
    kind, _, name = path.partition("/")
    if kind == "parks":
        return project.parks.get(Path(name).stem)
    if kind == "news":
        return project.news.get(Path(name).stem)
    if path == "zone.yaml":
        return project.zone
    return None


def _figures(record: Any, path: str) -> dict[str, tuple[str, str]]:
    """Every figure in a record, by its path, as the documents print it."""
    from briefing.sheets import schema
    from briefing.text.numbers import format_figure

    found: dict[str, tuple[str, str]] = {}
    if isinstance(record, schema.Figure):
        try:
            found[path] = (format_figure(record, "zh"), format_figure(record, "en"))
        except (ValueError, KeyError, ArithmeticError):
            pass
        return found
    if not dataclasses.is_dataclass(record) or isinstance(record, (schema.Text, schema.PartialDate)):
        return found
    for spec in schema.fields_of(record):
        value = getattr(record, spec.name)
        child = f"{path}.{schema.key_of(spec)}" if path else schema.key_of(spec)
        if isinstance(value, list):
            for index, entry in enumerate(value):
                found.update(_figures(entry, f"{child}[{index}]"))
        else:
            found.update(_figures(value, child))
    return found


# -- the preview ------------------------------------------------------------------------

@dataclass(frozen=True)
class Preview:
    """A page of the document that shows a sheet, or why there is none."""

    png: bytes = b""
    page: int = 0
    pages: int = 0
    document: str = ""  # brochure or overview
    lang: str = "zh"
    unavailable: str = ""


def preview(data_dir: str, path: str, field_path: str, lang: str, page: int, ui: str) -> Preview:
    """The page of the document showing the sheet at ``path`` (a park's brochure; the zone
    overview for the zone, the sources and news) where ``field_path`` appears, or ``page``
    when given: the sheets as saved, which is what documents are made from."""
    from briefing.pipeline.render import render_brochure, render_overview
    from briefing.sheets.project import load_project
    from briefing.text.i18n import gettext

    project = load_project(Path(data_dir))
    record = _record(project, path)
    park = Path(path).stem if path.startswith("parks/") else None
    mine = [p for p in project.problems.errors if p.where.path == str(Path(data_dir) / path)]
    if mine or (park is None and project.problems.errors) or (park and park not in project.parks):
        return Preview(unavailable=gettext(ui, "The sheet as saved has errors, so no document can be made from it "
                                               "to show here."))
    if park:
        data, pages = render_brochure(project, park, lang)
        document = "brochure"
    else:
        data, pages = render_overview(project, lang)
        document = "overview"
    needles = _needles(record, field_path, lang) if record is not None and not page else []
    chosen = page if 1 <= page <= pages else _page_showing(data, needles)
    return Preview(_render_page(data, chosen - 1), chosen, pages, document, lang)


def _needles(record: Any, field_path: str, lang: str) -> list[str]:
    """Texts the page showing ``field_path`` prints: the field's own text, else the nearest
    text around it (a figure's label, an entry's name), as the document's language has it."""
    from briefing.desk.editform import steps
    from briefing.sheets import schema

    chain = [record]
    current = record
    for step in steps(field_path):
        if isinstance(step, int) and isinstance(current, list) and step < len(current):
            current = current[step]
        elif isinstance(step, str) and dataclasses.is_dataclass(current):
            name = step
            names = {schema.key_of(spec): spec.name for spec in schema.fields_of(current)}
            if name not in names:
                break
            current = getattr(current, names[name])
        else:
            break
        chain.append(current)
    for item in reversed(chain):
        texts = [item] if isinstance(item, schema.Text) else [
            getattr(item, spec.name) for spec in schema.fields_of(item)
            if isinstance(getattr(item, spec.name), schema.Text)] if dataclasses.is_dataclass(item) else []
        words = [_printed(text, lang) for text in texts]
        words = [word for word in words if len(word) >= 2]
        if words:
            return words
    return []


def _printed(text, lang: str) -> str:
    written = (text.zh_hant or text.zh) if lang == "zh-Hant" else text.get(lang)
    if lang == "zh-Hant" and not text.zh_hant:
        from briefing.text.traditional import convert

        written = convert(written)
    return "".join(written.split())


def _page_showing(pdf: bytes, needles: list[str]) -> int:
    """The first page whose text holds the start of one of ``needles`` (1 when none does)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        for number in range(len(document)):
            page = document[number]
            words = "".join(page.get_textpage().get_text_range().split())
            if any(needle[:12] in words for needle in needles):
                return number + 1
    finally:
        document.close()
    return 1


def _render_page(pdf: bytes, index: int, width: int = PREVIEW_WIDTH) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[index]
        image = page.render(scale=width / page.get_width()).to_pil()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()
