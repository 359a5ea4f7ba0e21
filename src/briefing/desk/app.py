"""The front desk's pages: a form that makes one visit's documents, and a page to download,
print and preview them. The routes only read the request and choose a page; the fact sheets
are read and the documents made in worker processes (``work.py``), by the pipeline that
``briefing build`` runs.

The page is for a desk on the office's own network: it binds to loopback unless told
otherwise, answers only to an IP address or its computer's own names (so a web page
elsewhere cannot reach it by DNS rebinding), refuses forms posted from other sites, and loads
nothing from the internet.
"""

from __future__ import annotations

import io
import ipaddress
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from briefing.desk import work
from briefing.desk.order import BLEEDS, LANGUAGE_NAMES, UI_LANGUAGES, kind_names
from briefing.desk.results import Results
from briefing.desk.work import RenderFailed, Workers
from briefing.pipeline.occasion import MAX_NAME
from briefing.pipeline.options import DOCUMENT_PAPERS, IMPOSITIONS, LANGUAGES, PRINT_SHEETS
from briefing.press.spec import CONDITIONS
from briefing.text.i18n import translator

UI_COOKIE = "ui"
DOCUMENTS_COOKIE = "documents-lang"  # the documents' languages chosen last
MAX_FORM_BYTES = 64 * 1024  # the form is a few hundred bytes; anything near this is not a person typing
#: Each page's policy: its own styles, script, fonts and images only, no framing by another
#: site. Pages only: a PDF opened to print is shown by the browser's viewer, which it can upset.
#: connect-src: the fact-sheet editor's script sends the form to the desk's own checks.
PAGE_POLICY = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; font-src 'self'; "
               "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
#: What is made for a visitor (their name is on it) is kept by no cache, the browser's included.
PRIVATE = "private, no-store"

pages = Blueprint("desk", __name__)


@dataclass
class Desk:
    """What the pages share: the data folder, the workers and the documents made so far."""

    data_dir: Path
    workers: Workers
    results: Results
    host_names: frozenset[str]  # the names it answers to, besides IP addresses


def create_app(data_dir: Path, workers: Optional[Workers] = None, host: str = "127.0.0.1", edit: bool = False,
               editors: Optional[Path] = None) -> Flask:
    """The desk's app for a server listening on ``host``; ``edit`` turns on the fact-sheet
    editor, whose accounts are in ``editors`` (``auth.default_file()`` unless given)."""
    from briefing.desk import auth  # the editor's pages use this module's
    from briefing.desk import edit as editing

    app = Flask(__name__)
    app.config.update(MAX_CONTENT_LENGTH=MAX_FORM_BYTES, MAX_FORM_PARTS=100)
    app.wsgi_app = HostCheck(app.wsgi_app)  # type: ignore[method-assign]
    app.extensions["briefing.desk"] = Desk(Path(data_dir).resolve(), workers or Workers(), Results(),
                                           own_names(host))
    app.register_blueprint(pages)
    editing.setup(app, Path(data_dir).resolve(), edit, editors or auth.default_file(), is_loopback(host))
    if edit:  # loaded only when the desk edits: the pages read and write YAML in this process
        from briefing.desk.editpages import pages as edit_pages

        app.register_blueprint(edit_pages)
    return app


#: A Host header as a browser sends it: a name of dot-separated labels of at most 63 letters,
#: digits, hyphens (or underscores), or an IPv4 or bracketed IPv6 address, and perhaps a port.
_HOST = re.compile(r"(?:(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*"
                   r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.?|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")
#: Said in both languages: a request refused before the page's language is known.
_NO_HOST = ("<!doctype html><html lang=\"zh-Hans\"><meta charset=\"utf-8\"><title>briefing</title>"
            "<p>接待台只在自己的地址上应答：启动时显示的电脑 IP 地址或名称。</p>"
            "<p lang=\"en\">The front desk answers only at its own address: the IP address or name of its computer, "
            "as shown when it was started.</p></html>")


class HostCheck:
    """Refuses, before Flask sees it, a request whose Host header is missing, empty or not a
    host name (a label over 63 characters): Flask cannot build its pages for such a request
    (it answered 500), and an empty one was answered as the server's own address."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST", "")
        if host and len(host) <= 260 and _HOST.fullmatch(host):
            return self.app(environ, start_response)
        status = "421 Misdirected Request" if host else "400 Bad Request"
        body = _NO_HOST.encode("utf-8")
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                                ("Content-Security-Policy", PAGE_POLICY), ("X-Content-Type-Options", "nosniff")])
        return [body]


def is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def own_names(host: str) -> frozenset[str]:
    """The names a browser may use for the desk: localhost, and on the network the computer's
    own names. Any other name pointing at it is a web page elsewhere reaching in (DNS
    rebinding), so it is refused; an IP address cannot be rebound and is always answered."""
    if is_loopback(host):
        return frozenset({"localhost"})
    machine = socket.gethostname().lower()
    return frozenset({"localhost", machine, f"{machine}.local", socket.getfqdn().lower()})


def desk() -> Desk:
    return current_app.extensions["briefing.desk"]


@pages.before_app_request
def choose_language_and_refuse_strangers():
    g.ui = _ui_language()
    if not _own_host():
        abort(421)
    if request.method == "POST" and _from_another_site():
        abort(403)


@pages.after_app_request
def remember_language_and_secure(response):
    if request.args.get("ui") in UI_LANGUAGES:
        response.set_cookie(UI_COOKIE, request.args["ui"], max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Not "no-referrer": under it a browser sends "Origin: null" with the desk's own forms.
    response.headers["Referrer-Policy"] = "same-origin"
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = PAGE_POLICY
    return response


@pages.app_context_processor
def page_helpers():
    ui = g.get("ui", UI_LANGUAGES[0])
    return {"_": translator(ui), "ui": ui, "languages": LANGUAGE_NAMES,
            "ui_languages": {lang: LANGUAGE_NAMES[lang] for lang in UI_LANGUAGES}, "max_name": MAX_NAME,
            "switch_url": _switch_url, "switch_form": g.get("switch_form", False)}


@pages.get("/")
def form_page():
    return _form_page(MultiDict([("paper", "A4"), *(("lang", lang) for lang in _document_languages())]))


@pages.post("/switch")
def switch():
    """The form again in the language the switch asks for (``?ui=``), with everything that was
    ticked and typed: the switch is a button of the form, so nothing is lost."""
    return _form_page(request.form)


@pages.post("/make")
def make():
    try:
        made = desk().workers.run(work.make, str(desk().data_dir), request.form.to_dict(flat=False), g.ui)
    except RenderFailed:
        return _form_page(request.form, failure=_(
            "Making the documents stopped before it finished. Press the button again; if it stops again, "
            "restart the front desk."), status=503)
    if not made.ok:  # the form's fault (422), the sheets' (503: nothing can be made until fixed), or a layout's
        return _form_page(request.form, made, status=500 if made.failure else 503 if made.sheet_problems else 422)
    response = redirect(url_for("desk.made_page", token=desk().results.add(made)), code=303)
    # The languages chosen are ticked next time (the interface's language is no guide to the visitor's).
    chosen = [lang for lang in LANGUAGES if lang in request.form.getlist("lang")]
    response.set_cookie(DOCUMENTS_COOKIE, ".".join(chosen), max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@pages.get("/made/<token>")
def made_page(token: str):
    return _private(make_response(render_template("made.html", made=_made(token), token=token)))


@pages.get("/made/<token>/preview.png")
def preview(token: str):
    return _private(send_file(io.BytesIO(_made(token).preview), mimetype="image/png"))


@pages.get("/made/<token>/<path:name>")
def download(token: str, name: str):
    """A file of the visit: a download, or (``?view=1``) shown in the browser to print it."""
    made = _made(token)
    if made.bundle_name and name == made.bundle_name:
        return _private(send_file(io.BytesIO(made.bundle()), mimetype="application/zip", as_attachment=True,
                                  download_name=name))
    files = {file.name: file.data for file in made.files}
    if name not in files:
        abort(404)
    view = request.args.get("view") == "1"
    mimetype = "image/png" if name.endswith(".png") else "application/pdf"  # --share's images, else a PDF
    return _private(send_file(io.BytesIO(files[name]), mimetype=mimetype, as_attachment=not view,
                              download_name=name))


@pages.get("/font/<weight>.ttf")
def font(weight: str):
    """The shipped Chinese faces, in which the page sets Chinese as the PDFs do: a tablet needs
    no Chinese font of its own, and nothing comes from the internet."""
    from briefing.text import fonts

    faces = {"regular": fonts.FILES[fonts.REGULAR], "bold": fonts.FILES[fonts.BOLD]}
    if weight not in faces:
        abort(404)
    return send_file(fonts.font_dir() / faces[weight], mimetype="font/ttf", max_age=30 * 24 * 3600)


@pages.app_errorhandler(HTTPException)
def refused(error: HTTPException):
    """Every refusal as a page in the interface's language, saying what to do."""
    messages = {
        403: _("This form was sent from another web page, so it was refused. Open the front desk’s own page "
               "and press the button there."),
        404: _("This page is not here, or its documents are no longer kept (the front desk keeps the latest "
               "ones until it restarts). Make them again from the form."),
        413: _("The form sent was far too long. Go back, shorten what was typed and press the button again."),
        421: _("The front desk answers only at its own address: the IP address or name of its computer, "
               "as shown when it was started."),
    }
    fallback = _("This request could not be answered ({code} {name}). Go back to the form.")
    message = messages.get(error.code or 500, fallback.format(code=error.code, name=error.name))
    allowed = {name: value for name, value in error.get_headers() if name == "Allow"}  # a 405 names what is allowed
    return render_template("message.html", message=message), error.code, allowed


@pages.app_errorhandler(Exception)
def failed(error: Exception):
    """A fault of the desk itself: the traceback goes to the desk's console, a plain message
    to the page."""
    current_app.logger.exception("the front desk failed on %s %s", request.method, request.path)
    return render_template("message.html", message=_(
        "Something went wrong on the front desk; the details are in its window. Go back and try again.")), 500


def _(message: str) -> str:
    """``message`` in the interface's language (``_`` marks it for the catalogs)."""
    return translator(g.get("ui", UI_LANGUAGES[0]))(message)


def _private(response):
    response.headers["Cache-Control"] = PRIVATE
    return response


def _made(token: str) -> work.Made:
    made = desk().results.get(token)
    if made is None:
        abort(404)
    return made


def _form_page(form, made: Optional[work.Made] = None, failure: str = "", status: int = 200):
    """The form, with what was sent and its problems; the choices it offers come with a
    failed press, else from a worker."""
    made = made or work.Made()
    choices = made.choices
    try:
        choices = choices or desk().workers.run(work.choices, str(desk().data_dir), g.ui)
    except RenderFailed:
        choices, failure = work.Choices(), failure or _(
            "The fact sheets could not be read in time. Reload the page; if it happens again, restart the front desk.")
    problems = made.form_problems
    g.switch_form = bool(choices.zone)  # the language switch sends the form along
    return render_template(
        "form.html", form=form, choices=choices, problems=problems, print_open=_print_options_shown(form, problems),
        sheet_problems=made.sheet_problems or choices.problems, failure=failure or made.failure,
        date_warnings=made.date_warnings,
        papers=DOCUMENT_PAPERS, bleeds=BLEEDS, impositions=IMPOSITIONS, kinds=kind_names(g.ui),
        conditions=list(CONDITIONS), sheets=PRINT_SHEETS,
    ), status


def _print_options_shown(form, problems: dict) -> bool:
    """The paper and print-shop options are folded away unless one is not the default or has
    a problem: most visits need none of them."""
    options = ("paper", "bleed", "cmyk", "impose")
    return (any(problems.get(name) for name in options) or form.get("paper", "A4") != "A4"
            or any(form.get(name) for name in options[1:]) or form.get("sheet", "auto") != "auto")


def _ui_language() -> str:
    """The interface's language: the switch (``?ui=``), then the one chosen before, then the
    browser's preference, then Chinese (the office's own)."""
    for asked in (request.args.get("ui"), request.cookies.get(UI_COOKIE)):
        if asked in UI_LANGUAGES:
            return asked
    return request.accept_languages.best_match(UI_LANGUAGES, default=UI_LANGUAGES[0])


def _document_languages() -> list[str]:
    """The documents' languages a new form ticks: those chosen last (a cookie, joined by dots:
    a tag has hyphens, zh-Hant), else Chinese (the
    visitors' language, whatever the interface's), with English too when the interface is in
    English: staff reading English may make documents for either."""
    remembered = [lang for lang in request.cookies.get(DOCUMENTS_COOKIE, "").split(".") if lang in LANGUAGES]
    return remembered or ([LANGUAGES[0]] + ([g.ui] if g.ui != LANGUAGES[0] else []))


def _switch_url(lang: str) -> str:
    """This page in another language; after a form was sent, the form itself (a sent form
    cannot be fetched again by a link)."""
    if request.method == "GET" and request.endpoint:
        return url_for(request.endpoint, **(request.view_args or {}), ui=lang)
    return url_for("desk.form_page", ui=lang)


def _own_host() -> bool:
    """Whether the browser asked for the desk by an IP address or one of its own names."""
    try:
        name = urlsplit("//" + request.host).hostname or ""
    except ValueError:  # a malformed Host header
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return name in desk().host_names


def _from_another_site() -> bool:
    """A browser says where a form was sent from (Sec-Fetch-Site, or in older ones Origin);
    one that is not ours is refused. A request naming neither is not from a browser's page."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site not in ("same-origin", "none")
    origin = request.headers.get("Origin")
    return origin is not None and origin.split("://", 1)[-1] != request.host
