"""Finished documents kept in memory for downloading: the desk writes nothing to disk, so a
visitor's name never lingers in a folder. The oldest go first once there are too
many or they take too much room; a token is unguessable, so one visit's files are not found
by counting."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from typing import Optional

from briefing.desk.work import Made

KEEP = 50  # presses of the button remembered
MAX_BYTES = 300 * 1024 * 1024  # ~150 visits' worth of brochures in two languages


class Results:
    def __init__(self, keep: int = KEEP, max_bytes: int = MAX_BYTES):
        self.keep, self.max_bytes = keep, max_bytes
        self._made: OrderedDict[str, Made] = OrderedDict()
        self._lock = threading.Lock()  # the server answers on several threads

    def add(self, made: Made) -> str:
        token = secrets.token_urlsafe(16)
        with self._lock:
            self._made[token] = made
            while len(self._made) > self.keep or (len(self._made) > 1 and self._bytes() > self.max_bytes):
                self._made.popitem(last=False)
        return token

    def get(self, token: str) -> Optional[Made]:
        with self._lock:
            return self._made.get(token)

    def _bytes(self) -> int:
        return sum(made.size for made in self._made.values())
