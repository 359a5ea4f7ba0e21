"""The command line: each command parses its options and calls one function of the pipeline.

The pipeline is imported inside each command, not here: a build with nothing to do, or
``--help``, should not pay for loading ReportLab.
"""

from __future__ import annotations

import atexit
import functools
import gc
import logging
import os
import sys
import threading
from pathlib import Path

import click

from briefing import __version__
from briefing.errors import KINDS, BriefingError, Problems, Severity, plural
from briefing.messages import msg, shown, user_language
from briefing.pipeline.options import (
    DEFAULT_LANGUAGES,
    DOCUMENT_PAPERS,
    IMPOSITIONS,
    LANGUAGES,
    PRINT_SHEETS,
    STANDARD_TAGS,
    Request,
    Selection,
)

#: Log levels by -q/-v: -q shows only problems; the default, what was written; -v what ran,
#: what was kept and why, and how long each stage took; -vv everything.
LOG_LEVELS = {-1: logging.ERROR, 0: logging.WARNING, 1: logging.INFO, 2: logging.DEBUG}

DATA = click.option("--data", "data_dir", default="data", show_default=True,
                    type=click.Path(file_okay=False, path_type=Path), help="Folder of fact sheets.")
STRICT = click.option("--strict", is_flag=True, help="Treat warnings as errors.")
OUT = click.option("--out", "out_dir", default="reports", show_default=True,
                   type=click.Path(file_okay=False, path_type=Path), help="Folder for the PDFs.")

#: Options of every command that writes PDFs: paper and print-shop finish, imposed sheets,
#: and whom and which event the documents are for. They reach the command as ``output``.
_OUTPUT_OPTIONS = [
    click.option("--paper", type=click.Choice(DOCUMENT_PAPERS), default="A4", show_default=True,
                 help="Page size of the brochures and of the larger flyer (the smaller flyer is A5)."),
    click.option("--bleed", metavar="LENGTH",
                 help="For a print shop: extend edge artwork by LENGTH (e.g. 3mm), add crop marks, TrimBox and "
                      "BleedBox, and a job sheet beside the files."),
    click.option("--cmyk", is_flag=True, help="For a print shop: PDF/X-1a, every colour as CMYK process colour, "
                                              "and a job sheet beside the files."),
    click.option("--print-condition", metavar="NAME",
                 help="With --cmyk: the printing condition the PDF/X files name (FOGRA39, the default; FOGRA51, "
                      "FOGRA47, JC200103, CGATS21_CRPC6). Ask the print shop."),
    click.option("--impose", type=click.Choice(IMPOSITIONS), multiple=True,
                 help="Also write sheets: 2up (two A5 flyers), 4up (four A6 cards), booklet (A5 booklet, "
                      "saddle-stitched). On A4 for an office printer; with --bleed or --cmyk on a print shop's "
                      "sheet, at 100 %. Repeatable."),
    click.option("--sheet", type=click.Choice(PRINT_SHEETS), default="auto", show_default=True,
                 help="With --impose and --bleed or --cmyk: the print shop's sheet (auto: the smallest that "
                      "holds the pieces with their bleed and crop marks)."),
    click.option("--mix", is_flag=True,
                 help="With --impose 2up or 4up: put the parks' flyers side by side on the same sheets "
                      "(park A and park B on one sheet) instead of one park a sheet."),
    click.option("--for", "visitor", metavar="NAME",
                 help='Add "prepared for NAME" to the brochure cover: the name as the Chinese documents print it.'),
    click.option("--for-en", "visitor_en", metavar="NAME",
                 help="The visitor's name as the English documents print it (without it, they print --for's)."),
    click.option("--date", metavar="YYYY-MM-DD", help="The date the copy is prepared, with --for."),
    click.option("--event", metavar="NAME", help="Print the event the flyers are handed out at (in Chinese)."),
    click.option("--event-en", metavar="NAME", help="The event's name on the English flyers."),
    click.option("--event-date", metavar="YYYY-MM-DD", help="The date of the event, with --event."),
    click.option("--venue", metavar="PLACE", help="Where the event is, with --event (in Chinese)."),
    click.option("--venue-en", metavar="PLACE", help="The venue on the English flyers."),
    click.option("--share", is_flag=True,
                 help="Also write PNG images for WeChat: each page 1080 px wide, the brochure as one long image, "
                      "and a 1080 x 1920 poster per park."),
]


def output_options(command):
    """Adds the output options and passes them to the command as one checked ``output``."""
    for option in reversed(_OUTPUT_OPTIONS):
        command = option(command)

    names = ("paper", "bleed", "cmyk", "print_condition", "impose", "sheet", "mix", "visitor", "visitor_en", "date",
             "event", "event_en", "event_date", "venue", "venue_en", "share")

    @functools.wraps(command)
    def wrapper(**kwargs):
        from briefing.pipeline import options

        try:
            output = options.output(**{name: kwargs.pop(name) for name in names})
        except BriefingError as exc:  # a bad option value is a usage error: exit 2, like click's own
            raise click.UsageError(exc.format_message()) from exc
        return command(output=output, **kwargs)

    return wrapper


@click.group()
@click.version_option(__version__, prog_name="briefing")
@click.option("-v", "--verbose", count=True, help="Say what runs, what is kept and why, and how long each stage takes "
                                                  "(-vv: more).")
@click.option("-q", "--quiet", is_flag=True, help="Say nothing but the problems.")
@click.pass_context
def main(context: click.Context, verbose: int, quiet: bool) -> None:
    """Printable investment-promotion briefings from YAML fact sheets."""
    context.obj = {"quiet": quiet}
    _log_to_terminal(-1 if quiet else min(verbose, 2))
    _freeze_at_exit()


@functools.cache
def _freeze_at_exit() -> None:
    """Python's exit collects the garbage of everything still alive, every font table and set
    line (0.1-0.2 s after a visitor's build, a third of its own time): frozen, the objects are
    left for the system to reclaim with the process. Files are closed and streams flushed as
    before; nothing of ours waits for a collection at exit. Once per process (tests run many
    commands in one)."""
    atexit.register(gc.freeze)


def _log_to_terminal(level: int) -> None:
    """The pipeline's log on standard error, one plain line per record."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger = logging.getLogger("briefing")
    logger.handlers[:] = [handler]
    logger.setLevel(LOG_LEVELS[level])
    logger.propagate = False


def _quiet() -> bool:
    """Whether -q asked for the problems only."""
    context = click.get_current_context(silent=True)
    return bool(context and (context.find_root().obj or {}).get("quiet"))


def _say(text: str) -> None:
    """What a command did (the files it wrote), unless -q asked for problems only, in the
    user's language."""
    if not _quiet():
        click.echo(_shown(text))


def _shown(text: str) -> str:
    return shown(text, user_language())


#: ``--lang``: a language, a Traditional standard's tag, or all (the default editions), repeatable.
LANG = click.option("--lang", "langs", type=click.Choice([*LANGUAGES, *STANDARD_TAGS, "all"]),
                    multiple=True, default=("all",), show_default=True,
                    help="Language of the documents: zh, en, zh-Hant (Traditional, in the zone sheet's standard, "
                         "Hong Kong by default), zh-HK or zh-TW; all is zh and en. Repeatable.")


def _languages(langs: tuple[str, ...]) -> tuple[str, ...]:
    """The languages asked for, each once, in the order given; all stands for the default ones."""
    chosen = [lang for given in langs for lang in (DEFAULT_LANGUAGES if given == "all" else (given,))]
    return tuple(dict.fromkeys(chosen))


@main.command()
@DATA
@STRICT
@click.option("--lang", "langs", type=click.Choice([*LANGUAGES, *STANDARD_TAGS]),
              multiple=True, help="Also list the names a Traditional edition (zh-Hant, zh-HK, zh-TW) converts, "
                                  "to confirm or override with zh-Hant: in the sheet.")
def check(data_dir: Path, strict: bool, langs: tuple[str, ...]) -> None:
    """Validate the fact sheets and report every problem."""
    from briefing.pipeline.build import check as check_sheets

    project = check_sheets(data_dir, strict)
    _report_warnings(project.problems)
    warnings, notes = len(project.problems.warnings), len(project.problems.notes)
    counts = [plural(len(project.parks), "park"), msg("no errors")]
    counts += [plural(warnings, "warning")] if warnings else []
    counts += [plural(notes, "note")] if notes else []
    _say(msg("{folder}: {counts}.", folder=str(data_dir), counts=_listed(counts)))
    for lang in dict.fromkeys(langs):
        _list_converted_names(project, lang)


def _listed(parts: list[str]) -> str:
    """Parts of a summary in the user's language, joined as that language joins them."""
    lang = user_language()
    return shown(msg(", "), lang).join(shown(part, lang) for part in parts)


def _list_converted_names(project, lang: str) -> None:
    """The proper names a Traditional edition prints as OpenCC converts them, for a person to
    confirm; a problem with a converted text (a character the fonts lack) is an error."""
    from briefing.sheets import names

    listing = names.converted_names(project, lang)
    if listing is None:
        return
    for line in listing.lines():
        click.echo(line)
    if listing.problems:
        for problem in listing.problems:
            click.echo(str(problem), err=True)
        raise BriefingError(f"{plural(len(listing.problems), 'converted text')} cannot be printed in the "
                            "Traditional edition; give it zh-Hant: in the sheet")


@main.command()
@DATA
@STRICT
@OUT
@click.option("--park", "park_ids", multiple=True, metavar="ID",
              help="Build only this park's brochure (repeatable); without it the zone overview is built too.")
@click.option("--debug", is_flag=True, help="Show the traceback when a document cannot be laid out.")
@LANG
@click.option("--force", is_flag=True, help="Rebuild every document, even those whose inputs are unchanged.")
@click.option("--workers", "processes", type=click.IntRange(1, 64), metavar="N",
              help="Processes that make documents (default: one per core; 1: all in this one).")
@output_options
def build(data_dir: Path, strict: bool, out_dir: Path, park_ids: tuple[str, ...], debug: bool,
          langs: tuple[str, ...], force: bool, processes: int | None, output) -> None:
    """Validate the fact sheets, then build the brochures, flyers and zone overview (those
    whose fact sheets, options, fonts and code are unchanged since they were made are kept)."""
    from briefing.pipeline.build import build as make

    request = Request(data_dir, out_dir, Selection.of_parks(park_ids), _languages(langs),
                      output, strict=strict, force=force, debug=debug, workers=processes)
    outcome = make(request, _progress())
    for line in outcome.shown_warnings(user_language()):
        click.echo(line, err=True)
    for line in outcome.shown_notes(user_language()):
        click.echo(_shown(KINDS[Severity.NOTE]) + line, err=True)
    for document in outcome.documents:
        extent = (f"{document.pixels[0]} × {document.pixels[1]} px" if document.pixels
                  else plural(document.pages, "page"))
        _say(msg("wrote {path} ({pages}, {size} KB)", path=str(document.path), pages=extent,
                 size=f"{document.size / 1024:.0f}"))
    if outcome.unchanged:
        _say(msg("{pdfs} in {folder} already up to date (inputs unchanged; --force rebuilds them)",
                 pdfs=plural(outcome.unchanged, "PDF"), folder=str(out_dir)))


def _progress():
    """Documents done out of all, on one line of a terminal; nothing in a log or with -q."""
    if not sys.stderr.isatty() or _quiet():
        return None

    def show(done: int, total: int) -> None:
        click.echo("\r" + _shown(msg("rendering {done}/{total}", done=done, total=total)), nl=done == total, err=True)

    return show


@main.command()
@click.option("--out", "out_file", default="reports/specimen.pdf", show_default=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Where to write the PDF.")
def specimen(out_file: Path) -> None:
    """Write a PDF showing stock ReportLab and briefing setting the same Chinese texts."""
    from briefing.pipeline.build import write_specimen

    _say(msg("wrote {path}", path=str(write_specimen(out_file))))


@main.command()
@DATA
@STRICT
@OUT
@output_options
def watch(data_dir: Path, strict: bool, out_dir: Path, output) -> None:
    """Build, then rebuild what changes affect until Ctrl-C; problems are printed, not fatal."""
    from briefing.operators import watch as watcher

    if not data_dir.is_dir():
        raise BriefingError(msg("{folder}: no such folder; pass the data folder with --data DIR", folder=str(data_dir)))
    watcher.watch(Request(data_dir, out_dir, output=output, strict=strict), _echo_shown)


@main.command()
@DATA
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 lets tablets on the office network reach the page.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--workers", "processes", type=click.IntRange(1, 64), metavar="N",
              help="Processes that make documents (default: one per core).")
@click.option("--edit", is_flag=True, help="Also let park operators edit their fact sheets in the browser "
                                           "(/edit/); over the network editors sign in (briefing editor add).")
@click.option("--editors", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
              help="The editors' accounts (default: ~/.config/briefing/editors.json).")
@click.option("--install-service", is_flag=True,
              help="Instead of serving: write a systemd unit that runs this command when the computer starts and "
                   "restarts it after a crash, and print how to turn it on.")
def serve(data_dir: Path, host: str, port: int, processes: int | None, edit: bool, editors: Path | None,
          install_service: bool) -> None:
    """Serve the front desk: a local web page where staff make a visit's documents."""
    from briefing.desk import server, service

    if install_service:
        for line in service.install(data_dir, host, port, processes, edit, editors):
            click.echo(_shown(line))
        return
    server.serve(data_dir, host, port, processes, _echo_shown, edit, editors)


@main.group()
def editor() -> None:
    """Who may edit fact sheets in the browser (briefing serve --edit)."""


EDITORS = click.option("--editors", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE",
                       help="The editors' accounts (default: ~/.config/briefing/editors.json).")


@editor.command("add")
@click.argument("name")
@click.option("--park", "parks", multiple=True, metavar="ID", help="A park whose sheet they may edit (repeatable).")
@click.option("--zone", is_flag=True, help="Every sheet: the zone, the sources, the news and every park (the office).")
@EDITORS
def editor_add(name: str, parks: tuple[str, ...], zone: bool, editors: Path | None) -> None:
    """Add an editor (or give one a new password), asking for the password twice."""
    from briefing.desk import auth

    password = click.prompt(_shown(msg("Password for {name}", name=name)), hide_input=True,
                            confirmation_prompt=_shown(msg("The same password again")))
    store = auth.Accounts(editors or auth.default_file())
    store.add(name, password, parks, zone)
    click.echo(_shown(msg("{name} may now edit {what} (accounts in {path})", name=name, path=str(store.path),
                          what=msg("every sheet") if zone else ", ".join(parks))))


@editor.command("remove")
@click.argument("name")
@EDITORS
def editor_remove(name: str, editors: Path | None) -> None:
    """Remove an editor; they can no longer sign in."""
    from briefing.desk import auth

    if not auth.Accounts(editors or auth.default_file()).remove(name):
        raise BriefingError(msg("there is no editor named {name}", name=name))
    click.echo(_shown(msg("removed {name}; if signed in, they are signed out at their next click", name=name)))


@editor.command("list")
@EDITORS
def editor_list(editors: Path | None) -> None:
    """List the editors and what each may edit."""
    from briefing.desk import auth

    for account in auth.Accounts(editors or auth.default_file()).editors():
        click.echo(f"{account.name}: " + (_shown(msg("every sheet")) if account.zone else ", ".join(account.parks)))


@main.command("list")
@DATA
def list_parks(data_dir: Path) -> None:
    """List the parks with their as-of dates and problems."""
    from briefing.operators import listing
    from briefing.sheets.project import load_project

    if not data_dir.is_dir():
        raise BriefingError(msg("{folder}: no such folder; pass the data folder with --data DIR", folder=str(data_dir)))
    for line in listing.lines(load_project(data_dir), user_language()):
        click.echo(line)


@main.group()
def new() -> None:
    """Start a new fact sheet."""


@new.command("park")
@click.argument("park_id", metavar="ID")
@DATA
@click.option("--chain", "chain_id", metavar="ID", help="The chain it serves (default: the one zone.yaml pairs "
                                                        "with it, else the first).")
def new_park(park_id: str, data_dir: Path, chain_id: str | None) -> None:
    """Write parks/ID.yaml with every field explained; fill it in, then run briefing check."""
    from briefing.operators import scaffold

    path = scaffold.new_park(data_dir, park_id, chain_id)
    click.echo(_shown(msg("wrote {path}; replace each 待填写 / TO FILL IN, then run: briefing check --data {folder}",
                          path=str(path), folder=str(data_dir))))


def _report_warnings(problems: Problems) -> None:
    for problem in problems.shown:
        click.echo(problem.shown(user_language()), err=True)


def _echo_shown(text: str, err: bool = False) -> None:
    """click.echo in the user's language, for the commands that report as they go (watch, serve)."""
    click.echo(_shown(text), err=err)


def run() -> None:
    """The ``briefing`` command (and ``python -m briefing``): ``main``, then the process ends
    without Python's teardown of every module and object it loaded (20-30 ms after a build,
    a tenth of a visitor's), once the exit handlers have run and the output is flushed, with
    the exit status ``main`` gave. With another thread still running (``serve``, ``watch``)
    or output that cannot be flushed, it ends as Python always does."""
    try:
        main()
    except SystemExit as done:
        status = done.code
    else:
        status = 0
    if threading.active_count() > 1 or not hasattr(atexit, "_run_exitfuncs"):
        sys.exit(status)
    if status is not None and not isinstance(status, int):
        print(status, file=sys.stderr)  # as sys.exit("message") prints it
        status = 1
    atexit._run_exitfuncs()
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:  # None: started without one (pythonw, a daemon)
                stream.flush()
    except (OSError, ValueError):  # a closed pipe or stream: Python's own exit says so, and sets the status
        sys.exit(status)
    os._exit(status or 0)
