"""Editing fact sheets in the browser (``briefing serve --edit``): the list of sheets an editor
may edit, a page per sheet made from the schema (``editform.py``), checks beside each field
as ``briefing check`` words them (run in the workers, ``editwork.py``), saving that keeps the
operator's comments and layout (``operators/rewrite.py``), drafts and history
(``operators/versions.py``), a preview of the page that shows a field, and signing in
(``auth.py``).

Every route is under ``/edit/`` and keeps the desk's own protections (its host names, forms
from its own pages only, its Content-Security-Policy); each form carries the session's CSRF
token, and a save is refused when the sheet changed since its page was made.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn, Optional

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from werkzeug.exceptions import HTTPException

from briefing.desk.auth import COOKIE, Accounts, Editor, Sessions, Throttle, local_editor, same
from briefing.operators.versions import Store
from briefing.text.i18n import translator

#: The largest form an edit page sends: a sheet may be 1 MiB, sent as a form it grows (every
#: Chinese character is 9 bytes percent-encoded) with the fields' names beside each value.
MAX_EDIT_BYTES = 8 * 1024 * 1024
#: Fields of one form: a sheet may have 5000 list entries of a few fields each.
MAX_EDIT_PARTS = 40_000

#: Signing in and out, always there (each says editing is off when it is).
editor_pages = Blueprint("editor", __name__, url_prefix="/edit")
#: Instead of the edit pages when editing is off: every address under /edit/ says how to turn it on.
off = Blueprint("edit_off", __name__, url_prefix="/edit")


@dataclass
class EditDesk:
    """What the edit pages share."""

    enabled: bool
    accounts: Accounts
    loopback: bool  # the desk listens on this computer only
    store: Store
    sessions: Sessions = field(default_factory=Sessions)
    throttle: Throttle = field(default_factory=Throttle)
    #: Texts editors started from, by token: what the other changed is shown against it.
    seen: OrderedDict = field(default_factory=OrderedDict)
    previews: OrderedDict = field(default_factory=OrderedDict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def remember(self, key, value, into: OrderedDict, keep: int = 200) -> None:
        with self.lock:
            into[key] = value
            into.move_to_end(key)
            while len(into) > keep:
                into.popitem(last=False)


def setup(app, data_dir: Path, enabled: bool, accounts_file: Path, loopback: bool) -> None:
    """Register the edit pages on the desk's app (off unless ``enabled``: then the desk's own
    process does not even load them, nor the YAML libraries they use)."""
    app.extensions["briefing.edit"] = EditDesk(enabled, Accounts(accounts_file), loopback, Store(data_dir))
    app.register_error_handler(Refused, refused)
    app.register_blueprint(editor_pages)
    if not enabled:
        app.register_blueprint(off)  # the edit pages themselves (editpages.py) are registered by create_app


def guard(blueprint: Blueprint) -> None:
    """Who may ask, and the session's cookie, for a blueprint of the editor."""
    blueprint.before_request(who_is_asking)
    blueprint.after_request(keep_session)


class Refused(HTTPException):
    """A refusal of the editor's, with its own words (the desk's refusals have theirs)."""

    def __init__(self, code: int, message: str):
        super().__init__(description=message)
        self.code = code


def refuse(code: int, message: str) -> NoReturn:
    raise Refused(code, message)


def edit_desk() -> EditDesk:
    return current_app.extensions["briefing.edit"]


def _(message: str) -> str:
    return translator(g.get("ui", "zh"))(message)


# -- who is asking ---------------------------------------------------------------------------

def who_is_asking():
    desk = edit_desk()
    if not desk.enabled:
        refuse(404, _("Editing fact sheets in the browser is off on this front desk. It is turned on by starting "
                     "it with: briefing serve --edit"))
    request.max_content_length = MAX_EDIT_BYTES
    request.max_form_parts = MAX_EDIT_PARTS
    session = desk.sessions.get(request.cookies.get(COOKIE))
    if session and session.editor and not session.editor.local:
        session.editor = desk.accounts.current(session.editor.name)  # removed, or given other parks
        if session.editor is None:
            desk.sessions.end(session.token)
            session = None
    if session and session.editor and session.editor.local and not _open_here():
        session = None  # an editor was added since: everyone signs in
    if session is None and _open_here():
        session = desk.sessions.start(local_editor())
        g.new_session = session
    g.session = session
    if request.method == "POST" and not (session and same(request.form.get("csrf"), session.csrf)):
        refuse(403, _("This form has expired (the front desk was restarted, or the page was open too long) or was "
                     "not sent from the desk’s own page. Open the page again; what was typed must be typed again."))
    if request.endpoint not in ("editor.sign_in", "editor.sign_in_form") and not (session and session.editor):
        if request.method == "GET":
            return redirect(url_for("editor.sign_in_form", next=request.full_path if request.args else request.path))
        refuse(403, _("Sign in to edit the fact sheets."))
    return None


def _open_here() -> bool:
    """On this computer alone, with no editors set up: the person at it edits without a
    password (they could edit the files as well)."""
    desk = edit_desk()
    remote = request.remote_addr or ""
    return desk.loopback and remote in ("127.0.0.1", "::1") and not desk.accounts.any()


def keep_session(response):
    session = g.get("new_session")
    if session is not None:
        _set_cookie(response, session.token)
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _set_cookie(response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", secure=request.is_secure, path="/")


def refused(error: Refused):
    """A refusal of the edit pages, saying why and what to do (the desk's own refusals, a form
    from another site or a wrong host, are the desk's page)."""
    return render_template("edit_message.html", message=error.description), error.code


@editor_pages.app_context_processor
def edit_helpers():
    session = g.get("session")
    severities = {"error": _("Error"), "warning": _("Warning"), "note": _("Note")}
    return {"editor": session.editor if session else None, "csrf": session.csrf if session else "",
            "edit_on": edit_desk().enabled, "severities": severities}


def editor() -> Editor:
    return g.session.editor


# -- signing in --------------------------------------------------------------------------

@editor_pages.get("/sign-in")
def sign_in_form():
    if g.session is None:  # a session before signing in, for the form's CSRF token
        g.session = g.new_session = edit_desk().sessions.start()
    return render_template("edit_signin.html", next=_safe_next(request.args.get("next")), name="", problem="")


@editor_pages.post("/sign-in")
def sign_in():
    desk = edit_desk()
    name = request.form.get("name", "").strip().lower()[:64]
    address = request.remote_addr or ""
    wait = desk.throttle.wait(address, name)
    following = _safe_next(request.form.get("next"))
    if wait:
        minutes = max(1, (wait + 59) // 60)
        return render_template("edit_signin.html", next=following, name=name, problem=_(
            "Too many wrong passwords. Wait {minutes} minutes, then try again.").format(minutes=minutes)), 429
    found = desk.accounts.verify(name, request.form.get("password", ""))
    if found is None:
        desk.throttle.failed(address, name)
        return render_template("edit_signin.html", next=following, name=name, problem=_(
            "That name and password do not match. Check them (the password is case-sensitive) and try "
            "again.")), 401
    desk.sessions.end(g.session.token)  # a new token once signed in: one seen before is worth nothing
    session = desk.sessions.start(found)
    response = redirect(following or url_for("edit.index"), code=303)
    _set_cookie(response, session.token)
    return response


@editor_pages.post("/sign-out")
def sign_out():
    edit_desk().sessions.end(g.session.token)
    response = redirect(url_for("desk.form_page"), code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _safe_next(target: Optional[str]) -> str:
    """Only a page of the editor itself (never another site's address)."""
    if target and target.startswith("/edit/") and "//" not in target and "\\" not in target:
        return target
    return ""


@off.route("/", methods=["GET", "POST"])
@off.route("/<path:rest>", methods=["GET", "POST"])
def turned_off(rest: str = ""):
    abort(404)  # who_is_asking says why


guard(editor_pages)
guard(off)
