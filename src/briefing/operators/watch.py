"""Rebuild what a change affects while an operator edits the fact sheets.

Each save runs the command line's build (``make.py``), which keeps every PDF whose inputs are
unchanged: a park's sheet rebuilds that park and the overview; the zone, the sources or a
news sheet every document that shows them; a logo the parks that use it. Saves that touch no
fact sheet or image (an editor's temp files) build nothing. A build that fails prints its
problems and the watch goes on: the operator fixes the sheet, saves, and the next build
succeeds. The previous PDFs stay as they were until then (nothing is written from invalid
data).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Optional

import watchfiles

from briefing.errors import KINDS, BriefingError, Severity, plural
from briefing.messages import msg, shown, user_language
from briefing.operators.versions import FOLDER
from briefing.pipeline.options import Request
from briefing.sheets.project import load_project

log = logging.getLogger(__name__)
#: Milliseconds to wait for an editor's burst of writes (save, rename, touch) to settle.
DEBOUNCE_MS = 300
#: Milliseconds after which the watcher reports, with an empty batch, that it is running.
READY_MS = 200
#: The files a change report names (an editor's temp files are left out).
SHOWN_SUFFIXES = (".yaml", ".png", ".jpg", ".jpeg")

Echo = Callable[..., None]  # click.echo's shape: echo(text, err=False)


def watch(request: Request, echo: Echo, stop: Optional[threading.Event] = None,
          debounce_ms: int = DEBOUNCE_MS) -> None:
    """Build what ``request`` asks for, then rebuild on every change until ``stop`` is set or
    Ctrl-C."""
    # One process: forking next to the watcher's own thread could inherit a lock it holds.
    request = dataclasses.replace(request, workers=1)
    data_dir, out_dir = request.data_dir, request.out_dir
    assert out_dir is not None, "a watch writes what it builds"
    rebuild(request, echo)
    # Output inside the data folder would wake the watch with its own PDFs; the browser's drafts
    # and history (.briefing/) are not sheets: a save from the browser is seen as the sheet's own change.
    ignore = watchfiles.DefaultFilter(ignore_paths=[str(out_dir.resolve()), str((data_dir / FOLDER).resolve())])
    announced = False
    # A timeout yields an empty batch: the first one proves the watcher is running, and only
    # then does "watching" promise that a save will be seen.
    for changes in watchfiles.watch(data_dir, watch_filter=ignore, stop_event=stop, debounce=debounce_ms,
                                    raise_interrupt=False, yield_on_timeout=True, rust_timeout=READY_MS):
        if not announced:
            echo(msg("watching {folder} (Ctrl-C to stop)", folder=str(data_dir)))
            announced = True
        paths = sorted({Path(path) for _, path in changes})
        if not paths or affected(data_dir, paths) == []:
            continue
        echo(msg("changed: {files}", files=", ".join(_shown(data_dir, p) for p in paths if p.suffix in SHOWN_SUFFIXES)))
        rebuild(request, echo)


def affected(data_dir: Path, paths: Iterable[Path]) -> Optional[list[str]]:
    """The parks to rebuild for these changed files: None means all, [] none."""
    root = Path(os.path.realpath(data_dir))
    parks: set[str] = set()
    logos = None
    for path in paths:
        path = Path(os.path.realpath(path))
        relative = path.relative_to(root) if path.is_relative_to(root) else None
        if relative is None or any(part.startswith(".") for part in relative.parts):
            continue  # outside the data folder, or hidden (the browser's drafts, an editor's swap file)
        if relative.parent == Path("parks") and relative.suffix == ".yaml":
            if path.exists():  # a deleted sheet has nothing left to build
                parks.add(relative.stem)
        elif relative.suffix == ".yaml":
            return None  # the zone, the sources or news: every brochure or the overview shows them
        else:
            logos = logos if logos is not None else _logo_users(data_dir)
            parks |= logos.get(relative.as_posix(), set())
    return sorted(parks)


def _logo_users(data_dir: Path) -> dict[str, set[str]]:
    """Which parks use each image, by its path from the data folder."""
    users: dict[str, set[str]] = {}
    for park_id, park in load_project(data_dir).parks.items():
        if park.branding and park.branding.logo:
            users.setdefault(Path(park.branding.logo).as_posix(), set()).add(park_id)
    return users


def rebuild(request: Request, echo: Echo) -> bool:
    """One build of what is out of date; its problems are printed, never raised, so the watch
    keeps going."""
    from briefing.pipeline.build import build

    try:
        outcome = build(request)
    except BriefingError as exc:
        echo(exc.format_message(), err=True)
        echo(msg("not rebuilt; fix the problems above and save again"), err=True)
        return False
    except Exception:  # a fault of the tool itself: said, and the watch goes on (the operator may save again)
        log.exception("the build failed")
        echo(msg("not rebuilt: briefing itself failed (the details are above); save again, or report it"), err=True)
        return False
    for line in outcome.shown_warnings(user_language()):
        echo(line, err=True)
    for line in outcome.shown_notes(user_language()):
        echo(shown(KINDS[Severity.NOTE], user_language()) + line, err=True)
    for document in outcome.documents:
        echo(msg("rebuilt {path} ({pages})", path=str(document.path), pages=plural(document.pages, "page")))
    if outcome.unchanged and not outcome.documents:
        echo(msg("{pdfs} in {folder} already up to date", pdfs=plural(outcome.unchanged, "PDF"),
                 folder=str(request.out_dir)))
    return True


def _shown(data_dir: Path, path: Path) -> str:
    try:
        return str(Path(data_dir) / Path(os.path.realpath(path)).relative_to(os.path.realpath(data_dir)))
    except ValueError:
        return str(path)
