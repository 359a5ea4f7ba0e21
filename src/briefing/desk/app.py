"""The front desk's pages: a form that makes one visit's documents, and a page to download,
print and preview them. The routes only read the request and choose a page; the fact sheets
are read and the documents made in worker processes (``work.py``), by the pipeline that
``briefing build`` runs.

The page is for a desk on the office's own network: it binds to loopback unless told
otherwise, answers only to its own host name when it does (so a web page elsewhere cannot
reach it by DNS rebinding), refuses forms posted from other sites, and loads nothing from the
internet.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from flask import Blueprint, Flask, abort, current_app, g, redirect, render_template, request, send_file, url_for
from werkzeug.datastructures import MultiDict

from briefing.desk import work
from briefing.desk.order import BLEEDS
from briefing.desk.results import Results
from briefing.desk.work import RenderFailed, Workers
from briefing.editions import DOCUMENT_PAPERS, IMPOSITIONS
from briefing.i18n import translator
from briefing.make import LANGUAGES
from briefing.occasion import MAX_NAME

LOOPBACK = ("127.0.0.1", "localhost", "::1")
UI_COOKIE = "ui"
MAX_FORM_BYTES = 64 * 1024  # the form is a few hundred bytes; anything near this is not a person typing
#: Each page's policy: its own styles, script and images only, no framing by another site.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
                               "font-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # Not "no-referrer": under it a browser sends "Origin: null" with our own forms.
    "Referrer-Policy": "same-origin",
}

pages = Blueprint("desk", __name__)


@dataclass
class Desk:
    """What the pages share: the data folder, the workers and the documents made so far."""

    data_dir: Path
    workers: Workers
    results: Results


def create_app(data_dir: Path, workers: Optional[Workers] = None, host: str = "127.0.0.1") -> Flask:
    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_FORM_BYTES, MAX_FORM_PARTS=100)
    if host in LOOPBACK:
        app.config["TRUSTED_HOSTS"] = list(LOOPBACK)
    app.extensions["briefing.desk"] = Desk(Path(data_dir).resolve(), workers or Workers(), Results())
    app.register_blueprint(pages)
    return app


def desk() -> Desk:
    return current_app.extensions["briefing.desk"]


@pages.before_app_request
def choose_language_and_refuse_other_sites():
    g.ui = _ui_language()
    if request.method == "POST" and _from_another_site():
        abort(403)


@pages.after_app_request
def remember_language_and_secure(response):
    if request.args.get("ui") in LANGUAGES:
        response.set_cookie(UI_COOKIE, request.args["ui"], max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    response.headers.update(SECURITY_HEADERS)
    return response


@pages.app_context_processor
def page_helpers():
    ui = g.get("ui", LANGUAGES[0])
    return {"_": translator(ui), "ui": ui, "languages": LANGUAGES, "max_name": MAX_NAME, "switch_url": _switch_url}


@pages.get("/")
def form_page():
    return _form_page(MultiDict({"lang": g.ui, "paper": "A4"}))


@pages.post("/make")
def make():
    try:
        made = desk().workers.run(work.make, str(desk().data_dir), request.form.to_dict(flat=False), g.ui)
    except RenderFailed:
        return _form_page(request.form, failure=_(
            "Making the documents stopped before it finished. Press the button again; if it stops again, "
            "restart the front desk."), status=503)
    if not made.ok:
        return _form_page(request.form, made, status=500 if made.failure else 422)
    return redirect(url_for("desk.made_page", token=desk().results.add(made)), code=303)


@pages.get("/made/<token>")
def made_page(token: str):
    return render_template("made.html", made=_made(token), token=token)


@pages.get("/made/<token>/preview.png")
def preview(token: str):
    return send_file(io.BytesIO(_made(token).preview), mimetype="image/png", max_age=3600)


@pages.get("/made/<token>/<path:name>")
def download(token: str, name: str):
    """A file of the visit: a download, or (``?view=1``) shown in the browser to print it."""
    made = _made(token)
    files = {file_name: data for file_name, data, _ in made.files}
    if made.bundle:
        files[made.bundle[0]] = made.bundle[1]
    if name not in files:
        abort(404)
    mimetype = "application/zip" if name.endswith(".zip") else "application/pdf"
    view = request.args.get("view") == "1" and mimetype == "application/pdf"
    return send_file(io.BytesIO(files[name]), mimetype=mimetype, as_attachment=not view, download_name=name)


@pages.get("/font/<weight>.ttf")
def font(weight: str):
    """The shipped Chinese faces, for a browser with none of its own (the style sheet asks for
    them only for Chinese characters the system's fonts lack): nothing comes from the internet."""
    from briefing import fonts

    faces = {"regular": fonts.FILES[fonts.REGULAR], "bold": fonts.FILES[fonts.BOLD]}
    if weight not in faces:
        abort(404)
    return send_file(fonts.font_dir() / faces[weight], mimetype="font/ttf", max_age=30 * 24 * 3600)


@pages.app_errorhandler(404)
def not_found(_error):
    return render_template("message.html", message=_(
        "This page is not here, or its documents are no longer kept (the front desk keeps the latest "
        "ones until it restarts). Make them again from the form.")), 404


@pages.app_errorhandler(413)
def too_large(_error):
    return render_template("message.html", message=_(
        "The form sent was far too long. Go back, shorten what was typed and press the button again.")), 413


@pages.app_errorhandler(403)
def refused(_error):
    return render_template("message.html", message=_(
        "This form was sent from another web page, so it was refused. Open the front desk’s own page "
        "and press the button there.")), 403


def _(message: str) -> str:
    """``message`` in the interface's language (``_`` marks it for the catalogs)."""
    return translator(g.get("ui", LANGUAGES[0]))(message)


def _made(token: str) -> work.Made:
    made = desk().results.get(token)
    if made is None:
        abort(404)
    return made


def _form_page(form, made: Optional[work.Made] = None, failure: str = "", status: int = 200):
    try:
        choices = desk().workers.run(work.choices, str(desk().data_dir), g.ui)
    except RenderFailed:
        choices, failure = work.Choices(), failure or _(
            "The fact sheets could not be read in time. Reload the page; if it happens again, restart the front desk.")
    made = made or work.Made()
    return render_template(
        "form.html", form=form, choices=choices, problems=made.form_problems,
        sheet_problems=made.sheet_problems or choices.problems, failure=failure or made.failure,
        papers=DOCUMENT_PAPERS, bleeds=BLEEDS, impositions=IMPOSITIONS,
    ), status


def _ui_language() -> str:
    """The interface's language: the switch (``?ui=``), then the one chosen before, then the
    browser's preference, then Chinese (the office's own)."""
    for asked in (request.args.get("ui"), request.cookies.get(UI_COOKIE)):
        if asked in LANGUAGES:
            return asked
    return request.accept_languages.best_match(LANGUAGES, default=LANGUAGES[0])


def _switch_url(lang: str) -> str:
    """This page in another language; after a form was sent, the form itself (a sent form
    cannot be fetched again by a link)."""
    if request.method == "GET" and request.endpoint:
        return url_for(request.endpoint, **(request.view_args or {}), ui=lang)
    return url_for("desk.form_page", ui=lang)


def _from_another_site() -> bool:
    """A browser says where a form was sent from (Sec-Fetch-Site, or in older ones Origin);
    one that is not ours is refused. A request naming neither is not from a browser's page."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin.split("://", 1)[-1] != request.host
