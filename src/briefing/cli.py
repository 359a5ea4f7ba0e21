"""The command line: each command parses its options and calls one function of the pipeline."""

from __future__ import annotations

from pathlib import Path

import click

from briefing import __version__, build as pipeline
from briefing.errors import Problems, plural

DATA = click.option("--data", "data_dir", default="data", show_default=True,
                    type=click.Path(file_okay=False, path_type=Path), help="Folder of fact sheets.")
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")


@click.group()
@click.version_option(__version__, prog_name="briefing")
def main() -> None:
    """Printable investment-promotion briefings from YAML fact sheets."""


@main.command()
@DATA
@STRICT
def check(data_dir: Path, strict: bool) -> None:
    """Validate the fact sheets and report every problem."""
    project = pipeline.check(data_dir, strict)
    _report_warnings(project.problems)
    warnings = len(project.problems.warnings)
    summary = f", {plural(warnings, 'warning')}" if warnings else ""
    click.echo(f"{data_dir}: {plural(len(project.parks), 'park')}, no errors{summary}.")


@main.command()
@DATA
@STRICT
@click.option("--out", "out_dir", default="reports", show_default=True,
              type=click.Path(file_okay=False, path_type=Path), help="Folder for the PDFs.")
@click.option("--park", "park_ids", multiple=True, metavar="ID", help="Build only this park (repeatable).")
@click.option("--debug", is_flag=True, help="Show the traceback when a document cannot be laid out.")
@click.option("--lang", type=click.Choice([*pipeline.LANGUAGES, "all"]), default="all", show_default=True,
              help="Language of the PDFs.")
def build(data_dir: Path, strict: bool, out_dir: Path, park_ids: tuple[str, ...], debug: bool,
          lang: str) -> None:
    """Validate the fact sheets, then build the PDFs."""
    languages = pipeline.LANGUAGES if lang == "all" else (lang,)
    project, documents = pipeline.build(data_dir, out_dir, park_ids, strict, debug=debug, languages=languages)
    _report_warnings(project.problems)
    for document in documents:
        size = len(document.data) / 1024
        click.echo(f"wrote {document.path} ({document.pages} pages, {size:.0f} KB)")


def _report_warnings(problems: Problems) -> None:
    for problem in problems.warnings:
        click.echo(str(problem), err=True)
