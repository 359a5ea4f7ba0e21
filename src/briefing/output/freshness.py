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
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Optional

from briefing.messages import TRANSLATED, shown

#: Kept in the output folder beside the PDFs.
MANIFEST = ".briefing-manifest.json"
#: Bumped when the manifest's layout changes; an older manifest is ignored.
FORMAT = 3  # 2: the overview's job is named zone:<lang>; 3: files by digest, the images the sheets name
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
    every document again (more reliable than a version number nobody bumps). Remembered in
    the cache by the files' stat (``cache.stamp``), as the faces' digests are: reading and
    hashing the 1.2 MB of code and catalogs was 5-9 ms of every build, one with nothing to
    do among them."""
    from briefing.text import cache

    files = _tool_files()
    stamps = digest(*(cache.stamp(p) for p in files))
    root = cache.cache_root()
    kept = cache.kept(root / TOOL_VERSION) if root is not None else None
    if isinstance(kept, list) and len(kept) == 2 and kept[0] == stamps and isinstance(kept[1], str):
        return kept[1]
    from briefing.text.fonts import font_digest  # the faces' digests, not their 16 MB (read only if set)

    version = digest(*(str(p.name) for p in files), *(font_digest(p) if p.suffix == ".ttf" else p.read_bytes()
                                                      for p in files))
    if root is not None:
        cache.keep(root / TOOL_VERSION, [stamps, version])
    return version


#: ``tool_version``'s last answer in the cache, with the stat of the files it was made from.
TOOL_VERSION = "tool-version.marshal"


def _tool_files() -> list[Path]:
    """The package's code, catalogs and fonts (the repository's fonts/ in a source checkout)."""
    files = sorted(path for folder, folders, names in os.walk(PACKAGE) for name in names
                   if name.endswith((".py", ".po", ".ttf")) and (path := Path(folder, name)).is_file())
    if not any(p.suffix == ".ttf" for p in files):
        files += sorted((PACKAGE.parents[1] / "fonts").glob("*.ttf"))  # a source checkout keeps them beside src/
    return files


#: The sheets a build reads, as patterns from the data folder (``project.py`` loads these).
SHEETS = ("sources.yaml", "zone.yaml", "parks/*.yaml", "news/*.yaml")
#: Larger than any file a build reads: a sheet is refused over 1 MB (``load.MAX_BYTES``), an
#: image over 5 MB (``images.MAX_BYTES``); a larger file is not read to be hashed, only its
#: size and time are taken (the load that follows refuses it).
MAX_INPUT = 8 * 1024 * 1024
#: A PDF we made is a few megabytes; a recorded file larger than this is not ours any more.
MAX_OUTPUT = 256 * 1024 * 1024
#: The manifest is a few kilobytes per job.
MAX_MANIFEST = 32 * 1024 * 1024
_CHUNK = 1024 * 1024


def folder_files(data_dir: Path, images: Iterable[str] = ()) -> dict[str, str]:
    """The digest of every file a build reads, by its path from the data folder: the sheets,
    and ``images`` (the paths the sheets name, as the last build recorded them). Nothing else
    in the folder is read: a film or an archive left in data/ costs nothing. Each file is
    hashed as it is read, a chunk at a time, never held whole."""
    root = Path(data_dir)
    names = sorted({path.relative_to(root).as_posix() for pattern in SHEETS for path in root.glob(pattern)
                    if not path.name.startswith(".")})
    found = {name: file_digest(root / name, MAX_INPUT) for name in names}
    for name in map(image_name, images):
        if name not in found:
            found[name] = file_digest(root / name, MAX_INPUT) if _inside(root, name) else "outside"
    return {name: digest for name, digest in found.items() if digest is not None}


def image_name(text: str) -> str:
    """An image's path as a sheet gives it, written as the folder's files are named."""
    return PurePosixPath(text.replace("\\", "/")).as_posix()


def _inside(root: Path, name: str) -> bool:
    real = os.path.realpath(root)
    return os.path.commonpath([real, os.path.realpath(root / name)]) == real


def file_digest(path: Path, limit: int) -> Optional[str]:
    """The SHA-256 of a regular file, read in chunks; a file over ``limit`` bytes stands for
    its size and time; None for what is not a regular file (a pipe, a device, a folder: never
    read, so neither hangs nor runs forever). An unreadable file has a digest of its own."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return f"unreadable:{exc.errno}"  # loading reports it
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return None
        if info.st_size > limit:
            return f"large:{info.st_size}:{info.st_mtime_ns}"
        h = hashlib.sha256()
        with open(handle, "rb", closefd=False) as file:
            for chunk in iter(lambda: file.read(_CHUNK), b""):
                h.update(chunk)
                if file.tell() > limit:  # it grew past the limit while read
                    return f"large:{file.tell()}:{info.st_mtime_ns}"
        return h.hexdigest()
    except OSError as exc:
        return f"unreadable:{exc.errno}"
    finally:
        os.close(handle)


def read_limited(path: Path, limit: int) -> Optional[bytes]:
    """A regular file's bytes, at most ``limit``; None for anything else (a link to /dev/zero,
    a pipe, a file too large), which the caller treats as absent."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        with open(handle, "rb", closefd=False) as file:
            data = file.read(limit + 1)
        return data if len(data) <= limit else None
    except OSError:
        return None
    finally:
        os.close(handle)


def inputs_key(files: dict[str, str], relevant: Iterable[str], options: str) -> str:
    """The key of one document: its files (by name and digest), the tool, the options."""
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
    #: The images the sheets named when they were last read: a build with nothing to do hashes
    #: these and the sheets, and nothing else of the data folder.
    images: list[str] = field(default_factory=list)
    #: The warnings in other languages, by language.
    translated: dict[str, list[str]] = field(default_factory=dict)
    _verified: dict = field(default_factory=dict, repr=False)

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The folder's manifest; an unreadable or foreign one counts as empty (all stale)."""
        data = read_limited(Path(folder) / MANIFEST, MAX_MANIFEST)  # never a device, a pipe or a giant
        try:
            raw = json.loads(data.decode("utf-8")) if data is not None else {}
            if raw.get("format") != FORMAT:
                return cls(Path(folder))
            return cls(Path(folder), dict(raw["jobs"]), list(raw["warnings"]), str(raw["checked"]),
                       [str(name) for name in raw["images"]],
                       {str(lang): [str(line) for line in lines] for lang, lines in raw["translated"].items()})
        except (ValueError, KeyError, TypeError, AttributeError):
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
        # Each file streamed, and only a regular file of a PDF's size: a recorded PDF replaced
        # by a link to /dev/zero or by a pipe is stale, not read for ever.
        return all(file_digest(self.folder / name, MAX_OUTPUT) == sha256 for name, sha256 in entry["files"].items())

    def files_of(self, job: str) -> list[str]:
        entry = self.jobs.get(job)
        return list(entry.get("files", {})) if isinstance(entry, dict) else []

    def record(self, job: str, key: str, documents) -> None:
        """``documents`` (with ``name``, ``data`` or its ``sha256``, and ``notes``) were just made
        from ``key``."""
        notes = [(d.name, note) for d in documents for note in getattr(d, "notes", [])]
        self.jobs[job] = {"key": key, "files": {d.name: getattr(d, "sha256", "") or hashlib.sha256(d.data).hexdigest()
                                                for d in documents},
                          "notes": [f"{name}: {note}" for name, note in notes],
                          # and in each language a user may read them in (a kept file's notes are
                          # shown from here, when the messages they were made of are long gone)
                          "notes_in": {lang: [f"{name}: {shown(note, lang)}" for name, note in notes]
                                       for lang in TRANSLATED}}

    def notes_of(self, job: str, lang: str = "en") -> list[str]:
        """What the layout said about a job's files when they were made (what was left out),
        in ``lang`` when it was kept in it, else in English."""
        entry = self.jobs.get(job)
        if not isinstance(entry, dict):
            return []
        translated = entry.get("notes_in", {})
        notes = translated.get(lang) if isinstance(translated, dict) and lang in translated else entry.get("notes", [])
        return [str(note) for note in notes] if isinstance(notes, list) else []

    def dumps(self) -> bytes:
        raw = {"format": FORMAT, "checked": self.checked, "warnings": self.warnings, "images": sorted(self.images),
               "translated": self.translated,
               "jobs": dict(sorted(self.jobs.items()))}
        return json.dumps(raw, ensure_ascii=False, indent=1).encode("utf-8")
