"""Which documents a build may skip: every input a document is made from (its fact sheets and
images, the shipped fonts, the code and its catalogs, the build's options) hashed into one key;
a manifest in the output folder remembers the key each job's files were made from, and each
file's own hash, so that a file someone changed or deleted is made again.

Light on purpose (no ReportLab, no YAML): a build with nothing to do decides so from file
bytes alone and never loads the layout machinery.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Kept in the output folder beside the PDFs.
MANIFEST = ".briefing-manifest.json"
#: Bumped when the manifest's layout changes; an older manifest is ignored.
FORMAT = 2  # 2: the overview's job is named zone:<lang>
PACKAGE = Path(__file__).resolve().parents[1]  # briefing/, whose code and catalogs make the documents


def digest(*parts: bytes | str) -> str:
    """One SHA-256 over the parts, each length-prefixed so that parts cannot run together."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


@functools.cache
def tool_version() -> str:
    """The code, catalogs and fonts that make a document: a change to any of them makes
    every document again (more reliable than a version number nobody bumps)."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".po", ".ttf") and p.is_file())
    fonts = PACKAGE.parents[1] / "fonts"  # a source checkout keeps them beside src/
    files += sorted(fonts.glob("*.ttf")) if not any(p.suffix == ".ttf" for p in files) else []
    return digest(*(str(p.name) for p in files), *(p.read_bytes() for p in files))


def folder_files(data_dir: Path) -> dict[str, bytes]:
    """Every regular file of the data folder by its path inside it (links are followed only
    inside the folder; loading refuses the rest and reports them)."""
    found = {}
    for path in sorted(Path(data_dir).rglob("*")):
        if path.is_file() and not path.name.startswith("."):
            try:
                found[path.relative_to(data_dir).as_posix()] = path.read_bytes()
            except OSError:
                found[path.relative_to(data_dir).as_posix()] = b"unreadable"  # loading reports it
    return found


def inputs_key(files: dict[str, bytes], relevant: Iterable[str], options: str) -> str:
    """The key of one document: its files (by name and bytes), the tool, the options."""
    names = sorted(set(relevant) & files.keys())
    return digest(tool_version(), options, *names, *(files[n] for n in names))


@dataclass
class Manifest:
    """What each job's files were made from: {job: {"key": ..., "files": {name: sha256}}}, and
    the warnings of the build that made them, replayed when a build has nothing to do."""

    folder: Path
    jobs: dict[str, dict] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    checked: str = ""  # the key of the data, the tool and the day the warnings were found
    _verified: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The folder's manifest; an unreadable or foreign one counts as empty (all stale)."""
        try:
            raw = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
            if raw.get("format") != FORMAT:
                return cls(Path(folder))
            return cls(Path(folder), dict(raw["jobs"]), list(raw["warnings"]), str(raw["checked"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(Path(folder))

    def fresh(self, job: str, key: str) -> bool:
        """Were this job's files made from ``key``, and are they all still as they were made?
        (Each job's files are read and hashed once, however often a build asks.)"""
        if (job, key) not in self._verified:
            self._verified[(job, key)] = self._verify(job, key)
        return self._verified[(job, key)]

    def _verify(self, job: str, key: str) -> bool:
        entry = self.jobs.get(job)
        if not isinstance(entry, dict) or entry.get("key") != key or not entry.get("files"):
            return False
        for name, sha256 in entry["files"].items():
            try:
                data = (self.folder / name).read_bytes()
            except OSError:
                return False
            if hashlib.sha256(data).hexdigest() != sha256:
                return False
        return True

    def files_of(self, job: str) -> list[str]:
        entry = self.jobs.get(job)
        return list(entry.get("files", {})) if isinstance(entry, dict) else []

    def record(self, job: str, key: str, documents) -> None:
        """``documents`` (with ``name``, ``data`` and ``notes``) were just made from ``key``."""
        self.jobs[job] = {"key": key, "files": {d.name: hashlib.sha256(d.data).hexdigest() for d in documents},
                          "notes": [f"{d.name}: {note}" for d in documents for note in getattr(d, "notes", [])]}

    def notes_of(self, job: str) -> list[str]:
        """What the layout said about a job's files when they were made (what was left out)."""
        entry = self.jobs.get(job)
        notes = entry.get("notes", []) if isinstance(entry, dict) else []
        return [str(note) for note in notes] if isinstance(notes, list) else []

    def dumps(self) -> bytes:
        raw = {"format": FORMAT, "checked": self.checked, "warnings": self.warnings,
               "jobs": dict(sorted(self.jobs.items()))}
        return json.dumps(raw, ensure_ascii=False, indent=1).encode("utf-8")
