"""Who may edit fact sheets in the browser, and how the desk knows them.

- **Editors**: a file of accounts (``briefing editor add``), each a name, a password stored as
  an scrypt hash (a memory-hard KDF from the standard library: every guess costs 32 MiB and
  a tenth of a second), and what it may edit: some parks, or the zone (every sheet). It is
  read at each sign-in, so an editor added or removed counts at once.
- **Sessions**: an unguessable token in a cookie (HttpOnly, SameSite=Strict, Secure over
  HTTPS), kept in the desk's memory: signing out ends it, and so do two idle hours, twelve
  hours in all, or the desk restarting. Each session has its CSRF token, which every form
  carries back.
- **Throttle**: five wrong passwords from one address, or ten for one name, in fifteen
  minutes, and sign-in is refused there until the oldest is fifteen minutes old.

On this computer alone (the desk listening on loopback) with no editors set up, the person
at the computer edits every sheet without a password, as they could edit the files; once
there is an editor, everyone signs in. On the network editing needs editors
(``server.py`` refuses to start otherwise).
"""

from __future__ import annotations

import base64
import functools
import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from briefing.errors import BriefingError
from briefing.messages import msg
from briefing.operators.versions import SheetRef

#: scrypt's cost: 2^15 blocks of 8 x 128 bytes (32 MiB), one lane; OWASP's minimum is 2^17 with
#: r=8 for a server with many users; a desk has a handful, and answers on four threads.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1
SCRYPT_MAXMEM = 64 * 1024 * 1024
MIN_PASSWORD = 10
NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")
IDLE = 2 * 3600  # seconds without a request before a session ends
LONGEST = 12 * 3600  # a working day: then the editor signs in again
MAX_SESSIONS = 1000  # signed in or about to: the oldest go first
#: Sign-in failures allowed in the window, from one address and for one name.
WINDOW, PER_ADDRESS, PER_NAME = 15 * 60, 5, 10
COOKIE = "briefing_session"


def default_file() -> Path:
    """Where the editors are kept unless ``--editors`` says otherwise: the user's own
    configuration folder, outside the data folder (which may be shared or in git)."""
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "briefing" / "editors.json"


@dataclass(frozen=True)
class Editor:
    """Someone who may edit: a park operator (their parks) or the office (``zone``: every sheet)."""

    name: str
    parks: tuple[str, ...] = ()
    zone: bool = False
    local: bool = False  # the person at the desk's own computer, without a password

    def may_edit(self, ref: SheetRef) -> bool:
        return self.zone or (ref.kind == "parks" and ref.id in self.parks)


# -- the editors' file -------------------------------------------------------------------

def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
                            maxmem=SCRYPT_MAXMEM, dklen=32)
    return "$".join(["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), _b64(salt), _b64(digest)])


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` gives ``stored`` (its own cost parameters, so they can be raised later)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(password.encode("utf-8"), salt=_unb64(salt), n=int(n), r=int(r), p=int(p),
                             maxmem=SCRYPT_MAXMEM, dklen=len(_unb64(digest)))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, _unb64(digest))


@functools.cache
def _dummy() -> str:
    """Checked against when the name is unknown, so an unknown name takes as long as a
    wrong password."""
    return hash_password(secrets.token_urlsafe(12))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


class Accounts:
    """The editors' file: ``{"editors": {name: {"hash": ..., "parks": [...], "zone": bool}}}``,
    readable by its owner only."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def read(self) -> dict[str, dict]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as exc:
            raise BriefingError(msg("{path}: cannot read the editors' file ({reason}); fix it or remove it and add "
                                    "the editors again with briefing editor add", path=str(self.path),
                                    reason=str(exc))) from exc
        editors = data.get("editors") if isinstance(data, dict) else None
        return {name: entry for name, entry in (editors or {}).items() if isinstance(entry, dict)}

    def any(self) -> bool:
        return bool(self.read())

    def editors(self) -> list[Editor]:
        return [_editor(name, entry) for name, entry in sorted(self.read().items())]

    def add(self, name: str, password: str, parks: tuple[str, ...], zone: bool) -> None:
        if not NAME.fullmatch(name):
            raise BriefingError(msg("{name!r} cannot be an editor's name: use lower-case letters, digits, '.', '_' "
                                    "or '-', at most 32, e.g. liu or office", name=name))
        if len(password) < MIN_PASSWORD:
            raise BriefingError(msg("the password is too short: at least {count} characters", count=MIN_PASSWORD))
        if not parks and not zone:
            raise BriefingError(msg("say what {name} may edit: --park ID (repeatable) or --zone (every sheet)",
                                    name=name))
        editors = self.read()
        editors[name] = {"hash": hash_password(password), "parks": sorted(set(parks)), "zone": zone}
        self._write(editors)

    def remove(self, name: str) -> bool:
        editors = self.read()
        if name not in editors:
            return False
        del editors[name]
        self._write(editors)
        return True

    def current(self, name: str) -> Optional[Editor]:
        """The editor as the file says now (None once removed): a change counts at the next click."""
        entry = self.read().get(name)
        return _editor(name, entry) if entry is not None else None

    def verify(self, name: str, password: str) -> Optional[Editor]:
        entry = self.read().get(name)
        if entry is None:
            check_password(password, _dummy())
            return None
        return _editor(name, entry) if check_password(password, str(entry.get("hash", ""))) else None

    def _write(self, editors: dict) -> None:
        """Atomically, private to its owner (mkstemp makes the file 0600)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"editors": editors}, out, ensure_ascii=False, indent=2)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, self.path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise


def _editor(name: str, entry: dict) -> Editor:
    parks = tuple(str(p) for p in entry.get("parks") or () if isinstance(p, str))
    return Editor(name, parks, bool(entry.get("zone")))


def local_editor() -> Editor:
    """The person at the desk's own computer, named by their login."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "local"
    return Editor(user, zone=True, local=True)


# -- sessions -------------------------------------------------------------------------------

@dataclass
class Session:
    token: str
    csrf: str
    editor: Optional[Editor] = None  # None until signed in
    started: float = field(default_factory=time.monotonic)
    seen: float = field(default_factory=time.monotonic)

    def expired(self, at: float) -> bool:
        return at - self.seen > IDLE or at - self.started > LONGEST


class Sessions:
    """Sessions in memory, by token; the oldest go first once there are too many."""

    def __init__(self, limit: int = MAX_SESSIONS):
        self.limit = limit
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, editor: Optional[Editor] = None) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32), editor)
        with self._lock:
            self._sessions[session.token] = session
            while len(self._sessions) > self.limit:
                self._sessions.popitem(last=False)
        return session

    def get(self, token: Optional[str]) -> Optional[Session]:
        if not token:
            return None
        at = time.monotonic()
        with self._lock:
            session = self._sessions.get(token)
            if session is None:
                return None
            if session.expired(at):
                del self._sessions[token]
                return None
            session.seen = at
            self._sessions.move_to_end(token)
            return session

    def end(self, token: Optional[str]) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)


def same(given: Optional[str], expected: str) -> bool:
    """A CSRF token compared in constant time."""
    return bool(given) and hmac.compare_digest(str(given).encode("utf-8"), expected.encode("utf-8"))


# -- sign-in throttle ---------------------------------------------------------------------

class Throttle:
    """Failed sign-ins remembered for ``WINDOW`` seconds, by address and by name."""

    def __init__(self, window: float = WINDOW, per_address: int = PER_ADDRESS, per_name: int = PER_NAME):
        self.window, self.per_address, self.per_name = window, per_address, per_name
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, address: str, name: str) -> int:
        """Seconds until a sign-in from ``address`` for ``name`` is tried again (0: now)."""
        at = time.monotonic()
        with self._lock:
            waits = [self._wait(f"address:{address}", self.per_address, at),
                     self._wait(f"name:{name}", self.per_name, at)]
        return max(waits)

    def failed(self, address: str, name: str) -> None:
        at = time.monotonic()
        with self._lock:
            for key in (f"address:{address}", f"name:{name}"):
                self._failures.setdefault(key, deque()).append(at)
            if len(self._failures) > 10_000:  # a flood of names: forget the quiet ones
                for key in [k for k, times in self._failures.items() if at - times[-1] > self.window]:
                    del self._failures[key]

    def _wait(self, key: str, limit: int, at: float) -> int:
        times = self._failures.get(key)
        if not times:
            return 0
        while times and at - times[0] > self.window:
            times.popleft()
        if len(times) < limit:
            return 0
        return int(self.window - (at - times[0])) + 1
