"""The edit pages themselves (``edit.py`` has signing in, and what every page of the editor
checks first): the list of sheets, a sheet's page made from the schema (``editform.py``), its
checks, saving, the preview and the history. Loaded only when the desk edits.
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn, Optional

import yaml
from flask import (
    Blueprint,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)

from briefing.desk import editform, editwork
from briefing.desk.conflict import rebase
from briefing.desk.edit import _, edit_desk, editor, guard, refuse
from briefing.desk.work import RenderFailed
from briefing.operators.rewrite import RewriteFailed, Tree, bare, differences, read_tree, rewrite
from briefing.operators.versions import Conflict, Current, SheetRef

pages = Blueprint("edit", __name__, url_prefix="/edit")
guard(pages)


def _not_here() -> NoReturn:
    refuse(404, _("This sheet, or this version of it, is not here. Go back to the fact sheets and choose it again."))



# -- the list of sheets ------------------------------------------------------------------

@pages.get("/")
def index():
    desk = edit_desk()
    data = desk.store.data_dir
    sheets = [SheetRef("zone"), SheetRef("sources")]
    sheets += [SheetRef("parks", p.stem) for p in sorted((data / "parks").glob("*.yaml"))]
    sheets += [SheetRef("news", p.stem) for p in sorted((data / "news").glob("*.yaml"))]
    mine = [ref for ref in sheets if editor().may_edit(ref) and (data / ref.path).is_file()]
    drafts = desk.store.drafts()
    rows = [(ref, _title(data, ref), drafts.get(ref.key), next(iter(desk.store.history(ref)), None)) for ref in mine]
    return render_template("edit_index.html", rows=rows)


def _title(data: Path, ref: SheetRef) -> str:
    """A sheet's name or title as it writes it, in the interface's language (read, not checked)."""
    try:
        tree = read_tree((data / ref.path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return ""
    if not isinstance(tree, dict):
        return ""
    for key in ("title", "name"):
        text = tree.get(key)
        if isinstance(text, dict):
            return str(text.get("en") if g.ui == "en" and text.get("en") else text.get("zh") or "")
    return ""


# -- one sheet -------------------------------------------------------------------------

def _sheet(kind: str, sheet_id: str = "") -> SheetRef:
    ref = SheetRef.parse(kind, sheet_id)
    if ref is None or not (edit_desk().store.data_dir / ref.path).is_file():
        _not_here()
    if not editor().may_edit(ref):
        refuse(403, _("You may edit only your own park’s fact sheet; ask the promotion office to give you this "
                     "one, or to edit it."))
    return ref


def _routes(rule: str, endpoint: str, view, methods: list[str]) -> None:
    """A sheet's page by the sheet's place: /edit/zone, /edit/parks/<id>."""
    pages.add_url_rule(f"/<any(zone, sources):kind>{rule}", endpoint, view, methods=methods)
    pages.add_url_rule(f"/<any(parks, news):kind>/<sheet_id>{rule}", endpoint, view, methods=methods)


def sheet_page(kind: str, sheet_id: str = ""):
    ref = _sheet(kind, sheet_id)
    if request.method == "POST":
        return _sent(ref)
    current = edit_desk().store.current(ref)
    notice = ""
    if request.args.get("saved"):
        notice = "saved"
    elif request.args.get("draft"):
        notice = "draft"
    elif request.args.get("restored"):
        notice = "restored"
    return _show(ref, current, None, notice=notice, focus=request.args.get("field", ""))


_routes("", "sheet", sheet_page, ["GET", "POST"])


@dataclass
class Shown:
    """A sheet page's state beyond its fields."""

    unsaved: bool = False
    rebased: object = None
    failure: str = ""


def _show(ref: SheetRef, current: Current, tree: Optional[Tree], notice: str = "", state: Optional[Shown] = None,
          focus: str = "", status: int = 200):
    """The page: ``tree`` (what was sent) or the sheet (its draft if any) with its problems."""
    desk, state = edit_desk(), state or Shown()
    working = current.working
    if working is None:
        _not_here()
    if tree is None:
        try:
            tree = editform.with_origins(read_tree(working))
        except yaml.YAMLError as exc:
            return _unreadable(ref, current, exc)
        text: Optional[str] = working if current.draft else None
    else:
        text = _candidate(working, tree, ref)
    desk.remember(current.token, working, desk.seen)
    checked = _checked(ref, text, state)
    fields = editform.page(tree, ref.record, g.ui, editform.Pickers(checked.references, tuple(_images())))
    left = editform.attach(fields, checked.problems)
    return render_template(
        "edit_sheet.html", ref=ref, fields=fields, checked=checked, left=left, current=current, notice=notice,
        state=state, token=current.token, months=editform.month_names(g.ui), year_end=editform.YEAR_END,
        preview_field=focus, preview_lang=_language_of(focus), figures=checked.figures,
        title=_title(desk.store.data_dir, ref)), status


def _candidate(base: str, tree: Tree, ref: SheetRef) -> Optional[str]:
    try:
        return rewrite(base, tree, ref.record)
    except RewriteFailed:
        current_app.logger.exception("the sheet %s could not be written back", ref.path)
        return None


def _checked(ref: SheetRef, text: Optional[str], state: Shown) -> editwork.Checked:
    desk = edit_desk()
    try:
        return current_app.extensions["briefing.desk"].workers.run(editwork.check, str(desk.store.data_dir), ref.path,
                                                                    text, g.ui)
    except RenderFailed:
        state.failure = _("The sheet could not be checked in time. Press Check again; if it happens again, restart "
                          "the front desk.")
        return editwork.Checked()


def _images() -> list[str]:
    """Every image in the data folder a sheet may name (outside hidden folders)."""
    root = edit_desk().store.data_dir
    found = []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.suffix.lower() in (".png", ".jpg", ".jpeg") and not any(p.startswith(".") for p in relative.parts):
            found.append(relative.as_posix())
    return found[:500]


def _unreadable(ref: SheetRef, current: Current, exc: yaml.YAMLError):
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + 1 if mark else None
    return render_template("edit_unreadable.html", ref=ref, current=current, line=line,
                           title=ref.path, token=current.token), 200


def _language_of(path: str) -> str:
    """The edition a field is seen in: English for an English text, else Chinese."""
    if path.endswith(".en"):
        return "en"
    if path.endswith(".zh-Hant"):
        return "zh-Hant"
    return "zh"


def _sent(ref: SheetRef):
    """A press of a button on the sheet's page: a list change, Check, Save, or discarding the draft."""
    desk = edit_desk()
    current = desk.store.current(ref)
    if current.working is None:
        _not_here()
    tree = editform.read(request.form, ref.record)
    operation = request.form.get("op", "")
    action = request.form.get("action", "check")
    token = request.form.get("token", "")
    if operation:
        return _show(ref, current, editform.change(tree, operation, ref.record), state=Shown(unsaved=True),
                     focus=operation.partition(":")[2])
    if action == "discard":
        try:
            desk.store.discard_draft(ref, token)
        except Conflict as conflict:
            return _conflict(ref, conflict.current, tree, token)
        return redirect(url_for("edit.sheet", kind=ref.kind, sheet_id=ref.id or None), code=303)
    if action != "save":
        return _show(ref, current, tree, state=Shown(unsaved=True))
    if token != current.token:
        return _conflict(ref, current, tree, token)
    base = current.working
    text = _candidate(base, tree, ref)
    if text is None:
        return _show(ref, current, tree, state=Shown(unsaved=True, failure=_(
            "The sheet could not be written without changing what was not edited, so nothing was saved. The "
            "details are in the front desk’s window; please report it.")), status=500)
    return _save(ref, current, text, tree)


def _save(ref: SheetRef, current: Current, text: str, tree: Tree, restored: Optional[int] = None):
    desk = edit_desk()
    if text == current.text and current.draft is None and restored is None:  # nothing changed: nothing to keep
        return redirect(url_for("edit.sheet", kind=ref.kind, sheet_id=ref.id or None), code=303)
    state = Shown(unsaved=True)
    checked = _checked(ref, text, state)
    if state.failure:
        return _show(ref, current, tree, state=state, status=503)
    before = current.text or ""
    try:
        changed = tuple(path for path, _old, _new in differences(_tree_of(before), _tree_of(text)))
    except yaml.YAMLError:
        changed = ()
    try:
        entry = desk.store.save(ref, text, editor().name, current.token, checked.good, changed[:50], restored)
    except Conflict as conflict:
        return _conflict(ref, conflict.current, tree, current.token)
    desk.previews.clear()
    what = "restored" if restored is not None and checked.good else "saved" if checked.good else "draft"
    arguments: dict[str, Any] = {"kind": ref.kind, "sheet_id": ref.id or None, what: entry.number,
                                    "field": changed[0] if changed else ""}
    target = url_for("edit.sheet", **arguments)
    return redirect(target, code=303)


def _tree_of(text: str) -> Tree:
    return bare(read_tree(text)) if text.strip() else {}


def _conflict(ref: SheetRef, current: Current, mine: Tree, token: str):
    """Someone saved this sheet since the page was made: their changes shown, this editor's put onto
    their version where they do not clash, nothing saved."""
    desk = edit_desk()
    base_text = desk.seen.get(token)
    try:
        now = _tree_of(current.working or "")
    except yaml.YAMLError:
        now = {}
    base = _tree_of(base_text) if base_text is not None else now
    rebased = rebase(base, now, mine)
    if base_text is None:  # what they started from is not known: everything differing is shown
        rebased.theirs = differences(bare(mine), now)
    return _show(ref, current, rebased.tree, state=Shown(unsaved=True, rebased=rebased), status=409)


@pages.post("/<any(zone, sources):kind>/check")
@pages.post("/<any(parks, news):kind>/<sheet_id>/check")
def check(kind: str, sheet_id: str = ""):
    """The checks of the form as it is now, for the page's script (answered as JSON)."""
    ref = _sheet(kind, sheet_id)
    current = edit_desk().store.current(ref)
    if current.working is None:
        _not_here()
    tree = editform.read(request.form, ref.record)
    state = Shown()
    checked = _checked(ref, _candidate(current.working, tree, ref), state)
    fields = editform.page(tree, ref.record, g.ui, editform.Pickers(checked.references, tuple(_images())))
    left = editform.attach(fields, checked.problems)
    shown = [{"field": item.path, "id": item.id, "severity": p.severity, "message": p.message,
              "line": p.line} for item in fields.walk() for p in item.problems]
    return jsonify({
        "problems": shown, "sheet": [{"severity": p.severity, "message": p.message, "field": p.field}
                                     for p in left],
        "elsewhere": checked.elsewhere, "failure": state.failure,
        "figures": {editform.Field(path, "", "").id: f"{zh} · {en}" for path, (zh, en) in checked.figures.items()},
        "counts": {kind: sum(p.severity == kind for p in checked.problems) for kind in ("error", "warning", "note")},
        "summary": _summary(checked),
    })


def _summary(checked: editwork.Checked) -> str:
    counts = {kind: sum(p.severity == kind for p in checked.problems) for kind in ("error", "warning", "note")}
    if not any(counts.values()):
        return _("No problems: the checks of briefing check all pass.")
    return _("Errors: {errors} · warnings: {warnings} · notes: {notes}").format(
        errors=counts["error"], warnings=counts["warning"], notes=counts["note"])


@pages.app_template_global()
def problem_summary(checked) -> str:
    return _summary(checked)


# -- the preview ---------------------------------------------------------------------------

@pages.get("/<any(zone, sources):kind>/preview.png")
@pages.get("/<any(parks, news):kind>/<sheet_id>/preview.png")
def preview(kind: str, sheet_id: str = ""):
    """The page of the document that shows ``field`` (or page ``page``), from the sheets as saved."""
    ref = _sheet(kind, sheet_id)
    shown = _preview(ref)
    if not shown.png:
        _not_here()
    response = make_response(send_file(io.BytesIO(shown.png), mimetype="image/png"))
    return response


def _preview(ref: SheetRef) -> editwork.Preview:
    desk = edit_desk()
    field_path = request.args.get("field", "")[:300]
    lang = request.args.get("lang", "zh")
    lang = lang if lang in ("zh", "en", "zh-Hant") else "zh"
    page = request.args.get("page", "")
    number = int(page) if page.isdigit() and len(page) < 4 else 0
    token = desk.store.current(ref).token
    key = (ref, token, field_path, lang, number, g.ui)
    found = desk.previews.get(key)
    if found is None:
        try:
            found = current_app.extensions["briefing.desk"].workers.run(
                editwork.preview, str(desk.store.data_dir), ref.path, field_path, lang, number, g.ui)
        except RenderFailed:
            found = editwork.Preview(unavailable=_("The preview could not be made in time."))
        desk.remember(key, found, desk.previews, keep=24)
    return found


@pages.get("/<any(zone, sources):kind>/preview")
@pages.get("/<any(parks, news):kind>/<sheet_id>/preview")
def preview_page(kind: str, sheet_id: str = ""):
    """The preview on a page of its own (the image, its caption, and the next and previous pages)."""
    ref = _sheet(kind, sheet_id)
    shown = _preview(ref)
    return render_template("edit_preview.html", ref=ref, shown=shown, field=request.args.get("field", ""),
                           lang=request.args.get("lang", "zh"), title=_title(edit_desk().store.data_dir, ref))


# -- history ---------------------------------------------------------------------------

def history_page(kind: str, sheet_id: str = ""):
    ref = _sheet(kind, sheet_id)
    current = edit_desk().store.current(ref)
    return render_template("edit_history.html", ref=ref, current=current, token=current.token,
                           title=_title(edit_desk().store.data_dir, ref))


_routes("/history", "history", history_page, ["GET"])


def version_page(kind: str, number: int, sheet_id: str = ""):
    """One version: what it changed from the one before it, field by field and line by line."""
    ref = _sheet(kind, sheet_id)
    desk = edit_desk()
    text = desk.store.version(ref, number)
    if text is None:
        _not_here()
    current = desk.store.current(ref)
    entries = current.history
    entry = next((e for e in entries if e.number == number), None)
    earlier = next((e for e in entries if e.number < number), None)
    before = desk.store.version(ref, earlier.number) if earlier else None
    return render_template("edit_version.html", ref=ref, entry=entry, earlier=earlier,
                           fields=_field_changes(before, text), lines=_line_diff(before or "", text),
                           token=current.token, title=_title(desk.store.data_dir, ref),
                           is_current=(text == current.text))


pages.add_url_rule("/<any(zone, sources):kind>/history/<int:number>", "version", version_page)
pages.add_url_rule("/<any(parks, news):kind>/<sheet_id>/history/<int:number>", "version", version_page)


def restore(kind: str, number: int, sheet_id: str = ""):
    """That version saved again (a draft if it no longer passes the checks)."""
    ref = _sheet(kind, sheet_id)
    desk = edit_desk()
    text = desk.store.version(ref, number)
    if text is None:
        _not_here()
    current = desk.store.current(ref)
    if request.form.get("token") != current.token:
        return _conflict(ref, current, _tree_of(text), request.form.get("token", ""))
    try:
        tree = editform.with_origins(read_tree(text))
    except yaml.YAMLError:
        tree = {}
    return _save(ref, current, text, tree, restored=number)


pages.add_url_rule("/<any(zone, sources):kind>/history/<int:number>/restore", "restore", restore,
                     methods=["POST"])
pages.add_url_rule("/<any(parks, news):kind>/<sheet_id>/history/<int:number>/restore", "restore", restore,
                     methods=["POST"])


def _field_changes(before: Optional[str], after: str) -> list[tuple[str, Tree, Tree]]:
    try:
        return differences(_tree_of(before or ""), _tree_of(after))
    except yaml.YAMLError:
        return []


def _line_diff(before: str, after: str) -> list[tuple[str, str]]:
    """The lines that changed, with three around each, as (kind, line): kind is ' ', '-', '+' or '@'."""
    lines = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=3):
        if line.startswith(("---", "+++")):
            continue
        lines.append((line[0], line[1:] if line[0] != "@" else line))
    return lines


@pages.app_template_filter("shown_value")
def shown_value(value: Tree) -> str:
    """A value in a list of changes: its text, or its parts written out."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return " · ".join(f"{key}: {shown_value(item)}" for key, item in value.items())
    if isinstance(value, list):
        return " | ".join(shown_value(item) for item in value)
    return str(value)
