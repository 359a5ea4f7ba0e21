"""Drafts and history of the fact sheets edited in the browser, kept in the data folder's
hidden ``.briefing/`` folder, which no command reads as a sheet (``briefing build`` and
``watch`` read ``zone.yaml``, ``sources.yaml``, ``parks/*.yaml`` and ``news/*.yaml`` only):

- ``drafts/<sheet>.yaml``: a sheet saved with errors. Documents go on using the sheet itself
  (the last good version) until the draft is fixed and saved, which replaces the sheet and
  removes the draft.
- ``history/<sheet>/<n>.yaml`` and ``history/<sheet>/log.jsonl``: every version saved from
  the browser, and before the first save (or after a change made in a text editor) the
  version found, so the previous version is never lost: who, when, what changed.

A version token (the hashes of the sheet and its draft) goes with every edit page: a save
whose page was made from another version than the one now on disk is refused (``Conflict``),
so a second person never overwrites the first one's changes unseen. Saves of one data folder
take turns (a lock file in ``.briefing/``), and each file is written atomically.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.output.write import locked, write_atomic
from briefing.sheets import schema

#: The hidden folder in the data folder where drafts and history live.
FOLDER = ".briefing"
#: What a sheet is, by the first part of its place: its file and the record it holds.
KINDS: dict[str, type] = {"zone": schema.Zone, "sources": schema.Sources, "parks": schema.Park,
                          "news": schema.NewsItem}
#: Versions kept per sheet; the oldest go first (a sheet is a few kilobytes).
KEEP = 500
_ID = re.compile(schema.ID_PATTERN)
_lock = threading.Lock()  # the server's threads; the lock file is for other processes


@dataclass(frozen=True)
class SheetRef:
    """One fact sheet: ``zone``, ``sources``, or a park's or news item's by its id."""

    kind: str
    id: str = ""

    @classmethod
    def parse(cls, kind: str, sheet_id: str = "") -> Optional[SheetRef]:
        """The sheet a page's address names, or None when it names none (never a path that
        leads elsewhere: an id is a file name's safe letters)."""
        if kind in ("zone", "sources"):
            return cls(kind) if not sheet_id else None
        if kind in ("parks", "news") and _ID.fullmatch(sheet_id):
            return cls(kind, sheet_id)
        return None

    @property
    def path(self) -> str:
        """The sheet's place in the data folder."""
        return f"{self.kind}/{self.id}.yaml" if self.id else f"{self.kind}.yaml"

    @property
    def key(self) -> str:
        """Its name in ``.briefing/`` (one file name, no folders)."""
        return f"{self.kind}-{self.id}" if self.id else self.kind

    @property
    def record(self) -> type:
        return KINDS[self.kind]


@dataclass(frozen=True)
class Entry:
    """One version in a sheet's history."""

    number: int
    when: str  # ISO 8601, local time with its offset
    who: str
    action: str  # save, draft, restore, found (the version on disk before a save from the browser)
    sha: str
    changed: tuple[str, ...] = ()
    restored: Optional[int] = None  # the version a restore brought back


@dataclass(frozen=True)
class Draft:
    text: str
    who: str
    when: str


@dataclass
class Current:
    """A sheet as the editor starts from: the sheet, its draft if any, and their token."""

    text: Optional[str]  # None: no such file
    draft: Optional[Draft] = None
    token: str = ""
    history: list[Entry] = field(default_factory=list)

    @property
    def working(self) -> Optional[str]:
        """What the editor shows: the draft when there is one, else the sheet."""
        return self.draft.text if self.draft else self.text


class Conflict(Exception):
    """The sheet (or its draft) changed since the page was made."""

    def __init__(self, current: Current):
        super().__init__("the sheet changed since it was opened")
        self.current = current


def sha(text: Optional[str]) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() if text is not None else "-"


def token_of(text: Optional[str], draft: Optional[str]) -> str:
    return f"{sha(text)[:20]}.{sha(draft)[:20]}"


def now() -> str:
    return datetime.datetime.now().astimezone().isoformat(timespec="seconds")


class Store:
    """The drafts and history of one data folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / FOLDER

    # -- reading ----------------------------------------------------------------------

    def current(self, ref: SheetRef) -> Current:
        text = _read(self.data_dir / ref.path)
        draft = self.draft(ref)
        return Current(text, draft, token_of(text, draft.text if draft else None), self.history(ref))

    def draft(self, ref: SheetRef) -> Optional[Draft]:
        text = _read(self._draft_path(ref))
        if text is None:
            return None
        meta = _json(self._draft_path(ref).with_suffix(".json"))
        return Draft(text, str(meta.get("who", "")), str(meta.get("when", "")))

    def history(self, ref: SheetRef) -> list[Entry]:
        """Newest first."""
        log = self.root / "history" / ref.key / "log.jsonl"
        entries = []
        try:
            lines = log.read_text(encoding="utf-8").splitlines()
        except OSError:
            return []
        for line in lines:
            try:
                item = json.loads(line)
                entries.append(Entry(int(item["n"]), str(item["when"]), str(item["who"]), str(item["action"]),
                                     str(item["sha"]), tuple(item.get("changed", ())), item.get("restored")))
            except (ValueError, KeyError, TypeError):
                continue  # a line cut short by a crash: the others still count
        return sorted(entries, key=lambda entry: entry.number, reverse=True)

    def version(self, ref: SheetRef, number: int) -> Optional[str]:
        return _read(self.root / "history" / ref.key / f"{number}.yaml")

    def drafts(self) -> dict[str, Draft]:
        """Every draft, by its sheet's key."""
        found = {}
        for path in sorted((self.root / "drafts").glob("*.yaml")):
            draft = _read(path)
            if draft is not None:
                meta = _json(path.with_suffix(".json"))
                found[path.stem] = Draft(draft, str(meta.get("who", "")), str(meta.get("when", "")))
        return found

    # -- writing ----------------------------------------------------------------------

    def save(self, ref: SheetRef, text: str, who: str, token: str, good: bool, changed: tuple[str, ...] = (),
             restored: Optional[int] = None) -> Entry:
        """Write ``text`` as the sheet (``good``) or as its draft, if the sheet and its
        draft are still those of ``token``; the history gets the version written."""
        with _lock, self._locked():
            current = self.current(ref)
            if current.token != token:
                raise Conflict(current)
            if good:
                self._keep_found(ref, current)
                write_atomic(self.data_dir / ref.path, text.encode("utf-8"))
                for suffix in (".yaml", ".json"):
                    self._draft_path(ref).with_suffix(suffix).unlink(missing_ok=True)
                action = "restore" if restored is not None else "save"
            else:
                self._keep_found(ref, current)
                write_atomic(self._draft_path(ref), text.encode("utf-8"))
                write_atomic(self._draft_path(ref).with_suffix(".json"),
                             json.dumps({"who": who, "when": now()}, ensure_ascii=False).encode("utf-8"))
                action = "draft"
            return self._append(ref, text, who, action, changed, restored)

    def discard_draft(self, ref: SheetRef, token: str) -> None:
        with _lock, self._locked():
            current = self.current(ref)
            if current.token != token:
                raise Conflict(current)
            for suffix in (".yaml", ".json"):
                self._draft_path(ref).with_suffix(suffix).unlink(missing_ok=True)

    def _keep_found(self, ref: SheetRef, current: Current) -> None:
        """The sheet as it is on disk, into the history, unless its last entry already has
        it: the first save from the browser, or one after an edit in a text editor."""
        if current.text is None:
            return
        saved = [entry for entry in current.history if entry.action != "draft"]
        if saved and saved[0].sha == sha(current.text):
            return
        try:
            stamp = datetime.datetime.fromtimestamp(os.stat(self.data_dir / ref.path).st_mtime).astimezone()
            when = stamp.isoformat(timespec="seconds")
        except OSError:
            when = now()
        self._append(ref, current.text, "", "found", (), None, when)

    def _append(self, ref: SheetRef, text: str, who: str, action: str, changed: tuple[str, ...],
                restored: Optional[int], when: str = "") -> Entry:
        folder = self.root / "history" / ref.key
        history = self.history(ref)
        entry = Entry((history[0].number + 1) if history else 1, when or now(), who, action, sha(text), changed,
                      restored)
        write_atomic(folder / f"{entry.number}.yaml", text.encode("utf-8"))
        record = {"n": entry.number, "when": entry.when, "who": who, "action": action, "sha": entry.sha,
                  "changed": list(changed)}
        if restored is not None:
            record["restored"] = restored
        lines = [json.dumps(record, ensure_ascii=False)] + [
            json.dumps({"n": e.number, "when": e.when, "who": e.who, "action": e.action, "sha": e.sha,
                        "changed": list(e.changed), **({"restored": e.restored} if e.restored is not None else {})},
                       ensure_ascii=False) for e in history[: KEEP - 1]]
        write_atomic(folder / "log.jsonl", ("\n".join(reversed(lines)) + "\n").encode("utf-8"))
        for old in history[KEEP - 1:]:
            (folder / f"{old.number}.yaml").unlink(missing_ok=True)
        return entry

    def _draft_path(self, ref: SheetRef) -> Path:
        return self.root / "drafts" / f"{ref.key}.yaml"

    def _locked(self):
        self.root.mkdir(parents=True, exist_ok=True)
        return locked(self.root)


def _read(path: Path) -> Optional[str]:
    """A file's text (UTF-8, or UTF-16 with its byte-order mark, as the loader reads
    sheets), or None when it is not there or cannot be read as text."""
    try:
        data = path.read_bytes()
        return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _json(path: Path) -> dict:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}
